/**
 * Shared bits for benchmarks: machine facts, percentiles, and appending a dated section to
 * bench/RESULTS.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadAllianceConfig } from '../src/config/alliance-config.js';
import { AllianceDirectory } from '../src/domain/directory.js';
import { QueueRuntime } from '../src/queue/runtime.js';
import { Store } from '../src/store/index.js';

/** Where figures are appended: bench/RESULTS.md, or BENCH_RESULTS (a trial run's own file). */
export const RESULTS =
  process.env.BENCH_RESULTS ?? fileURLToPath(new URL('./RESULTS.md', import.meta.url));

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length}× ${cpu[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function appendResults(
  title: string,
  header: string[],
  rows: (string | number)[][],
  notes: string[] = [],
): void {
  if (!existsSync(RESULTS))
    writeFileSync(RESULTS, '# Benchmark results\n\nAppended by `npm run bench`; newest last.\n');
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  const text = [
    '',
    `## ${title} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${machine()}`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map(line),
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
    '',
  ].join('\n');
  appendFileSync(RESULTS, text);
  process.stdout.write(`${text}\n`);
}

/** A queue runtime on the example config under its own key prefix, with silent logs. */
export async function benchRuntime(
  prefix: string,
  redisUrl: string,
  redis: Redis,
): Promise<QueueRuntime> {
  const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
  const store = new Store(redis, prefix);
  return new QueueRuntime({
    redis: { REDIS_URL: redisUrl },
    prefix,
    store,
    directory,
    log: pino({ level: 'silent' }),
  });
}

/** Deletes a benchmark's keys (SCAN + DEL) so runs leave Redis as they found it. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}

// ---------------------------------------------------------------- HTTP benchmarks

/** One signed request for the load tool. */
export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  bad: number;
  total: number;
}

/** autocannon at `connections` for `seconds`, each request made fresh by `make`. */
export async function httpLoad(
  url: string,
  make: () => BenchRequest,
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...make() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
  };
}

/** Starts a bench server script in its own process and waits for it to print `ready`. */
export async function spawnServer(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: each server writes a CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${script} ${args.join(' ')} exited ${code}`)));
  });
  return child;
}

/** Stops a bench server and waits until it has exited. */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

export interface Comparison {
  bare: LoadResult;
  ours: LoadResult;
}

/**
 * Bare and ours side by side: one warm-up each, then `rounds` alternating measurements
 * (bare, ours, bare, ours, …) so drift in the machine hits both; each side's figures are the
 * median round by throughput.
 */
export async function compare(
  bareUrl: string,
  oursUrl: string,
  make: () => BenchRequest,
  options: { connections: number; seconds: number; rounds: number },
): Promise<Comparison> {
  const { connections, seconds, rounds } = options;
  const warm = Math.max(2, Math.round(seconds / 3));
  await httpLoad(bareUrl, make, connections, warm);
  await httpLoad(oursUrl, make, connections, warm);
  const bare: LoadResult[] = [];
  const ours: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    bare.push(await httpLoad(bareUrl, make, connections, seconds));
    ours.push(await httpLoad(oursUrl, make, connections, seconds));
  }
  return { bare: median(bare), ours: median(ours) };
}

function median(results: LoadResult[]): LoadResult {
  const sorted = [...results].sort((a, b) => a.rps - b.rps);
  return sorted[Math.floor((sorted.length - 1) / 2)] as LoadResult;
}

/** The comparison as a RESULTS.md row: req/s, ratio, p50, p99, p99 ratio, errors. */
export function comparisonRow(name: string, { bare, ours }: Comparison): (string | number)[] {
  return [
    name,
    Math.round(bare.rps),
    Math.round(ours.rps),
    (ours.rps / bare.rps).toFixed(2),
    bare.p50,
    ours.p50,
    bare.p99,
    ours.p99,
    (ours.p99 / Math.max(1, bare.p99)).toFixed(2),
    `${bare.bad}/${ours.bad}`,
  ];
}

export const COMPARISON_HEADER = (bareName: string): string[] => [
  'request',
  `${bareName} req/s`,
  'Alliantiebot req/s',
  'ratio',
  `${bareName} p50 ms`,
  'ours p50 ms',
  `${bareName} p99 ms`,
  'ours p99 ms',
  'p99 ratio',
  'non-2xx/errors (bare/ours)',
];

/** Events acknowledged and not yet handled: in the inbound journal or the inbound queue. */
export async function inboundBacklog(redis: Redis, prefix: string): Promise<number> {
  const base = `${prefix}{alliantiebot}`;
  const [journal, waiting, active, prioritized] = await Promise.all([
    redis.xlen(`${base}:inbound-journal`),
    redis.llen(`${base}:inbound:wait`),
    redis.llen(`${base}:inbound:active`),
    redis.zcard(`${base}:inbound:prioritized`),
  ]);
  return journal + waiting + active + prioritized;
}

export interface WorkerFigures {
  /** Events waiting when the worker started. */
  queued: number;
  /** Events it took off the backlog per second over the window. */
  perSecond: number;
  /** Answers delivered to the platform stand-in by the end (paced as the platform allows). */
  delivered: number;
  /** The acknowledgement path, per request kind, while the worker was busy beside it. */
  beside: string[];
}

/**
 * After the acknowledgement-path rounds: starts the worker on the backlog they left, measures
 * how fast it works it off over `windowSeconds`, then loads the path again with the worker
 * busy beside it. Stops the worker.
 */
export async function workerFigures(options: {
  redis: Redis;
  prefix: string;
  startWorker: () => Promise<ChildProcess>;
  windowSeconds: number;
  load: { name: string; url: string; make: () => BenchRequest }[];
  connections: number;
  seconds: number;
}): Promise<WorkerFigures> {
  const { redis, prefix } = options;
  const queued = await inboundBacklog(redis, prefix);
  const worker = await options.startWorker();
  const before = await inboundBacklog(redis, prefix);
  await new Promise((r) => setTimeout(r, options.windowSeconds * 1000));
  const perSecond = (before - (await inboundBacklog(redis, prefix))) / options.windowSeconds;
  const beside: string[] = [];
  for (const { name, url, make } of options.load) {
    const r = await httpLoad(url, make, options.connections, options.seconds);
    beside.push(`${name} ${Math.round(r.rps)} req/s (p99 ${r.p99} ms, ${r.bad} errors)`);
  }
  const delivered = await redis.zcard(`${prefix}{alliantiebot}:delivery:completed`);
  await stopServer(worker);
  return { queued, perSecond, delivered, beside };
}
