/**
 * A commitment's due date: "today" is the date in the alliance's time zone (also in the night
 * of a daylight-saving change), a date before it is past, today itself is fine, and more than
 * ten years ahead is too far; the month ends offered as a default.
 */
import { describe, expect, it } from 'vitest';
import { dueDateError, monthEnd, todayIn } from '../../../flows/commitments-record.js';

describe('todayIn', () => {
  it('is the calendar date in the time zone, not in UTC', () => {
    // 23:30 UTC on 3 December is already 4 December in Amsterdam, still 3 December in New York.
    const late = new Date('2026-12-03T23:30:00Z');
    expect(todayIn(late, 'Europe/Amsterdam')).toBe('2026-12-04');
    expect(todayIn(late, 'America/New_York')).toBe('2026-12-03');
    expect(todayIn(new Date('2026-12-04T03:00:00Z'), 'America/New_York')).toBe('2026-12-03');
  });

  it('turns at local midnight on both sides of a daylight-saving change', () => {
    // Summer time starts on 29 March 2026 (UTC+1 before), ends on 25 October 2026 (UTC+2 before).
    expect(todayIn(new Date('2026-03-28T22:59:59Z'), 'Europe/Amsterdam')).toBe('2026-03-28');
    expect(todayIn(new Date('2026-03-28T23:00:00Z'), 'Europe/Amsterdam')).toBe('2026-03-29');
    expect(todayIn(new Date('2026-10-24T21:59:59Z'), 'Europe/Amsterdam')).toBe('2026-10-24');
    expect(todayIn(new Date('2026-10-24T22:00:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
    expect(todayIn(new Date('2026-10-25T22:59:59Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
    expect(todayIn(new Date('2026-10-25T23:00:00Z'), 'Europe/Amsterdam')).toBe('2026-10-26');
  });
});

describe('dueDateError', () => {
  const today = '2026-12-03';
  it('refuses a date before today and accepts today', () => {
    expect(dueDateError('2026-12-02', today)).toBe('pastDue');
    expect(dueDateError('1999-01-01', today)).toBe('pastDue');
    expect(dueDateError('2026-12-03', today)).toBeUndefined();
    expect(dueDateError('2026-12-04', today)).toBeUndefined();
  });

  it('accepts up to ten years ahead, not a day more', () => {
    expect(dueDateError('2036-12-03', today)).toBeUndefined();
    expect(dueDateError('2036-12-04', today)).toBe('farDue');
    expect(dueDateError('9999-12-31', today)).toBe('farDue');
    // From a leap day: ten years on is 29 February of a year without one; 1 March is too far.
    expect(dueDateError('2038-02-28', '2028-02-29')).toBeUndefined();
    expect(dueDateError('2038-03-01', '2028-02-29')).toBe('farDue');
  });
});

describe('monthEnd', () => {
  it('is the last day of the month, counted from a date or an instant', () => {
    expect(monthEnd('2026-12-03', 0)).toBe('2026-12-31');
    expect(monthEnd('2026-12-03', 2)).toBe('2027-02-28');
    expect(monthEnd('2027-12-31', 2)).toBe('2028-02-29');
    expect(monthEnd(new Date('2026-01-31T12:00:00Z'), 1)).toBe('2026-02-28');
  });
});
