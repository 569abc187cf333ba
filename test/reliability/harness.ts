/**
 * What the fault tests share: the app in child processes (test/reliability/app-process.ts)
 * that can be SIGKILLed and started again, a private redis-server with an append-only file
 * that can be crashed and restarted on the same port and data, and waiting on conditions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** Polls until the check passes or the time is up (then throws with the last reason). */
export async function waitFor(
  check: () => Promise<true | string> | true | string,
  timeoutMs: number,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: true | string = 'never checked';
  for (;;) {
    last = await check();
    if (last === true) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the child exits (at once if it has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** One app process: `all`, `serve` or `worker`, started and killed at will. */
export class AppProcess {
  child: ChildProcess | undefined;
  port = 0;
  kills = 0;
  starts = 0;
  /** Listening (or, for a worker, started) and not killed since. */
  ready = false;
  /** The end of what it wrote to stderr. */
  stderr = '';

  constructor(
    readonly role: 'all' | 'serve' | 'worker',
    private readonly env: () => Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && !this.child.signalCode;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/reliability/app-process.ts', this.role],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: process.env.RELIABILITY_LOG_LEVEL ?? 'silent',
          ...this.env(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    // Its errors while Redis is down or it is killed are expected: kept, shown when asked.
    child.stderr?.on('data', (d: Buffer) => {
      if (process.env.RELIABILITY_LOG_LEVEL) process.stderr.write(d);
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
    this.starts++;
    this.port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`${this.role} did not start`)), timeoutMs);
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /ready (\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.role} exited before it was ready (${code ?? signal})`));
      });
    });
    child.stdout?.resume();
    this.ready = true;
  }

  /** SIGKILL: no shutdown, no finishing of anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.ready = false;
    child.kill('SIGKILL');
    this.kills++;
    await exited(child);
  }

  /** SIGTERM, and SIGKILL if it has not stopped within 20 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.ready = false;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited(child);
    clearTimeout(timer);
  }
}

/**
 * A redis-server of the test's own, with `appendonly yes` and `appendfsync always`: every
 * write Redis acknowledged is on disk, so `crash()` (SIGKILL) and `start()` again on the same
 * port and directory lose nothing.
 */
export class PrivateRedis {
  readonly dir = mkdtempSync(join(tmpdir(), 'alliantiebot-aof-'));
  port = 0;
  private child: ChildProcess | undefined;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    const probe = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      await waitFor(async () => {
        if (child.exitCode !== null) throw new Error('redis-server exited');
        try {
          if (probe.status !== 'ready') await probe.connect();
          // Ready only once the append-only file is loaded (LOADING answers an error).
          return (await probe.ping()) === 'PONG' ? true : 'no PONG';
        } catch (error) {
          probe.disconnect();
          return String(error);
        }
      }, 20_000);
    } finally {
      probe.disconnect();
    }
  }

  /** SIGKILL, as a crash or a power cut of the Redis host would (AOF always: nothing lost). */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await exited(child);
  }

  async stop(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  });
  await Promise.all(lanes);
}

/** How many times each value occurs. */
export function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The values that occur more than once, with how many extra times. */
export function doubles(counts: ReadonlyMap<string, number>): number {
  let extra = 0;
  for (const n of counts.values()) extra += Math.max(0, n - 1);
  return extra;
}

/** One line of figures for the run's output (the report quotes them). */
export function report(name: string, figures: Record<string, number | string>): void {
  process.stdout.write(`[reliability] ${name}: ${JSON.stringify(figures)}\n`);
}
