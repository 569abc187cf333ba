/**
 * Installing the app into many workspaces with OAuth: GET /slack/install starts it (Slack's
 * install flow with a signed state cookie), GET /slack/oauth_redirect finishes it; each
 * workspace's installation (its bot token) is kept in Redis and used for everything the bot
 * sends there. The page the installer lands on is in their language: `?lang=nl|en` on
 * /slack/install (carried in the signed state), else their browser's Accept-Language, else
 * Dutch.
 *
 * Only workspaces an alliance accepts may install (`allowsWorkspace`: the alliances'
 * `workspaces`, the teams of linked channels and named people): an install from anywhere
 * else is told so on that page, in the installer's language, nothing is stored and the app is
 * uninstalled there again.
 *
 * Where installations are kept, and how an org-wide install or a route through another
 * workspace's installation is found again: installations.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { webApi } from '@slack/bolt';
import { type Installation, InstallProvider } from '@slack/oauth';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HttpRoute } from '../../src/core/adapter.js';
import { type Locale, LocaleSchema } from '../../src/core/events.js';
import { localeFromAcceptLanguage, t } from '../../src/core/i18n/index.js';
import { escapeHtml, queryOf } from '../../src/http/util.js';
import type { RedisInstallationStore } from './installations.js';
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

/** Which installation: a workspace's (in an Enterprise Grid org or not), or an org's. */
export {
  type Forgotten,
  type InstallationRef,
  installationId,
  RedisInstallationStore,
  refOf,
} from './installations.js';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: RedisInstallationStore;
  /**
   * Whether a workspace (`slack:T…`, `slack:E…` for an org) may install the app; an install
   * from elsewhere is refused. Without it every workspace may (one-workspace deployments).
   */
  allowsWorkspace?: ((workspace: string) => boolean) | undefined;
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

type Outcome = { ok: true; team: string } | { ok: false; refused?: string };

/** The page an installer sees after Slack sends them back: every word in their language. */
export function installPage(locale: Locale, outcome: Outcome): string {
  const heading = t(
    locale,
    outcome.ok
      ? 'slack.installPage.done'
      : outcome.refused !== undefined
        ? 'slack.installPage.refused'
        : 'slack.installPage.failed',
  );
  const sentence = outcome.ok
    ? t(locale, 'slack.installed', { team: outcome.team })
    : outcome.refused !== undefined
      ? t(locale, 'slack.installRefused', { team: outcome.refused })
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

/** The workspaces an installation is for: its team, and its Enterprise Grid org. */
function workspacesOf(installation: Installation): string[] {
  return [installation.team?.id, installation.enterprise?.id]
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .map((id) => `slack:${id}`);
}

export function createOAuthRoutes(options: OAuthOptions): HttpRoute[] {
  const { allowsWorkspace, log } = options;
  /** Uninstalls the app from a workspace that may not have it (best effort: it is refused anyway). */
  const uninstall = async (installation: Installation) => {
    const token = installation.bot?.token;
    if (!token) return;
    const client = new webApi.WebClient(token, {
      ...(options.apiUrl
        ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
        : {}),
      retryConfig: { retries: 0 },
      logLevel: webApi.LogLevel.ERROR,
    });
    await client.apps
      .uninstall({ client_id: options.clientId, client_secret: options.clientSecret })
      .catch((err: unknown) => log.warn({ err }, 'could not uninstall a refused Slack install'));
  };
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
          // Before anything is stored: a workspace no alliance accepts is refused.
          afterInstallation: async (installation, installOptions, callbackReq, response) => {
            const workspaces = workspacesOf(installation);
            if (!allowsWorkspace || workspaces.some((w) => allowsWorkspace(w))) return true;
            log.warn({ workspaces }, 'refused a Slack install from a workspace no alliance lists');
            await uninstall(installation);
            page(response, 403, await localeOf(callbackReq, installOptions.metadata), {
              ok: false,
              refused:
                installation.team?.name ??
                installation.enterprise?.name ??
                installation.team?.id ??
                installation.enterprise?.id ??
                'Slack',
            });
            return false;
          },
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
