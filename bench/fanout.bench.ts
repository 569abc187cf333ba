/**
 * Fan-out: one message to 1,000 destinations through the outbox, on Slack and Teams
 * stand-ins that enforce the platforms' documented rate limits (and answer 429 when broken),
 * vs the minimum time those limits allow for the attempts made (the platform counts the
 * injected failures and their retries too); also with 10 % injected 429/5xx.
 * Goal: <= 1.1x the minimum; 0 lost, 0 doubled. BENCH_FANOUT_PLATFORMS=teams runs one platform.
 */
import { Redis } from 'ioredis';
import { AdapterRegistry } from '../src/core/deliver.js';
import { text } from '../src/core/messages.js';
import { PACING, type Window } from '../src/queue/limiter.js';
import { FlakyAdapter, FlakyPlatform } from '../test/fakes/flaky-platform.js';
import { appendResults, benchRuntime, deleteKeys } from './lib.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = Number(process.env.BENCH_FANOUT ?? 1000);
const PLATFORMS = (process.env.BENCH_FANOUT_PLATFORMS ?? 'teams,slack')
  .split(',')
  .filter((p): p is 'teams' | 'slack' => p === 'teams' || p === 'slack');
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });

/** The least time N sends to distinct destinations of one workspace can take under these windows. */
function minimumMs(windows: readonly Window[], n: number): number {
  return Math.max(0, ...windows.map((w) => Math.floor((n - 1) / w.limit) * w.ms));
}

async function run(platform: 'slack' | 'teams', failures: number) {
  const fake = new FlakyPlatform({
    limits: PACING[platform],
    rateLimitShare: failures / 2,
    serverErrorShare: failures / 2,
    retryAfterSeconds: 1,
  });
  await fake.start();
  const prefix = `bench:fanout:${Date.now().toString(36)}:`;
  const runtime = await benchRuntime(prefix, REDIS_URL, redis);
  await runtime.startWorkers({
    adapters: new AdapterRegistry([new FlakyAdapter(platform, fake)]),
    concurrency: 50,
    runJob: async () => undefined,
  });
  const id = (i: number) =>
    platform === 'slack'
      ? `slack:T0BENCH:C${String(i).padStart(6, '0')}`
      : `teams:tenant-bench:19:c${i}@thread.tacv2`;
  const start = Date.now();
  await runtime.dispatcher().dispatch(
    Array.from({ length: N }, (_, i) => ({
      key: `fan:${platform}:${failures}:${i}`,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation' as const, id: id(i) },
      message: text(`Gedeeld succes: 12 MW zon op daken (${i})`),
    })),
  );
  const deadline = start + 15 * 60_000;
  while (fake.counts().size < N && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const elapsed = Math.max(...fake.accepted.map((a) => a.at)) - start;
  await new Promise((r) => setTimeout(r, 1000));
  const counts = fake.counts();
  const doubled = [...counts.values()].reduce((sum, c) => sum + c - 1, 0);
  await runtime.delivery.obliterate({ force: true });
  await runtime.close();
  await deleteKeys(redis, `${prefix}*`);
  await fake.stop();
  const injected = fake.rateLimited + fake.serverErrors;
  const minimum = minimumMs(PACING[platform].workspace, N + injected);
  return {
    platform,
    failures,
    elapsed,
    minimum,
    minimumMessages: minimumMs(PACING[platform].workspace, N),
    attempts: N + injected,
    lost: N - counts.size,
    doubled,
    refusals: fake.limitRefusals,
    injected,
  };
}

const rows = [];
for (const platform of PLATFORMS) {
  for (const failures of [0, 0.1]) {
    const r = await run(platform, failures);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    rows.push([
      r.platform,
      `${Math.round(r.failures * 100)} %`,
      r.attempts,
      (r.minimumMessages / 1000).toFixed(1),
      (r.minimum / 1000).toFixed(1),
      (r.elapsed / 1000).toFixed(1),
      (r.elapsed / r.minimum).toFixed(3),
      r.lost,
      r.doubled,
      r.refusals,
      r.injected,
    ]);
  }
}
appendResults(
  `Fan-out: one message to ${N.toLocaleString('en')} destinations`,
  [
    'platform',
    'injected 429/5xx',
    'attempts',
    'minimum for the messages (s)',
    'minimum for the attempts (s)',
    'Alliantiebot (s)',
    'ratio',
    'lost',
    'doubled',
    '429 for breaking a limit',
    'injected failures',
  ],
  rows,
  [
    'Minimum: the least time the enforced limits allow for the attempts the platform counted (the messages, and the injected failures with their retries); Teams 50 a second per tenant, Slack 300 a minute per workspace; 1 destination = 1 message. The ratio is to that minimum.',
    'Goal: ratio <= 1.1, 0 lost, 0 doubled.',
  ],
);
await redis.quit();
