/**
 * People on Teams. A person's namespaced id is `teams:<tenant>:<aadObjectId>` (the same for
 * every bot of the tenant), but a new 1:1 chat and the member API want the id Teams gives the
 * person for this bot (`29:…`). Kept here, per person: that id and where they were last seen
 * (the conversation whose reference reaches them, and where the member API finds them).
 *
 * The first time a person is seen by aadObjectId, what was stored under their old 29:-based id
 * (their 1:1 conversation reference, their memberships and conversation state) is moved to the
 * new id, and a marker under the old id names the new one, so a config or a queued job that
 * still uses the old id reaches the same person.
 *
 * The e-mail address the member API gives is cached here too, with a TTL.
 */
import { z } from 'zod';
import { parseId } from '../../src/core/ids.js';
import { moveIdentity } from '../../src/store/identity-move.js';
import { Keys } from '../../src/store/keys.js';
import type { RedisClient } from '../../src/store/redis.js';
import type { ConversationRefs } from './conversation-refs.js';

export const PersonSchema = z.object({
  /** The id Teams gives the person for this bot (`29:…`). */
  botUserId: z.string().min(1),
  /** The conversation (namespaced id) they were last seen in: its reference reaches them. */
  conversationId: z.string().min(1),
  /** Where the member API finds them: the team of a channel, else that conversation. */
  memberScope: z.string().min(1),
});
export type Person = z.infer<typeof PersonSchema>;

const EmailSchema = z.object({ email: z.string().nullable() });

/** How long an address the member API gave is trusted; an unknown one is asked again sooner. */
export const EMAIL_TTL_SECONDS = 24 * 3600;
export const NO_EMAIL_TTL_SECONDS = 3600;

const MEMO_MS = 60_000;
const MEMO_MAX = 50_000;

/** Whether an id's local part is one Teams gives per bot (`29:`), not an aadObjectId. */
export function isBotScopedId(userId: string): boolean {
  return /^(29|8):/.test(parseId(userId).local);
}

export class TeamsPeople {
  /** Records this process wrote lately: the acknowledgement path skips writing them again. */
  private readonly memo = new Map<string, { value: string; until: number }>();
  private readonly storeKeys: Keys;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly refs: ConversationRefs,
    private readonly now: () => number = Date.now,
  ) {
    this.storeKeys = new Keys(prefix);
  }

  private key(kind: 'person' | 'legacy' | 'email', id: string): string {
    return `${this.prefix}teams:${kind}:{${id}}`;
  }

  /**
   * Records where a person was seen (on every activity; written when it changed or after a
   * minute). `legacyId`: their old 29:-based id, whose records move over on first sight.
   */
  async saw(userId: string, legacyId: string | undefined, person: Person): Promise<void> {
    const key = this.key('person', userId);
    const value = JSON.stringify(PersonSchema.parse(person));
    const now = this.now();
    const known = this.memo.get(key);
    if (known && known.value === value && known.until > now) return;
    const [, moved] = await Promise.all([
      this.redis.set(key, value),
      legacyId ? this.redis.exists(this.key('legacy', legacyId)) : Promise.resolve(1),
    ]);
    if (legacyId && moved === 0) await this.moveFrom(legacyId, userId);
    this.memo.delete(key);
    this.memo.set(key, { value, until: now + MEMO_MS });
    for (const old of this.memo.keys()) {
      if (this.memo.size <= MEMO_MAX) break;
      this.memo.delete(old);
    }
  }

  /** Moves what is stored under the old id to the new one, then marks the old id moved. */
  private async moveFrom(legacyId: string, userId: string): Promise<void> {
    await Promise.all([
      this.refs.moveUser(legacyId, userId),
      moveIdentity(this.redis, this.storeKeys, legacyId, userId),
    ]);
    await this.redis.set(this.key('legacy', legacyId), userId);
  }

  async get(userId: string): Promise<Person | undefined> {
    const raw = await this.redis.get(this.key('person', userId));
    if (!raw) return undefined;
    return PersonSchema.safeParse(JSON.parse(raw)).data;
  }

  /** A person's current id: the aadObjectId-based one for an old 29:-based id seen since. */
  async current(userId: string): Promise<string> {
    if (!isBotScopedId(userId)) return userId;
    return (await this.redis.get(this.key('legacy', userId))) ?? userId;
  }

  /** The cached address: a string, null when the member API could not tell, undefined when unknown. */
  async cachedEmail(userId: string): Promise<string | null | undefined> {
    const raw = await this.redis.get(this.key('email', userId));
    if (!raw) return undefined;
    const parsed = EmailSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.email : undefined;
  }

  async cacheEmail(userId: string, email: string | undefined): Promise<void> {
    await this.redis.set(
      this.key('email', userId),
      JSON.stringify({ email: email ?? null }),
      'EX',
      email ? EMAIL_TTL_SECONDS : NO_EMAIL_TTL_SECONDS,
    );
  }
}
