/**
 * Community health on the Slack App Home, end to end: the real app in Slack mode, a Web API
 * stand-in that checks views.publish as Slack does (test/fakes/slack-views.ts). Two partners
 * with a known history (written as the flows write it); a signed `app_home_opened` event from
 * Slack's recorded payload → the stand-in receives views.publish for that person with the
 * health figures, worked out by hand below: a coordinator sees every partner, a partner's
 * member the alliance and their own — with the health trend chart the app serves under
 * PUBLIC_URL. The stand-in itself refuses what Slack refuses.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityType } from '../../src/store/activity-log.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { registerMember } from '../helpers/members.js';
import { eventually } from '../helpers/queue.js';
import { postJson, startSlackTestApp } from '../helpers/slack.js';

const ALLIANCE = 'energieregio-west';
const PUBLIC = 'https://alliantiebot.example.org';
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const opened = JSON.parse(
  readFileSync('../shared/fixtures/slack/event_app_home_opened_home.json', 'utf8'),
) as { event: Record<string, string> };

const api = new FakeSlackApi();
let t: TestApp;
let seq = 0;

async function join(user: string, partnerId: string, partner: string, name: string) {
  const at = ago(100);
  await registerMember(t.app.store, {
    allianceId: ALLIANCE,
    userId: `slack:T0DEMO01:${user}`,
    partnerId,
    partnerName: partner,
    name,
    joinedAt: at,
  });
}

const log = (type: ActivityType, partner: string, days: number) =>
  t.app.store.activity.append(ALLIANCE, { type, partner, at: ago(days), data: {} });

/** Slack tells the app that `user` opened its Home tab; the view the stand-in then keeps. */
async function openHome(user: string): Promise<string> {
  api.homeTab.views.delete(user);
  const res = await postJson(`${t.baseUrl}/slack/events`, {
    ...opened,
    team_id: 'T0DEMO01',
    event_id: `Ev0HEALTH${++seq}`,
    event: { ...opened.event, user, channel: `D${user.slice(1)}` },
  });
  expect(res.status).toBe(200);
  await eventually(
    () =>
      api.homeTab.views.has(user)
        ? true
        : `no home for ${user}: ${JSON.stringify(api.of('views.publish').map((c) => c.result))}`,
    10_000,
  );
  const view = api.homeTab.views.get(user);
  expect(view?.type).toBe('home');
  expect((view?.blocks as unknown[] | undefined)?.length).toBeLessThanOrEqual(100);
  return JSON.stringify(view);
}

beforeAll(async () => {
  await api.start();
  t = await startSlackTestApp(api, { PUBLIC_URL: PUBLIC });
  // Slack downloads the chart from PUBLIC_URL: here it reaches the app under test there.
  api.images.reach(PUBLIC, t.baseUrl);
  // Gemeente Leiden: introduced 50 days ago, a document 3 days ago, an idea 10 days ago.
  // Rijnland: never introduced, its only document 40 days ago, no ideas. No check-ins yet.
  await join('U0ANNA001', 'gemeente-leiden', 'Gemeente Leiden', 'Anna de Vries');
  await join(
    'U0PIETER1',
    'hoogheemraadschap-van-rijnland',
    'Hoogheemraadschap van Rijnland',
    'Pieter Bakker',
  );
  await log('introduction.connected', 'gemeente-leiden', 50);
  await log('document.shared', 'gemeente-leiden', 3);
  await log('idea.proposed', 'gemeente-leiden', 10);
  await log('document.shared', 'hoogheemraadschap-van-rijnland', 40);
});

afterAll(async () => {
  await t?.stop();
  await api.stop();
});

describe('the App Home shows community health', () => {
  // The config names seven partners; two of them have a history. By hand:
  // connected — Leiden now and 30 days ago, Rijnland never, the others never: 1 of 7, was 1.
  // Contributing (30 days) — Leiden now (3 days ago), Rijnland before (40 days ago): 1, was 1.
  // Co-creating (90 days) — Leiden now (10 days ago), nobody before: 1, was 0, rising.
  // Collaborating — no check-in yet: not measured.
  const alliance = [
    'Verbonden — aangemeld en voorgesteld aan iemand van een andere partner: 1 van 7 partners, was 1 (gelijk)',
    'Bijdragend — een document gedeeld of een vraag beantwoord, laatste 30 dagen: 1 van 7 partners, was 1 (gelijk)',
    'Samenwerkend — de laatste check-in beantwoord, alle afspraken op schema: nog niet gemeten',
    'Co-creërend — een idee voorgesteld of ondertekend, laatste 90 dagen: 1 van 7 partners, was 0 (stijgend)',
  ];
  const leiden =
    'Gemeente Leiden: Verbonden: ja · Bijdragend: ja (was nee) · Samenwerkend: nog niet gemeten · Co-creërend: ja (was nee)';
  const rijnland =
    'Hoogheemraadschap van Rijnland: Verbonden: nee · Bijdragend: nee (was ja) · Samenwerkend: nog niet gemeten · Co-creërend: nee';

  it('to a coordinator: the alliance and every partner, the one slipping back first', async () => {
    const view = await openHome('U0JOOST01');
    expect(api.of('views.publish').at(-1)?.args.user_id).toBe('U0JOOST01');
    expect(view).toContain('Gezondheid van Energieregio Holland-West');
    for (const line of alliance) expect(view).toContain(line);
    expect(view).toContain('Per partner (wie achteruitgaat staat bovenaan)');
    expect(view.indexOf(rijnland)).toBeGreaterThan(-1);
    expect(view.indexOf(leiden)).toBeGreaterThan(view.indexOf(rijnland));
    // Every partner, also those with no history yet.
    expect(view).toContain(
      'Stedin: Verbonden: nee · Bijdragend: nee · Samenwerkend: nog niet gemeten · Co-creërend: nee',
    );
    // Still the home: what the person can do.
    expect(view).toContain('/alliance overzicht plannen');
  });

  it('with the trend chart: an image block the app serves, and its words for screen readers', async () => {
    await openHome('U0JOOST01');
    const blocks = api.homeTab.views.get('U0JOOST01')?.blocks as Record<string, string>[];
    const image = blocks.find((b) => b.type === 'image');
    expect(image?.image_url).toMatch(/^https:\/\/alliantiebot\.example\.org\/charts\/[\w-]+\.png$/);
    expect(image?.alt_text).toContain('Verbonden');
    const served = await fetch(`${t.baseUrl}${new URL(image?.image_url ?? '').pathname}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('image/png');
  });

  it("to a partner's member: the alliance and their own partner only", async () => {
    const view = await openHome('U0ANNA001');
    for (const line of alliance) expect(view).toContain(line);
    expect(view).toContain('Jouw organisatie');
    expect(view).toContain(leiden);
    expect(view).not.toContain('Hoogheemraadschap van Rijnland:');
    expect(view).not.toContain('Stedin:');
    expect(view).not.toContain('/alliance overzicht plannen');
  });
});

describe('the stand-in checks views.publish as Slack does', () => {
  const publish = async (args: Record<string, string>) =>
    (await (
      await fetch(`${api.url}views.publish`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${api.token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(args).toString(),
      })
    ).json()) as { ok: boolean; error?: string; response_metadata?: { messages: string[] } };
  const section = { type: 'section', text: { type: 'mrkdwn', text: 'Hallo' } };

  it('publishes a home view and answers with it', async () => {
    const answer = await publish({
      user_id: 'U0CHECK01',
      view: JSON.stringify({ type: 'home', blocks: [section] }),
    });
    expect(answer).toMatchObject({ ok: true, view: { type: 'home', blocks: [section] } });
  });

  it('refuses a modal, more than 100 blocks, no user, and a Home tab that is off', async () => {
    const modal = await publish({
      user_id: 'U0CHECK01',
      view: JSON.stringify({ type: 'modal', blocks: [section] }),
    });
    expect(modal.error).toBe('invalid_arguments');
    expect(modal.response_metadata?.messages.join()).toContain('/view/type');
    const many = await publish({
      user_id: 'U0CHECK01',
      view: JSON.stringify({ type: 'home', blocks: Array.from({ length: 101 }, () => section) }),
    });
    expect(many.response_metadata?.messages).toEqual([
      '[ERROR] must provide no more than 100 items [json-pointer:/view/blocks]',
    ]);
    const nobody = await publish({ view: JSON.stringify({ type: 'home', blocks: [] }) });
    expect(nobody.error).toBe('invalid_arguments');
    api.homeTab.enabled = false;
    const off = await publish({
      user_id: 'U0CHECK01',
      view: JSON.stringify({ type: 'home', blocks: [section] }),
    });
    api.homeTab.enabled = true;
    expect(off.error).toBe('not_enabled');
  });
});
