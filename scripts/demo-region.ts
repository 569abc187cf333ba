/**
 * A realistic energy region as a list of what happened, for `npm run seed:demo`, the digest
 * benchmark and the tests that check the digest and community health by hand. Pure and
 * deterministic: the same size, seed and `now` give the same partners, people and events.
 *
 * Thirty partners of a Dutch energy region (the province, municipalities, two water boards,
 * the grid operators, energy companies, housing corporations, energy co-operatives), 150 people
 * and a year of activity: joins and intakes, introductions, commitments, documents shared at
 * every level and documents asked for and answered, a check-in every two weeks with answers,
 * ideas with co-signatures (three partners make an initiative), successes proposed and
 * announced. Each partner has its own engagement; a few drift away in the last two months.
 * The `small` size is a quarter year of eight partners and thirty people.
 */
import type { PartnerType } from '../src/domain/alliance.js';
import { type Catalogue, catalogue, FIRST_NAMES, IDEAS, LAST_NAMES, TITLES } from './demo-names.js';

export const SIZES = {
  small: { partners: 8, people: 30, days: 120 },
  region: { partners: 30, people: 150, days: 365 },
} as const;
export type RegionSize = keyof typeof SIZES;

export interface RegionOptions {
  size: RegionSize;
  /** The PRNG's seed (the same seed, size and now give the same region). */
  seed?: number;
  /** The end of the year of activity (nothing happens after it). */
  now: Date;
  /** How people's ids start (`local:demo` in the web chat). */
  idPrefix?: string;
}

export interface SeedPartner {
  id: string;
  name: string;
  type: PartnerType;
  /** In the core team (sees documents shared at that level). */
  core: boolean;
}

export interface SeedPerson {
  id: string;
  name: string;
  partnerId: string;
  role: string;
  topics: string[];
  locale: 'nl' | 'en';
}

export type Level = 'public' | 'alliance' | 'core' | 'partners';
export type Status = 'on-track' | 'at-risk' | 'blocked';

/** What happened; `key` names the event (the record ids are made from it, as the flows do). */
export type SeedEvent = { at: string; key: string } & (
  | { kind: 'join'; person: string }
  | { kind: 'introduce'; a: string; b: string }
  | { kind: 'commitment'; person: string; what: string; due: string }
  | { kind: 'request'; person: string; what: string }
  | {
      kind: 'share';
      person: string;
      title: string;
      level: Level;
      /** Partner ids named, for the `partners` level (the sharer's own among them). */
      partners: string[];
      topics: string[];
      reviewOn?: string;
      /** The request it answers (its key). */
      request?: string;
    }
  | { kind: 'round'; partners: string[]; deadline: string }
  | {
      kind: 'answer';
      round: string;
      person: string;
      items: { commitment?: string; status: Status }[];
    }
  | { kind: 'close'; round: string }
  | { kind: 'idea'; person: string; title: string }
  | { kind: 'cosign'; person: string; idea: string }
  | {
      kind: 'success';
      person: string;
      title: string;
      partners: string[];
      value: number;
      unit: string;
    }
  | { kind: 'announce'; success: string }
);
export type SeedEventOf<K extends SeedEvent['kind']> = Extract<SeedEvent, { kind: K }>;

export interface Region {
  now: string;
  partners: SeedPartner[];
  people: SeedPerson[];
  /** The check-in series' key (its id is made from it). */
  series: string;
  /** Everything that happened, oldest first (a dependency always comes before what needs it). */
  events: SeedEvent[];
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** mulberry32: small, fast and good enough for demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function generateRegion(options: RegionOptions): Region {
  const { partners: nPartners, people: nPeople, days } = SIZES[options.size];
  const seed = options.seed ?? 2026;
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const prefix = options.idPrefix ?? 'local:demo';
  const end = options.now.getTime() - 10 * MINUTE;
  const start = end - days * DAY;
  /** An instant on day `d` of the year, in working hours (UTC 07:00–16:00). */
  const on = (d: number) =>
    start + Math.floor(d) * DAY + (7 * 60 + Math.floor(rand() * 540)) * MINUTE;
  const iso = (ms: number) => new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
  const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  // ---- partners: the catalogue's first ones, joining over the year (founders first)
  const cat: Catalogue[] = catalogue(nPartners);
  const partners: SeedPartner[] = cat.map((c) => ({
    id: slug(c.name),
    name: c.name,
    type: c.type,
    core: c.core,
  }));
  const joinDay = new Map<string, number>();
  partners.forEach((p, i) => {
    const founders = Math.ceil(nPartners * 0.4);
    const d =
      i < founders ? between(0, 10) : i === nPartners - 1 ? days - 3 : between(10, days - 20);
    joinDay.set(p.id, d);
  });
  const engagement = new Map(partners.map((p) => [p.id, 0.35 + 0.65 * rand()]));
  const drifting = new Set(
    partners
      .filter((_, i) => i > 0 && i < nPartners - 1)
      .filter(() => rand() < 0.12)
      .map((p) => p.id),
  );
  /** How likely the partner takes part on day d (drifting partners fade in the last 60 days). */
  const keen = (partner: string, d: number) =>
    (engagement.get(partner) ?? 0.5) * (drifting.has(partner) && d > days - 60 ? 0.08 : 1);

  // ---- people: two per partner at least, the rest by the partner's weight
  const people: SeedPerson[] = [];
  const personDay = new Map<string, number>();
  const counts = partners.map(() => 2);
  for (let left = nPeople - 2 * nPartners; left > 0; left--) {
    const weights = cat.map((c) => c.weight);
    let r = rand() * weights.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < weights.length - 1 && r >= (weights[i] ?? 0)) r -= weights[i++] ?? 0;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const names = new Set<string>();
  partners.forEach((p, i) => {
    for (let k = 0; k < (counts[i] ?? 0); k++) {
      let name = '';
      do name = `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
      while (names.has(name));
      names.add(name);
      const pj = joinDay.get(p.id) ?? 0;
      const d = k === 0 ? pj : Math.min(days - 0.5, pj + rand() * (days - pj) * 0.6);
      const person: SeedPerson = {
        id: `${prefix}:${slug(name)}`,
        name,
        partnerId: p.id,
        role: pick(cat[i]?.roles ?? ['Adviseur']),
        topics: [...new Set([pick(TOPICS), pick(TOPICS)])],
        locale: rand() < 0.08 ? 'en' : 'nl',
      };
      people.push(person);
      personDay.set(person.id, d);
    }
  });

  const events: SeedEvent[] = [];
  let n = 0;
  const add = (ms: number, e: DistributiveOmit<SeedEvent, 'at' | 'key'>): string => {
    const key = `seed:${seed}:${n++}`;
    if (ms <= end) events.push({ ...e, at: iso(ms), key } as SeedEvent);
    return key;
  };
  const joined = (d: number) => people.filter((p) => (personDay.get(p.id) ?? days) <= d);

  for (const p of people)
    add(start + (personDay.get(p.id) ?? 0) * DAY + 9 * 60 * MINUTE, { kind: 'join', person: p.id });
  for (const p of people) {
    const d = (personDay.get(p.id) ?? 0) + between(1, 10);
    const others = joined(d).filter((o) => o.partnerId !== p.partnerId);
    if (rand() < 0.65 && others.length > 0)
      add(on(d), { kind: 'introduce', a: p.id, b: pick(others).id });
  }
  const commitments = new Map<string, { key: string; at: number }[]>();
  for (const p of partners) {
    const first = people.find((x) => x.partnerId === p.id);
    for (let k = Math.floor(between(1, 4)); first && k > 0; k--) {
      const ms = on((joinDay.get(p.id) ?? 0) + between(1, 20));
      const key = add(ms, {
        kind: 'commitment',
        person: first.id,
        what: pick(COMMITMENTS),
        due: dayOf(ms + between(60, 300) * DAY),
      });
      commitments.set(p.id, [...(commitments.get(p.id) ?? []), { key, at: ms }]);
    }
  }

  // ---- a check-in every two weeks from day 28, answered within its two days
  const series = `seed:${seed}:series`;
  for (let d = 28; d < days; d += 14) {
    const at = start + Math.floor(d) * DAY + 8 * 60 * MINUTE;
    const deadline = at + 2 * DAY;
    const asked = partners.filter((p) => (joinDay.get(p.id) ?? days) < d);
    const round = add(at, {
      kind: 'round',
      partners: asked.map((p) => p.id),
      deadline: iso(deadline),
    });
    for (const p of asked) {
      if (rand() > keen(p.id, d)) continue;
      const ms = at + between(0.05, 1.9) * DAY;
      const by = joined(d).filter((x) => x.partnerId === p.id);
      const mine = (commitments.get(p.id) ?? []).filter((c) => c.at < ms);
      const status = (): Status => {
        const r = rand();
        return r < 0.72 ? 'on-track' : r < 0.92 ? 'at-risk' : 'blocked';
      };
      const items =
        mine.length > 0
          ? mine.map((c) => ({ commitment: c.key, status: status() }))
          : [{ status: status() }];
      if (by.length > 0) add(ms, { kind: 'answer', round, person: pick(by).id, items });
    }
    add(deadline, { kind: 'close', round });
  }

  // ---- day by day: documents, requests and answers, ideas and co-signatures, successes
  for (let d = 0; d < days; d++) {
    const here = joined(d + 0.5);
    for (const p of here) {
      if (rand() > 0.022 * keen(p.partnerId, d)) continue;
      const partner = partners.find((x) => x.id === p.partnerId);
      const r = rand();
      const level: Level =
        r < 0.12
          ? 'public'
          : r < 0.72
            ? 'alliance'
            : r < 0.86 && partner?.core
              ? 'core'
              : 'partners';
      const named =
        level === 'partners'
          ? [...new Set([p.partnerId, pick(partners).id, pick(partners).id])]
          : [];
      const ms = on(d);
      const review = rand() < 0.25 ? { reviewOn: dayOf(ms + between(20, 120) * DAY) } : {};
      add(ms, {
        kind: 'share',
        person: p.id,
        title: `${pick(TITLES)} ${pick(PLACES)}`,
        level,
        partners: named,
        topics: p.topics,
        ...review,
      });
    }
    if (here.length > 1 && rand() < 0.14) {
      const asker = pick(here);
      const what = `${pick(TITLES)} ${pick(PLACES)}`;
      const request = add(on(d), { kind: 'request', person: asker.id, what });
      const others = here.filter((o) => o.partnerId !== asker.partnerId);
      if (others.length > 0 && rand() < 0.7) {
        const by = pick(others);
        add(on(d + between(1, 6)), {
          kind: 'share',
          person: by.id,
          title: what,
          level: 'alliance',
          partners: [],
          topics: by.topics,
          request,
        });
      }
    }
    if (here.length > 1 && rand() < 0.11) {
      const by = pick(here);
      const ms = on(d);
      const idea = add(ms, {
        kind: 'idea',
        person: by.id,
        title: `${pick(IDEAS)} ${pick(PLACES)}`,
      });
      const signed = new Set([by.partnerId]);
      for (const p of partners) {
        if (signed.has(p.id) || rand() > 0.18 * keen(p.id, d)) continue;
        const cd = d + between(0.5, 20);
        const who = joined(cd).filter((x) => x.partnerId === p.id);
        if (who.length === 0) continue;
        signed.add(p.id);
        add(ms + (cd - d) * DAY, { kind: 'cosign', person: pick(who).id, idea });
      }
    }
    if (here.length > 1 && rand() < 0.05) {
      const by = pick(here);
      const credited = [...new Set([by.partnerId, pick(partners).id])];
      const [unit, lo, hi] = pick(UNITS);
      const value = Math.round(between(lo, hi));
      const ms = on(d);
      const success = add(ms, {
        kind: 'success',
        person: by.id,
        title: `${pick(SUCCESSES)} ${pick(PLACES)}`,
        partners: credited,
        value,
        unit,
      });
      add(ms + between(0.2, 3) * DAY, { kind: 'announce', success });
    }
  }
  const order = new Map(events.map((e, i) => [e.key, i]));
  events.sort(
    (a, b) => a.at.localeCompare(b.at) || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0),
  );
  return { now: options.now.toISOString(), partners, people, series, events };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const TOPICS = [
  'zon',
  'wind',
  'warmte',
  'netcongestie',
  'opslag',
  'participatie',
  'woningisolatie',
];
const PLACES = [
  'Leiden',
  'Alphen',
  'Katwijk',
  'de Rijnstreek',
  'Holland-West',
  'de Duin- en Bollenstreek',
  'Leiderdorp',
  'Noordwijk',
];
const COMMITMENTS = [
  '20 MW zon op bedrijfsdaken vergund',
  'Warmtevisie vastgesteld in de raad',
  '500 huurwoningen geïsoleerd',
  'Netcongestie-aanpak met de netbeheerder afgesproken',
  'Participatieplan voor windpark klaar',
  'Aquathermie-verkenning afgerond',
];
const SUCCESSES = [
  'Zonnepark geopend bij',
  'Warmtenet aangesloten in',
  'Isolatieproject afgerond in',
  'Eerste buurtbatterij in',
];
const UNITS: [string, number, number][] = [
  ['MW', 2, 40],
  ['woningen', 50, 600],
  ['ton CO2', 100, 2000],
];
