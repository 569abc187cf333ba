/**
 * Delivery of flow-kit updates and failures: an update finds the message it changes through
 * the ledger (also when it was sent by an earlier dispatch, and waiting while it is not yet
 * delivered); a chain goes on past a message that failed for good; a message that ran out of
 * retries is reported to the coordinators like a permanent failure.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundEnvelope, PlatformAdapter } from '../../src/core/adapter.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../../src/core/errors.js';
import {
  type Destination,
  destinationId,
  type OutboundMessage,
  type SentRef,
  text,
} from '../../src/core/messages.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';

const ALLIANCE = 'energieregio-west';
const CHANNEL = 'local:demo:alliantie';

const words = (m: OutboundMessage) => (m.kind === 'text' ? m.text : m.fallback);

/** Records sends and updates; fails the texts it is told to, for good or for now. */
class RecordingAdapter implements PlatformAdapter {
  readonly platform = 'local' as const;
  readonly sent: { to: string; text: string; ref: SentRef }[] = [];
  readonly updated: { ref: SentRef; text: string }[] = [];
  /** Texts that fail for good. */
  readonly broken = new Set<string>();
  /** Texts that fail every time, but not for good (so they run out of retries). */
  readonly flaky = new Set<string>();
  /** Hold sends of these texts until released. */
  readonly held = new Map<string, () => void>();
  private n = 0;

  async send(to: Destination, message: OutboundMessage): Promise<SentRef> {
    const said = words(message);
    if (this.broken.has(said)) throw new PermanentDeliveryError('channel_not_found');
    if (this.flaky.has(said)) throw new TransientDeliveryError('HTTP 503');
    const hold = [...this.held.keys()].find((k) => said.includes(k));
    if (hold) await new Promise<void>((resolve) => this.held.set(hold, resolve));
    const ref = { conversationId: destinationId(to), messageId: `m${++this.n}` };
    this.sent.push({ to: destinationId(to), text: said, ref });
    return ref;
  }

  async update(ref: SentRef, message: OutboundMessage): Promise<SentRef> {
    this.updated.push({ ref, text: words(message) });
    return ref;
  }

  render(message: OutboundMessage): unknown {
    return message;
  }

  routes() {
    return [];
  }
}

const to = { kind: 'conversation' as const, id: CHANNEL };
const envelope = (key: string, said: string, extra: Partial<OutboundEnvelope> = {}) => ({
  key,
  allianceId: ALLIANCE,
  to,
  message: text(said),
  ...extra,
});

describe('updates and failures in delivery', () => {
  let q: TestQueue;
  afterEach(async () => {
    await q?.stop();
  });

  it('changes a message sent by an earlier dispatch in place, through its handle', async () => {
    const adapter = new RecordingAdapter();
    q = await startTestQueue([adapter]);
    await q.runtime.dispatcher().dispatch([envelope('ev1:success:card', 'Succes! 1 felicitatie')]);
    await eventually(() => (adapter.sent.length === 1 ? true : 'not sent'));
    await q.runtime
      .dispatcher()
      .dispatch([
        envelope('ev2:success:update', 'Succes! 2 felicitaties', { updates: 'ev1:success:card' }),
      ]);
    await eventually(() => (adapter.updated.length === 1 ? true : 'not updated'));
    expect(adapter.updated[0]).toEqual({
      ref: adapter.sent[0]?.ref,
      text: 'Succes! 2 felicitaties',
    });
    expect(adapter.sent).toHaveLength(1); // changed in place, not posted again
  });

  it('waits with an update until the message it changes is delivered', async () => {
    const adapter = new RecordingAdapter();
    adapter.held.set('langzaam', () => {});
    q = await startTestQueue([adapter]);
    await q.runtime.dispatcher().dispatch([envelope('ev1:card', 'langzaam bericht')]);
    await eventually(() => (adapter.held.get('langzaam') ? true : 'not started'));
    await q.runtime.dispatcher().dispatch([
      envelope('ev2:update', 'bijgewerkt', {
        updates: 'ev1:card',
        to: { kind: 'direct', userId: 'local:demo:anna' },
      }),
    ]);
    // The original is still on its way: nothing is updated (and nothing sent as new).
    await eventually(async () =>
      ((await q.runtime.delivery.getJobCounts('delayed')).delayed ?? 0) >= 1
        ? true
        : 'update not waiting',
    );
    expect(adapter.updated).toHaveLength(0);
    const release = adapter.held.get('langzaam');
    release?.();
    await eventually(() => (adapter.updated.length === 1 ? true : 'not updated'), 15_000);
    expect(adapter.updated[0]?.ref).toEqual(adapter.sent[0]?.ref);
  });

  it('goes on with the rest of a chain past a message that failed for good', async () => {
    const adapter = new RecordingAdapter();
    adapter.broken.add('tweede');
    q = await startTestQueue([adapter]);
    // A failure recorded long ago: trimmed away when the next one is written.
    const failures = `${q.store.keys.activity(ALLIANCE)}:delivery-failures`;
    await q.store.redis.xadd(failures, '1000-0', 'key', 'old', 'reason', 'long ago');
    await q.runtime
      .dispatcher()
      .dispatch([envelope('c:1', 'eerste'), envelope('c:2', 'tweede'), envelope('c:3', 'derde')]);
    await eventually(() =>
      adapter.sent.some((s) => s.text === 'derde') ? true : adapter.sent.map((s) => s.text).join(),
    );
    const channelTexts = adapter.sent.filter((s) => s.to === CHANNEL).map((s) => s.text);
    expect(channelTexts).toEqual(['eerste', 'derde']);
    const kept = await q.store.redis.xrange(failures, '-', '+');
    expect(kept.map(([id]) => id)).not.toContain('1000-0');
    expect(kept.some(([, fields]) => fields.includes('c:2'))).toBe(true);
  });

  it('reports a message that ran out of retries to the coordinators, and goes on', async () => {
    const adapter = new RecordingAdapter();
    adapter.flaky.add('nooit');
    q = await startTestQueue([adapter]);
    const failing = envelope('r:1', 'nooit');
    const job = {
      name: 'deliver',
      data: { envelope: failing, next: [envelope('r:2', 'daarna')], deferrals: 0 },
      // Two attempts with a short backoff, so the test sees it run out.
      opts: { jobId: 'd-r1', attempts: 2, backoff: { type: 'fixed', delay: 50 } },
    };
    await q.runtime.delivery.add(job.name, job.data, job.opts);
    await eventually(() => (adapter.sent.some((s) => s.text === 'daarna') ? true : 'chain stuck'));
    // The coordinator of the demo alliance (a local persona) is told what could not be sent.
    await eventually(() =>
      adapter.sent.some((s) => s.to.startsWith('local:') && /HTTP 503/.test(s.text))
        ? true
        : `no report: ${adapter.sent.map((s) => s.text).join(' | ')}`,
    );
  });
});
