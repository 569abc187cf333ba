/**
 * The identity links in the store (src/store/links.ts), against real Redis: a group is the
 * primary and the identities linked to it; a join is refused (nothing written) when an
 * identity changed meanwhile; separating a linked identity leaves the rest, the primary
 * leaving ends the group; the per-person index is verified on read; and when a platform renames
 * a person (moveIdentity: Teams' `29:` id to the aadObjectId) their links follow — as a linked
 * identity and as the one others link to — together with their member record.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Member, Partner } from '../../src/domain/alliance.js';
import { moveIdentity } from '../../src/store/identity-move.js';
import { Store } from '../../src/store/index.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('links');
const store = new Store(redis, prefix);
const links = store.links;
const A = 'koppel-alpha';
const B = 'koppel-beta';
const at = new Date('2026-12-01T10:00:00.000Z');
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const ids = async (allianceId: string, userId: string) =>
  (await links.groupOf(allianceId, userId)).ids;

describe('a link group', () => {
  it('is the primary first, then the identities linked to it, in this alliance only', async () => {
    expect(await links.join(A, 'slack:T1:U1', ['teams:t1:a1'], undefined, at)).toBe(true);
    expect(await ids(A, 'teams:t1:a1')).toEqual(['slack:T1:U1', 'teams:t1:a1']);
    expect(await ids(A, 'slack:T1:U1')).toEqual(['slack:T1:U1', 'teams:t1:a1']);
    expect(await ids(B, 'teams:t1:a1')).toEqual(['teams:t1:a1']);
    expect(await links.alliancesOf('teams:t1:a1')).toEqual([A]);
    expect(await links.alliancesOf('slack:T1:U1')).toEqual([A]);
  });

  it('refuses a join when an identity is linked to someone else, writing nothing', async () => {
    const before = await redis.get(store.keys.identityLink(A, 'teams:t1:a1'));
    expect(await links.join(A, 'slack:T1:U2', ['teams:t1:a1'], undefined, at)).toBe(false);
    expect(await redis.get(store.keys.identityLink(A, 'teams:t1:a1'))).toBe(before);
    expect(await ids(A, 'slack:T1:U2')).toEqual(['slack:T1:U2']);
    // And the primary of a group cannot be linked to another one by someone else's join.
    expect(await links.join(A, 'teams:t1:a1', ['local:x:y'], undefined, at)).toBe(false);
  });

  it('moves a whole group under a new primary (the one with the introduction)', async () => {
    await links.join(A, 'local:x:p', ['teams:t1:p'], undefined, at);
    expect(await links.join(A, 'slack:T1:P', ['local:x:p', 'teams:t1:p'], 'local:x:p', at)).toBe(
      true,
    );
    expect(await ids(A, 'teams:t1:p')).toEqual(['slack:T1:P', 'local:x:p', 'teams:t1:p']);
    expect(await redis.exists(store.keys.identityLinks(A, 'local:x:p'))).toBe(0);
  });

  it('separates a linked identity and leaves the others; the primary leaving ends it', async () => {
    expect(await links.separate(A, 'teams:t1:p')).toEqual(['slack:T1:P', 'local:x:p']);
    expect(await ids(A, 'teams:t1:p')).toEqual(['teams:t1:p']);
    expect(await ids(A, 'local:x:p')).toEqual(['slack:T1:P', 'local:x:p']);
    expect(await links.alliancesOf('teams:t1:p')).toEqual([]);
    expect(await links.separate(A, 'slack:T1:P')).toEqual(['local:x:p']);
    expect(await ids(A, 'local:x:p')).toEqual(['local:x:p']);
    expect(await links.alliancesOf('slack:T1:P')).toEqual([]);
    expect(await links.separate(A, 'slack:T1:P')).toEqual([]);
  });

  it('is verified on read: a stale index entry does not count', async () => {
    await redis.sadd(store.keys.linkedAlliances('teams:t1:stale'), A);
    expect(await links.alliancesOf('teams:t1:stale')).toEqual([]);
  });
});

describe('a platform renaming a person (moveIdentity)', () => {
  const partner: Partner = {
    id: 'stedin',
    allianceId: A,
    name: 'Stedin',
    type: 'netbeheerder',
    joinedAt: at.toISOString(),
  };
  const member = (id: string): Member => ({
    id,
    allianceId: A,
    partnerId: 'stedin',
    name: 'Kees',
    role: 'netplanner',
    goals: '',
    offers: '',
    needs: '',
    topics: [],
    joinedAt: at.toISOString(),
  });

  it('takes the links along, as a linked identity', async () => {
    await links.join(A, 'slack:T1:KEES', ['teams:t1:29:1kees'], undefined, at);
    await moveIdentity(redis, store.keys, 'teams:t1:29:1kees', 'teams:t1:aad-kees');
    expect(await ids(A, 'teams:t1:aad-kees')).toEqual(['slack:T1:KEES', 'teams:t1:aad-kees']);
    expect(await ids(A, 'teams:t1:29:1kees')).toEqual(['teams:t1:29:1kees']);
    expect(await links.alliancesOf('teams:t1:aad-kees')).toEqual([A]);
    expect(await links.alliancesOf('teams:t1:29:1kees')).toEqual([]);
  });

  it('takes the links along, as the one others link to, with the member record', async () => {
    await store.members.register(member('teams:t1:29:1lies'), partner);
    await links.join(A, 'teams:t1:29:1lies', ['slack:T1:LIES'], undefined, at);
    await moveIdentity(redis, store.keys, 'teams:t1:29:1lies', 'teams:t1:aad-lies');
    const group = await links.groupOf(A, 'slack:T1:LIES');
    expect(group).toEqual({
      primary: 'teams:t1:aad-lies',
      ids: ['teams:t1:aad-lies', 'slack:T1:LIES'],
    });
    expect(await store.members.getMember(A, group.primary)).toMatchObject({ name: 'Kees' });
    expect(await redis.exists(store.keys.identityLinks(A, 'teams:t1:29:1lies'))).toBe(0);
  });
});
