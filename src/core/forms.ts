/**
 * Checks a form submission against the form it answers: required fields, lengths,
 * options, urls, dates and numbers. Errors come back per field in the user's language, so
 * every adapter can show them next to the field (Slack response_action, Adaptive Card
 * resend, the web chat's inline messages).
 */
import type { Translator } from './i18n/index.js';
import type { Form, FormField } from './messages.js';

export type SubmittedValues = Record<string, string | string[]>;
export type CleanValue = string | string[] | number | undefined;
export type CleanValues = Record<string, CleanValue>;

export type SubmissionResult =
  | { ok: true; values: CleanValues }
  | { ok: false; errors: Record<string, string> };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : value.split(',');
  return list.map((v) => v.trim()).filter((v) => v.length > 0);
}

function asText(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  return (Array.isArray(value) ? value.join(', ') : value).trim();
}

function checkField(field: FormField, raw: string | string[] | undefined, t: Translator) {
  if (field.type === 'multiSelect') {
    const chosen = asList(raw);
    if (chosen.length === 0) return field.required ? { error: t('form.required') } : { value: [] };
    const allowed = new Set(field.options.map((o) => o.value));
    if (chosen.some((c) => !allowed.has(c))) return { error: t('form.invalidOption') };
    if (field.maxSelected !== undefined && chosen.length > field.maxSelected) {
      return { error: t('form.tooMany', { max: field.maxSelected }) };
    }
    return { value: [...new Set(chosen)] };
  }
  const value = asText(raw);
  if (value === '') return field.required ? { error: t('form.required') } : { value: undefined };
  switch (field.type) {
    case 'text':
    case 'longText':
      return [...value].length > field.maxLength
        ? { error: t('form.tooLong', { max: field.maxLength }) }
        : { value };
    case 'url': {
      if ([...value].length > field.maxLength)
        return { error: t('form.tooLong', { max: field.maxLength }) };
      try {
        const url = new URL(value);
        if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
        return { value: url.toString() };
      } catch {
        return { error: t('form.invalidUrl') };
      }
    }
    case 'select':
      return field.options.some((o) => o.value === value)
        ? { value }
        : { error: t('form.invalidOption') };
    case 'date': {
      const date = new Date(`${value}T00:00:00Z`);
      if (
        !DATE_RE.test(value) ||
        Number.isNaN(date.getTime()) ||
        date.toISOString().slice(0, 10) !== value
      ) {
        return { error: t('form.invalidDate') };
      }
      return { value };
    }
    case 'number': {
      const n = Number(value.replace(',', '.'));
      if (!Number.isFinite(n)) return { error: t('form.invalidNumber') };
      if (field.min !== undefined && n < field.min)
        return { error: t('form.tooSmall', { min: field.min }) };
      if (field.max !== undefined && n > field.max)
        return { error: t('form.tooLarge', { max: field.max }) };
      return { value: n };
    }
  }
}

export function validateSubmission(
  form: Form,
  submitted: SubmittedValues,
  t: Translator,
): SubmissionResult {
  const errors: Record<string, string> = {};
  const values: CleanValues = {};
  for (const field of form.fields) {
    const result = checkField(field, submitted[field.name], t);
    if ('error' in result && result.error) errors[field.name] = result.error;
    else if ('value' in result) values[field.name] = result.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The same form again, with the person's input kept and the errors next to the fields. */
export function formWithErrors(
  form: Form,
  submitted: SubmittedValues,
  errors: Record<string, string>,
): Form {
  return { ...form, values: submitted, errors };
}

export function stringValue(values: CleanValues, name: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : '';
}

export function listValue(values: CleanValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : [];
}
