/**
 * Typed form fields (src/core/form-schema.ts): what each builder accepts, the typed and
 * trimmed value it gives, the error words in the language it was built for, and the parser
 * that turns a submission into values or the first error per field. Properties with
 * fast-check pin the boundaries: a text of at most `max` accepts exactly 1..max code points
 * after trimming, a date exactly the days that exist, a select exactly its values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formFields, parseSubmission } from '../../../src/core/form-schema.js';
import { translator } from '../../../src/core/i18n/index.js';

const nl = formFields(translator('nl'));
const en = formFields(translator('en'));

/** Parses one value with one field's schema. */
function one<T>(schema: z.ZodType<T>, value: string | string[] | undefined) {
  return parseSubmission(z.object({ v: schema }), value === undefined ? {} : { v: value });
}
const accepted = <T>(schema: z.ZodType<T>, value: string | string[] | undefined) => {
  const r = one(schema, value);
  return r.ok
    ? { ok: true as const, value: r.values.v }
    : { ok: false as const, error: r.errors.v };
};
const codePoints = (s: string) => [...s].length;

/** Any text a person might type: any Unicode, spaces around, joined graphemes. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom('', ' ', '\t', '\n', '\u00a0', '\u3000'), fc.string({ maxLength: 30 }))
    .map(([ws, s]) => `${ws}${s}${ws}`),
);

describe('text(max)', () => {
  it('accepts exactly strings of 1..max code points after trimming, and gives them trimmed', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 30 }), (s, max) => {
        const r = accepted(nl.text(max), s);
        const trimmed = s.trim();
        const fits = codePoints(trimmed) >= 1 && codePoints(trimmed) <= max;
        expect(r.ok).toBe(fits);
        if (r.ok) expect(r.value).toBe(trimmed);
      }),
      { numRuns: 500 },
    );
  });

  it('counts characters as people do: an emoji of two code units is one', () => {
    expect(accepted(nl.text(3), '😀😀😀')).toEqual({ ok: true, value: '😀😀😀' });
    expect(accepted(nl.text(3), '😀😀😀😀')).toEqual({ ok: false, error: 'Maximaal 3 tekens.' });
  });

  it('says what is wrong in the language it was built for', () => {
    expect(accepted(nl.text(5), '   ')).toEqual({ ok: false, error: 'Vul dit veld in.' });
    expect(accepted(en.text(5), undefined)).toEqual({ ok: false, error: 'Please fill this in.' });
    expect(accepted(en.text(5), 'abcdef')).toEqual({ ok: false, error: 'At most 5 characters.' });
  });

  it('takes a list a platform sent as one text', () => {
    expect(accepted(nl.text(20), [' a', 'b '])).toEqual({ ok: true, value: 'a, b' });
  });
});

describe('optionalText(max)', () => {
  it('is undefined when left empty or blank, the trimmed text otherwise', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 30 }), (s, max) => {
        const r = accepted(nl.optionalText(max), s);
        const trimmed = s.trim();
        expect(r.ok).toBe(codePoints(trimmed) <= max);
        if (r.ok) expect(r.value).toBe(trimmed === '' ? undefined : trimmed);
      }),
      { numRuns: 300 },
    );
    expect(accepted(nl.optionalText(5), undefined)).toEqual({ ok: true, value: undefined });
  });
});

describe('select(values)', () => {
  const kinds = ['online', 'fysiek', 'hybride'] as const;

  it('accepts exactly one of its values (spaces around aside)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...kinds), anyText), (s) => {
        const r = accepted(nl.select(kinds), s);
        expect(r.ok).toBe((kinds as readonly string[]).includes(s.trim()));
        if (r.ok) expect(r.value).toBe(s.trim());
      }),
      { numRuns: 300 },
    );
  });

  it('asks to fill in an empty choice and to choose an option otherwise', () => {
    expect(accepted(en.select(kinds), '')).toEqual({ ok: false, error: 'Please fill this in.' });
    expect(accepted(en.select(kinds), 'Online')).toEqual({
      ok: false,
      error: 'Choose one of the options.',
    });
  });
});

describe('multiSelect(values)', () => {
  const topics = ['zon', 'wind', 'warmte', 'opslag'];

  it('gives the distinct chosen values, trimmed, and checks how many', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...topics, ' zon ', 'wind ', ''), { maxLength: 8 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 4 }),
        (chosen, min, max) => {
          const r = accepted(nl.multiSelect(topics, { min, max }), chosen);
          const distinct = [...new Set(chosen.map((c) => c.trim()).filter(Boolean))];
          expect(r.ok).toBe(distinct.length >= min && distinct.length <= max);
          if (r.ok) expect(r.value).toEqual(distinct);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a comma-separated text, refuses an unknown value and too many', () => {
    expect(accepted(nl.multiSelect(topics), 'zon, wind')).toEqual({
      ok: true,
      value: ['zon', 'wind'],
    });
    expect(accepted(nl.multiSelect(topics), [])).toEqual({ ok: false, error: 'Vul dit veld in.' });
    expect(accepted(nl.multiSelect(topics), ['zon', 'kolen'])).toEqual({
      ok: false,
      error: 'Kies een van de opties.',
    });
    expect(accepted(en.multiSelect(topics, { max: 2 }), ['zon', 'wind', 'opslag'])).toEqual({
      ok: false,
      error: 'Choose at most 2.',
    });
    expect(accepted(nl.multiSelect(topics, { min: 0 }), undefined)).toEqual({
      ok: true,
      value: [],
    });
  });
});

describe('date()', () => {
  it('accepts every day that exists, as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const day = d.toISOString().slice(0, 10);
          expect(accepted(nl.date(), ` ${day} `)).toEqual({ ok: true, value: day });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a day that does not exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 29, max: 31 }),
        (year, month, day) => {
          const exists = new Date(Date.UTC(year, month, 0)).getUTCDate() >= day;
          const text = `${year}-${String(month).padStart(2, '0')}-${day}`;
          expect(accepted(nl.date(), text).ok).toBe(exists);
        },
      ),
      { numRuns: 300 },
    );
    for (const wrong of ['2026-2-3', '03-02-2026', '2026-13-01', '2026-00-10', 'morgen']) {
      expect(accepted(en.date(), wrong)).toEqual({
        ok: false,
        error: 'Enter a date as YYYY-MM-DD.',
      });
    }
  });
});

describe('url(max)', () => {
  it('accepts http and https links, normalised, and refuses every other scheme', () => {
    expect(accepted(nl.url(), ' https://example.org ')).toEqual({
      ok: true,
      value: 'https://example.org/',
    });
    expect(accepted(nl.url(), 'http://example.org/a?b=c')).toEqual({
      ok: true,
      value: 'http://example.org/a?b=c',
    });
    for (const wrong of ['javascript:alert(1)', 'ftp://example.org/', 'example.org', 'data:,x']) {
      expect(accepted(en.url(), wrong)).toEqual({
        ok: false,
        error: 'Enter a full link starting with https://.',
      });
    }
  });

  it('never keeps a link longer than its maximum (also once normalised)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.integer({ min: 20, max: 80 }),
        (url, tail, max) => {
          const r = accepted(nl.url(max), `${url}${tail.replace(/\s/g, ' ')}`);
          if (r.ok) expect(codePoints(String(r.value))).toBeLessThanOrEqual(max);
        },
      ),
      { numRuns: 500 },
    );
    const spaced = 'https://example.org/a b c d e';
    expect(accepted(nl.url(30), spaced)).toEqual({ ok: false, error: 'Maximaal 30 tekens.' });
  });
});

describe('number(bounds)', () => {
  it('accepts a decimal number, with a point or a comma, within its bounds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        (n, comma) => {
          const fixed = n.toFixed(2);
          const typed = comma ? fixed.replace('.', ',') : fixed;
          const r = accepted(nl.number({ min: -1000, max: 1000 }), typed);
          expect(r.ok).toBe(Number(fixed) >= -1000 && Number(fixed) <= 1000);
          if (r.ok) expect(r.value).toBe(Number(fixed));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses what is not a number written as people write one', () => {
    for (const wrong of ['veel', 'Infinity', '0x10', '1e3', '0b11', '1.000,50', '12 stoelen']) {
      expect(accepted(en.number(), wrong)).toEqual({ ok: false, error: 'Enter a number.' });
    }
    expect(accepted(nl.number({ min: 1 }), '0')).toEqual({ ok: false, error: 'Minimaal 1.' });
    expect(accepted(en.number({ max: 10 }), '10,5')).toEqual({ ok: false, error: 'At most 10.' });
    expect(accepted(nl.number(), ' -3,25 ')).toEqual({ ok: true, value: -3.25 });
    expect(accepted(nl.number(), '')).toEqual({ ok: false, error: 'Vul dit veld in.' });
  });
});

describe('parseSubmission', () => {
  const schema = z.object({
    title: nl.text(10),
    note: nl.optionalText(10),
    seats: nl.number({ min: 1 }),
  });

  it('gives typed values for a valid submission', () => {
    const r = parseSubmission(schema, { title: ' Zonnedag ', note: '', seats: '12' });
    expect(r).toEqual({ ok: true, values: { title: 'Zonnedag', note: undefined, seats: 12 } });
    if (r.ok) {
      // Typed: a number and a string, known to the compiler.
      const seats: number = r.values.seats;
      const title: string = r.values.title;
      expect(seats + title.length).toBe(20);
    }
  });

  it('gives the first error per field, and the errors of the whole form under _form', () => {
    expect(parseSubmission(schema, { title: '', seats: 'nul' })).toEqual({
      ok: false,
      errors: { title: 'Vul dit veld in.', seats: 'Vul een getal in.' },
    });
    const checked = schema.refine((v) => v.title !== v.note, 'Titel en notitie verschillen.');
    expect(parseSubmission(checked, { title: 'Zon', note: 'Zon', seats: '2' })).toEqual({
      ok: false,
      errors: { _form: 'Titel en notitie verschillen.' },
    });
  });
});
