/**
 * The delivery worker: takes one outbox job, checks the ledger (already delivered: done),
 * waits for a send slot within the platform's limits, sends through the adapter and records
 * the result. Retry-After moves the job back without using an attempt; transient errors
 * retry with exponential backoff and jitter; permanent ones fail for good (UnrecoverableError),
 * are recorded and reported to the alliance's coordinators.
 */

import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import type { OutboundEnvelope } from '../core/adapter.js';
import {
  type AdapterRegistry,
  deliverEnvelope,
  failedAfterDeadTrigger,
  withoutTrigger,
} from '../core/deliver.js';
import { PermanentDeliveryError, RateLimitError } from '../core/errors.js';
import { t } from '../core/i18n/index.js';
import { type PlatformName, platformOf } from '../core/ids.js';
import type { Mailer } from '../core/mail.js';
import { destinationId, text } from '../core/messages.js';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';
import { type DeliveryJob, DeliveryJobSchema } from './jobs.js';
import type { DeliveryLedger } from './ledger.js';
import type { DeliveryLimiter } from './limiter.js';
import { deliveryJob, destinationKey } from './outbox.js';
import { acquireSlots, blockBuckets, bucketsFor, settleSlots } from './pace.js';
import { DEFAULT_FAILED_JOB_RETENTION_DAYS } from './retention.js';

/** After this many Retry-After answers for one message it fails (and is kept for a retry). */
export const MAX_DEFERRALS = 50;

const FAILED_JOB_RETENTION_DAYS_MS = DEFAULT_FAILED_JOB_RETENTION_DAYS * 24 * 3600 * 1000;

export interface DeliveryWorkerDeps {
  adapters: AdapterRegistry;
  ledger: DeliveryLedger;
  limiter: DeliveryLimiter;
  queue: Queue;
  store: Store;
  directory: AllianceDirectory;
  log: Logger;
  telemetry?: Telemetry;
  /** E-mail (SMTP_URL), for a private answer no platform could deliver. */
  mailer?: Mailer | undefined;
}

const destinationOf = (envelope: OutboundEnvelope): string => destinationId(envelope.to);

/**
 * Exponential backoff with jitter (half to all of the ceiling): 250 ms, 1 s, 4 s, 16 s, 64 s,
 * 256 s, then 5 minutes. The first retry comes soon — a 5xx is mostly one bad moment, and in
 * a fan-out the messages that failed once near the end otherwise keep everyone waiting — and
 * the later ones back off fast, so eight attempts still span about ten minutes of outage.
 */
export function jitterBackoff(attemptsMade: number): number {
  const ceiling = Math.min(300_000, 250 * 4 ** Math.max(0, attemptsMade - 1));
  return Math.floor(ceiling / 2 + Math.random() * (ceiling / 2));
}

export function createDeliveryProcessor(deps: DeliveryWorkerDeps) {
  const { adapters, ledger, limiter, queue, log } = deps;
  const telemetry = deps.telemetry ?? NO_TELEMETRY;

  async function continueChain(chain: OutboundEnvelope[]): Promise<void> {
    const [next, ...rest] = chain;
    if (!next) return;
    const follow = deliveryJob(next, rest);
    await queue.add(follow.name, follow.data, follow.opts);
  }

  async function reportFailure(envelope: OutboundEnvelope, error: Error): Promise<void> {
    const allianceId = envelope.allianceId;
    const alliance = allianceId ? deps.directory.get(allianceId) : undefined;
    if (!alliance) return;
    // Trimmed as it grows: the failures of the last weeks, as long as failed jobs are kept.
    const since = Date.now() - FAILED_JOB_RETENTION_DAYS_MS;
    await deps.store.redis.xadd(
      `${deps.store.keys.activity(alliance.id)}:delivery-failures`,
      'MINID',
      String(since),
      '*',
      'key',
      envelope.key,
      'destination',
      destinationKey(envelope.to),
      'reason',
      error.message,
      'at',
      new Date().toISOString(),
    );
    if (envelope.key.startsWith('failure:')) return; // never report a failed report
    const notice = text(
      t(alliance.locale, 'delivery.failed', {
        destination: destinationKey(envelope.to),
        reason: error.message,
      }),
    );
    const reports = alliance.coordinators
      .map((c) => c.ids.find((id) => adapters.get(platformOf(id))))
      .filter((id): id is string => id !== undefined)
      .map((userId) =>
        deliveryJob({
          key: `failure:${envelope.key}:${userId}`,
          allianceId: alliance.id,
          to: { kind: 'direct', userId },
          message: notice,
        }),
      );
    if (reports.length > 0) await queue.addBulk(reports);
  }

  /**
   * A private answer that could not reach the person who asked in a channel: a notice there
   * (one per question), and the answer by e-mail where the engine found an address.
   */
  async function tellWhereTheyAsked(
    envelope: OutboundEnvelope,
    fallback: NonNullable<OutboundEnvelope['ifUnreachable']>,
  ): Promise<void> {
    const { notice, mail } = fallback;
    const job = deliveryJob({
      key: notice.key,
      ...(envelope.allianceId ? { allianceId: envelope.allianceId } : {}),
      to: notice.to,
      message: notice.message,
    });
    await queue.add(job.name, job.data, job.opts);
    if (!mail || !deps.mailer) return;
    try {
      await deps.mailer.send(mail);
      log.info({ key: envelope.key }, 'private answer sent by e-mail instead');
    } catch (error) {
      log.warn({ key: envelope.key, err: error }, 'private answer could not be e-mailed either');
    }
  }

  /**
   * An update of a message sent earlier under another key (a flow's MessageHandle): the
   * platform handle comes from the ledger. Undefined while the original is not delivered yet
   * (the update waits for it); the envelope as a new message when the original left no handle.
   */
  async function resolveUpdate(envelope: OutboundEnvelope): Promise<OutboundEnvelope | undefined> {
    if (!envelope.updates || envelope.replaces) return envelope;
    const original = await ledger.sent(envelope.updates);
    if (!original) return undefined;
    if (!original.ref) return envelope;
    return { ...envelope, replaces: original.ref };
  }

  /** The message failed for good (or ran out of retries): recorded, reported, chain goes on. */
  async function giveUp(data: DeliveryJob, error: Error, platform: PlatformName) {
    const { envelope } = data;
    log.warn(
      { key: envelope.key, destination: destinationOf(envelope), reason: error.message },
      'delivery failed for good',
    );
    telemetry.delivery(platform, 'failed');
    if (envelope.ifUnreachable) await tellWhereTheyAsked(envelope, envelope.ifUnreachable);
    else await reportFailure(envelope, error);
    // The person or channel still gets what came after it, in order.
    await continueChain(data.next);
  }

  return async function processDelivery(job: Job, token?: string): Promise<unknown> {
    const data = DeliveryJobSchema.parse(job.data);
    const done = await ledger.sent(data.envelope.key);
    const platform = platformOf(destinationOf(data.envelope));
    if (done) {
      telemetry.delivery(platform, 'skipped');
      await continueChain(data.next);
      return { skipped: true, ref: done.ref };
    }
    const resolved = await resolveUpdate(data.envelope);
    if (!resolved) {
      // The message to update is not delivered yet: wait for it, without using an attempt.
      if (data.deferrals >= MAX_DEFERRALS) {
        await giveUp(data, new Error('the message to update was never delivered'), platform);
        throw new UnrecoverableError('the message to update was never delivered');
      }
      telemetry.delivery(platform, 'deferred');
      await job.updateData({ ...data, deferrals: data.deferrals + 1 });
      await job.moveToDelayed(Date.now() + 1000, token);
      throw new DelayedError();
    }
    const envelope = resolved;
    const destination = destinationOf(envelope);
    const buckets = bucketsFor(adapters, envelope);
    const { wait, slots } = await acquireSlots(limiter, buckets, job.id ?? envelope.key);
    if (wait > 0) {
      telemetry.delivery(platform, 'deferred');
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    // An interactive answer with this key is being sent outside the queue right now (or its
    // sender died mid-send: the claim runs out): wait, then find it in the ledger or send it.
    if (!(await ledger.claimSending(envelope.key))) {
      await settleSlots(limiter, slots);
      telemetry.delivery(platform, 'deferred');
      await job.moveToDelayed(Date.now() + 500, token);
      throw new DelayedError();
    }
    try {
      const ref = await deliverEnvelope(adapters, envelope).finally(() =>
        settleSlots(limiter, slots),
      );
      await ledger.markSent(envelope.key, ref);
      telemetry.delivery(platform, 'sent');
      await continueChain(data.next);
      return { ref };
    } catch (error) {
      await ledger.releaseSending(envelope.key);
      // A form whose trigger expired failed on its way behind a button: retries skip the trigger.
      if (failedAfterDeadTrigger(error)) {
        data.envelope = withoutTrigger(data.envelope);
        await job.updateData(data);
      }
      if (error instanceof RateLimitError && data.deferrals < MAX_DEFERRALS) {
        const until = Date.now() + Math.max(error.retryAfterMs, 250);
        telemetry.delivery(platform, 'deferred');
        await blockBuckets(limiter, buckets, until);
        await job.updateData({ ...data, deferrals: data.deferrals + 1 });
        await job.moveToDelayed(until, token);
        throw new DelayedError();
      }
      if (error instanceof PermanentDeliveryError) {
        await giveUp(data, error, platform);
        throw new UnrecoverableError(error.message);
      }
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts) {
        // Out of retries: as good as a permanent failure for the people waiting on it.
        await giveUp(data, error instanceof Error ? error : new Error(String(error)), platform);
        throw error;
      }
      telemetry.delivery(platform, 'retry');
      log.info(
        { key: envelope.key, destination, attempt: job.attemptsMade + 1, err: error },
        'delivery will be retried',
      );
      throw error;
    }
  };
}
