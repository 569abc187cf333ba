/**
 * Installing the app into many workspaces with OAuth: GET /slack/install starts it (Slack's
 * install flow with a signed state cookie), GET /slack/oauth_redirect finishes it; each
 * workspace's installation (its bot token) is kept in Redis and used for everything the bot
 * sends there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  InstallProvider,
} from '@slack/oauth';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../src/core/adapter.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { t } from '../../src/core/i18n/index.js';
import { escapeHtml } from '../../src/http/util.js';
import type { RedisClient } from '../../src/store/redis.js';
import { slackLogger } from './logger.js';

export const BOT_SCOPES = [
  'app_mentions:read',
  'channels:read',
  'chat:write',
  'commands',
  'groups:read',
  'im:history',
  'im:read',
  'im:write',
  'users:read',
];

function keyOf(
  prefix: string,
  query: {
    enterpriseId?: string | undefined;
    teamId?: string | undefined;
    isEnterpriseInstall?: boolean | undefined;
  },
): string {
  const id =
    query.isEnterpriseInstall && query.enterpriseId
      ? `E:${query.enterpriseId}`
      : `T:${query.teamId ?? ''}`;
  return `${prefix}slack:installation:{${id}}`;
}

/** Installations in Redis, one key per workspace (or Enterprise Grid organisation). */
export class RedisInstallationStore implements InstallationStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = keyOf(this.prefix, {
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
      isEnterpriseInstall: installation.isEnterpriseInstall,
    });
    await this.redis.set(key, JSON.stringify(installation));
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const raw = await this.redis.get(keyOf(this.prefix, query));
    if (!raw)
      throw new PermanentDeliveryError(
        `the app is not installed in ${query.teamId ?? query.enterpriseId ?? '?'}`,
      );
    return JSON.parse(raw) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.redis.del(keyOf(this.prefix, query));
  }

  /** The bot token for a workspace. */
  async botToken(teamId: string): Promise<string> {
    const installation = await this.fetchInstallation({
      teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    const token = installation.bot?.token;
    if (!token) throw new PermanentDeliveryError(`no bot token for ${teamId}`);
    return token;
  }
}

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: RedisInstallationStore;
  /** Web API base URL (SLACK_API_URL), for oauth.v2.access. */
  apiUrl?: string | undefined;
  log: Logger;
}

function page(res: ServerResponse, status: number, text: string): void {
  const html = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Alliantiebot</title><body style="font-family:system-ui;max-width:40rem;margin:4rem auto"><h1>Alliantiebot</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

export function createOAuthRoutes(options: OAuthOptions): HttpRoute[] {
  const provider = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    installationStore: options.store,
    directInstall: true,
    logger: slackLogger(options.log),
    ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
  });
  return [
    {
      method: 'GET',
      path: '/slack/install',
      handle: (req: IncomingMessage, res: ServerResponse) =>
        provider.handleInstallPath(req, res, {}, { scopes: BOT_SCOPES }),
    },
    {
      method: 'GET',
      path: '/slack/oauth_redirect',
      handle: (req: IncomingMessage, res: ServerResponse) =>
        provider.handleCallback(req, res, {
          success: (installation, _options, _req, response) =>
            page(
              response,
              200,
              t('nl', 'slack.installed', {
                team: installation.team?.name ?? installation.team?.id ?? 'Slack',
              }),
            ),
          failure: (_error, _options, _req, response) =>
            page(response, 400, t('nl', 'slack.installFailed')),
        }),
    },
  ];
}
