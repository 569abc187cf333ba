/**
 * The personal-data interface against real Redis: the store lists every holder of personal
 * data (members, conversation state, activity, identities and every collection made); a
 * collection exports the records that mention a person and erases them through its spec
 * (shared records anonymised, the person's own removed); and erasing a registered member
 * through every holder leaves no key under the prefix whose name or value still names them
 * — their ids, their address or their name — while everyone else's data stays.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Member, Partner } from '../../src/domain/alliance.js';
import type { Flow } from '../../src/engine/flow.js';
import { Store } from '../../src/store/index.js';
import type { PersonalDataSubject } from '../../src/store/personal-data.js';
import type { CollectionSpec } from '../../src/store/records.js';
import type { RedisClient } from '../../src/store/redis.js';
import { startKit } from '../helpers/flow-kit.js';
import { eventually } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, keysWithPrefix, testRedis } from '../helpers/redis.js';

const A = 'privacy-test';
const MIA = 'local:kit:mia';
const MIA_SLACK = 'slack:T0KIT:U0MIA';
const MIA_NAME = 'Mia de Wit';
const MIA_ADDRESS = 'Mia.de.Wit@Kit.example';
const BOB = 'local:kit:bob';
const now = '2026-11-22T09:00:00.000Z';

const IdeaSchema = z.object({
  id: z.string(),
  title: z.string(),
  author: z.string(),
  authorName: z.string(),
  partner: z.string(),
  cosigners: z.array(z.object({ userId: z.string(), name: z.string() })),
});
type Idea = z.infer<typeof IdeaSchema>;
const ideas: CollectionSpec<Idea> = {
  name: 'ideas.idea',
  schema: IdeaSchema,
  purpose: {
    nl: 'ideeën die partners voorstellen en mede-ondertekenen',
    en: 'ideas partners propose and co-sign',
  },
  people: (r) => [r.author, ...r.cosigners.map((c) => c.userId)],
  anonymise(r, ids) {
    const cosigners = r.cosigners.filter((c) => !ids.includes(c.userId));
    if (!ids.includes(r.author)) return { ...r, cosigners };
    // The author's own idea without co-signers goes; a shared one names their organisation.
    if (cosigners.length === 0) return null;
    return { ...r, author: `partner:${r.partner}`, authorName: r.partner, cosigners };
  },
};
const Note = z.object({ by: z.string(), text: z.string() });
const notes: CollectionSpec<z.infer<typeof Note>> = {
  name: 'notes.note',
  schema: Note,
  purpose: { nl: 'notities', en: 'notes' },
  people: (r) => [r.by],
  anonymise: () => null,
};

const partner: Partner = {
  id: 'gemeente-leiden',
  allianceId: A,
  name: 'Gemeente Leiden',
  type: 'gemeente',
  joinedAt: now,
};
const member = (id: string, name: string): Member => ({
  id,
  allianceId: A,
  partnerId: partner.id,
  name,
  role: 'Adviseur',
  goals: 'Zon op daken',
  offers: 'Kennis',
  needs: 'Netcapaciteit',
  topics: ['zon'],
  locale: 'nl',
  joinedAt: now,
});
const idea = (id: string, author: string, name: string, cosigners: [string, string][]): Idea => ({
  id,
  title: `Idee ${id}`,
  author,
  authorName: name,
  partner: partner.name,
  cosigners: cosigners.map(([userId, n]) => ({ userId, name: n })),
});

const redis = testRedis();
let prefix: string;
let store: Store;
const subject: PersonalDataSubject = { allianceId: A, userIds: [MIA, MIA_SLACK] };

beforeEach(() => {
  prefix = freshPrefix('privacy');
  store = new Store(redis, prefix);
});
afterEach(async () => {
  await deletePrefix(redis, prefix);
});
afterAll(async () => {
  await redis.quit();
});

/** Every key under the prefix with its value as text, whatever its type. */
async function dump(client: RedisClient, under: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await keysWithPrefix(client, under)) {
    const type = await client.type(key);
    let value: unknown;
    if (type === 'string') value = await client.get(key);
    else if (type === 'set') value = await client.smembers(key);
    else if (type === 'zset') value = await client.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'hash') value = await client.hgetall(key);
    else if (type === 'list') value = await client.lrange(key, 0, -1);
    else if (type === 'stream') value = await client.xrange(key, '-', '+');
    else value = `<${type}>`;
    out.set(key, JSON.stringify(value));
  }
  return out;
}

/** The keys whose name or value still names the person. */
async function traces(...marks: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [key, value] of await dump(redis, prefix)) {
    const both = `${key}\n${value}`.toLowerCase();
    if (marks.some((m) => both.includes(m.toLowerCase()))) found.push(key);
  }
  return found;
}

describe('the holders of personal data', () => {
  it('are members, conversation state, activity, identities, links and every collection made', () => {
    expect(store.personalData().map((h) => h.kind)).toEqual([
      'members',
      'conversation-state',
      'activity',
      'identities',
      'identity-links',
    ]);
    store.collection(ideas);
    store.collection(notes);
    store.collection(ideas);
    const holders = store.personalData();
    expect(holders.map((h) => h.kind)).toEqual([
      'members',
      'conversation-state',
      'activity',
      'identities',
      'identity-links',
      'ideas.idea',
      'notes.note',
    ]);
    // Every purpose in both languages, the Dutch not a copy of the English (but for a test's).
    for (const h of holders) {
      expect(h.purpose.nl.length).toBeGreaterThan(3);
      expect(h.purpose.en.length).toBeGreaterThan(3);
      if (h.purpose.en !== 'test') expect(h.purpose.nl).not.toBe(h.purpose.en);
    }
  });
});

describe('the collections a flow declares', () => {
  it('are holders of personal data as soon as the engine is built, before any event', async () => {
    const flow: Flow = { id: 'ideas', collections: [ideas] };
    const kit = await startKit({ flows: [flow] });
    try {
      expect(kit.store.personalData().map((h) => h.kind)).toContain('ideas.idea');
      // And it is the same collection a flow gets when it asks for it.
      expect(kit.store.personalData().at(-1)).toBe(kit.store.collection(ideas));
    } finally {
      await kit.stop();
    }
  });
});

describe('a collection', () => {
  it('exports the records that mention the person and erases them through its spec', async () => {
    const col = store.collection(ideas);
    await col.create(A, 'own', idea('own', MIA, MIA_NAME, []));
    await col.create(A, 'shared', idea('shared', MIA_SLACK, MIA_NAME, [[BOB, 'Bob']]));
    await col.create(A, 'cosigned', idea('cosigned', BOB, 'Bob', [[MIA, MIA_NAME]]));
    await col.create(A, 'others', idea('others', BOB, 'Bob', []));

    expect(await col.countFor(subject)).toBe(3);
    expect(((await col.exportFor(subject)) as Idea[]).map((r) => r.id)).toEqual([
      'own',
      'shared',
      'cosigned',
    ]);
    expect(await col.eraseFor(subject)).toBe(3);

    expect(await col.get(A, 'own')).toBeNull();
    expect(await col.get(A, 'shared')).toEqual({
      ...idea('shared', `partner:${partner.name}`, partner.name, [[BOB, 'Bob']]),
    });
    expect(await col.get(A, 'cosigned')).toEqual(idea('cosigned', BOB, 'Bob', []));
    expect(await col.get(A, 'others')).toEqual(idea('others', BOB, 'Bob', []));
    expect(await col.ids(A)).toEqual(['shared', 'cosigned', 'others']);
    expect(await col.countFor(subject)).toBe(0);
    expect(await col.exportFor(subject)).toEqual([]);
  });
});

describe('erasing a registered member', () => {
  it('leaves no key that names them, and everyone else’s data in place', async () => {
    await store.members.register(member(MIA, MIA_NAME), partner);
    await store.members.register(member(BOB, 'Bob Bakker'), partner);
    await store.state.set(A, MIA, { flow: 'ideas', step: 'title', data: { name: MIA_NAME } });
    await store.state.set(A, MIA_SLACK, { flow: 'onboarding', step: 'intake', data: {} });
    await store.state.set(A, BOB, { flow: 'ideas', step: 'title', data: {} });
    await store.activity.append(A, { type: 'document.shared', actor: MIA_SLACK, at: now });
    await store.activity.append(A, { type: 'idea.proposed', actor: BOB, at: now });
    await store.identities.remember(MIA_SLACK, MIA_ADDRESS);
    await store.identities.remember(MIA, undefined);
    await store.identities.remember(BOB, 'bob@kit.example');
    await store.links.join(A, MIA, [MIA_SLACK], undefined, new Date(now));
    const col = store.collection(ideas);
    await col.create(A, 'own', idea('own', MIA, MIA_NAME, []));
    await col.create(A, 'shared', idea('shared', MIA, MIA_NAME, [[BOB, 'Bob Bakker']]));
    await col.create(A, 'cosigned', idea('cosigned', BOB, 'Bob Bakker', [[MIA_SLACK, MIA_NAME]]));
    const notesCol = store.collection(notes);
    await notesCol.create(A, 'n1', { by: MIA, text: `Notitie van ${MIA_NAME}` });

    // Before: every holder holds something about her, and her traces are everywhere.
    for (const holder of store.personalData())
      expect(await holder.countFor(subject), holder.kind).toBeGreaterThan(0);
    expect((await traces(MIA, MIA_SLACK, MIA_ADDRESS, MIA_NAME)).length).toBeGreaterThan(5);

    for (const holder of store.personalData()) await holder.eraseFor(subject);

    expect(await traces(MIA, MIA_SLACK, MIA_ADDRESS, MIA_NAME)).toEqual([]);
    for (const holder of store.personalData()) {
      expect(await holder.countFor(subject), holder.kind).toBe(0);
      expect(await holder.exportFor(subject), holder.kind).toEqual([]);
    }
    // Bob's data stays.
    expect((await store.members.getMember(A, BOB))?.name).toBe('Bob Bakker');
    expect(await store.members.membersOfPartner(A, partner.id)).toEqual([BOB]);
    expect(await store.members.getPartner(A, partner.id)).toEqual(partner);
    expect((await store.state.get(A, BOB))?.flow).toBe('ideas');
    expect((await store.activity.range(A)).map((e) => e.actor)).toContain(BOB);
    expect(await store.identities.idsOf('bob@kit.example')).toEqual([BOB]);
    expect((await col.get(A, 'cosigned'))?.cosigners).toEqual([]);
  });

  it('also forgets an address looked up more than a day ago', async () => {
    await store.identities.remember(MIA_SLACK, MIA_ADDRESS);
    // The cached answer expires after a day; the link from the address to her id stays.
    await redis.pexpire(store.keys.email(MIA_SLACK), 1);
    await eventually(async () =>
      (await redis.exists(store.keys.email(MIA_SLACK))) === 0 ? true : 'not expired yet',
    );
    expect(await store.identities.idsOf(MIA_ADDRESS)).toEqual([MIA_SLACK]);
    expect(await store.identities.exportFor(subject)).toEqual([
      { userId: MIA_SLACK, email: MIA_ADDRESS.toLowerCase() },
    ]);

    await store.identities.eraseFor(subject);
    expect(await store.identities.idsOf(MIA_ADDRESS)).toEqual([]);
    expect(await traces(MIA_SLACK, MIA_ADDRESS)).toEqual([]);
  });
});
