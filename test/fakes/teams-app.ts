/**
 * The real app with the Teams adapter on, for integration and contract tests: a local token
 * issuer (inbound JWTs checked by the SDK), Microsoft's login faked for outbound tokens, and
 * a fake Bot Connector the activities' serviceUrl points at (allowed by
 * TEAMS_SERVICE_URL_ALLOW, as an operator would allow a stand-in).
 */
import { readFileSync } from 'node:fs';
import type { Settings } from '../../src/config/env.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { FakeBotConnector } from './bot-connector.js';
import { TeamsIssuer } from './teams-issuer.js';
import { FakeLogin } from './teams-login.js';

export const APP_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT = '00000000-0000-0000-0000-0000000000aa';
export const BOT_ID = `28:${APP_ID}`;
export const FIXTURES = '/work/shared/fixtures/teams';

export type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(`${FIXTURES}/${name}.json`, 'utf8')) as Json;
}

export interface TeamsHarness {
  app: TestApp;
  issuer: TeamsIssuer;
  connector: FakeBotConnector;
  login: FakeLogin;
  url: string;
  /** POSTs an activity with a valid token (or the given one; `null` for none). */
  post(activity: unknown, token?: string | null): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTeamsHarness(extra: Partial<Settings> = {}): Promise<TeamsHarness> {
  const issuer = new TeamsIssuer(APP_ID, TENANT);
  const connector = new FakeBotConnector();
  const login = new FakeLogin();
  await issuer.start();
  await connector.start();
  login.install();
  connector.tokens.add(login.token);
  const app = await startTestApp({
    localMode: false,
    TEAMS_APP_ID: APP_ID,
    TEAMS_APP_PASSWORD: 'test-secret',
    TEAMS_TENANT_ID: TENANT,
    TEAMS_APP_TYPE: 'SingleTenant',
    TEAMS_AUTHORITY_ENDPOINT: issuer.url,
    // The Bot Connector stand-in is on loopback (plain http): allowed by name, nothing else.
    TEAMS_SERVICE_URL_ALLOW: [new URL(connector.url).origin],
    allianceConfigPath: 'examples/energieregio.yaml',
    ...extra,
  });
  const url = `${app.baseUrl}/api/messages`;
  return {
    app,
    issuer,
    connector,
    login,
    url,
    async post(activity, token) {
      const bearer = token === undefined ? await issuer.token() : token;
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
    },
    async stop() {
      await app.stop();
      await login.uninstall();
      await connector.stop();
      await issuer.stop();
    },
  };
}

/** Waits until `check` returns a value (polling), or fails after `ms`. */
export async function eventually<T>(check: () => T | undefined, ms = 8000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
