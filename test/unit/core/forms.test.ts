import { describe, expect, it } from 'vitest';
import { formWithErrors, validateSubmission } from '../../../src/core/forms.js';
import { translator } from '../../../src/core/i18n/index.js';
import { type FormInput, FormSchema } from '../../../src/core/messages.js';

const form = FormSchema.parse({
  id: 'documents.share',
  title: 'Deel een document',
  submitLabel: 'Delen',
  fields: [
    { type: 'text', name: 'title', label: 'Titel', maxLength: 10 },
    { type: 'longText', name: 'summary', label: 'Samenvatting', required: false, maxLength: 20 },
    { type: 'url', name: 'link', label: 'Link' },
    { type: 'date', name: 'review', label: 'Herzien op', required: false },
    { type: 'number', name: 'mw', label: 'MW', required: false, min: 0, max: 500 },
    {
      type: 'select',
      name: 'level',
      label: 'Niveau',
      options: [
        { value: 'public', label: 'Openbaar' },
        { value: 'core', label: 'Kern' },
      ],
    },
    {
      type: 'multiSelect',
      name: 'topics',
      label: 'Onderwerpen',
      maxSelected: 2,
      options: ['zon', 'wind', 'warmte'].map((v) => ({ value: v, label: v })),
    },
  ],
} satisfies FormInput);

const nl = translator('nl');
const en = translator('en');
const good = {
  title: 'RES 2.0',
  link: 'https://example.org/res.pdf',
  level: 'public',
  topics: ['zon'],
};

describe('form validation', () => {
  it('accepts a good submission and cleans the values', () => {
    const result = validateSubmission(
      form,
      { ...good, summary: '  kort  ', mw: '12,5', review: '2027-01-31' },
      nl,
    );
    expect(result).toEqual({
      ok: true,
      values: {
        title: 'RES 2.0',
        summary: 'kort',
        link: 'https://example.org/res.pdf',
        review: '2027-01-31',
        mw: 12.5,
        level: 'public',
        topics: ['zon'],
      },
    });
  });

  it('names every wrong field in the person’s language', () => {
    const result = validateSubmission(
      form,
      {
        title: '',
        link: 'javascript:alert(1)',
        review: '2027-02-30',
        mw: '501',
        level: 'secret',
        topics: ['zon', 'wind', 'warmte'],
      },
      nl,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'Vul dit veld in.',
        link: 'Vul een volledige link in, die begint met https://.',
        review: 'Vul een datum in als JJJJ-MM-DD.',
        mw: 'Maximaal 500.',
        level: 'Kies een van de opties.',
        topics: 'Kies er hoogstens 2.',
      },
    });
    const english = validateSubmission(form, { ...good, title: '' }, en);
    expect(english).toEqual({ ok: false, errors: { title: 'Please fill this in.' } });
  });

  it('counts characters, not bytes, against a limit', () => {
    expect(validateSubmission(form, { ...good, title: '☀️☀️☀️☀️☀️' }, nl).ok).toBe(true);
    expect(validateSubmission(form, { ...good, title: 'Zonnedaken!' }, nl)).toEqual({
      ok: false,
      errors: { title: 'Maximaal 10 tekens.' },
    });
  });

  it('rejects numbers and options that are not', () => {
    expect(validateSubmission(form, { ...good, mw: 'veel' }, nl)).toMatchObject({
      errors: { mw: 'Vul een getal in.' },
    });
    expect(validateSubmission(form, { ...good, mw: '-1' }, nl)).toMatchObject({
      errors: { mw: 'Minimaal 0.' },
    });
    expect(validateSubmission(form, { ...good, topics: [] }, nl)).toMatchObject({
      errors: { topics: 'Vul dit veld in.' },
    });
    expect(validateSubmission(form, { ...good, topics: ['kernfusie'] }, nl)).toMatchObject({
      errors: { topics: 'Kies een van de opties.' },
    });
  });

  it('sends a form back with the input kept and the errors attached', () => {
    const back = formWithErrors(form, { title: '' }, { title: 'Vul dit veld in.' });
    expect(back.values).toEqual({ title: '' });
    expect(back.errors).toEqual({ title: 'Vul dit veld in.' });
    expect(back.fields).toBe(form.fields);
  });

  it('refuses form and button ids that no flow could own', () => {
    expect(() => FormSchema.parse({ ...form, id: 'no-dot' })).toThrow();
    expect(() => FormSchema.parse({ ...form, id: 'Onboarding.intake' })).toThrow();
  });
});
