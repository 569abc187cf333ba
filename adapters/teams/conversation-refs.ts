/**
 * Conversation references in Redis: what the bot needs to write proactively to a Teams
 * conversation (its serviceUrl, the bot's own account, the conversation). Kept per
 * conversation id, per person (their 1:1 chat with the bot) and per tenant (a serviceUrl to
 * open new 1:1 chats with).
 */
import { z } from 'zod';
import type { RedisClient } from '../../src/store/redis.js';

export const StoredReferenceSchema = z.object({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  tenantId: z.string().min(1),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().optional(),
  }),
});
export type StoredReference = z.infer<typeof StoredReferenceSchema>;

/** How long this process trusts that a reference it wrote is still what Redis holds. */
const MEMO_MS = 60_000;
const MEMO_MAX = 50_000;

export class ConversationRefs {
  /**
   * What this process wrote lately (key → value, until): every activity carries its
   * conversation's reference, and rewriting an unchanged one would cost a Redis round trip
   * on the acknowledgement path. Another process may change or forget a reference meanwhile,
   * so the memo lasts a minute, and installs and removals always write.
   */
  private readonly memo = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(kind: 'conv' | 'user' | 'tenant', id: string): string {
    return `${this.prefix}teams:ref:${kind}:{${id}}`;
  }

  private async read(key: string): Promise<StoredReference | undefined> {
    const raw = await this.redis.get(key);
    if (!raw) return undefined;
    const parsed = StoredReferenceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Remembers a conversation (and, for a 1:1 chat, whose it is). A reference this process
   * wrote in the last minute is not written again, unless `force` (installs, re-installs).
   */
  async remember(
    conversationId: string,
    ref: StoredReference,
    userId?: string,
    force = false,
  ): Promise<void> {
    const value = JSON.stringify(StoredReferenceSchema.parse(ref));
    // The tenant's reference serves to open new 1:1 chats: only where to reach the tenant
    // matters, not which conversation brought it (else every new person would rewrite it).
    const reach = JSON.stringify([ref.serviceUrl, ref.channelId, ref.bot.id]);
    const writes: Array<[key: string, same: string]> = [
      [this.key('conv', conversationId), value],
      [this.key('tenant', ref.tenantId), reach],
    ];
    if (userId) writes.push([this.key('user', userId), value]);
    const now = this.now();
    const stale = writes.filter(([key, same]) => {
      if (force) return true;
      const known = this.memo.get(key);
      return !known || known.value !== same || known.until <= now;
    });
    if (stale.length === 0) return;
    // Sent together (one round trip); not one pipeline, since a cluster puts them in other slots.
    await Promise.all(stale.map(([key]) => this.redis.set(key, value)));
    for (const [key, same] of stale) {
      this.memo.delete(key);
      this.memo.set(key, { value: same, until: now + MEMO_MS });
    }
    // Oldest first (insertion order): trim what is over the cap.
    for (const key of this.memo.keys()) {
      if (this.memo.size <= MEMO_MAX) break;
      this.memo.delete(key);
    }
  }

  byConversation(conversationId: string): Promise<StoredReference | undefined> {
    return this.read(this.key('conv', conversationId));
  }

  byUser(userId: string): Promise<StoredReference | undefined> {
    return this.read(this.key('user', userId));
  }

  byTenant(tenantId: string): Promise<StoredReference | undefined> {
    return this.read(this.key('tenant', tenantId));
  }

  /**
   * Moves a person's 1:1 reference to their new id (Teams people are named by aadObjectId now,
   * not by the 29: id); one already under the new id is kept.
   */
  async moveUser(from: string, to: string): Promise<void> {
    const source = this.key('user', from);
    const value = await this.redis.get(source);
    if (value !== null) await this.redis.set(this.key('user', to), value, 'NX');
    await this.redis.del(source);
    this.memo.delete(source);
  }

  async forget(conversationId: string): Promise<void> {
    const key = this.key('conv', conversationId);
    this.memo.delete(key);
    await this.redis.del(key);
  }
}
