/**
 * The authorization matrix: for every subcommand, button and form the deployment's flows
 * declare (src/main.ts FLOWS — a new flow adds its rows by declaring roles), and for every
 * kind of person — the coordinator, the spokesperson, a participant who is neither, a person
 * of another partner, the coordinator and spokesperson of another alliance, people from a Slack
 * workspace and a Teams tenant the alliance does not accept — the engine allows or refuses as
 * the declaration says. A refusal is worded from the declaration (its roles and its describe,
 * in the person's language; "ask to link this workspace" for a foreign workspace) and stores
 * nothing. A probe flow declares what no flow declares yet (a spokesperson-only word, button
 * and form, and one for both roles), so each column has both outcomes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { documents } from '../../flows/documents-record.js';
import { COMMAND_WORDS } from '../../src/core/commands.js';
import type { InboundEvent, Locale } from '../../src/core/events.js';
import { errorMessage, translator } from '../../src/core/i18n/index.js';
import { card, FormSchema } from '../../src/core/messages.js';
import type { Role } from '../../src/domain/alliance.js';
import { allows, rolesPhrase } from '../../src/engine/authorize.js';
import type { Describe, Flow } from '../../src/engine/flow.js';
import { FLOWS } from '../../src/main.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  fakeAdapter,
  type Kit,
  kitAlliance,
  kitConfig,
  MIA,
  press,
  SAM,
  SLACK_CHANNEL,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const TEAMS_TENANT = '11111111-0000-0000-0000-00000000c0de';
const TEAMS_CHANNEL = `teams:${TEAMS_TENANT}:19:kit@thread.tacv2`;

/** What no flow declares yet: keeps the spokesperson column honest. Remove rows, not checks. */
const probeFlow: Flow = {
  id: 'probe',
  subcommands: [
    {
      command: 'success',
      words: { nl: 'goedkeuren', en: 'approve' },
      roles: ['spokesperson'],
      describe: (l) => (l === 'nl' ? 'een succes goedkeuren' : 'approve a success'),
      async run(ctx) {
        ctx.reply(card({ text: 'ok' }));
      },
    },
    {
      command: 'success',
      words: { nl: 'uitlichten', en: 'feature' },
      roles: ['coordinator', 'spokesperson'],
      describe: (l) => (l === 'nl' ? 'een succes uitlichten' : 'feature a success'),
      async run(ctx) {
        ctx.reply(card({ text: 'ok' }));
      },
    },
  ],
  actions: [
    {
      id: 'probe.approve',
      roles: ['spokesperson'],
      describe: (l) => (l === 'nl' ? 'een succes goedkeuren' : 'approve a success'),
      async run(ctx) {
        ctx.reply(card({ text: 'ok' }));
      },
    },
  ],
  forms: [
    {
      id: 'probe.statement',
      roles: ['spokesperson'],
      describe: (l) => (l === 'nl' ? 'een verklaring vaststellen' : 'settle a statement'),
      schema: () => z.object({ statement: z.string().optional() }),
      build: async () =>
        FormSchema.parse({
          id: 'probe.statement',
          title: 'Verklaring',
          submitLabel: 'Vaststellen',
          fields: [{ type: 'text', name: 'statement', label: 'Verklaring', maxLength: 200 }],
        }),
      async submit(ctx) {
        ctx.completeForm(card({ text: 'ok' }));
      },
    },
  ],
};

/** One thing a person can do, as the registry declares it. */
interface Declared {
  kind: 'subcommand' | 'button' | 'form';
  name: string;
  roles: readonly Role[] | undefined;
  describe: Describe | undefined;
  event(userId: string, where: string, locale: Locale): InboundEvent;
}

function declared(flows: readonly Flow[]): Declared[] {
  return flows.flatMap((flow): Declared[] => [
    ...(flow.subcommands ?? []).map((spec) => ({
      kind: 'subcommand' as const,
      name: `${COMMAND_WORDS[spec.command].en}${spec.words ? ` ${spec.words.en}` : ''}`,
      roles: spec.roles,
      describe: spec.describe,
      event: (userId: string, where: string, locale: Locale) =>
        slash(userId, spec.command, spec.words?.[locale] ?? '', { channel: where, locale }),
    })),
    ...(flow.actions ?? []).map((spec) => ({
      kind: 'button' as const,
      name: spec.id,
      roles: spec.roles,
      describe: spec.describe,
      event: (userId: string, where: string, locale: Locale) =>
        press(userId, spec.id, { channel: where, locale, value: 'matrix' }),
    })),
    ...(flow.forms ?? []).map((spec) => ({
      kind: 'form' as const,
      name: spec.id,
      roles: spec.roles,
      describe: spec.describe,
      event: (userId: string, where: string, locale: Locale) =>
        submit(userId, spec.id, {}, { channel: where, locale }),
    })),
  ]);
}

/** A kind of person: who, where they act, the roles the alliance gives them, whether it accepts their workspace. */
interface Person {
  kind: string;
  userId: string;
  where: string;
  locale: Locale;
  roles: readonly Role[];
  workspaceAccepted: boolean;
}

const OTTO = 'local:kit:otto'; // coordinator and spokesperson of another alliance
const PIA = 'local:kit:pia'; // a participant of another partner

const PEOPLE: readonly Person[] = [
  {
    kind: 'coordinator',
    userId: CARLA,
    where: CHANNEL,
    locale: 'nl',
    roles: ['member', 'coordinator'],
    workspaceAccepted: true,
  },
  {
    kind: 'spokesperson',
    userId: SAM,
    where: CHANNEL,
    locale: 'en',
    roles: ['member', 'spokesperson'],
    workspaceAccepted: true,
  },
  {
    kind: 'participant (no coordinator, no spokesperson)',
    userId: MIA,
    where: CHANNEL,
    locale: 'nl',
    roles: ['member'],
    workspaceAccepted: true,
  },
  {
    kind: 'a person of another partner',
    userId: PIA,
    where: CHANNEL,
    locale: 'en',
    roles: ['member'],
    workspaceAccepted: true,
  },
  {
    kind: 'coordinator and spokesperson of another alliance',
    userId: OTTO,
    where: CHANNEL,
    locale: 'nl',
    roles: ['member'],
    workspaceAccepted: true,
  },
  {
    kind: 'a Slack person of a workspace the alliance does not accept',
    userId: 'slack:T0FOREIGN:U0FREMD',
    where: SLACK_CHANNEL,
    locale: 'en',
    roles: ['member'],
    workspaceAccepted: false,
  },
  {
    kind: 'a Teams person of a tenant the alliance does not accept',
    userId: 'teams:22222222-0000-0000-0000-0000000f0e19:30000000-0000-0000-0000-00000000f0e1',
    where: TEAMS_CHANNEL,
    locale: 'nl',
    roles: ['member'],
    workspaceAccepted: false,
  },
];

const FLOWS_UNDER_TEST = [...FLOWS, probeFlow];
const ROWS = declared(FLOWS_UNDER_TEST).flatMap((thing) =>
  PEOPLE.map((person) => ({ thing, person })),
);

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({
    flows: FLOWS_UNDER_TEST,
    config: kitConfig(
      kitAlliance({
        channels: { local: [CHANNEL], slack: [SLACK_CHANNEL], teams: [TEAMS_CHANNEL] },
      }),
      kitAlliance({
        id: 'ander-verband',
        name: 'Ander Verband',
        coordinators: [{ name: 'Otto', ids: [OTTO] }],
        spokespersons: [{ name: 'Otto', ids: [OTTO] }],
        channels: { local: ['local:kit:ander'], slack: [], teams: [] },
      }),
    ),
    adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
  });
  // Pia is a participant of a partner of the alliance; Carla of another one.
  const now = new Date().toISOString();
  for (const [userId, partner] of [
    [PIA, 'elders'],
    [CARLA, 'provincie'],
  ] as const) {
    await registerMember(kit.store, {
      allianceId: 'kit-alliantie',
      userId,
      partnerId: partner,
      partnerName: partner,
      name: userId.split(':').at(-1) ?? userId,
      role: 'test',
      locale: PEOPLE.find((p) => p.userId === userId)?.locale ?? 'nl',
      joinedAt: now,
    });
  }
});
afterAll(async () => {
  await kit?.stop();
});

/** Every key under the harness's prefix with its value, less the handled-event markers. */
async function stored(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await kit.keys()) {
    if (key.includes('done:{')) continue;
    const value = await kit.redis.dumpBuffer(key);
    out.set(key, value ? value.toString('base64') : '');
  }
  return out;
}

describe('the authorization matrix', () => {
  it('covers every declared subcommand, button and form of FLOWS (and the probe)', () => {
    const names = new Set(ROWS.map((r) => `${r.thing.kind}:${r.thing.name}`));
    for (const flow of FLOWS) {
      for (const s of flow.subcommands ?? [])
        expect(names).toContain(
          `subcommand:${COMMAND_WORDS[s.command].en}${s.words ? ` ${s.words.en}` : ''}`,
        );
      for (const a of flow.actions ?? []) expect(names).toContain(`button:${a.id}`);
      for (const f of flow.forms ?? []) expect(names).toContain(`form:${f.id}`);
    }
    // Both outcomes occur in every column of people the alliance accepts.
    for (const person of PEOPLE.filter((p) => p.workspaceAccepted)) {
      const outcomes = new Set(
        ROWS.filter((r) => r.person === person).map((r) => allows(r.thing.roles, person.roles)),
      );
      expect([...outcomes].sort()).toEqual([false, true]);
    }
  });

  it('has the toolkit: fetching and copying for everyone, keeping it for coordinators only', () => {
    const roles = (name: string) => ROWS.find((r) => `${r.thing.kind}:${r.thing.name}` === name);
    for (const open of ['subcommand:toolkit', 'button:toolkit.copy'])
      expect(roles(open)?.thing.roles, open).toBeUndefined();
    for (const kept of [
      'subcommand:toolkit add',
      'button:toolkit.add',
      'button:toolkit.change',
      'button:toolkit.retire',
      'form:toolkit.item',
    ])
      expect(roles(kept)?.thing.roles, kept).toEqual(['coordinator']);
  });

  it('has privacy for everyone (a coordinator for another person, checked by the flow) and the audit trail for coordinators only', () => {
    const roles = (name: string) => ROWS.find((r) => `${r.thing.kind}:${r.thing.name}` === name);
    for (const open of [
      'subcommand:privacy',
      'subcommand:privacy export',
      'subcommand:privacy forget',
      'button:privacy.export',
      'button:privacy.ask',
      'button:privacy.forget',
      'button:privacy.cancel',
    ])
      expect(roles(open)?.thing.roles, open).toBeUndefined();
    for (const kept of ['subcommand:audit', 'button:privacy.other-forget'])
      expect(roles(kept)?.thing.roles, kept).toEqual(['coordinator']);
  });

  it('has ideas: idee, Co-sign and the plan for everyone (the idea decides who may), inviting a party for coordinators only', () => {
    const roles = (name: string) => ROWS.find((r) => `${r.thing.kind}:${r.thing.name}` === name);
    for (const open of [
      'subcommand:idea',
      'button:ideas.cosign',
      'button:ideas.plan',
      'form:ideas.plan-form',
    ])
      expect(roles(open)?.thing.roles, open).toBeUndefined();
    expect(roles('button:ideas.invite')?.thing.roles).toEqual(['coordinator']);
  });

  it('has check-ins and commitments: answering and commitments for everyone, scheduling and keeping series for coordinators only', () => {
    const roles = (name: string) => ROWS.find((r) => `${r.thing.kind}:${r.thing.name}` === name);
    for (const open of [
      'subcommand:checkin',
      'button:checkins.answer',
      'form:checkins.answer-form',
      'subcommand:commitment',
      'subcommand:commitment new',
      'button:commitments.new',
      'button:commitments.change',
      'form:commitments.form',
    ])
      expect(roles(open)?.thing.roles, open).toBeUndefined();
    for (const kept of [
      'subcommand:checkin schedule',
      'subcommand:checkin change',
      'subcommand:checkin pause',
      'subcommand:checkin resume',
      'subcommand:checkin stop',
      'subcommand:checkin status',
      'button:checkins.pause',
      'button:checkins.resume',
      'button:checkins.change',
      'button:checkins.stop',
      'form:checkins.schedule-form',
    ])
      expect(roles(kept)?.thing.roles, kept).toEqual(['coordinator']);
  });

  it('has the digest: reading it for everyone, planning and stopping e-mails for coordinators only', () => {
    const roles = (name: string) => ROWS.find((r) => `${r.thing.kind}:${r.thing.name}` === name);
    expect(roles('subcommand:digest')?.thing.roles).toBeUndefined();
    for (const kept of [
      'subcommand:digest schedule',
      'subcommand:digest stop',
      'form:digest.schedule-form',
    ])
      expect(roles(kept)?.thing.roles, kept).toEqual(['coordinator']);
  });

  it.each(ROWS.map((r) => [r.thing.kind, r.thing.name, r.person.kind, r] as const))(
    '%s %s by %s',
    async (_kind, _name, _who, { thing, person }) => {
      const allowed = person.workspaceAccepted && allows(thing.roles, person.roles);
      const before = await stored();
      kit.dispatcher.clear();
      const event = thing.event(person.userId, person.where, person.locale);
      const result = await kit.engine.handle(event);
      const answers = answersTo(kit.dispatcher.all, person.userId);
      if (allowed) {
        // Past authorization: the flow ran (what it says depends on its records, not asserted).
        expect(result.error ?? 'none').not.toMatch(
          /^(permission_denied|not_in_alliance|internal)$/,
        );
        return;
      }
      if (!person.workspaceAccepted) {
        expect(result.error).toBe('not_in_alliance');
        expect(answers).toEqual([errorMessage(person.locale, 'not_in_alliance')]);
      } else {
        expect(result.error).toBe('permission_denied');
        const roles = thing.roles ?? [];
        expect(answers).toEqual([
          errorMessage(person.locale, 'permission_denied', {
            roles: rolesPhrase(roles, person.locale),
            action: thing.describe?.(person.locale) ?? '',
          }),
        ]);
        // Worded from the declaration, in the person's language.
        expect(answers[0]).toContain(rolesPhrase(roles, person.locale));
        expect(answers[0]).toContain(translator(person.locale)(`role.${roles[0] ?? 'member'}`));
      }
      expect(await stored()).toEqual(before);
    },
  );
});

/**
 * `koppel <code>` (link): everyone in the alliance may type a code (a subcommand with
 * arguments, so the rows above send none); a person of a workspace the alliance does not
 * accept is refused before the code is even looked at — nothing stored, the code not used up.
 */
describe('koppel with a code, by every kind of person', () => {
  it.each(PEOPLE.map((person, i) => [person.kind, person, i] as const))(
    'by %s',
    async (_kind, person, i) => {
      // The code's owner: an identity of another platform, in a workspace the alliance accepts.
      const owner = person.userId.startsWith('teams:')
        ? `slack:T0KIT:U0MATRIX${i}`
        : `teams:${TEAMS_TENANT}:matrix-owner-${i}`;
      kit.dispatcher.clear();
      await kit.engine.handle(slash(owner, 'link', ''));
      const card = kit.dispatcher.all.find((e) => e.message.kind === 'card')?.message;
      const code = card?.kind === 'card' ? (card.card.fields[0]?.value ?? '') : '';
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const before = await stored();
      kit.dispatcher.clear();
      const result = await kit.engine.handle(
        slash(person.userId, 'link', code, { channel: person.where, locale: person.locale }),
      );
      const answers = answersTo(kit.dispatcher.all, person.userId);
      const linked = (await kit.store.links.groupOf('kit-alliantie', owner)).ids;
      if (person.workspaceAccepted) {
        expect(result.error).toBeUndefined();
        expect(linked).toContain(person.userId);
        return;
      }
      expect(result.error).toBe('not_in_alliance');
      expect(answers).toEqual([errorMessage(person.locale, 'not_in_alliance')]);
      expect(await stored()).toEqual(before);
      expect(linked).toEqual([owner]);
      expect((await kit.store.links.peekCode(code))?.by).toBeUndefined();
    },
  );
});

/**
 * Documents (`deel`, `documenten`, `vraag`): the words with what people type after them, and a
 * document someone else shared. Everyone the alliance accepts may search and ask (roles give
 * no more and no less); only the document's owner may change or withdraw it — not a
 * coordinator, not a spokesperson, not the other alliance's — and a refusal stores nothing.
 */
describe('documents: searching, asking and another person’s document, by every kind of person', () => {
  const OWNER = 'local:kit:deler';
  let documentId = '';
  beforeAll(async () => {
    const event = submit(
      OWNER,
      'documents.share',
      { title: 'Matrixdocument', link: 'https://example.org/m', level: 'alliance' },
      { channel: CHANNEL },
    );
    if (event.type !== 'form_submitted') throw new Error('not a submission');
    const result = await kit.engine.handle({ ...event, context: 'kit-alliantie' });
    expect(result.formErrors).toBeUndefined();
    const shared = await kit.store.collection(documents).list('kit-alliantie');
    documentId = shared.find((d) => d.title === 'Matrixdocument')?.id ?? '';
    expect(documentId).not.toBe('');
  });

  it.each(PEOPLE.map((person) => [person.kind, person] as const))(
    'by %s',
    async (_kind, person) => {
      const where = { channel: person.where, locale: person.locale };
      const refusedHere = (result: { error?: string }) => {
        expect(result.error).toBe('not_in_alliance');
        expect(answersTo(kit.dispatcher.all, person.userId)).toEqual([
          errorMessage(person.locale, 'not_in_alliance'),
        ]);
      };
      // documenten <woorden>: a search, for everyone the alliance accepts.
      kit.dispatcher.clear();
      const before = await stored();
      const searched = await kit.engine.handle(
        slash(person.userId, 'docs', 'matrixdocument', where),
      );
      if (person.workspaceAccepted) {
        expect(searched.error).toBeUndefined();
        expect(answersTo(kit.dispatcher.all, person.userId).join('\n')).toContain('Matrixdocument');
      } else refusedHere(searched);
      expect(await stored()).toEqual(before);

      // Withdrawing someone else's document: refused for every one of them, nothing stored.
      kit.dispatcher.clear();
      const pressed = await kit.engine.handle(
        press(person.userId, 'documents.withdraw', { ...where, value: documentId }),
      );
      if (person.workspaceAccepted) {
        expect(pressed.error).toBeUndefined();
        expect(answersTo(kit.dispatcher.all, person.userId)).toEqual([
          person.locale === 'nl'
            ? 'Alleen wie een document deelde, kan het niveau wijzigen of het intrekken.'
            : 'Only the person who shared a document can change its level or withdraw it.',
        ]);
      } else refusedHere(pressed);
      expect(await stored()).toEqual(before);

      // vraag <wat>: a request, for everyone the alliance accepts; the others store nothing.
      kit.dispatcher.clear();
      const asked = await kit.engine.handle(slash(person.userId, 'ask', 'een matrixvraag', where));
      if (person.workspaceAccepted) expect(asked.error).toBeUndefined();
      else {
        refusedHere(asked);
        expect(await stored()).toEqual(before);
      }
    },
  );
});
