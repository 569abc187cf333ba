/**
 * An event is acknowledged only once it is in the inbound journal. When the append fails
 * (Redis down, the journal full) Socket Mode sends no acknowledgement and HTTP answers 5xx, for
 * Slack and Teams alike: the platform sends the event again, and then it is handled, once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JournalFullError } from '../../src/queue/journal.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { FakeSlackSocket } from '../fakes/slack-socket.js';
import { fixture, startTeamsHarness, type TeamsHarness } from '../fakes/teams-app.js';
import type { TestApp } from '../helpers/app.js';
import { postJson, startSlackTestApp } from '../helpers/slack.js';
import { waitFor } from './harness.js';

const dm = (id: string, user: string) => ({
  type: 'event_callback',
  team_id: 'T0DEMO01',
  event_id: id,
  event_time: Math.floor(Date.now() / 1000),
  event: {
    type: 'message',
    channel_type: 'im',
    channel: `D${user.slice(1)}`,
    user,
    text: 'hulp',
    ts: '1.1',
  },
});
const answersTo = (api: FakeSlackApi, user: string) =>
  api.of('chat.postMessage').filter((c) => c.args.channel === `D${user.slice(1)}`).length;

describe('Slack in Socket Mode, the journal append failing', () => {
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

  it('leaves the envelope unacknowledged; Slack’s redelivery is acknowledged and handled once', async () => {
    const append = vi
      .spyOn(t.app.queue.journal, 'append')
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    let firstAcked = false;
    void socket.send('events_api', dm('EvSOCKFAIL1', 'U0SOCKF01')).then(() => {
      firstAcked = true;
    });
    await waitFor(() => append.mock.settledResults.length > 0 || 'no append yet', 10_000, 10);
    // An envelope sent after it is acknowledged; the first one still is not.
    await socket.send('events_api', dm('EvSOCKFAIL2', 'U0SOCKF02'));
    expect(firstAcked).toBe(false);
    expect(append.mock.settledResults[0]?.type).toBe('rejected');
    // Slack sends it again (a new envelope, the same event): acknowledged, answered once.
    const again = await socket.send('events_api', dm('EvSOCKFAIL1', 'U0SOCKF01'));
    expect(again.envelope_id).toBeDefined();
    await waitFor(() => answersTo(api, 'U0SOCKF01') > 0 || 'no answer', 15_000);
    expect(answersTo(api, 'U0SOCKF01')).toBe(1);
    append.mockRestore();
  });

  it('still acknowledges a payload it cannot read (sending it again would not help)', async () => {
    // An envelope of a shape this app does not know (no event id, no team).
    const ack = await socket.send('events_api', {
      type: 'event_callback',
      event: { type: 'message', text: 'hulp' },
    });
    expect(ack.envelope_id).toBeDefined();
  });
});

describe('Slack over HTTP, the journal append failing', () => {
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

  it('answers 5xx (journal full or Redis down); the retry is acknowledged and handled once', async () => {
    const url = `${t.baseUrl}/slack/events`;
    const append = vi
      .spyOn(t.app.queue.journal, 'append')
      .mockRejectedValueOnce(new JournalFullError(50_000))
      .mockRejectedValueOnce(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const event = dm('EvHTTPFAIL1', 'U0HTTPF01');
    expect((await postJson(url, event)).status).toBe(500);
    expect((await postJson(url, event, { retryNum: 1 })).status).toBe(500);
    expect((await postJson(url, event, { retryNum: 2 })).status).toBe(200);
    await waitFor(() => answersTo(api, 'U0HTTPF01') > 0 || 'no answer', 15_000);
    expect(answersTo(api, 'U0HTTPF01')).toBe(1);
    append.mockRestore();
  });
});

describe('Teams, the journal append failing', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    // The recorded fixture's tenant is listed there (only listed tenants are accepted).
    h = await startTeamsHarness({ allianceConfigPath: 'test/fixtures/alliance-shared.yaml' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('answers 5xx, not 200; the retry is acknowledged', async () => {
    const append = vi
      .spyOn(h.app.app.queue.journal, 'append')
      .mockRejectedValueOnce(new JournalFullError(50_000));
    const base = fixture('message_personal');
    const activity = {
      ...base,
      id: `journal-fail-${Date.now()}`,
      serviceUrl: h.connector.url,
      text: 'hulp',
    };
    const refused = await h.post(activity);
    expect(refused.status).toBeGreaterThanOrEqual(500);
    const retried = await h.post(activity);
    expect(retried.status).toBe(200);
    append.mockRestore();
  });
});
