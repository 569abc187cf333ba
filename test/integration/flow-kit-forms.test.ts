/**
 * Typed forms through the engine against real Redis: a form declares a zod schema built from
 * formFields; a valid submission reaches `submit` with typed, trimmed values; an invalid one
 * comes back with the errors next to its fields, in the language the form's `localeOf` picks
 * from the submission (not the platform's), with what the person typed kept, and `submit` is
 * never called (nothing stored, nothing posted). From a modal the errors go back to the
 * adapter instead.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { Locale } from '../../src/core/events.js';
import { formFields } from '../../src/core/form-schema.js';
import type { Translator } from '../../src/core/i18n/index.js';
import { text } from '../../src/core/messages.js';
import type { Flow, FormSpec } from '../../src/engine/flow.js';
import { dmOf, KIT, type Kit, MIA, startKit, submit } from '../helpers/flow-kit.js';

const KINDS = ['online', 'fysiek'] as const;
const TOPICS = ['zon', 'wind', 'warmte'];

function meetupSchema(t: Translator) {
  const f = formFields(t);
  return z.object({
    title: f.text(20),
    note: f.optionalText(50),
    kind: f.select(KINDS),
    topics: f.multiSelect(TOPICS, { max: 2 }),
    date: f.date(),
    link: f.url(),
    seats: f.number({ min: 1, max: 500 }),
    language: f.select(['nl', 'en'] as const),
  });
}
type Meetup = z.infer<ReturnType<typeof meetupSchema>>;

const received: Meetup[] = [];
const builtIn: Locale[] = [];

const meetup: FormSpec<Meetup> = {
  id: 'meetups.plan',
  describe: (locale) => (locale === 'nl' ? 'een bijeenkomst plannen' : 'plan a meetup'),
  localeOf: (values) =>
    values.language === 'nl' || values.language === 'en' ? values.language : undefined,
  schema: (_ctx, t) => meetupSchema(t),
  async build(_ctx, locale) {
    builtIn.push(locale);
    return {
      locale,
      id: 'meetups.plan',
      title: locale === 'nl' ? 'Bijeenkomst plannen' : 'Plan a meetup',
      submitLabel: locale === 'nl' ? 'Versturen' : 'Send',
      fields: [
        { name: 'title', label: 'Titel', type: 'text', required: true, maxLength: 20 },
        { name: 'note', label: 'Notitie', type: 'text', required: false, maxLength: 50 },
        {
          name: 'kind',
          label: 'Soort',
          type: 'select',
          required: true,
          options: KINDS.map((k) => ({ value: k, label: k })),
        },
        {
          name: 'topics',
          label: 'Onderwerpen',
          type: 'multiSelect',
          required: true,
          options: TOPICS.map((k) => ({ value: k, label: k })),
          maxSelected: 2,
        },
        { name: 'date', label: 'Datum', type: 'date', required: true },
        { name: 'link', label: 'Link', type: 'url', required: true, maxLength: 2000 },
        { name: 'seats', label: 'Plaatsen', type: 'number', required: true, min: 1, max: 500 },
        {
          name: 'language',
          label: 'Taal',
          type: 'select',
          required: true,
          options: [
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ],
        },
      ],
    };
  },
  async submit(ctx, values) {
    // Typed: the compiler knows a number, a list and an optional text.
    const seats: number = values.seats;
    const topics: string[] = values.topics;
    const note: string | undefined = values.note;
    received.push(values);
    await ctx.store.activity.append(ctx.alliance.id, {
      type: 'idea.proposed',
      actor: ctx.userId,
      at: ctx.now.toISOString(),
      data: { seats, topics, note: note ?? null },
    });
    ctx.completeForm(text(`Gepland: ${values.title}`));
  },
};

const meetups: Flow = { id: 'meetups', forms: [meetup as FormSpec<unknown>] };

const valid = {
  title: '  Zonnedag  ',
  note: '   ',
  kind: ' online ',
  topics: ['zon', ' wind ', 'zon'],
  date: '2026-03-01',
  link: ' https://example.org ',
  seats: '12,5',
  language: 'nl',
};
const invalid = {
  title: '',
  note: 'x'.repeat(51),
  kind: 'hybride',
  topics: ['zon', 'wind', 'warmte'],
  date: '2026-02-30',
  link: 'javascript:alert(1)',
  seats: 'veel',
};
const inline = { conversationId: dmOf(MIA), messageId: 'form-1' };

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ flows: [meetups] });
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
  received.length = 0;
  builtIn.length = 0;
});

/** The one envelope a submission sent back, as a form. */
function formBack(sent: OutboundEnvelope[]) {
  expect(sent).toHaveLength(1);
  const [envelope] = sent;
  if (envelope?.message.kind !== 'form') throw new Error('no form came back');
  return { envelope, form: envelope.message.form };
}

describe('a valid submission', () => {
  it('reaches submit with typed, trimmed values', async () => {
    const result = await kit.engine.handle(submit(MIA, 'meetups.plan', valid, { message: inline }));
    expect(result).toEqual({ duplicate: false });
    expect(received).toEqual([
      {
        title: 'Zonnedag',
        note: undefined,
        kind: 'online',
        topics: ['zon', 'wind'],
        date: '2026-03-01',
        link: 'https://example.org/',
        seats: 12.5,
        language: 'nl',
      },
    ]);
    // The inline form is replaced by the answer.
    const [done] = kit.dispatcher.all;
    expect(done?.message).toEqual(text('Gepland: Zonnedag'));
    expect(done?.replaces).toEqual(inline);
    expect(builtIn).toEqual([]);
  });
});

describe('an invalid submission', () => {
  const englishErrors = {
    title: 'Please fill this in.',
    note: 'At most 50 characters.',
    kind: 'Choose one of the options.',
    topics: 'Choose at most 2.',
    date: 'Enter a date as YYYY-MM-DD.',
    link: 'Enter a full link starting with https://.',
    seats: 'Enter a number.',
  };

  it('comes back in the language chosen in the form, errors per field and input kept', async () => {
    const before = await kit.allianceKeys();
    const logged = await kit.store.activity.length(KIT);
    // The platform says Dutch; the person chose English in the form.
    const values = { ...invalid, language: 'en' };
    await kit.engine.handle(submit(MIA, 'meetups.plan', values, { message: inline, locale: 'nl' }));
    const { envelope, form } = formBack(kit.dispatcher.all);
    expect(form.errors).toEqual(englishErrors);
    expect(form.values).toEqual(values);
    expect(form.locale).toBe('en');
    expect(form.title).toBe('Plan a meetup');
    expect(builtIn).toEqual(['en']);
    // The inline form is replaced in place, as an answer to the person.
    expect(envelope.replaces).toEqual(inline);
    expect(envelope.to).toEqual({ kind: 'conversation', id: dmOf(MIA) });
    expect(envelope.interactive).toBe(true);
    // Nothing reached submit, nothing was stored.
    expect(received).toEqual([]);
    expect(await kit.allianceKeys()).toEqual(before);
    expect(await kit.store.activity.length(KIT)).toBe(logged);
  });

  it('comes back in Dutch when Dutch was chosen, also for an English-speaking person', async () => {
    const values = { ...invalid, language: 'nl' };
    await kit.engine.handle(submit(MIA, 'meetups.plan', values, { message: inline, locale: 'en' }));
    const { form } = formBack(kit.dispatcher.all);
    expect(form.errors).toEqual({
      title: 'Vul dit veld in.',
      note: 'Maximaal 50 tekens.',
      kind: 'Kies een van de opties.',
      topics: 'Kies er hoogstens 2.',
      date: 'Vul een datum in als JJJJ-MM-DD.',
      link: 'Vul een volledige link in, die begint met https://.',
      seats: 'Vul een getal in.',
    });
    expect(form.locale).toBe('nl');
    expect(received).toEqual([]);
  });

  it('falls back to the person’s language when the form does not tell one', async () => {
    await kit.engine.handle(
      submit(MIA, 'meetups.plan', invalid, { message: inline, locale: 'en' }),
    );
    const { form } = formBack(kit.dispatcher.all);
    expect(form.errors).toEqual({ ...englishErrors, language: 'Please fill this in.' });
    expect(received).toEqual([]);
  });

  it('hands the errors of a modal back to the adapter and sends nothing', async () => {
    const result = await kit.engine.handle(
      submit(MIA, 'meetups.plan', { ...valid, seats: '0', language: 'en' }),
    );
    expect(result).toEqual({ duplicate: false, formErrors: { seats: 'At least 1.' } });
    expect(kit.dispatcher.all).toEqual([]);
    expect(received).toEqual([]);
  });

  it('checks one field at a time: only the wrong field has an error', async () => {
    await kit.engine.handle(
      submit(MIA, 'meetups.plan', { ...valid, date: '2026-13-01' }, { message: inline }),
    );
    const { form } = formBack(kit.dispatcher.all);
    expect(form.errors).toEqual({ date: 'Vul een datum in als JJJJ-MM-DD.' });
    expect(form.values?.title).toBe(valid.title);
    expect(received).toEqual([]);
  });
});
