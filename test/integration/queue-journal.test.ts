/**
 * The inbound journal: what an adapter appends before it acknowledges reaches the engine once,
 * also when the platform delivered it twice, when it was appended before any worker ran, and
 * when the pump that read it died before it was moved.
 */

import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import type { InboundEvent } from '../../src/core/events.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { JOURNAL_GROUP } from '../../src/queue/journal.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

function message(n: number, text = 'hulp'): InboundEvent {
  return {
    type: 'message',
    eventId: `Ev${n}`,
    platform: 'slack',
    actor: { userId: `slack:T1:U${n % 7}` },
    conversation: { id: 'slack:T1:C1', kind: 'channel' },
    text,
  };
}

/** A worker (with its pump) for a queue started without one. */
function startWorker(q: TestQueue, handled: InboundEvent[], claimIdleMs?: number): Promise<void> {
  return q.runtime.startWorkers({
    adapters: new AdapterRegistry([]),
    runJob: async () => undefined,
    handleInbound: async (event) => {
      handled.push(event);
    },
    concurrency: 5,
    ...(claimIdleMs ? { journalClaimIdleMs: claimIdleMs } : {}),
  });
}

describe('inbound journal', () => {
  const open: TestQueue[] = [];
  afterEach(async () => {
    while (open.length > 0) await open.pop()?.stop();
  });

  async function start(
    handled: InboundEvent[],
    options: { workers?: boolean; journalClaimIdleMs?: number; journalBlockMs?: number } = {},
  ): Promise<TestQueue> {
    const q = await startTestQueue([], {
      workers: options.workers ?? true,
      handleInbound: async (event) => {
        handled.push(event);
      },
      ...(options.journalClaimIdleMs ? { journalClaimIdleMs: options.journalClaimIdleMs } : {}),
      ...(options.journalBlockMs ? { journalBlockMs: options.journalBlockMs } : {}),
    });
    open.push(q);
    return q;
  }

  it('hands every appended event to the engine once, a redelivered one too, and empties itself', async () => {
    const handled: InboundEvent[] = [];
    const q = await start(handled);
    const events = Array.from({ length: 300 }, (_, i) => message(i));
    await Promise.all(events.map((e) => q.runtime.enqueueInbound(e)));
    // Slack's retry of ten of them (X-Slack-Retry-Num): same event ids.
    await Promise.all(events.slice(0, 10).map((e) => q.runtime.enqueueInbound(e)));
    await eventually(() => handled.length >= 300 || `${handled.length} handled`);
    await new Promise((r) => setTimeout(r, 300));
    expect(handled).toHaveLength(300);
    expect(new Set(handled.map((e) => e.eventId)).size).toBe(300);
    expect(handled.find((e) => e.eventId === 'Ev42')).toEqual(message(42));
    await eventually(async () => (await q.runtime.journal.length()) === 0 || 'journal not empty');
  });

  it('keeps events appended while no worker runs and delivers them when one starts', async () => {
    const handled: InboundEvent[] = [];
    const web = await start(handled, { workers: false });
    for (let i = 0; i < 25; i++) await web.runtime.enqueueInbound(message(i));
    await new Promise((r) => setTimeout(r, 200));
    expect(handled).toHaveLength(0);
    expect(await web.runtime.journal.length()).toBe(25);
    // What `alliance-bot queues` and /metrics show an operator meanwhile.
    const waiting = await web.runtime.journal.stats();
    expect(waiting).toMatchObject({ queue: 'inbound-journal', waiting: 25, active: 0 });
    expect(waiting.oldestWaitingMs).toBeGreaterThanOrEqual(150);
    await startWorker(web, handled);
    await eventually(() => handled.length === 25 || `${handled.length} handled`);
    expect(handled.map((e) => e.eventId).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `Ev${i}`).sort(),
    );
    await eventually(async () => {
      const s = await web.runtime.journal.stats();
      return (s.waiting === 0 && s.active === 0 && s.oldestWaitingMs === null) || JSON.stringify(s);
    });
  });

  it('takes over what a dead pump had read but not moved, and moves it once', async () => {
    const handled: InboundEvent[] = [];
    const web = await start(handled, { workers: false });
    const { journal } = web.runtime;
    for (let i = 0; i < 12; i++) await journal.append(message(i));
    // A pump reads the entries, then its process dies: they stay pending under its name.
    const redis = web.store.redis;
    await redis.xgroup('CREATE', journal.key, JOURNAL_GROUP, '0', 'MKSTREAM');
    const read = await redis.xreadgroup(
      'GROUP',
      JOURNAL_GROUP,
      'dead-pump',
      'COUNT',
      100,
      'STREAMS',
      journal.key,
      '>',
    );
    expect(read).not.toBeNull();
    const pendingBefore = (await redis.xpending(journal.key, JOURNAL_GROUP)) as [number];
    expect(pendingBefore[0]).toBe(12);

    await startWorker(web, handled, 300);
    await eventually(() => handled.length === 12 || `${handled.length} handled`, 10_000);
    await new Promise((r) => setTimeout(r, 700));
    expect(handled).toHaveLength(12);
    const pendingAfter = (await redis.xpending(journal.key, JOURNAL_GROUP)) as [number];
    expect(pendingAfter[0]).toBe(0);
    expect(await journal.length()).toBe(0);
  });

  it('sends an event this version cannot read to the failed jobs rather than losing it', async () => {
    const handled: InboundEvent[] = [];
    const q = await start(handled);
    const { journal } = q.runtime;
    await q.store.redis.xadd(
      journal.key,
      '*',
      'e',
      JSON.stringify({ type: 'reaction', eventId: 'EvX', platform: 'slack' }),
    );
    await q.runtime.enqueueInbound(message(1));
    await eventually(() => handled.length === 1 || 'not handled');
    await eventually(
      async () => (await q.runtime.inbound.getJobCounts('failed')).failed === 1 || 'not failed',
    );
    const [failed] = await q.runtime.inbound.getFailed();
    expect(failed?.data).toMatchObject({ type: 'reaction', eventId: 'EvX' });
  });

  it('stops at once, even while its read is waiting for new entries', async () => {
    const handled: InboundEvent[] = [];
    // A read that waits 30 s for new entries: stopping must not wait for it to time out.
    const q = await start(handled, { journalBlockMs: 30_000 });
    await q.runtime.enqueueInbound(message(1));
    await eventually(() => handled.length === 1 || 'not handled');
    open.pop();
    const t0 = Date.now();
    await q.stop();
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('fails fast when Redis cannot take the event, so the platform is not acknowledged', async () => {
    // The store's connection (the one appends use) reaches no Redis; the queues' does.
    const dead = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 1,
      retryStrategy: () => 50,
      lazyConnect: true,
    });
    dead.on('error', () => undefined);
    const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
    const prefix = freshPrefix('journal');
    const runtime = new QueueRuntime({
      redis: REDIS_SETTINGS,
      prefix,
      store: new Store(dead, prefix),
      directory,
      log: pino({ level: 'silent' }),
    });
    const started = Date.now();
    await expect(runtime.enqueueInbound(message(1))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    await runtime.close();
    dead.disconnect();
    const redis = testRedis();
    await deletePrefix(redis, prefix);
    await redis.quit();
  });
});
