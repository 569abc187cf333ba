/**
 * Reminders at scale vs bare BullMQ, same Redis, same run:
 * - Redis bytes per pending reminder (100,000 of them) vs a bare delayed job with the same payload;
 * - add throughput vs bare addBulk;
 * - firing lateness p50/p99 vs a bare worker.
 * Goals: <= 1.25x the bytes, >= 0.8x the throughput, p99 lateness <= 1.2x bare.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { AdapterRegistry } from '../src/core/deliver.js';
import type { ReminderRequest } from '../src/core/jobs.js';
import { appendResults, benchRuntime, deleteKeys, percentile } from './lib.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_REMINDERS ?? 100_000);
const FIRE_N = Number(process.env.BENCH_FIRE ?? 5_000);
const BATCH = 1000;
const ALLIANCE = 'energieregio-west';
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });

async function usedMemory(): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

function reminder(i: number, dueIn: number, now: number): ReminderRequest {
  return {
    id: `checkin-2027-w${i % 52}:teams:00000000-0000-0000-0000-0000000000aa:29:user-${i}`,
    flow: 'checkins',
    kind: 'remind',
    at: new Date(now + dueIn),
    data: {
      checkin: `2027-w${i % 52}`,
      userId: `teams:00000000-0000-0000-0000-0000000000aa:29:user-${i}`,
      due: now + dueIn,
    },
  };
}

const ours = (prefix: string) => benchRuntime(prefix, REDIS_URL, redis);

async function measureAdds(
  add: (batch: number, now: number) => Promise<void>,
): Promise<{ perSecond: number; bytes: number }> {
  const before = await usedMemory();
  const start = performance.now();
  const now = Date.now();
  for (let b = 0; b < N / BATCH; b++) await add(b, now);
  const seconds = (performance.now() - start) / 1000;
  const bytes = ((await usedMemory()) - before) / N;
  return { perSecond: N / seconds, bytes };
}

async function main() {
  const hz = (await redis.config('GET', 'hz')) as string[];
  const stamp = Date.now().toString(36);

  // ---- bare BullMQ
  const bareQueue = new Queue('bare-reminders', {
    connection: redis,
    prefix: `bench:${stamp}:{bare}`,
  });
  const bareAdd = await measureAdds(async (b, now) => {
    const jobs = Array.from({ length: BATCH }, (_, k) => {
      const r = reminder(b * BATCH + k, 3_600_000, now);
      return {
        name: r.kind,
        data: { id: r.id, allianceId: ALLIANCE, flow: r.flow, kind: r.kind, data: r.data },
        opts: { delay: 3_600_000 },
      };
    });
    await bareQueue.addBulk(jobs);
  });
  await bareQueue.obliterate({ force: true });

  // ---- ours
  const runtime = await ours(`bench:${stamp}:ours:`);
  const ourAdd = await measureAdds(async (b, now) => {
    await runtime.reminders.scheduleMany(
      ALLIANCE,
      Array.from({ length: BATCH }, (_, k) => reminder(b * BATCH + k, 3_600_000, now)),
    );
  });
  await runtime.reminderQueue.obliterate({ force: true });

  // ---- firing lateness: FIRE_N reminders due over 3 s
  const lateness = async (
    start: (late: number[]) => Promise<() => Promise<void>>,
    add: (r: ReminderRequest[]) => Promise<void>,
  ) => {
    const late: number[] = [];
    const stop = await start(late);
    const now = Date.now() + 1000;
    await add(
      Array.from({ length: FIRE_N }, (_, i) =>
        reminder(i, 1000 + Math.floor((i / FIRE_N) * 3000), now - 1000),
      ),
    );
    const deadline = Date.now() + 30_000;
    while (late.length < FIRE_N && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await stop();
    return late.sort((a, b) => a - b);
  };
  const bareFire = new Queue('bare-fire', {
    connection: redis,
    prefix: `bench:${stamp}:{barefire}`,
  });
  const bareLate = await lateness(
    async (late) => {
      const w = new Worker(
        'bare-fire',
        async (job) => {
          late.push(Date.now() - (job.data as { data: { due: number } }).data.due);
        },
        { connection: redis, prefix: `bench:${stamp}:{barefire}`, concurrency: 50 },
      );
      return async () => {
        await w.close();
      };
    },
    async (rs) => {
      await bareFire.addBulk(
        rs.map((r) => ({
          name: r.kind,
          data: { id: r.id, allianceId: ALLIANCE, flow: r.flow, kind: r.kind, data: r.data },
          opts: { delay: r.at.getTime() - Date.now() },
        })),
      );
    },
  );
  await bareFire.obliterate({ force: true });
  const fireRuntime = await ours(`bench:${stamp}:oursfire:`);
  const ourLate = await lateness(
    async (late) => {
      await fireRuntime.startWorkers({
        adapters: new AdapterRegistry(),
        concurrency: 50,
        runJob: async (job) => {
          late.push(Date.now() - Number(job.data.due));
        },
      });
      return async () => undefined;
    },
    async (rs) => fireRuntime.reminders.scheduleMany(ALLIANCE, rs),
  );
  await fireRuntime.reminderQueue.obliterate({ force: true });
  await fireRuntime.close();
  await runtime.close();
  await bareQueue.close();
  await bareFire.close();

  const r = (x: number) => x.toFixed(2);
  appendResults(
    `Reminders: ${N.toLocaleString('en')} pending, ${FIRE_N.toLocaleString('en')} fired (Redis hz ${hz[1]})`,
    ['measure', 'bare BullMQ', 'Alliantiebot', 'ratio', 'goal'],
    [
      [
        'Redis bytes per pending reminder',
        Math.round(bareAdd.bytes),
        Math.round(ourAdd.bytes),
        r(ourAdd.bytes / bareAdd.bytes),
        '<= 1.25',
      ],
      [
        'adds per second',
        Math.round(bareAdd.perSecond),
        Math.round(ourAdd.perSecond),
        r(ourAdd.perSecond / bareAdd.perSecond),
        '>= 0.8',
      ],
      [
        'lateness p50 (ms)',
        percentile(bareLate, 50),
        percentile(ourLate, 50),
        r(percentile(ourLate, 50) / Math.max(1, percentile(bareLate, 50))),
        '',
      ],
      [
        'lateness p99 (ms)',
        percentile(bareLate, 99),
        percentile(ourLate, 99),
        r(percentile(ourLate, 99) / Math.max(1, percentile(bareLate, 99))),
        '<= 1.2',
      ],
      ['fired', bareLate.length, ourLate.length, '', `${FIRE_N}`],
    ],
    [
      'Same payload in both (the reminder record); ours adds its job id, attempts, backoff and retention options.',
    ],
  );
  await deleteKeys(redis, `bench:${stamp}:*`);
  await redis.quit();
}

await main();
