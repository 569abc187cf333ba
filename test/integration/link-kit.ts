/**
 * What the link tests share: the flow kit with the link flow, an alliance with a Slack and a
 * Teams channel whose coordinator the config names by a Slack id only, the people, a probe
 * that says who the engine thinks is speaking (member, partner, roles, language) and a
 * coordinator-only word, and readers for the code a person was shown.
 */
import { linkFlow } from '../../flows/link.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { InboundEvent, Locale } from '../../src/core/events.js';
import { text } from '../../src/core/messages.js';
import type { Flow } from '../../src/engine/flow.js';
import {
  cardOf,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  startKit,
} from '../helpers/flow-kit.js';
import { registerMember as registerWithPartner } from '../helpers/members.js';

export const TENANT = '11111111-0000-0000-0000-00000000c0de';
export const TEAMS_CHANNEL = `teams:${TENANT}:19:kit@thread.tacv2`;
const teams = (n: number) => `teams:${TENANT}:30000000-0000-0000-0000-00000000000${n}`;

/** Carla coordinates; the config names her by her Slack id only. */
export const CARLA_SLACK = 'slack:T0KIT:U0CARLA';
export const CARLA_TEAMS = teams(1);
export const ANNA_SLACK = 'slack:T0KIT:U0ANNA';
export const ANNA_TEAMS = teams(2);
export const BOB_SLACK = 'slack:T0KIT:U0BOB';
export const BOB_TEAMS = teams(3);
export const DIRK_TEAMS = teams(4);
export const EVI_TEAMS = teams(5);
export const FER_TEAMS = teams(6);
export const GIJS_TEAMS = teams(7);

const probe: Flow = {
  id: 'probe',
  subcommands: [
    {
      command: 'digest',
      describe: (l: Locale) => (l === 'nl' ? 'zeggen wie je bent' : 'say who you are'),
      async run(ctx) {
        const who = [ctx.member?.name ?? '-', ctx.partner?.name ?? '-', ctx.roles.join(',')];
        ctx.reply(text(`who: ${[...who, ctx.locale].join(' | ')}`));
      },
    },
    {
      command: 'health',
      roles: ['coordinator'],
      describe: (l: Locale) => (l === 'nl' ? 'de gezondheid zien' : 'see the health'),
      async run(ctx) {
        ctx.reply(text('health: ok'));
      },
    },
  ],
};

export function startLinkKit(): Promise<Kit> {
  return startKit({
    flows: [linkFlow, probe],
    adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
    config: kitConfig(
      kitAlliance({
        coordinators: [{ name: 'Carla Coördinator', ids: [CARLA_SLACK] }],
        channels: { local: [], slack: [SLACK_CHANNEL], teams: [TEAMS_CHANNEL] },
      }),
    ),
  });
}

/** What the engine answered to one event (everything it handed on for it). */
export async function act(kit: Kit, event: InboundEvent): Promise<OutboundEnvelope[]> {
  const before = kit.dispatcher.all.length;
  await kit.engine.handle(event);
  return kit.dispatcher.all.slice(before);
}

/** The words of every message to a person privately (direct or only to them), in order. */
export function privately(envelopes: readonly OutboundEnvelope[], userId: string): string[] {
  return envelopes
    .filter((e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId)
    .map((e) =>
      e.message.kind === 'card'
        ? [e.message.card.header, e.message.card.text, ...e.message.card.fields.map((f) => f.value)]
            .filter(Boolean)
            .join(' ')
        : e.message.kind === 'text'
          ? e.message.text
          : e.message.form.title,
    );
}

const CODE = /\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b/;

/** The code shown to the person, and where it went. */
export function codeShown(
  envelopes: readonly OutboundEnvelope[],
  userId: string,
): { code: string; to: OutboundEnvelope['to'] } {
  const found = envelopes.find(
    (e) =>
      e.message.kind === 'card' &&
      'userId' in e.to &&
      e.to.userId === userId &&
      CODE.test(cardOf(e.message).fields[0]?.value ?? ''),
  );
  const code = found && cardOf(found.message).fields[0]?.value;
  if (!found || !code) throw new Error(`no code for ${userId}: ${JSON.stringify(envelopes)}`);
  return { code, to: found.to };
}

/** Whether any message anywhere shows a link code. */
export function showsACode(envelopes: readonly OutboundEnvelope[]): OutboundEnvelope[] {
  return envelopes.filter((e) => CODE.test(JSON.stringify(e.message)));
}

/** Registers a member directly (as the intake would). */
export async function registerMember(
  kit: Kit,
  id: string,
  name: string,
  partner: string,
  locale: Locale = 'nl',
): Promise<void> {
  const at = new Date().toISOString();
  const partnerId = partner.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  await registerWithPartner(kit.store, {
    allianceId: KIT,
    userId: id,
    partnerId,
    partnerName: partner,
    partnerType: 'gemeente',
    name,
    role: 'adviseur',
    locale,
    joinedAt: at,
  });
}

/** Every key of the alliance with its value (links and members live there). */
export async function allianceState(kit: Kit): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await kit.allianceKeys()) {
    if (key.includes(':lock:')) continue;
    const value = await kit.redis.dumpBuffer(key);
    out.set(key, value ? value.toString('base64') : '');
  }
  return out;
}
