/**
 * moveIdentity (src/store/identity-move.ts): a person's memberships and conversation state
 * move to a new platform id; a second run changes nothing; a record already under the new id
 * is kept; a record that cannot be read stays where it is, with its index.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Member, Partner } from '../../src/domain/alliance.js';
import { moveIdentity } from '../../src/store/identity-move.js';
import { Store } from '../../src/store/index.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('move');
const store = new Store(redis, prefix);
afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const partner = (allianceId: string): Partner => ({
  id: 'stedin',
  allianceId,
  name: 'Stedin',
  type: 'netbeheerder',
  joinedAt: '2026-01-05T10:00:00.000Z',
});
const member = (allianceId: string, id: string, name = 'Kees'): Member => ({
  id,
  allianceId,
  partnerId: 'stedin',
  name,
  role: 'netplanner',
  goals: '',
  offers: '',
  needs: '',
  topics: [],
  joinedAt: '2026-01-05T10:00:00.000Z',
});

describe('moveIdentity', () => {
  const from = 'teams:t1:29:1kees';
  const to = 'teams:t1:50000000-0000-0000-0000-000000000001';

  it('moves memberships in every alliance and the state, once', async () => {
    for (const a of ['alpha', 'beta']) await store.members.register(member(a, from), partner(a));
    await store.state.set('alpha', from, { flow: 'ideas', step: 'title', data: {} });

    expect((await moveIdentity(redis, store.keys, from, to)).sort()).toEqual(['alpha', 'beta']);
    for (const a of ['alpha', 'beta']) {
      expect(await store.members.getMember(a, to)).toMatchObject({ id: to, name: 'Kees' });
      expect(await store.members.getMember(a, from)).toBeNull();
      expect(await store.members.membersOfPartner(a, 'stedin')).toEqual([to]);
    }
    expect((await store.members.alliancesOf(to)).sort()).toEqual(['alpha', 'beta']);
    expect(await store.members.alliancesOf(from)).toEqual([]);
    expect(await store.state.get('alpha', to)).toMatchObject({ flow: 'ideas', step: 'title' });
    expect(await store.state.get('alpha', from)).toBeNull();

    expect(await moveIdentity(redis, store.keys, from, to)).toEqual([]);
    expect(await store.members.getMember('alpha', to)).toMatchObject({ id: to });
  });

  it('keeps a record already under the new id, and never drops one it cannot read', async () => {
    const old = 'teams:t1:29:1lies';
    const now = 'teams:t1:50000000-0000-0000-0000-000000000002';
    await store.members.register(member('alpha', old, 'Lies (oud)'), partner('alpha'));
    await store.members.register(member('alpha', now, 'Lies'), partner('alpha'));
    await store.members.register(member('beta', old, 'Lies (oud)'), partner('beta'));
    await redis.set(store.keys.member('beta', old), '{not json');

    expect(await moveIdentity(redis, store.keys, old, now)).toEqual(['alpha']);
    expect(await store.members.getMember('alpha', now)).toMatchObject({ name: 'Lies' });
    expect(await redis.get(store.keys.member('alpha', old))).toBeNull();
    expect(await redis.get(store.keys.member('beta', old))).toBe('{not json');
    expect(await store.members.alliancesOf(old)).toEqual(['beta']);
  });
});
