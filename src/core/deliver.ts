/**
 * Delivery of one envelope through the right adapter, applying the documented fallbacks of
 * optional capabilities. The queue's delivery worker calls it for every outbox job, and the
 * outbox dispatcher for an interactive answer it sends at once.
 */
import type { OutboundEnvelope, PlatformAdapter } from './adapter.js';
import { BotError, PermanentDeliveryError, RateLimitError } from './errors.js';
import { type PlatformName, platformOf } from './ids.js';
import { card, type Destination, destinationId, type SentRef } from './messages.js';

/**
 * The message of the PermanentDeliveryError an adapter throws when an interactive trigger can
 * no longer be used (Slack: it lived its 3 seconds, or was used once already). Never retried:
 * the core sends the form as a message behind a button instead.
 */
export const TRIGGER_EXPIRED = 'trigger_expired';

export function isTriggerExpired(error: unknown): boolean {
  return error instanceof PermanentDeliveryError && error.message === TRIGGER_EXPIRED;
}

const afterDeadTrigger = new WeakSet<object>();

/**
 * Whether a delivery failed while sending a form whose trigger had expired (the form behind a
 * button): a retry should not try that trigger again (`withoutTrigger`).
 */
export function failedAfterDeadTrigger(error: unknown): boolean {
  return typeof error === 'object' && error !== null && afterDeadTrigger.has(error);
}

/** The envelope to retry after a dead trigger: the form goes straight behind a button. */
export function withoutTrigger(envelope: OutboundEnvelope): OutboundEnvelope {
  const { trigger: _dead, ...rest } = envelope;
  return rest;
}

/** At most `limit` calls in any `ms` milliseconds. */
export interface PaceWindow {
  limit: number;
  ms: number;
}

/**
 * One rate-limit bucket a delivery spends a slot of: the platform counts calls per
 * `destination` key (e.g. one Slack channel for chat.postMessage) and per `workspace` key (all
 * of a workspace's calls of one method or tier), each within its own windows. Keys are opaque
 * strings the adapter chooses; buckets with the same keys are the same bucket. A bucket
 * counted only per workspace (a method's tier) uses its workspace key as destination key too.
 */
export interface PaceBucket {
  destination: string;
  workspace: string;
  windows: { destination: PaceWindow[]; workspace: PaceWindow[] };
}

/**
 * Optional adapter capability: the rate-limit buckets delivering this envelope will spend (a
 * slot each), by the platform method it will use. An empty list: nothing to pace (Slack's
 * response_url needs no slot). Without it, the queue paces by its per-platform table.
 */
export interface PacedAdapter {
  pace(envelope: OutboundEnvelope): PaceBucket[];
}

export function paceOf(adapter: PlatformAdapter, envelope: OutboundEnvelope): PaceBucket[] | null {
  const paced = adapter as Partial<PacedAdapter>;
  return typeof paced.pace === 'function' ? paced.pace(envelope) : null;
}

export class AdapterRegistry {
  private readonly adapters = new Map<PlatformName, PlatformAdapter>();

  constructor(adapters: readonly PlatformAdapter[] = []) {
    for (const a of adapters) this.add(a);
  }

  add(adapter: PlatformAdapter): void {
    this.adapters.set(adapter.platform, adapter);
  }

  get(platform: PlatformName): PlatformAdapter | undefined {
    return this.adapters.get(platform);
  }

  all(): PlatformAdapter[] {
    return [...this.adapters.values()];
  }

  forDestination(to: Destination): PlatformAdapter {
    const id = destinationId(to);
    const adapter = this.adapters.get(platformOf(id));
    if (!adapter) {
      throw new BotError(
        'platform_permanent',
        `no adapter is configured for ${platformOf(id)} (${id})`,
      );
    }
    return adapter;
  }
}

/** The person a form with a trigger is opened for (none for a whole conversation). */
function formUser(envelope: OutboundEnvelope): string | undefined {
  return envelope.to.kind === 'conversation' ? undefined : envelope.to.userId;
}

/**
 * A form whose trigger expired: sent as a message instead, privately to the person (the adapter
 * renders it as a button that opens the form where it can, or inline).
 */
async function formWithoutTrigger(
  adapter: PlatformAdapter,
  envelope: OutboundEnvelope,
  userId: string,
): Promise<SentRef> {
  const { to } = envelope;
  const target: Destination =
    to.kind === 'home' || (to.kind === 'ephemeral' && !adapter.supportsEphemeral)
      ? { kind: 'direct', userId }
      : to;
  try {
    return await adapter.send(target, envelope.message, { idempotencyKey: envelope.key });
  } catch (error) {
    if (typeof error === 'object' && error !== null) afterDeadTrigger.add(error);
    throw error;
  }
}

/**
 * A card with a file: through the adapter's `sendFile` to a person directly where it has one;
 * otherwise, or when the upload fails (anything but a rate limit, which waits and retries),
 * the card the flow gave for instead (the one-time download link).
 */
async function deliverFile(
  adapters: AdapterRegistry,
  adapter: PlatformAdapter,
  envelope: OutboundEnvelope,
): Promise<SentRef | null | undefined> {
  const { message, to } = envelope;
  if (message.kind !== 'card' || !message.file) return undefined;
  const { file } = message;
  const { file: _file, ...plain } = message;
  if (adapter.sendFile && to.kind === 'direct') {
    try {
      return await adapter.sendFile(to, file, plain, { idempotencyKey: envelope.key });
    } catch (error) {
      if (error instanceof RateLimitError) throw error;
    }
  }
  return deliverEnvelope(adapters, { ...envelope, message: card(file.instead) });
}

/** Sends one envelope, using the adapter's capabilities or their fallbacks. */
export async function deliverEnvelope(
  adapters: AdapterRegistry,
  envelope: OutboundEnvelope,
): Promise<SentRef | null> {
  const adapter = adapters.forDestination(envelope.to);
  const { message } = envelope;
  const withFile = await deliverFile(adapters, adapter, envelope);
  if (withFile !== undefined) return withFile;
  if (envelope.interactive && adapter.answer) {
    try {
      const answered = await adapter.answer(envelope);
      if (answered !== undefined) return answered;
    } catch (error) {
      const userId = formUser(envelope);
      if (!isTriggerExpired(error) || !userId) throw error;
      return formWithoutTrigger(adapter, envelope, userId);
    }
  }
  if (envelope.trigger && message.kind === 'form' && adapter.openForm) {
    const userId = formUser(envelope);
    if (userId) {
      try {
        await adapter.openForm(envelope.trigger, message.form, userId);
        return null;
      } catch (error) {
        if (!isTriggerExpired(error)) throw error;
        return formWithoutTrigger(adapter, envelope, userId);
      }
    }
  }
  if (envelope.to.kind === 'home') {
    await adapter.publishHome?.(envelope.to.userId, message);
    return null;
  }
  if (envelope.replaces && adapter.update) return adapter.update(envelope.replaces, message);
  let to = envelope.to;
  if (to.kind === 'ephemeral' && !adapter.supportsEphemeral)
    to = { kind: 'direct', userId: to.userId };
  return adapter.send(to, message, { idempotencyKey: envelope.key });
}
