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

  /** Waits until every key is delivered (or the time is up); true when all were. */
  async waitFor(keys: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let pending = [...keys];
    let delay = 5;
    while (pending.length > 0) {
      const found = await this.redis.mget(...pending.map((k) => this.keys.delivered(k)));
      pending = pending.filter((_, i) => found[i] === null);
      if (pending.length === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 50);
    }
    return true;
  }
}
