/**
 * The health chart through the flows, against real Redis: with a PUBLIC_URL the `gezondheid`
 * answer and the weekly digest carry the trend as a picture whose token the flows got through
 * their context (`ctx.charts`) and which the web process serves (PNG and SVG); its text
 * alternative is the trend per block in words, worked out by hand from the events below, in
 * the reader's language. Without a PUBLIC_URL there is no picture and nothing is kept: the
 * words stand on the card alone. The weekly post's chart is kept about a year, an answer's a
 * week; every channel's copy shows the same chart.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFlow } from '../../flows/digest.js';
import { healthFlow } from '../../flows/health.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { chartTokensOf } from '../../src/engine/charts.js';
import { chartsRoute } from '../../src/http/charts.js';
import { createHttpServer, listen, type RunningServer } from '../../src/http/server.js';
import type { ActivityType } from '../../src/store/activity-log.js';
import { digestFiring } from '../helpers/digest.js';
import {
  CARLA,
  CHANNEL,
  cardOf,
  KIT,
  type Kit,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';
import { keysWithPrefix } from '../helpers/redis.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let kit: Kit;
let http: RunningServer;
let publicUrl: string | undefined;

async function join(userId: string, partnerId: string, name: string, daysAgo: number) {
  const at = ago(daysAgo);
  await registerMember(kit.store, {
    allianceId: KIT,
    userId,
    partnerId,
    partnerName: name,
    name: `${name} persoon`,
    joinedAt: at,
  });
}
const log = (type: ActivityType, partner: string, daysAgo: number) =>
  kit.store.activity.append(KIT, { type, partner, at: ago(daysAgo), data: {} });

const answerTo = (envelopes: readonly OutboundEnvelope[], userId: string) =>
  cardOf(
    envelopes
      .filter(
        (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId,
      )
      .at(-1)?.message,
  );

async function health(locale: 'nl' | 'en' = 'nl') {
  kit.dispatcher.clear();
  await kit.engine.handle(say(CARLA, locale === 'nl' ? 'gezondheid' : 'health', { locale }));
  return answerTo(kit.dispatcher.all, CARLA);
}

const chartKeys = async () =>
  (await keysWithPrefix(kit.redis, kit.prefix)).filter((k) => k.startsWith(`${kit.prefix}{c:`));
const tokenOf = (url: string) => /\/charts\/([A-Za-z0-9_-]{43})\.(png|svg)$/.exec(url)?.[1] ?? '';

beforeAll(async () => {
  kit = await startKit({ flows: [healthFlow, digestFlow], linkBase: () => publicUrl });
  const server = createHttpServer({
    routes: [chartsRoute((token) => chartTokensOf(kit.store).get(token))],
    ready: async () => true,
    log: pino({ level: 'silent' }),
  });
  http = await listen(server, 0);
  // Leiden joined 100 days ago, was introduced 50 days ago and shared a document 10 days ago;
  // Rijnland joined 20 days ago and did nothing else yet.
  await join('local:kit:anna', 'leiden', 'Gemeente Leiden', 100);
  await join('local:kit:pieter', 'rijnland', 'Rijnland', 20);
  await log('introduction.connected', 'leiden', 50);
  await log('document.shared', 'leiden', 10);
});
afterAll(async () => {
  await http?.close();
  await kit?.stop();
});

// By hand, the weeks ending 49 days ago (only Leiden had joined) and today (both):
// connected Leiden both times; contributing Leiden today (its share 10 days ago), nobody 49
// days ago (nothing in the 30 days before); no check-in, no idea.
const NL =
  'Grafiek van de laatste 8 weken (nu, en wat het 8 weken geleden was): Verbonden: 1 van 2 partners, was 1; Bijdragend: 1 van 2 partners, was 0; Samenwerkend: nog niet gemeten; Co-creërend: 0 van 2 partners, was 0.';
const EN =
  'Chart of the last 8 weeks (now, and what it was 8 weeks ago): Connected: 1 of 2 partners, was 1; Contributing: 1 of 2 partners, was 0; Collaborating: not measured yet; Co-creating: 0 of 2 partners, was 0.';

describe('with a PUBLIC_URL', () => {
  beforeAll(() => {
    publicUrl = `http://127.0.0.1:${http.port}`;
  });

  it('gezondheid carries the trend as a picture the web process serves, with its words', async () => {
    const card = await health();
    expect(card.image?.alt).toBe(NL);
    expect(card.image?.url).toMatch(new RegExp(`^${publicUrl}/charts/[A-Za-z0-9_-]{43}\\.png$`));
    expect(card.image?.vectorUrl).toBe(card.image?.url.replace(/\.png$/, '.svg'));
    // The words are on the card once: as the picture's alternative, not as a field too.
    expect(card.fields.some((f) => f.value === NL)).toBe(false);
    const png = await fetch(card.image?.url ?? '');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const svg = await fetch(card.image?.vectorUrl ?? '');
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain(`<title>${NL}</title>`);
    // An answer's chart is kept a week.
    const ttl = await chartTokensOf(kit.store).ttl(tokenOf(card.image?.url ?? ''));
    expect(ttl).toBeGreaterThan(7 * 86_400 - 60);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400);
  });

  it('says it in English to someone who speaks English', async () => {
    const card = await health('en');
    expect(card.image?.alt).toBe(EN);
    const svg = await (await fetch(card.image?.vectorUrl ?? '')).text();
    for (const block of ['Connected', 'Contributing', 'Collaborating', 'Co-creating'])
      expect(svg).toContain(block);
  });

  it('the weekly digest shows one chart in every channel, kept about a year', async () => {
    kit.dispatcher.clear();
    await kit.engine.runJob(digestFiring(KIT, 'digest-chart-week'));
    const posted = [CHANNEL, SLACK_CHANNEL].map((channel) => {
      const found = kit.dispatcher.all.filter(
        (e) => e.to.kind === 'conversation' && e.to.id === channel,
      );
      expect(found).toHaveLength(1);
      return cardOf(found[0]?.message);
    });
    const [local, slack] = posted;
    expect(local?.image?.alt).toBe(NL);
    expect(slack?.image?.url).toBe(local?.image?.url);
    const ttl = await chartTokensOf(kit.store).ttl(tokenOf(local?.image?.url ?? ''));
    expect(ttl).toBeGreaterThan(365 * 86_400);
    expect((await fetch(local?.image?.url ?? '')).status).toBe(200);
  });
});

describe('without a PUBLIC_URL', () => {
  beforeAll(() => {
    publicUrl = undefined;
  });

  it('shows no picture and keeps nothing: the words stand alone on the card', async () => {
    const before = await chartKeys();
    const card = await health();
    expect(card.image).toBeUndefined();
    expect(card.fields.find((f) => f.label === 'Verloop')?.value).toBe(NL);
    expect(await chartKeys()).toEqual(before);
  });
});
