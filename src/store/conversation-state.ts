/**
 * Per-person conversation state (which flow, which step) with a TTL, and the per-person
 * lock that makes two events of the same person run one after the other, across processes.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import type { Keys } from './keys.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

export const ConversationStateSchema = z.object({
  flow: z.string().min(1),
  step: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  updatedAt: z.iso.datetime(),
});
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export const DEFAULT_STATE_TTL_SECONDS = 7 * 24 * 3600;

const RELEASE = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

export interface LockOptions {
  /** How long the lock lives if its holder dies. */
  ttlMs?: number;
  /** How long to wait for it before answering "busy". */
  waitMs?: number;
}

export class ConversationStateRepo implements PersonalDataHolder {
  readonly kind = 'conversation-state';
  readonly purpose = {
    nl: 'waar iemand is in een gesprek met de bot (een half ingevuld formulier); hoogstens een paar weken bewaard',
    en: 'where a person is in a conversation with the bot (a form half-way); kept at most a few weeks',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async get(allianceId: string, userId: string): Promise<ConversationState | null> {
    const raw = await this.redis.get(this.keys.state(allianceId, userId));
    if (!raw) return null;
    const parsed = ConversationStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }

  async set(
    allianceId: string,
    userId: string,
    state: Omit<ConversationState, 'updatedAt'> & { updatedAt?: string },
    ttlSeconds = DEFAULT_STATE_TTL_SECONDS,
  ): Promise<void> {
    const value = ConversationStateSchema.parse({ updatedAt: new Date().toISOString(), ...state });
    await this.redis.set(
      this.keys.state(allianceId, userId),
      JSON.stringify(value),
      'EX',
      ttlSeconds,
    );
  }

  async clear(allianceId: string, userId: string): Promise<void> {
    await this.redis.del(this.keys.state(allianceId, userId));
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.exportFor(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const userId of subject.userIds) {
      const state = await this.get(subject.allianceId, userId);
      if (state) out.push({ userId, ...state });
    }
    return out;
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const keys = subject.userIds.map((u) => this.keys.state(subject.allianceId, u));
    return keys.length === 0 ? 0 : this.redis.del(...keys);
  }

  async ttl(allianceId: string, userId: string): Promise<number> {
    return this.redis.ttl(this.keys.state(allianceId, userId));
  }

  /** Runs `fn` holding the person's lock; waits for a holder to finish, up to `waitMs`. */
  async withLock<T>(
    allianceId: string,
    userId: string,
    fn: () => Promise<T>,
    options: LockOptions = {},
  ): Promise<T> {
    const key = this.keys.lock(allianceId, userId);
    const token = randomUUID();
    const ttlMs = options.ttlMs ?? 15_000;
    const deadline = Date.now() + (options.waitMs ?? 5_000);
    let delay = 5;
    while ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) throw new BotError('busy', `lock ${key} is held`);
      await sleep(delay + Math.floor(Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
    try {
      return await fn();
    } finally {
      await runScript(this.redis, RELEASE, [key], [token]);
    }
  }
}
