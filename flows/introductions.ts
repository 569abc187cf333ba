/**
 * Suggested introductions across organisations (connect): when someone joins, the bot looks
 * for people of OTHER partners whose topics overlap, or whose offers meet their needs (and the
 * other way round), and suggests at most three of them — never the same pair twice — to both,
 * each on their own platform, with a button to accept. When both accepted, the bot opens a
 * Slack group DM for the two (both in one workspace) or otherwise tells each whom to meet.
 * Both accepting at the same moment connect them once (one atomic step on the pair).
 */
import { z } from 'zod';
import { card, MessageHandleSchema, text } from '../src/core/messages.js';
import type { Member } from '../src/domain/alliance.js';
import type { Flow, FlowContext, JobContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { words } from './introductions-words.js';

export const SUGGEST_KIND = 'suggest';
export const ACCEPT_ACTION = 'introductions.accept';
export const DECLINE_ACTION = 'introductions.decline';
/** At most this many open suggestions per person at a time. */
export const MAX_OPEN = 3;

export const PairSchema = z.object({
  id: z.string().min(1),
  /** The two people, ordered by id. */
  people: z.tuple([z.string().min(1), z.string().min(1)]),
  suggestedAt: z.iso.datetime(),
  /** What they share, for the card. */
  topics: z.array(z.string()).default([]),
  accepted: z.array(z.string()).default([]),
  status: z.enum(['open', 'connected', 'declined']),
  /** Each person's card, by their id. */
  cards: z.record(z.string(), MessageHandleSchema).default({}),
});
export type Pair = z.infer<typeof PairSchema>;

export const pairs: CollectionSpec<Pair> = {
  name: 'introductions.pair',
  schema: PairSchema,
  purpose: {
    nl: 'voorgestelde kennismakingen tussen twee mensen van verschillende partners, en of ze die aannamen; zodat geen paar twee keer wordt voorgesteld',
    en: 'introductions suggested between two people of different partners, and whether they accepted; so no pair is suggested twice',
  },
  people: (p) => p.people,
  // A pair is about both: it goes when either asks to be forgotten.
  anonymise: () => null,
};

export const pairId = (a: string, b: string) =>
  [a, b]
    .sort()
    .map((id) => id.replace(/[^A-Za-z0-9-]+/g, '_'))
    .join('~');

const WORD = /[\p{L}\p{N}]{5,}/gu;
const significant = (s: string) => new Set((s.toLowerCase().match(WORD) ?? []) as string[]);
const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((w) => b.has(w)).length;

/** How much two people have to offer each other: shared topics, and needs met by offers. */
export function affinity(a: Member, b: Member): { score: number; topics: string[] } {
  const topics = a.topics.filter((t) => b.topics.includes(t));
  const needsMet =
    overlap(significant(a.needs), significant(b.offers)) +
    overlap(significant(b.needs), significant(a.offers));
  return { score: topics.length * 2 + needsMet, topics };
}

async function suggestFor(ctx: JobContext, userId: string): Promise<void> {
  const { alliance, store } = ctx;
  const member = await store.members.getMember(alliance.id, userId);
  if (!member) return;
  const collection = store.collection(pairs);
  const all = await collection.list(alliance.id);
  const openOf = (id: string) =>
    all.filter((p) => p.status === 'open' && p.people.includes(id)).length;
  let room = MAX_OPEN - openOf(userId);
  if (room <= 0) return;
  const known = new Set(all.map((p) => p.id));
  const others = (await store.members.listMembers(alliance.id))
    .filter((m) => m.partnerId !== member.partnerId && m.id !== member.id)
    .filter((m) => !known.has(pairId(member.id, m.id)) && openOf(m.id) < MAX_OPEN)
    .map((m) => ({ m, ...affinity(member, m) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || x.m.name.localeCompare(y.m.name, 'nl'));
  const partners = new Map(
    (await store.members.listPartners(alliance.id)).map((p) => [p.id, p.name]),
  );
  for (const { m: other, topics } of others) {
    if (room <= 0) break;
    const id = pairId(member.id, other.id);
    const people = [member.id, other.id].sort() as [string, string];
    const draft: Pair = {
      id,
      people,
      suggestedAt: ctx.now.toISOString(),
      topics,
      accepted: [],
      status: 'open',
      cards: {},
    };
    if (!(await collection.create(alliance.id, id, draft))) continue; // never the same pair twice
    const cards: Record<string, z.infer<typeof MessageHandleSchema>> = {};
    for (const [me, them] of [
      [member, other],
      [other, member],
    ] as const) {
      const t = words.t(me.locale ?? alliance.locale);
      cards[me.id] = ctx.sendDirect(
        me.id,
        card({
          header: t('introductions.header', {
            name: them.name,
            partner: partners.get(them.partnerId) ?? them.partnerId,
          }),
          text: t('introductions.why', {
            name: them.name.split(/\s+/)[0] ?? them.name,
            offers: them.offers,
            needs: them.needs,
          }),
          fields: topics.length
            ? [{ label: t('introductions.shared'), value: topics.join(', ') }]
            : [],
          buttons: [
            {
              actionId: ACCEPT_ACTION,
              label: t('introductions.accept'),
              value: id,
              style: 'primary',
            },
            { actionId: DECLINE_ACTION, label: t('introductions.decline'), value: id },
          ],
          context: [t('introductions.context')],
        }),
        { purpose: `suggestion:${id}` },
      );
    }
    await collection.mutate(alliance.id, id, (p) => p && { ...p, cards });
    room -= 1;
  }
}

async function answer(ctx: FlowContext, pairKey: string, accept: boolean): Promise<void> {
  const { alliance, store } = ctx;
  const t = words.t(ctx.locale);
  const collection = store.collection(pairs);
  const found = await collection.get(alliance.id, pairKey);
  if (!found?.people.includes(ctx.userId)) {
    ctx.reply(text(t('introductions.notYours')), { purpose: 'not-yours' });
    return;
  }
  let connectNow = false;
  const after = await collection.mutate(alliance.id, pairKey, (p) => {
    connectNow = false;
    if (p?.status !== 'open') return p;
    if (!accept) return { ...p, status: 'declined' };
    const accepted = p.accepted.includes(ctx.userId) ? p.accepted : [...p.accepted, ctx.userId];
    const both = p.people.every((id) => accepted.includes(id));
    connectNow = both;
    return { ...p, accepted, status: both ? 'connected' : 'open' };
  });
  if (!after) return;
  const [a, b] = after.people;
  const members = await Promise.all([
    store.members.getMember(alliance.id, a),
    store.members.getMember(alliance.id, b),
  ]);
  const nameOf = (id: string) =>
    members.find((m) => m?.id === id)?.name ?? words.t(alliance.locale)('common.unknownPerson');
  // Each card shows where the introduction stands, in its reader's language.
  for (const id of after.people) {
    const handle = after.cards[id];
    if (!handle) continue;
    const reader = members.find((m) => m?.id === id);
    const rt = words.t(reader?.locale ?? alliance.locale);
    const them = nameOf(id === a ? b : a);
    const status =
      after.status === 'connected'
        ? rt('introductions.connected', { name: them })
        : after.status === 'declined'
          ? rt('introductions.notNow')
          : after.accepted.includes(id)
            ? rt('introductions.waitingFor', { name: them })
            : rt('introductions.theyAccepted', { name: them });
    ctx.update(
      handle,
      card({
        header: rt('introductions.headerShort', { name: them }),
        text: status,
        buttons:
          after.status === 'open' && !after.accepted.includes(id)
            ? [
                {
                  actionId: ACCEPT_ACTION,
                  label: rt('introductions.accept'),
                  value: after.id,
                  style: 'primary',
                },
                { actionId: DECLINE_ACTION, label: rt('introductions.decline'), value: after.id },
              ]
            : [],
      }),
    );
  }
  if (!connectNow) return;
  // Logged once per partner (connectNow is true for one atomic step only), naming no person:
  // community health.
  const partnersOf = [...new Set(members.flatMap((m) => (m ? [m.partnerId] : [])))];
  for (const partner of partnersOf)
    await store.activity.append(alliance.id, {
      type: 'introduction.connected',
      partner,
      at: ctx.now.toISOString(),
      data: {},
    });
  const message = words.t(alliance.locale)('introductions.meet', {
    a: nameOf(a),
    b: nameOf(b),
    topics: after.topics.join(', ') || '—',
  });
  const group = await ctx.openGroup([a, b]);
  if (group) {
    ctx.send({ kind: 'conversation', id: group }, text(message), { purpose: `meet:${after.id}` });
    return;
  }
  // No group conversation on this platform (or they are on different ones): tell each.
  for (const id of after.people) {
    const reader = members.find((m) => m?.id === id);
    const rt = words.t(reader?.locale ?? alliance.locale);
    ctx.sendDirect(
      id,
      text(rt('introductions.meetPrivately', { name: nameOf(id === a ? b : a) })),
      { purpose: `meet:${after.id}` },
    );
  }
}

export const introductionsFlow: Flow = {
  id: 'introductions',
  collections: [pairs as CollectionSpec<unknown>],
  actions: [
    {
      id: ACCEPT_ACTION,
      describe: (locale) => words.t(locale)('introductions.describe'),
      run: (ctx, event) => answer(ctx, event.value ?? '', true),
    },
    {
      id: DECLINE_ACTION,
      describe: (locale) => words.t(locale)('introductions.describe'),
      run: (ctx, event) => answer(ctx, event.value ?? '', false),
    },
  ],
  async onReminder(ctx, kind, data) {
    if (kind === SUGGEST_KIND && typeof data.userId === 'string')
      await suggestFor(ctx, data.userId);
  },
};
