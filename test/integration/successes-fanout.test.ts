/**
 * An approved success reaches each linked Slack and Teams channel exactly once: the real app
 * with both adapters on, against the Slack Web API stand-in and the Bot Connector stand-in,
 * three linked channels on each platform, 429s with Retry-After injected on both, and the
 * approving press delivered twice (a doubled trigger). Then celebrations from both platforms:
 * every copy ends up showing the count.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConversationRefs } from '../../adapters/teams/conversation-refs.js';
import { successRecords } from '../../flows/successes-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { BOT_ID, startTeamsHarness, TENANT, type TeamsHarness } from '../fakes/teams-app.js';
import { eventually } from '../helpers/queue.js';
import { testRedis } from '../helpers/redis.js';
import { SIGNING_SECRET } from '../helpers/slack.js';

const A = 'fanout-alliantie';
const TEAM = 'T0DEMO01';
const SLACK_CHANNELS = ['C0FAN0001', 'C0FAN0002', 'C0FAN0003'];
const TEAMS_CHANNELS = ['19:fan-1@thread.tacv2', '19:fan-2@thread.tacv2', '19:fan-3@thread.tacv2'];
const ANNA = `slack:${TEAM}:U0ANNA001`;
const FATIMA = `slack:${TEAM}:U0FATIMA1`;
const PIETER = `teams:${TENANT}:30000000-0000-0000-0000-00000000fa01`;
const TITLE = 'Zonnepark Valkenburg levert stroom';

let dir: string;
let api: FakeSlackApi;
let h: TeamsHarness;
let n = 0;

function configFile(): string {
  dir = mkdtempSync(join(tmpdir(), 'successes-fanout-'));
  const file = join(dir, 'alliances.yaml');
  writeFileSync(
    file,
    stringify({
      alliances: [
        {
          id: A,
          name: 'Energieregio Fan-out',
          ambition: 'Samen 2 TWh duurzame stroom in 2030.',
          houseRules: ['We delen wat we weten.'],
          spokespersonApproval: true,
          coordinators: [{ name: 'Joost Vermeulen', ids: [`slack:${TEAM}:U0JOOST01`] }],
          spokespersons: [{ name: 'Fatima El Amrani', ids: [FATIMA] }],
          channels: {
            slack: SLACK_CHANNELS.map((c) => `slack:${TEAM}:${c}`),
            teams: TEAMS_CHANNELS.map((c) => `teams:${TENANT}:${c}`),
          },
          partners: [
            { name: 'Gemeente Leiden', type: 'gemeente' },
            { name: 'Stedin', type: 'netbeheerder' },
          ],
          milestones: { MW: [10] },
        },
      ],
    }),
  );
  return file;
}

const event = (userId: string, extra: Record<string, unknown>): InboundEvent =>
  ({
    eventId: `fanout-${++n}`,
    platform: userId.split(':')[0],
    actor: { userId },
    conversation: { id: `${userId.split(':').slice(0, 2).join(':')}:D0${n}`, kind: 'direct' },
    ...extra,
  }) as InboundEvent;

/** The success's announcement copies each channel received (posts, not updates). */
function announcements(): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of api.of('chat.postMessage'))
    if (JSON.stringify(c.args).includes(`Energieregio Fan-out: ${TITLE}`)) {
      const ch = String(c.args.channel);
      out.set(`slack:${ch}`, (out.get(`slack:${ch}`) ?? 0) + 1);
    }
  for (const c of h.connector.posted())
    if (JSON.stringify(c.body).includes(`Energieregio Fan-out: ${TITLE}`))
      out.set(`teams:${c.conversationId}`, (out.get(`teams:${c.conversationId}`) ?? 0) + 1);
  return out;
}

/** The latest version of the copy in each channel (the post, or its last update). */
function latestCopies(): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of api.calls)
    if (
      (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
      JSON.stringify(c.args).includes(TITLE) &&
      SLACK_CHANNELS.includes(String(c.args.channel))
    )
      out.set(`slack:${String(c.args.channel)}`, JSON.stringify(c.args));
  for (const c of h.connector.calls)
    if (
      (c.kind === 'send' || c.kind === 'update') &&
      TEAMS_CHANNELS.includes(c.conversationId) &&
      JSON.stringify(c.body).includes(TITLE)
    )
      out.set(`teams:${c.conversationId}`, JSON.stringify(c.body));
  return out;
}

async function settled(): Promise<void> {
  await eventually(async () => {
    const counts = await h.app.app.queue.delivery.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'failed',
    );
    const busy = Object.entries(counts).filter(([, v]) => v > 0);
    return busy.length === 0 || `deliveries left: ${JSON.stringify(counts)}`;
  }, 40_000);
}

beforeAll(async () => {
  api = new FakeSlackApi();
  await api.start();
  h = await startTeamsHarness({
    allianceConfigPath: configFile(),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: api.token,
    SLACK_API_URL: api.url,
  });
  // The bot is in each Teams channel (as an install leaves it): its conversation references.
  const redis = testRedis();
  const refs = new ConversationRefs(redis, h.app.prefix);
  for (const channel of TEAMS_CHANNELS)
    await refs.remember(
      `teams:${TENANT}:${channel}`,
      {
        serviceUrl: h.connector.url,
        channelId: 'msteams',
        tenantId: TENANT,
        bot: { id: BOT_ID, name: 'Alliantiebot' },
        conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      },
      undefined,
      true,
    );
  await redis.quit();
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an approved success on Slack and Teams', () => {
  it('reaches every linked channel exactly once, with 429s on both platforms', async () => {
    const engine = h.app.app.engine;
    const proposed = await engine.handle(
      event(ANNA, {
        type: 'form_submitted',
        formId: 'successes.propose',
        context: A,
        values: {
          title: TITLE,
          story: 'Het zonnepark levert stroom aan 3.000 huishoudens.',
          partners: ['gemeente-leiden', 'stedin'],
          impactValue: '12',
          impactUnit: 'MW',
          link: 'https://example.org/valkenburg',
        },
      }),
    );
    expect(proposed.error).toBeUndefined();
    const [success] = await successRecords(h.app.app.store).list(A);
    if (!success) throw new Error('not stored');
    expect(success.status).toBe('pending');
    // Nothing goes out before the spokesperson approves.
    await settled();
    expect(announcements().size).toBe(0);

    // 429s with Retry-After on both platforms, while the fan-out runs.
    api.rateLimitNext(4, 1, 'chat.postMessage');
    for (const channel of TEAMS_CHANNELS) h.connector.failNext(429, 2, 1, channel);
    const approve = event(FATIMA, {
      type: 'button_pressed',
      actionId: 'successes.approve',
      value: success.id,
    });
    // Delivered twice at once (a doubled trigger), and once more later.
    await Promise.all([engine.handle(approve), engine.handle(approve)]);
    await engine.handle(approve);

    const expected = [
      ...SLACK_CHANNELS.map((c) => `slack:${c}`),
      ...TEAMS_CHANNELS.map((c) => `teams:${c}`),
    ].sort();
    await eventually(() => {
      const got = announcements();
      return got.size === expected.length || `${got.size} of ${expected.length} channels`;
    }, 40_000);
    await settled();
    const got = announcements();
    expect([...got.keys()].sort()).toEqual(expected);
    expect([...got.values()].every((count) => count === 1)).toBe(true);
    // The 429s were met (and waited out), on both platforms.
    expect(api.rejected.some((c) => c.method === 'chat.postMessage')).toBe(true);
    expect(h.connector.rejected.length).toBeGreaterThanOrEqual(TEAMS_CHANNELS.length);
    // The milestone (10 MW together), once per channel.
    const milestones = [
      ...api.of('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('samen 10 MW')),
      ...h.connector.posted().filter((c) => JSON.stringify(c.body).includes('samen 10 MW')),
    ];
    expect(milestones).toHaveLength(expected.length);
  }, 90_000);

  it('shows the celebrate count on every copy, from both platforms', async () => {
    const engine = h.app.app.engine;
    const [success] = await successRecords(h.app.app.store).list(A);
    if (!success) throw new Error('not stored');
    await Promise.all([
      engine.handle(
        event(PIETER, {
          type: 'button_pressed',
          actionId: 'successes.celebrate',
          value: success.id,
        }),
      ),
      engine.handle(
        event(ANNA, { type: 'button_pressed', actionId: 'successes.celebrate', value: success.id }),
      ),
    ]);
    // Every copy's latest version shows 2 (after the refresh that follows celebrations).
    await eventually(() => {
      const copies = latestCopies();
      const showing = [...copies.values()].filter((c) => c.includes('Vier mee (2)')).length;
      return showing === 6 || `${showing} of 6 copies show the count`;
    }, 40_000);
    expect((await successRecords(h.app.app.store).get(A, success.id))?.celebratedBy).toHaveLength(
      2,
    );
  }, 60_000);
});
