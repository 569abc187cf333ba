/**
 * The health trend for a chart: for each of the last weeks, how many partners were connected,
 * contributing, collaborating and co-creating at the end of that week (the rules of
 * src/domain/health.ts, applied as of that day), and of how many partners. Pure: it reads the
 * same tally the health view reads (its day buckets reach back far enough for every week of
 * the chart), so its cost does not grow with the history either.
 *
 * A partner counts from the day it joined (one without a join on record always counts); a
 * check-in round counts from the day it was held.
 */
import {
  BLOCKS,
  type Block,
  type BlockState,
  dayBefore,
  hadBy,
  partnerHealth,
  type RoundFacts,
  type Tally,
} from './health.js';

/** Weeks a chart shows by default. */
export const CHART_WEEKS = 8;

export interface HealthPoint {
  /** The last day of the week (`YYYY-MM-DD`, UTC). */
  day: string;
  /** Partners for whom the block holds that day. */
  counts: Record<Block, number>;
  /** Partners measured per block that day (collaboration only after a partner's first check-in). */
  measured: Record<Block, number>;
  /** Partners that had joined by that day. */
  partners: number;
}

/** The trend of the alliance's four blocks, oldest week first, the last point `now`. */
export function healthTrend(
  tally: Tally,
  partnerIds: readonly string[],
  rounds: readonly RoundFacts[],
  now: Date,
  weeks = CHART_WEEKS,
): HealthPoint[] {
  const points: HealthPoint[] = [];
  for (let back = weeks - 1; back >= 0; back--) {
    const at = new Date(now.getTime() - back * 7 * 86_400_000);
    const day = dayBefore(at, 0);
    const heldBy = rounds.filter((r) => r.at.slice(0, 10) <= day);
    const present = partnerIds.filter(
      (p) => tally.first[`joined|${p}`] === undefined || hadBy(tally, 'joined', p, day),
    );
    const zero = () => Object.fromEntries(BLOCKS.map((b) => [b, 0])) as Record<Block, number>;
    const counts = zero();
    const measured = zero();
    for (const partner of present) {
      const blocks: Record<Block, BlockState> = partnerHealth(tally, partner, at, heldBy);
      for (const b of BLOCKS) {
        if (blocks[b].now === true) counts[b] += 1;
        if (blocks[b].now !== null) measured[b] += 1;
      }
    }
    points.push({ day, counts, measured, partners: present.length });
  }
  return points;
}

/** A block's first and last figure of the trend, for its text alternative. */
export function trendEnds(
  points: readonly HealthPoint[],
  block: Block,
): { now: number; of: number; was: number } {
  const first = points[0];
  const last = points.at(-1);
  return {
    now: last?.counts[block] ?? 0,
    of: last?.measured[block] ?? 0,
    was: first?.counts[block] ?? 0,
  };
}
