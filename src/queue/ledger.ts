/**
 * The delivery ledger: which idempotency keys have been delivered, and where they landed.
 * A worker checks it before sending and writes it right after, so a retried, doubled or
 * restarted job never posts a message twice.
 */
import { z } from 'zod';
import { type SentRef, SentRefSchema } from '../core/messages.js';
import type { Keys } from '../store/keys.js';
import type { RedisClient } from '../store/redis.js';

const TTL_SECONDS = 30 * 24 * 3600;
const RecordSchema = z.object({ at: z.iso.datetime(), ref: SentRefSchema.nullable() });

export class DeliveryLedger {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async sent(key: string): Promise<{ at: string; ref: SentRef | null } | null> {
    const raw = await this.redis.get(this.keys.delivered(key));
    if (!raw || raw === '1')
      return raw === '1' ? { at: new Date(0).toISOString(), ref: null } : null;
    return RecordSchema.parse(JSON.parse(raw));
  }

  async markSent(key: string, ref: SentRef | null): Promise<void> {
    const record = JSON.stringify({ at: new Date().toISOString(), ref });
    await this.redis.set(this.keys.delivered(key), record, 'EX', TTL_SECONDS);
  }

  /**
   * Claims the sending of a key for a moment (`ms`): false when another process is sending it
   * right now. For interactive answers, which are sent outside the queue (whose job ids keep
   * two copies of one message apart): two deliveries of one event at once answer once.
   */
  async claimSending(key: string, ms = 30_000): Promise<boolean> {
    const claim = `${this.keys.delivered(key)}:sending`;
    return (await this.redis.set(claim, '1', 'PX', ms, 'NX')) === 'OK';
  }

  /** Gives a claim up (the send failed; a retry may claim it at once). */
  async releaseSending(key: string): Promise<void> {
    await this.redis.del(`${this.keys.delivered(key)}:sending`);
  }

  /**
   * The keys of these that are not delivered yet. One GET each, sent together: every
   * idempotency key has its own hash tag, so on a Redis Cluster they sit in different slots
   * and one MGET would be refused (CROSSSLOT).
   */
  async pending(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const found = await Promise.all(keys.map((k) => this.redis.get(this.keys.delivered(k))));
    return keys.filter((_, i) => found[i] === null);
  }
}
