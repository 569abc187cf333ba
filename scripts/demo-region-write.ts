/**
 * Writes a demo region (scripts/demo-region.ts) into the store through the repositories the
 * flows use, as the flows write it: a join through the member repository (the partner, the
 * member and their activity entries in one step), and per event the flow's own records
 * (documents, requests, introductions, commitments, check-in rounds and answers, ideas and
 * co-signatures, successes and their tally) with its activity entries, ids made from the
 * event as the flows make them. Events are written oldest first, each at its own instant.
 */
import { roundId, roundItems, seriesId, worst } from '../flows/checkins-record.js';
import { commitmentId, commitmentItems } from '../flows/commitments-record.js';
import { documents, recordId, requests } from '../flows/documents-record.js';
import { backers, ideaId, ideas, NEEDED } from '../flows/ideas-record.js';
import { pairId, pairs } from '../flows/introductions.js';
import type { Alliance, Partner } from '../src/domain/alliance.js';
import type { ActivityInput } from '../src/store/activity-log.js';
import type { FlowStore } from '../src/store/index.js';
import type { Region, SeedEvent, SeedEventOf, SeedPerson } from './demo-region.js';
import { keyOf, type WriteContext, writeAnnounce, writeSuccess } from './demo-region-successes.js';

export { keyOf };

export const documentIdOf = (key: string) => recordId('doc', keyOf(key));
export const ideaIdOf = (key: string) => ideaId(keyOf(key));
export const roundIdOf = (region: Region, e: { key: string; at: string }) =>
  roundId(seriesId(keyOf(region.series)), new Date(e.at));

export interface WriteOptions {
  /** Who approved the successes (the alliance's spokesperson). */
  spokesperson?: string;
}

/** Writes every event of the region; returns how many activity entries were written. */
export async function writeRegion(
  store: FlowStore,
  alliance: Alliance,
  region: Region,
  options: WriteOptions = {},
): Promise<number> {
  const a = alliance.id;
  let logged = 0;
  const log = async (input: ActivityInput) => {
    logged++;
    await store.activity.append(a, input);
  };
  const people = new Map(region.people.map((p) => [p.id, p]));
  const partners = new Map(region.partners.map((p) => [p.id, p]));
  /** Partners and people that joined so far. */
  const joined = new Set<string>();
  const byKey = new Map(region.events.map((e) => [e.key, e]));
  const person = (id: string): SeedPerson => {
    const p = people.get(id);
    if (!p) throw new Error(`unknown person ${id}`);
    return p;
  };
  const partnerName = (id: string) => partners.get(id)?.name ?? id;
  const series = seriesId(keyOf(region.series));
  const commitments = new Map<string, string>();

  const ctx: WriteContext = {
    store,
    alliance,
    a,
    spokesperson: options.spokesperson,
    person,
    partnerName,
    log,
  };
  const write: { [K in SeedEvent['kind']]: (e: SeedEventOf<K>) => Promise<void> } = {
    async join(e) {
      const p = person(e.person);
      const known = partners.get(p.partnerId);
      const partner: Partner = {
        id: p.partnerId,
        allianceId: a,
        name: known?.name ?? p.partnerId,
        type: known?.type ?? 'overig',
        joinedAt: e.at,
      };
      await store.members.register(
        {
          id: p.id,
          allianceId: a,
          partnerId: p.partnerId,
          name: p.name,
          role: p.role,
          goals: `Samen met de regio werken aan ${p.topics.join(' en ')}.`,
          offers: `Kennis van ${p.topics[0] ?? 'energie'} bij ${partner.name}.`,
          needs: 'Contact met partners die hetzelfde doen.',
          topics: p.topics,
          locale: p.locale,
          joinedAt: e.at,
          joinedBy: keyOf(e.key),
        },
        partner,
      );
      logged += joined.has(p.partnerId) ? 1 : 2;
      joined.add(p.partnerId).add(p.id);
    },
    async introduce(e) {
      const [x, y] = [person(e.a), person(e.b)];
      const id = pairId(x.id, y.id);
      const topics = x.topics.filter((t) => y.topics.includes(t));
      const sorted = [x.id, y.id].sort() as [string, string];
      const created = await store.collection(pairs).create(a, id, {
        id,
        people: sorted,
        suggestedAt: new Date(Date.parse(e.at) - 3_600_000).toISOString(),
        topics,
        accepted: sorted,
        status: 'connected',
        cards: {},
      });
      if (!created) return;
      for (const partner of [...new Set([x.partnerId, y.partnerId])])
        await log({ type: 'introduction.connected', partner, at: e.at, data: {} });
    },
    async commitment(e) {
      const p = person(e.person);
      const id = commitmentId(keyOf(e.key));
      commitments.set(e.key, id);
      await store.collection(commitmentItems).create(a, id, {
        id,
        partnerId: p.partnerId,
        what: e.what,
        due: e.due,
        owner: p.id,
        ownerName: p.name,
        version: 1,
        lastEvent: keyOf(e.key),
        history: [{ action: 'created', by: p.id, byName: p.name, at: e.at }],
      });
      await log({
        type: 'commitment.updated',
        actor: p.id,
        partner: p.partnerId,
        at: e.at,
        data: { commitment: id, action: 'created', due: e.due },
      });
    },
    async request(e) {
      const p = person(e.person);
      const occurrence = keyOf(e.key);
      await store.collection(requests).create(a, recordId('req', occurrence), {
        id: recordId('req', occurrence),
        askerId: p.id,
        askerName: p.name,
        askerPartnerId: p.partnerId,
        askerLocale: p.locale,
        what: e.what,
        askedAt: e.at,
        occurrence,
        answers: [],
        cards: [],
      });
    },
    async share(e) {
      const p = person(e.person);
      const occurrence = keyOf(e.key);
      const id = recordId('doc', occurrence);
      const request = e.request ? recordId('req', keyOf(e.request)) : undefined;
      const created = await store.collection(documents).create(a, id, {
        id,
        allianceId: a,
        title: e.title,
        link: `https://documenten.energieregio.example/${id}.pdf`,
        summary: '',
        topics: e.topics,
        level: e.level,
        partners: e.partners,
        ownerId: p.id,
        ownerName: p.name,
        ownerPartnerId: p.partnerId,
        ownerLocale: p.locale,
        sharedAt: e.at,
        ...(e.reviewOn ? { reviewOn: e.reviewOn } : {}),
        status: 'active',
        ...(request ? { request } : {}),
        occurrence,
        copies: [],
      });
      if (!created) return;
      await log({
        type: 'document.shared',
        actor: p.id,
        partner: p.partnerId,
        at: e.at,
        data: { document: id, level: e.level, ...(request ? { request } : {}) },
      });
      if (request)
        await store.collection(requests).mutate(a, request, (r) =>
          r
            ? {
                ...r,
                answers: [...r.answers, { by: p.id, name: p.name, documentId: id, at: e.at }],
              }
            : r,
        );
    },
    async round(e) {
      const contacts = (partner: string) =>
        region.people.filter((p) => p.partnerId === partner && joined.has(p.id)).map((p) => p.id);
      const id = roundIdOf(region, e);
      await store.collection(roundItems).create(a, id, {
        id,
        seriesId: series,
        at: e.at,
        deadline: e.deadline,
        audience: 'all',
        partners: e.partners.map((p) => ({ id: p, name: partnerName(p), contacts: contacts(p) })),
        answers: {},
        closed: false,
        summary: [],
      });
    },
    async answer(e) {
      const p = person(e.person);
      const round = byKey.get(e.round);
      if (!round) return;
      const id = roundIdOf(region, round);
      const items = e.items.map((i) => {
        const commitment = i.commitment ? commitments.get(i.commitment) : undefined;
        return { ...(commitment ? { commitmentId: commitment } : {}), status: i.status };
      });
      for (const item of items) {
        if (!item.commitmentId) continue;
        await store
          .collection(commitmentItems)
          .mutate(a, item.commitmentId, (c) =>
            c ? { ...c, last: { status: item.status, at: e.at, by: p.id } } : c,
          );
      }
      await store.collection(roundItems).mutate(a, id, (r) =>
        r
          ? {
              ...r,
              answers: {
                ...r.answers,
                [p.partnerId]: { by: p.id, byName: p.name, at: e.at, event: keyOf(e.key), items },
              },
            }
          : r,
      );
      await log({
        type: 'checkin.answered',
        actor: p.id,
        partner: p.partnerId,
        at: e.at,
        data: {
          round: id,
          series,
          status: worst(items),
          onTrack: items.every((i) => i.status === 'on-track'),
          statuses: items.map((i) => i.status),
        },
      });
    },
    async close(e) {
      const round = byKey.get(e.round);
      if (!round) return;
      await store
        .collection(roundItems)
        .mutate(a, roundIdOf(region, round), (r) => (r ? { ...r, closed: true } : r));
    },
    async idea(e) {
      const p = person(e.person);
      const id = ideaIdOf(e.key);
      const event = keyOf(e.key);
      await store.collection(ideas).create(a, id, {
        id,
        title: e.title,
        proposal: {
          partnerId: p.partnerId,
          partnerName: partnerName(p.partnerId),
          by: p.id,
          byName: p.name,
          at: e.at,
          event,
        },
        cosigners: [],
        status: 'open',
        cards: [],
      });
      await log({
        type: 'idea.proposed',
        actor: p.id,
        partner: p.partnerId,
        at: e.at,
        data: { idea: id, event },
      });
    },
    async cosign(e) {
      const p = person(e.person);
      const id = ideaIdOf(e.idea);
      const event = keyOf(e.key);
      const after = await store.collection(ideas).mutate(a, id, (idea) => {
        if (!idea || backers(idea).some((s) => s.partnerId === p.partnerId)) return idea;
        const signature = {
          partnerId: p.partnerId,
          partnerName: partnerName(p.partnerId),
          by: p.id,
          byName: p.name,
          at: e.at,
          event,
        };
        const next = { ...idea, cosigners: [...idea.cosigners, signature] };
        return next.status === 'open' && backers(next).length >= NEEDED
          ? { ...next, status: 'initiative' as const, initiative: { at: e.at, event } }
          : next;
      });
      if (!after) return;
      await log({
        type: 'idea.cosigned',
        actor: p.id,
        partner: p.partnerId,
        at: e.at,
        data: { idea: id, proposedBy: after.proposal.partnerId, event },
      });
      if (after.initiative?.event === event)
        await log({
          type: 'idea.initiative',
          partner: after.proposal.partnerId,
          at: e.at,
          data: { idea: id, partners: backers(after).map((s) => s.partnerId), event },
        });
    },
    success: (e) => writeSuccess(ctx, e),
    announce: (e) => writeAnnounce(ctx, e),
  };
  for (const e of region.events) await (write[e.kind] as (e: SeedEvent) => Promise<void>)(e);
  return logged;
}
