/**
 * Slack people by e-mail address, for alliances that name people by e-mail alone:
 * `emailOf` reads a person's address (users.info, Tier 4; needs the `users:read` and
 * `users:read.email` scopes) and `userByEmail` finds a workspace's person by address
 * (users.lookupByEmail, Tier 3). Answers are kept in Redis for a while (a day when found, an
 * hour when not) so a burst of people does not become a burst of calls; addresses appear in
 * keys only as a digest. Each workspace's answers are listed beside them, so that they go
 * when the app leaves the workspace (`forget`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseId } from '../../src/core/ids.js';
import type { RedisClient } from '../../src/store/redis.js';
import type { SlackClient, SlackUser } from './client.js';

export const FOUND_TTL_SECONDS = 24 * 3600;
export const NOT_FOUND_TTL_SECONDS = 3600;

const CachedSchema = z.object({ v: z.string().nullable() });

export interface SlackPeopleOptions {
  redis: RedisClient;
  prefix: string;
  /** The Web API client of a workspace; throws when the bot has no token there. */
  client: (team: string) => Promise<SlackClient>;
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** A person who can be someone's identity: not deleted, not a bot. */
const usable = (user: SlackUser | undefined) =>
  user && !user.deleted && !user.isBot ? user : null;

export class SlackPeople {
  /** Answers being looked up: people asking at once about one address share one call. */
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: SlackPeopleOptions) {}

  /** `slack:T…:U…` → their e-mail address, or undefined (unknown, hidden, a bot). */
  async emailOf(userId: string): Promise<string | undefined> {
    const { scope: team, local: user } = parseId(userId);
    const key = `${this.options.prefix}slack:email:{${team}}:${user}`;
    return this.cached(team, key, async () => {
      const found = usable(await this.lookup(team, (c) => c.userInfo(user)));
      return found?.email?.toLowerCase() ?? null;
    });
  }

  /** The person with this address in workspace `team`, as `slack:<their team>:<user>`. */
  async userByEmail(email: string, team: string): Promise<string | undefined> {
    const address = email.trim().toLowerCase();
    if (!address.includes('@')) return undefined;
    const key = `${this.options.prefix}slack:by-email:{${team}}:${digest(address)}`;
    return this.cached(team, key, async () => {
      const found = usable(await this.lookup(team, (c) => c.userByEmail(address)));
      return found ? `slack:${found.teamId ?? team}:${found.id}` : null;
    });
  }

  private async lookup(
    team: string,
    call: (client: SlackClient) => Promise<SlackUser | undefined>,
  ): Promise<SlackUser | undefined> {
    let client: SlackClient;
    try {
      client = await this.options.client(team);
    } catch {
      return undefined; // no installation in that workspace: nobody to ask
    }
    return call(client);
  }

  /** The list of a workspace's cached answers (same hash tag: one slot, one transaction). */
  private indexKey(team: string): string {
    return `${this.options.prefix}slack:people:{${team}}`;
  }

  private cached(
    team: string,
    key: string,
    load: () => Promise<string | null>,
  ): Promise<string | undefined> {
    const pending = this.pending.get(key);
    if (pending) return pending;
    const answer = this.readOrLoad(team, key, load).finally(() => this.pending.delete(key));
    this.pending.set(key, answer);
    return answer;
  }

  private async readOrLoad(
    team: string,
    key: string,
    load: () => Promise<string | null>,
  ): Promise<string | undefined> {
    const raw = await this.options.redis.get(key);
    if (raw !== null) {
      const parsed = CachedSchema.safeParse(safeJson(raw));
      if (parsed.success) return parsed.data.v ?? undefined;
    }
    const value = await load();
    const ttl = value === null ? NOT_FOUND_TTL_SECONDS : FOUND_TTL_SECONDS;
    await this.options.redis
      .multi()
      .set(key, JSON.stringify({ v: value }), 'EX', ttl)
      .sadd(this.indexKey(team), key)
      .expire(this.indexKey(team), FOUND_TTL_SECONDS)
      .exec();
    return value ?? undefined;
  }

  /** Forgets every cached answer about these workspaces' people (the app left them). */
  async forget(teams: readonly string[]): Promise<void> {
    for (const team of teams) {
      const index = this.indexKey(team);
      const keys = await this.options.redis.smembers(index);
      await this.options.redis
        .multi()
        .del(...keys, index)
        .exec();
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
