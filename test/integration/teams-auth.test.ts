/**
 * Inbound authentication on POST /api/messages, checked by the SDK's own code against a local
 * issuer and JWKS: a valid token is accepted; wrong audience, wrong issuer, expired, a bad
 * signature or no token get 401 and change nothing. Malformed activities get 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOT_ID,
  eventually,
  type Json,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';

let h: TeamsHarness;
let n = 0;

function personal(text: string, user = '29:1anna'): Json {
  return {
    type: 'message',
    id: `msg-${++n}-${Date.now()}`,
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: user, name: 'Anna', aadObjectId: '00000000-1111-2222-3333-444444444444' },
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: { id: `a:dm-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text,
    locale: 'nl-NL',
  };
}

beforeAll(async () => {
  h = await startTeamsHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('Teams inbound auth', () => {
  it('accepts a valid token and answers through the Bot Connector with the bot token', async () => {
    const res = await h.post(personal('hulp'));
    expect(res.status).toBe(200);
    const reply = await eventually(() => h.connector.posted('a:dm-29:1anna')[0]);
    expect(reply.token).toBe(h.login.token);
    expect(h.issuer.keyFetches).toBeGreaterThan(0);
  });

  it.each([
    ['wrong audience', { audience: 'someone-else' }],
    ['wrong issuer', { issuer: 'https://evil.example/v2.0' }],
    ['expired', { expiresIn: -900 }],
    ['bad signature', { foreignKey: true }],
  ])('refuses a token with %s (401), changing nothing', async (_label, options) => {
    const before = h.connector.calls.length;
    const res = await h.post(personal('hulp', '29:1mallory'), await h.issuer.token(options));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect(h.connector.calls.length).toBe(before);
  });

  it('refuses a request without a token (401)', async () => {
    expect((await h.post(personal('hulp'), null)).status).toBe(401);
    expect((await h.post(personal('hulp'), 'not-a-jwt')).status).toBe(401);
  });

  it('answers 400 to malformed activities', async () => {
    expect((await h.post('{not json')).status).toBe(400);
    expect((await h.post({ type: 'message', text: 'no conversation' })).status).toBe(400);
    expect((await h.post({ ...personal('x'), serviceUrl: 'not a url' })).status).toBe(400);
  });
});
