/**
 * The digest and community health on the seeded demo region (scripts/demo-region.ts, size
 * region: 30 partners, 150 people, a year), written through the store as `npm run seed:demo`
 * writes it. The expected figures are counted here from the generator's own list of events,
 * as a coordinator would by hand (who joined, shared, proposed or co-signed when; who answered
 * which check-in how), never through the code under test: per partner and for the alliance,
 * each building block now and before and its trend, and every part of the digest. Then the
 * same figures in what people see: the weekly post in every linked channel (local, Slack,
 * Teams; each with the documents its audience may see), `overzicht` and `gezondheid`. After
 * seeding, the region's check-in series is planned (the check-ins keep coming) and the health
 * tally is caught up, as `npm run seed:demo` leaves them.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriesId, seriesRecords } from '../../flows/checkins-record.js';
import { digestFlow } from '../../flows/digest.js';
import { collectDigest, type DigestFacts, forAudience } from '../../flows/digest-collect.js';
import { channelOf } from '../../flows/documents-record.js';
import { healthFlow, healthOf } from '../../flows/health.js';
import { tallies } from '../../flows/health-record.js';
import { generateRegion, type Region, type SeedEventOf } from '../../scripts/demo-region.js';
import { type PlannedRegion, planRegion } from '../../scripts/demo-region-plan.js';
import { keyOf, writeRegion } from '../../scripts/demo-region-write.js';
import type { Alliance } from '../../src/domain/alliance.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { digestFiring } from '../helpers/digest.js';
import {
  CARLA,
  CHANNEL,
  cardOf,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SAM,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';
import { REDIS_SETTINGS } from '../helpers/redis.js';
import { byHand, type Expected, TREND_NL } from './digest-region-by-hand.js';

const CORE_CHANNEL = 'local:kit:kernteam';
const TEAMS_CHANNEL = 'teams:11111111-0000-0000-0000-0000000000aa:19:kit@thread.tacv2';

let kit: Kit;
let region: Region;
let alliance: Alliance;
/** When the figures are read (the region's activity ends a little before). */
let now: Date;
let expected: Expected;
/** The queue the seeder plans the check-in series in, and what it planned. */
let queue: QueueRuntime;
let planned: PlannedRegion;

beforeAll(async () => {
  now = new Date();
  region = generateRegion({ size: 'region', seed: 2026, now, idPrefix: 'local:kit' });
  const core = region.partners.filter((p) => p.core).map((p) => p.name);
  kit = await startKit({
    flows: [digestFlow, healthFlow],
    config: kitConfig(
      kitAlliance({
        partners: region.partners.map((p) => ({ name: p.name, type: p.type })),
        coreTeam: core,
        channels: {
          local: [CHANNEL, { id: CORE_CHANNEL, audience: 'core' }],
          slack: [SLACK_CHANNEL],
          teams: [TEAMS_CHANNEL],
        },
      }),
    ),
    adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
  });
  const found = kit.directory.get(KIT);
  if (!found) throw new Error('no kit alliance');
  alliance = found;
  await writeRegion(kit.store, alliance, region, { spokesperson: SAM });
  queue = new QueueRuntime({
    redis: REDIS_SETTINGS,
    prefix: kit.prefix,
    store: kit.store,
    directory: kit.directory,
    log: pino({ level: 'silent' }),
  });
  planned = await planRegion(kit.store, queue.schedules, alliance, region, new Date(), CARLA);
  // Read after everything was logged (the log is read by when entries were written), and
  // counted by hand for that moment.
  now = new Date();
  expected = byHand(region, now, new Set(region.partners.filter((p) => p.core).map((p) => p.id)));
}, 60_000);
afterAll(async () => {
  await queue.close();
  await kit.stop();
});

const name = (id: string) => region.partners.find((p) => p.id === id)?.name ?? id;

describe('the seeded region', () => {
  it('is the same for the same seed and moment, another for another seed', () => {
    const at = new Date('2027-03-01T12:00:00Z');
    const a = generateRegion({ size: 'region', seed: 7, now: at });
    expect(generateRegion({ size: 'region', seed: 7, now: at })).toEqual(a);
    expect(generateRegion({ size: 'region', seed: 8, now: at }).events).not.toEqual(a.events);
    expect([a.partners.length, a.people.length]).toEqual([30, 150]);
    const small = generateRegion({ size: 'small', seed: 7, now: at });
    expect([small.partners.length, small.people.length]).toEqual([8, 30]);
    const first = Date.parse(a.events[0]?.at ?? '');
    expect(at.getTime() - first).toBeGreaterThan(360 * 86_400_000);
    expect(Date.parse(a.events.at(-1)?.at ?? '')).toBeLessThan(at.getTime());
  });
});

describe('after seeding', () => {
  it('plans the check-in series of the seeded rounds, its next check-in two weeks after the last', async () => {
    const rounds = region.events.filter((e) => e.kind === 'round');
    const last = rounds.at(-1);
    if (!last) throw new Error('no rounds');
    // The series the seeded rounds belong to (checkins.round's seriesId).
    const id = seriesId(keyOf(region.series));
    const series = await seriesRecords(kit.store).get(KIT, id);
    expect(series?.status).toBe('active');
    expect(series?.every).toBe('biweekly');
    expect(series?.history[0]?.by).toBe(CARLA);
    const scheduled = (await queue.schedules.list(KIT)).find((s) => s.id === id);
    const next = scheduled?.next?.getTime() ?? 0;
    // The same weekday and time of day (within a quarter of an hour, and a DST hour).
    const after = Date.parse(last.at) + 14 * 86_400_000;
    expect(Math.abs(next - after)).toBeLessThanOrEqual(75 * 60_000);
    expect(next).toBeGreaterThan(Date.now());
    expect(planned.next?.getTime()).toBe(next);
  });

  it('has the health tally caught up with the whole log', async () => {
    const [top] = await kit.redis.xrevrange(kit.store.keys.activity(KIT), '+', '-', 'COUNT', 1);
    expect((await kit.store.collection(tallies).get(KIT, 'tally'))?.cursor).toBe(top?.[0]);
    expect(planned.folded).toBe(await kit.store.activity.length(KIT));
  });
});

describe('community health on the seeded region, against counts by hand', () => {
  it('is right for every partner: each block now and before', async () => {
    const h = await healthOf(kit.store, alliance, now);
    expect(h.partnerCount).toBe(30);
    const got = Object.fromEntries(h.rows.map((r) => [r.id, r.blocks]));
    expect(got).toEqual(expected.partners);
    // The region is not trivially uniform: every block differs between partners.
    for (const block of ['connected', 'contributing', 'collaborating', 'coCreating'] as const)
      expect(new Set(Object.values(expected.partners).map((p) => p[block].now)).size).toBe(
        block === 'collaborating' ? 3 : 2,
      );
  });

  it('is right for the alliance: how many partners now and before, of how many, and the trend', async () => {
    const h = await healthOf(kit.store, alliance, now);
    expect(h.alliance).toEqual(expected.alliance);
  });
});

describe('the digest on the seeded region, against counts by hand', () => {
  let d: DigestFacts;
  beforeAll(async () => {
    d = await collectDigest(kit.store, alliance, now);
  });

  it('names the partners and people new this week', () => {
    expect([...d.partners].sort()).toEqual(expected.newPartners.map(name).sort());
    expect(expected.newPartners.length).toBeGreaterThan(0);
    expect([...d.people].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      expected.newPeople.map((p) => ({ name: p.name, partner: name(p.partnerId) })),
    );
  });

  it('lists the documents shared this week, each channel only what its audience may see', () => {
    expect(d.documents.map((x) => x.title).sort()).toEqual(
      expected.documents.map((s) => s.title).sort(),
    );
    const seen = (channel: string) =>
      forAudience(alliance, d, channelOf(KIT, channel))
        .documents.map((x) => x.title)
        .sort();
    const title = (s: SeedEventOf<'share'>) => s.title;
    expect(seen(CHANNEL)).toEqual(expected.documentsForAll.map(title).sort());
    expect(seen(SLACK_CHANNEL)).toEqual(expected.documentsForAll.map(title).sort());
    expect(seen(CORE_CHANNEL)).toEqual(expected.documentsForCore.map(title).sort());
    expect(expected.documents.length).toBeGreaterThan(expected.documentsForAll.length);
  });

  it('tells the ideas, initiatives and successes of the week', () => {
    const key = (i: { title: string; initiative: boolean }) => `${i.initiative}:${i.title}`;
    expect(d.ideas.map(key).sort()).toEqual(expected.ideas.map(key).sort());
    expect([...d.successes].sort()).toEqual([...expected.successes].sort());
  });

  it('sums up the last check-in that closed', () => {
    expect(d.checkin).toEqual(expected.checkin);
  });

  it('names the reviews of the coming two weeks, soonest first', () => {
    expect(d.reviews.map((r) => r.reviewOn)).toEqual(expected.reviews.map((r) => r.reviewOn));
    expect(d.reviews.map((r) => r.title).sort()).toEqual(
      expected.reviews.map((r) => r.title).sort(),
    );
  });

  it('carries the alliance health', () => {
    expect(d.health).toEqual(expected.alliance);
  });
});

describe('what people see', () => {
  const field = (c: ReturnType<typeof cardOf>, starts: string) =>
    c.fields.find((f) => f.label.startsWith(starts))?.value ?? '';
  const healthLine = () =>
    (['connected', 'contributing', 'collaborating', 'coCreating'] as const).map((b) => {
      const a = expected.alliance[b];
      return `${a.now}/${a.of} (${TREND_NL[a.trend]})`;
    });

  it('posts the digest in every linked channel on every platform, each with its documents', async () => {
    kit.dispatcher.clear();
    await kit.engine.runJob(digestFiring(KIT, 'region-week'));
    for (const channel of [CHANNEL, CORE_CHANNEL, SLACK_CHANNEL, TEAMS_CHANNEL]) {
      const posted = kit.dispatcher.all.filter(
        (e) => e.to.kind === 'conversation' && e.to.id === channel,
      );
      expect(posted, channel).toHaveLength(1);
      const c = cardOf(posted[0]?.message);
      const health = field(c, 'Gezondheid');
      for (const part of healthLine()) expect(health, channel).toContain(part);
      const docs = channel === CORE_CHANNEL ? expected.documentsForCore : expected.documentsForAll;
      const listed = field(c, 'Gedeelde documenten');
      for (const doc of docs) expect(listed, channel).toContain(doc.title);
      for (const p of expected.newPartners) expect(field(c, 'Nieuwe partners')).toContain(name(p));
    }
  });

  it('shows a coordinator every partner in gezondheid, with the figures by hand', async () => {
    kit.dispatcher.clear();
    await kit.engine.handle(say(CARLA, 'gezondheid'));
    const mine = kit.dispatcher.all.filter(
      (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === CARLA,
    );
    const c = cardOf(mine.at(-1)?.message);
    for (const [label, block] of [
      ['Verbonden', 'connected'],
      ['Bijdragend', 'contributing'],
      ['Samenwerkend', 'collaborating'],
      ['Co-creërend', 'coCreating'],
    ] as const) {
      const a = expected.alliance[block];
      expect(field(c, label)).toBe(
        `${a.now} van ${a.of} partners, was ${a.before} (${TREND_NL[a.trend]})`,
      );
    }
    const lines = (c.text ?? '').split('\n');
    for (const p of region.partners) {
      const line = lines.find((l) => l.startsWith(`${p.name}: `)) ?? '';
      const s = expected.partners[p.id];
      const word = (v: boolean | null | undefined) =>
        v === null ? 'nog niet gemeten' : v ? 'ja' : 'nee';
      expect(line, p.name).toContain(`Verbonden: ${word(s?.connected.now)}`);
      expect(line, p.name).toContain(`Bijdragend: ${word(s?.contributing.now)}`);
      expect(line, p.name).toContain(`Samenwerkend: ${word(s?.collaborating.now)}`);
      expect(line, p.name).toContain(`Co-creërend: ${word(s?.coCreating.now)}`);
    }
  });
});
