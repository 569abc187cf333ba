/**
 * The flow kit's words, help and refusals against real Redis: sub-words of one command word
 * declared by two flows both reach their flow, in Dutch and English, whatever the case,
 * accents or trailing punctuation; a command with sub-words only lists those the person may
 * use; a word no flow declared answers "not yet"; help is generated from the declarations
 * and shows a coordinator what only coordinators may do; and words, buttons and forms
 * declared with roles refuse everyone else in their language, storing and sending nothing.
 */

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { helpFlow } from '../../flows/help.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { Locale } from '../../src/core/events.js';
import { formFields } from '../../src/core/form-schema.js';
import { text } from '../../src/core/messages.js';
import type { Flow, FormSpec } from '../../src/engine/flow.js';
import type { CollectionSpec } from '../../src/store/records.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  cardOf,
  KIT,
  type Kit,
  MIA,
  press,
  SAM,
  say,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';

const words = (nl: string, en: string) => (locale: Locale) => (locale === 'nl' ? nl : en);

/** Flow A: the coordinator's `checkin plannen` / `checkin schedule`, and `checkin pauzeren`. */
const planning: Flow = {
  id: 'planning',
  subcommands: [
    {
      command: 'checkin',
      words: { nl: 'plannen', en: 'schedule' },
      roles: ['coordinator'],
      describe: words('check-ins plannen', 'schedule check-ins'),
      async run(ctx, args) {
        ctx.reply(text(`planning:plannen:${ctx.locale}:${args}`));
      },
    },
    {
      command: 'checkin',
      words: { nl: 'pauzeren', en: 'pause' },
      describe: words('je check-ins pauzeren', 'pause your check-ins'),
      async run(ctx, args) {
        ctx.reply(text(`planning:pauzeren:${ctx.locale}:${args}`));
      },
    },
  ],
};

/** Flow B: what the bare `checkin` does (answer a check-in). */
const answering: Flow = {
  id: 'answering',
  subcommands: [
    {
      command: 'checkin',
      describe: words('beantwoord je check-in', 'answer your check-in'),
      async run(ctx, args) {
        ctx.reply(text(`answering:checkin:${ctx.locale}:${args}`));
      },
    },
  ],
};

/** `privacy` has sub-words only; one of them is for coordinators. */
const privacy: Flow = {
  id: 'privacy',
  subcommands: [
    {
      command: 'privacy',
      words: { nl: 'inzien', en: 'export' },
      describe: words('je gegevens inzien', 'export your data'),
      async run(ctx) {
        ctx.reply(text('privacy:inzien'));
      },
    },
    {
      command: 'privacy',
      words: { nl: 'vergeten', en: 'forget' },
      describe: words('je gegevens wissen', 'erase your data'),
      async run(ctx) {
        ctx.reply(text('privacy:vergeten'));
      },
    },
    {
      command: 'privacy',
      words: { nl: 'opruimen', en: 'purge' },
      roles: ['coordinator'],
      describe: words('oude gegevens opruimen', 'purge old data'),
      async run(ctx) {
        ctx.reply(text('privacy:opruimen'));
      },
    },
  ],
};

/** `logboek` has one sub-word, for coordinators only. */
const audit: Flow = {
  id: 'audit',
  subcommands: [
    {
      command: 'audit',
      words: { nl: 'alles', en: 'all' },
      roles: ['coordinator'],
      describe: words('het hele logboek bekijken', 'read the whole audit trail'),
      async run(ctx) {
        ctx.reply(text('audit:alles'));
      },
    },
  ],
};

/** Approving a success (a button) and announcing one (a form): spokespersons only. */
interface Approval {
  id: string;
  by: string;
}
const approvals: CollectionSpec<Approval> = {
  name: 'successes.approval',
  schema: z.object({ id: z.string(), by: z.string() }),
  purpose: { nl: 'test', en: 'test' },
  people: (r) => [r.by],
  anonymise: () => null,
};
const announced: { title: string; by: string }[] = [];
const announceSchema = (t: Parameters<typeof formFields>[0]) =>
  z.object({ title: formFields(t).text(80) });
const announce: FormSpec<{ title: string }> = {
  id: 'successes.announce',
  roles: ['spokesperson'],
  describe: words('een succes aankondigen', 'announce a success'),
  schema: (_ctx, t) => announceSchema(t),
  async build(_ctx, locale) {
    return {
      locale,
      id: 'successes.announce',
      title: 'Succes',
      submitLabel: 'OK',
      fields: [{ name: 'title', label: 'Titel', type: 'text', required: true, maxLength: 80 }],
    };
  },
  async submit(ctx, values) {
    announced.push({ title: values.title, by: ctx.userId });
    await ctx.store.collection(approvals).put(ctx.alliance.id, 'announced', {
      id: 'announced',
      by: ctx.userId,
    });
    ctx.postToAllianceChannels(text(`Succes: ${values.title}`), { purpose: 'announcement' });
  },
};
const successes: Flow = {
  id: 'successes',
  actions: [
    {
      id: 'successes.approve',
      roles: ['spokesperson'],
      describe: words('een succes goedkeuren', 'approve a success'),
      async run(ctx, event) {
        const id = event.actionId.split('.').at(-1) ?? '';
        await ctx.store.collection(approvals).put(ctx.alliance.id, id, { id, by: ctx.userId });
        ctx.postToAllianceChannels(text(`Goedgekeurd: ${id}`), { purpose: 'approved' });
      },
    },
    {
      id: 'successes.withdraw',
      roles: ['coordinator', 'spokesperson'],
      describe: words('een succes intrekken', 'withdraw a success'),
      async run(ctx) {
        ctx.reply(text('ingetrokken'));
      },
    },
  ],
  forms: [announce as FormSpec<unknown>],
};

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ flows: [helpFlow, planning, answering, privacy, audit, successes] });
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
});

/** Handles one event and returns what it sent (and checks it was not an internal failure). */
async function run(event: Parameters<Kit['engine']['handle']>[0]): Promise<OutboundEnvelope[]> {
  const before = kit.dispatcher.all.length;
  const result = await kit.engine.handle(event);
  expect(result.error).not.toBe('internal');
  return kit.dispatcher.all.slice(before);
}

/** The one answer the person got. */
async function answer(event: Parameters<Kit['engine']['handle']>[0]): Promise<string> {
  const sent = await run(event);
  expect(sent).toHaveLength(1);
  const [only] = answersTo(sent, event.actor.userId);
  if (only === undefined) throw new Error('no answer to the person');
  return only;
}

describe('sub-words of one command word from two flows', () => {
  it.each([
    ['checkin plannen', 'planning:plannen:nl:'],
    ['CHECKIN Plannen!', 'planning:plannen:nl:'],
    ['checkin plánnen. volgende week', 'planning:plannen:nl:volgende week'],
    ['/alliance checkin PLANNEN, maandag 10:00', 'planning:plannen:nl:maandag 10:00'],
    ['checkin pauzeren?', 'planning:pauzeren:nl:'],
    ['checkin', 'answering:checkin:nl:'],
    ['Checkin!', 'answering:checkin:nl:'],
    ['checkin ja, het ging goed', 'answering:checkin:nl:ja, het ging goed'],
  ])('in Dutch: "%s" reaches its flow', async (typed, expected) => {
    expect(await answer(say(CARLA, typed, { locale: 'nl' }))).toBe(expected);
  });

  it.each([
    ['checkin schedule', 'planning:plannen:en:'],
    ['Checkin SCHEDULE! next week', 'planning:plannen:en:next week'],
    ['checkin pause.', 'planning:pauzeren:en:'],
    ['checkin yes, it went well', 'answering:checkin:en:yes, it went well'],
  ])('in English: "%s" reaches its flow', async (typed, expected) => {
    expect(await answer(say(CARLA, typed, { locale: 'en' }))).toBe(expected);
  });

  it('routes a slash command’s arguments by their sub-word too', async () => {
    expect(await answer(slash(CARLA, 'checkin', 'Schedule maandag', { locale: 'en' }))).toBe(
      'planning:plannen:en:maandag',
    );
    expect(await answer(slash(CARLA, 'checkin', 'het ging goed', { locale: 'nl' }))).toBe(
      'answering:checkin:nl:het ging goed',
    );
  });

  it('answers in the language of the sub-word when nothing else tells the language', async () => {
    // `checkin` is the same word in both languages; `schedule` is English.
    expect(await answer(say(CARLA, 'checkin schedule'))).toBe('planning:plannen:en:');
    expect(await answer(say(CARLA, 'checkin plannen'))).toBe('planning:plannen:nl:');
    // A refusal, too, comes in the language of the sub-word.
    expect(await answer(say(MIA, 'checkin schedule'))).toBe(
      'Only a coordinator can schedule check-ins.',
    );
  });
});

describe('a command with sub-words only', () => {
  it('answers a member with the sub-words they may use, in their language', async () => {
    const sent = await run(say(MIA, 'privacy', { locale: 'nl' }));
    expect(sent).toHaveLength(1);
    const shown = cardOf(sent[0]?.message);
    expect(shown.text).toBe('Na "privacy" kun je kiezen uit:');
    expect(shown.fields).toEqual([
      { label: 'privacy inzien', value: 'je gegevens inzien' },
      { label: 'privacy vergeten', value: 'je gegevens wissen' },
    ]);
    const en = cardOf((await run(say(MIA, 'privacy', { locale: 'en' })))[0]?.message);
    expect(en.text).toBe('After "privacy" you can choose:');
    expect(en.fields.map((f) => f.label)).toEqual(['privacy export', 'privacy forget']);
  });

  it('lists the coordinator’s own sub-word for a coordinator', async () => {
    const shown = cardOf((await run(say(CARLA, 'privacy', { locale: 'nl' })))[0]?.message);
    expect(shown.fields.map((f) => f.label)).toEqual([
      'privacy inzien',
      'privacy vergeten',
      'privacy opruimen',
    ]);
  });

  it('lists them too after a sub-word nobody declared', async () => {
    const shown = cardOf((await run(say(MIA, 'privacy fietsen', { locale: 'nl' })))[0]?.message);
    expect(shown.fields.map((f) => f.label)).toEqual(['privacy inzien', 'privacy vergeten']);
  });

  it('refuses a member when every sub-word is for coordinators', async () => {
    expect(await answer(say(MIA, 'logboek', { locale: 'nl' }))).toBe(
      'Alleen een coördinator kan het hele logboek bekijken.',
    );
    const shown = cardOf((await run(say(CARLA, 'logboek', { locale: 'nl' })))[0]?.message);
    expect(shown.fields).toEqual([{ label: 'logboek alles', value: 'het hele logboek bekijken' }]);
  });
});

describe('a word no flow declared', () => {
  it('answers "not yet" in the person’s language', async () => {
    expect(await answer(say(MIA, 'idee', { locale: 'nl' }))).toBe(
      '"idee" kan ik nog niet in deze omgeving. Typ hulp om te zien wat wel kan.',
    );
    expect(await answer(say(MIA, 'idea', { locale: 'en' }))).toBe(
      'I cannot do "idea" here yet. Type help to see what I can do.',
    );
    // The English word alone tells the language.
    expect(await answer(say(MIA, 'idea'))).toBe(
      'I cannot do "idea" here yet. Type help to see what I can do.',
    );
  });
});

describe('help, generated from the declarations', () => {
  const helpFields = async (userId: string, typed: string, locale?: Locale) => {
    const sent = await run(say(userId, typed, locale ? { locale } : {}));
    expect(sent).toHaveLength(1);
    return cardOf(sent[0]?.message);
  };

  it('shows a coordinator the coordinator-only sub-word with its restriction, in Dutch', async () => {
    const shown = await helpFields(CARLA, 'hulp');
    const byLabel = new Map(shown.fields.map((f) => [f.label, f.value]));
    expect(byLabel.get('checkin plannen')).toBe('check-ins plannen (alleen een coördinator)');
    expect(byLabel.get('checkin pauzeren')).toBe('je check-ins pauzeren');
    expect(byLabel.get('checkin')).toBe('beantwoord je check-in');
    expect(byLabel.get('logboek alles')).toBe('het hele logboek bekijken (alleen een coördinator)');
    expect(byLabel.get('hulp')).toBe('wat ik hier voor je kan doen');
    expect(shown.header).toBe('Wat ik voor je kan doen in Kit Alliantie');
    // The other language's words as a footnote.
    expect(shown.context.join('\n')).toContain('checkin schedule');
  });

  it('shows it in English to an English-speaking coordinator', async () => {
    const shown = await helpFields(CARLA, 'help');
    const byLabel = new Map(shown.fields.map((f) => [f.label, f.value]));
    expect(byLabel.get('checkin schedule')).toBe('schedule check-ins (only a coordinator)');
    expect(byLabel.get('checkin pause')).toBe('pause your check-ins');
    expect(byLabel.get('audit all')).toBe('read the whole audit trail (only a coordinator)');
    expect(shown.context.join('\n')).toContain('checkin plannen');
  });

  it('does not show a member what only coordinators may do, in either language', async () => {
    for (const [typed, hidden, shownLabel] of [
      ['hulp', 'checkin plannen', 'checkin pauzeren'],
      ['help', 'checkin schedule', 'checkin pause'],
    ] as const) {
      const labels = (await helpFields(MIA, typed)).fields.map((f) => f.label);
      expect(labels).toContain(shownLabel);
      expect(labels).toContain('checkin');
      expect(labels).not.toContain(hidden);
      expect(labels.some((l) => l.startsWith('logboek') || l.startsWith('audit'))).toBe(false);
      expect(labels.some((l) => l.endsWith('opruimen') || l.endsWith('purge'))).toBe(false);
    }
  });
});

describe('role refusals', () => {
  it('refuses a member the coordinator-only sub-word, in Dutch and in English', async () => {
    expect(await answer(say(MIA, 'checkin plannen', { locale: 'nl' }))).toBe(
      'Alleen een coördinator kan check-ins plannen.',
    );
    expect(await answer(say(MIA, 'checkin schedule', { locale: 'en' }))).toBe(
      'Only a coordinator can schedule check-ins.',
    );
    expect(await answer(slash(MIA, 'checkin', 'plannen', { locale: 'nl' }))).toBe(
      'Alleen een coördinator kan check-ins plannen.',
    );
  });

  it('refuses a member the spokesperson’s button: nothing stored, nothing else sent', async () => {
    const before = await kit.allianceKeys();
    for (const [locale, refusal] of [
      ['nl', 'Alleen een woordvoerder kan een succes goedkeuren.'],
      ['en', 'Only a spokesperson can approve a success.'],
    ] as const) {
      const sent = await run(press(MIA, 'successes.approve.s1', { locale, channel: CHANNEL }));
      expect(sent).toHaveLength(1);
      expect(sent[0]?.to).toEqual({ kind: 'ephemeral', conversationId: CHANNEL, userId: MIA });
      expect(answersTo(sent, MIA)).toEqual([refusal]);
    }
    expect(await kit.allianceKeys()).toEqual(before);
    // The spokesperson may: the approval is stored and announced.
    const sent = await run(press(SAM, 'successes.approve.s1', { channel: CHANNEL }));
    expect(sent.map((e) => e.to)).toContainEqual({ kind: 'conversation', id: CHANNEL });
    expect(await kit.store.collection(approvals).get(KIT, 's1')).toEqual({ id: 's1', by: SAM });
  });

  it('names every role allowed: "a coordinator or a spokesperson"', async () => {
    expect(await answer(press(MIA, 'successes.withdraw', { locale: 'nl' }))).toBe(
      'Alleen een coördinator of een woordvoerder kan een succes intrekken.',
    );
    expect(await answer(press(MIA, 'successes.withdraw', { locale: 'en' }))).toBe(
      'Only a coordinator or a spokesperson can withdraw a success.',
    );
    expect(await answer(press(CARLA, 'successes.withdraw'))).toBe('ingetrokken');
  });

  it('refuses a member the spokesperson’s form: submit not called, nothing stored or sent', async () => {
    const before = await kit.allianceKeys();
    const count = announced.length;
    for (const [locale, refusal] of [
      ['nl', 'Alleen een woordvoerder kan een succes aankondigen.'],
      ['en', 'Only a spokesperson can announce a success.'],
    ] as const) {
      const sent = await run(
        submit(MIA, 'successes.announce', { title: 'Zon op 100 daken' }, { locale }),
      );
      expect(answersTo(sent, MIA)).toEqual([refusal]);
      expect(sent).toHaveLength(1);
    }
    expect(announced).toHaveLength(count);
    expect(await kit.allianceKeys()).toEqual(before);
    // The spokesperson's submission goes through.
    const sent = await run(submit(SAM, 'successes.announce', { title: ' Zon op 100 daken ' }));
    expect(announced.at(-1)).toEqual({ title: 'Zon op 100 daken', by: SAM });
    expect(sent.some((e) => e.to.kind === 'conversation')).toBe(true);
  });
});
