/**
 * A check-in series as iCalendar (RFC 5545), written by ical-generator: one VEVENT with the
 * series' RRULE, its DTSTART in the alliance's zone (TZID) and that zone's VTIMEZONE, so
 * Outlook and Google Calendar show every check-in at its local time across DST changes. Its
 * UID stays the same for the life of the series and its SEQUENCE goes up with every change, so
 * a subscribed calendar replaces the series instead of adding one. A paused or stopped series
 * ends (UNTIL) where it was paused or stopped; one that never had a check-in is CANCELLED.
 * Served at `GET /calendar/<token>.ics` (src/http/calendar.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Alliance } from '../src/domain/alliance.js';
import { instantOf, parseSeries } from '../src/domain/cadence.js';
import type { AllianceDirectory } from '../src/domain/directory.js';
import type { FlowStore } from '../src/store/index.js';
import { type Series, seriesRecords } from './checkins-record.js';
import { cadenceText } from './checkins-views.js';
import { words } from './checkins-words.js';

/** How long a check-in takes in the calendar. */
const DURATION_MS = 30 * 60_000;

const icalUtc = (instant: Date) => `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The .ics of a series. */
export function seriesCalendar(series: Series, alliance: Alliance): string {
  const t = words.t(alliance.locale);
  const { start, rrule } = parseSeries(series.rule);
  const ended = series.status !== 'active' && series.endedAt ? new Date(series.endedAt) : undefined;
  // Paused or stopped before its first check-in: nothing of it stays in the calendar.
  const cancelled =
    ended !== undefined && instantOf(start, alliance.timeZone).instant.getTime() >= ended.getTime();
  const stamp = series.history.at(-1)?.at;
  const calendar = ical({
    name: t('checkins.ask.header', { alliance: alliance.name }),
    prodId: {
      company: 'Alliantiebot',
      product: 'checkins',
      language: alliance.locale.toUpperCase(),
    },
    // The zone's VTIMEZONE; the times themselves carry its TZID.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
  calendar.createEvent({
    id: `${series.id}@${alliance.id}.alliantiebot`,
    sequence: series.sequence,
    ...(stamp ? { stamp: new Date(stamp) } : {}),
    // ical-generator writes a Date's UTC fields after the TZID: the local time, as such.
    start: new Date(start),
    end: new Date(start + DURATION_MS),
    timezone: alliance.timeZone,
    repeating: `RRULE:${rrule}${ended && !cancelled ? `;UNTIL=${icalUtc(ended)}` : ''}`,
    summary: t('checkins.ask.header', { alliance: alliance.name }),
    description: [
      `${cadenceText(series, t, alliance.locale)}; ${t('checkins.deadline.days', { days: series.deadlineDays, time: series.deadlineTime })}.`,
      t('checkins.calendar.how'),
    ].join('\n'),
    ...(cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
  });
  return calendar.toString();
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Finds the series of a calendar token among every alliance's, and writes its .ics. */
export function calendarFinder(store: FlowStore, directory: AllianceDirectory) {
  return async (token: string): Promise<string | null> => {
    const wanted = digest(token);
    for (const alliance of directory.all()) {
      for (const series of await seriesRecords(store).list(alliance.id)) {
        if (timingSafeEqual(digest(series.token), wanted)) return seriesCalendar(series, alliance);
      }
    }
    return null;
  };
}
