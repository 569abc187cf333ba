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
  it('registers a member of a new partner in one step and logs it', async () => {
    const result = await store.members.register(
      member('local:demo:anna', 'gemeente-leiden'),
      partner('Gemeente Leiden'),
    );
    expect(result).toEqual({ newPartner: true, updated: false });
    expect((await store.members.getMember(A, 'local:demo:anna'))?.name).toBe('Anna de Vries');
    expect((await store.members.listPartners(A)).map((p) => p.name)).toEqual(['Gemeente Leiden']);
    expect(await store.members.membersOfPartner(A, 'gemeente-leiden')).toEqual(['local:demo:anna']);
    expect(await store.members.alliancesOf('local:demo:anna')).toEqual([A]);
    expect((await store.activity.range(A)).map((e) => e.type)).toEqual([
      'partner.joined',
      'member.joined',
    ]);
  });

  it('creates a new organisation once when two of its people register at the same moment', async () => {
    const results = await Promise.all([
      store.members.register(member('local:demo:a', 'stedin'), {
        ...partner('Stedin'),
        type: 'netbeheerder',
      }),
      store.members.register(member('local:demo:b', 'stedin'), {
        ...partner('Stedin'),
        type: 'netbeheerder',
      }),
    ]);
    expect(results.filter((r) => r.newPartner)).toHaveLength(1);
    expect((await store.members.membersOfPartner(A, 'stedin')).sort()).toEqual([
      'local:demo:a',
      'local:demo:b',
    ]);
    expect((await store.activity.range(A)).filter((e) => e.type === 'partner.joined')).toHaveLength(
      1,
    );
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
    expect((await store.activity.range(A)).map((e) => e.type)).toContain('member.updated');
  });

  it('refuses a member and partner that do not belong together, writing nothing', async () => {
    await expect(
      store.members.register(member('local:demo:x', 'other'), partner('Gemeente Leiden')),
    ).rejects.toThrow();
    expect(await keysWithPrefix(redis, prefix)).toEqual([]);
  });

  it('seeds the partners the config knows without overwriting them', async () => {
    const alliance = AllianceSchema.parse({
      id: A,
      name: 'RES Test',
      ambition: 'Samen',
      houseRules: ['Wees aardig'],
      coordinators: [{ name: 'Joost', ids: ['local:demo:joost'] }],
      partners: [{ name: 'Gemeente Leiden', type: 'gemeente' }],
    });
    await store.alliances.syncFromConfig(alliance, new Date(now));
    await store.alliances.syncFromConfig(alliance, new Date('2030-01-01T00:00:00Z'));
    expect((await store.members.getPartner(A, 'gemeente-leiden'))?.joinedAt).toBe(now);
    expect((await store.alliances.get(A))?.name).toBe('RES Test');
  });
});

describe('the activity log', () => {
  it('reads entries back by time', async () => {
    await store.activity.append(A, {
      type: 'document.shared',
      actor: 'local:demo:anna',
      partner: 'gemeente-leiden',
      at: now,
      data: { title: 'RES 2.0' },
    });
    await new Promise((r) => setTimeout(r, 5));
    const before = Date.now();
    await store.activity.append(A, { type: 'idea.proposed', at: now });
    const all = await store.activity.range(A);
    expect(all.map((e) => e.type)).toEqual(['document.shared', 'idea.proposed']);
    expect(all[0]?.data).toEqual({ title: 'RES 2.0' });
    expect((await store.activity.range(A, { from: new Date(before) })).map((e) => e.type)).toEqual([
      'idea.proposed',
    ]);
    expect(await store.activity.length(A)).toBe(2);
  });
});

describe('conversation state and the per-person lock', () => {
  it('keeps state with a time to live', async () => {
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
    await store.state.clear(A, 'local:demo:anna');
    expect(await store.state.get(A, 'local:demo:anna')).toBeNull();
  });

  it('runs two events of one person one after the other', async () => {
    const order: string[] = [];
    const step = (name: string) =>
      store.state.withLock(A, 'local:demo:anna', async () => {
        order.push(`${name} start`);
        const seen = (await store.state.get(A, 'local:demo:anna'))?.step ?? 'none';
        await new Promise((r) => setTimeout(r, 50));
        await store.state.set(A, 'local:demo:anna', { flow: 'f', step: name, data: {} });
        order.push(`${name} end (saw ${seen})`);
      });
    await Promise.all([step('first'), step('second')]);
    expect(order[1]).toMatch(/ end /);
    expect(order[3]).toMatch(/saw (first|second)/);
  });

  it('answers busy when the person’s previous event takes too long', async () => {
    const slow = store.state.withLock(
      A,
      'local:demo:anna',
      () => new Promise((r) => setTimeout(r, 400)),
    );
    const error = await store.state
      .withLock(A, 'local:demo:anna', async () => 'ran', { waitMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BotError);
    expect((error as BotError).code).toBe('busy');
    await slow;
    expect(await store.state.withLock(A, 'local:demo:anna', async () => 'ran')).toBe('ran');
  });
});
