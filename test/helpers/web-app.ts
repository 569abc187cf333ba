/**
 * The real app serving HTTP only (no workers), for tests that must see exactly what a request
 * wrote: with no worker nothing moves the inbound journal or touches Redis on its own, so a
 * snapshot of every key under the test's prefix (names and values) before and after a request
 * says whether it stored anything. `startPlatformApp` turns Slack (one workspace) and Teams
 * (a local token issuer, a fake Bot Connector) on together; `startLocalApp` is the web chat.
 */
import { pino } from 'pino';
import { DEFAULT_LOCAL_CONFIG, EnvSchema, type Settings } from '../../src/config/env.js';
import { type App, startApp } from '../../src/main.js';
import type { RedisClient } from '../../src/store/redis.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { APP_ID, TENANT } from '../fakes/teams-app.js';
import { TeamsIssuer } from '../fakes/teams-issuer.js';
import { FakeLogin } from '../fakes/teams-login.js';
import { deletePrefix, freshPrefix, keysWithPrefix, REDIS_SETTINGS, testRedis } from './redis.js';
import { SIGNING_SECRET } from './slack.js';

export interface WebApp {
  app: App;
  baseUrl: string;
  prefix: string;
  redis: RedisClient;
  /** Every key under the prefix with its serialized value (DUMP), sorted by name. */
  snapshot(): Promise<Map<string, string>>;
  /** Entries waiting in the inbound journal (nothing takes them: no workers). */
  journalLength(): Promise<number>;
  stop(): Promise<void>;
}

async function start(overrides: Partial<Settings>, onStop: () => Promise<void>): Promise<WebApp> {
  const prefix = freshPrefix('web');
  const settings: Settings = {
    ...EnvSchema.parse({}),
    ...REDIS_SETTINGS,
    REDIS_PREFIX: prefix,
    PORT: 0,
    LOG_LEVEL: 'silent',
    localMode: false,
    allianceConfigPath: DEFAULT_LOCAL_CONFIG,
    ...overrides,
  };
  const app = await startApp(settings, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), {
    web: true,
    worker: false,
  });
  if (!app.http) throw new Error('the app serves HTTP');
  const redis = testRedis();
  return {
    app,
    prefix,
    redis,
    baseUrl: `http://127.0.0.1:${app.http.port}`,
    async snapshot() {
      const out = new Map<string, string>();
      for (const key of await keysWithPrefix(redis, prefix)) {
        const value = await redis.dumpBuffer(key);
        out.set(key, value ? value.toString('base64') : '(gone)');
      }
      return out;
    },
    journalLength: () => app.queue.journal.length(),
    async stop() {
      await app.stop();
      await onStop();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

export interface PlatformApp extends WebApp {
  issuer: TeamsIssuer;
  connector: FakeBotConnector;
  /** A Bot Framework token for this app, as the Bot Connector sends one. */
  teamsToken(): Promise<string>;
}

/** Slack (signing secret, one bot token) and Teams (single tenant `TENANT`) on one server. */
export async function startPlatformApp(
  slackApiUrl: string,
  extra: Partial<Settings> = {},
): Promise<PlatformApp> {
  const issuer = new TeamsIssuer(APP_ID, TENANT);
  const connector = new FakeBotConnector();
  const login = new FakeLogin();
  await issuer.start();
  await connector.start();
  login.install();
  connector.tokens.add(login.token);
  const web = await start(
    {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slackApiUrl,
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'test-secret',
      TEAMS_TENANT_ID: TENANT,
      TEAMS_APP_TYPE: 'SingleTenant',
      TEAMS_AUTHORITY_ENDPOINT: issuer.url,
      TEAMS_SERVICE_URL_ALLOW: [new URL(connector.url).origin],
      ...extra,
    },
    async () => {
      await login.uninstall();
      await connector.stop();
      await issuer.stop();
    },
  );
  return { ...web, issuer, connector, teamsToken: () => issuer.token() };
}

/** The local web chat (local mode, the demo config). */
export function startLocalApp(extra: Partial<Settings> = {}): Promise<WebApp> {
  return start({ localMode: true, ...extra }, async () => undefined);
}

/** The keys that differ between two snapshots (added, removed or changed). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}
