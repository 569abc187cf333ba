/**
 * Signing requests the way Slack does: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` under
 * the signing secret, sent with X-Slack-Signature and X-Slack-Request-Timestamp.
 */
import { createHmac } from 'node:crypto';
import { pino } from 'pino';
import {
  createSlackAdapter,
  type SlackAdapter,
  type SlackAdapterOptions,
} from '../../adapters/slack/index.js';
import type { Settings } from '../../src/config/env.js';
import type { RedisClient } from '../../src/store/redis.js';
import { startTestApp, type TestApp } from './app.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789ab';

export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  secret?: string;
  timestamp?: number;
  retryNum?: number;
  signature?: string;
}

export async function postSigned(
  url: string,
  body: string,
  contentType: string,
  options: SignedOptions = {},
): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature':
        options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...(options.retryNum === undefined
        ? {}
        : {
            'x-slack-retry-num': String(options.retryNum),
            'x-slack-retry-reason': 'http_timeout',
          }),
    },
    body,
  });
}

export const postJson = (url: string, payload: unknown, options?: SignedOptions) =>
  postSigned(url, JSON.stringify(payload), 'application/json', options);

export const postForm = (url: string, fields: Record<string, string>, options?: SignedOptions) =>
  postSigned(
    url,
    new URLSearchParams(fields).toString(),
    'application/x-www-form-urlencoded',
    options,
  );

export const postInteraction = (url: string, payload: unknown, options?: SignedOptions) =>
  postForm(url, { payload: JSON.stringify(payload) }, options);

/**
 * The real app in Slack mode against a Web API stand-in (one workspace, bot token), plus
 * whatever other settings a test needs (OAuth, Socket Mode).
 */
export function startSlackTestApp(
  api: { token: string; url: string },
  extra: Partial<Settings> = {},
): Promise<TestApp> {
  return startTestApp({
    localMode: false,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: api.token,
    SLACK_API_URL: api.url,
    ...extra,
  });
}

/** The app with OAuth installs into many workspaces (no bot token of its own). */
export function startSlackOAuthTestApp(api: { url: string }): Promise<TestApp> {
  return startSlackTestApp(
    { token: '', url: api.url },
    {
      SLACK_BOT_TOKEN: undefined,
      SLACK_CLIENT_ID: '111.222',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'state-secret-state-secret',
    },
  );
}

/** What a Slack stand-in issues for a request a person makes (see test/fakes/slack-api.ts). */
export interface IssuesTriggers {
  trigger(user?: string, issued?: number): string;
  responseUrl(user: string, channel: string, team?: string): string;
}

export interface SlashCommandOptions {
  /** The person's Slack id (`U…`). */
  user: string;
  text: string;
  team?: string;
  channel?: string;
  /** Default: a fresh one from the stand-in. */
  trigger?: string;
  /** Default: a fresh one from the stand-in; `null` for none. */
  responseUrl?: string | null;
  retryNum?: number;
}

/** The form fields of `/alliance <text>` as Slack sends them, trigger and response_url issued. */
export function slashCommandFields(api: IssuesTriggers, o: SlashCommandOptions) {
  const team = o.team ?? 'T0DEMO01';
  const channel = o.channel ?? 'C0ALLIANTIE';
  const responseUrl =
    o.responseUrl === undefined ? api.responseUrl(o.user, channel, team) : o.responseUrl;
  return {
    token: 'xAbCdEfGhIjKlMnOpQrStUvW',
    team_id: team,
    channel_id: channel,
    channel_name: 'alliantie',
    user_id: o.user,
    command: '/alliance',
    text: o.text,
    trigger_id: o.trigger ?? api.trigger(o.user),
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
}

/** POSTs `/alliance <text>` by a person, signed, to the bot's Slack endpoint. */
export function postSlashCommand(
  url: string,
  api: IssuesTriggers,
  o: SlashCommandOptions,
): Promise<Response> {
  return postForm(
    url,
    slashCommandFields(api, o),
    o.retryNum === undefined ? {} : { retryNum: o.retryNum },
  );
}

/**
 * A Slack adapter against a Web API stand-in, for tests of what it sends: inbound events go
 * nowhere. (Given both ways the adapter has taken its inbound side: `handle` and `sink`.)
 */
export function slackAdapterForTest(
  api: { token: string; url: string },
  redis: RedisClient,
  prefix: string,
): SlackAdapter {
  const handle = async () => ({ duplicate: false });
  const inbound = { handle, sink: { accept: async () => undefined, handle } };
  return createSlackAdapter({
    signingSecret: 'unused-signing-secret-0123456789',
    botToken: api.token,
    apiUrl: api.url,
    redis,
    prefix,
    log: pino({ level: 'silent' }),
    ...inbound,
  } as SlackAdapterOptions);
}
