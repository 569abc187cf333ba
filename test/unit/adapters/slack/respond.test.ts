/**
 * Posting to a response_url (adapters/slack/respond.ts) against a real HTTP server: what
 * Slack's answers and a missing server come to, and the 5 uses Slack allows per URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_URL_USES, ResponseUrls } from '../../../../adapters/slack/respond.js';
import { TransientDeliveryError } from '../../../../src/core/errors.js';
import { deletePrefix, freshPrefix, testRedis } from '../../../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('respond');
let server: Server;
let origin = '';
/** What the server answers next, and the bodies it received. */
let answer: { status: number; body: string } = { status: 200, body: 'ok' };
const received: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ type: req.headers['content-type'], body: JSON.parse(body) as unknown });
      res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const urls = () => new ResponseUrls({ redis, prefix, apiUrl: `${origin}/api/` });
let n = 0;
const hook = () => `${origin}/response/T0DEMO01/${++n}`;

describe('a response_url answer', () => {
  it('posts the message as JSON and is sent', async () => {
    answer = { status: 200, body: 'ok' };
    const before = received.length;
    expect(await urls().post(hook(), { text: 'Hallo', response_type: 'ephemeral' })).toBe('sent');
    expect(received.slice(before)).toEqual([
      {
        type: 'application/json; charset=utf-8',
        body: { text: 'Hallo', response_type: 'ephemeral' },
      },
    ]);
  });

  it('is refused after Slack’s 5 uses, and when Slack refuses the URL (then used up)', async () => {
    answer = { status: 200, body: 'ok' };
    const url = hook();
    for (let i = 0; i < RESPONSE_URL_USES; i++)
      expect(await urls().post(url, { text: `${i}` })).toBe('sent');
    expect(await urls().post(url, { text: 'sixth' })).toBe('refused');

    answer = { status: 404, body: 'expired_url' };
    const other = hook();
    expect(await urls().post(other, { text: 'x' })).toBe('refused');
    answer = { status: 200, body: 'ok' };
    expect(await urls().post(other, { text: 'y' })).toBe('refused');
  });

  it('throws a transient error on a 5xx, so the queue retries', async () => {
    answer = { status: 503, body: 'busy' };
    await expect(urls().post(hook(), { text: 'x' })).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('is unreachable when nothing listens (the caller uses the Web API)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const gone = new ResponseUrls({ redis, prefix, apiUrl: `http://127.0.0.1:${port}/api/` });
    expect(await gone.post(`http://127.0.0.1:${port}/response/x`, { text: 'x' })).toBe(
      'unreachable',
    );
  });

  it('never posts to a host that is not Slack’s hooks (or the configured stand-in)', async () => {
    const before = received.length;
    expect(await urls().post('https://evil.example/response/x', { text: 'x' })).toBe('refused');
    expect(await urls().post('http://hooks.slack.com/commands/x', { text: 'x' })).toBe('refused');
    expect(received.length).toBe(before);
  });
});
