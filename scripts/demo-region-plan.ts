/**
 * After the seeded region is written (demo-region-write.ts): its check-in series, made as
 * `checkin plannen` makes it (flows/checkins-plan.ts: the record, the audit line, the queue's
 * schedule), at the rhythm of the seeded rounds — every two weeks, on the first round's weekday
 * and local time, from its date — so the demo's check-ins keep coming; and the health tally
 * folded once, so the demo's first `gezondheid` does not fold the whole year.
 */
import { createSeries, seriesFields } from '../flows/checkins-plan.js';
import type { Series } from '../flows/checkins-record.js';
import { catchUp } from '../flows/health-record.js';
import type { Schedules } from '../src/core/jobs.js';
import type { Alliance } from '../src/domain/alliance.js';
import { WEEKDAYS, type Weekday } from '../src/domain/cadence.js';
import { auditWriter } from '../src/engine/privacy.js';
import type { Store } from '../src/store/index.js';
import type { Region } from './demo-region.js';
import { keyOf } from './demo-region-write.js';

const DAY = 86_400_000;

/** The date (`YYYY-MM-DD`), weekday and `HH:MM` of an instant in a time zone. */
function localOf(at: Date, timeZone: string): { date: string; weekday: Weekday; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = WEEKDAYS.find((w) => w === String(parts.weekday).slice(0, 2).toUpperCase());
  if (!weekday) throw new Error(`no weekday for ${at.toISOString()}`);
  // The form's times are quarters of an hour.
  const minute = String(Math.floor(Number(parts.minute) / 15) * 15).padStart(2, '0');
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday,
    time: `${parts.hour}:${minute}`,
  };
}

export interface PlannedRegion {
  /** The series (null: the region has no check-in rounds). */
  series: Series | null;
  /** Its next check-in. */
  next: Date | null;
  /** Activity entries folded into the health tally. */
  folded: number;
}

/** Makes the region's check-in series and folds the health tally; `by` a coordinator. */
export async function planRegion(
  store: Store,
  schedules: Schedules,
  alliance: Alliance,
  region: Region,
  now: Date,
  by?: string,
): Promise<PlannedRegion> {
  let series: Series | null = null;
  let next: Date | null = null;
  const rounds = region.events.filter((e) => e.kind === 'round');
  const first = rounds[0];
  if (first) {
    const asked = localOf(new Date(first.at), alliance.timeZone);
    const deadline = first.kind === 'round' ? new Date(first.deadline) : new Date(first.at);
    const fields = seriesFields(
      {
        cadence: { every: 'biweekly', weekday: asked.weekday },
        time: asked.time,
        startDate: asked.date,
        deadlineDays: Math.round((deadline.getTime() - Date.parse(first.at)) / DAY),
        deadlineTime: localOf(deadline, alliance.timeZone).time,
      },
      'all',
    );
    if (!fields) throw new Error('the seeded rounds give no series');
    const made = await createSeries(
      {
        alliance,
        store,
        schedules,
        audit: auditWriter(store, alliance.id, () => now),
        now,
      },
      fields,
      keyOf(region.series),
      // Planned a week before its first round, as a coordinator would have.
      { ...(by ? { by } : {}), at: new Date(Date.parse(first.at) - 7 * DAY).toISOString() },
    );
    series = made?.series ?? null;
    next = made?.next ?? null;
  }
  const { folded } = await catchUp(store, alliance.id, now);
  return { series, next, folded };
}
