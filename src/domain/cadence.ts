/**
 * Cadences of recurring check-ins as iCalendar recurrence rules (RFC 5545 RRULE), and their
 * occurrences in an alliance's time zone across daylight-saving changes.
 *
 * A series is `DTSTART:<local date-time>\nRRULE:<rule>`: the start is a *local* (floating)
 * date-time in the alliance's zone, the rule says how it repeats (every week, every two or
 * four weeks, or monthly on the n-th weekday). Occurrences are computed on local wall-clock
 * times (rrule, with the local time written as if it were UTC) and only then turned into
 * instants in the zone, so 10:00 stays 10:00 when the clocks change. A local time that does
 * not exist (02:30 on the last Sunday of March in Europe/Amsterdam) is read as RFC 5545 says:
 * with the offset from before the gap (so 03:30 summer time); one that exists twice (02:30 on
 * the last Sunday of October) is the first of the two. The check-in form refuses both kinds
 * where it can (`seriesIssues`). The calendar file (.ics) carries the same rule.
 */
import { tzOffset } from '@date-fns/tz';
import rrule from 'rrule';

const { RRule } = rrule;

export const CADENCES = ['weekly', 'biweekly', 'fourweekly', 'monthly'] as const;
export type CadenceKind = (typeof CADENCES)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** Monthly: the first to fourth weekday of the month, or the last (-1). */
export const NTHS = ['1', '2', '3', '4', '-1'] as const;
export type Nth = (typeof NTHS)[number];

export interface Cadence {
  every: CadenceKind;
  weekday: Weekday;
  /** Monthly only: which of the month's weekdays. */
  nth?: Nth | undefined;
}

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 24 * 3600 * 1000;

/** The RRULE of a cadence (without DTSTART): `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO`. */
export function rruleOf(cadence: Cadence): string {
  switch (cadence.every) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${cadence.weekday}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${cadence.weekday}`;
    case 'fourweekly':
      return `FREQ=WEEKLY;INTERVAL=4;BYDAY=${cadence.weekday}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${cadence.nth ?? '1'}${cadence.weekday}`;
  }
}

/** A local date and time as a floating instant: the wall-clock fields read as UTC. */
export function floatingOf(date: string, time: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
}

/** The wall-clock time in `timeZone` at an instant, as a floating instant. */
export function floatingAt(instant: Date | number, timeZone: string): number {
  const ms = new Date(instant).getTime();
  return ms + tzOffset(timeZone, new Date(ms)) * 60_000;
}

/** `YYYY-MM-DD` and `HH:MM` of a floating instant. */
export function localParts(floating: number): { date: string; time: string } {
  const iso = new Date(floating).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The local date and time of an instant in a zone. */
export function localOf(instant: Date | number, timeZone: string): { date: string; time: string } {
  return localParts(floatingAt(instant, timeZone));
}

/**
 * The instant of a local wall-clock time in a zone. `exists` is false for a time in a gap
 * (clocks forward): then the instant is the one RFC 5545 gives, with the offset before the
 * gap. A time that occurs twice (clocks back) gives the first.
 */
export function instantOf(floating: number, timeZone: string): { instant: Date; exists: boolean } {
  const offsets = new Set<number>();
  for (const probe of [floating - DAY_MS, floating, floating + DAY_MS]) {
    offsets.add(tzOffset(timeZone, new Date(probe)));
    offsets.add(tzOffset(timeZone, new Date(probe - tzOffset(timeZone, new Date(probe)) * 60_000)));
  }
  const matching = [...offsets]
    .map((offset) => floating - offset * 60_000)
    .filter((t) => floatingAt(t, timeZone) === floating)
    .sort((a, b) => a - b);
  const first = matching[0];
  if (first !== undefined) return { instant: new Date(first), exists: true };
  const before = tzOffset(timeZone, new Date(floating - DAY_MS));
  return { instant: new Date(floating - before * 60_000), exists: false };
}

/** Whether a local date and time exists in the zone (not skipped by a DST change). */
export function existsLocally(date: string, time: string, timeZone: string): boolean {
  return instantOf(floatingOf(date, time), timeZone).exists;
}

/** `20270315T100000`: a floating instant in iCalendar's local date-time form. */
export function icalLocal(floating: number): string {
  return new Date(floating).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** A series: its first occurrence (local) and its rule. */
export function seriesRule(firstFloating: number, cadence: Cadence): string {
  return `DTSTART:${icalLocal(firstFloating)}\nRRULE:${rruleOf(cadence)}`;
}

const SERIES_RE = /^DTSTART:(\d{8}T\d{6})\nRRULE:([A-Z0-9=;,-]+)$/;

/** Whether a text is a series as `seriesRule` writes it (and rrule reads it). */
export function isSeriesRule(rule: string): boolean {
  const match = SERIES_RE.exec(rule);
  if (!match?.[2]) return false;
  try {
    RRule.parseString(match[2]);
    return true;
  } catch {
    return false;
  }
}

/** The parts of a series: its DTSTART (floating) and the RRULE line's value. */
export function parseSeries(rule: string): { start: number; rrule: string } {
  const match = SERIES_RE.exec(rule);
  if (!match?.[1] || !match[2]) throw new TypeError(`not a series rule: ${JSON.stringify(rule)}`);
  const s = match[1];
  const start = Date.UTC(
    Number(s.slice(0, 4)),
    Number(s.slice(4, 6)) - 1,
    Number(s.slice(6, 8)),
    Number(s.slice(9, 11)),
    Number(s.slice(11, 13)),
    Number(s.slice(13, 15)),
  );
  return { start, rrule: match[2] };
}

function ruleFor(rule: string): InstanceType<typeof RRule> {
  const { start, rrule: line } = parseSeries(rule);
  return new RRule({ ...RRule.parseString(line), dtstart: new Date(start) });
}

/**
 * The first local occurrence of a cadence at `time` on or after a local date (floating), or
 * null when there is none within a year.
 */
export function firstOnOrAfter(cadence: Cadence, date: string, time: string): number | null {
  const start = floatingOf(date, time);
  // The first matching day itself (every other week counts its weeks from there on).
  const plain: Cadence = { ...cadence, every: cadence.every === 'monthly' ? 'monthly' : 'weekly' };
  const rule = new RRule({ ...RRule.parseString(rruleOf(plain)), dtstart: new Date(start) });
  const first = rule.after(new Date(start), true);
  return first && first.getTime() - start < 400 * DAY_MS ? first.getTime() : null;
}

/** Local occurrences (floating) of a series from `fromFloating` (inclusive), at most `count`. */
export function floatingOccurrences(rule: string, fromFloating: number, count: number): number[] {
  const out: number[] = [];
  ruleFor(rule).all((date, i) => {
    if (i > 5000 || out.length >= count) return false;
    if (date.getTime() >= fromFloating) out.push(date.getTime());
    return out.length < count;
  });
  return out;
}

/**
 * The first occurrence of a series strictly after an instant, as an instant in the zone; null
 * when the series has ended.
 */
export function nextOccurrence(rule: string, timeZone: string, after: Date): Date | null {
  const parsed = ruleFor(rule);
  // A floating cursor: an occurrence whose local time came back in a DST overlap can lie
  // before `after` as an instant; then the next one is taken.
  let cursor = new Date(floatingAt(after, timeZone) - 1);
  for (let i = 0; i < 10; i++) {
    const next = parsed.after(cursor, false);
    if (!next) return null;
    const { instant } = instantOf(next.getTime(), timeZone);
    if (instant.getTime() > after.getTime()) return instant;
    cursor = next;
  }
  return null;
}

/** The first `count` occurrences of a series strictly after an instant. */
export function occurrencesAfter(
  rule: string,
  timeZone: string,
  after: Date,
  count: number,
): Date[] {
  const out: Date[] = [];
  let cursor = after;
  while (out.length < count) {
    const next = nextOccurrence(rule, timeZone, cursor);
    if (!next) break;
    out.push(next);
    cursor = next;
  }
  return out;
}

/** A local time `days` days after a floating instant's date, at `time` (floating). */
export function laterOn(floating: number, days: number, time: string): number {
  const { date } = localParts(floating + days * DAY_MS);
  return floatingOf(date, time);
}

/** How a check-in series runs: its cadence, time, first date, and its answer deadline. */
export interface SeriesTiming {
  cadence: Cadence;
  /** `HH:MM`, local. */
  time: string;
  /** `YYYY-MM-DD`: the first check-in is on the first matching day from here. */
  startDate: string;
  /** The deadline: this many days after the check-in's date (0: the same day)… */
  deadlineDays: number;
  /** …at this local time. */
  deadlineTime: string;
}

export type SeriesIssue =
  | { field: 'startDate'; code: 'past'; first: number }
  | { field: 'startDate'; code: 'none' }
  | { field: 'time'; code: 'nonexistent'; date: string }
  | { field: 'deadlineTime'; code: 'nonexistent'; date: string }
  | { field: 'deadlineTime'; code: 'beforeStart' };

/** How far ahead occurrences are checked for times that do not exist (two years). */
const CHECK_AHEAD = 2 * 366 * DAY_MS;

/** A series' local occurrences (floating) within two years of its first. */
function occurrencesAhead(rule: string, firstLocal: number): number[] {
  return floatingOccurrences(rule, firstLocal, 200).filter((f) => f - firstLocal <= CHECK_AHEAD);
}

/**
 * The first local date (`YYYY-MM-DD`) within two years of a series' first occurrence on which
 * its time does not exist in the zone (the clocks go forward then); undefined when there is
 * none. A time that exists twice (clocks back) is no gap: it is the first of the two.
 */
export function firstGap(rule: string, timeZone: string): string | undefined {
  const { start } = parseSeries(rule);
  const gap = occurrencesAhead(rule, start).find((f) => !instantOf(f, timeZone).exists);
  return gap === undefined ? undefined : localParts(gap).date;
}

/**
 * What is wrong with a series in a zone at `now`: a first check-in in the past, a check-in
 * or deadline time that does not exist on one of its days within two years (a DST change),
 * a deadline not after the check-in. Empty when it can be scheduled.
 */
export function seriesIssues(timing: SeriesTiming, timeZone: string, now: Date): SeriesIssue[] {
  const issues: SeriesIssue[] = [];
  const firstLocal = firstOnOrAfter(timing.cadence, timing.startDate, timing.time);
  if (firstLocal === null) return [{ field: 'startDate', code: 'none' }];
  const first = instantOf(firstLocal, timeZone).instant;
  if (first.getTime() <= now.getTime())
    issues.push({ field: 'startDate', code: 'past', first: firstLocal });
  if (
    timing.deadlineDays === 0 &&
    floatingOf('2000-01-01', timing.deadlineTime) <= floatingOf('2000-01-01', timing.time)
  )
    issues.push({ field: 'deadlineTime', code: 'beforeStart' });
  const rule = seriesRule(firstLocal, timing.cadence);
  const ahead = occurrencesAhead(rule, firstLocal);
  const gap = ahead.find((f) => !instantOf(f, timeZone).exists);
  if (gap !== undefined)
    issues.push({ field: 'time', code: 'nonexistent', date: localParts(gap).date });
  const deadlineGap = ahead
    .map((f) => laterOn(f, timing.deadlineDays, timing.deadlineTime))
    .find((f) => !instantOf(f, timeZone).exists);
  if (deadlineGap !== undefined)
    issues.push({ field: 'deadlineTime', code: 'nonexistent', date: localParts(deadlineGap).date });
  return issues;
}

/** The instant of a check-in's deadline, from the check-in's instant. */
export function deadlineAfter(
  occurrence: Date,
  timing: Pick<SeriesTiming, 'deadlineDays' | 'deadlineTime'>,
  timeZone: string,
): Date {
  const local = floatingAt(occurrence, timeZone);
  return instantOf(laterOn(local, timing.deadlineDays, timing.deadlineTime), timeZone).instant;
}

/** The series of a timing: its first local occurrence and rule (null: no first occurrence). */
export function seriesOf(timing: SeriesTiming): { first: number; rule: string } | null {
  const first = firstOnOrAfter(timing.cadence, timing.startDate, timing.time);
  return first === null ? null : { first, rule: seriesRule(first, timing.cadence) };
}

/** The rule with an end (UNTIL, a floating local time): a paused or stopped series. */
export function withUntil(rule: string, untilFloating: number): string {
  return `${rule.replace(/;UNTIL=[0-9T]+/, '')};UNTIL=${icalLocal(untilFloating)}`;
}
