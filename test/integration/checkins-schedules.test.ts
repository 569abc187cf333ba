/**
 * RRULE schedules on the real queue: every other Monday 10:00 and the last Friday of the month
 * in Europe/Amsterdam, walked through the DST changes with a controlled clock (the schedules
 * plan from it; each waiting occurrence is promoted and run by the real BullMQ workers, which
 * plan the next). A changed schedule replaces the waiting occurrence (its old job, if it
 * still comes up, is dropped); a removed one leaves nothing waiting.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import type { JobRun } from '../../src/core/jobs.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import { eventually } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

const ALLIANCE = 'energieregio-west';

interface Rig {
  runtime: QueueRuntime;
  jobs: JobRun[];
  clock: { now: Date };
  stop(): Promise<void>;
}

async function rig(start: string): Promise<Rig> {
  const prefix = freshPrefix('rrule');
  const redis = testRedis();
  const store = new Store(redis, prefix);
  const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
  const clock = { now: new Date(start) };
  const runtime = new QueueRuntime({
    redis: REDIS_SETTINGS,
    prefix,
    store,
    directory,
    log: pino({ level: 'silent' }),
    clock: () => clock.now,
  });
  const jobs: JobRun[] = [];
  await runtime.startWorkers({
    adapters: new AdapterRegistry([]),
    concurrency: 4,
    runJob: async (job) => {
      jobs.push(job);
    },
  });
  return {
    runtime,
    jobs,
    clock,
    async stop() {
      await runtime.close();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** The occurrence waiting in the queue: its due instant (from the clock) and the job. */
async function waiting(r: Rig) {
  const delayed = await r.runtime.scheduleQueue.getDelayed();
  expect(delayed).toHaveLength(1);
  const job = delayed[0];
  if (!job) throw new Error('nothing waiting');
  return { job, at: String((job.data as { occurrence?: { at: string } }).occurrence?.at) };
}

/** Moves the clock to the waiting occurrence and lets the workers run it. */
async function fire(r: Rig): Promise<string> {
  const { job, at } = await waiting(r);
  const before = r.jobs.length;
  r.clock.now = new Date(at);
  await job.promote();
  await eventually(() => (r.jobs.length > before ? true : 'not run yet'));
  return at;
}

describe('RRULE schedules on the queue', () => {
  let r: Rig;
  afterEach(async () => r?.stop());

  it('runs every other Monday at 10:00 Amsterdam time through the March change', async () => {
    r = await rig('2027-03-01T08:00:00Z');
    const next = await r.runtime.schedules.upsert(ALLIANCE, {
      id: 'checkin-a',
      flow: 'checkins',
      kind: 'ask',
      rrule: 'DTSTART:20270315T100000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      data: { series: 'a' },
    });
    expect(next?.toISOString()).toBe('2027-03-15T09:00:00.000Z');
    const fired = [await fire(r), await fire(r), await fire(r)];
    // 28 March 2027: CET (+1) to CEST (+2).
    expect(fired).toEqual([
      '2027-03-15T09:00:00.000Z',
      '2027-03-29T08:00:00.000Z',
      '2027-04-12T08:00:00.000Z',
    ]);
    expect(r.jobs.map((j) => j.data)).toEqual(
      fired.map((at) => ({ series: 'a', occurrenceAt: at })),
    );
    expect(new Set(r.jobs.map((j) => j.key)).size).toBe(3);
    const [listed] = await r.runtime.schedules.list(ALLIANCE);
    expect(listed).toMatchObject({
      id: 'checkin-a',
      cron: '',
      timeZone: 'Europe/Amsterdam',
      next: new Date('2027-04-26T08:00:00.000Z'),
    });
  });

  it('runs the last Friday of the month at 16:00 through the October change', async () => {
    r = await rig('2027-09-01T08:00:00Z');
    await r.runtime.schedules.upsert(ALLIANCE, {
      id: 'checkin-b',
      flow: 'checkins',
      kind: 'ask',
      rrule: 'DTSTART:20270924T160000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR',
    });
    expect([await fire(r), await fire(r), await fire(r)]).toEqual([
      '2027-09-24T14:00:00.000Z',
      '2027-10-29T14:00:00.000Z',
      '2027-11-26T15:00:00.000Z',
    ]);
  });

  it('replaces a changed schedule, drops its old occurrence, and removes it without a trace', async () => {
    r = await rig('2027-03-01T08:00:00Z');
    const first = {
      id: 'checkin-c',
      flow: 'checkins',
      kind: 'ask',
      rrule: 'DTSTART:20270315T100000\nRRULE:FREQ=WEEKLY;BYDAY=MO',
    };
    await r.runtime.schedules.upsert(ALLIANCE, first);
    const old = await waiting(r);
    const next = await r.runtime.schedules.upsert(ALLIANCE, {
      ...first,
      rrule: 'DTSTART:20270317T093000\nRRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=WE',
    });
    expect(next?.toISOString()).toBe('2027-03-17T08:30:00.000Z');
    const now = await waiting(r);
    expect(now.at).toBe('2027-03-17T08:30:00.000Z');
    // The old occurrence, had it been running already, is dropped when it comes up.
    await r.runtime.scheduleQueue.add(old.job.name, old.job.data, { jobId: 'stale-one' });
    expect(await fire(r)).toBe('2027-03-17T08:30:00.000Z');
    await eventually(async () =>
      ((await r.runtime.scheduleQueue.getJobCounts('completed')).completed ?? 0) >= 2
        ? true
        : 'stale job not done',
    );
    expect(r.jobs.map((j) => j.data.occurrenceAt)).toEqual(['2027-03-17T08:30:00.000Z']);
    expect(await r.runtime.schedules.remove(ALLIANCE, 'checkin-c')).toBe(true);
    expect(await r.runtime.scheduleQueue.getDelayed()).toHaveLength(0);
    expect(await r.runtime.schedules.list(ALLIANCE)).toEqual([]);
    expect(await r.runtime.schedules.remove(ALLIANCE, 'checkin-c')).toBe(false);
  });
});
