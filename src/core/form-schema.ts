/**
 * Typed forms: zod builders for the values a form's fields submit, with the error words in
 * the person's language, and the parser that turns a submission into typed values or errors
 * per field. A flow declares one schema per form; the engine parses a submission with it, so
 * a form is never rebuilt just to check what came back.
 */
import { z } from 'zod';
import type { Translator } from './i18n/index.js';

export type SubmittedValues = Record<string, string | string[]>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A decimal number: digits, optionally a sign and a decimal point or comma. */
const DECIMAL_RE = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/;

/** A submitted value as one trimmed text (a list is joined, as a platform may send one). */
const asText = (value: unknown): unknown =>
  value === undefined || value === null
    ? ''
    : Array.isArray(value)
      ? value.join(', ').trim()
      : typeof value === 'string'
        ? value.trim()
        : value;

/** A submitted value as a list of non-empty, trimmed, distinct strings. */
const asList = (value: unknown): unknown => {
  if (value === undefined || value === null || value === '') return [];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) return list;
  return [...new Set(list.map((v) => (typeof v === 'string' ? v.trim() : v)).filter(Boolean))];
};

const length = (s: string) => [...s].length;

/** Builders for the fields of a form, bound to the language its errors are written in. */
export function formFields(t: Translator) {
  const required = t('form.required');
  const text = (max: number) =>
    z.preprocess(
      asText,
      z
        .string()
        .min(1, required)
        .refine((s) => length(s) <= max, t('form.tooLong', { max })),
    );
  const optionalText = (max: number) =>
    z.preprocess(
      asText,
      z
        .string()
        .refine((s) => length(s) <= max, t('form.tooLong', { max }))
        .transform((s) => (s === '' ? undefined : s)),
    );
  return {
    /** A required text of at most `max` characters (counted as people count them). */
    text,
    /** An optional text: `undefined` when left empty. */
    optionalText,
    /** One of these values. */
    select<const V extends readonly [string, ...string[]]>(values: V) {
      return z.preprocess(
        asText,
        z
          .string()
          .min(1, required)
          .refine((v) => values.includes(v), t('form.invalidOption'))
          .transform((v) => v as V[number]),
      );
    },
    /** Some of these values: at least one when `min` is 1, at most `max`. */
    multiSelect(values: readonly string[], options: { min?: number; max?: number } = {}) {
      const { min = 1, max } = options;
      return z.preprocess(
        asList,
        z
          .array(z.string())
          .refine((list) => list.length >= min, required)
          .refine((list) => list.every((v) => values.includes(v)), t('form.invalidOption'))
          .refine(
            (list) => max === undefined || list.length <= max,
            t('form.tooMany', { max: max ?? 0 }),
          ),
      );
    },
    /** A calendar date, `YYYY-MM-DD`, that exists. */
    date() {
      return z.preprocess(
        asText,
        z
          .string()
          .min(1, required)
          .refine((value) => {
            const date = new Date(`${value}T00:00:00Z`);
            return (
              DATE_RE.test(value) &&
              !Number.isNaN(date.getTime()) &&
              date.toISOString().slice(0, 10) === value
            );
          }, t('form.invalidDate')),
      );
    },
    /** An http(s) link of at most `max` characters. */
    url(max = 2000) {
      return z.preprocess(
        asText,
        z
          .string()
          .min(1, required)
          .refine((s) => length(s) <= max, t('form.tooLong', { max }))
          .refine((s) => {
            try {
              const u = new URL(s);
              return u.protocol === 'https:' || u.protocol === 'http:';
            } catch {
              return false;
            }
          }, t('form.invalidUrl'))
          .transform((s) => new URL(s).toString())
          // Normalising may lengthen it (spaces and non-ASCII are percent-encoded).
          .refine((s) => length(s) <= max, t('form.tooLong', { max })),
      );
    },
    /** A number (a decimal comma is fine) within bounds. */
    number(bounds: { min?: number; max?: number } = {}) {
      return z.preprocess(
        asText,
        z
          .string()
          .min(1, required)
          // Written as people write a number (not `0x10`, `1e3` or `Infinity`, which Number takes).
          .refine((s) => DECIMAL_RE.test(s), t('form.invalidNumber'))
          .transform((s) => Number(s.replace(',', '.')))
          .refine((n) => Number.isFinite(n), t('form.invalidNumber'))
          .refine(
            (n) => bounds.min === undefined || n >= bounds.min,
            t('form.tooSmall', { min: bounds.min ?? 0 }),
          )
          .refine(
            (n) => bounds.max === undefined || n <= bounds.max,
            t('form.tooLarge', { max: bounds.max ?? 0 }),
          ),
      );
    },
  };
}
export type FormFields = ReturnType<typeof formFields>;

export type ParsedSubmission<T> =
  | { ok: true; values: T }
  | { ok: false; errors: Record<string, string> };

/**
 * Parses a submission with a form's schema: typed values, or the first error per field (the
 * field is the first element of the issue's path; an error of the whole form goes to `_form`).
 */
export function parseSubmission<T>(
  schema: z.ZodType<T>,
  submitted: SubmittedValues,
): ParsedSubmission<T> {
  const result = schema.safeParse(submitted);
  if (result.success) return { ok: true, values: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = typeof issue.path[0] === 'string' ? issue.path[0] : '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
