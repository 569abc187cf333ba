/**
 * The inbound journal's bound and the backlog in /readyz: past the bound an append is refused
 * (so the webhook answers 5xx and the platform retries) and nothing already acknowledged is
 * trimmed; /readyz answers 503 with the reason when the journal is full or its oldest entry
 * waited longer than READY_MAX_BACKLOG_SECONDS.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import { EnvSchema } from '../../src/config/env.js';
import type { InboundEvent } from '../../src/core/events.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { createHttpServer, listen, type RunningServer } from '../../src/http/server.js';
import {
  DEFAULT_JOURNAL_MAX_LENGTH,
  InboundJournal,
  JournalFullError,
} from '../../src/queue/journal.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import type { RedisClient } from '../../src/store/redis.js';
import { startTestApp } from '../helpers/app.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

function event(n: number): InboundEvent {
  return {
    eventId: `bound-${n}`,
    platform: 'local',
    type: 'message',
    actor: { userId: 'local:demo:anna', displayName: 'Anna' },
    conversation: { id: 'local:demo:dm-anna', kind: 'direct' },
    text: `hulp ${n}`,
  };
}

let redis: RedisClient;
let prefix: string;
beforeAll(() => {
  redis = testRedis();
  prefix = freshPrefix('bound');
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('the inbound journal bound', () => {
  it('refuses an append past the bound and keeps every entry it acknowledged', async () => {
    const journal = new InboundJournal(redis, `${prefix}{j}:one`, { maxLength: 5 });
    for (let i = 0; i < 5; i++) await journal.append(event(i));
    const before = await redis.xrange(journal.key, '-', '+');
    await expect(journal.append(event(5))).rejects.toBeInstanceOf(JournalFullError);
    await expect(journal.append(event(6))).rejects.toThrow(/full \(5 entries/);
    expect(await redis.xrange(journal.key, '-', '+')).toEqual(before);
    // Once the pump moved some, appends are taken again.
    await redis.xdel(journal.key, before[0]?.[0] ?? '');
    await journal.append(event(7));
    expect(await journal.length()).toBe(5);
  });

  it('holds under concurrent appends: exactly the bound is taken', async () => {
    const journal = new InboundJournal(redis, `${prefix}{j}:race`, { maxLength: 10 });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => journal.append(event(i))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(
      results.every((r) => r.status === 'fulfilled' || r.reason instanceof JournalFullError),
    ).toBe(true);
    expect(await journal.length()).toBe(10);
  });

  it('tells the backlog in one round trip: length, entries being moved, oldest age', async () => {
    const journal = new InboundJournal(redis, `${prefix}{j}:age`);
    expect(journal.maxLength).toBe(DEFAULT_JOURNAL_MAX_LENGTH);
    expect(await journal.backlog()).toEqual({
      length: 0,
      moving: 0,
      oldestMs: null,
      maxLength: DEFAULT_JOURNAL_MAX_LENGTH,
    });
    const now = Date.now();
    await redis.xadd(journal.key, `${now - 90_000}-0`, 'e', JSON.stringify(event(1)));
    await journal.append(event(2));
    const backlog = await journal.backlog(now);
    expect(backlog.length).toBe(2);
    expect(backlog.oldestMs).toBe(90_000);
  });

  it('has its settings: INBOUND_JOURNAL_MAX_LENGTH, READY_MAX_BACKLOG_SECONDS, FAILED_JOB_RETENTION_DAYS', () => {
    expect(EnvSchema.parse({})).toMatchObject({
      INBOUND_JOURNAL_MAX_LENGTH: 50_000,
      READY_MAX_BACKLOG_SECONDS: 60,
      FAILED_JOB_RETENTION_DAYS: 14,
    });
    expect(
      EnvSchema.parse({
        INBOUND_JOURNAL_MAX_LENGTH: '200',
        READY_MAX_BACKLOG_SECONDS: '0',
        FAILED_JOB_RETENTION_DAYS: '30',
      }),
    ).toMatchObject({
      INBOUND_JOURNAL_MAX_LENGTH: 200,
      READY_MAX_BACKLOG_SECONDS: 0,
      FAILED_JOB_RETENTION_DAYS: 30,
    });
    expect(EnvSchema.safeParse({ INBOUND_JOURNAL_MAX_LENGTH: '0' }).success).toBe(false);
  });
});

describe('/readyz and the backlog', () => {
  let runtime: QueueRuntime;
  let server: RunningServer;
  const runtimePrefix = () => `${prefix}rt:`;

  beforeAll(async () => {
    const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
    runtime = new QueueRuntime({
      redis: REDIS_SETTINGS,
      prefix: runtimePrefix(),
      store: new Store(redis, runtimePrefix()),
      directory,
      log: pino({ level: 'silent' }),
      limits: { journalMaxLength: 3, maxBacklogSeconds: 60 },
    });
    server = await listen(
      createHttpServer({
        routes: [],
        ready: () => runtime.readiness(),
        log: pino({ level: 'silent' }),
      }),
      0,
    );
  });
  afterAll(async () => {
    await server.close();
    await runtime.close();
  });

  const readyz = async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    return { status: res.status, body: (await res.json()) as { reasons?: string[] } };
  };

  it('is ready with a short backlog', async () => {
    await runtime.journal.append(event(1));
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    await redis.del(runtime.journal.key);
  });

  it('is not ready once the oldest acknowledged event waited past the limit', async () => {
    await redis.xadd(runtime.journal.key, `${Date.now() - 75_000}-0`, 'e', '{}');
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.reasons?.[0]).toMatch(/oldest entry waited 75 s \(limit 60 s\)/);
    await redis.del(runtime.journal.key);
  });

  it('is not ready when the journal is full', async () => {
    for (let i = 0; i < 3; i++) await runtime.journal.append(event(i));
    const { status, body } = await readyz();
    expect(status).toBe(503);
    expect(body.reasons?.[0]).toMatch(/inbound journal full: 3 of 3/);
    await redis.del(runtime.journal.key);
    expect((await readyz()).status).toBe(200);
  });

  it('takes the limits from the settings in the running app', async () => {
    const t = await startTestApp({
      INBOUND_JOURNAL_MAX_LENGTH: 1234,
      READY_MAX_BACKLOG_SECONDS: 5,
    });
    try {
      expect(t.app.queue.journal.maxLength).toBe(1234);
      const res = await fetch(`${t.baseUrl}/readyz`);
      expect(res.status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});
