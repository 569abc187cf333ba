/**
 * Installing the Slack app into a workspace with OAuth, against the Web API stand-in, and
 * then talking to the bot there with that workspace's own token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { postJson, startSlackOAuthTestApp } from '../helpers/slack.js';

describe('installing into many workspaces with OAuth', () => {
  const api = new FakeSlackApi('xoxb-unused');
  let t: TestApp;
  beforeAll(async () => {
    await api.start();
    t = await startSlackOAuthTestApp(api);
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  it('sends the admin to Slack with the scopes and a signed state, then stores the installation', async () => {
    const start = await fetch(`${t.baseUrl}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe('111.222');
    expect(location.searchParams.get('scope')).toContain('chat:write');
    const state = location.searchParams.get('state') ?? '';
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(state).not.toBe('');

    // Slack sends the admin back with a code for the workspace they chose.
    api.codes.set('code-1', { teamId: 'T0DEMO01', teamName: 'Energieregio Holland-West' });
    const done = await fetch(
      `${t.baseUrl}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`,
      { headers: { cookie } },
    );
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(
      'Alliantiebot is geïnstalleerd in Energieregio Holland-West',
    );
    expect(api.of('oauth.v2.access')).toHaveLength(1);

    // The bot now answers in that workspace with the workspace's own token.
    await postJson(`${t.baseUrl}/slack/events`, {
      type: 'event_callback',
      team_id: 'T0DEMO01',
      event_id: 'Ev0OAUTH01',
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0OAUTH01',
        user: 'U0OAUTH01',
        text: 'hulp',
        ts: '1.1',
      },
    });
    await eventually(() =>
      api.of('chat.postMessage').some((c) => c.args.channel === 'D0OAUTH01') ? true : 'no answer',
    );
    expect(api.rejected).toEqual([]);
  });

  it('refuses a callback without the state it issued', async () => {
    api.codes.set('code-2', { teamId: 'T0OTHER01', teamName: 'Elders' });
    const res = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=code-2&state=forged`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('De installatie is niet gelukt');
    expect(api.of('oauth.v2.access')).toHaveLength(1); // the forged one never reached Slack
  });
});
