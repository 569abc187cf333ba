/**
 * Pacing a delivery by the buckets it spends: the adapter says which (Slack: one per Web API
 * method, by its own tier), or the platform's row of the PACING table does (Teams, local).
 * Shared by the delivery worker and the dispatcher's interactive answers, through the one
 * DeliveryLimiter in Redis.
 */
import type { OutboundEnvelope } from '../core/adapter.js';
import { type AdapterRegistry, type PaceBucket, paceOf } from '../core/deliver.js';
import { platformOf, workspaceOf } from '../core/ids.js';
import { destinationId } from '../core/messages.js';
import { type DeliveryLimiter, PACING } from './limiter.js';

/**
 * The rate-limit buckets delivering this envelope spends: the adapter's own, by the platform
 * method it will use (Slack), or the platform's row of the PACING table (Teams, local).
 */
export function bucketsFor(adapters: AdapterRegistry, envelope: OutboundEnvelope): PaceBucket[] {
  const own = paceOf(adapters.forDestination(envelope.to), envelope);
  if (own) return own;
  const destination = destinationId(envelope.to);
  return [
    {
      destination,
      workspace: workspaceOf(destination),
      windows: PACING[platformOf(destination)],
    },
  ];
}

export interface Slot {
  bucket: PaceBucket;
  entry: string;
}

/**
 * Takes a slot in every bucket, or says how long to wait. Buckets are taken in order; a slot
 * taken before a later bucket said wait is settled at once: spent, on the safe side of the
 * platform's limit (a slot neither settled nor released would hold its window for a minute).
 */
export async function acquireSlots(
  limiter: DeliveryLimiter,
  buckets: readonly PaceBucket[],
  id: string,
): Promise<{ wait: number; slots: Slot[] }> {
  const slots: Slot[] = [];
  for (const bucket of buckets) {
    const { wait, entry } = await limiter.acquire(
      bucket.windows,
      bucket.destination,
      bucket.workspace,
      id,
    );
    if (wait > 0) {
      await settleSlots(limiter, slots);
      return { wait, slots: [] };
    }
    slots.push({ bucket, entry });
  }
  return { wait: 0, slots };
}

/** After the send: each slot recorded at the time the platform answered. */
export async function settleSlots(limiter: DeliveryLimiter, slots: readonly Slot[]): Promise<void> {
  await Promise.all(
    slots.map(({ bucket, entry }) => limiter.settle(bucket.destination, bucket.workspace, entry)),
  );
}

/**
 * Retry-After: nothing more goes into these buckets until then. A bucket counted per
 * destination blocks that destination; one counted for the whole workspace (its destination
 * key is its workspace key: a method's tier) blocks the workspace's bucket.
 */
export async function blockBuckets(
  limiter: DeliveryLimiter,
  buckets: readonly PaceBucket[],
  untilMs: number,
): Promise<void> {
  await Promise.all(
    buckets.map((b) =>
      limiter.block(
        b.destination,
        b.workspace,
        untilMs,
        b.destination === b.workspace ? 'workspace' : 'destination',
      ),
    ),
  );
}
