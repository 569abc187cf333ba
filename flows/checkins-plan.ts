/**
 * A new check-in series and its schedule, as `checkin plannen` makes it once its form is valid
 * (checkins-manage.ts): the series record (its id from the event that made it, so a redelivered
 * form makes it once), the audit line, and the queue's schedule of its RRULE. The demo seeder
 * (scripts/demo-region-plan.ts) makes the seeded region's series through the same functions,
 * so the demo's check-ins keep coming after seeding.
 */
import type { Schedules } from '../src/core/jobs.js';
import { newToken } from '../src/core/tokens.js';
import type { Alliance } from '../src/domain/alliance.js';
import { nextOccurrence, type SeriesTiming, seriesOf } from '../src/domain/cadence.js';
import type { AuditWriter } from '../src/engine/privacy.js';
import type { FlowStore } from '../src/store/index.js';
import { type Series, seriesId, seriesRecords } from './checkins-record.js';

/** What planning needs: a FlowContext or JobContext has it, and so has the seeder. */
export interface SeriesPlanner {
  readonly alliance: Alliance;
  readonly store: FlowStore;
  readonly schedules: Schedules;
  readonly audit: AuditWriter;
  readonly now: Date;
}

/** The fields a series' timing and audience give (null: no occurrence at all). */
export type SeriesFields = Pick<
  Series,
  | 'every'
  | 'weekday'
  | 'nth'
  | 'time'
  | 'startDate'
  | 'deadlineDays'
  | 'deadlineTime'
  | 'audience'
  | 'rule'
>;

export function seriesFields(
  timing: SeriesTiming,
  audience: Series['audience'],
): SeriesFields | null {
  const series = seriesOf(timing);
  if (!series) return null;
  return {
    every: timing.cadence.every,
    weekday: timing.cadence.weekday,
    ...(timing.cadence.every === 'monthly' && timing.cadence.nth
      ? { nth: timing.cadence.nth }
      : {}),
    time: timing.time,
    startDate: timing.startDate,
    deadlineDays: timing.deadlineDays,
    deadlineTime: timing.deadlineTime,
    audience,
    rule: series.rule,
  };
}

/** The queue's schedule of a series (its RRULE): replaced, never doubled. */
export function planSeries(
  ctx: Pick<SeriesPlanner, 'alliance' | 'schedules'>,
  series: Series,
): Promise<Date | null> {
  return ctx.schedules.upsert(ctx.alliance.id, {
    id: series.id,
    flow: 'checkins',
    kind: 'ask',
    rrule: series.rule,
    data: { series: series.id },
  });
}

/** Who made it: a person (by id and name) or nobody (the bot), and when. */
export interface MadeBy {
  by?: string;
  byName?: string;
  at: string;
}

/**
 * Makes the series `key` names (once: a second call finds the first one's), audits it and
 * plans it while it is active. Null when it is gone (stopped since).
 */
export async function createSeries(
  ctx: SeriesPlanner,
  fields: SeriesFields,
  key: string,
  by: MadeBy,
): Promise<{ series: Series; next: Date | null } | null> {
  const records = seriesRecords(ctx.store);
  const id = seriesId(key);
  await records.create(ctx.alliance.id, id, {
    id,
    ...fields,
    status: 'active',
    token: newToken(),
    sequence: 0,
    lastEvent: key,
    history: [{ action: 'scheduled', ...by }],
  });
  const written = await records.get(ctx.alliance.id, id);
  if (!written || written.status === 'stopped') return null;
  await ctx.audit('checkin.scheduled', {
    series: written.id,
    rule: written.rule,
    audience: written.audience,
    sequence: written.sequence,
  });
  const next =
    written.status === 'active'
      ? await planSeries(ctx, written)
      : nextOccurrence(written.rule, ctx.alliance.timeZone, ctx.now);
  return { series: written, next };
}
