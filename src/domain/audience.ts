/**
 * What a change of who may see what in the config (a linked channel's `audience`, the
 * `coreTeam`) means for documents announced earlier. The config of the previous start is kept
 * as a snapshot (the channels and their audiences, the core team); at the next start each
 * active document's places are judged twice by the one policy (src/domain/visibility.ts),
 * under the old config and under the new one:
 * - a place (channel, or a person told privately) that could see it and may no longer: its
 *   copy is changed in place to "no longer shared here" (`retract`);
 * - a place that could not and now may: its copy (retracted earlier) is changed back in place
 *   (`restore`); a place that never had a copy gets the announcement once (`post`) — a
 *   channel only when it was already linked at the previous start (a channel linked since
 *   gets what is shared from then on, not every older document at once);
 * - anything else stays as it is.
 * Pure: the alliance, the snapshot and the facts it is given.
 */
import { z } from 'zod';
import { type Alliance, AudienceSchema, allChannels } from './alliance.js';
import { type ChannelFacts, type DocumentFacts, maySee, type PersonFacts } from './visibility.js';

/** Who could see what, as the config of a start said it. */
export const AudienceSnapshotSchema = z.object({
  /** Every linked channel of the alliance. */
  channels: z.array(z.string()),
  /** Channels whose audience is not `all`. */
  audiences: z.record(z.string(), AudienceSchema),
  coreTeam: z.array(z.string()),
});
export type AudienceSnapshot = z.infer<typeof AudienceSnapshotSchema>;

/** The snapshot of an alliance's config now (sorted, so equal configs give equal snapshots). */
export function audienceSnapshot(alliance: Alliance): AudienceSnapshot {
  const audiences = Object.fromEntries(
    Object.entries(alliance.channels.audiences)
      .filter(([, a]) => a !== 'all')
      .map(([id, a]) => [id, Array.isArray(a) ? [...a].sort() : a] as const)
      .sort(([x], [y]) => x.localeCompare(y)),
  );
  return {
    channels: allChannels(alliance).sort(),
    audiences,
    coreTeam: [...alliance.coreTeam].sort(),
  };
}

export const sameSnapshot = (a: AudienceSnapshot, b: AudienceSnapshot): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** The alliance as the snapshot's config had it (its audiences and core team). */
export function asBefore(alliance: Alliance, before: AudienceSnapshot): Alliance {
  return {
    ...alliance,
    coreTeam: before.coreTeam,
    channels: { ...alliance.channels, audiences: before.audiences },
  };
}

/** What happens to one place of a document after a change of the config. */
export type AudienceChange = 'retract' | 'restore' | 'post' | 'keep';

/**
 * The rule above for one place, a channel or a person, that has a copy of the announcement or
 * not. A copy always says what the config of its time allowed (the announcement where the
 * place could see it, "no longer shared here" where not), so the old config tells what it
 * shows now.
 */
export function audienceChange(
  now: Alliance,
  before: AudienceSnapshot,
  document: DocumentFacts,
  place: ChannelFacts | PersonFacts,
  hasCopy: boolean,
): AudienceChange {
  if (document.status !== 'active') return 'keep';
  const could = maySee(asBefore(now, before), document, place);
  const may = maySee(now, document, place);
  if (could === may) return 'keep';
  if (!may) return hasCopy ? 'retract' : 'keep';
  if (hasCopy) return 'restore';
  // Never had a copy: a channel linked since the previous start gets no old documents.
  if (place.kind === 'channel' && !before.channels.includes(place.channelId)) return 'keep';
  return 'post';
}
