/**
 * The record community health keeps: one tally per alliance (src/domain/health.ts) — counts per
 * day, partner and kind, and the first day a partner joined, onboarded and was introduced —
 * with the id of the last activity entry folded in. Reading health first folds in what was
 * logged since (one compare-and-set step: two readers at once count every entry once), so the
 * cost follows what happened since the last look, never the length of the history.
 *
 * Collaboration is read from the check-ins' own records: the last rounds only (never all).
 *
 * Personal data: none. The tally counts per partner; it names no person.
 */
import { z } from 'zod';
import type { Partner } from '../src/domain/alliance.js';
import {
  type ActivityFact,
  emptyTally,
  foldActivity,
  type RoundFacts,
  streamIdAfter,
  type Tally,
} from '../src/domain/health.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';
import { roundRecords } from './checkins-record.js';

export const TallySchema = z.object({
  cursor: z.string().regex(/^\d+-\d+$/),
  days: z.record(z.string(), z.record(z.string(), z.number().int().min(0))),
  first: z.record(z.string(), z.string()),
});

export const tallies: CollectionSpec<Tally> = {
  name: 'health.tally',
  schema: TallySchema,
  purpose: {
    nl: 'hoe vaak elke partner per dag deelde, antwoordde, voorstelde of mede-ondertekende, en wanneer die lid werd en voor het eerst werd voorgesteld, voor de gezondheid van de gemeenschap (geen persoon genoemd)',
    en: 'how often each partner shared, answered, proposed or co-signed per day, and when it joined and was first introduced, for community health (no person named)',
  },
  people: () => [],
  anonymise: (t) => t,
};

const TALLY_ID = 'tally';
/** Activity entries read per step while catching up. */
const STEP = 2000;
/** The check-ins read for collaboration: the last ones. */
const ROUNDS_READ = 12;

const msOf = (id: string) => Number(id.split('-')[0] ?? 0);

/** The tally with everything logged so far folded in. */
export async function caughtUp(store: FlowStore, allianceId: string, now: Date): Promise<Tally> {
  return (await catchUp(store, allianceId, now)).tally;
}

/**
 * Folds in what was logged since the tally's cursor, a step (STEP entries) at a time; between
 * steps it awaits `between` with the count so far (the catch-up at start gives the event loop
 * to webhooks there, and logs its progress).
 * Returns the tally and how many entries this call folded in (those another reader folded at
 * the same time are not counted here: each compare-and-set step skips what it already holds).
 */
export async function catchUp(
  store: FlowStore,
  allianceId: string,
  now: Date,
  between?: (folded: number, tally: Tally) => Promise<void>,
): Promise<{ tally: Tally; folded: number }> {
  const records = store.collection(tallies);
  let tally = (await records.get(allianceId, TALLY_ID)) ?? emptyTally();
  let count = STEP;
  let folded = 0;
  for (;;) {
    const from = new Date(msOf(tally.cursor));
    const raw = await store.activity.facts(allianceId, from, count);
    const cursor = tally.cursor;
    const fresh: ActivityFact[] = raw
      .filter((e) => streamIdAfter(e.id, cursor))
      .map((e) => ({ id: e.id, type: e.type, partner: e.partner, at: e.at }));
    if (fresh.length === 0) {
      // A full page of entries at the cursor's millisecond: read a larger page.
      if (raw.length === count) {
        count *= 2;
        continue;
      }
      return { tally, folded };
    }
    let added = 0;
    tally =
      (await records.mutate(allianceId, TALLY_ID, (current) => {
        const base = current ?? emptyTally();
        added = fresh.filter((e) => streamIdAfter(e.id, base.cursor)).length;
        return foldActivity(base, fresh, now);
      })) ?? tally;
    folded += added;
    if (raw.length < count) return { tally, folded };
    count = STEP;
    await between?.(folded, tally);
  }
}

/** The last check-in rounds, as collaboration reads them. */
export async function lastRounds(store: FlowStore, allianceId: string): Promise<RoundFacts[]> {
  const collection = roundRecords(store);
  const ids = await collection.lastIds(allianceId, ROUNDS_READ);
  const rounds = await Promise.all(ids.map((id) => collection.get(allianceId, id)));
  return rounds.flatMap((r) =>
    r
      ? [
          {
            at: r.at,
            closed: r.closed,
            partners: r.partners.map((p) => p.id),
            answers: Object.fromEntries(
              Object.entries(r.answers).map(([p, a]) => [p, a.items.map((i) => i.status)]),
            ),
          },
        ]
      : [],
  );
}

/** What community health is made of: read once for every view of it one answer or job makes. */
export interface HealthInputs {
  tally: Tally;
  rounds: RoundFacts[];
  partners: Partner[];
}

/** The tally (caught up), the last rounds and the partners, read at the same time. */
export async function readHealth(
  store: FlowStore,
  allianceId: string,
  now: Date,
): Promise<HealthInputs> {
  const [tally, rounds, partners] = await Promise.all([
    caughtUp(store, allianceId, now),
    lastRounds(store, allianceId),
    store.members.listPartners(allianceId),
  ]);
  return { tally, rounds, partners };
}
