/**
 * The HTTP server's own security: the headers on every answer and every HTML page however a
 * route writes it (writeHead with headers, setHeader then end, a policy of its own), and
 * /metrics open without METRICS_TOKEN, behind it with one.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/core/adapter.js';
import {
  bearerMatches,
  createHttpServer,
  listen,
  PAGE_POLICY,
  type RunningServer,
} from '../../src/http/server.js';

const log = pino({ level: 'silent' });
const PAGE = '<!doctype html><title>x</title>';

const routes: HttpRoute[] = [
  {
    method: 'GET',
    path: '/page',
    handle: (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    },
  },
  {
    method: 'GET',
    path: '/implicit',
    handle: (_req, res) => {
      res.setHeader('content-type', 'TEXT/HTML');
      res.end(PAGE);
    },
  },
  {
    method: 'GET',
    path: '/own-policy',
    handle: (_req, res) => {
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'none'",
      });
      res.end(PAGE);
    },
  },
  {
    method: 'GET',
    path: '/svg',
    handle: (_req, res) => {
      res.writeHead(200, 'OK', { 'content-type': 'image/svg+xml' });
      res.end('<svg xmlns="http://www.w3.org/2000/svg"/>');
    },
  },
];

async function serve(metricsToken?: string): Promise<RunningServer> {
  return listen(
    createHttpServer({
      routes,
      ready: async () => true,
      metrics: async () => '# HELP up 1\nup 1\n',
      ...(metricsToken ? { metricsToken } : {}),
      log,
    }),
    0,
  );
}

let open: RunningServer;
let closed: RunningServer;
const url = (s: RunningServer, path: string) => `http://127.0.0.1:${s.port}${path}`;

beforeAll(async () => {
  open = await serve();
  closed = await serve('s3cret-token');
});
afterAll(async () => {
  await open.close();
  await closed.close();
});

describe('headers', () => {
  it('puts the page policy on every HTML page, however it is written', async () => {
    for (const path of ['/page', '/implicit']) {
      const res = await fetch(url(open, path));
      expect(res.headers.get('content-security-policy'), path).toBe(PAGE_POLICY);
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(await res.text()).toBe(PAGE);
    }
  });

  it('keeps a policy a route sets itself', async () => {
    const res = await fetch(url(open, '/own-policy'));
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('puts nosniff, and no page policy, on what is not HTML', async () => {
    for (const path of ['/svg', '/healthz', '/readyz', '/metrics', '/nowhere']) {
      const res = await fetch(url(open, path));
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toBeNull();
    }
  });

  it('listens on loopback unless told otherwise', () => {
    expect(open.host).toBe('127.0.0.1');
  });
});

describe('/metrics', () => {
  it('is open without a token', async () => {
    expect((await fetch(url(open, '/metrics'))).status).toBe(200);
  });

  it('wants the bearer token when one is set', async () => {
    const get = (authorization?: string) =>
      fetch(url(closed, '/metrics'), authorization ? { headers: { authorization } } : {});
    expect((await get()).status).toBe(401);
    expect((await get('Bearer wrong')).status).toBe(401);
    expect((await get('Bearer s3cret-token-and-more')).status).toBe(401);
    expect((await get('Basic s3cret-token')).status).toBe(401);
    const ok = await get('Bearer s3cret-token');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('up 1');
    // Health stays open: probes carry no token.
    expect((await fetch(url(closed, '/healthz'))).status).toBe(200);
  });

  it('compares the whole token', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('bearer   abc ', 'abc')).toBe(true);
    expect(bearerMatches('Bearer ab', 'abc')).toBe(false);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('Bearer', 'abc')).toBe(false);
    expect(bearerMatches(undefined, 'abc')).toBe(false);
  });
});
