/**
 * Socket Mode as Slack sets it up: an app-level token and a bot token, no signing secret.
 * The settings are accepted as Slack (not local mode), the app starts and answers over the
 * socket, and there is no /slack/events for anyone to post forged requests to — nor the web
 * chat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { postJson } from '../helpers/slack.js';

describe('Slack in Socket Mode without a signing secret', () => {
  const api = new FakeSlackApi();
  const socket = new FakeSlackSocket();
  let t: TestApp;
  beforeAll(async () => {
    await api.start();
    await socket.start();
    api.socketUrl = socket.url;
    const settings = loadSettings({
      SLACK_APP_TOKEN: api.appToken,
      SLACK_BOT_TOKEN: api.token,
      SLACK_API_URL: api.url,
      ALLIANCE_CONFIG: 'examples/energieregio.yaml',
    });
    t = await startTestApp({
      localMode: settings.localMode,
      allianceConfigPath: settings.allianceConfigPath,
      SLACK_APP_TOKEN: settings.SLACK_APP_TOKEN,
      SLACK_BOT_TOKEN: settings.SLACK_BOT_TOKEN,
      SLACK_API_URL: settings.SLACK_API_URL,
      SLACK_SIGNING_SECRET: settings.SLACK_SIGNING_SECRET,
    });
    await socket.connected();
  });
  afterAll(async () => {
    await t.stop();
    await socket.stop();
    await api.stop();
  });

  it('starts as Slack and listens on every address', () => {
    expect(t.app.adapters.all().map((a) => a.platform)).toEqual(['slack']);
    expect(t.app.http?.host).toBe('0.0.0.0');
    expect(socket.connections).toBe(1);
  });

  it('answers over the socket', async () => {
    await socket.send('events_api', {
      type: 'event_callback',
      team_id: 'T0DEMO01',
      event_id: 'Ev0SOCKETONLY1',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0SOCKETONLY1',
        user: 'U0SOCKETONLY1',
        text: 'hulp',
        ts: '3.3',
      },
    });
    await eventually(() =>
      api.of('chat.postMessage').some((c) => c.args.channel === 'D0SOCKETONLY1')
        ? true
        : 'no answer',
    );
  });

  it('serves no /slack/events and no web chat', async () => {
    const forged = await postJson(
      `${t.baseUrl}/slack/events`,
      {
        type: 'event_callback',
        team_id: 'T0DEMO01',
        event_id: 'Ev0FORGED1',
        event: { type: 'message', channel_type: 'im', channel: 'D0F', user: 'U0F', text: 'hulp' },
      },
      { secret: '' },
    );
    expect(forged.status).toBe(404);
    expect((await fetch(`${t.baseUrl}/`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/local/api/personas`)).status).toBe(404);
  });
});
