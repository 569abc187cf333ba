/**
 * Replayed and duplicated deliveries act once, whatever fast-check makes of them: a few
 * distinct requests, each delivered one to four times, the copies all at once and in any
 * order — Slack events (retried with X-Slack-Retry-Num) and slash commands (the same
 * trigger), Teams activities (the same activity id), web chat writes (the same client id).
 * Each request is answered exactly once: checked after the app settled (nothing left in the
 * journal or the queues), not after a pause.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettled } from '../contract/settle.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { BOT_ID, startTeamsHarness, TENANT, type TeamsHarness } from '../fakes/teams-app.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { postForm, postJson, slashCommandFields, startSlackTestApp } from '../helpers/slack.js';

const RUNS = Number(process.env.FUZZ_REPLAY_RUNS ?? 5);
const TIMEOUT = 600_000;

/** One to four copies of each request, shuffled together. */
const deliveries = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })
  .chain((copies) =>
    fc
      .shuffledSubarray(
        copies.flatMap((k, i) => Array.from({ length: k }, (_, copy) => ({ i, copy }))),
        { minLength: copies.reduce((a, b) => a + b, 0) },
      )
      .map((order) => ({ requests: copies.length, order })),
  );

let seq = 0;
const counts: Record<string, number> = {};
const counted = (what: string, n: number) => {
  counts[what] = (counts[what] ?? 0) + n;
};

describe('replayed and duplicated deliveries act once', () => {
  const api = new FakeSlackApi('xoxb-test-token', true, { channelBurst: 100 });
  let slack: TestApp;
  let teams: TeamsHarness;
  let local: TestApp;

  beforeAll(async () => {
    await api.start();
    slack = await startSlackTestApp(api);
    teams = await startTeamsHarness();
    local = await startTestApp();
  });
  afterAll(async () => {
    console.info(
      `[fuzz-replays] deliveries: ${Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join('; ')}`,
    );
    await slack?.stop();
    await teams?.stop();
    await local?.stop();
    await api.stop();
  });

  it(
    'Slack events, retried by Slack',
    async () => {
      await fc.assert(
        fc.asyncProperty(deliveries, async ({ requests, order }) => {
          const run = ++seq;
          const user = (i: number) => `U0RPL${run}X${i}`;
          const channel = (i: number) => `D0RPL${run}X${i}`;
          const event = (i: number) => ({
            type: 'event_callback',
            team_id: 'T0DEMO01',
            event_id: `Ev0RPL${run}X${i}`,
            event_time: 1,
            event: {
              type: 'message',
              channel_type: 'im',
              channel: channel(i),
              user: user(i),
              text: 'hulp',
              ts: `${run}.${i}`,
            },
          });
          const statuses = await Promise.all(
            order.map(({ i, copy }) =>
              postJson(
                `${slack.baseUrl}/slack/events`,
                event(i),
                copy === 0 ? {} : { retryNum: copy },
              ).then((r) => r.status),
            ),
          );
          counted('Slack events', order.length);
          expect(statuses.every((s) => s === 200)).toBe(true);
          const answers = (i: number) =>
            api.of('chat.postMessage').filter((c) => c.args.channel === channel(i)).length;
          await eventually(() =>
            Array.from({ length: requests }, (_, i) => answers(i)).every((n) => n > 0)
              ? true
              : 'not all answered',
          );
          await appSettled(slack);
          for (let i = 0; i < requests; i++) expect(answers(i)).toBe(1);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'Slack slash commands, delivered twice with the same trigger',
    async () => {
      await fc.assert(
        fc.asyncProperty(deliveries, async ({ requests, order }) => {
          const run = ++seq;
          const user = (i: number) => `U0CMD${run}X${i}`;
          const fields = Array.from({ length: requests }, (_, i) =>
            slashCommandFields(api, { user: user(i), text: 'hulp' }),
          );
          const statuses = await Promise.all(
            order.map(({ i }) =>
              postForm(`${slack.baseUrl}/slack/events`, fields[i] ?? {}).then((r) => r.status),
            ),
          );
          counted('Slack slash commands', order.length);
          expect(statuses.every((s) => s === 200)).toBe(true);
          const answers = (i: number) => api.answersFor(user(i)).length;
          await eventually(() =>
            Array.from({ length: requests }, (_, i) => answers(i)).every((n) => n > 0)
              ? true
              : 'not all answered',
          );
          await appSettled(slack);
          for (let i = 0; i < requests; i++) expect(answers(i)).toBe(1);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'Teams activities, delivered again with the same id',
    async () => {
      await fc.assert(
        fc.asyncProperty(deliveries, async ({ requests, order }) => {
          const run = ++seq;
          const conversation = (i: number) => `a:rpl-${run}-${i}`;
          const activity = (i: number) => ({
            type: 'message',
            id: `rpl-${run}-${i}`,
            channelId: 'msteams',
            serviceUrl: teams.connector.url,
            from: {
              id: `29:1rpl${run}x${i}`,
              name: 'Replay',
              aadObjectId: `40000000-0000-0000-0000-${String(run * 10 + i).padStart(12, '0')}`,
            },
            recipient: { id: BOT_ID, name: 'Alliantiebot' },
            conversation: { id: conversation(i), conversationType: 'personal', tenantId: TENANT },
            channelData: { tenant: { id: TENANT } },
            text: 'hulp',
          });
          const statuses = await Promise.all(
            order.map(({ i }) => teams.post(activity(i)).then((r) => r.status)),
          );
          counted('Teams activities', order.length);
          expect(statuses.every((s) => s === 200)).toBe(true);
          const answers = (i: number) => teams.connector.posted(conversation(i)).length;
          await eventually(() =>
            Array.from({ length: requests }, (_, i) => answers(i)).every((n) => n > 0)
              ? true
              : 'not all answered',
          );
          await appSettled(teams.app);
          for (let i = 0; i < requests; i++) expect(answers(i)).toBe(1);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    'web chat writes, sent again with the same client id',
    async () => {
      const persona = 'local:demo:pieter';
      const conversation = 'local:demo:dm-pieter';
      const history = async () => {
        const res = await fetch(
          `${local.baseUrl}/local/api/messages?${new URLSearchParams({ as: persona, conversation })}`,
        );
        const { messages } = (await res.json()) as { messages: unknown[] };
        return messages;
      };
      await fc.assert(
        fc.asyncProperty(deliveries, async ({ requests, order }) => {
          const run = ++seq;
          const before = (await history()).length;
          const statuses = await Promise.all(
            order.map(({ i }) =>
              fetch(`${local.baseUrl}/local/api/messages`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({
                  as: persona,
                  conversation,
                  text: 'hulp',
                  clientId: `rpl-${run}-${i}`,
                }),
              }).then((r) => r.status),
            ),
          );
          counted('web chat writes', order.length);
          expect(statuses.every((s) => s === 202)).toBe(true);
          await appSettled(local);
          // Each distinct write once: the person's words and the bot's one answer.
          expect((await history()).length - before).toBe(requests * 2);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
