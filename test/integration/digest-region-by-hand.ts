/**
 * The figures a coordinator would count by hand from the demo region's list of events
 * (scripts/demo-region.ts), for digest-region.test.ts. It reads only the generator's events —
 * who joined, was introduced, shared, proposed or co-signed on which day, who answered which
 * check-in how — and the rules as the README states them, never the code under test:
 *
 * - connected: a person of the partner joined, and one was introduced to someone of another
 *   partner (by today; before: by 30 days ago);
 * - contributing: shared a document in the last 30 days (before: the 30 days before those);
 * - collaborating: answered the last check-in it was asked in (one still open that it did not
 *   answer yet does not count), every commitment on track (before: the check-in before that);
 * - co-creating: proposed or co-signed an idea in the last 90 days (before: the 90 before).
 * Days are UTC days. The digest covers the week before now; reviews the coming 14 days.
 */
import type { Region, SeedEvent, SeedEventOf, SeedPerson } from '../../scripts/demo-region.js';

type State = { now: boolean | null; before: boolean | null };
type Blocks = Record<'connected' | 'contributing' | 'collaborating' | 'coCreating', State>;
type Trend = 'up' | 'down' | 'same';
export const TREND_NL: Record<Trend, string> = { up: 'stijgend', down: 'dalend', same: 'gelijk' };

export interface Expected {
  partners: Record<string, Blocks>;
  alliance: Record<keyof Blocks, { now: number; before: number; of: number; trend: Trend }>;
  newPartners: string[];
  newPeople: SeedPerson[];
  documents: SeedEventOf<'share'>[];
  documentsForAll: SeedEventOf<'share'>[];
  documentsForCore: SeedEventOf<'share'>[];
  ideas: { title: string; initiative: boolean }[];
  successes: string[];
  checkin?: { at: string; asked: number; answered: number; blocked: number; atRisk: number };
  reviews: SeedEventOf<'share'>[];
}

const DAY = 86_400_000;

export function byHand(region: Region, now: Date, core: ReadonlySet<string>): Expected {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const today = day(now.getTime());
  const daysAgo = (n: number) => day(now.getTime() - n * DAY);
  const of = <K extends SeedEvent['kind']>(kind: K) =>
    region.events.filter((e): e is SeedEventOf<K> => e.kind === kind);
  const partnerOf = new Map(region.people.map((p) => [p.id, p.partnerId]));
  const on = (e: SeedEvent) => e.at.slice(0, 10);

  const joinedBy = (partner: string, d: string) =>
    of('join').some((e) => partnerOf.get(e.person) === partner && on(e) <= d);
  const introducedBy = (partner: string, d: string) =>
    of('introduce').some(
      (e) => (partnerOf.get(e.a) === partner || partnerOf.get(e.b) === partner) && on(e) <= d,
    );
  const didIn = (kinds: SeedEvent['kind'][], partner: string, after: string, upTo: string) =>
    region.events.some(
      (e) =>
        kinds.includes(e.kind) &&
        'person' in e &&
        partnerOf.get(e.person) === partner &&
        on(e) > after &&
        on(e) <= upTo,
    );

  const closed = new Set(of('close').map((e) => e.round));
  const rounds = of('round').map((r) => ({
    ...r,
    closed: closed.has(r.key),
    answers: of('answer').filter((a) => a.round === r.key),
  }));
  const collaborating = (partner: string): State => {
    const counted = rounds
      .filter((r) => r.partners.includes(partner))
      .filter((r) => r.closed || r.answers.some((a) => partnerOf.get(a.person) === partner))
      .sort((a, b) => b.at.localeCompare(a.at));
    const ok = (r: (typeof counted)[number] | undefined) => {
      if (!r) return null;
      const answer = r.answers.find((a) => partnerOf.get(a.person) === partner);
      return answer?.items.every((i) => i.status === 'on-track') === true;
    };
    return { now: ok(counted[0]), before: ok(counted[1]) };
  };

  const partners: Record<string, Blocks> = {};
  for (const p of region.partners) {
    const connected = (d: string) => joinedBy(p.id, d) && introducedBy(p.id, d);
    partners[p.id] = {
      connected: { now: connected(today), before: connected(daysAgo(30)) },
      contributing: {
        now: didIn(['share'], p.id, daysAgo(30), today),
        before: didIn(['share'], p.id, daysAgo(60), daysAgo(30)),
      },
      collaborating: collaborating(p.id),
      coCreating: {
        now: didIn(['idea', 'cosign'], p.id, daysAgo(90), today),
        before: didIn(['idea', 'cosign'], p.id, daysAgo(180), daysAgo(90)),
      },
    };
  }
  const alliance = {} as Expected['alliance'];
  for (const block of ['connected', 'contributing', 'collaborating', 'coCreating'] as const) {
    const states = Object.values(partners).map((p) => p[block]);
    const n = states.filter((s) => s.now === true).length;
    const before = states.filter((s) => s.before === true).length;
    alliance[block] = {
      now: n,
      before,
      of: states.filter((s) => s.now !== null).length,
      trend: n > before ? 'up' : n < before ? 'down' : 'same',
    };
  }

  // ---- the digest: the week before now
  const from = now.getTime() - 7 * DAY;
  const inWeek = (e: SeedEvent) => Date.parse(e.at) > from && Date.parse(e.at) <= now.getTime();
  const firstJoin = new Map<string, SeedEventOf<'join'>>();
  for (const e of of('join')) {
    const partner = partnerOf.get(e.person) ?? '';
    if (!firstJoin.has(partner)) firstJoin.set(partner, e);
  }
  const people = new Map(region.people.map((p) => [p.id, p]));
  const documents = of('share').filter(inWeek);
  const coreIds = [...core];
  const ideaTitle = new Map(of('idea').map((i) => [i.key, i.title]));
  const initiatives: string[] = [];
  for (const idea of of('idea')) {
    const backers = new Set([partnerOf.get(idea.person)]);
    for (const c of of('cosign').filter((c) => c.idea === idea.key)) {
      backers.add(partnerOf.get(c.person));
      if (backers.size === 3) {
        if (inWeek(c)) initiatives.push(idea.title);
        break;
      }
    }
  }
  const ideas = initiatives.map((title) => ({ title, initiative: true }));
  for (const idea of of('idea').filter(inWeek))
    if (!ideas.some((i) => i.title === idea.title))
      ideas.push({ title: idea.title, initiative: false });
  const successTitle = new Map(of('success').map((s) => [s.key, s.title]));
  const lastClosed = rounds.filter((r) => r.closed && Date.parse(r.at) <= now.getTime()).at(-1);
  const until = day(now.getTime() + 14 * DAY);
  return {
    partners,
    alliance,
    newPartners: [...firstJoin.entries()].filter(([, e]) => inWeek(e)).map(([p]) => p),
    newPeople: of('join')
      .filter(inWeek)
      .flatMap((e) => people.get(e.person) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name)),
    documents,
    documentsForAll: documents.filter((s) => s.level === 'public' || s.level === 'alliance'),
    documentsForCore: documents.filter(
      (s) =>
        s.level !== 'partners' ||
        (coreIds.length > 0 && coreIds.every((c) => s.partners.includes(c))),
    ),
    ideas: ideas.filter((i) => ideaTitle.size > 0 && i.title !== ''),
    successes: [
      ...new Set(
        of('announce')
          .filter(inWeek)
          .map((a) => successTitle.get(a.success) ?? ''),
      ),
    ],
    ...(lastClosed
      ? {
          checkin: {
            at: lastClosed.at,
            asked: lastClosed.partners.length,
            answered: lastClosed.answers.length,
            blocked: lastClosed.answers.filter((a) => a.items.some((i) => i.status === 'blocked'))
              .length,
            atRisk: lastClosed.answers.filter(
              (a) =>
                a.items.some((i) => i.status === 'at-risk') &&
                !a.items.some((i) => i.status === 'blocked'),
            ).length,
          },
        }
      : {}),
    reviews: of('share')
      .filter((s) => s.reviewOn !== undefined && s.reviewOn >= today && s.reviewOn <= until)
      .sort((a, b) => (a.reviewOn ?? '').localeCompare(b.reviewOn ?? '')),
  };
}
