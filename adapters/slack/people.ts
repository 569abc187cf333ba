/**
 * Slack people by e-mail address, for alliances that name people by e-mail alone:
 * `emailOf` reads a person's address (users.info, Tier 4; needs the `users:read` and
 * `users:read.email` scopes) and `userByEmail` finds a workspace's person by address
 * (users.lookupByEmail, Tier 3). Answers are kept in Redis for a while (a day when found, an
 * hour when not) so a burst of people does not become a burst of calls; addresses appear in
 * keys only as a digest.
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
  constructor(private readonly options: SlackPeopleOptions) {}

  /** `slack:T…:U…` → their e-mail address, or undefined (unknown, hidden, a bot). */
  async emailOf(userId: string): Promise<string | undefined> {
    const { scope: team, local: user } = parseId(userId);
    const key = `${this.options.prefix}slack:email:{${team}}:${user}`;
    return this.cached(key, async () => {
      const found = usable(await this.lookup(team, (c) => c.userInfo(user)));
      return found?.email?.toLowerCase() ?? null;
    });
  }

  /** The person with this address in workspace `team`, as `slack:<their team>:<user>`. */
  async userByEmail(email: string, team: string): Promise<string | undefined> {
    const address = email.trim().toLowerCase();
    if (!address.includes('@')) return undefined;
    const key = `${this.options.prefix}slack:by-email:{${team}}:${digest(address)}`;
    return this.cached(key, async () => {
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

  private async cached(
    key: string,
    load: () => Promise<string | null>,
  ): Promise<string | undefined> {
    const raw = await this.options.redis.get(key);
    if (raw !== null) {
      const parsed = CachedSchema.safeParse(safeJson(raw));
      if (parsed.success) return parsed.data.v ?? undefined;
    }
    const value = await load();
    await this.options.redis.set(
      key,
      JSON.stringify({ v: value }),
      'EX',
      value === null ? NOT_FOUND_TTL_SECONDS : FOUND_TTL_SECONDS,
    );
    return value ?? undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
