/**
 * Teams for the app in processes of its own (app-process.ts): the local token issuer its
 * SDK checks inbound tokens against, the Bot Connector stand-in the channels' serviceUrl points
 * at (429s on demand), and the token the faked Microsoft login inside each process hands out
 * (RELIABILITY_TEAMS_LOGIN_TOKEN), the only one the connector accepts. `env` is what the
 * processes need; `linkChannels` stores the conversation references an install leaves.
 */
import { randomUUID } from 'node:crypto';
import { ConversationRefs } from '../../adapters/teams/conversation-refs.js';
import type { RedisClient } from '../../src/store/redis.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import { TeamsIssuer } from '../fakes/teams-issuer.js';

export const TEAMS_APP_ID = '11111111-2222-3333-4444-555555555555';
export const TEAMS_TENANT = '00000000-0000-0000-0000-0000000000aa';

export class TeamsStandIns {
  readonly issuer = new TeamsIssuer(TEAMS_APP_ID, TEAMS_TENANT);
  readonly connector = new FakeBotConnector();
  readonly loginToken = `outbound-${randomUUID()}`;

  async start(): Promise<void> {
    await this.issuer.start();
    await this.connector.start();
    this.connector.tokens.add(this.loginToken);
  }

  async stop(): Promise<void> {
    await this.connector.stop();
    await this.issuer.stop();
  }

  /** The environment that points the app's Teams adapter at the stand-ins. */
  env(): Record<string, string> {
    return {
      TEAMS_APP_ID,
      TEAMS_APP_PASSWORD: 'reliability-secret',
      TEAMS_TENANT_ID: TEAMS_TENANT,
      TEAMS_APP_TYPE: 'SingleTenant',
      TEAMS_AUTHORITY_ENDPOINT: this.issuer.url,
      TEAMS_SERVICE_URL_ALLOW: new URL(this.connector.url).origin,
      RELIABILITY_TEAMS_LOGIN_TOKEN: this.loginToken,
    };
  }

  /** The bot is in each of these channels (`19:…@thread.tacv2`), as an install leaves it. */
  async linkChannels(redis: RedisClient, prefix: string, channels: string[]): Promise<void> {
    const refs = new ConversationRefs(redis, prefix);
    for (const channel of channels)
      await refs.remember(
        `teams:${TEAMS_TENANT}:${channel}`,
        {
          serviceUrl: this.connector.url,
          channelId: 'msteams',
          tenantId: TEAMS_TENANT,
          bot: { id: `28:${TEAMS_APP_ID}`, name: 'Alliantiebot' },
          conversation: {
            id: channel,
            conversationType: 'channel',
            isGroup: true,
            tenantId: TEAMS_TENANT,
          },
        },
        undefined,
        true,
      );
  }
}
