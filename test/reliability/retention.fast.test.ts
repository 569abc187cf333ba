/**
 * Failed jobs carry personal data (a message's text, who it was for): the worker removes them
 * FAILED_JOB_RETENTION_DAYS after they failed, also those added with `removeOnFail: false`
 * (kept forever by BullMQ) and in a queue where nothing fails any more (BullMQ's own age
 * option only acts when another job fails).
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import type { HttpRoute, PlatformAdapter } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import type { Destination, OutboundMessage, SentRef } from '../../src/core/messages.js';
import { text } from '../../src/core/messages.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import {
  DEFAULT_FAILED_JOB_RETENTION_DAYS,
  FAILED_JOB_RETENTION,
  FailedJobCleaner,
  failedJobRetention,
} from '../../src/queue/retention.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';
import { waitFor } from './harness.js';

/** A platform where every channel is gone: each send fails for good. */
class GonePlatform implements PlatformAdapter {
  readonly platform = 'local' as const;
  routes(): HttpRoute[] {
    return [];
  }
  render(message: OutboundMessage): string {
    return message.kind === 'text' ? message.text : message.fallback;
  }
  async send(_to: Destination, _message: OutboundMessage): Promise<SentRef> {
    throw new PermanentDeliveryError('channel_not_found');
  }
}

let redis: RedisClient;
const runtimes: QueueRuntime[] = [];
const prefixes: string[] = [];
const log = pino({ level: 'silent' });

async function runtimeWith(days: number, cleanFailedEveryMs?: number): Promise<QueueRuntime> {
  const prefix = freshPrefix('retention');
  prefixes.push(prefix);
  const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
  const runtime = new QueueRuntime({
    redis: REDIS_SETTINGS,
    prefix,
    store: new Store(redis, prefix),
    directory,
    log,
    limits: { failedJobRetentionDays: days },
  });
  runtimes.push(runtime);
  await runtime.startWorkers({
    adapters: new AdapterRegistry([new GonePlatform()]),
    runJob: async () => undefined,
    concurrency: 5,
    ...(cleanFailedEveryMs ? { cleanFailedEveryMs } : {}),
  });
  return runtime;
}

async function failOne(runtime: QueueRuntime, key: string): Promise<void> {
  await runtime.dispatcher().dispatch([
    {
      key,
      to: { kind: 'conversation', id: 'local:demo:alliantie' },
      message: text('Persoonlijk bericht aan Anna de Vries'),
    },
  ]);
  await waitFor(
    async () => (await runtime.delivery.getJobCounts('failed')).failed === 1 || 'not failed yet',
    20_000,
  );
}

beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  for (const r of runtimes) await r.close();
  for (const p of prefixes) await deletePrefix(redis, p);
  await redis.quit();
});

describe('failed job retention', () => {
  it('is 14 days unless FAILED_JOB_RETENTION_DAYS says otherwise', () => {
    expect(DEFAULT_FAILED_JOB_RETENTION_DAYS).toBe(14);
    expect(FAILED_JOB_RETENTION).toEqual({ age: 14 * 24 * 3600 });
    expect(failedJobRetention(30)).toEqual({ age: 30 * 24 * 3600 });
  });

  it('keeps a failed delivery within the period and removes it after', async () => {
    const runtime = await runtimeWith(14);
    await failOne(runtime, 'retention:keep');
    const cleaner = new FailedJobCleaner({ queues: runtime.queues(), days: 14, log });
    expect(await cleaner.cleanNow(Date.now() + 13 * 24 * 3600 * 1000)).toBe(0);
    expect((await runtime.delivery.getJobCounts('failed')).failed).toBe(1);
    expect(await cleaner.cleanNow(Date.now() + 15 * 24 * 3600 * 1000)).toBe(1);
    expect((await runtime.delivery.getJobCounts('failed')).failed).toBe(0);
  });

  it('is applied by every worker process on its own, with nothing else failing', async () => {
    // A period of about a second, looked at every 200 ms.
    const runtime = await runtimeWith(1 / (24 * 3600), 200);
    await failOne(runtime, 'retention:worker');
    await waitFor(
      async () =>
        (await runtime.delivery.getJobCounts('failed')).failed === 0 || 'the failed job is kept',
      20_000,
    );
  });
});
