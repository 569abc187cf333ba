/**
 * Default schedules against real Redis: a flow's `defaultSchedules` are created at start-up
 * for every alliance, once — a second start, also of a new process, creates nothing — and a
 * schedule a coordinator stopped or changed stays as they left it (checked with the real
 * BullMQ job schedulers).
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleInfo, ScheduleRequest, Schedules } from '../../src/core/jobs.js';
import type { Flow } from '../../src/engine/flow.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { KIT, type Kit, kitAlliance, kitConfig, startKit } from '../helpers/flow-kit.js';
import { REDIS_SETTINGS } from '../helpers/redis.js';

const OTHER = 'tweede-alliantie';
const config = kitConfig(
  kitAlliance(),
  kitAlliance({
    id: OTHER,
    name: 'Tweede Alliantie',
    timeZone: 'Europe/London',
    channels: { local: ['local:twee:kanaal'], slack: [], teams: [] },
  }),
);

const digests: Flow = {
  id: 'digests',
  defaultSchedules: (alliance) => [
    { id: 'weekly-digest', kind: 'digest', cron: '0 9 * * 1', data: { alliance: alliance.id } },
  ],
};
const quiet: Flow = { id: 'quiet' };

/** Schedules that only record what was asked of them. */
class RecordingSchedules implements Schedules {
  readonly upserts: { allianceId: string; schedule: ScheduleRequest }[] = [];
  async upsert(allianceId: string, schedule: ScheduleRequest): Promise<Date | null> {
    this.upserts.push({ allianceId, schedule });
    return null;
  }
  async remove(): Promise<boolean> {
    return false;
  }
  async list(): Promise<ScheduleInfo[]> {
    return [];
  }
}

describe('default schedules at start-up', () => {
  const kits: Kit[] = [];
  afterEach(async () => {
    for (const k of kits.splice(0)) await k.stop();
  });

  it('are created once per alliance, and not again at the next start or in a new process', async () => {
    const schedules = new RecordingSchedules();
    const kit = await startKit({ flows: [digests, quiet], config, schedules });
    kits.push(kit);
    await kit.engine.start();
    expect(schedules.upserts).toEqual([
      {
        allianceId: KIT,
        schedule: {
          id: 'weekly-digest',
          flow: 'digests',
          kind: 'digest',
          cron: '0 9 * * 1',
          data: { alliance: KIT },
        },
      },
      {
        allianceId: OTHER,
        schedule: {
          id: 'weekly-digest',
          flow: 'digests',
          kind: 'digest',
          cron: '0 9 * * 1',
          data: { alliance: OTHER },
        },
      },
    ]);
    await kit.engine.start();
    // A restart: another engine on the same store.
    const restarted = await startKit({
      flows: [digests, quiet],
      config,
      schedules,
      prefix: kit.prefix,
    });
    await restarted.engine.start();
    await restarted.redis.quit();
    expect(schedules.upserts).toHaveLength(2);
  });
});

describe('with the real job schedulers', () => {
  let kit: Kit;
  let runtime: QueueRuntime;
  beforeAll(async () => {
    kit = await startKit({ flows: [digests], config });
    runtime = new QueueRuntime({
      redis: REDIS_SETTINGS,
      prefix: kit.prefix,
      store: kit.store,
      directory: kit.directory,
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await runtime.close();
    await kit.stop();
  });

  /** A new process on the same Redis, with the real schedules. */
  const startProcess = async () => {
    const instance = await startKit({
      flows: [digests],
      config,
      schedules: runtime.schedules,
      prefix: kit.prefix,
    });
    await instance.engine.start();
    await instance.redis.quit();
  };

  it('leaves a default a coordinator stopped stopped, and one they changed as they changed it', async () => {
    await startProcess();
    const created = await runtime.schedules.list(KIT);
    expect(created.map((s) => [s.id, s.cron, s.timeZone])).toEqual([
      ['weekly-digest', '0 9 * * 1', 'Europe/Amsterdam'],
    ]);
    expect((await runtime.schedules.list(OTHER)).map((s) => s.timeZone)).toEqual(['Europe/London']);

    // The coordinator of one alliance stops the digest; the other's moves it to Friday.
    expect(await runtime.schedules.remove(KIT, 'weekly-digest')).toBe(true);
    await runtime.schedules.upsert(OTHER, {
      id: 'weekly-digest',
      flow: 'digests',
      kind: 'digest',
      cron: '0 16 * * 5',
    });

    await startProcess();
    await startProcess();
    expect(await runtime.schedules.list(KIT)).toEqual([]);
    expect((await runtime.schedules.list(OTHER)).map((s) => s.cron)).toEqual(['0 16 * * 5']);
  });
});
