/**
 * Two deliveries of one event handled at the same moment (a platform retry racing the first)
 * answer the person once, also on the interactive path, which sends outside the queue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundEnvelope, PlatformAdapter } from '../../src/core/adapter.js';
import {
  type Destination,
  destinationId,
  type OutboundMessage,
  type SentRef,
  text,
} from '../../src/core/messages.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';

class SlowAdapter implements PlatformAdapter {
  readonly platform = 'local' as const;
  readonly sent: string[] = [];
  async send(to: Destination, message: OutboundMessage): Promise<SentRef> {
    await new Promise((r) => setTimeout(r, 50)); // the platform takes its time to answer
    this.sent.push(message.kind === 'text' ? message.text : message.fallback);
    return { conversationId: destinationId(to), messageId: `m${this.sent.length}` };
  }
  render(message: OutboundMessage) {
    return message;
  }
  routes() {
    return [];
  }
}

describe('an interactive answer delivered twice at once', () => {
  let q: TestQueue;
  afterEach(async () => {
    await q?.stop();
  });

  it('reaches the person once', async () => {
    const adapter = new SlowAdapter();
    q = await startTestQueue([adapter]);
    const answer: OutboundEnvelope = {
      key: 'local:evt-1:help:help:direct:local:demo:anna',
      allianceId: 'energieregio-west',
      to: { kind: 'direct', userId: 'local:demo:anna' },
      message: text('Wat ik voor je kan doen'),
      interactive: true,
    };
    const { AdapterRegistry } = await import('../../src/core/deliver.js');
    const dispatcher = () => q.runtime.dispatcher({ adapters: new AdapterRegistry([adapter]) });
    await Promise.all([dispatcher().dispatch([answer]), dispatcher().dispatch([answer])]);
    await eventually(() => (adapter.sent.length >= 1 ? true : 'not answered'));
    // Give a wrong second copy (through the queue) every chance to arrive.
    await eventually(async () => {
      const c = await q.runtime.delivery.getJobCounts('waiting', 'active', 'delayed');
      return (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) === 0 ? true : 'queue busy';
    });
    expect(adapter.sent).toEqual(['Wat ik voor je kan doen']);
  });
});
