/**
 * A collection's order by score (src/store/records.ts, the spec's `score`) against real Redis:
 * it follows every write (create, change, withdrawal, deletion), a range of scores finds only
 * the records in it, by score; records written before the order existed are put in it by the
 * first read; and the last records first written come back without reading every id.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Store } from '../../src/store/index.js';
import type { CollectionSpec } from '../../src/store/records.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const A = 'order-test';
const DocSchema = z.object({
  id: z.string(),
  reviewOn: z.number().optional(),
  active: z.boolean(),
});
type Doc = z.infer<typeof DocSchema>;
const plain: CollectionSpec<Doc> = {
  name: 'docs.doc',
  schema: DocSchema,
  purpose: { nl: 'testdocumenten', en: 'test documents' },
  people: () => [],
  anonymise: (d) => d,
};
const ordered: CollectionSpec<Doc> = {
  ...plain,
  score: (d) => (d.active && d.reviewOn !== undefined ? d.reviewOn : null),
};

const redis: RedisClient = testRedis();
let prefix: string;
beforeEach(() => {
  prefix = freshPrefix('order');
});
afterEach(async () => {
  await deletePrefix(redis, prefix);
});
afterAll(() => redis.quit());

const ids = (docs: Doc[]) => docs.map((d) => d.id);

describe('a collection ordered by score', () => {
  it('finds the records in a range of scores, by score, following every write', async () => {
    const docs = new Store(redis, prefix).collection(ordered);
    await docs.create(A, 'c', { id: 'c', reviewOn: 20270301, active: true });
    await docs.create(A, 'a', { id: 'a', reviewOn: 20270110, active: true });
    await docs.create(A, 'b', { id: 'b', reviewOn: 20270120, active: true });
    await docs.create(A, 'none', { id: 'none', active: true });
    expect(ids(await docs.byScore(A, 20270101, 20270131))).toEqual(['a', 'b']);
    await docs.mutate(A, 'b', (d) => d && { ...d, active: false });
    await docs.mutate(A, 'c', (d) => d && { ...d, reviewOn: 20270115 });
    await docs.delete(A, 'a');
    expect(ids(await docs.byScore(A, 20270101, 20270131))).toEqual(['c']);
    expect(ids(await docs.byScore(A, 0, 99999999))).toEqual(['c']);
  });

  it('puts records written before the order existed in it on the first read', async () => {
    const before = new Store(redis, prefix).collection(plain);
    for (let i = 0; i < 1200; i++)
      await before.create(A, `d${i}`, {
        id: `d${i}`,
        reviewOn: 20270000 + (i % 28) + 1,
        active: i % 2 === 0,
      });
    const docs = new Store(redis, prefix).collection(ordered);
    const found = await docs.byScore(A, 20270003, 20270003);
    // Days 3 come back for i = 2, 30, 58, …: the active ones (even i) of those.
    const expected = Array.from({ length: 1200 }, (_, i) => i)
      .filter((i) => i % 28 === 2 && i % 2 === 0)
      .map((i) => `d${i}`)
      .sort();
    expect(ids(found).sort()).toEqual(expected);
    expect(found.length).toBeGreaterThan(0);
  });

  it('gives the last records first written', async () => {
    const docs = new Store(redis, prefix).collection(plain);
    for (const id of ['r1', 'r2', 'r3', 'r4']) await docs.create(A, id, { id, active: true });
    expect(await docs.lastIds(A, 2)).toEqual(['r3', 'r4']);
    expect(await docs.lastIds(A, 10)).toEqual(['r1', 'r2', 'r3', 'r4']);
  });
});
