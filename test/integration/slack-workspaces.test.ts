/**
 * Which Slack workspaces the bot works in, against the Web API stand-in with OAuth installs:
 * an install from a workspace no alliance lists is refused (in the installer's language,
 * nothing stored, the app uninstalled there again); a partner organisation's person in a
 * channel shared from another workspace (Slack Connect) is named by their own team and
 * answered through the installation their event came through; an Enterprise Grid org-wide
 * install is found again for the org's workspaces; and `app_uninstalled` / `tokens_revoked`
 * take away what was stored for the workspace (installation, routes, cached direct-message
 * channels and people lookups). Payloads from test/fixtures/slack (see its README).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import { RedisInstallationStore } from '../../adapters/slack/oauth.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { text } from '../../src/core/messages.js';
import type { RedisClient } from '../../src/store/redis.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { keysWithPrefix, testRedis } from '../helpers/redis.js';
import { postForm, postJson, startSlackTestApp } from '../helpers/slack.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8'));

// The adapter is called directly here (no queue pacing): a roomy per-channel burst.
const api = new FakeSlackApi('xoxb-unused', true, { channelBurst: 50 });
let t: TestApp;
let redis: RedisClient;
let slack: SlackAdapter;
let store: RedisInstallationStore;
let n = 0;

beforeAll(async () => {
  await api.start();
  t = await startSlackTestApp(
    { token: '', url: api.url },
    {
      SLACK_BOT_TOKEN: undefined,
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret-state-secret',
      allianceConfigPath: 'test/fixtures/alliance-shared.yaml',
    },
  );
  redis = testRedis();
  slack = t.app.adapters.all().find((a) => a.platform === 'slack') as SlackAdapter;
  store = new RedisInstallationStore(redis, t.prefix);
});
afterAll(async () => {
  await t.stop();
  await redis.quit();
  await api.stop();
});

/** A whole OAuth install into `teamId`, as a browser does it; the page the installer sees. */
async function install(teamId: string, teamName: string, acceptLanguage?: string) {
  const start = await fetch(`${t.baseUrl}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const code = `ws-code-${++n}`;
  api.codes.set(code, { teamId, teamName });
  const res = await fetch(
    `${t.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    { headers: { cookie, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) } },
  );
  return {
    status: res.status,
    html: await res.text(),
    language: res.headers.get('content-language'),
  };
}

const installationKeys = async () =>
  (await keysWithPrefix(redis, t.prefix)).filter((k) =>
    /slack:(installation|route|routed)/.test(k),
  );

describe('installing', () => {
  it('refuses a workspace no alliance lists, in the installer’s language, and keeps nothing', async () => {
    const before = await installationKeys();
    const english = await install('T0ELDERS1', 'Elders & Co', 'en-GB,en;q=0.9');
    expect(english.status).toBe(403);
    expect(english.language).toBe('en');
    expect(english.html).toContain('<h1>Installation refused</h1>');
    expect(english.html).toContain('Alliantiebot was not installed in Elders &amp; Co');
    expect(english.html).not.toContain('geïnstalleerd');
    const dutch = await install('T0ELDERS2', 'Elders', 'nl-NL');
    expect(dutch.status).toBe(403);
    expect(dutch.html).toContain('<h1>Installatie geweigerd</h1>');
    expect(dutch.html).toContain('Alliantiebot is niet geïnstalleerd in Elders');
    expect(await installationKeys()).toEqual(before);
    await expect(store.botToken('T0ELDERS1')).rejects.toBeInstanceOf(PermanentDeliveryError);
    // The app is taken out of the refused workspaces again, with the token Slack gave them.
    expect(api.of('apps.uninstall')).toHaveLength(2);
  });

  it('installs a workspace an alliance lists (a partner organisation’s)', async () => {
    const page = await install('T0INSTALL1', 'Partner Org');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Alliantiebot is geïnstalleerd in Partner Org');
    expect(await store.botToken('T0INSTALL1')).toBe('xoxb-installed-T0INSTALL1');
  });
});

describe('a channel shared by several organisations (Slack Connect)', () => {
  it('answers a partner’s mention through the installation it came through', async () => {
    const mention = { ...fixture('connect_app_mention'), event_id: 'Ev0CONNECT1' };
    expect((await postJson(`${t.baseUrl}/slack/events`, mention)).status).toBe(200);
    // The channel's home workspace (T0SOURCE01) has no installation: the answer goes through
    // the partner's (authorizations[0]), to the person by the id of their own workspace.
    await eventually(() =>
      api.of('chat.postEphemeral').some((c) => c.args.channel === 'C111' && c.args.user === 'W222')
        ? true
        : 'no answer in the shared channel',
    );
    expect(api.rejected).toEqual([]);
    expect(await store.botToken('T0SOURCE01')).toBe('xoxb-installed-T0INSTALL1');
  });

  it('finds the alliance of a slash command in the shared channel by the channel’s home', async () => {
    const fields = Object.fromEntries(
      new URLSearchParams((fixture('connect_slash_command') as { body: string }).body),
    );
    fields.trigger_id = api.trigger('W222');
    fields.response_url = api.responseUrl('W222', 'C111', 'T0INSTALL1');
    expect((await postForm(`${t.baseUrl}/slack/events`, fields)).status).toBe(200);
    await eventually(() =>
      api.of('response_url').some((c) => c.args.user === 'W222') ? true : 'no answer',
    );
    const answer = api.of('response_url').find((c) => c.args.user === 'W222');
    // Help for the shared channel's alliance, not "this conversation is not linked".
    expect(JSON.stringify(answer?.args)).toContain('Gedeeld Kanaal');
  });
});

describe('Enterprise Grid', () => {
  it('finds an org-wide install again for each of the org’s workspaces, until it is removed', async () => {
    // The org-wide install as oauth.v2.access describes it (the fixture), stored the way the
    // install provider stores it, with the org id of the recorded events.
    const access = fixture('grid_oauth_v2_access_org') as {
      access_token: string;
      bot_user_id: string;
      enterprise: { name: string };
    };
    api.tokens.add(access.access_token);
    await store.storeInstallation({
      team: undefined,
      enterprise: { id: 'E111', name: access.enterprise.name },
      user: { id: 'WXXXX', token: undefined, scopes: undefined },
      bot: { token: access.access_token, userId: access.bot_user_id, id: 'B0ORG', scopes: [] },
      isEnterpriseInstall: true,
      authVersion: 'v2',
    });
    await expect(store.botToken('T111')).rejects.toBeInstanceOf(PermanentDeliveryError);
    const message = { ...fixture('grid_org_message'), event_id: 'Ev0GRID01' };
    expect((await postJson(`${t.baseUrl}/slack/events`, message)).status).toBe(200);
    expect(await store.botToken('T111')).toBe(access.access_token);
    const granted = { ...fixture('grid_team_access_granted'), event_id: 'Ev0GRID02' };
    expect((await postJson(`${t.baseUrl}/slack/events`, granted)).status).toBe(200);
    expect(await store.botToken('T222')).toBe(access.access_token);
    // The adapter sends there with the org's token.
    await slack.send({ kind: 'conversation', id: 'slack:T222:C0GRID' }, text('hallo'));
    expect(api.of('chat.postMessage').some((c) => c.args.channel === 'C0GRID')).toBe(true);

    const removed = { ...fixture('grid_org_app_uninstalled'), event_id: 'Ev0GRID03' };
    expect((await postJson(`${t.baseUrl}/slack/events`, removed)).status).toBe(200);
    await expect(store.botToken('T111')).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(store.botToken('T222')).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect((await installationKeys()).filter((k) => /E111|T111|T222/.test(k))).toEqual([]);
  });
});

describe('the app leaving a workspace', () => {
  const person = 'slack:T0INSTALL1:W222';

  /** Caches a people lookup and a direct-message channel for the partner's workspace. */
  async function cacheSome(): Promise<void> {
    api.people.set('W222', { team: 'T0INSTALL1', email: 'gast@partner.example' });
    expect(await slack.emailOf(person)).toBe('gast@partner.example');
    await slack.send({ kind: 'direct', userId: person }, text('hallo'));
  }
  const cachedKeys = async () =>
    (await keysWithPrefix(redis, t.prefix)).filter((k) =>
      /slack:(email|by-email|people):\{T0INSTALL1\}/.test(k),
    );
  const opens = () => api.of('conversations.open').filter((c) => c.args.users === 'W222').length;

  for (const name of ['app_uninstalled', 'tokens_revoked'] as const) {
    it(`forgets the installation, routes, DM channels and people lookups on ${name}`, async () => {
      if (!(await store.forTeam('T0INSTALL1'))) await install('T0INSTALL1', 'Partner Org');
      // A route to it (the shared channel's home workspace), as events leave behind.
      const mention = { ...fixture('connect_app_mention'), event_id: `Ev0ROUTE-${name}` };
      await postJson(`${t.baseUrl}/slack/events`, mention);
      await cacheSome();
      expect(await cachedKeys()).not.toEqual([]);
      const opened = opens();
      await slack.send({ kind: 'direct', userId: person }, text('nog eens'));
      expect(opens()).toBe(opened); // the DM channel is remembered

      const event = { ...fixture(name), event_id: `Ev0LEAVE-${name}` };
      expect((await postJson(`${t.baseUrl}/slack/events`, event)).status).toBe(200);
      // A redelivery of the same event does no harm.
      expect((await postJson(`${t.baseUrl}/slack/events`, event, { retryNum: 1 })).status).toBe(
        200,
      );
      await expect(store.botToken('T0INSTALL1')).rejects.toBeInstanceOf(PermanentDeliveryError);
      await expect(store.botToken('T0SOURCE01')).rejects.toBeInstanceOf(PermanentDeliveryError);
      expect(await installationKeys()).not.toContainEqual(
        expect.stringMatching(/T0INSTALL1|T0SOURCE01/),
      );
      expect(await cachedKeys()).toEqual([]);
      await expect(
        slack.send({ kind: 'direct', userId: person }, text('weg')),
      ).rejects.toBeInstanceOf(PermanentDeliveryError);

      // Installed again: the DM channel is asked for again (nothing remembered from before).
      await install('T0INSTALL1', 'Partner Org');
      await slack.send({ kind: 'direct', userId: person }, text('terug'));
      expect(opens()).toBe(opened + 1);
    });
  }
});
