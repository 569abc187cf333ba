/**
 * The Redis store against real Redis (a fresh key prefix per test, deleted afterwards):
 * registering members and partners atomically, the activity log by time, seeding the
 * alliance from its config, conversation state with a time to live and the per-person lock.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotError } from '../../src/core/errors.js';
import type { Member, Partner } from '../../src/domain/alliance.js';
import { AllianceSchema } from '../../src/domain/alliance.js';
import { Store } from '../../src/store/index.js';
import { deletePrefix, freshPrefix, keysWithPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
let prefix: string;
let store: Store;
const A = 'res-test';
const now = '2026-11-22T09:00:00.000Z';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const partner = (name: string, id = name.toLowerCase().replace(/\s+/g, '-')): Partner => ({
  id,
  allianceId: A,
  name,
  type: 'gemeente',
  joinedAt: now,
});
const member = (id: string, partnerId: string, extra: Partial<Member> = {}): Member => ({
  id,
  allianceId: A,
  partnerId,
  name: 'Anna de Vries',
  role: 'Adviseur',
  goals: 'Zon op daken',
  offers: 'Kennis',
  needs: 'Netcapaciteit',
  topics: ['zon'],
  joinedAt: now,
  ...extra,
});
const types = async () => (await store.activity.range(A)).map((e) => e.type);
const count = async (type: string) => (await types()).filter((t) => t === type).length;

beforeEach(() => {
  prefix = freshPrefix('store');
  store = new Store(redis, prefix);
});
afterEach(async () => {
  await deletePrefix(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

describe('members and partners', () => {
  it('registers a member of a new partner in one step, logs it and ends the intake', async () => {
    await store.state.set(A, 'local:demo:anna', { flow: 'onboarding', step: 'intake', data: {} });
    const result = await store.members.register(
      member('local:demo:anna', 'gemeente-leiden'),
      partner('Gemeente Leiden'),
    );
    expect(result).toEqual({ newPartner: true, updated: false });
    expect((await store.members.getMember(A, 'local:demo:anna'))?.name).toBe('Anna de Vries');
    expect((await store.members.listPartners(A)).map((p) => p.name)).toEqual(['Gemeente Leiden']);
    expect(await store.members.membersOfPartner(A, 'gemeente-leiden')).toEqual(['local:demo:anna']);
    expect((await store.members.listMembers(A)).map((m) => m.id)).toEqual(['local:demo:anna']);
    expect(await store.members.alliancesOf('local:demo:anna')).toEqual([A]);
    expect(await types()).toEqual(['partner.joined', 'member.joined']);
    expect(await store.state.get(A, 'local:demo:anna')).toBeNull();
  });

  it('joins an existing partner without creating or logging it again', async () => {
    await store.members.register(member('local:demo:a', 'stedin'), partner('Stedin'));
    const second = await store.members.register(member('local:demo:b', 'stedin'), {
      ...partner('Stedin'),
      name: 'Stedin Netbeheer',
      type: 'netbeheerder',
    });
    expect(second).toEqual({ newPartner: false, updated: false });
    expect(await store.members.getPartner(A, 'stedin')).toMatchObject({
      name: 'Stedin',
      type: 'gemeente',
    });
    expect(await count('partner.joined')).toBe(1);
    expect(await count('member.joined')).toBe(2);
  });

  it('creates a new organisation once when two of its people register at the same moment', async () => {
    const results = await Promise.all(
      ['local:demo:a', 'local:demo:b', 'local:demo:c'].map((id) =>
        store.members.register(member(id, 'stedin'), {
          ...partner('Stedin'),
          type: 'netbeheerder',
        }),
      ),
    );
    expect(results.filter((r) => r.newPartner)).toHaveLength(1);
    expect((await store.members.membersOfPartner(A, 'stedin')).sort()).toEqual([
      'local:demo:a',
      'local:demo:b',
      'local:demo:c',
    ]);
    expect(await store.members.listPartners(A)).toHaveLength(1);
    expect(await count('partner.joined')).toBe(1);
    expect(await count('member.joined')).toBe(3);
  });

  it('counts a person who registers twice at the same moment as one member who joined once', async () => {
    const results = await Promise.all([
      store.members.register(
        member('local:demo:anna', 'gemeente-leiden'),
        partner('Gemeente Leiden'),
      ),
      store.members.register(
        member('local:demo:anna', 'gemeente-leiden'),
        partner('Gemeente Leiden'),
      ),
    ]);
    expect(results.filter((r) => r.updated)).toHaveLength(1);
    expect(await store.members.listMembers(A)).toHaveLength(1);
    expect(await count('member.joined')).toBe(1);
    expect(await count('member.updated')).toBe(1);
  });

  it('updates a member who registers again, keeps the first join date and moves them between partners', async () => {
    await store.members.register(
      member('local:demo:anna', 'gemeente-leiden'),
      partner('Gemeente Leiden'),
    );
    const again = await store.members.register(
      member('local:demo:anna', 'provincie-zh', {
        role: 'Programmaleider',
        joinedAt: '2026-12-01T00:00:00.000Z',
      }),
      { ...partner('Provincie ZH', 'provincie-zh'), type: 'provincie' },
    );
    expect(again).toEqual({ newPartner: true, updated: true });
    const anna = await store.members.getMember(A, 'local:demo:anna');
    expect(anna).toMatchObject({
      role: 'Programmaleider',
      partnerId: 'provincie-zh',
      joinedAt: now,
    });
    expect(await store.members.membersOfPartner(A, 'gemeente-leiden')).toEqual([]);
    expect(await store.members.membersOfPartner(A, 'provincie-zh')).toEqual(['local:demo:anna']);
    expect(await store.members.listMembers(A)).toHaveLength(1);
    expect(await types()).toEqual([
      'partner.joined',
      'member.joined',
      'partner.joined',
      'member.updated',
    ]);
  });

  it('refuses a member and partner that do not belong together, writing nothing', async () => {
    await expect(
      store.members.register(member('local:demo:x', 'other'), partner('Gemeente Leiden')),
    ).rejects.toThrow();
    expect(await keysWithPrefix(redis, prefix)).toEqual([]);
  });

  it('refuses an invalid member (no name), writing nothing', async () => {
    await expect(
      store.members.register(
        member('local:demo:x', 'gemeente-leiden', { name: '' }),
        partner('Gemeente Leiden'),
      ),
    ).rejects.toThrow();
    expect(await keysWithPrefix(redis, prefix)).toEqual([]);
  });
});

describe('the alliance from its config', () => {
  const alliance = AllianceSchema.parse({
    id: A,
    name: 'RES Test',
    ambition: 'Samen',
    houseRules: ['Wees aardig'],
    coordinators: [{ name: 'Joost', ids: ['local:demo:joost'] }],
    partners: [
      { name: 'Gemeente Leiden', type: 'gemeente' },
      { name: 'Stedin', type: 'netbeheerder' },
    ],
  });

  it('seeds the partners the config knows without overwriting them', async () => {
    await store.alliances.syncFromConfig(alliance, new Date(now));
    expect((await store.members.listPartners(A)).map((p) => p.name)).toEqual([
      'Gemeente Leiden',
      'Stedin',
    ]);
    // A member joins Stedin; a restart syncs the config again.
    await store.members.register(member('local:demo:emma', 'stedin'), partner('Stedin'));
    await store.alliances.syncFromConfig(
      { ...alliance, name: 'RES Test 2' },
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(await store.members.getPartner(A, 'gemeente-leiden')).toMatchObject({
      type: 'gemeente',
      joinedAt: now,
    });
    expect(await store.members.getPartner(A, 'stedin')).toMatchObject({
      type: 'netbeheerder',
      joinedAt: now,
    });
    expect(await store.members.membersOfPartner(A, 'stedin')).toEqual(['local:demo:emma']);
    expect(await store.members.listPartners(A)).toHaveLength(2);
    expect((await store.alliances.get(A))?.name).toBe('RES Test 2');
  });
});

describe('the activity log', () => {
  it('reads entries back by time, oldest first', async () => {
    await store.activity.append(A, {
      type: 'document.shared',
      actor: 'local:demo:anna',
      partner: 'gemeente-leiden',
      at: now,
      data: { title: 'RES 2.0' },
    });
    await sleep(5);
    const middle = Date.now();
    await sleep(5);
    await store.activity.append(A, { type: 'idea.proposed', at: now });
    await sleep(5);
    const later = Date.now();
    await sleep(5);
    await store.activity.append(A, { type: 'success.announced', at: now });

    const all = await store.activity.range(A);
    expect(all.map((e) => e.type)).toEqual([
      'document.shared',
      'idea.proposed',
      'success.announced',
    ]);
    expect(all[0]).toMatchObject({
      actor: 'local:demo:anna',
      partner: 'gemeente-leiden',
      data: { title: 'RES 2.0' },
    });
    expect(all[1]?.data).toEqual({});
    const since = await store.activity.range(A, { from: new Date(middle) });
    expect(since.map((e) => e.type)).toEqual(['idea.proposed', 'success.announced']);
    const between = await store.activity.range(A, { from: new Date(middle), to: new Date(later) });
    expect(between.map((e) => e.type)).toEqual(['idea.proposed']);
    const first = await store.activity.range(A, { count: 1 });
    expect(first.map((e) => e.type)).toEqual(['document.shared']);
    expect(await store.activity.length(A)).toBe(3);
  });

  it('refuses an entry of an unknown kind', async () => {
    await expect(
      store.activity.append(A, { type: 'nonsense' as 'idea.proposed', at: now }),
    ).rejects.toThrow();
    expect(await store.activity.length(A)).toBe(0);
  });
});

describe('conversation state and the per-person lock', () => {
  it('keeps state with a time to live, and forgets it when the time is up', async () => {
    await store.state.set(
      A,
      'local:demo:anna',
      { flow: 'onboarding', step: 'intake', data: { n: 1 } },
      60,
    );
    expect(await store.state.get(A, 'local:demo:anna')).toMatchObject({
      flow: 'onboarding',
      step: 'intake',
      data: { n: 1 },
    });
    expect(await store.state.ttl(A, 'local:demo:anna')).toBeGreaterThan(50);
    expect(await store.state.get(A, 'local:demo:pieter')).toBeNull();
    await store.state.clear(A, 'local:demo:anna');
    expect(await store.state.get(A, 'local:demo:anna')).toBeNull();

    await store.state.set(
      A,
      'local:demo:anna',
      { flow: 'onboarding', step: 'intake', data: {} },
      1,
    );
    await sleep(1_100);
    expect(await store.state.get(A, 'local:demo:anna')).toBeNull();
  });

  it('runs two events of one person one after the other; the second sees the first’s write', async () => {
    const order: string[] = [];
    const step = (name: string) =>
      store.state.withLock(A, 'local:demo:anna', async () => {
        order.push(`${name} start`);
        const seen = (await store.state.get(A, 'local:demo:anna'))?.step ?? 'none';
        await sleep(50);
        await store.state.set(A, 'local:demo:anna', { flow: 'f', step: name, data: {} });
        order.push(`${name} end, saw ${seen}`);
        return seen;
      });
    const results = await Promise.all([step('one'), step('two')]);
    const winner = order[0]?.startsWith('one') ? 'one' : 'two';
    const loser = winner === 'one' ? 'two' : 'one';
    expect(results[winner === 'one' ? 0 : 1]).toBe('none');
    expect(results[winner === 'one' ? 1 : 0]).toBe(winner);
    expect(order).toEqual([
      `${winner} start`,
      `${winner} end, saw none`,
      `${loser} start`,
      `${loser} end, saw ${winner}`,
    ]);
  });

  it('keeps two people apart: their events do not wait for each other', async () => {
    const started = Date.now();
    await Promise.all(
      ['local:demo:anna', 'local:demo:pieter'].map((id) =>
        store.state.withLock(A, id, () => sleep(200)),
      ),
    );
    expect(Date.now() - started).toBeLessThan(380);
  });

  it('answers busy when the person’s previous event takes too long', async () => {
    const slow = store.state.withLock(A, 'local:demo:anna', () => sleep(400).then(() => 'slow'));
    await sleep(20);
    const error = await store.state
      .withLock(A, 'local:demo:anna', async () => 'ran', { waitMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe('busy');
    expect(await slow).toBe('slow');
    expect(await store.state.withLock(A, 'local:demo:anna', async () => 'ran')).toBe('ran');
  });

  it('frees the lock when the work fails', async () => {
    await expect(
      store.state.withLock(A, 'local:demo:anna', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(
      await store.state.withLock(A, 'local:demo:anna', async () => 'next', { waitMs: 50 }),
    ).toBe('next');
  });
});
