/**
 * The one HTTP server: mounts the routes the adapters hand it, serves /healthz (process
 * up), /readyz (Redis answers) and /metrics (behind METRICS_TOKEN when set), puts the
 * security headers on every answer, and shuts down gracefully.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRoute } from '../core/adapter.js';
import { HttpError, requestUrl, sendJson, sendText } from './util.js';

export interface HttpServerOptions {
  routes: readonly HttpRoute[];
  /**
   * Resolves true when every dependency (Redis, queues) answers, or with the reasons it is not
   * ready (e.g. the inbound journal's backlog), which /readyz lists.
   */
  ready: () => Promise<boolean | { ready: boolean; reasons: readonly string[] }>;
  /** Prometheus text for /metrics. */
  metrics?: () => Promise<string>;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>` (401 otherwise). */
  metricsToken?: string | undefined;
  log: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** The address it listens on. */
  host: string;
  close(): Promise<void>;
}

/** On every answer: no MIME sniffing, no referrer leaving the bot (tokens live in URLs). */
const EVERY_ANSWER: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * On every HTML page (unless its route set a policy of its own): scripts, styles, and
 * connections from the bot itself only (no inline script), images also as data: URIs, no
 * plugins, no <base>, forms posting home only, and no framing anywhere (clickjacking).
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Parameters<ServerResponse['writeHead']>[1];

function contentTypeOf(res: ServerResponse, headers: unknown): string {
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === 'content-type') return String(value);
    }
  }
  return String(res.getHeader('content-type') ?? '');
}

function hasHeader(res: ServerResponse, headers: unknown, name: string): boolean {
  if (res.hasHeader(name)) return true;
  return Boolean(
    headers &&
      typeof headers === 'object' &&
      !Array.isArray(headers) &&
      Object.keys(headers).some((k) => k.toLowerCase() === name),
  );
}

/**
 * Sets the headers every answer carries and, when the headers go out (writeHead, explicit or
 * implied by write/end), those of an HTML page if it is one.
 */
function secure(res: ServerResponse): void {
  for (const [name, value] of Object.entries(EVERY_ANSWER)) res.setHeader(name, value);
  const writeHead = res.writeHead.bind(res);
  res.writeHead = ((status: number, ...rest: [string?, Headers?] | [Headers?]) => {
    const headers = rest.at(-1);
    if (/^\s*text\/html\b/i.test(contentTypeOf(res, headers))) {
      if (!hasHeader(res, headers, 'content-security-policy')) {
        res.setHeader('content-security-policy', PAGE_POLICY);
      }
      if (!hasHeader(res, headers, 'x-frame-options')) res.setHeader('x-frame-options', 'DENY');
    }
    return (writeHead as (...args: unknown[]) => ServerResponse)(status, ...rest);
  }) as ServerResponse['writeHead'];
}

/** Compares a presented bearer token with the expected one in constant time. */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  // Digests have one length, so the comparison neither fails early nor leaks the length.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

function matches(route: HttpRoute, method: string, path: string): boolean {
  if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) return false;
  return route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { routes, ready, metrics, metricsToken, log } = options;
  let closing = false;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    let path = '';
    secure(res);
    try {
      // Inside the try: a target that is no path (`//%2F/x`) is a 400, not a thrown handler
      // (an unhandled rejection ends the process).
      path = requestUrl(req).pathname;
      if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
        return sendJson(res, closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
      }
      if (path === '/readyz' && (method === 'GET' || method === 'HEAD')) {
        if (closing) return sendJson(res, 503, { status: 'not ready', reasons: ['closing'] });
        const answer = await ready();
        const ok = typeof answer === 'boolean' ? answer : answer.ready;
        const reasons = typeof answer === 'boolean' ? [] : answer.reasons;
        return sendJson(res, ok ? 200 : 503, {
          status: ok ? 'ready' : 'not ready',
          ...(reasons.length > 0 ? { reasons } : {}),
        });
      }
      if (path === '/metrics' && method === 'GET' && metrics) {
        if (metricsToken && !bearerMatches(req.headers.authorization, metricsToken)) {
          res.setHeader('www-authenticate', 'Bearer realm="metrics"');
          return sendJson(res, 401, { error: 'a bearer token is needed for /metrics' });
        }
        return sendText(res, 200, await metrics(), 'text/plain; version=0.0.4; charset=utf-8');
      }
      const route = routes.find((r) => matches(r, method, path));
      if (!route) {
        const other = routes.some((r) => matches({ ...r, method: method as 'GET' }, method, path));
        return sendJson(res, other ? 405 : 404, {
          error: other ? 'method not allowed' : 'not found',
        });
      }
      await route.handle(req, res);
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { error: error.message });
        return;
      }
      log.error({ err: error, path, method }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.on('close', () => {
    closing = true;
  });
  const originalClose = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    closing = true;
    return originalClose(cb);
  }) as typeof server.close;
  return server;
}

/**
 * Listens on `host` (HOST; see listenHost in src/config/env.ts: loopback in local mode,
 * every address otherwise), loopback when none is given.
 */
export async function listen(
  server: Server,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actual,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Long-lived streams (the web chat's event stream) end after a grace period.
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
