/**
 * One person, several platform identities: per alliance, the identities a person linked
 * (`koppel` / `link`) point at their first one — the *primary*, the id their member record
 * carries (`Member.id`: "the first platform identity this person used; other identities link
 * to it"). The engine resolves the member and the config roles over the whole group, so a
 * person is the same member with the same roles whichever platform they speak from.
 *
 * Also the one-time codes that make a link: kept under a digest of the code (never the code
 * itself), with a TTL, claimed once atomically (HSETNX on the code's own key: of two uses at
 * the same moment exactly one wins), and the wrong tries a person has left (a counter with a
 * TTL, taken before a code is tried, so even tries at the same moment cannot exceed the
 * limit).
 *
 * Keys: `{a:<id>}:link:<uid>` (JSON: the primary, when), `{a:<id>}:links:<primary>` (the set
 * of linked identities) — one slot, changed by one Lua script; `{u:<uid>}:linked-in` (the
 * alliances, verified on read), `{lc:<digest>}` (an open code), `{u:<uid>}:link-code` (the
 * digests of a person's open codes), `{u:<uid>}:link-tries`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normaliseCode } from '../domain/link-code.js';
import type { Keys } from './keys.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

const LinkSchema = z.object({ to: z.string().min(1), at: z.iso.datetime() });
export type Link = z.infer<typeof LinkSchema>;

/** A person's identities in an alliance: the primary first, then the linked ones. */
export interface LinkGroup {
  primary: string;
  ids: string[];
}

export const OpenCodeSchema = z.object({
  owner: z.string().min(1),
  alliance: z.string().min(1),
  at: z.iso.datetime(),
  /** The occurrence (event) that used it, once used. */
  by: z.string().optional(),
});
export type OpenCode = z.infer<typeof OpenCodeSchema>;

/** claimed: this use won; again: the same event claimed it before (a retry); used: another did. */
export type CodeClaim = 'claimed' | 'again' | 'used' | 'unknown';

const JOIN = lua(`
-- KEYS: 1 link of the primary, 2 links of the primary, then per joining id: its link, its links
-- ARGV: 1 primary, 2 link json, 3 the joining ids' current primary ('' for none), then the ids
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local n = #ARGV - 3
local joining = {}
for i = 1, n do joining[ARGV[3 + i]] = true end
for i = 1, n do
  local current = redis.call('GET', KEYS[2 * i + 1])
  if current then
    local ok, link = pcall(cjson.decode, current)
    if not ok or link.to ~= ARGV[3] then return 0 end
  end
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2 * i + 2])) do
    if not joining[id] then return 0 end
  end
end
for i = 1, n do
  redis.call('SET', KEYS[2 * i + 1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[3 + i])
  redis.call('DEL', KEYS[2 * i + 2])
end
return 1
`);

const OPEN_CODE = lua(`
-- KEYS: 1 the code. ARGV: 1 owner, 2 alliance, 3 at, 4 ttl seconds
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'alliance', ARGV[2], 'at', ARGV[3])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
`);

const CLAIM_CODE = lua(`
-- KEYS: 1 the code. ARGV: 1 the occurrence claiming it
if redis.call('EXISTS', KEYS[1]) == 0 then return 'unknown' end
if redis.call('HSETNX', KEYS[1], 'by', ARGV[1]) == 1 then return 'claimed' end
if redis.call('HGET', KEYS[1], 'by') == ARGV[1] then return 'again' end
return 'used'
`);

const TAKE_TRY = lua(`
-- KEYS: 1 the counter. ARGV: 1 the most tries, 2 the window in seconds
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
end
local ttl = redis.call('TTL', KEYS[1])
if n > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return {0, ttl}
end
return {1, ttl}
`);

const REFUND_TRY = lua(`
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then
  redis.call('DECR', KEYS[1])
end
return 1
`);

/** Codes are compared as typed without spaces or dashes, in capitals. */
function digestOf(code: string): string {
  return createHash('sha256')
    .update(`alliantiebot-link:${normaliseCode(code)}`)
    .digest('hex');
}

export class LinkRepo implements PersonalDataHolder {
  readonly kind = 'identity-links';
  readonly purpose = {
    nl: 'welke platformidentiteiten (Slack, Teams) iemand koppelde om één persoon in de alliantie te zijn, bewaard tot ze ontkoppelen; een koppelcode leeft tien minuten, foute pogingen vijftien',
    en: 'which platform identities (Slack, Teams) a person linked to be one person in the alliance, kept until they unlink; a link code lives ten minutes, wrong tries fifteen',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private async linkOf(allianceId: string, userId: string): Promise<Link | undefined> {
    const raw = await this.redis.get(this.keys.identityLink(allianceId, userId));
    if (!raw) return undefined;
    try {
      return LinkSchema.parse(JSON.parse(raw));
    } catch {
      return undefined;
    }
  }

  /** The person's identities in the alliance (just this one when it is not linked). */
  async groupOf(allianceId: string, userId: string): Promise<LinkGroup> {
    const primary = (await this.linkOf(allianceId, userId))?.to ?? userId;
    const linked = await this.redis.smembers(this.keys.identityLinks(allianceId, primary));
    const others = [...new Set([...linked, userId])].filter((id) => id !== primary).sort();
    return { primary, ids: [primary, ...others] };
  }

  /** The alliances in which this identity is linked to another one. */
  async alliancesOf(userId: string): Promise<string[]> {
    const listed = await this.redis.smembers(this.keys.linkedAlliances(userId));
    const out: string[] = [];
    for (const allianceId of listed) {
      if ((await this.groupOf(allianceId, userId)).ids.length > 1) out.push(allianceId);
    }
    return out;
  }

  /**
   * Links `joining` (identities not linked to anyone, or all of one group whose primary is
   * `from`) to `primary`, atomically. False (nothing written) when the primary is linked to
   * someone itself or a joining identity changed meanwhile.
   */
  async join(
    allianceId: string,
    primary: string,
    joining: readonly string[],
    from: string | undefined,
    at: Date,
  ): Promise<boolean> {
    const ids = joining.filter((id) => id !== primary);
    if (ids.length === 0) return false;
    // The per-person index lives in other slots: written first, verified on read.
    for (const id of [primary, ...ids])
      await this.redis.sadd(this.keys.linkedAlliances(id), allianceId);
    const done = await runScript(
      this.redis,
      JOIN,
      [
        this.keys.identityLink(allianceId, primary),
        this.keys.identityLinks(allianceId, primary),
        ...ids.flatMap((id) => [
          this.keys.identityLink(allianceId, id),
          this.keys.identityLinks(allianceId, id),
        ]),
      ],
      [primary, JSON.stringify({ to: primary, at: at.toISOString() }), from ?? '', ...ids],
    );
    return Number(done) === 1;
  }

  /**
   * Takes `userId` out of its group. The primary leaving ends the group (every link to it
   * goes; the member record stays with it). Returns the identities it is no longer linked to.
   */
  async separate(allianceId: string, userId: string): Promise<string[]> {
    const group = await this.groupOf(allianceId, userId);
    if (group.ids.length < 2) return [];
    const others = group.ids.filter((id) => id !== userId);
    const tx = this.redis.multi();
    if (userId === group.primary) {
      for (const id of others) tx.del(this.keys.identityLink(allianceId, id));
      tx.del(this.keys.identityLinks(allianceId, group.primary));
    } else {
      tx.del(this.keys.identityLink(allianceId, userId));
      tx.srem(this.keys.identityLinks(allianceId, group.primary), userId);
    }
    await tx.exec();
    const alone = userId === group.primary || others.length === 1 ? group.ids : [userId];
    for (const id of alone) await this.redis.srem(this.keys.linkedAlliances(id), allianceId);
    return others;
  }

  /**
   * A platform that renamed a person (Teams: the `29:` id to the aadObjectId, see
   * identity-move.ts): their links follow, as a linked identity or as the one others link to.
   */
  async move(from: string, to: string): Promise<void> {
    if (from === to) return;
    for (const a of await this.redis.smembers(this.keys.linkedAlliances(from))) {
      const link = await this.linkOf(a, from);
      const linked = await this.redis.smembers(this.keys.identityLinks(a, from));
      const links: [string, Link | undefined][] = [];
      for (const id of linked) links.push([id, await this.linkOf(a, id)]);
      // The per-person index lives in another slot: written first, verified on read.
      await this.redis.sadd(this.keys.linkedAlliances(to), a);
      const tx = this.redis.multi();
      if (link) {
        tx.set(this.keys.identityLink(a, to), JSON.stringify(link));
        tx.del(this.keys.identityLink(a, from));
        tx.srem(this.keys.identityLinks(a, link.to), from);
        tx.sadd(this.keys.identityLinks(a, link.to), to);
      }
      if (linked.length > 0) {
        tx.sadd(this.keys.identityLinks(a, to), ...linked);
        tx.del(this.keys.identityLinks(a, from));
        for (const [id, its] of links)
          if (its) tx.set(this.keys.identityLink(a, id), JSON.stringify({ ...its, to }));
      }
      await tx.exec();
    }
    await this.redis.del(this.keys.linkedAlliances(from));
  }

  /**
   * Opens a link code for a person. False when a code with the same digest is open already
   * (pick another code). An earlier open code keeps working until it expires: an event handled
   * again after a crash opens a new code, but its answer (same key) is not sent twice, so the
   * code the person was shown must still work.
   */
  async openCode(
    code: string,
    owner: string,
    allianceId: string,
    ttlSeconds: number,
    at: Date,
  ): Promise<boolean> {
    const digest = digestOf(code);
    const opened = await runScript(
      this.redis,
      OPEN_CODE,
      [this.keys.linkCode(digest)],
      [owner, allianceId, at.toISOString(), ttlSeconds],
    );
    if (Number(opened) !== 1) return false;
    const pointer = this.keys.openLinkCode(owner);
    await this.redis.sadd(pointer, digest);
    await this.redis.expire(pointer, ttlSeconds);
    return true;
  }

  /** The open code (undefined when it never existed or expired). */
  async peekCode(code: string): Promise<OpenCode | undefined> {
    const raw = await this.redis.hgetall(this.keys.linkCode(digestOf(code)));
    return OpenCodeSchema.safeParse(raw).data;
  }

  /** Uses the code once: of any number of uses at the same moment exactly one is `claimed`. */
  async claimCode(code: string, occurrence: string): Promise<CodeClaim> {
    const result = await runScript(
      this.redis,
      CLAIM_CODE,
      [this.keys.linkCode(digestOf(code))],
      [occurrence],
    );
    return z.enum(['claimed', 'again', 'used', 'unknown']).parse(result);
  }

  /**
   * Takes one of a person's tries before a code is tried: false (with the seconds until the
   * window ends) when they used them all.
   */
  async takeTry(
    userId: string,
    max: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfterSeconds: number }> {
    const [allowed, ttl] = (await runScript(
      this.redis,
      TAKE_TRY,
      [this.keys.linkTries(userId)],
      [max, windowSeconds],
    )) as [number, number];
    return { allowed: allowed === 1, retryAfterSeconds: Math.max(1, ttl) };
  }

  /** Gives a try back (the code was right: only wrong ones count). */
  async refundTry(userId: string): Promise<void> {
    await runScript(this.redis, REFUND_TRY, [this.keys.linkTries(userId)], []);
  }

  private async held(subject: PersonalDataSubject): Promise<unknown[]> {
    const out: unknown[] = [];
    const a = subject.allianceId;
    for (const userId of subject.userIds) {
      const link = await this.linkOf(a, userId);
      if (link) out.push({ userId, linkedTo: link.to, linkedAt: link.at });
      const linked = await this.redis.smembers(this.keys.identityLinks(a, userId));
      if (linked.length > 0) out.push({ userId, linkedIdentities: linked.sort() });
      for (const digest of await this.redis.smembers(this.keys.openLinkCode(userId))) {
        const raw = await this.redis.hgetall(this.keys.linkCode(digest));
        const open = OpenCodeSchema.safeParse(raw).data;
        if (open?.alliance === a) out.push({ userId, linkCodeOpenedAt: open.at });
      }
      const tries = await this.redis.get(this.keys.linkTries(userId));
      if (tries) out.push({ userId, wrongLinkCodes: Number(tries) });
    }
    return out;
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.held(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    return this.held(subject);
  }

  /** Unlinks the person's identities and drops their open code and wrong tries. */
  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const n = await this.countFor(subject);
    for (const userId of subject.userIds) {
      await this.separate(subject.allianceId, userId);
      for (const digest of await this.redis.smembers(this.keys.openLinkCode(userId)))
        await this.redis.del(this.keys.linkCode(digest));
      await this.redis.del(this.keys.openLinkCode(userId), this.keys.linkTries(userId));
    }
    return n;
  }
}
