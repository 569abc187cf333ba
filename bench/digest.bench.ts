/**
 * `npm run bench -- digest`: the digest (flows/digest-collect.ts collectDigest, which builds
 * the health summary too) and the health view (flows/health.ts healthOf) of one alliance with
 * 10,000 and with 1,000,000 activity entries in its history. Both alliances are the demo
 * region (scripts/demo-region.ts: 30 partners, 150 people, a year), written through the
 * store's repositories; before its year lies older activity of the same partners and people
 * (bench/digest-history.ts, with its documents and check-in rounds) up to the total. So the
 * history is longer, the recent week the same size.
 *
 * Measured: the one-time catch-up (the first read after a bulk load folds every entry into the
 * health tally), then the steady state: repeated builds of each, the two sizes taking turns,
 * p50/p95. Redis memory per entry: the stream's MEMORY USAGE, and INFO used_memory before and
 * after the load (documents and rounds included). Goals: 1M within 1.2x of 10k, both < 100 ms.
 */
import { Redis } from 'ioredis';
import { collectDigest } from '../flows/digest-collect.js';
import { healthOf } from '../flows/health.js';
import { generateRegion, type Region } from '../scripts/demo-region.js';
import { writeRegion } from '../scripts/demo-region-write.js';
import { loadAllianceConfig } from '../src/config/alliance-config.js';
import type { Alliance } from '../src/domain/alliance.js';
import { Store } from '../src/store/index.js';
import { OLD_PER_DAY, rewriteStream, writeOldRecords } from './digest-history.js';
import { appendResults, deleteKeys, percentile } from './lib.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SIZES = (process.env.BENCH_DIGEST_SIZES ?? '10000,1000000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_DIGEST_ROUNDS ?? 10);
const PER_ROUND = Number(process.env.BENCH_DIGEST_BUILDS ?? 20);
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });

interface Loaded {
  size: number;
  store: Store;
  prefix: string;
  streamBytes: number;
  usedBytes: number;
  entries: number;
  documents: number;
  rounds: number;
  catchUpMs: number;
  week: number;
  digest: number[];
  health: number[];
}

const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);

async function load(size: number, alliance: Alliance, region: Region, regionEntries: number) {
  const prefix = `bench:digest:${Date.now().toString(36)}:${size}:`;
  const store = new Store(redis, prefix);
  const before = await usedMemory();
  const started = performance.now();
  const regionStart = Date.parse(region.now) - 366 * 86_400_000;
  const old = await writeOldRecords(store, alliance, region, size - regionEntries, regionStart);
  await writeRegion(store, alliance, region, {});
  const key = store.keys.activity(alliance.id);
  const entries = await rewriteStream(redis, key, old.entries);
  const loadSeconds = (performance.now() - started) / 1000;
  const streamBytes = Number(await redis.memory('USAGE', key, 'SAMPLES', 0));
  const usedBytes = (await usedMemory()) - before;
  const now = new Date(region.now);
  const t0 = performance.now();
  await healthOf(store, alliance, now);
  const catchUpMs = performance.now() - t0;
  const from = String(now.getTime() - 7 * 86_400_000);
  const week = (await redis.xrange(key, from, String(now.getTime()))).length;
  process.stdout.write(
    `${size}: ${entries} entries (${old.documents} old documents, ${old.rounds} old rounds) loaded in ${loadSeconds.toFixed(1)} s; catch-up ${catchUpMs.toFixed(0)} ms; the last week ${week} entries\n`,
  );
  const loaded: Loaded = {
    size,
    store,
    prefix,
    streamBytes,
    usedBytes,
    entries,
    documents: old.documents,
    rounds: old.rounds,
    catchUpMs,
    week,
    digest: [],
    health: [],
  };
  return loaded;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main() {
  const config = await loadAllianceConfig('examples/energieregio.yaml');
  const alliance = config.alliances[0] as Alliance;
  const now = new Date();
  const region = generateRegion({ size: 'region', seed: 2026, now });
  // How many entries the region itself writes (the rest of each size is older history).
  const probe = new Store(redis, `bench:digest:probe:${Date.now().toString(36)}:`);
  const regionEntries = await writeRegion(probe, alliance, region, {});
  await deleteKeys(redis, `${probe.keys.prefix}*`);

  const loaded: Loaded[] = [];
  for (const size of SIZES) loaded.push(await load(size, alliance, region, regionEntries));
  try {
    for (const l of loaded)
      for (let i = 0; i < 5; i++) {
        await collectDigest(l.store, alliance, now);
        await healthOf(l.store, alliance, now);
      }
    for (let r = 0; r < ROUNDS; r++)
      for (const l of loaded)
        for (let i = 0; i < PER_ROUND; i++) {
          l.digest.push(await time(() => collectDigest(l.store, alliance, now)));
          l.health.push(await time(() => healthOf(l.store, alliance, now)));
        }
  } finally {
    for (const l of loaded) await deleteKeys(redis, `${l.prefix}*`);
  }
  const fmt = (n: number) => n.toFixed(1);
  const base = loaded[0];
  const p50 = (list: number[]) =>
    percentile(
      [...list].sort((a, b) => a - b),
      50,
    );
  const p95 = (list: number[]) =>
    percentile(
      [...list].sort((a, b) => a - b),
      95,
    );
  const rows = loaded.map((l) => [
    l.size.toLocaleString('en'),
    `${l.documents.toLocaleString('en')} / ${l.rounds}`,
    l.week,
    fmt(p50(l.digest)),
    fmt(p95(l.digest)),
    base ? (p50(l.digest) / p50(base.digest)).toFixed(2) : '–',
    fmt(p50(l.health)),
    fmt(p95(l.health)),
    base ? (p50(l.health) / p50(base.health)).toFixed(2) : '–',
    fmt(l.catchUpMs),
    Math.round(l.streamBytes / l.entries),
    Math.round(l.usedBytes / l.entries),
  ]);
  appendResults(
    'Digest and health as history grows: 10,000 and 1,000,000 activity entries',
    [
      'entries in history',
      'old documents / rounds',
      'entries in the last week',
      'digest p50 ms',
      'digest p95 ms',
      'digest p50 vs smallest',
      'health p50 ms',
      'health p95 ms',
      'health p50 vs smallest',
      'one-time catch-up ms',
      'stream bytes/entry',
      'Redis bytes/entry (all)',
    ],
    rows,
    [
      `Flat as history grows: the same alliance (the demo region, seed 2026: 30 partners, 150 people, a year of activity, ${regionEntries} entries) in both; before its year, older activity of the same partners and people (${OLD_PER_DAY} entries a day: a tenth documents shared, with their records; a check-in round every two weeks) up to the total. The history is longer, the recent week the same size.`,
      `Steady state: ${ROUNDS} rounds of ${PER_ROUND} builds per size, the sizes taking turns, after 5 warm-up builds; digest = collectDigest (it builds the health summary as well), health = healthOf (the view coordinators get), both with nothing new logged since the last read. The catch-up is the first read after the bulk load, folding every entry into the health tally once.`,
      'Memory: the activity stream (MEMORY USAGE … SAMPLES 0) per entry, and INFO used_memory after minus before the load per entry (the old documents and rounds included).',
      'Goals: 1M within 1.2x of 10k, each under 100 ms.',
    ],
  );
}

main().then(
  async () => {
    await redis.quit();
    process.exit(0);
  },
  async (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await redis.quit();
    process.exit(1);
  },
);
