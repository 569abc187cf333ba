/**
 * Alliances in Redis: the config file is the source of truth; at start the bot writes each
 * alliance's record and seeds the partners the config already names, so every process
 * (web, worker) reads the same picture.
 */
import { slugify } from '../core/ids.js';
import { type Alliance, AllianceSchema, type Partner } from '../domain/alliance.js';
import type { Keys } from './keys.js';
import type { RedisClient } from './redis.js';

export class AllianceRepo {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Writes the alliance and creates its known partners that do not exist yet, atomically. */
  async syncFromConfig(alliance: Alliance, now: Date = new Date()): Promise<void> {
    const tx = this.redis.multi();
    tx.set(this.keys.alliance(alliance.id), JSON.stringify(alliance));
    for (const known of alliance.partners) {
      const partner: Partner = {
        id: known.id ?? slugify(known.name),
        allianceId: alliance.id,
        name: known.name,
        type: known.type,
        joinedAt: now.toISOString(),
      };
      tx.set(this.keys.partner(alliance.id, partner.id), JSON.stringify(partner), 'NX');
      tx.sadd(this.keys.partners(alliance.id), partner.id);
    }
    const results = await tx.exec();
    const failed = results?.find(([err]) => err);
    if (!results || failed)
      throw new Error(`alliance sync failed: ${String(failed?.[0] ?? 'aborted')}`);
  }

  async get(allianceId: string): Promise<Alliance | null> {
    const raw = await this.redis.get(this.keys.alliance(allianceId));
    return raw ? AllianceSchema.parse(JSON.parse(raw)) : null;
  }
}
