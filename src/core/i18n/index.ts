/**
 * Translation and date formatting. `t(locale, key, params)` looks a key up in the typed
 * catalogues; dates are shown in the alliance's time zone with date-fns' locales.
 */
import { TZDate } from '@date-fns/tz';
import { format as formatDateFns } from 'date-fns';
import { enGB, nl as nlLocale } from 'date-fns/locale';
import type { ErrorCode } from '../errors.js';
import type { Locale } from '../events.js';
import { en } from './en.js';
import { type Catalogue, nl } from './nl.js';

export type { Catalogue };
export type MessageKey = keyof Catalogue;
export type ParamsOf<K extends MessageKey> = Catalogue[K] extends (params: infer P) => string
  ? [params: P]
  : [];

const CATALOGUES: Record<Locale, Catalogue> = { nl, en };

// Every error code must have words in the catalogue (fails the typecheck otherwise).
const _everyErrorHasWords: Record<`errors.${ErrorCode}`, unknown> = nl;
void _everyErrorHasWords;

export function t<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsOf<K>): string {
  const entry = CATALOGUES[locale][key] as string | ((p: unknown) => string);
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

/** A translator bound to one language. */
export type Translator = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

export function translator(locale: Locale): Translator {
  return (key, ...params) => t(locale, key, ...params);
}

/** Words for an error code, with the error's params where the template wants them. */
export function errorMessage(
  locale: Locale,
  code: ErrorCode,
  params: Record<string, string> = {},
): string {
  const entry = CATALOGUES[locale][`errors.${code}`] as
    | string
    | ((p: Record<string, string>) => string);
  return typeof entry === 'function' ? entry({ word: '', ...params }) : entry;
}

/**
 * The language for a browser's `Accept-Language`: English when it prefers English over Dutch
 * (a higher weight, or the same weight listed first), Dutch otherwise — also when it names
 * neither, or the header is missing or malformed.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const best: Partial<Record<Locale, { q: number; at: number }>> = {};
  const ranges = (header ?? '').slice(0, 1000).split(',').slice(0, 50);
  ranges.forEach((range, at) => {
    const [tag = '', ...params] = range.trim().toLowerCase().split(';');
    const primary = tag.trim().split('-')[0];
    if (primary !== 'nl' && primary !== 'en') return;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) return;
    const seen = best[primary];
    if (!seen || q > seen.q) best[primary] = { q, at };
  });
  const { en, nl } = best;
  if (!en) return 'nl';
  if (!nl) return 'en';
  return en.q > nl.q || (en.q === nl.q && en.at < nl.at) ? 'en' : 'nl';
}

const DATE_LOCALES = { nl: nlLocale, en: enGB } as const;

export const DATE_STYLES = {
  /** 3 maart 2026 */
  date: 'd MMMM yyyy',
  /** ma 3 maart 2026 10:00 */
  dateTime: 'EEEEEE d MMMM yyyy HH:mm',
  /** 10:00 */
  time: 'HH:mm',
} as const;

/** iCalendar's weekday codes, as date-fns numbers the days (Sunday 0). */
const DAY_INDEX = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 } as const;

/** The name of a weekday (iCalendar's code, `MO`…`SU`) in the reader's language: "maandag". */
export function weekdayName(code: keyof typeof DAY_INDEX, locale: Locale): string {
  return DATE_LOCALES[locale].localize.day(DAY_INDEX[code], { width: 'wide' });
}

/** Formats an instant in a time zone and language, e.g. `3 maart 2026 10:00`. */
export function formatDate(
  instant: Date | number | string,
  locale: Locale,
  timeZone: string,
  style: keyof typeof DATE_STYLES | string = 'date',
): string {
  const pattern = style in DATE_STYLES ? DATE_STYLES[style as keyof typeof DATE_STYLES] : style;
  const zoned = new TZDate(new Date(instant).getTime(), timeZone);
  return formatDateFns(zoned, pattern, { locale: DATE_LOCALES[locale] });
}

/** `zon` → `Zon`, `ruimtelijke-inpassing` → `Ruimtelijke inpassing`. */
export function topicLabel(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "a, b en c" / "a, b and c" */
export function joinList(items: readonly string[], locale: Locale): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${t(locale, 'common.and')} ${items.at(-1)}`;
}
