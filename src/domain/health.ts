/**
 * Community health along the four building blocks, per partner and for the alliance. Pure:
 * it works on a tally (counts per day, partner and kind, and the first day a partner did
 * something once-only) that the health flow keeps up to date from the activity log, so
 * reading health costs the same whatever the length of the history.
 *
 * The rules:
 * - connected: the partner is onboarded (one of its people did the intake) and one of its
 *   people was introduced to someone of another partner (both accepted the introduction).
 *   Before: the same, on the first day of the period (30 days ago).
 * - contributing: a person of the partner shared a document (or answered a request with one)
 *   in the last 30 days. Before: in the 30 days before those.
 * - collaborating: the partner answered the last check-in it was asked in (a round still open
 *   that it has not answered yet does not count against it), every commitment in that answer
 *   on track. Before: the check-in before that. Not measured (null) before its first check-in.
 * - co-creating: a person of the partner proposed or co-signed an idea in the last 90 days.
 *   Before: in the 90 days before those.
 * Days are UTC days (`YYYY-MM-DD` of the activity's instant).
 */

export const BLOCKS = ['connected', 'contributing', 'collaborating', 'coCreating'] as const;
export type Block = (typeof BLOCKS)[number];

/** The period of each block, in days (its trend compares it with the one before). */
export const PERIOD_DAYS: Record<Block, number> = {
  connected: 30,
  contributing: 30,
  collaborating: 0,
  coCreating: 90,
};

/** Kinds counted per day, and kinds whose first day is kept. */
export type CountKind = 'share' | 'idea' | 'answer';
export type FirstKind = 'joined' | 'onboarded' | 'introduced';

/** Day buckets are kept this long (two co-creating periods and some). */
export const KEEP_DAYS = 200;

export interface Tally {
  /** The last activity entry folded in (a stream id, `0-0` before the first). */
  cursor: string;
  /** day -> `kind|partner` -> count. */
  days: Record<string, Record<string, number>>;
  /** `kind|partner` -> the first day. */
  first: Record<string, string>;
}

export const emptyTally = (): Tally => ({ cursor: '0-0', days: {}, first: {} });

/** What the fold needs of an activity entry. */
export interface ActivityFact {
  id: string;
  type: string;
  partner?: string | undefined;
  at: string;
}

const COUNTED: Record<string, CountKind> = {
  'document.shared': 'share',
  'idea.proposed': 'idea',
  'idea.cosigned': 'idea',
  'checkin.answered': 'answer',
};
const FIRSTS: Record<string, FirstKind> = {
  'partner.joined': 'joined',
  'member.joined': 'onboarded',
  'introduction.connected': 'introduced',
};

/** Stream ids compare as (milliseconds, sequence). */
export function streamIdAfter(a: string, b: string): boolean {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am > bm || (am === bm && as > bs);
}

export const dayOf = (at: string | Date) =>
  (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);

/** The day `days` before `now`'s day. */
export function dayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The tally with these entries folded in (those after its cursor only, so folding the same
 * entries twice counts them once), and day buckets older than KEEP_DAYS dropped.
 */
export function foldActivity(tally: Tally, entries: readonly ActivityFact[], now: Date): Tally {
  const days: Tally['days'] = {};
  const oldest = dayBefore(now, KEEP_DAYS);
  for (const [day, counts] of Object.entries(tally.days))
    if (day >= oldest) days[day] = { ...counts };
  const first = { ...tally.first };
  let cursor = tally.cursor;
  for (const e of entries) {
    if (!streamIdAfter(e.id, cursor)) continue;
    cursor = e.id;
    if (!e.partner) continue;
    const day = dayOf(e.at);
    const counted = COUNTED[e.type];
    if (counted && day >= oldest) {
      const bucket = days[day] ?? {};
      const key = `${counted}|${e.partner}`;
      bucket[key] = (bucket[key] ?? 0) + 1;
      days[day] = bucket;
    }
    const once = FIRSTS[e.type];
    if (once) {
      const key = `${once}|${e.partner}`;
      const known = first[key];
      if (known === undefined || day < known) first[key] = day;
    }
  }
  return { cursor, days, first };
}

/** How often `kind` happened for the partner on the days after `from` up to `to` (inclusive). */
export function countBetween(
  tally: Tally,
  kind: CountKind,
  partner: string,
  from: string,
  to: string,
): number {
  let total = 0;
  const key = `${kind}|${partner}`;
  // Called per partner and block: no copies of the day buckets (for … in, not entries).
  for (const day in tally.days) if (day > from && day <= to) total += tally.days[day]?.[key] ?? 0;
  return total;
}

/** Whether the partner had done a once-only thing by that day. */
export const hadBy = (tally: Tally, kind: FirstKind, partner: string, day: string) => {
  const first = tally.first[`${kind}|${partner}`];
  return first !== undefined && first <= day;
};

/** A block now and in the period before; null where it is not measured (yet). */
export interface BlockState {
  now: boolean | null;
  before: boolean | null;
}
export type Trend = 'up' | 'down' | 'same';

/** One round of check-ins as collaboration sees it. */
export interface RoundFacts {
  at: string;
  closed: boolean;
  partners: readonly string[];
  /** Per partner that answered: the status of each commitment in the answer. */
  answers: Readonly<Record<string, readonly string[]>>;
}

/** Collaborating: the last check-in the partner was asked in, and the one before. */
export function collaboration(rounds: readonly RoundFacts[], partner: string): BlockState {
  const counted = [...rounds]
    .filter((r) => r.partners.includes(partner))
    .filter((r) => r.closed || r.answers[partner] !== undefined)
    .sort((a, b) => b.at.localeCompare(a.at));
  const ok = (r: RoundFacts | undefined) => {
    if (!r) return null;
    const answer = r.answers[partner];
    return answer?.every((s) => s === 'on-track') === true;
  };
  return { now: ok(counted[0]), before: ok(counted[1]) };
}

/** The four blocks of one partner. */
export function partnerHealth(
  tally: Tally,
  partner: string,
  now: Date,
  rounds: readonly RoundFacts[],
): Record<Block, BlockState> {
  const today = dayOf(now);
  const connectedBy = (day: string) =>
    hadBy(tally, 'onboarded', partner, day) && hadBy(tally, 'introduced', partner, day);
  const active = (kind: CountKind, period: number) => {
    const start = dayBefore(now, period);
    const earlier = dayBefore(now, 2 * period);
    return {
      now: countBetween(tally, kind, partner, start, today) > 0,
      before: countBetween(tally, kind, partner, earlier, start) > 0,
    };
  };
  return {
    connected: {
      now: connectedBy(today),
      before: connectedBy(dayBefore(now, PERIOD_DAYS.connected)),
    },
    contributing: active('share', PERIOD_DAYS.contributing),
    collaborating: collaboration(rounds, partner),
    coCreating: active('idea', PERIOD_DAYS.coCreating),
  };
}

export const trendOf = (s: BlockState): Trend | null =>
  s.now === null || s.before === null ? null : s.now === s.before ? 'same' : s.now ? 'up' : 'down';

/** A block for the alliance: how many partners now and before, of how many measured. */
export interface AllianceBlock {
  now: number;
  before: number;
  /** Partners measured now (null blocks are left out). */
  of: number;
  trend: Trend;
}

export function allianceHealth(
  partners: readonly Record<Block, BlockState>[],
): Record<Block, AllianceBlock> {
  const out = {} as Record<Block, AllianceBlock>;
  for (const block of BLOCKS) {
    const states = partners.map((p) => p[block]);
    const now = states.filter((s) => s.now === true).length;
    const before = states.filter((s) => s.before === true).length;
    const of = states.filter((s) => s.now !== null).length;
    out[block] = { now, before, of, trend: now > before ? 'up' : now < before ? 'down' : 'same' };
  }
  return out;
}
