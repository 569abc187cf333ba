/**
 * The web chat's fence, over HTTP against the running app (local mode, real Redis): only
 * requests addressed to the host it listens on (DNS rebinding), API calls only from its own
 * page (cross-site requests refused), writes only as JSON (a `text/plain` form post is the
 * classic CSRF); the headers every answer and every page carries; /metrics behind its token.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;
let port: number;
let persona: string;
let channel: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that Host, Origin and Sec-Fetch-Site are exactly what a browser sends. */
function send(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const write = (text: string, headers: Record<string, string>) =>
  send(
    'POST',
    '/local/api/messages',
    headers,
    JSON.stringify({ as: persona, conversation: channel, text }),
  );

/** The texts the persona sees in the channel. */
async function seen(): Promise<string[]> {
  const q = `as=${encodeURIComponent(persona)}&conversation=${encodeURIComponent(channel)}`;
  const res = await send('GET', `/local/api/messages?${q}`);
  expect(res.status).toBe(200);
  const { messages } = JSON.parse(res.body) as { messages: { text: string }[] };
  return messages.map((m) => m.text);
}

beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN });
  port = t.app.http?.port ?? 0;
  const res = await send('GET', '/local/api/personas');
  const { personas } = JSON.parse(res.body) as {
    personas: { id: string; conversations: { id: string; kind: string }[] }[];
  };
  const first = personas.find((p) => p.conversations.some((c) => c.kind === 'channel'));
  if (!first) throw new Error('no persona in a channel');
  persona = first.id;
  channel = first.conversations.find((c) => c.kind === 'channel')?.id ?? '';
});
afterAll(async () => {
  await t.stop();
});

describe('where it listens', () => {
  it('listens on loopback only in local mode', () => {
    expect(t.app.http?.host).toBe('127.0.0.1');
  });
});

describe('the chat API', () => {
  it('takes JSON from its own page', async () => {
    const own = `http://127.0.0.1:${port}`;
    const res = await write('from my own page', {
      'content-type': 'application/json',
      origin: own,
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(202);
    const named = await write('at localhost', {
      host: `localhost:${port}`,
      'content-type': 'application/json; charset=utf-8',
      origin: `http://localhost:${port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(named.status).toBe(202);
    expect(await seen()).toEqual(expect.arrayContaining(['from my own page', 'at localhost']));
  });

  it('refuses a text/plain post (a cross-site form needs no preflight for it)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await write(`csrf as ${type}`, { 'content-type': type });
      expect(res.status).toBe(415);
    }
    const cross = await write('csrf from elsewhere', {
      'content-type': 'text/plain;charset=UTF-8',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect([403, 415]).toContain(cross.status);
    expect((await seen()).filter((text) => text.startsWith('csrf'))).toEqual([]);
  });

  it('refuses JSON from another origin', async () => {
    const json = { 'content-type': 'application/json' };
    for (const headers of [
      { ...json, origin: 'https://evil.example' },
      { ...json, origin: 'null' },
      // Another app on this machine: the same site, not the same origin.
      { ...json, origin: `http://127.0.0.1:${port + 1}`, 'sec-fetch-site': 'same-site' },
      { ...json, origin: `http://127.0.0.1:${port + 1}` },
      { ...json, 'sec-fetch-site': 'cross-site' },
    ]) {
      const res = await write('foreign', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    for (const path of ['/local/api/actions', '/local/api/forms', '/local/api/open']) {
      const res = await send(
        'POST',
        path,
        { ...json, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        JSON.stringify({ as: persona, conversation: channel }),
      );
      expect(res.status, path).toBe(403);
    }
    expect(await seen()).not.toContain('foreign');
  });

  it('refuses reads another site makes', async () => {
    const res = await send('GET', '/local/api/personas', { 'sec-fetch-site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(persona);
    expect(
      (await send('GET', '/local/api/personas', { 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });

  it('answers no request addressed to another host (DNS rebinding)', async () => {
    const foreign = { host: `rebind.evil.example:${port}` };
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/local/app.js'],
      ['GET', '/local/api/personas'],
      ['GET', `/local/api/stream?as=${encodeURIComponent(persona)}`],
    ] as const) {
      const res = await send(method, path, foreign);
      expect(res.status, path).toBe(421);
      expect(res.body).not.toContain(persona);
    }
    const posted = await write('rebound', {
      ...foreign,
      'content-type': 'application/json',
      origin: `http://rebind.evil.example:${port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(posted.status).toBe(421);
    expect(await seen()).not.toContain('rebound');
    // A name with credentials in front of loopback is still another host.
    expect((await send('GET', '/', { host: `127.0.0.1@evil.example:${port}` })).status).toBe(421);
    // Loopback under each of its names is this host.
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await send('GET', '/', { host })).status, host).toBe(200);
    }
  });
});

describe('headers', () => {
  it('puts a strict content security policy and no framing on the page', async () => {
    const res = await send('GET', '/');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // The page works under it: every script is a file of its own or inert JSON data.
    const scripts = res.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/|type="application\/json"/);
    expect(res.body).not.toMatch(/\son[a-z]+=/i);
  });

  it('puts nosniff on every answer', async () => {
    for (const path of ['/local/app.js', '/local/style.css', '/local/api/personas', '/healthz']) {
      const res = await send('GET', path);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const missing = await send('GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('answers the bearer of the token only', async () => {
    expect((await send('GET', '/metrics')).status).toBe(401);
    const wrong = await send('GET', '/metrics', { authorization: `Bearer ${METRICS_TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(wrong.body).not.toContain('# HELP');
    const basic = await send('GET', '/metrics', { authorization: `Basic ${METRICS_TOKEN}` });
    expect(basic.status).toBe(401);
    const right = await send('GET', '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(right.status).toBe(200);
    expect(right.body).toContain('# HELP');
  });
});
