/**
 * Socket Mode: the bot connects to Slack (here a stand-in) over a WebSocket and handles what
 * arrives there like what arrives over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import type { TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { startSlackTestApp } from '../helpers/slack.js';

describe('Slack in Socket Mode', () => {
  const api = new FakeSlackApi();
  const socket = new FakeSlackSocket();
  let t: TestApp;
  beforeAll(async () => {
    await api.start();
    await socket.start();
    api.socketUrl = socket.url;
    t = await startSlackTestApp(api, { SLACK_APP_TOKEN: api.appToken });
    await socket.connected();
  });
  afterAll(async () => {
    await t.stop();
    await socket.stop();
    await api.stop();
  });

  it('connects with the app-level token', () => {
    expect(api.of('apps.connections.open')).toHaveLength(1);
    expect(socket.connections).toBe(1);
  });

  it('acknowledges a slash command over the socket and answers through the Web API', async () => {
    const ack = await socket.send('slash_commands', {
      team_id: 'T0DEMO01',
      channel_id: 'C0ALLIANTIE',
      user_id: 'U0SOCKET1',
      command: '/alliance',
      text: 'help',
      trigger_id: '9.9.deadbeef',
    });
    expect(ack.envelope_id).toBeDefined();
    await eventually(() =>
      api
        .of('chat.postEphemeral')
        .some(
          (c) =>
            c.args.user === 'U0SOCKET1' && String(c.args.text).includes('What I can do for you'),
        )
        ? true
        : 'no help yet',
    );
  });

  it('handles events the same way', async () => {
    await socket.send('events_api', {
      type: 'event_callback',
      team_id: 'T0DEMO01',
      event_id: 'Ev0SOCKET2',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0SOCKET2',
        user: 'U0SOCKET2',
        text: 'hulp',
        ts: '2.2',
      },
    });
    await eventually(() =>
      api.of('chat.postMessage').some((c) => c.args.channel === 'D0SOCKET2') ? true : 'no answer',
    );
  });

  it('returns modal errors in the acknowledgement', async () => {
    const ack = await socket.send('interactive', {
      type: 'view_submission',
      team: { id: 'T0DEMO01' },
      user: { id: 'U0SOCKET3', team_id: 'T0DEMO01' },
      trigger_id: '9.10.deadbeef',
      view: {
        id: 'V0SOCKET3',
        callback_id: 'onboarding.intake',
        private_metadata: JSON.stringify({ context: 'energieregio-west' }),
        state: { values: { name: { value: { type: 'plain_text_input', value: 'Sam' } } } },
      },
    });
    expect(ack.payload).toMatchObject({
      response_action: 'errors',
      errors: { organisation: 'Vul dit veld in.' },
    });
  });
});
