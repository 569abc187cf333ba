import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { text } from '../../src/core/messages.js';
import { FlakyAdapter, FlakyPlatform } from '../fakes/flaky-platform.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';

const ALLIANCE = 'energieregio-west';

function fanOut(n: number, tag: string): OutboundEnvelope[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${tag}:${i}`,
    allianceId: ALLIANCE,
    to: { kind: 'conversation' as const, id: `local:demo:channel-${i}` },
    message: text(`${tag} message ${i}`),
  }));
}

describe('delivery outbox', () => {
  let fake: FlakyPlatform;
  let q: TestQueue;

  afterEach(async () => {
    await q?.stop();
    await fake?.stop();
  });

  it('delivers a fan-out to 200 destinations exactly once despite 429s and 5xx', async () => {
    fake = new FlakyPlatform({ rateLimitShare: 0.1, retryAfterSeconds: 1, serverErrorShare: 0.1 });
    await fake.start();
    q = await startTestQueue([new FlakyAdapter('local', fake)]);
    const envelopes = fanOut(200, 'fan');
    await q.runtime.dispatcher().dispatch(envelopes);
    // A doubled trigger: the same messages dispatched again add nothing.
    await q.runtime.dispatcher().dispatch(envelopes);
    await eventually(
      () => (fake.counts().size === 200 ? true : `${fake.counts().size} of 200 delivered`),
      40_000,
    );
    await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive late
    const counts = fake.counts();
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(fake.rateLimited).toBeGreaterThan(0);
    expect(fake.serverErrors).toBeGreaterThan(0);
    const stats = await q.runtime.delivery.getJobCounts('failed', 'waiting', 'delayed', 'active');
    expect(stats).toMatchObject({ failed: 0, waiting: 0, delayed: 0, active: 0 });
  });

  it('keeps the order of messages to one destination, also when sends fail and retry', async () => {
    fake = new FlakyPlatform({ serverErrorShare: 0.3 });
    await fake.start();
    q = await startTestQueue([new FlakyAdapter('local', fake)]);
    const to = { kind: 'direct' as const, userId: 'local:demo:anna' };
    const envelopes = ['welkom', 'formulier', 'tip'].map((word, i) => ({
      key: `order:${i}`,
      allianceId: ALLIANCE,
      to,
      message: text(word),
    }));
    await q.runtime.dispatcher().dispatch(envelopes);
    await eventually(
      () => (fake.accepted.length === 3 ? true : `${fake.accepted.length} of 3`),
      20_000,
    );
    expect(fake.accepted.map((a) => a.text)).toEqual(['welkom', 'formulier', 'tip']);
  });

  it('fails a message for good when the channel is gone, records it and tells the coordinator', async () => {
    fake = new FlakyPlatform({ gone: new Set(['local:demo:archived']) });
    await fake.start();
    q = await startTestQueue([new FlakyAdapter('local', fake)]);
    await q.runtime.dispatcher().dispatch([
      {
        key: 'gone:1',
        allianceId: ALLIANCE,
        to: { kind: 'conversation', id: 'local:demo:archived' },
        message: text('hallo'),
      },
    ]);
    await eventually(async () =>
      (await q.runtime.delivery.getJobCounts('failed')).failed === 1 ? true : 'not failed yet',
    );
    const [failed] = await q.runtime.delivery.getFailed();
    expect(failed?.failedReason).toBe('channel_not_found');
    expect(failed?.attemptsMade).toBe(1); // not retried
    await eventually(() =>
      fake.accepted.some(
        (a) => a.destination === 'local:demo:joost' && a.text.includes('kon niet worden bezorgd'),
      )
        ? true
        : 'coordinator not told',
    );
    const log = await q.store.redis.xrange(
      `${q.store.keys.activity(ALLIANCE)}:delivery-failures`,
      '-',
      '+',
    );
    expect(log).toHaveLength(1);
    expect(log[0]?.[1]).toContain('channel_not_found');
    // A failed delivery is kept and can be retried once the channel is back.
    fake.options.gone = new Set();
    await failed?.retry();
    await eventually(() =>
      fake.accepted.some((a) => a.text === 'hallo') ? true : 'not delivered after retry',
    );
  });
});
