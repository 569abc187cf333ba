/**
 * The local web chat's message history in Redis (so a reload shows the conversation) and
 * its fan-out over Redis pub/sub (so a worker process can post into the chat too).
 */
import { z } from 'zod';
import type { Keys } from '../../src/store/keys.js';
import type { RedisClient } from '../../src/store/redis.js';
import { lua, runScript } from '../../src/store/scripts.js';

export const ChatMessageSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1),
  at: z.iso.datetime(),
  from: z.object({ id: z.string(), name: z.string(), bot: z.boolean() }),
  /** Only this person sees it (an ephemeral answer in a channel). */
  visibleTo: z.string().optional(),
  kind: z.enum(['text', 'card', 'form']),
  text: z.string(),
  html: z.string(),
  updatedAt: z.iso.datetime().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatNoticeSchema = z.object({
  type: z.enum(['message', 'update']),
  message: ChatMessageSchema,
});
export type ChatNotice = z.infer<typeof ChatNoticeSchema>;

const HISTORY = 500;

const APPEND_ONCE = lua(`
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('RPUSH', KEYS[3], ARGV[1])
redis.call('LTRIM', KEYS[3], -tonumber(ARGV[4]), -1)
redis.call('EXPIRE', KEYS[3], ARGV[3])
return ARGV[1]
`);
const TTL_SECONDS = 30 * 24 * 3600;

export class ChatLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private messageKey(id: string): string {
    return `${this.keys.localConversation('msg')}:${id}`;
  }

  /**
   * Appends a message once per idempotency key: a repeated delivery returns the id of the
   * message already there and appends nothing.
   */
  async appendOnce(message: ChatMessage, idempotencyKey: string): Promise<string> {
    const list = this.keys.localConversation(message.conversationId);
    const result = await runScript(
      this.redis,
      APPEND_ONCE,
      [
        `${this.keys.localConversation('sent')}:${idempotencyKey}`,
        this.messageKey(message.id),
        list,
      ],
      [message.id, JSON.stringify(message), TTL_SECONDS, HISTORY],
    );
    const id = String(result);
    if (id === message.id) await this.publish({ type: 'message', message });
    return id;
  }

  /** Keeps the answer to a person's request (by its idempotency key), for its retries. */
  async keepAnswer(idempotencyKey: string, answer: unknown): Promise<void> {
    await this.redis.set(this.answerKey(idempotencyKey), JSON.stringify(answer), 'EX', TTL_SECONDS);
  }

  /** The answer kept for a request, or null when there is none (yet). */
  async keptAnswer(idempotencyKey: string): Promise<unknown> {
    const raw = await this.redis.get(this.answerKey(idempotencyKey));
    return raw === null ? null : (JSON.parse(raw) as unknown);
  }

  private answerKey(idempotencyKey: string): string {
    return `${this.keys.localConversation('answer')}:${idempotencyKey}`;
  }

  async append(message: ChatMessage): Promise<void> {
    const list = this.keys.localConversation(message.conversationId);
    await this.redis
      .multi()
      .set(this.messageKey(message.id), JSON.stringify(message), 'EX', TTL_SECONDS)
      .rpush(list, message.id)
      .ltrim(list, -HISTORY, -1)
      .expire(list, TTL_SECONDS)
      .exec();
    await this.publish({ type: 'message', message });
  }

  async get(id: string): Promise<ChatMessage | null> {
    const raw = await this.redis.get(this.messageKey(id));
    return raw ? ChatMessageSchema.parse(JSON.parse(raw)) : null;
  }

  async replace(message: ChatMessage): Promise<void> {
    await this.redis.set(this.messageKey(message.id), JSON.stringify(message), 'EX', TTL_SECONDS);
    await this.publish({ type: 'update', message });
  }

  async history(conversationId: string): Promise<ChatMessage[]> {
    const ids = await this.redis.lrange(this.keys.localConversation(conversationId), 0, -1);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.messageKey(id)));
    return raws
      .filter((r): r is string => r !== null)
      .map((r) => ChatMessageSchema.parse(JSON.parse(r)));
  }

  /** First time this person opens the channel (for the member-joined welcome). */
  async markJoined(conversationId: string, userId: string): Promise<boolean> {
    const key = `${this.keys.localConversation(conversationId)}:joined`;
    return (await this.redis.sadd(key, userId)) === 1;
  }

  private async publish(notice: ChatNotice): Promise<void> {
    await this.redis.publish(this.keys.localChannel(), JSON.stringify(notice));
  }
}
