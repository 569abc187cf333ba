/**
 * The delivery ledger against real Redis, and against a Redis Cluster in the cluster project
 * (every idempotency key has a hash tag of its own, so they land in different slots).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryLedger } from '../../src/queue/ledger.js';
import { Keys } from '../../src/store/keys.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('ledger');
const ledger = new DeliveryLedger(redis, new Keys(prefix));

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('delivery ledger', () => {
  it('tells which of many keys are still to be delivered', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `welcome:alliance:${i}`);
    await ledger.markSent(keys[3] as string, { conversationId: 'local:demo:c', messageId: 'm3' });
    await ledger.markSent(keys[17] as string, null);
    const pending = await ledger.pending(keys);
    expect(pending).toHaveLength(38);
    expect(pending).not.toContain(keys[3]);
    expect(pending).not.toContain(keys[17]);
    expect((await ledger.sent(keys[3] as string))?.ref).toEqual({
      conversationId: 'local:demo:c',
      messageId: 'm3',
    });
    expect(await ledger.pending([])).toEqual([]);
  });
});
