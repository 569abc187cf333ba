/**
 * Installing the app into many workspaces with OAuth: GET /slack/install starts it (Slack's
 * install flow with a signed state cookie), GET /slack/oauth_redirect finishes it; each
 * workspace's installation (its bot token) is kept in Redis and used for everything the bot
 * sends there. The page the installer lands on is in their language: `?lang=nl|en` on
 * /slack/install (carried in the signed state), else their browser's Accept-Language, else
 * Dutch.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Installation,
  type InstallationQuery,
  type InstallationStore,
  InstallProvider,
} from '@slack/oauth';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HttpRoute } from '../../src/core/adapter.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { type Locale, LocaleSchema } from '../../src/core/events.js';
import { localeFromAcceptLanguage, t } from '../../src/core/i18n/index.js';
import { escapeHtml, queryOf } from '../../src/http/util.js';
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

/** What /slack/install puts into the signed OAuth state: the installer's `?lang=` choice. */
const StateMetadataSchema = z.object({ lang: LocaleSchema });

function metadataFor(req: IncomingMessage): string | undefined {
  const lang = LocaleSchema.safeParse(queryOf(req).get('lang'));
  return lang.success ? JSON.stringify({ lang: lang.data }) : undefined;
}

function langOfMetadata(metadata: string | undefined): Locale | undefined {
  if (metadata === undefined) return undefined;
  try {
    const parsed = StateMetadataSchema.safeParse(JSON.parse(metadata) as unknown);
    return parsed.success ? parsed.data.lang : undefined;
  } catch {
    return undefined;
  }
}

function acceptLanguageOf(req: IncomingMessage): string | undefined {
  const header = req.headers['accept-language'];
  return Array.isArray(header) ? header.join(',') : header;
}

type Outcome = { ok: true; team: string } | { ok: false };

/** The page an installer sees after Slack sends them back: every word in their language. */
export function installPage(locale: Locale, outcome: Outcome): string {
  const heading = t(locale, outcome.ok ? 'slack.installPage.done' : 'slack.installPage.failed');
  const sentence = outcome.ok
    ? t(locale, 'slack.installed', { team: outcome.team })
    : t(locale, 'slack.installFailed');
  const retry = outcome.ok
    ? ''
    : `<p><a href="install?lang=${escapeHtml(locale)}">${escapeHtml(t(locale, 'slack.installPage.retry'))}</a></p>`;
  return [
    `<!doctype html><html lang="${escapeHtml(locale)}"><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(t(locale, 'slack.installPage.title'))}</title>`,
    '<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">',
    `<h1>${escapeHtml(heading)}</h1><p>${escapeHtml(sentence)}</p>${retry}`,
    '</body></html>',
  ].join('');
}

function page(res: ServerResponse, status: number, locale: Locale, outcome: Outcome): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-language': locale,
      'cache-control': 'no-store',
    })
    .end(installPage(locale, outcome));
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
  /**
   * The installer's language: the `?lang=` they started with (carried in the state we signed),
   * else what their browser prefers, else Dutch. A failed callback did not verify the state
   * (a cancelled install, say), so its own signature is checked here just for the language.
   */
  const localeOf = async (req: IncomingMessage, metadata: string | undefined) => {
    let chosen = langOfMetadata(metadata);
    const state = queryOf(req).get('state');
    if (chosen === undefined && state && provider.stateStore) {
      chosen = await provider.stateStore
        .verifyStateParam(new Date(), state)
        .then((verified) => langOfMetadata(verified.metadata))
        .catch(() => undefined);
    }
    return chosen ?? localeFromAcceptLanguage(acceptLanguageOf(req));
  };
  return [
    {
      method: 'GET',
      path: '/slack/install',
      handle: (req: IncomingMessage, res: ServerResponse) => {
        const metadata = metadataFor(req);
        return provider.handleInstallPath(
          req,
          res,
          {},
          { scopes: BOT_SCOPES, ...(metadata ? { metadata } : {}) },
        );
      },
    },
    {
      method: 'GET',
      path: '/slack/oauth_redirect',
      handle: (req: IncomingMessage, res: ServerResponse) =>
        provider.handleCallback(req, res, {
          successAsync: async (installation, installOptions, callbackReq, response) =>
            page(response, 200, await localeOf(callbackReq, installOptions.metadata), {
              ok: true,
              team: installation.team?.name ?? installation.team?.id ?? 'Slack',
            }),
          failureAsync: async (_error, installOptions, callbackReq, response) =>
            page(response, 400, await localeOf(callbackReq, installOptions.metadata), {
              ok: false,
            }),
        }),
    },
  ];
}
