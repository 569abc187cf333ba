import { describe, expect, it } from 'vitest';
import {
  deadlineAfter,
  existsLocally,
  firstGap,
  floatingOf,
  instantOf,
  localOf,
  nextOccurrence,
  occurrencesAfter,
  rruleOf,
  type SeriesTiming,
  seriesIssues,
  seriesOf,
} from '../../../src/domain/cadence.js';

const AMS = 'Europe/Amsterdam';
const iso = (d: Date | null) => d?.toISOString();
const timing = (extra: Partial<SeriesTiming> = {}): SeriesTiming => ({
  cadence: { every: 'weekly', weekday: 'MO' },
  time: '10:00',
  startDate: '2027-03-15',
  deadlineDays: 2,
  deadlineTime: '17:00',
  ...extra,
});
const NOW = new Date('2027-03-01T12:00:00Z');

describe('cadences as RRULEs', () => {
  it('writes each cadence as RFC 5545 says', () => {
    expect(rruleOf({ every: 'weekly', weekday: 'MO' })).toBe('FREQ=WEEKLY;BYDAY=MO');
    expect(rruleOf({ every: 'biweekly', weekday: 'TU' })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU');
    expect(rruleOf({ every: 'fourweekly', weekday: 'FR' })).toBe('FREQ=WEEKLY;INTERVAL=4;BYDAY=FR');
    expect(rruleOf({ every: 'monthly', weekday: 'WE', nth: '2' })).toBe('FREQ=MONTHLY;BYDAY=2WE');
    expect(rruleOf({ every: 'monthly', weekday: 'SU', nth: '-1' })).toBe('FREQ=MONTHLY;BYDAY=-1SU');
  });

  it('starts a series on the first matching day from its start date', () => {
    // 17 March 2027 is a Wednesday: the first Monday from then is 22 March.
    const series = seriesOf(timing({ startDate: '2027-03-17' }));
    expect(series?.rule).toBe('DTSTART:20270322T100000\nRRULE:FREQ=WEEKLY;BYDAY=MO');
    // Every other week too: the first Monday from the date, not the one after it.
    expect(
      seriesOf(timing({ startDate: '2027-03-19', cadence: { every: 'biweekly', weekday: 'MO' } }))
        ?.rule,
    ).toBe('DTSTART:20270322T100000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO');
  });
});

describe('occurrences in the alliance time zone', () => {
  it('keeps a weekly Monday 10:00 at 10:00 local across the March change', () => {
    const series = seriesOf(timing());
    const got = occurrencesAfter(series?.rule ?? '', AMS, NOW, 3).map((d) => d.toISOString());
    // 28 March 2027: CET (+1) to CEST (+2).
    expect(got).toEqual([
      '2027-03-15T09:00:00.000Z',
      '2027-03-22T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
    ]);
  });

  it('keeps every other Tuesday 09:30 local across the October change', () => {
    const series = seriesOf(
      timing({
        cadence: { every: 'biweekly', weekday: 'TU' },
        time: '09:30',
        startDate: '2027-10-19',
      }),
    );
    const got = occurrencesAfter(series?.rule ?? '', AMS, new Date('2027-10-01T00:00:00Z'), 3);
    expect(got.map((d) => localOf(d, AMS))).toEqual([
      { date: '2027-10-19', time: '09:30' },
      { date: '2027-11-02', time: '09:30' },
      { date: '2027-11-16', time: '09:30' },
    ]);
    expect(got.map((d) => d.toISOString())).toEqual([
      '2027-10-19T07:30:00.000Z',
      '2027-11-02T08:30:00.000Z',
      '2027-11-16T08:30:00.000Z',
    ]);
  });

  it('finds the n-th and the last weekday of the month', () => {
    const second = seriesOf(
      timing({ cadence: { every: 'monthly', weekday: 'WE', nth: '2' }, startDate: '2027-01-01' }),
    );
    expect(
      occurrencesAfter(second?.rule ?? '', AMS, new Date('2026-12-31T00:00:00Z'), 3).map(
        (d) => localOf(d, AMS).date,
      ),
    ).toEqual(['2027-01-13', '2027-02-10', '2027-03-10']);
    const last = seriesOf(
      timing({ cadence: { every: 'monthly', weekday: 'FR', nth: '-1' }, startDate: '2027-01-01' }),
    );
    expect(
      occurrencesAfter(last?.rule ?? '', AMS, new Date('2026-12-31T00:00:00Z'), 3).map(
        (d) => localOf(d, AMS).date,
      ),
    ).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('every four weeks from the first day, in New York too', () => {
    const series = seriesOf(
      timing({ cadence: { every: 'fourweekly', weekday: 'TH' }, startDate: '2027-02-25' }),
    );
    const ny = 'America/New_York';
    // New York moves on 14 March 2027, Amsterdam on 28 March.
    expect(
      occurrencesAfter(series?.rule ?? '', ny, new Date('2027-02-01T00:00:00Z'), 3).map(iso),
    ).toEqual(['2027-02-25T15:00:00.000Z', '2027-03-25T14:00:00.000Z', '2027-04-22T14:00:00.000Z']);
  });

  it('reads a time in the gap as RFC 5545 does, and the doubled hour as its first', () => {
    const gap = instantOf(floatingOf('2027-03-28', '02:30'), AMS);
    expect(gap.exists).toBe(false);
    expect(localOf(gap.instant, AMS)).toEqual({ date: '2027-03-28', time: '03:30' });
    const twice = instantOf(floatingOf('2027-10-31', '02:30'), AMS);
    expect(twice).toEqual({ instant: new Date('2027-10-31T00:30:00Z'), exists: true });
    expect(existsLocally('2027-03-28', '02:30', AMS)).toBe(false);
    expect(existsLocally('2027-03-28', '03:00', AMS)).toBe(true);
  });

  it('steps past an occurrence in the doubled hour', () => {
    const series = seriesOf(
      timing({
        cadence: { every: 'weekly', weekday: 'SU' },
        time: '02:30',
        startDate: '2027-10-31',
      }),
    );
    expect(iso(nextOccurrence(series?.rule ?? '', AMS, new Date('2027-10-31T00:30:00Z')))).toBe(
      '2027-11-07T01:30:00.000Z',
    );
  });

  it('puts the deadline at its local time, days after the check-in', () => {
    const deadline = deadlineAfter(
      new Date('2027-03-26T09:00:00Z'),
      { deadlineDays: 3, deadlineTime: '17:00' },
      AMS,
    );
    expect(iso(deadline)).toBe('2027-03-29T15:00:00.000Z');
  });
});

describe('what the form refuses', () => {
  it('a first check-in in the past', () => {
    const issues = seriesIssues(timing({ startDate: '2027-02-22' }), AMS, NOW);
    expect(issues).toEqual([
      { field: 'startDate', code: 'past', first: floatingOf('2027-02-22', '10:00') },
    ]);
  });

  it('02:30 on the last Sunday of March, on the day it does not exist', () => {
    expect(
      seriesIssues(
        timing({
          cadence: { every: 'weekly', weekday: 'SU' },
          time: '02:30',
          startDate: '2027-03-28',
        }),
        AMS,
        NOW,
      ),
    ).toEqual([{ field: 'time', code: 'nonexistent', date: '2027-03-28' }]);
    // Monthly on the last Sunday: every March has one.
    expect(
      seriesIssues(
        timing({
          cadence: { every: 'monthly', weekday: 'SU', nth: '-1' },
          time: '02:15',
          startDate: '2027-04-01',
        }),
        AMS,
        NOW,
      ),
    ).toEqual([{ field: 'time', code: 'nonexistent', date: '2028-03-26' }]);
  });

  it('a deadline not after the check-in, or in the gap', () => {
    expect(seriesIssues(timing({ deadlineDays: 0, deadlineTime: '09:00' }), AMS, NOW)).toEqual([
      { field: 'deadlineTime', code: 'beforeStart' },
    ]);
    expect(
      seriesIssues(
        timing({
          cadence: { every: 'weekly', weekday: 'FR' },
          deadlineDays: 2,
          deadlineTime: '02:00',
        }),
        AMS,
        NOW,
      ),
    ).toEqual([{ field: 'deadlineTime', code: 'nonexistent', date: '2027-03-28' }]);
  });

  it('nothing for a good series', () => {
    expect(seriesIssues(timing(), AMS, NOW)).toEqual([]);
  });
});

describe('the first day a series skips (the digest form)', () => {
  const sundays = (time: string) =>
    `DTSTART:20270103T${time.replace(':', '')}00\nRRULE:FREQ=WEEKLY;BYDAY=SU`;

  it('is the last Sunday of March for 02:30 in Amsterdam, and none for 03:30', () => {
    expect(firstGap(sundays('02:30'), AMS)).toBe('2027-03-28');
    expect(firstGap(sundays('03:30'), AMS)).toBeUndefined();
  });

  it('follows the zone: in London the clocks skip 01:00–02:00', () => {
    expect(firstGap(sundays('01:30'), 'Europe/London')).toBe('2027-03-28');
    expect(firstGap(sundays('02:30'), 'Europe/London')).toBeUndefined();
  });

  it('is no gap where a time exists twice (October), nor on other weekdays', () => {
    expect(firstGap('DTSTART:20270905T023000\nRRULE:FREQ=WEEKLY;BYDAY=SU', AMS)).toBe('2028-03-26');
    expect(firstGap('DTSTART:20270104T023000\nRRULE:FREQ=WEEKLY;BYDAY=MO', AMS)).toBeUndefined();
  });
});
