/**
 * Per-item atomic records (src/store/records.ts) against real Redis: twenty partners
 * co-signing one idea at the same moment, over several connections, all count; a record is
 * created only once however many try at once; a change that does not pass the schema writes
 * nothing; a record that keeps changing under a `mutate` gives up with ContendedRecordError
 * instead of overwriting; deleting takes the record out of the list; and ids come back in the
 * order they were first written, also after a deletion.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Store } from '../../src/store/index.js';
import { type CollectionSpec, ContendedRecordError } from '../../src/store/records.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const A = 'records-test';

const IdeaSchema = z.object({
  id: z.string(),
  title: z.string().min(1),
  author: z.string(),
  cosigners: z.array(z.string()),
});
type Idea = z.infer<typeof IdeaSchema>;
const ideas: CollectionSpec<Idea> = {
  name: 'ideas.idea',
  schema: IdeaSchema,
  purpose: {
    nl: 'ideeën die partners voorstellen en mede-ondertekenen',
    en: 'ideas partners propose and co-sign',
  },
  people: (r) => [r.author, ...r.cosigners],
  anonymise: (r, ids) => ({ ...r, cosigners: r.cosigners.filter((c) => !ids.includes(c)) }),
};
const idea = (id: string, author = 'local:t:auteur'): Idea => ({
  id,
  title: `Idee ${id}`,
  author,
  cosigners: [],
});

const connections: RedisClient[] = [];
let prefix: string;
/** Stores on several connections, as several processes would have. */
let stores: Store[];

beforeEach(() => {
  prefix = freshPrefix('records');
  while (connections.length < 4) connections.push(testRedis());
  stores = connections.map((redis) => new Store(redis, prefix));
});
afterEach(async () => {
  await deletePrefix(connections[0] as RedisClient, prefix);
});
afterAll(async () => {
  await Promise.all(connections.map((c) => c.quit()));
});

const col = (i = 0) => (stores[i % stores.length] as Store).collection(ideas);

describe('mutate', () => {
  it('counts every one of twenty co-signers signing at the same moment', async () => {
    await col().create(A, 'warmtenet', idea('warmtenet'));
    const signers = Array.from({ length: 20 }, (_, i) => `local:t:partner-${i}`);
    await Promise.all(
      signers.map((signer, i) =>
        col(i).mutate(A, 'warmtenet', (current) =>
          current ? { ...current, cosigners: [...current.cosigners, signer] } : null,
        ),
      ),
    );
    const stored = await col().get(A, 'warmtenet');
    expect(stored?.cosigners).toHaveLength(20);
    expect([...(stored?.cosigners ?? [])].sort()).toEqual([...signers].sort());
  });

  it('returns what it wrote, and writes nothing when nothing changed', async () => {
    await col().create(A, 'zon', idea('zon'));
    const written = await col().mutate(A, 'zon', (c) => (c ? { ...c, title: 'Zon op daken' } : c));
    expect(written?.title).toBe('Zon op daken');
    expect((await col(1).get(A, 'zon'))?.title).toBe('Zon op daken');
    expect(await col().mutate(A, 'zon', (c) => c)).toEqual(written);
    expect(await col().mutate(A, 'nergens', () => null)).toBeNull();
    expect(await col().ids(A)).toEqual(['zon']);
  });

  it('writes nothing that does not pass the schema', async () => {
    await col().create(A, 'wind', idea('wind'));
    await expect(col().mutate(A, 'wind', (c) => (c ? { ...c, title: '' } : c))).rejects.toThrow();
    expect(await col().get(A, 'wind')).toEqual(idea('wind'));
    await expect(col().create(A, 'leeg', { ...idea('leeg'), title: '' })).rejects.toThrow();
    expect(await col().ids(A)).toEqual(['wind']);
  });

  it('gives up rather than overwrite a record that keeps changing under it', async () => {
    await col().create(A, 'druk', idea('druk'));
    const key = (stores[0] as Store).keys.record(A, 'ideas.idea', 'druk');
    const redis = connections[0] as RedisClient;
    let n = 0;
    const meanwhile: Promise<unknown>[] = [];
    await expect(
      col(0).mutate(
        A,
        'druk',
        (current) => {
          // Someone else writes between our read and our write, every time.
          n++;
          meanwhile.push(redis.set(key, JSON.stringify({ ...idea('druk'), title: `Ander ${n}` })));
          return current ? { ...current, title: 'Van mij' } : current;
        },
        3,
      ),
    ).rejects.toBeInstanceOf(ContendedRecordError);
    await Promise.all(meanwhile);
    expect(n).toBe(3);
    expect((await col().get(A, 'druk'))?.title).toBe('Ander 3');
  });
});

describe('create', () => {
  it('creates a record only once, however many try at the same moment', async () => {
    const tries = Array.from({ length: 10 }, (_, i) => ({
      ...idea('gedeeld'),
      title: `Versie ${i}`,
    }));
    const results = await Promise.all(tries.map((r, i) => col(i).create(A, 'gedeeld', r)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = tries[results.indexOf(true)];
    expect(await col().get(A, 'gedeeld')).toEqual(winner);
    expect(await col().ids(A)).toEqual(['gedeeld']);
    expect(await col().create(A, 'gedeeld', idea('gedeeld'))).toBe(false);
  });
});

describe('listing', () => {
  it('lists records in the order they were first written, also after a deletion', async () => {
    for (const id of ['x', 'y', 'b']) await col().create(A, id, idea(id));
    await col().put(A, 'y', { ...idea('y'), title: 'Y opnieuw' });
    expect(await col().ids(A)).toEqual(['x', 'y', 'b']);
    await col().delete(A, 'x');
    expect(await col().get(A, 'x')).toBeNull();
    await col().create(A, 'a', idea('a'));
    await col().put(A, 'c', idea('c'));
    expect(await col().ids(A)).toEqual(['y', 'b', 'a', 'c']);
    expect((await col().list(A)).map((r) => r.title)).toEqual([
      'Y opnieuw',
      'Idee b',
      'Idee a',
      'Idee c',
    ]);
  });

  it('keeps alliances apart', async () => {
    await col().create(A, 'zon', idea('zon'));
    await col().create('andere-alliantie', 'wind', idea('wind'));
    expect(await col().ids(A)).toEqual(['zon']);
    expect(await col().ids('andere-alliantie')).toEqual(['wind']);
  });

  it('makes one collection per name', () => {
    const store = stores[0] as Store;
    expect(store.collection(ideas)).toBe(store.collection({ ...ideas }));
  });
});
