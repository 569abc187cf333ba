import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src/core/errors.js';
import { en } from '../../../src/core/i18n/en.js';
import {
  errorMessage,
  formatDate,
  joinList,
  localeFromAcceptLanguage,
  t,
  topicLabel,
  weekdayName,
} from '../../../src/core/i18n/index.js';
import { type Catalogue, nl } from '../../../src/core/i18n/nl.js';
import { defineWords } from '../../../src/core/i18n/words.js';

const SAMPLE = new Proxy(
  {},
  { get: (_target, key) => (key === 'max' || key === 'min' ? 150 : `‹${String(key)}›`) },
);

describe('the Dutch and English catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('say something in both languages for every key', () => {
    for (const key of Object.keys(nl) as (keyof Catalogue)[]) {
      for (const catalogue of [nl, en]) {
        const entry = catalogue[key] as string | ((p: unknown) => string);
        const words = typeof entry === 'function' ? entry(SAMPLE) : entry;
        expect(words.trim().length, `${key}`).toBeGreaterThan(0);
        expect(words).not.toContain('undefined');
      }
    }
  });

  it('explain every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(errorMessage('nl', code, { word: 'fietsen' })).not.toBe(
        errorMessage('en', code, { word: 'fietsen' }),
      );
    }
    expect(errorMessage('nl', 'unknown_command', { word: 'fietsen' })).toContain('"fietsen"');
    expect(errorMessage('nl', 'unknown_command', { word: 'fietsen' })).toContain('hulp');
    expect(errorMessage('en', 'unknown_command', { word: 'fietsen' })).toContain('help');
  });

  it('fills in parameters', () => {
    expect(t('nl', 'form.tooLong', { max: 150 })).toBe('Maximaal 150 tekens.');
    expect(t('en', 'help.header', { alliance: 'RES West' })).toBe(
      'What I can do for you in RES West',
    );
  });

  it("merges a flow's own words with the shared ones, typed", () => {
    const flowWords = defineWords(
      'kit-test',
      { 'kit-test.hello': (p: { name: string }) => `Hallo ${p.name}`, 'kit-test.bye': 'Dag' },
      { 'kit-test.hello': (p) => `Hello ${p.name}`, 'kit-test.bye': 'Bye' },
    );
    const en = flowWords.t('en');
    expect(en('kit-test.hello', { name: 'Anna' })).toBe('Hello Anna');
    expect(flowWords.t('nl')('kit-test.bye')).toBe('Dag');
    // The shared catalogue is reachable through the same translator.
    expect(en('form.tooLong', { max: 3 })).toBe('At most 3 characters.');
    // @ts-expect-error a key neither the flow nor the shared catalogue has
    expect(() => en('kit-test.missing')).toThrow();
    expect(() =>
      defineWords('other', { 'kit-test.hello': 'x' } as never, { 'kit-test.hello': 'x' } as never),
    ).toThrow(/outside other/);
  });

  it("fails the typecheck when a flow's English words miss a key or a parameter", () => {
    const typed = defineWords(
      'kit-typed',
      { 'kit-typed.a': 'A', 'kit-typed.b': (p: { n: number }) => `${p.n}` },
      // @ts-expect-error 'kit-typed.b' is missing
      { 'kit-typed.a': 'A' },
    );
    expect(typed.t('nl')('kit-typed.b', { n: 2 })).toBe('2');
    expect(() => typed.t('en')('kit-typed.b', { n: 2 })).toThrow(/no en words/);
  });

  it('fails the typecheck when a language misses a key', () => {
    const { 'help.intro': _left, ...rest } = en;
    // @ts-expect-error 'help.intro' is missing
    const incomplete: Catalogue = rest;
    expect(Object.keys(incomplete)).not.toContain('help.intro');
  });
});

describe('dates in the alliance time zone', () => {
  it('shows Amsterdam time on both sides of the March change', () => {
    expect(formatDate('2026-03-29T00:30:00Z', 'nl', 'Europe/Amsterdam', 'HH:mm')).toBe('01:30');
    expect(formatDate('2026-03-29T01:30:00Z', 'nl', 'Europe/Amsterdam', 'HH:mm')).toBe('03:30');
  });

  it('shows Amsterdam time on both sides of the October change', () => {
    expect(formatDate('2026-10-25T00:30:00Z', 'nl', 'Europe/Amsterdam', 'HH:mm')).toBe('02:30');
    expect(formatDate('2026-10-25T01:30:00Z', 'nl', 'Europe/Amsterdam', 'HH:mm')).toBe('02:30');
  });

  it('uses Dutch and English month names', () => {
    expect(formatDate('2026-03-03T09:00:00Z', 'nl', 'Europe/Amsterdam')).toBe('3 maart 2026');
    expect(formatDate('2026-03-03T09:00:00Z', 'en', 'Europe/Amsterdam')).toBe('3 March 2026');
    expect(formatDate('2026-03-03T09:00:00Z', 'nl', 'Europe/Amsterdam', 'dateTime')).toBe(
      'di 3 maart 2026 10:00',
    );
  });

  it('joins lists and labels topics', () => {
    expect(joinList(['zon', 'wind', 'warmte'], 'nl')).toBe('zon, wind en warmte');
    expect(joinList(['sun', 'wind'], 'en')).toBe('sun and wind');
    expect(joinList(['zon'], 'nl')).toBe('zon');
    expect(topicLabel('ruimtelijke-inpassing')).toBe('Ruimtelijke inpassing');
  });
});

describe('the language a browser prefers', () => {
  it('is English only when English is preferred over Dutch', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,nl;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('de-DE, en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('nl;q=0.4, EN-us;q=0.6')).toBe('en');
    expect(localeFromAcceptLanguage('en, nl')).toBe('en');
    expect(localeFromAcceptLanguage('nl-NL,nl;q=0.9,en;q=0.8')).toBe('nl');
    expect(localeFromAcceptLanguage('nl-BE, en')).toBe('nl');
    expect(localeFromAcceptLanguage('nl;q=0.9, en;q=0.9')).toBe('nl');
  });

  it('is Dutch when the header is missing, names neither or is malformed', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('nl');
    expect(localeFromAcceptLanguage('')).toBe('nl');
    expect(localeFromAcceptLanguage('fr-FR,de;q=0.8,*;q=0.5')).toBe('nl');
    expect(localeFromAcceptLanguage('en;q=0')).toBe('nl');
    expect(localeFromAcceptLanguage('en;q=abc')).toBe('nl');
    expect(localeFromAcceptLanguage(';;,,==')).toBe('nl');
    expect(localeFromAcceptLanguage('english')).toBe('nl');
  });
});

describe('weekdayName', () => {
  it('names every iCalendar weekday in Dutch and English, Monday first', () => {
    const codes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
    expect(codes.map((c) => weekdayName(c, 'nl'))).toEqual([
      'maandag',
      'dinsdag',
      'woensdag',
      'donderdag',
      'vrijdag',
      'zaterdag',
      'zondag',
    ]);
    expect(codes.map((c) => weekdayName(c, 'en'))).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
  });
});
