/**
 * The documents tests' alliance, against real Redis: people on Slack, Teams and the web chat
 * of four partners (two in the core team), someone without a partner, channels with each kind
 * of audience, and a second alliance beside it. `useDocumentsKit()` registers the hooks and
 * gives what the tests act and look with.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { documentsFlow } from '../../flows/documents.js';
import { documents, type SharedDocument } from '../../flows/documents-record.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { InboundEvent } from '../../src/core/events.js';
import { slugify } from '../../src/core/ids.js';
import type { ReminderRequest, Reminders } from '../../src/core/jobs.js';
import {
  CHANNEL,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  slash,
  startKit,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

export { CHANNEL, KIT, SLACK_CHANNEL };
export const TENANT = '11111111-0000-0000-0000-00000000d0c5';
export const TEAMS_CHANNEL = `teams:${TENANT}:19:kit@thread.tacv2`;
export const CORE_CHANNEL = 'local:kit:kernteam';
export const LEIDEN_CHANNEL = 'slack:T0KIT:C0LEIDEN';
export const OTHER_CHANNEL = 'local:ander:kanaal';
/** Every channel of the alliance. */
export const ALL_CHANNELS = [
  CORE_CHANNEL,
  CHANNEL,
  LEIDEN_CHANNEL,
  SLACK_CHANNEL,
  TEAMS_CHANNEL,
].sort();

const PZH = 'Provincie Zuid-Holland';
const STEDIN = 'Stedin';
const LEIDEN = 'Gemeente Leiden';
const COOP = 'Energiecoöperatie Rijnland';

/** People: on Slack of the Province (core team), on Teams of Stedin (core team), … */
export const PIA = 'slack:T0KIT:U0PIA';
export const TOM = `teams:${TENANT}:29:tom`;
export const LEA = 'local:kit:lea'; // Gemeente Leiden, not in the core team
export const KEES = 'local:kit:kees'; // the co-operative, not in the core team
export const MIA = 'local:kit:mia'; // no intake yet: no partner
export const OTTO = 'local:ander:otto'; // coordinator of the other alliance

export class RecordingReminders implements Reminders {
  readonly waiting = new Map<string, ReminderRequest>();
  async schedule(_allianceId: string, r: ReminderRequest): Promise<void> {
    this.waiting.set(r.id, r);
  }
  async cancel(_allianceId: string, id: string): Promise<boolean> {
    return this.waiting.delete(id);
  }
}

/** A document's form values; a test changes what it needs. */
export const doc = (over: Record<string, string | string[]> = {}) => ({
  title: 'Warmtevisie Leiden',
  link: 'https://example.org/warmtevisie.pdf',
  summary: 'De wijkaanpak voor aardgasvrij.',
  topics: ['warmte'],
  level: 'alliance',
  ...over,
});

/** Where the messages went: channel ids and people (direct cards), new messages only. */
export const posted = (all: readonly OutboundEnvelope[]) => ({
  channels: all
    .filter((e) => e.to.kind === 'conversation' && !e.updates)
    .map((e) => (e.to.kind === 'conversation' ? e.to.id : ''))
    .sort(),
  people: all
    .filter((e) => e.to.kind === 'direct' && !e.updates && e.message.kind === 'card')
    .map((e) => (e.to.kind === 'direct' ? e.to.userId : ''))
    .sort(),
});

export interface DocumentsKit {
  readonly kit: Kit;
  readonly reminders: RecordingReminders;
  handle(event: InboundEvent): ReturnType<Kit['engine']['handle']>;
  /** A submission of the share form (its context: the alliance, or `alliance|record`). */
  share(user: string, values: Record<string, string | string[]>, context?: string): InboundEvent;
  /** What this person was told privately (direct or only to them), all of it. */
  privateWords(user: string): string;
  /** What `documenten <words>` tells this person. */
  docsSeenBy(user: string, words?: string, channel?: string): Promise<string>;
  /** How many documents are stored. */
  stored(): Promise<number>;
  byTitle(title: string): Promise<SharedDocument>;
}

export function useDocumentsKit(): DocumentsKit {
  let kit: Kit | undefined;
  const reminders = new RecordingReminders();
  const the = () => {
    if (!kit) throw new Error('the kit has not started');
    return kit;
  };
  beforeAll(async () => {
    kit = await startKit({
      flows: [documentsFlow],
      reminders,
      config: kitConfig(
        kitAlliance({
          partners: [PZH, STEDIN, LEIDEN, COOP].map((name) => ({ name, type: 'overig' })),
          coreTeam: [PZH, STEDIN],
          topics: ['zon', 'wind', 'warmte', 'netcongestie'],
          channels: {
            local: [CHANNEL, { id: CORE_CHANNEL, audience: 'core' }],
            slack: [SLACK_CHANNEL, { id: LEIDEN_CHANNEL, audience: [LEIDEN] }],
            teams: [TEAMS_CHANNEL],
          },
        }),
        kitAlliance({
          id: 'ander-verband',
          name: 'Ander Verband',
          coordinators: [{ name: 'Otto', ids: [OTTO] }],
          spokespersons: [],
          channels: { local: [OTHER_CHANNEL], slack: [], teams: [] },
        }),
      ),
      adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
    });
    const now = new Date().toISOString();
    const people: [string, string, string][] = [
      [PIA, 'Pia Provincie', PZH],
      [TOM, 'Tom Stedin', STEDIN],
      [LEA, 'Léa Leiden', LEIDEN],
      [KEES, 'Kees Coöperatie', COOP],
    ];
    for (const [id, name, partner] of people) {
      await registerMember(kit.store, {
        allianceId: KIT,
        userId: id,
        partnerId: slugify(partner),
        partnerName: partner,
        name,
        role: 'test',
        locale: id === TOM ? 'en' : 'nl',
        joinedAt: now,
      });
    }
  });
  afterAll(async () => {
    await kit?.stop();
  });
  beforeEach(() => kit?.dispatcher.clear());

  const privateWords = (user: string) =>
    the()
      .dispatcher.all.filter(
        (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === user,
      )
      .map((e) => wordsOf(e.message))
      .join('\n');
  const handle = (event: InboundEvent) => the().engine.handle(event);
  return {
    get kit() {
      return the();
    },
    reminders,
    handle,
    share(user, values, context = KIT) {
      const event = submit(user, 'documents.share', values);
      if (event.type !== 'form_submitted') throw new Error('not a submission');
      return { ...event, context };
    },
    privateWords,
    async docsSeenBy(user, words = '', channel) {
      the().dispatcher.clear();
      await handle(slash(user, 'docs', words, channel ? { channel } : {}));
      return privateWords(user);
    },
    stored: async () => (await the().store.collection(documents).list(KIT)).length,
    async byTitle(title) {
      const found = (await the().store.collection(documents).list(KIT)).find(
        (d) => d.title === title,
      );
      if (!found) throw new Error(`no document ${title}`);
      return found;
    },
  };
}
