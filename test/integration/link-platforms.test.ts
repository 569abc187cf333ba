/**
 * Linking across platforms in the real app, with both adapters on and its workers running:
 * Joost, whom the config names as coordinator by his Slack id only, types `/alliance koppel`
 * in the Slack channel (a request signed as Slack signs it) and is shown a code only to him;
 * he types `koppel <code>` to the bot in his personal chat on Teams (an Activity signed by a
 * token issuer the SDK trusts). Both accounts are told privately; from then on he is a
 * coordinator on Teams too (the coordinator's word opens its form instead of a refusal), until
 * he types `koppel los` on Teams — the Slack account is told, the role on Teams is gone.
 * What each platform was sent is read from the Slack Web API and Bot Connector stand-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSettled } from '../contract/settle.js';
import { type ConnectorCall, FakeBotConnector } from '../fakes/bot-connector.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import { APP_ID, BOT_ID, TENANT } from '../fakes/teams-app.js';
import { TeamsIssuer } from '../fakes/teams-issuer.js';
import { FakeLogin } from '../fakes/teams-login.js';
import type { TestApp } from '../helpers/app.js';
import { postSlashCommand, startSlackTestApp } from '../helpers/slack.js';

const CONFIG = 'test/fixtures/link-alliance.yaml';
const JOOST_SLACK = 'U0JOOST01';
const JOOST_TEAMS = { botId: '29:1joost', aad: '10000000-0000-0000-0000-000000000004' };
const PERSONAL = `a:dm-${JOOST_TEAMS.botId}`;
const CODE = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/;

const slack = new FakeSlackApi();
const issuer = new TeamsIssuer(APP_ID, TENANT);
const connector = new FakeBotConnector();
const login = new FakeLogin();
let app: TestApp;
let n = 0;

beforeAll(async () => {
  await slack.start();
  await issuer.start();
  await connector.start();
  login.install();
  connector.tokens.add(login.token);
  app = await startSlackTestApp(
    { token: slack.token, url: slack.url },
    {
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'test-secret',
      TEAMS_TENANT_ID: TENANT,
      TEAMS_APP_TYPE: 'SingleTenant',
      TEAMS_AUTHORITY_ENDPOINT: issuer.url,
      TEAMS_SERVICE_URL_ALLOW: [new URL(connector.url).origin],
      allianceConfigPath: CONFIG,
    },
  );
});
afterAll(async () => {
  await app?.stop();
  await login.uninstall();
  await connector.stop();
  await issuer.stop();
  await slack.stop();
});

/** Joost writes to the bot in his personal chat on Teams. */
async function onTeams(text: string): Promise<void> {
  const res = await fetch(`${app.baseUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await issuer.token()}`,
    },
    body: JSON.stringify({
      type: 'message',
      id: `link-${Date.now()}-${++n}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: JOOST_TEAMS.botId, name: 'Joost Vermeulen', aadObjectId: JOOST_TEAMS.aad },
      recipient: { id: BOT_ID, name: 'Alliantiebot' },
      conversation: { id: PERSONAL, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'nl-NL',
      timestamp: new Date().toISOString(),
      text,
    }),
  });
  expect(res.status).toBe(200);
  await appSettled(app);
}

/** Joost uses `/alliance <text>` in the alliance's Slack channel. */
async function onSlack(text: string): Promise<void> {
  const res = await postSlashCommand(`${app.baseUrl}/slack/events`, slack, {
    user: JOOST_SLACK,
    text,
  });
  expect(res.status).toBe(200);
  await appSettled(app);
}

/** What the bot sent into Joost's personal chat on Teams since `from` (texts and cards). */
const teamsSaid = (from: number): string[] =>
  connector.calls
    .slice(from)
    .filter((c: ConnectorCall) => c.kind !== 'member' && c.conversationId === PERSONAL)
    .map((c) => JSON.stringify(c.body));

const slackCalls = (from: number): SlackCall[] => slack.calls.slice(from);

describe('a Slack and a Teams account linked in the real app', () => {
  let code = '';

  it('Teams before the link: no coordinator', async () => {
    const from = connector.calls.length;
    await onTeams('uitnodigen');
    expect(teamsSaid(from).join('\n')).toContain('Alleen een coördinator kan iemand uitnodigen.');
  });

  it('the code is shown on Slack only to Joost, never in the channel', async () => {
    const from = slack.calls.length;
    await onSlack('koppel');
    const withCode = slackCalls(from).filter((c) => CODE.test(JSON.stringify(c.args)));
    expect(withCode).toHaveLength(1);
    const [shown] = withCode;
    // An ephemeral answer through the command's response_url (or postEphemeral): only him.
    expect(['response_url', 'chat.postEphemeral']).toContain(shown?.method);
    expect(shown?.args.response_type ?? 'ephemeral').toBe('ephemeral');
    expect(shown?.args.user).toBe(JOOST_SLACK);
    code = CODE.exec(JSON.stringify(shown?.args))?.[0] ?? '';
    expect(JSON.stringify(shown?.args)).toContain(`koppel ${code}`);
    expect(slackCalls(from).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('typed on Teams, it links: both accounts are told privately', async () => {
    const fromTeams = connector.calls.length;
    const fromSlack = slack.calls.length;
    await onTeams(`koppel ${code}`);
    expect(teamsSaid(fromTeams).join('\n')).toContain(
      'Gekoppeld: dit account en je Slack-account zijn nu één persoon in Koppelregio.',
    );
    const toSlack = slackCalls(fromSlack).filter((c) => c.method === 'chat.postMessage');
    expect(toSlack.map((c) => c.args.channel)).toEqual([`D${JOOST_SLACK.slice(1)}`]);
    expect(JSON.stringify(toSlack[0]?.args)).toContain(
      'Je Teams-account is nu gekoppeld aan dit account in Koppelregio.',
    );
  });

  it('Joost is a coordinator on Teams now', async () => {
    const from = connector.calls.length;
    await onTeams('uitnodigen');
    const said = teamsSaid(from).join('\n');
    expect(said).not.toContain('Alleen een coördinator');
    expect(said).toContain('Iemand uitnodigen');
  });

  it('the same code again is refused', async () => {
    const from = connector.calls.length;
    await onTeams(`koppel ${code}`);
    expect(teamsSaid(from).join('\n')).toContain('Die code is al gebruikt');
  });

  it('koppel los on Teams unlinks; Slack is told; the role on Teams is gone', async () => {
    const fromTeams = connector.calls.length;
    const fromSlack = slack.calls.length;
    await onTeams('koppel los');
    expect(teamsSaid(fromTeams).join('\n')).toContain(
      'Losgemaakt: dit account is niet meer gekoppeld aan je Slack-account.',
    );
    const toSlack = slackCalls(fromSlack).filter((c) => c.method === 'chat.postMessage');
    expect(JSON.stringify(toSlack.map((c) => c.args))).toContain(
      'Dit account is niet meer gekoppeld aan je Teams-account.',
    );
    const from = connector.calls.length;
    await onTeams('uitnodigen');
    expect(teamsSaid(from).join('\n')).toContain('Alleen een coördinator kan iemand uitnodigen.');
  });
});
