/**
 * A change of who may see what in the config, between two starts, against real Redis: the
 * core team channel's audience widened to everyone and Stedin swapped for Gemeente Leiden in
 * the core team. At the restart the core-team document's copy in that channel and the one
 * Tom (Stedin) was sent say "no longer shared here" in place; the Leiden channel (its audience
 * now in the core team) and Léa (Leiden) get the announcement once; a document for everyone
 * is left alone; the trail says so once. The same config again sends nothing (also two
 * workers starting together); the old config again shows the retracted copies again in place
 * and retracts the new ones. A restart is a second harness on the same key prefix.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { documentsFlow } from '../../flows/documents.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { slugify } from '../../src/core/ids.js';
import {
  CHANNEL,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  startKit,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const CORE_CHANNEL = 'local:kit:kernteam';
const LEIDEN_CHANNEL = 'slack:T0KIT:C0LEIDEN';
const PZH = 'Provincie Zuid-Holland';
const STEDIN = 'Stedin';
const LEIDEN = 'Gemeente Leiden';
const PIA = 'local:kit:pia'; // the Province: in the core team throughout
const TOM = 'local:kit:tom'; // Stedin: in the core team at first
const LEA = 'local:kit:lea'; // Gemeente Leiden: in the core team later
const GONE = 'Dit document wordt hier niet meer gedeeld.';
const CORE_TITLE = 'Begroting kernteam';

const configWith = (coreTeam: string[], coreAudience: 'core' | 'all') =>
  kitConfig(
    kitAlliance({
      partners: [PZH, STEDIN, LEIDEN].map((name) => ({ name, type: 'overig' as const })),
      coreTeam,
      channels: {
        local: [CHANNEL, { id: CORE_CHANNEL, audience: coreAudience }],
        slack: [{ id: LEIDEN_CHANNEL, audience: [LEIDEN] }],
        teams: [],
      },
    }),
  );
const BEFORE = configWith([PZH, STEDIN], 'core');
const AFTER = configWith([PZH, LEIDEN], 'all');

const started: Kit[] = [];
afterAll(async () => {
  for (const kit of started.splice(0).reverse()) await kit.stop();
});

async function start(config: ReturnType<typeof kitConfig>, prefix?: string): Promise<Kit> {
  const kit = await startKit({
    flows: [documentsFlow],
    config,
    adapters: [fakeAdapter('local'), fakeAdapter('slack')],
    ...(prefix ? { prefix } : {}),
  });
  started.push(kit);
  await kit.engine.start();
  return kit;
}

/** Where each message went: `new <place>` or `update <place>`, with its words. */
const sent = (all: readonly OutboundEnvelope[]) =>
  all
    .map((e) => {
      const place =
        e.to.kind === 'conversation' ? e.to.id : e.to.kind === 'direct' ? e.to.userId : '?';
      return `${e.updates ? 'update' : 'new'} ${place}: ${wordsOf(e.message).includes(GONE) ? 'gone' : wordsOf(e.message).includes(CORE_TITLE) ? CORE_TITLE : wordsOf(e.message).slice(0, 40)}`;
    })
    .sort();

const audienceEntries = async (kit: Kit) =>
  (await kit.store.audit.read(KIT)).filter((e) => e.kind === 'document.audience-changed');

describe('a change of audience or core team between two starts', () => {
  it('retracts, posts once and restores the announcements, once per change', async () => {
    const first = await start(BEFORE);
    const now = new Date().toISOString();
    for (const [id, name, partner] of [
      [PIA, 'Pia Provincie', PZH],
      [TOM, 'Tom Stedin', STEDIN],
      [LEA, 'Léa Leiden', LEIDEN],
    ] as const) {
      const partnerId = slugify(partner);
      await registerMember(first.store, {
        allianceId: KIT,
        userId: id,
        partnerId,
        partnerName: partner,
        name,
        role: 'r',
        topics: [],
        joinedAt: now,
      });
    }
    const share = (title: string, level: string) => {
      const event = submit(PIA, 'documents.share', {
        title,
        link: 'https://example.org/d.pdf',
        level,
      });
      return first.engine.handle(
        event.type === 'form_submitted' ? { ...event, context: KIT } : event,
      );
    };
    expect((await share(CORE_TITLE, 'core')).formErrors).toBeUndefined();
    expect((await share('Warmtevisie', 'alliance')).formErrors).toBeUndefined();
    expect(sent(first.dispatcher.all).filter((s) => s.includes(CORE_TITLE))).toEqual([
      `new ${CORE_CHANNEL}: ${CORE_TITLE}`,
      `new ${PIA}: ${CORE_TITLE}`, // the thanks, and the owner's own copy
      `new ${PIA}: ${CORE_TITLE}`,
      `new ${TOM}: ${CORE_TITLE}`,
    ]);

    // The config changes; the app restarts on the same store.
    const second = await start(AFTER, first.prefix);
    expect(sent(second.dispatcher.all)).toEqual([
      `new ${LEA}: ${CORE_TITLE}`,
      `new ${LEIDEN_CHANNEL}: ${CORE_TITLE}`,
      `update ${CORE_CHANNEL}: gone`,
      `update ${TOM}: gone`,
    ]);
    const entries = await audienceEntries(second);
    expect(
      entries.map((e) => [e.actor, e.details.title, e.details.retract, e.details.post]),
    ).toEqual([[undefined, CORE_TITLE, 2, 2]]);

    // The same config again, on two workers at once: nothing more, nothing twice in the trail.
    const [a, b] = await Promise.all([start(AFTER, first.prefix), start(AFTER, first.prefix)]);
    expect([...(a?.dispatcher.all ?? []), ...(b?.dispatcher.all ?? [])]).toEqual([]);
    expect(await audienceEntries(second)).toHaveLength(1);

    // Back to the old config: the retracted copies show it again in place, the new ones go.
    const third = await start(BEFORE, first.prefix);
    expect(sent(third.dispatcher.all)).toEqual([
      `update ${CORE_CHANNEL}: ${CORE_TITLE}`,
      `update ${LEA}: gone`,
      `update ${TOM}: ${CORE_TITLE}`,
      `update ${LEIDEN_CHANNEL}: gone`,
    ]);
    expect(await audienceEntries(third)).toHaveLength(2);
    // No new copies: each place has one copy of it, whatever the config did.
    const stored = (await third.store
      .collection(documentsFlow.collections?.[0] ?? fail())
      .list(KIT)) as {
      title: string;
      copies: { kind: string; to: string }[];
    }[];
    const core = stored.find((d) => d.title === CORE_TITLE);
    expect(core?.copies.map((c) => `${c.kind} ${c.to}`).sort()).toEqual(
      [
        `channel ${CORE_CHANNEL}`,
        `channel ${LEIDEN_CHANNEL}`,
        `owner ${PIA}`,
        `person ${LEA}`,
        `person ${TOM}`,
      ].sort(),
    );
  });
});

function fail(): never {
  throw new Error('the documents flow keeps no collections');
}
