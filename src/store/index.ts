/**
 * The store: every Redis repository behind one object, built once by the composition root.
 */
import { ActivityLog } from './activity-log.js';
import { AllianceRepo } from './alliance-repo.js';
import { ConversationStateRepo } from './conversation-state.js';
import { Keys } from './keys.js';
import { MemberRepo } from './member-repo.js';
import type { RedisClient } from './redis.js';

export class Store {
  readonly keys: Keys;
  readonly alliances: AllianceRepo;
  readonly members: MemberRepo;
  readonly activity: ActivityLog;
  readonly state: ConversationStateRepo;

  constructor(
    readonly redis: RedisClient,
    prefix = '',
  ) {
    this.keys = new Keys(prefix);
    this.alliances = new AllianceRepo(redis, this.keys);
    this.members = new MemberRepo(redis, this.keys);
    this.activity = new ActivityLog(redis, this.keys);
    this.state = new ConversationStateRepo(redis, this.keys);
  }

  /** Marks an inbound event as handled; false when it was handled before (a retry). */
  async claimInboundEvent(eventId: string, ttlSeconds = 24 * 3600): Promise<boolean> {
    return (
      (await this.redis.set(this.keys.inboundEvent(eventId), '1', 'EX', ttlSeconds, 'NX')) === 'OK'
    );
  }

  async releaseInboundEvent(eventId: string): Promise<void> {
    await this.redis.del(this.keys.inboundEvent(eventId));
  }
}

export type { RedisClient } from './redis.js';
export { createRedis, redisAnswers } from './redis.js';
