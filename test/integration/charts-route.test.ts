/**
 * `GET /charts/<token>.svg|.png` against real Redis: a chart a flow published through its
 * context (`ctx.charts`, under the public URL) is served as SVG and as PNG with its type,
 * cache and security headers; its token lives as long as it was asked to; an expired, unknown
 * or malformed token gets a short Dutch and English answer (404), never a 500.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/charts.js';
import { chartLinks, chartTokensOf } from '../../src/engine/charts.js';
import { chartsRoute, GONE_TEXT } from '../../src/http/charts.js';
import { createHttpServer, listen, type RunningServer } from '../../src/http/server.js';
import { Store } from '../../src/store/index.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, keysWithPrefix, testRedis } from '../helpers/redis.js';

let redis: RedisClient;
let store: Store;
let prefix: string;
let http: RunningServer;
let base: string;

const spec: ChartSpec = {
  title: 'Gezondheid',
  categories: ['1 nov.', '8 nov.', '15 nov.'],
  series: [
    { name: 'Verbonden', values: [1, 2, 3] },
    { name: 'Bijdragend', values: [0, 1, 1] },
  ],
  max: 4,
  alt: 'Verbonden: 3 van 4 partners, was 1; Bijdragend: 1 van 4 partners, was 0.',
};

beforeAll(async () => {
  redis = testRedis();
  prefix = freshPrefix('charts');
  store = new Store(redis, prefix);
  const server = createHttpServer({
    routes: [chartsRoute((token) => chartTokensOf(store).get(token))],
    ready: async () => true,
    log: pino({ level: 'silent' }),
  });
  http = await listen(server, 0);
  base = `http://127.0.0.1:${http.port}`;
});
afterAll(async () => {
  await http?.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const tokenOf = (url: string) => /\/charts\/([A-Za-z0-9_-]{43})\.(png|svg)$/.exec(url)?.[1] ?? '';

describe('a published chart', () => {
  it('is served as SVG and PNG under the public URL, with their headers', async () => {
    const urls = await chartLinks(store, () => `${base}/`).publish(spec, 3600);
    if (!urls) throw new Error('no chart addresses');
    expect(urls.svg).toMatch(new RegExp(`^${base}/charts/[A-Za-z0-9_-]{43}\\.svg$`));
    expect(tokenOf(urls.png)).toBe(tokenOf(urls.svg));

    const svg = await fetch(urls.svg);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(svg.headers.get('x-content-type-options')).toBe('nosniff');
    expect(svg.headers.get('referrer-policy')).toBe('no-referrer');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = await svg.text();
    expect(body).toMatch(/^<svg/);
    expect(body).toContain('Verbonden');
    expect(body).toContain('Bijdragend');
    expect(body).toContain(`<title>${spec.alt}</title>`);

    const png = await fetch(urls.png);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(1440);
    expect(bytes.readUInt32BE(20)).toBe(720);
    expect(Number(png.headers.get('content-length'))).toBe(bytes.length);
  });

  it('gives every platform fetching it at once the same picture', async () => {
    const urls = await chartLinks(store, () => base).publish(spec, 3600);
    const answers = await Promise.all([1, 2, 3].map(() => fetch(urls?.png ?? '')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const [first, ...rest] = await Promise.all(
      answers.map(async (a) => Buffer.from(await a.arrayBuffer())),
    );
    for (const other of rest) expect(other.equals(first ?? Buffer.alloc(0))).toBe(true);
  });

  it('keeps its token as long as asked', async () => {
    const urls = await chartLinks(store, () => base).publish(spec, 7 * 24 * 3600);
    const ttl = await chartTokensOf(store).ttl(tokenOf(urls?.png ?? ''));
    expect(ttl).toBeGreaterThan(7 * 24 * 3600 - 60);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 3600);
  });

  it('gives no address without a public URL, and keeps nothing', async () => {
    const before = await keysWithPrefix(redis, prefix);
    expect(await chartLinks(store, () => undefined).publish(spec, 3600)).toBeUndefined();
    expect(await keysWithPrefix(redis, prefix)).toEqual(before);
  });
});

describe('a chart that is gone', () => {
  const gone = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(GONE_TEXT);
  };

  it('answers an expired token in Dutch and English, also after it was shown', async () => {
    const urls = await chartLinks(store, () => base).publish(spec, 3600);
    if (!urls) throw new Error('no chart addresses');
    const token = tokenOf(urls.svg);
    expect((await fetch(urls.svg)).status).toBe(200);
    // Its time runs out: Redis forgets it.
    await redis.pexpire(`${prefix}{c:${token}}`, 1);
    await expect.poll(() => chartTokensOf(store).ttl(token)).toBe(-2);
    await gone(new URL(urls.svg).pathname);
    await gone(new URL(urls.png).pathname);
  });

  it('answers an unknown or malformed token and another extension the same way', async () => {
    await gone(`/charts/${'A'.repeat(43)}.png`);
    await gone('/charts/short.svg');
    await gone(`/charts/${'A'.repeat(43)}.gif`);
    await gone('/charts/%2e%2e%2fetc.svg');
    await gone('/charts/');
  });

  it('answers a token whose record is damaged as gone, never with a 500', async () => {
    const token = 'B'.repeat(43);
    await redis.set(`${prefix}{c:${token}}`, '{not json', 'EX', 60);
    await gone(`/charts/${token}.svg`);
    await redis.set(`${prefix}{c:${token}}`, JSON.stringify({ title: 'x' }), 'EX', 60);
    await gone(`/charts/${token}.png`);
  });
});
