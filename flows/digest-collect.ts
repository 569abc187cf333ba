/**
 * What a digest tells, gathered once per digest: what the activity log says happened in the
 * period (new partners and people, documents shared, ideas proposed and initiatives, successes
 * announced), the last check-in, the reviews coming up and the health summary. Reading the
 * log only for the period (a week), the records only for what it names, keeps the cost
 * following the week, not the history. Who may see which document is decided per audience
 * by the documents' policy (src/domain/visibility.ts), in `forAudience`.
 */
import type { Alliance } from '../src/domain/alliance.js';
import type { AllianceBlock, Block } from '../src/domain/health.js';
import { type ChannelFacts, maySee, type PersonFacts } from '../src/domain/visibility.js';
import type { FlowStore } from '../src/store/index.js';
import { documents, facts, reviewScore, type SharedDocument } from './documents-record.js';
import { healthOf } from './health.js';
import { type HealthInputs, readHealth } from './health-record.js';
import { ideaRecords } from './ideas-record.js';

/** The period a digest covers: the last week. */
export const PERIOD_DAYS = 7;
/** Reviews this many days ahead are "coming". */
export const AHEAD_DAYS = 14;

export interface DigestFacts {
  from: Date;
  to: Date;
  partners: string[];
  people: { name: string; partner: string }[];
  documents: SharedDocument[];
  ideas: { title: string; initiative: boolean }[];
  successes: string[];
  checkin?: { at: string; answered: number; asked: number; blocked: number; atRisk: number };
  reviews: SharedDocument[];
  health: Record<Block, AllianceBlock>;
  partnerCount: number;
  /** Partner id -> name, for the documents' lines. */
  partnerNames: Record<string, string>;
}

const uniq = <T>(list: readonly T[]) => [...new Set(list)];

export async function collectDigest(
  store: FlowStore,
  alliance: Alliance,
  now: Date,
  read?: HealthInputs,
): Promise<DigestFacts> {
  const from = new Date(now.getTime() - PERIOD_DAYS * 86_400_000);
  const today = now.toISOString().slice(0, 10);
  const until = new Date(now.getTime() + AHEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const docs = store.collection(documents);
  // What does not depend on the week's entries is read at the same time (fewer round trips).
  // Health's inputs (the partners and the last rounds among them) read once, unless given.
  const [logged, inputs, coming] = await Promise.all([
    store.activity.range(alliance.id, { from, to: now }),
    read ?? readHealth(store, alliance.id, now),
    // Through the documents' order by review day: only the reviews in the window are read.
    docs.byScore(alliance.id, reviewScore(today), reviewScore(until)),
  ]);
  const { partners: partnerList, rounds: lastFew } = inputs;
  const health = await healthOf(store, alliance, now, inputs);
  // Read by when they were logged (the stream's order), kept by when they happened.
  const entries = logged.filter((e) => {
    const at = Date.parse(e.at);
    return at > from.getTime() && at <= now.getTime();
  });
  const of = (type: string) => entries.filter((e) => e.type === type);
  const partnerName = (id: string | undefined) =>
    partnerList.find((p) => p.id === id)?.name ?? id ?? '';

  const ideasRepo = ideaRecords(store);
  const idsOf = (type: string, field: string) =>
    uniq(of(type).map((e) => String(e.data[field] ?? ''))).filter((id) => id !== '');
  const [members, found, initiatives, proposed] = await Promise.all([
    Promise.all(
      uniq(of('member.joined').flatMap((e) => (e.actor ? [e.actor] : []))).map((id) =>
        store.members.getMember(alliance.id, id),
      ),
    ),
    Promise.all(idsOf('document.shared', 'document').map((id) => docs.get(alliance.id, id))),
    Promise.all(idsOf('idea.initiative', 'idea').map((id) => ideasRepo.get(alliance.id, id))),
    Promise.all(idsOf('idea.proposed', 'idea').map((id) => ideasRepo.get(alliance.id, id))),
  ]);
  const people: DigestFacts['people'] = members.flatMap((m) =>
    m ? [{ name: m.name, partner: partnerName(m.partnerId) }] : [],
  );
  const shared = found.filter((d): d is SharedDocument => d?.status === 'active');
  const ideas: DigestFacts['ideas'] = [];
  for (const [list, initiative] of [
    [initiatives, true],
    [proposed, false],
  ] as const) {
    for (const idea of list) {
      if (idea && !(initiative === false && ideas.some((i) => i.title === idea.title)))
        ideas.push({ title: idea.title, initiative });
    }
  }

  const successes = uniq(of('success.announced').map((e) => String(e.data.title ?? ''))).filter(
    (t) => t !== '',
  );

  const rounds = lastFew.filter((r) => r.closed).sort((a, b) => b.at.localeCompare(a.at));
  const last = rounds[0];
  const checkin = last
    ? {
        at: last.at,
        asked: last.partners.length,
        answered: Object.keys(last.answers).filter((p) => last.partners.includes(p)).length,
        blocked: Object.values(last.answers).filter((a) => a.includes('blocked')).length,
        atRisk: Object.values(last.answers).filter(
          (a) => a.includes('at-risk') && !a.includes('blocked'),
        ).length,
      }
    : undefined;

  const reviews = coming
    .filter((d) => d.status === 'active' && d.reviewOn && d.reviewOn >= today)
    .filter((d) => (d.reviewOn ?? '') <= until)
    .sort((a, b) => (a.reviewOn ?? '').localeCompare(b.reviewOn ?? ''));

  return {
    from,
    to: now,
    partners: uniq(of('partner.joined').map((e) => partnerName(e.partner))),
    people,
    documents: shared,
    ideas,
    successes,
    ...(checkin ? { checkin } : {}),
    reviews,
    health: health.alliance,
    partnerCount: health.partnerCount,
    partnerNames: Object.fromEntries(partnerList.map((p) => [p.id, p.name])),
  };
}

/** The digest as one audience (a channel, or a person) may see it: only documents it may see. */
export function forAudience(
  alliance: Alliance,
  digest: DigestFacts,
  who: ChannelFacts | PersonFacts,
): DigestFacts {
  const visible = (d: SharedDocument) => maySee(alliance, facts(d), who);
  return {
    ...digest,
    documents: digest.documents.filter(visible),
    reviews: digest.reviews.filter(visible),
  };
}
