/**
 * The limiter's line and its sends without an answer, on real Redis with virtual clocks; and
 * a Teams fan-out through the queue to a stand-in that enforces Teams' documented limits by
 * arrival, written out here rather than taken from PACING, so a wrong table cannot agree
 * with itself.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { text } from '../../src/core/messages.js';
import {
  DeliveryLimiter,
  type LimiterClock,
  MAX_PENDING_MS,
  type PacingPolicy,
} from '../../src/queue/limiter.js';
import { FlakyAdapter, FlakyPlatform } from '../fakes/flaky-platform.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const redis = testRedis();
const prefix = freshPrefix('line');
const limiter = new DeliveryLimiter(redis, prefix);

afterAll(async () => {
  await deletePrefix(redis, prefix);
  await redis.quit();
});

/** One workspace window of `limit` a second, nothing per destination. */
const perSecond = (limit: number): PacingPolicy => ({
  destination: [],
  workspace: [{ limit, ms: 1000 }],
});
const W = 1010; // 1000 ms widened by the safety margin

class VirtualClock implements LimiterClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

describe('sends still without an answer', () => {
  it('keep their slot past the window until the answer comes, then count from the answer', async () => {
    const policy = perSecond(1);
    const at = (now: number) => ({ now, tracked: true });
    const first = await limiter.acquire(policy, 'teams:a:1', 'teams:a', 'm1', at(0));
    expect(first.wait).toBe(0);
    // No answer after two windows: the request may still arrive, so nothing else goes.
    expect((await limiter.acquire(policy, 'teams:a:2', 'teams:a', 'm2', at(2000))).wait).toBe(W);
    expect((await limiter.acquire(policy, 'teams:a:2', 'teams:a', 'm2', at(2500))).wait).toBe(W);
    await limiter.settle('teams:a:1', 'teams:a', first.entry, 2600);
    expect(
      (await limiter.acquire(policy, 'teams:a:2', 'teams:a', 'm2', at(2600 + W - 1))).wait,
    ).toBe(1);
    expect((await limiter.acquire(policy, 'teams:a:2', 'teams:a', 'm2', at(2600 + W))).wait).toBe(
      0,
    );
  });

  it('count as lost after MAX_PENDING_MS, and a released slot is free at once', async () => {
    const policy = perSecond(1);
    const at = (now: number) => ({ now, tracked: true });
    await limiter.acquire(policy, 'teams:b:1', 'teams:b', 'm1', at(0));
    expect(
      (await limiter.acquire(policy, 'teams:b:2', 'teams:b', 'm2', at(MAX_PENDING_MS - 1))).wait,
    ).toBeGreaterThan(0);
    const late = MAX_PENDING_MS + W + 1000;
    const taken = await limiter.acquire(policy, 'teams:b:2', 'teams:b', 'm2', at(late));
    expect(taken.wait).toBe(0);
    await limiter.release('teams:b:2', 'teams:b', taken.entry);
    expect((await limiter.acquire(policy, 'teams:b:3', 'teams:b', 'm3', at(late))).wait).toBe(0);
  });

  it('count as lost after a shorter hold when one is set (QUEUE_PENDING_MS)', async () => {
    const short = new DeliveryLimiter(redis, prefix, { maxPendingMs: 5000 });
    const policy = perSecond(1);
    const at = (now: number) => ({ now, tracked: true });
    await short.acquire(policy, 'teams:c:1', 'teams:c', 'm1', at(0));
    expect((await short.acquire(policy, 'teams:c:2', 'teams:c', 'm2', at(4999))).wait).toBe(W);
    expect(
      (await short.acquire(policy, 'teams:c:2', 'teams:c', 'm2', at(5000 + W + 1000))).wait,
    ).toBe(0);
  });
});

describe('the line', () => {
  it('tells 150 waiting senders their own slots, so each goes the first time it comes back', async () => {
    const policy = perSecond(50);
    const ws = 'teams:line';
    const at = (now: number) => ({ now, tracked: true });
    for (let i = 0; i < 50; i++) {
      const { wait, entry } = await limiter.acquire(policy, `${ws}:d${i}`, ws, `s${i}`, at(i));
      expect(wait).toBe(0);
      await limiter.settle(`${ws}:d${i}`, ws, entry, i);
    }
    const back: { id: number; time: number }[] = [];
    for (let i = 50; i < 200; i++) {
      const now = 10 + i; // one after the other
      const { wait } = await limiter.acquire(policy, `${ws}:d${i}`, ws, `s${i}`, at(now));
      back.push({ id: i, time: now + wait });
    }
    // In the order they came: a window's worth at a time, each at the slot of its place.
    expect(back.map((b) => b.time)).toEqual(
      Array.from({ length: 150 }, (_, k) => (k % 50) + W * (1 + Math.floor(k / 50))),
    );
    // Asking again keeps the place.
    expect((await limiter.acquire(policy, `${ws}:d120`, ws, 's120', at(500))).wait).toBe(
      (back[70]?.time ?? 0) - 500,
    );
    let granted = 0;
    for (const { id, time } of back.sort((a, b) => a.time - b.time)) {
      const { wait, entry } = await limiter.acquire(policy, `${ws}:d${id}`, ws, `s${id}`, at(time));
      if (wait === 0) {
        granted++;
        await limiter.settle(`${ws}:d${id}`, ws, entry, time);
      }
    }
    expect(granted).toBe(150);
  });

  it('puts a retry (a sender that had a slot before) at the front of the line', async () => {
    const policy = perSecond(2);
    const ws = 'teams:retry';
    const at = (now: number) => ({ now, tracked: true });
    // r1 is sent and fails; two others are waiting when it asks again.
    const first = await limiter.acquire(policy, `${ws}:1`, ws, 'r1', at(0));
    await limiter.settle(`${ws}:1`, ws, first.entry, 5);
    const second = await limiter.acquire(policy, `${ws}:2`, ws, 'r2', at(10));
    await limiter.settle(`${ws}:2`, ws, second.entry, 15);
    const waiting = await limiter.acquire(policy, `${ws}:3`, ws, 'r3', at(20));
    expect(waiting.wait).toBe(5 + W - 20);
    const retry = await limiter.acquire(policy, `${ws}:1`, ws, 'r1', at(600));
    expect(retry.wait).toBe(5 + W - 600);
    // r3 now has the place after it: the next slot.
    expect((await limiter.acquire(policy, `${ws}:3`, ws, 'r3', at(700))).wait).toBe(15 + W - 700);
  });

  it('waits for a near slot in-process, and hands a far one back a little early', async () => {
    const clock = new VirtualClock(1_000_000);
    const paced = new DeliveryLimiter(redis, prefix, { holdMs: 300, leadMs: 100, clock });
    const policy = perSecond(1);
    const ws = 'teams:hold';
    const first = await paced.acquire(policy, `${ws}:1`, ws, 'h1');
    expect(first.wait).toBe(0);
    await paced.settle(`${ws}:1`, ws, first.entry);
    // The next slot is a window away: handed back 100 ms early for the queue's delay.
    const far = await paced.acquire(policy, `${ws}:2`, ws, 'h2');
    expect(far.wait).toBe(W - 100);
    clock.t += far.wait;
    // Back 100 ms early: waited here, to the millisecond.
    const near = await paced.acquire(policy, `${ws}:2`, ws, 'h2');
    expect(near.wait).toBe(0);
    expect(clock.t).toBe(1_000_000 + W);
  });
});

/** Teams' documented limits (msteams-docs bots/how-to/rate-limit), per arrival. */
const TEAMS_DOCUMENTED: PacingPolicy = {
  destination: [
    { limit: 7, ms: 1000 },
    { limit: 8, ms: 2000 },
    { limit: 60, ms: 30_000 },
    { limit: 1800, ms: 3_600_000 },
  ],
  workspace: [{ limit: 50, ms: 1000 }],
};

describe('a Teams fan-out through the queue', () => {
  let fake: FlakyPlatform;
  let q: TestQueue;

  afterEach(async () => {
    await q?.stop();
    await fake?.stop();
  });

  it('breaks none of Teams limits as they count arrivals, with 10 % failures, and loses nothing', async () => {
    fake = new FlakyPlatform({
      limits: TEAMS_DOCUMENTED,
      rateLimitShare: 0.05,
      serverErrorShare: 0.05,
      retryAfterSeconds: 1,
    });
    await fake.start();
    q = await startTestQueue([new FlakyAdapter('teams', fake)], { concurrency: 50 });
    const fanOut = Array.from({ length: 120 }, (_, i) => ({
      key: `fan:${i}`,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation' as const, id: `teams:tenant-x:19:c${i}@thread.tacv2` },
      message: text(`fan ${i}`),
    }));
    // And 12 to one conversation (chained, in order): 8 per 2 s holds them back.
    const burst = Array.from({ length: 12 }, (_, i) => ({
      key: `burst:${i}`,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation' as const, id: 'teams:tenant-x:19:busy@thread.tacv2' },
      message: text(`burst ${i}`),
    }));
    await q.runtime.dispatcher().dispatch([...fanOut, ...burst]);
    await eventually(
      () => (fake.counts().size === 132 ? true : `${fake.counts().size} of 132 delivered`),
      35_000,
    );
    expect(fake.limitRefusals).toBe(0);
    expect([...fake.counts().values()].every((c) => c === 1)).toBe(true);
    expect(fake.rateLimited + fake.serverErrors).toBeGreaterThan(0);
    const order = fake.accepted.filter((a) => a.text.startsWith('burst')).map((a) => a.text);
    expect(order).toEqual(burst.map((b) => (b.message.kind === 'text' ? b.message.text : '')));
  }, 40_000);
});
