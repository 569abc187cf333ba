/**
 * MultiTenant vs SingleTenant, with Microsoft's production URLs (microsoft-keys.ts for the
 * signing keys, microsoft-login.ts for the bot's own token):
 *   - outbound, a MultiTenant bot asks the botframework.com tenant for its token (even with
 *     TEAMS_TENANT_ID set), a SingleTenant bot its own tenant;
 *   - inbound, both accept Bot Framework's tokens and their configured tenant's Entra tokens
 *     (v1 sts.windows.net and v2 login.microsoftonline.com; Microsoft's first-party tenants,
 *     such as botframework.com's, always), and refuse another tenant's and a token whose
 *     tenant claim is not its issuer's, as the SDK does.
 *   - TEAMS_APP_TYPE=SingleTenant without TEAMS_TENANT_ID is a configuration error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env.js';
import { BOTFRAMEWORK_TENANT_ID, ENTRA } from '../fakes/microsoft-keys.js';
import {
  type AppUnderTest,
  eventually,
  OTHER_TENANT,
  TENANT,
  TeamsAuthWorld,
} from '../fakes/teams-auth-world.js';

const MULTI_APP = '31111111-2222-3333-4444-555555555555';
const SINGLE_APP = '41111111-2222-3333-4444-555555555555';

const v2 = (tenant: string) => `${ENTRA}/${tenant}/v2.0`;
const v1 = (tenant: string) => `https://sts.windows.net/${tenant}/`;

const world = new TeamsAuthWorld();
let multi: AppUnderTest;
let single: AppUnderTest;
let n = 0;

beforeAll(async () => {
  await world.start();
  world.login.register(MULTI_APP, { secret: 'multi-secret' });
  world.login.register(SINGLE_APP, { secret: 'single-secret' });
  multi = await world.startApp(MULTI_APP, {
    TEAMS_APP_PASSWORD: 'multi-secret',
    TEAMS_APP_TYPE: 'MultiTenant',
    // Set, but a MultiTenant bot's token still comes from botframework.com.
    TEAMS_TENANT_ID: TENANT,
  });
  single = await world.startApp(SINGLE_APP, {
    TEAMS_APP_PASSWORD: 'single-secret',
    TEAMS_APP_TYPE: 'SingleTenant',
    TEAMS_TENANT_ID: TENANT,
  });
});
afterAll(async () => {
  await world.stop();
});

/** Posts a message with `token`; on 200 waits for the bot's answer at the connector. */
async function exchange(
  bot: AppUnderTest,
  token: string,
): Promise<{ status: number; body: string }> {
  const user = `29:1user-${++n}`;
  const res = await bot.post(bot.personal('hulp', user), token);
  const body = await res.text();
  if (res.status === 200) await eventually(() => bot.connector.posted(`a:dm-${user}`)[0]);
  return { status: res.status, body };
}

function tokenRequestsOf(appId: string) {
  return world.login.tokenRequests().filter((r) => r.form.client_id === appId);
}

describe('MultiTenant', () => {
  it('gets the bot token from the botframework.com tenant, not TEAMS_TENANT_ID', async () => {
    const { status } = await exchange(multi, await world.token({ audience: MULTI_APP }));
    expect(status).toBe(200);
    const requests = tokenRequestsOf(MULTI_APP);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.path).toMatch(/^\/botframework\.com\/oauth2\/v2\.0\/token/);
      expect(r.form.grant_type).toBe('client_credentials');
      expect(r.form.scope).toBe('https://api.botframework.com/.default');
    }
    const outcome = world.login.outcomes.find((o) => o.clientId === MULTI_APP);
    expect(outcome?.tokenUrl).toBe(`${ENTRA}/botframework.com/oauth2/v2.0/token`);
    expect(outcome?.ok).toBe(true);
  });

  it.each([
    ['Bot Framework (api.botframework.com)', undefined, {}],
    ["botframework.com's tenant, v2", v2(BOTFRAMEWORK_TENANT_ID), { tid: BOTFRAMEWORK_TENANT_ID }],
    ["botframework.com's tenant, v1", v1(BOTFRAMEWORK_TENANT_ID), { tid: BOTFRAMEWORK_TENANT_ID }],
    ['the configured tenant, v2', v2(TENANT), { tid: TENANT }],
  ])('accepts a token issued by %s', async (_label, issuer, claims) => {
    const token = await world.token({
      audience: MULTI_APP,
      ...(issuer ? { issuer } : {}),
      claims,
    });
    expect((await exchange(multi, token)).status).toBe(200);
  });

  it.each([
    ['another tenant', v2(OTHER_TENANT), { tid: OTHER_TENANT }, /Issuer mismatch/],
    [
      'a first-party issuer with another tid',
      v2(BOTFRAMEWORK_TENANT_ID),
      { tid: OTHER_TENANT },
      /Tenant mismatch/,
    ],
  ])('refuses a token from %s (401)', async (_label, issuer, claims, reason) => {
    const before = await multi.state();
    const { status, body } = await exchange(
      multi,
      await world.token({ audience: MULTI_APP, issuer, claims }),
    );
    expect(status).toBe(401);
    expect(body).toMatch(reason);
    expect(await multi.state()).toEqual(before);
  });

  it("finds Entra's keys under the configured tenant", () => {
    expect(world.keys.fetchesOf(`${ENTRA}/${TENANT}/discovery/v2.0/keys`).length).toBeGreaterThan(
      0,
    );
  });
});

describe('SingleTenant', () => {
  it("gets the bot token from TEAMS_TENANT_ID's authority", async () => {
    const { status } = await exchange(single, await world.token({ audience: SINGLE_APP }));
    expect(status).toBe(200);
    const requests = tokenRequestsOf(SINGLE_APP);
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.path).toMatch(new RegExp(`^/${TENANT}/oauth2/v2\\.0/token`));
    const outcome = world.login.outcomes.find((o) => o.clientId === SINGLE_APP);
    expect(outcome?.tokenUrl).toBe(`${ENTRA}/${TENANT}/oauth2/v2.0/token`);
    expect(outcome?.ok).toBe(true);
  });

  it.each([
    ['Bot Framework (api.botframework.com)', undefined, {}],
    ['its tenant, v2', v2(TENANT), { tid: TENANT }],
    ['its tenant, v1', v1(TENANT), { tid: TENANT }],
  ])('accepts a token issued by %s', async (_label, issuer, claims) => {
    const token = await world.token({
      audience: SINGLE_APP,
      ...(issuer ? { issuer } : {}),
      claims,
    });
    expect((await exchange(single, token)).status).toBe(200);
  });

  it.each([
    ['another tenant, v2', v2(OTHER_TENANT), { tid: OTHER_TENANT }, /Issuer mismatch/],
    ['another tenant, v1', v1(OTHER_TENANT), { tid: OTHER_TENANT }, /Issuer mismatch/],
    ['its tenant but another tid', v2(TENANT), { tid: OTHER_TENANT }, /Tenant mismatch/],
    ['another app (audience)', v2(TENANT), { tid: TENANT }, /Audience mismatch/],
  ])('refuses a token from %s (401)', async (label, issuer, claims, reason) => {
    const audience = label.includes('audience') ? MULTI_APP : SINGLE_APP;
    const before = await single.state();
    const { status, body } = await exchange(
      single,
      await world.token({ audience, issuer, claims }),
    );
    expect(status).toBe(401);
    expect(body).toMatch(reason);
    expect(await single.state()).toEqual(before);
  });
});

describe('settings', () => {
  it('refuses SingleTenant without TEAMS_TENANT_ID, and takes MultiTenant without it', () => {
    const base = { TEAMS_APP_ID: SINGLE_APP, TEAMS_APP_PASSWORD: 's', ALLIANCE_CONFIG: 'a.yaml' };
    expect(() => loadSettings({ ...base, TEAMS_APP_TYPE: 'SingleTenant' })).toThrow(
      /TEAMS_TENANT_ID: required for TEAMS_APP_TYPE=SingleTenant/,
    );
    expect(loadSettings({ ...base, TEAMS_APP_TYPE: 'MultiTenant' }).TEAMS_APP_TYPE).toBe(
      'MultiTenant',
    );
    expect(
      loadSettings({ ...base, TEAMS_APP_TYPE: 'SingleTenant', TEAMS_TENANT_ID: TENANT })
        .TEAMS_TENANT_ID,
    ).toBe(TENANT);
  });
});
