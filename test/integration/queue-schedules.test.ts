import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSchedules } from '../../src/queue/schedules.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';

const ALLIANCE = 'energieregio-west';

/** The instant an occurrence is due, as BullMQ encodes it in the id (`repeat:<id>:<ms>`). */
function dueOf(job: { id?: string | undefined }): string {
  return new Date(Number(job.id?.split(':').at(-1))).toISOString();
}

/** Walks a scheduler's occurrences: reads the waiting occurrence, then fires it at once. */
async function occurrences(q: TestQueue, n: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < n; i++) {
    let job = (await q.runtime.scheduleQueue.getDelayed())[0];
    await eventually(async () => {
      job = (await q.runtime.scheduleQueue.getDelayed())[0];
      return job && !seen.includes(new Date(job.timestamp + job.delay).toISOString())
        ? true
        : 'no next occurrence yet';
    });
    if (!job) throw new Error('no delayed occurrence');
    seen.push(dueOf(job));
    await job.promote();
  }
  return seen;
}

describe('recurring schedules in the alliance time zone', () => {
  let q: TestQueue;
  afterEach(async () => q?.stop());

  const schedules = (): QueueSchedules => q.runtime.schedules;

  it('fires a daily 10:00 check-in at 10:00 Amsterdam time across the March DST change', async () => {
    q = await startTestQueue([]);
    const first = await schedules().upsert(ALLIANCE, {
      id: 'checkin',
      flow: 'checkins',
      kind: 'ask',
      cron: '0 10 * * *',
      startDate: new Date('2027-03-26T00:00:00Z'),
    });
    expect(first?.toISOString()).toBe('2027-03-26T09:00:00.000Z');
    // 28 March 2027 is the last Sunday of March: clocks go from CET (+1) to CEST (+2).
    expect(await occurrences(q, 4)).toEqual([
      '2027-03-26T09:00:00.000Z',
      '2027-03-27T09:00:00.000Z',
      '2027-03-28T08:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
    ]);
    await eventually(() => (q.jobs.length >= 4 ? true : `${q.jobs.length} runs`));
    expect(q.jobs[0]).toMatchObject({
      allianceId: ALLIANCE,
      flow: 'checkins',
      kind: 'ask',
      type: 'schedule',
    });
    // Each occurrence has its own stable key, so what it sends is sent once.
    expect(new Set(q.jobs.map((j) => j.key)).size).toBe(q.jobs.length);
  });

  it('fires a Monday 10:00 digest at 10:00 Amsterdam time across the October DST change', async () => {
    q = await startTestQueue([]);
    await schedules().upsert(ALLIANCE, {
      id: 'digest',
      flow: 'digests',
      kind: 'weekly',
      cron: '0 10 * * 1',
      startDate: new Date('2027-10-20T00:00:00Z'),
    });
    // 31 October 2027 is the last Sunday of October: back from CEST (+2) to CET (+1).
    expect(await occurrences(q, 3)).toEqual([
      '2027-10-25T08:00:00.000Z',
      '2027-11-01T09:00:00.000Z',
      '2027-11-08T09:00:00.000Z',
    ]);
  });

  it('replaces a changed schedule instead of doubling it', async () => {
    q = await startTestQueue([], { workers: false });
    await schedules().upsert(ALLIANCE, {
      id: 'checkin',
      flow: 'checkins',
      kind: 'ask',
      cron: '0 10 * * 1',
    });
    await schedules().upsert(ALLIANCE, {
      id: 'checkin',
      flow: 'checkins',
      kind: 'ask',
      cron: '0 10 * * 1',
    });
    const next = await schedules().upsert(ALLIANCE, {
      id: 'checkin',
      flow: 'checkins',
      kind: 'ask',
      cron: '30 9 * * 3',
    });
    const list = await schedules().list(ALLIANCE);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: 'checkin',
      cron: '30 9 * * 3',
      timeZone: 'Europe/Amsterdam',
    });
    const delayed = await q.runtime.scheduleQueue.getDelayed();
    expect(delayed).toHaveLength(1);
    expect(new Date((delayed[0]?.timestamp ?? 0) + (delayed[0]?.delay ?? 0)).toISOString()).toBe(
      next?.toISOString(),
    );
    // Wednesday 09:30 in Amsterdam
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(local.format(next ?? new Date(0))).toBe('Wed 09:30');
    expect(await schedules().remove(ALLIANCE, 'checkin')).toBe(true);
    expect(await schedules().list(ALLIANCE)).toHaveLength(0);
  });
});

describe('reminders', () => {
  let q: TestQueue;
  afterEach(async () => q?.stop());

  it('fires a due reminder once', async () => {
    q = await startTestQueue([]);
    await q.runtime.reminders.schedule(ALLIANCE, {
      id: 'r1',
      flow: 'onboarding',
      kind: 'nudge',
      at: new Date(Date.now() + 200),
      data: { userId: 'local:demo:anna' },
    });
    await eventually(() => (q.jobs.length === 1 ? true : 'not fired'), 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(q.jobs).toHaveLength(1);
    expect(q.jobs[0]).toMatchObject({
      flow: 'onboarding',
      kind: 'nudge',
      data: { userId: 'local:demo:anna' },
      type: 'reminder',
    });
  });

  it('never fires a cancelled reminder', async () => {
    q = await startTestQueue([]);
    await q.runtime.reminders.schedule(ALLIANCE, {
      id: 'r2',
      flow: 'onboarding',
      kind: 'nudge',
      at: new Date(Date.now() + 400),
    });
    expect(await q.runtime.reminders.cancel(ALLIANCE, 'r2')).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(q.jobs).toHaveLength(0);
    expect(await q.runtime.reminders.cancel(ALLIANCE, 'r2')).toBe(false);
  });

  it('moves a reminder when it is scheduled again, and fires it once at the new time', async () => {
    q = await startTestQueue([]);
    const late = new Date(Date.now() + 60_000);
    await q.runtime.reminders.schedule(ALLIANCE, {
      id: 'r3',
      flow: 'onboarding',
      kind: 'nudge',
      at: late,
    });
    expect((await q.runtime.reminders.dueAt(ALLIANCE, 'r3'))?.getTime()).toBeCloseTo(
      late.getTime(),
      -2,
    );
    await q.runtime.reminders.schedule(ALLIANCE, {
      id: 'r3',
      flow: 'onboarding',
      kind: 'nudge',
      at: new Date(Date.now() + 200),
      data: { moved: true },
    });
    await eventually(() => (q.jobs.length === 1 ? true : 'not fired'), 5000);
    await new Promise((r) => setTimeout(r, 500));
    expect(q.jobs).toHaveLength(1);
    expect(q.jobs[0]?.data).toEqual({ moved: true });
  });
});
