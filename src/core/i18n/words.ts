/**
 * A flow's own words: its catalogue in Dutch and English, typed so that the English one has
 * exactly the keys and parameters of the Dutch one (a missing key fails the build), every key
 * under the flow's own prefix (`onboarding.…`), merged with the shared catalogue: a flow's
 * translator knows its own keys and the shared ones (`common.…`, `form.…`, `partnerType.…`).
 */
import type { Locale } from '../events.js';
import { type MessageKey, type ParamsOf, t as sharedT } from './index.js';

/** A word: a text, or a function of its parameters. */
export type Entry = string | ((params: never) => string);
export type Words<P extends string> = Record<`${P}.${string}`, Entry>;

type EntryParams<E> = E extends (params: infer A) => string ? [params: A] : [];

/** The English catalogue must mirror the Dutch one: the same keys, the same parameters. */
export type Mirror<W> = { [K in keyof W]: W[K] extends string ? string : W[K] };

/** Translates a flow's own keys and the shared ones, in one language. */
export interface FlowTranslator<W> {
  <K extends keyof W & string>(key: K, ...params: EntryParams<W[K]>): string;
  <K extends MessageKey>(key: K, ...params: ParamsOf<K>): string;
}

export interface FlowWords<W> {
  readonly prefix: string;
  /** A translator bound to a language: the flow's words first, then the shared catalogue. */
  t(locale: Locale): FlowTranslator<W>;
  /** Every key of the flow's catalogue (for the registry's collision check). */
  keys(): string[];
}

const registered = new Map<string, string>();

/**
 * Defines a flow's words. Keys must start with `<prefix>.`; a key already defined by the
 * shared catalogue or by another flow is refused when the module loads.
 */
export function defineWords<const P extends string, const W extends Words<P>>(
  prefix: P,
  nl: W,
  en: Mirror<W>,
): FlowWords<W> {
  const catalogues: Record<Locale, Record<string, Entry>> = { nl, en: en as Record<string, Entry> };
  for (const key of Object.keys(nl)) {
    if (!key.startsWith(`${prefix}.`)) throw new Error(`word ${key} is outside ${prefix}.`);
    const owner = registered.get(key);
    if (owner !== undefined && owner !== prefix)
      throw new Error(`word ${key} is defined by ${owner} and ${prefix}`);
    registered.set(key, prefix);
  }
  return {
    prefix,
    keys: () => Object.keys(nl),
    t(locale: Locale) {
      const own = catalogues[locale];
      const translate = (key: string, ...params: unknown[]): string => {
        const entry = own[key];
        if (entry === undefined) {
          const shared = (sharedT as (l: Locale, k: string, ...p: unknown[]) => unknown)(
            locale,
            key,
            ...params,
          );
          if (typeof shared !== 'string') throw new Error(`no ${locale} words for ${key}`);
          return shared;
        }
        return typeof entry === 'function' ? (entry as (p: unknown) => string)(params[0]) : entry;
      };
      return translate as FlowTranslator<W>;
    },
  };
}
