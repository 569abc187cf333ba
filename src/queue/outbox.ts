/**
 * The delivery outbox: every outbound message becomes a job per (message, destination) with
 * its idempotency key as the job id, so a doubled trigger adds nothing and a retry or crash
 * never posts twice. Messages to the same destination from one dispatch are chained (each
 * job adds the next when it is done) so a person reads them in the order they were written.
 */
import type { JobsOptions, Queue } from 'bullmq';
import type { Dispatcher, OutboundEnvelope } from '../core/adapter.js';
import type { Destination } from '../core/messages.js';
import { type DeliveryJob, jobIdFor } from './jobs.js';
import type { DeliveryLedger } from './ledger.js';

export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'jitter' },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: false,
};

export function destinationKey(to: Destination): string {
  switch (to.kind) {
    case 'conversation':
      return to.id;
    case 'direct':
      return `direct:${to.userId}`;
    case 'ephemeral':
      return `${to.conversationId}#${to.userId}`;
    case 'home':
      return `home:${to.userId}`;
  }
}

export function deliveryJob(envelope: OutboundEnvelope, next: OutboundEnvelope[] = []) {
  const data: DeliveryJob = { envelope, next, deferrals: 0 };
  return {
    name: 'deliver',
    data,
    opts: { ...DELIVERY_JOB_OPTIONS, jobId: jobIdFor('d', envelope.key) },
  };
}

export interface OutboxOptions {
  /** Wait this long for the messages to be delivered before returning (0: do not wait). */
  awaitDeliveryMs?: number;
}

export class OutboxDispatcher implements Dispatcher {
  constructor(
    private readonly queue: Queue,
    private readonly ledger: DeliveryLedger,
    private readonly options: OutboxOptions = {},
  ) {}

  async dispatch(envelopes: readonly OutboundEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const chains = new Map<string, OutboundEnvelope[]>();
    for (const e of envelopes) {
      const key = destinationKey(e.to);
      const chain = chains.get(key);
      if (chain) chain.push(e);
      else chains.set(key, [e]);
    }
    await this.queue.addBulk(
      [...chains.values()].map(([first, ...rest]) => deliveryJob(first as OutboundEnvelope, rest)),
    );
    const wait = this.options.awaitDeliveryMs ?? 0;
    if (wait > 0) await this.settled([...chains.values()], Date.now() + wait);
  }

  /** Waits until every chain is delivered, or stopped by a failed delivery, or time is up. */
  private async settled(chains: OutboundEnvelope[][], deadline: number): Promise<void> {
    let open = chains;
    let delay = 5;
    while (open.length > 0 && Date.now() < deadline) {
      const still: OutboundEnvelope[][] = [];
      for (const chain of open) {
        const pending = await this.ledger.pending(chain.map((e) => e.key));
        const next = chain.find((e) => pending.includes(e.key));
        if (!next) continue;
        const job = await this.queue.getJob(jobIdFor('d', next.key));
        if (job && (await job.isFailed())) continue;
        still.push(chain);
      }
      open = still;
      if (open.length > 0) {
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 50);
      }
    }
  }
}
