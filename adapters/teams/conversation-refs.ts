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

export class ConversationRefs {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
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

  /** Remembers a conversation (and, for a 1:1 chat, whose it is). Unchanged refs write nothing. */
  async remember(conversationId: string, ref: StoredReference, userId?: string): Promise<void> {
    const value = JSON.stringify(StoredReferenceSchema.parse(ref));
    const writes: Array<[string, string]> = [
      [this.key('conv', conversationId), value],
      [this.key('tenant', ref.tenantId), value],
    ];
    if (userId) writes.push([this.key('user', userId), value]);
    const current = await Promise.all(writes.map(([k]) => this.redis.get(k)));
    for (const [i, [key, v]] of writes.entries()) {
      if (current[i] !== v) await this.redis.set(key, v);
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

  async forget(conversationId: string): Promise<void> {
    await this.redis.del(this.key('conv', conversationId));
  }
}
