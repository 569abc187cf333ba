/**
 * The delivery outbox: every outbound message becomes a job per (message, destination) with
 * its idempotency key as the job id, so a doubled trigger adds nothing and a retry or crash
 * never posts twice. Messages to the same destination from one dispatch are chained (each
 * job adds the next when it is done) so a person reads them in the order they were written.
 *
 * Interactive answers (a person's own request: a command's answer, a modal from its trigger,
 * the card a button updates) do not wait in a chain or behind a channel's pacing: with the
 * adapters at hand the dispatcher sends them at once, in the calling process (the engine's),
 * with the same ledger rules as the worker (delivered already: skipped; recorded right after),
 * paced only by their own method's limits. One that fails for now, is rate limited or has no
 * slot hands itself and the person's later answers to the queue, which retries.
 */

import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { Dispatcher, OutboundEnvelope } from '../core/adapter.js';
import {
  type AdapterRegistry,
  deliverEnvelope,
  failedAfterDeadTrigger,
  withoutTrigger,
} from '../core/deliver.js';
import { RateLimitError } from '../core/errors.js';
import { platformOf } from '../core/ids.js';
import { type Destination, destinationId } from '../core/messages.js';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.js';
import { type DeliveryJob, jobIdFor } from './jobs.js';
import type { DeliveryLedger } from './ledger.js';
import type { DeliveryLimiter } from './limiter.js';
import { acquireSlots, blockBuckets, bucketsFor, settleSlots } from './pace.js';
import { FAILED_JOB_RETENTION } from './retention.js';

export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'jitter' },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  // Kept for inspection and a retry, then dropped with the personal data in them.
  removeOnFail: FAILED_JOB_RETENTION,
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
  /**
   * The adapters, for sending interactive answers at once. Without them every envelope is
   * queued (interactive ones too).
   */
  adapters?: AdapterRegistry;
  /** Paces those answers by their method's own limits (the delivery worker's limiter). */
  limiter?: DeliveryLimiter;
  log?: Logger;
  telemetry?: Telemetry;
}

/** Groups envelopes by destination, keeping their order within each. */
function byDestination(envelopes: readonly OutboundEnvelope[]): OutboundEnvelope[][] {
  const chains = new Map<string, OutboundEnvelope[]>();
  for (const e of envelopes) {
    const key = destinationKey(e.to);
    const chain = chains.get(key);
    if (chain) chain.push(e);
    else chains.set(key, [e]);
  }
  return [...chains.values()];
}

export class OutboxDispatcher implements Dispatcher {
  constructor(
    private readonly queue: Queue,
    private readonly ledger: DeliveryLedger,
    private readonly options: OutboxOptions = {},
  ) {}

  async dispatch(envelopes: readonly OutboundEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const now = this.options.adapters ? envelopes.filter((e) => e.interactive) : [];
    const later = now.length > 0 ? envelopes.filter((e) => !e.interactive) : envelopes;
    const chains = byDestination(later);
    const [handedOver] = await Promise.all([
      this.answerNow(now),
      chains.length > 0 ? this.enqueue(chains) : undefined,
    ]);
    if (handedOver.length > 0) await this.enqueue(handedOver);
    const wait = this.options.awaitDeliveryMs ?? 0;
    if (wait > 0) await this.settled([...chains, ...handedOver], Date.now() + wait);
  }

  private async enqueue(chains: OutboundEnvelope[][]): Promise<void> {
    await this.queue.addBulk(
      chains.map(([first, ...rest]) => deliveryJob(first as OutboundEnvelope, rest)),
    );
  }

  /**
   * Sends interactive answers now, one destination's in order, destinations side by side. A
   * form that opens with a trigger waits for nothing (the trigger lives seconds, and a modal
   * is not in the chat whose order it would keep). Returns what is left for the queue: per
   * destination, the answer that could not go now and the ones after it.
   */
  private async answerNow(envelopes: readonly OutboundEnvelope[]): Promise<OutboundEnvelope[][]> {
    if (envelopes.length === 0) return [];
    const modal = (e: OutboundEnvelope) => e.trigger !== undefined && e.message.kind === 'form';
    const chains = [
      ...envelopes.filter(modal).map((e) => [e]),
      ...byDestination(envelopes.filter((e) => !modal(e))),
    ];
    const left = await Promise.all(
      chains.map(async (chain) => {
        for (const [i, envelope] of chain.entries()) {
          const outcome = await this.answerOne(envelope);
          if (outcome !== true)
            return [outcome === false ? envelope : outcome, ...chain.slice(i + 1)];
        }
        return [];
      }),
    );
    return left.filter((chain) => chain.length > 0);
  }

  /**
   * One interactive answer: true when it is delivered (now or before), false to queue it, or
   * the envelope to queue instead (a form whose trigger expired: behind a button at once).
   */
  private async answerOne(given: OutboundEnvelope): Promise<boolean | OutboundEnvelope> {
    const { adapters, limiter, log } = this.options;
    if (!adapters) return false;
    const telemetry = this.options.telemetry ?? NO_TELEMETRY;
    const platform = platformOf(destinationId(given.to));
    if (await this.ledger.sent(given.key)) {
      telemetry.delivery(platform, 'skipped');
      return true;
    }
    const envelope = await this.resolveUpdate(given);
    if (!envelope) return false; // the message it updates is not delivered yet: the queue waits
    const buckets = limiter ? bucketsFor(adapters, envelope) : [];
    const { wait, slots } = limiter
      ? await acquireSlots(limiter, buckets, jobIdFor('d', envelope.key))
      : { wait: 0, slots: [] };
    if (wait > 0) {
      telemetry.delivery(platform, 'deferred');
      return false;
    }
    // The same answer is being sent by another delivery of the same event right now: the
    // queue takes this copy (one job per key), which finds it in the ledger once that send is
    // recorded — or sends it, should that process have died mid-send.
    if (!(await this.ledger.claimSending(given.key))) {
      if (limiter) await settleSlots(limiter, slots);
      return false;
    }
    let ref: Awaited<ReturnType<typeof deliverEnvelope>>;
    try {
      ref = await deliverEnvelope(adapters, envelope).finally(() =>
        limiter ? settleSlots(limiter, slots) : undefined,
      );
    } catch (error) {
      await this.ledger.releaseSending(given.key);
      if (error instanceof RateLimitError && limiter)
        await blockBuckets(limiter, buckets, Date.now() + Math.max(error.retryAfterMs, 250));
      // The queue takes it from here: it retries what failed for now, and reports what
      // failed for good (after one more try) to the alliance's coordinators.
      telemetry.delivery(platform, error instanceof RateLimitError ? 'deferred' : 'retry');
      log?.info({ key: envelope.key, err: error }, 'interactive answer handed to the queue');
      return failedAfterDeadTrigger(error) ? withoutTrigger(given) : false;
    }
    await this.ledger.markSent(envelope.key, ref);
    telemetry.delivery(platform, 'sent');
    return true;
  }

  /**
   * An update of a message sent under another key finds its platform handle in the ledger
   * (as the delivery worker does); undefined while that message is not delivered yet.
   */
  private async resolveUpdate(envelope: OutboundEnvelope): Promise<OutboundEnvelope | undefined> {
    if (!envelope.updates || envelope.replaces) return envelope;
    const original = await this.ledger.sent(envelope.updates);
    if (!original) return undefined;
    return original.ref ? { ...envelope, replaces: original.ref } : envelope;
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
