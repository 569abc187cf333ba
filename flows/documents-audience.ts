/**
 * Documents after a change of who may see what in the config (a linked channel's `audience`,
 * the `coreTeam`): at each start the config is compared with the one of the previous start,
 * and each active document's announcements follow the rule of src/domain/audience.ts — a
 * copy where it may no longer be seen is changed in place to "no longer shared here", one
 * retracted earlier is shown again, and a channel (already linked before) or a person who may
 * see it now and never had a copy gets the announcement once. Each document that changed is
 * in the audit trail once (by the bot: the config). Exactly once across restarts: what it
 * sends is keyed by the config's generation (src/engine/start-hooks.ts), and the config it
 * compared with moves on only after.
 */
import { z } from 'zod';
import type { Locale } from '../src/core/events.js';
import type { OutboundMessage } from '../src/core/messages.js';
import type { Member } from '../src/domain/alliance.js';
import {
  type AudienceChange,
  type AudienceSnapshot,
  AudienceSnapshotSchema,
  audienceChange,
  audienceSnapshot,
  sameSnapshot,
} from '../src/domain/audience.js';
import type { JobContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { cardContext } from './documents-publish.js';
import {
  type Copy,
  channelOf,
  documents,
  facts,
  personOf,
  type SharedDocument,
} from './documents-record.js';
import { announcement, goneCard } from './documents-views.js';
import { words } from './documents-words.js';

const STATE_ID = 'audience';

/** The config of the previous start, as far as who may see what goes; how often it changed. */
const AudienceStateSchema = z.object({
  snapshot: AudienceSnapshotSchema,
  changes: z.number().int().min(0).default(0),
});
type AudienceState = z.infer<typeof AudienceStateSchema>;

export const audienceState: CollectionSpec<AudienceState> = {
  name: 'documents.audience',
  schema: AudienceStateSchema,
  purpose: {
    nl: 'welke kanalen en partners de aankondigingen bij de vorige start konden zien, zodat een gewijzigde configuratie ze bijwerkt',
    en: 'which channels and partners could see announcements at the previous start, so a change of the config updates them',
  },
  people: () => [],
  anonymise: (record) => record,
};

type Counts = Record<Exclude<AudienceChange, 'keep'>, number>;

/** One document's announcements, brought in line; what changed. */
async function follow(
  ctx: JobContext,
  d: SharedDocument,
  before: AudienceSnapshot,
  members: ReadonlyMap<string, Member>,
): Promise<Counts> {
  const { alliance } = ctx;
  const f = facts(d);
  const cards = await cardContext(ctx, d);
  const shown = (locale: Locale): OutboundMessage => announcement(d, cards(locale));
  const counts: Counts = { retract: 0, restore: 0, post: 0 };
  const count = (change: AudienceChange) => {
    if (change !== 'keep') counts[change]++;
  };
  const placeOf = (kind: 'channel' | 'person', to: string) =>
    kind === 'channel'
      ? channelOf(alliance.id, to)
      : personOf(alliance.id, to, members.get(to) ?? null);

  for (const copy of d.copies) {
    if (copy.kind === 'owner') continue;
    const change = audienceChange(alliance, before, f, placeOf(copy.kind, copy.to), true);
    const locale = copy.locale ?? alliance.locale;
    if (change === 'retract') ctx.update(copy.handle, goneCard(d, words.t(locale)));
    if (change === 'restore') ctx.update(copy.handle, shown(locale));
    count(change);
  }

  const have = new Set(d.copies.map((c) => `${c.kind}:${c.to}`));
  const purpose = `document:${d.id}:audience`;
  const added: Copy[] = [];
  const postHere = (channel: string) =>
    !have.has(`channel:${channel}`) &&
    audienceChange(alliance, before, f, placeOf('channel', channel), false) === 'post';
  for (const handle of ctx.postToAllianceChannels(shown(alliance.locale), {
    purpose,
    only: postHere,
  })) {
    if (handle.to.kind !== 'conversation') continue;
    added.push({ kind: 'channel', to: handle.to.id, handle, locale: alliance.locale });
    count('post');
  }
  // The restricted levels reach people privately (as when it was shared).
  if (d.level === 'core' || d.level === 'partners') {
    for (const m of members.values()) {
      if (m.id === d.ownerId || have.has(`person:${m.id}`)) continue;
      if (audienceChange(alliance, before, f, placeOf('person', m.id), false) !== 'post') continue;
      const locale = m.locale ?? alliance.locale;
      const handle = ctx.sendDirect(m.id, shown(locale), { purpose });
      added.push({ kind: 'person', to: m.id, handle, locale });
      count('post');
    }
  }
  if (added.length > 0) {
    await ctx.store.collection(documents).mutate(alliance.id, d.id, (x) => {
      if (!x) return x;
      const known = new Set(x.copies.map((c) => `${c.kind}:${c.to}`));
      return {
        ...x,
        copies: [...x.copies, ...added.filter((c) => !known.has(`${c.kind}:${c.to}`))],
      };
    });
  }
  return counts;
}

/**
 * The start-up hook: compares the config with the previous start's and brings every active
 * document's announcements in line. The first start only notes the config.
 */
export async function followAudience(ctx: JobContext): Promise<void> {
  const { alliance, store } = ctx;
  const state = store.collection(audienceState);
  const now = audienceSnapshot(alliance);
  const kept = await state.get(alliance.id, STATE_ID);
  if (!kept) {
    await state.create(alliance.id, STATE_ID, { snapshot: now, changes: 0 });
    return;
  }
  const before = kept.snapshot;
  if (sameSnapshot(before, now)) return;
  const change = kept.changes + 1;
  const members = new Map(
    (await store.members.listMembers(alliance.id)).map((m) => [m.id, m] as const),
  );
  for (const d of await store.collection(documents).list(alliance.id)) {
    if (d.status !== 'active') continue;
    const counts = await follow(ctx, d, before, members);
    if (counts.retract + counts.restore + counts.post === 0) continue;
    await ctx.audit(
      'document.audience-changed',
      { document: d.id, title: d.title, level: d.level, ...counts },
      { once: `audience:${change}:${d.id}` },
    );
  }
  // Moves on only from the config it compared with (two workers starting: once).
  await state.mutate(alliance.id, STATE_ID, (current) =>
    current && current.changes === kept.changes ? { snapshot: now, changes: change } : current,
  );
}
