/**
 * Signing requests the way Slack does: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` under
 * the signing secret, sent with X-Slack-Signature and X-Slack-Request-Timestamp.
 */
import { createHmac } from 'node:crypto';
import type { Settings } from '../../src/config/env.js';
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
