import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLimiter, PACING } from '../../src/queue/limiter.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('pace');
const limiter = new DeliveryLimiter(redis, prefix);

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

/** Sends as fast as the limiter allows from t0 until `until`, with a virtual clock. */
async function drive(
  policy: (typeof PACING)['teams'],
  dest: string,
  ws: string,
  t0: number,
  until: number,
) {
  const sent: number[] = [];
  let t = t0;
  let n = 0;
  while (t < until) {
    const { wait } = await limiter.acquire(policy, dest, ws, `m${n++}`, t);
    if (wait === 0) sent.push(t);
    else t += wait;
  }
  return sent;
}

function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('pacing within the platforms limits', () => {
  beforeAll(async () => {
    await redis.ping();
  });

  it('lets one Slack message a second into a channel, and other channels go on meanwhile', async () => {
    const slack = PACING.slack;
    expect((await limiter.acquire(slack, 'slack:T1:C1', 'slack:T1', 'a', 10_000)).wait).toBe(0);
    const { wait } = await limiter.acquire(slack, 'slack:T1:C1', 'slack:T1', 'b', 10_100);
    expect(wait).toBeGreaterThanOrEqual(900);
    expect(wait).toBeLessThanOrEqual(1000);
    expect((await limiter.acquire(slack, 'slack:T1:C2', 'slack:T1', 'c', 10_100)).wait).toBe(0);
    expect((await limiter.acquire(slack, 'slack:T1:C1', 'slack:T1', 'd', 10_100 + wait)).wait).toBe(
      0,
    );
  });

  it('keeps a Teams conversation within 7 a second and 60 per 30 seconds', async () => {
    const sent = await drive(PACING.teams, 'teams:t1:19:conv', 'teams:t1', 0, 61_000);
    expect(maxInWindow(sent, 1000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(sent, 30_000)).toBeLessThanOrEqual(60);
    // ... and uses most of what the limits allow: 60 in the first 30 s, 60 in the next.
    expect(sent.length).toBeGreaterThanOrEqual(110);
  });

  it('holds back a destination until the Retry-After a platform gave has passed', async () => {
    const now = 100_000;
    await limiter.block('local:demo:x', 'local:demo', now + 2000, 'destination', now);
    const { wait } = await limiter.acquire(PACING.local, 'local:demo:x', 'local:demo', 'a', now);
    expect(wait).toBeGreaterThan(1900);
    expect((await limiter.acquire(PACING.local, 'local:demo:y', 'local:demo', 'b', now)).wait).toBe(
      0,
    );
  });
});
