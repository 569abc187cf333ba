/**
 * Shared bits for benchmarks: machine facts, percentiles, and appending a dated section to
 * bench/RESULTS.md.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { loadAllianceConfig } from '../src/config/alliance-config.js';
import { AllianceDirectory } from '../src/domain/directory.js';
import { QueueRuntime } from '../src/queue/runtime.js';
import { Store } from '../src/store/index.js';

export const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

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
