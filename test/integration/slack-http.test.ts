/**
 * Slack over HTTP: signatures (Slack's documented test vector, bad and stale ones), the 16
 * recorded payloads, retries, malformed bodies, and deliveries through the Web API stand-in
 * with 429s and 5xx.
 */
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackRoutes } from '../../adapters/slack/routes.js';
import type { InboundEvent } from '../../src/core/events.js';
import { createHttpServer, listen, type RunningServer } from '../../src/http/server.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import {
  postForm,
  postInteraction,
  postJson,
  postSigned,
  slackSignature,
  startSlackTestApp,
} from '../helpers/slack.js';

const FIXTURES = '../shared/fixtures/slack';
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');
const vector = JSON.parse(fixture('signing_test_vector.json')) as {
  signingSecret: string;
  timestamp: string;
  body: string;
  contentType: string;
  expectedSignature: string;
};

describe("Slack's request signing", () => {
  let server: RunningServer;
  const seen: InboundEvent[] = [];
  beforeAll(async () => {
    const routes = createSlackRoutes({
      signingSecret: vector.signingSecret,
      sink: {
        accept: async (e) => {
          seen.push(e);
        },
        handle: async (e) => {
          seen.push(e);
          return { duplicate: false };
        },
      },
      openStashedForm: async () => undefined,
      log: pino({ level: 'silent' }),
      now: () => Number(vector.timestamp) * 1000 + 30_000, // 30 s after Slack signed it
    });
    server = await listen(
      createHttpServer({ routes, ready: async () => true, log: pino({ level: 'silent' }) }),
      0,
      '127.0.0.1',
    );
  });
  afterAll(() => server.close());

  it('computes the documented signature', () => {
    expect(slackSignature(vector.signingSecret, vector.timestamp, vector.body)).toBe(
      vector.expectedSignature,
    );
  });

  it("accepts Slack's documented request, verified by Bolt with an injected clock", async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': vector.contentType,
        'x-slack-request-timestamp': vector.timestamp,
        'x-slack-signature': vector.expectedSignature,
      },
      body: vector.body,
    });
    expect(res.status).toBe(200);
    await eventually(() => (seen.length === 1 ? true : 'not handled'));
    // The words after /alliance go to the core as they are; it reads the command from them.
    expect(seen[0]).toMatchObject({
      type: 'message',
      text: '',
      actor: { userId: 'slack:T1DC2JH3J:U2CERLKJA' },
    });
  });

  it('refuses a request signed with another secret, or sent too late', async () => {
    const before = seen.length;
    const url = `http://127.0.0.1:${server.port}/slack/events`;
    const wrong = await postSigned(url, vector.body, vector.contentType, {
      secret: 'not-the-secret',
      timestamp: Number(vector.timestamp),
    });
    expect(wrong.status).toBe(401);
    const stale = await postSigned(url, vector.body, vector.contentType, {
      secret: vector.signingSecret,
      timestamp: Number(vector.timestamp) - 600,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': vector.contentType },
      body: vector.body,
    });
    expect(unsigned.status).toBe(401);
    expect(seen.length).toBe(before);
  });
});

describe('the Slack adapter in the running bot', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api);
    url = `${t.baseUrl}/slack/events`;
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  it('answers the URL verification challenge', async () => {
    const res = await postSigned(url, fixture('url_verification.json'), 'application/json');
    expect(await res.json()).toEqual({
      challenge: JSON.parse(fixture('url_verification.json')).challenge,
    });
  });

  it('takes all recorded payloads, acts on a mention once, and ignores its own echoes and edits', async () => {
    const before = api.calls.length;
    for (const name of [
      'event_message_bot_self.json',
      'event_message_changed.json',
      'event_message_thread_reply.json',
      'event_reaction_added.json',
      'event_app_home_opened_messages.json',
    ]) {
      expect((await postSigned(url, fixture(name), 'application/json')).status, name).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls.length).toBe(before); // nothing to say to any of these
    // A mention arrives twice (app_mention and message.channels): one answer.
    expect(
      (await postSigned(url, fixture('event_app_mention.json'), 'application/json')).status,
    ).toBe(200);
    expect(
      (await postSigned(url, fixture('event_message_channel_mention.json'), 'application/json'))
        .status,
    ).toBe(200);
    for (const name of [
      'event_app_mention_with_file.json',
      'event_message_im.json',
      'event_member_joined_channel.json',
      'event_app_home_opened_home.json',
    ]) {
      expect((await postSigned(url, fixture(name), 'application/json')).status, name).toBe(200);
    }
    for (const name of ['slash_command.json', 'block_actions_button.form.json']) {
      const { contentType, body } = JSON.parse(fixture(name)) as {
        contentType: string;
        body: string;
      };
      expect((await postSigned(url, body, contentType)).status, name).toBe(200);
    }
    expect((await postInteraction(url, JSON.parse(fixture('view_submission.json')))).status).toBe(
      200,
    );
    // These workspaces are not linked to an alliance: the people who spoke are told so.
    await eventually(() =>
      api.calls.some((c) => String(c.args.text).includes('(nog) niet gekoppeld'))
        ? true
        : 'no answer',
    );
    const mentionChannel = JSON.parse(fixture('event_app_mention.json')).event.channel as string;
    const answersInMentionChannel = () =>
      api.calls.filter(
        (c) => c.method === 'chat.postEphemeral' && c.args.channel === mentionChannel,
      );
    await new Promise((r) => setTimeout(r, 300));
    expect(answersInMentionChannel()).toHaveLength(1);
    expect(answersInMentionChannel()[0]?.args.user).toBe('U00FAKEUSER1');
  });

  it('acts once on an event Slack retries', async () => {
    const event = {
      type: 'event_callback',
      team_id: 'T0DEMO01',
      event_id: 'Ev0RETRY01',
      event_time: 1,
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0RETRY01',
        user: 'U0RETRY01',
        text: 'hulp',
        ts: '1.1',
      },
    };
    expect((await postJson(url, event)).status).toBe(200);
    expect((await postJson(url, event, { retryNum: 1 })).status).toBe(200);
    expect((await postJson(url, event, { retryNum: 2 })).status).toBe(200);
    await eventually(() =>
      api.of('chat.postMessage').some((c) => c.args.channel === 'D0RETRY01') ? true : 'no help yet',
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(api.of('chat.postMessage').filter((c) => c.args.channel === 'D0RETRY01')).toHaveLength(
      1,
    );
  });

  it('refuses malformed bodies with 400 and bad signatures with 401', async () => {
    expect((await postSigned(url, '{"type":', 'application/json')).status).toBe(400);
    expect((await postJson(url, { type: 'something_else' })).status).toBe(400);
    expect((await postForm(url, { hello: 'world' })).status).toBe(400);
    expect(
      (await postJson(url, { type: 'url_verification', challenge: 'x' }, { signature: 'v0=00' }))
        .status,
    ).toBe(401);
  });

  it('answers an unknown subcommand in the person’s language, only to them', async () => {
    const res = await postForm(url, {
      team_id: 'T0DEMO01',
      channel_id: 'C0ALLIANTIE',
      user_id: 'U0ANNA002',
      command: '/alliance',
      text: 'fietsen',
      trigger_id: '1.2.deadbeef',
    });
    expect(res.status).toBe(200);
    await eventually(() =>
      api
        .of('chat.postEphemeral')
        .some((c) => c.args.user === 'U0ANNA002' && String(c.args.text).includes('"fietsen"'))
        ? true
        : 'no answer',
    );
  });

  it('delivers through 429s and 5xx from Slack exactly once', async () => {
    const rejectedBefore = api.rejected.length;
    api.rateLimitNext(2, 1);
    api.failNext(1, 502);
    const res = await postForm(url, {
      team_id: 'T0DEMO01',
      channel_id: 'D0FLAKY01',
      user_id: 'U0FLAKY01',
      command: '/alliance',
      text: 'help',
      trigger_id: '1.3.deadbeef',
    });
    expect(res.status).toBe(200);
    await eventually(
      () =>
        api.of('chat.postMessage').some((c) => c.args.channel === 'D0FLAKY01')
          ? true
          : 'not delivered',
      20_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(api.of('chat.postMessage').filter((c) => c.args.channel === 'D0FLAKY01')).toHaveLength(
      1,
    );
    expect(api.rejected.length - rejectedBefore).toBe(3); // two 429s and a 502 were answered first
  });
});

describe('a fan-out through the Slack adapter', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api);
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  it('posts one message in 200 channels exactly once while Slack answers 429 and 5xx', async () => {
    api.rateLimitNext(10, 1);
    api.failNext(10, 503);
    await t.app.queue.dispatcher().dispatch(
      Array.from({ length: 200 }, (_, i) => ({
        key: `success-42:${i}`,
        allianceId: 'energieregio-west',
        to: {
          kind: 'conversation' as const,
          id: `slack:T0DEMO01:C0FAN${String(i).padStart(4, '0')}`,
        },
        message: { kind: 'text' as const, text: 'Gedeeld succes: 450 woningen van het gas af' },
      })),
    );
    const posted = () =>
      new Set(
        api
          .of('chat.postMessage')
          .filter((c) => String(c.args.channel).startsWith('C0FAN'))
          .map((c) => c.args.channel),
      );
    await eventually(() => (posted().size === 200 ? true : `${posted().size} of 200`), 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      api.of('chat.postMessage').filter((c) => String(c.args.channel).startsWith('C0FAN')),
    ).toHaveLength(200);
  });
});

describe('the App Home tab', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api);
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  it("shows the person's alliance, whether they joined, and the commands", async () => {
    const opened = JSON.parse(fixture('event_app_home_opened_home.json')) as {
      event: Record<string, string>;
    };
    const res = await postJson(`${t.baseUrl}/slack/events`, {
      ...opened,
      team_id: 'T0DEMO01',
      event_id: 'Ev0HOME01',
      event: { ...opened.event, user: 'U0HOME001', channel: 'D0HOME001' },
    });
    expect(res.status).toBe(200);
    await eventually(
      () =>
        api.of('views.publish').length === 1
          ? true
          : `no home view: ${JSON.stringify(api.calls.map((c) => c.method))} ${JSON.stringify(api.rejected.map((c) => c.method))}`,
      5000,
    );
    const [publish] = api.of('views.publish');
    expect(publish?.args.user_id).toBe('U0HOME001');
    const view = JSON.stringify(publish?.args.view);
    expect(view).toContain('"type":"home"');
    expect(view).toContain('Alliantiebot in Energieregio Holland-West');
    expect(view).toContain('Je bent nog niet aangemeld');
    expect(view).toContain('/alliance aanmelden');
  });

  it('stays silent when the workspace is not linked', async () => {
    const before = api.calls.length;
    expect(
      (
        await postSigned(
          `${t.baseUrl}/slack/events`,
          fixture('event_app_home_opened_home.json'),
          'application/json',
        )
      ).status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.calls.length).toBe(before);
  });
});
