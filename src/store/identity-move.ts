/**
 * Moving a person's records to a new platform identity, for a platform that changes how it
 * names people (Teams: from the per-bot `29:` id to the tenant's aadObjectId). Per alliance
 * the person is a member of, one Lua script (all keys share the alliance's hash tag) moves the
 * member record (its `id` rewritten), the alliance's and the partner's member indexes and the
 * person's conversation state; then the per-person alliance index follows.
 *
 * Idempotent: a second run (after a crash half-way) moves what is left, and a record that
 * already exists under the new id is kept (the old one is dropped). Not moved: the activity
 * history (it is history, and names the id used then), a conversation state in an alliance
 * the person is not a member of yet (the store keeps no index of those; it expires), and
 * records of flows' collections. The person's identity links (`koppel`) follow as well.
 */
import { z } from 'zod';
import type { Keys } from './keys.js';
import { LinkRepo } from './links.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

const MOVE = lua(`
-- KEYS: 1 old member, 2 new member, 3 alliance members, 4 partner members, 5 old state, 6 new state
-- ARGV: 1 old id, 2 new id, 3 the member under the new id (json, '' when there is none)
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('EXISTS', KEYS[2]) == 0 and ARGV[3] ~= '' then
    redis.call('SET', KEYS[2], ARGV[3])
  end
  redis.call('DEL', KEYS[1])
end
if redis.call('SREM', KEYS[3], ARGV[1]) == 1 then redis.call('SADD', KEYS[3], ARGV[2]) end
if redis.call('SREM', KEYS[4], ARGV[1]) == 1 then redis.call('SADD', KEYS[4], ARGV[2]) end
if redis.call('EXISTS', KEYS[5]) == 1 then
  if redis.call('EXISTS', KEYS[6]) == 0 then
    redis.call('RENAME', KEYS[5], KEYS[6])
  else
    redis.call('DEL', KEYS[5])
  end
end
return 1
`);

/** What the move needs of a stored member; everything else is carried over unchanged. */
const StoredMemberSchema = z.looseObject({ id: z.string(), partnerId: z.string() });

/** Moves `from`'s memberships and state to `to`; returns the alliances moved. */
export async function moveIdentity(
  redis: RedisClient,
  keys: Keys,
  from: string,
  to: string,
): Promise<string[]> {
  if (from === to) return [];
  const alliances = await redis.smembers(keys.userAlliances(from));
  const moved: string[] = [];
  for (const allianceId of alliances) {
    const raw = await redis.get(keys.member(allianceId, from));
    let member: z.infer<typeof StoredMemberSchema> | undefined;
    try {
      member = raw ? StoredMemberSchema.parse(JSON.parse(raw)) : undefined;
    } catch {
      member = undefined;
    }
    // A record that cannot be read is left where it is (with its index), never dropped.
    if (raw && !member) continue;
    // The per-person index lives in another slot: written first, as registration does.
    await redis.sadd(keys.userAlliances(to), allianceId);
    await runScript(
      redis,
      MOVE,
      [
        keys.member(allianceId, from),
        keys.member(allianceId, to),
        keys.members(allianceId),
        // Without a readable member there is no partner index to fix: the alliance's twice.
        member ? keys.partnerMembers(allianceId, member.partnerId) : keys.members(allianceId),
        keys.state(allianceId, from),
        keys.state(allianceId, to),
      ],
      [from, to, member ? JSON.stringify({ ...member, id: to }) : ''],
    );
    moved.push(allianceId);
  }
  if (moved.length === alliances.length) await redis.del(keys.userAlliances(from));
  else if (moved.length > 0) await redis.srem(keys.userAlliances(from), ...moved);
  // The identities linked to the person (`koppel`) follow too.
  await new LinkRepo(redis, keys).move(from, to);
  return moved;
}
