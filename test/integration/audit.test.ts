/**
 * The audit trail against real Redis: entries come back newest first, filtered by person and
 * by kind; an erased person reads under their keyed-hash pseudonym while the entries stay as
 * written; no chat command changes or removes an entry; and the daily trim keeps the trail
 * longer than the activity history.
 */
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryTrimmer } from '../../src/queue/retention.js';
import { Store } from '../../src/store/index.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const A = 'audit-test';
const MIA = 'local:kit:mia';
const DAY = 24 * 3600 * 1000;
const redis = testRedis();
let prefix: string;
let store: Store;

beforeEach(() => {
  prefix = freshPrefix('audit');
  store = new Store(redis, prefix);
});
afterEach(async () => {
  await deletePrefix(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

describe('the audit trail', () => {
  it('reads newest first, filters by person and kind, and pseudonymises the erased', async () => {
    const at = new Date().toISOString();
    await store.audit.append(A, {
      kind: 'document.shared',
      actor: MIA,
      actorName: 'Mia de Wit',
      at,
      details: { document: 'd1' },
    });
    await store.audit.append(A, {
      kind: 'success.approved',
      actor: 'local:kit:sam',
      actorName: 'Sam',
      at,
    });
    await store.audit.append(A, {
      kind: 'document.withdrawn',
      actor: MIA,
      actorName: 'Mia de Wit',
      at,
    });
    expect((await store.audit.read(A)).map((e) => e.kind)).toEqual([
      'document.withdrawn',
      'success.approved',
      'document.shared',
    ]);
    expect((await store.audit.read(A, { kind: 'document' })).length).toBe(2);
    expect((await store.audit.read(A, { person: 'mia' })).length).toBe(2);

    const pseudonym = await store.audit.markErased(A, [MIA]);
    expect(pseudonym).toMatch(/^person-[0-9a-f]{10}$/);
    expect(pseudonym).toBe(await store.audit.pseudonym(A, MIA));
    const after = await store.audit.read(A, { person: pseudonym });
    expect(after.map((e) => e.actor)).toEqual([pseudonym, pseudonym]);
    expect(JSON.stringify(after)).not.toContain('Mia');
    // Entries are never rewritten: the stream is as it was, three entries.
    expect(await store.audit.length(A)).toBe(3);
    // The erased set holds keyed hashes, never the ids.
    expect(JSON.stringify(await redis.smembers(`${store.keys.audit(A)}:erased`))).not.toContain(
      MIA,
    );
  });

  it('writes an entry once per event, however often the event is handled', async () => {
    const entry = (title: string) => ({
      kind: 'document.shared',
      actor: MIA,
      at: new Date().toISOString(),
      details: { document: 'd1', title },
    });
    expect(await store.audit.appendOnce(A, entry('Plan'), 'local:e1')).not.toBeNull();
    expect(await store.audit.appendOnce(A, entry('Plan'), 'local:e1')).toBeNull();
    // Another event, or another entry of the same event, is written.
    expect(await store.audit.appendOnce(A, entry('Plan'), 'local:e2')).not.toBeNull();
    expect(await store.audit.appendOnce(A, entry('Plan 2'), 'local:e1')).not.toBeNull();
    expect(await store.audit.length(A)).toBe(3);
    // What is the same entry can be said: an erasure counting less the second time.
    expect(await store.audit.appendOnce(A, entry('7 records'), 'local:e3', 'p1')).not.toBeNull();
    expect(await store.audit.appendOnce(A, entry('0 records'), 'local:e3', 'p1')).toBeNull();
    expect(await store.audit.length(A)).toBe(4);
    // What remembers the event names no one.
    const guards = await redis.keys(`${store.keys.audit(A)}:once:*`);
    expect(guards.length).toBe(4);
    expect(JSON.stringify(guards)).not.toContain('mia');
  });

  it('has no way to change or remove an entry but the retention, and outlives the activity', async () => {
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(store.audit));
    expect(methods.filter((m) => /del|remove|edit|update|set|clear|rewrite/i.test(m))).toEqual([]);
    const old = Date.now() - 800 * DAY;
    await redis.xadd(
      store.keys.activity(A),
      `${old}-0`,
      'type',
      'member.joined',
      'at',
      new Date(old).toISOString(),
      'data',
      '{}',
    );
    await redis.xadd(
      store.keys.audit(A),
      `${old}-0`,
      'kind',
      'privacy.exported',
      'at',
      new Date(old).toISOString(),
      'details',
      '{}',
    );
    await store.activity.append(A, { type: 'member.joined', at: new Date().toISOString() });
    const trimmer = new HistoryTrimmer({
      redis,
      streams: () => [{ activity: store.keys.activity(A), audit: store.keys.audit(A) }],
      activityDays: 730,
      auditDays: 1826,
      log: pino({ level: 'silent' }),
    });
    expect(await trimmer.trimNow()).toBe(1);
    expect(await store.activity.length(A)).toBe(1);
    expect(await store.audit.length(A)).toBe(1);
  });
});
