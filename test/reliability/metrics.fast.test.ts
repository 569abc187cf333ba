/**
 * /metrics is cheap for Redis: the queue figures are one reading shared by every scrape
 * within a few seconds (it was ten commands a scrape, for every scrape), and it shows the
 * inbound journal's backlog: entries, bound and the oldest entry's age.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { Metrics } from '../../src/metrics.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

let redis: RedisClient;
let runtime: QueueRuntime;
const prefix = freshPrefix('metrics');
const sent = { commands: 0 };

/** Counts every command a connection sends (pipelined ones one by one). */
function count(client: RedisClient): void {
  const original = client.sendCommand;
  client.sendCommand = ((...args: unknown[]) => {
    sent.commands++;
    return Reflect.apply(original, client, args);
  }) as typeof client.sendCommand;
}

beforeAll(async () => {
  redis = testRedis();
  const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
  runtime = new QueueRuntime({
    redis: REDIS_SETTINGS,
    prefix,
    store: new Store(redis, prefix),
    directory,
    log: pino({ level: 'silent' }),
    limits: { journalMaxLength: 777 },
  });
  await runtime.ready(); // connections up before counting
  count(redis);
  count(runtime.connection);
});
afterAll(async () => {
  await runtime.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('/metrics', () => {
  it('reads Redis once for any number of scrapes within a few seconds', async () => {
    const metrics = new Metrics(runtime);
    const start = Date.now();
    const first = await metrics.text();
    const once = sent.commands;
    expect(once).toBeGreaterThan(0);
    expect(once).toBeLessThanOrEqual(8);
    for (let i = 0; i < 9; i++) await metrics.text();
    // Ten scrapes, one reading (as long as they fell within the snapshot's five seconds).
    if (Date.now() - start < 5000) expect(sent.commands).toBe(once);
    expect(first).toContain('alliantiebot_queue_jobs{queue="delivery",state="waiting"} 0');
  });

  it('shows the inbound journal: entries, bound and the oldest entry’s age', async () => {
    await redis.xadd(runtime.journal.key, `${Date.now() - 42_000}-0`, 'e', '{}');
    await redis.xadd(runtime.journal.key, '*', 'e', '{}');
    const metrics = new Metrics(runtime);
    // A fresh reading: the snapshot of the test before is at most five seconds old.
    const snapshot = await runtime.snapshot(0);
    expect(snapshot.journal).toMatchObject({ length: 2, maxLength: 777 });
    const body = await metrics.text();
    expect(body).toMatch(/^alliantiebot_inbound_journal_entries 2$/m);
    expect(body).toMatch(/^alliantiebot_inbound_journal_max_entries 777$/m);
    const age = Number(/^alliantiebot_inbound_journal_oldest_seconds (\S+)$/m.exec(body)?.[1]);
    expect(age).toBeGreaterThanOrEqual(42);
    expect(body).toContain('alliantiebot_queue_jobs{queue="inbound-journal",state="waiting"} 2');
  });
});
