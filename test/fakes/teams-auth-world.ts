/**
 * Microsoft as production meets it, for the Teams auth tests: Bot Framework's and Entra's
 * signing keys at their real https addresses (microsoft-keys.ts, for the SDK's jwks-rsa), the
 * login service for the bot's own token (microsoft-login.ts, for MSAL's fetch), and per app
 * under test a fake Bot Connector. The app runs with the production authority (no
 * TEAMS_AUTHORITY_ENDPOINT), so the SDK picks every URL itself.
 */
import { createHash } from 'node:crypto';
import type { Settings } from '../../src/config/env.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { keysWithPrefix, testRedis } from '../helpers/redis.js';
import { FakeBotConnector } from './bot-connector.js';
import { FakeMicrosoftKeys, type MicrosoftTokenOptions } from './microsoft-keys.js';
import { MicrosoftLogin } from './microsoft-login.js';

export type Json = Record<string, unknown>;

/**
 * What a request could have changed: the store's keys, the inbound journal, the queue (taken
 * once earlier activities are handled, so their work does not count).
 */
export interface AppState {
  keys: string[];
  /** Entries ever appended to the inbound journal (XINFO STREAM entries-added). */
  journalAdded: number;
  /** Jobs in the inbound queue, in any state. */
  inboundJobs: number;
  connectorCalls: number;
}

export interface AppUnderTest {
  app: TestApp;
  connector: FakeBotConnector;
  appId: string;
  /** A personal-chat message from `user`, addressed to this app's bot. */
  personal(text: string, user?: string): Json;
  /** POSTs an activity with the given token (`null`: none). */
  post(activity: unknown, token: string | null): Promise<Response>;
  state(): Promise<AppState>;
  stop(): Promise<void>;
}

export const TENANT = '00000000-0000-0000-0000-0000000000aa';

/** A stable aadObjectId (GUID-shaped) for a test user's 29: id. */
export function aadOf(user: string): string {
  const hex = createHash('sha1').update(user).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
export const OTHER_TENANT = '00000000-0000-0000-0000-0000000000bb';

let counter = 0;

export class TeamsAuthWorld {
  readonly keys = new FakeMicrosoftKeys();
  readonly login = new MicrosoftLogin();
  private readonly apps: AppUnderTest[] = [];

  async start(): Promise<void> {
    await this.keys.start();
    this.keys.install();
    this.login.install();
  }

  /** Stops every app, then the fakes (whose temp dir holds a private key) even if one fails. */
  async stop(): Promise<void> {
    try {
      for (const a of this.apps.splice(0)) await a.stop();
    } finally {
      await this.login.uninstall();
      await this.keys.stop();
    }
  }

  token(options: MicrosoftTokenOptions): Promise<string> {
    return this.keys.token(options);
  }

  /** Starts the real app with the Teams adapter on (Microsoft's production URLs). */
  async startApp(appId: string, settings: Partial<Settings>): Promise<AppUnderTest> {
    const connector = new FakeBotConnector();
    await connector.start();
    // The connector accepts exactly the tokens the login service hands out (never none).
    connector.tokens.add('no-token-is-this-one');
    for (const token of this.login.issued) connector.tokens.add(token);
    this.login.onIssue((token) => connector.tokens.add(token));
    const app = await startTestApp({
      localMode: false,
      TEAMS_APP_ID: appId,
      TEAMS_SERVICE_URL_ALLOW: [new URL(connector.url).origin],
      allianceConfigPath: 'examples/energieregio.yaml',
      ...settings,
    });
    const url = `${app.baseUrl}/api/messages`;
    const redis = testRedis();
    const journalKey = app.app.queue.journal.key;
    /** Waits until earlier activities are handled: nothing journaled, queued or running. */
    const settled = async () => {
      const { queue } = app.app;
      const busy = async () => {
        const counts = [
          await queue.inbound.getJobCounts('active', 'waiting', 'prioritized'),
          await queue.delivery.getJobCounts('active', 'waiting', 'prioritized'),
        ].flatMap((c) => Object.values(c));
        return (await queue.journal.length()) + counts.reduce((a, b) => a + b, 0);
      };
      const until = Date.now() + 10_000;
      while ((await busy()) > 0) {
        if (Date.now() > until) throw new Error('the app did not settle');
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    let stopped = false;
    const under: AppUnderTest = {
      app,
      connector,
      appId,
      personal(text, user = '29:1anna') {
        return {
          type: 'message',
          id: `msg-${++counter}-${Date.now()}`,
          channelId: 'msteams',
          serviceUrl: connector.url,
          // Each user its own person: the aadObjectId (which names people) follows the 29: id.
          from: { id: user, name: 'Anna', aadObjectId: aadOf(user) },
          recipient: { id: `28:${appId}`, name: 'Alliantiebot' },
          conversation: { id: `a:dm-${user}`, conversationType: 'personal', tenantId: TENANT },
          channelData: { tenant: { id: TENANT } },
          text,
          locale: 'nl-NL',
        };
      },
      post(activity, token) {
        return fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token === null ? {} : { authorization: `Bearer ${token}` }),
          },
          body: JSON.stringify(activity),
        });
      },
      async state() {
        await settled();
        let journalAdded = 0;
        if ((await redis.exists(journalKey)) === 1) {
          const info = (await redis.call('XINFO', 'STREAM', journalKey)) as unknown[];
          const at = info.indexOf('entries-added');
          journalAdded = Number(info[at + 1] ?? 0);
        }
        const counts = await app.app.queue.inbound.getJobCounts();
        return {
          // Not the delivery pacer's sliding windows: they expire by themselves within seconds
          // of an earlier delivery, and no inbound request writes them.
          keys: (await keysWithPrefix(redis, app.prefix)).filter((k) => !k.includes('{pace:')),
          journalAdded,
          inboundJobs: Object.values(counts).reduce((a, b) => a + b, 0),
          connectorCalls: connector.calls.length + connector.rejected.length,
        };
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.stop();
        await connector.stop();
        await redis.quit();
      },
    };
    this.apps.push(under);
    return under;
  }
}

/** Polling until a value appears (shared with the other Teams tests). */
export { eventually } from './teams-app.js';
