/**
 * Answering a request through its own `response_url` (slash commands, buttons): a POST of a
 * message payload to the URL Slack put in the request. No token and no rate-limit slot; Slack
 * allows 5 uses within 30 minutes of the request. An ephemeral answer in a channel goes as
 * `response_type: ephemeral`; the card a button updates as `replace_original: true`.
 *
 * Uses are counted in Redis (5 per URL, for 30 minutes from the first); when they are used up,
 * or Slack refuses the URL, the caller falls back to the Web API. Only URLs on Slack's own
 * hooks hosts (or the configured Web API's origin, which is how tests point it at a stand-in)
 * are ever posted to: the URL comes from a signed request, but rides in jobs.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { TransientDeliveryError } from '../../src/core/errors.js';
import type { RedisClient } from '../../src/store/redis.js';

/** Slack: "up to 5 times within 30 minutes of receiving the payload". */
export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_S = 30 * 60;

const SLACK_HOOK_HOSTS = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);
const TIMEOUT_MS = 5000;

/** Network errors after which the request surely never reached Slack. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function neverSent(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && NOT_CONNECTED.has(code);
}

/** Kept-alive connections to Slack's hooks (one TLS handshake, not one per answer). */
const AGENTS = {
  'https:': new https.Agent({ keepAlive: true, maxSockets: 50 }),
  'http:': new http.Agent({ keepAlive: true, maxSockets: 50 }),
};

/**
 * One JSON POST with node's own client: an answer is a small body and a short reply, and
 * `fetch` (web streams, abort signals) costs several times the CPU per request — what thirty
 * people answered at once feel.
 */
function postJson(url: URL, body: string): Promise<{ status: number; body: string }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        agent: url.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'],
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('response_url timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** How an envelope would use its reply handle: an ephemeral answer, or the button's card. */
export type ResponseUse = 'ephemeral' | 'replace';

/**
 * Whether this envelope answers through its response_url: an interactive answer with a handle
 * that is only for the person in the conversation they spoke in, or that updates the card they
 * pressed a button on. Forms with a trigger open a modal instead; direct messages go to the
 * person's chat with the bot (a response_url of a command typed in another DM would answer there).
 */
export function responseUse(envelope: OutboundEnvelope): ResponseUse | undefined {
  if (!envelope.interactive || !envelope.replyHandle) return undefined;
  if (envelope.trigger && envelope.message.kind === 'form') return undefined;
  if (envelope.replaces) return 'replace';
  if (envelope.to.kind === 'ephemeral') return 'ephemeral';
  return undefined;
}

export interface ResponseUrlsOptions {
  redis: RedisClient;
  prefix: string;
  /** The Web API base URL when it is not Slack's (a stand-in): its origin may answer too. */
  apiUrl?: string | undefined;
}

/**
 * What a POST to a response_url came to: `sent`; `refused` (not ours to use, used up, expired
 * or rejected by Slack); `unreachable` (the request never got to Slack: no connection).
 */
export type ResponseOutcome = 'sent' | 'refused' | 'unreachable';

export class ResponseUrls {
  private readonly extraOrigin: string | undefined;

  constructor(private readonly options: ResponseUrlsOptions) {
    this.extraOrigin = options.apiUrl ? new URL(options.apiUrl).origin : undefined;
  }

  /** Slack's own hooks over https, or the configured stand-in's origin. */
  allowed(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.protocol === 'https:' && SLACK_HOOK_HOSTS.has(parsed.hostname)) return true;
    return this.extraOrigin !== undefined && parsed.origin === this.extraOrigin;
  }

  private key(url: string): string {
    const digest = createHash('sha256').update(url).digest('base64url').slice(0, 22);
    return `${this.options.prefix}slack:response:{${digest}}`;
  }

  /** Takes one of the URL's uses; false when all 5 are spent (or its 30 minutes are over). */
  async take(url: string): Promise<boolean> {
    const key = this.key(url);
    const [, count] =
      (await this.options.redis
        .multi()
        .set(key, 0, 'EX', RESPONSE_URL_LIFETIME_S, 'NX')
        .incr(key)
        .exec()) ?? [];
    const uses = Number(count?.[1] ?? Number.POSITIVE_INFINITY);
    return uses <= RESPONSE_URL_USES;
  }

  /** Marks the URL used up (Slack refused it): later answers go through the Web API at once. */
  async spend(url: string): Promise<void> {
    await this.options.redis.set(this.key(url), RESPONSE_URL_USES, 'EX', RESPONSE_URL_LIFETIME_S);
  }

  /**
   * Posts one message payload. On `refused` or `unreachable` the caller uses the Web API.
   * Throws TransientDeliveryError when Slack may have got it but did not say (a timeout, a
   * 5xx): the queue retries, and the retry tries the URL again (posting twice is possible
   * there; sending it another way as well would be more likely to).
   */
  async post(url: string, payload: Record<string, unknown>): Promise<ResponseOutcome> {
    if (!this.allowed(url) || !(await this.take(url))) return 'refused';
    let res: { status: number; body: string };
    try {
      res = await postJson(new URL(url), JSON.stringify(payload));
    } catch (error) {
      if (neverSent(error)) return 'unreachable';
      throw new TransientDeliveryError('response_url failed', { cause: error });
    }
    if (res.status >= 500 || res.status === 408)
      throw new TransientDeliveryError(`response_url HTTP ${res.status}`);
    const ok = res.status >= 200 && res.status < 300;
    if (ok && !/"ok"\s*:\s*false/.test(res.body)) return 'sent';
    await this.spend(url);
    return 'refused';
  }
}
