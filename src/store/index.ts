/**
 * The store: every Redis repository behind one object, built once by the composition root.
 * Flows see it as a FlowStore (the repositories, never the Redis connection or the keys).
 */
import { ActivityLog } from './activity-log.js';
import { AllianceRepo } from './alliance-repo.js';
import { AuditTrail } from './audit.js';
import { ConversationStateRepo } from './conversation-state.js';
import { IdentityRepo } from './identities.js';
import { Keys } from './keys.js';
import { LinkRepo } from './links.js';
import { MemberRepo } from './member-repo.js';
import { type PersonalDataHolder, PersonalDataRegistry } from './personal-data.js';
import { Collection, type CollectionSpec } from './records.js';
import type { RedisClient } from './redis.js';

export class Store {
  readonly keys: Keys;
  readonly alliances: AllianceRepo;
  readonly members: MemberRepo;
  readonly activity: ActivityLog;
  readonly state: ConversationStateRepo;
  readonly identities: IdentityRepo;
  readonly links: LinkRepo;
  /** The append-only audit trail (flows write it through `ctx.audit`). */
  readonly audit: AuditTrail;
  /** Holders of personal data kept outside the store (the queue, the adapters' references). */
  readonly personalDataRegistry = new PersonalDataRegistry();
  private readonly collections = new Map<string, Collection<unknown>>();

  constructor(
    readonly redis: RedisClient,
    prefix = '',
  ) {
    this.keys = new Keys(prefix);
    this.alliances = new AllianceRepo(redis, this.keys);
    this.members = new MemberRepo(redis, this.keys);
    this.activity = new ActivityLog(redis, this.keys);
    this.state = new ConversationStateRepo(redis, this.keys);
    this.identities = new IdentityRepo(redis, this.keys);
    this.links = new LinkRepo(redis, this.keys);
    this.audit = new AuditTrail(redis, this.keys);
  }

  /** A flow's collection of records (made once per name; the same spec every time). */
  collection<T>(spec: CollectionSpec<T>): Collection<T> {
    const known = this.collections.get(spec.name);
    if (known) return known as Collection<T>;
    const made = new Collection(this.redis, this.keys, spec);
    this.collections.set(spec.name, made as Collection<unknown>);
    return made;
  }

  /**
   * Every repository that holds personal data, for export and erasure. A flow's collections
   * join when they are first made (flows make theirs when they are registered).
   */
  personalData(): PersonalDataHolder[] {
    return [
      this.members,
      this.state,
      this.activity,
      this.identities,
      this.links,
      ...this.personalDataRegistry.holders(),
      ...this.collections.values(),
    ];
  }

  /** Whether a default (a flow's schedule every alliance gets) was ever created for it. */
  async defaultApplied(allianceId: string, id: string): Promise<boolean> {
    return (await this.redis.sismember(this.keys.defaultsApplied(allianceId), id)) === 1;
  }

  async markDefaultApplied(allianceId: string, id: string): Promise<void> {
    await this.redis.sadd(this.keys.defaultsApplied(allianceId), id);
  }

  /** True when this inbound event was handled to the end before (a retried delivery). */
  async wasHandled(eventId: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.handledEvent(eventId))) === 1;
  }

  /** Marks an inbound event handled: only after its flow finished and its answers were handed on. */
  async markHandled(eventId: string, ttlSeconds = 24 * 3600): Promise<void> {
    await this.redis.set(this.keys.handledEvent(eventId), '1', 'EX', ttlSeconds);
  }
}

/** What a flow may use of the store: the repositories, not the connection or the keys. */
export type FlowStore = Pick<Store, 'alliances' | 'members' | 'activity' | 'links' | 'collection'>;

export type { RedisClient } from './redis.js';
export { createRedis, redisAnswers, reportErrors } from './redis.js';
