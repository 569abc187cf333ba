/**
 * Delivery of one envelope through the right adapter, applying the documented fallbacks of
 * optional capabilities. The queue's delivery worker calls it for every outbox job.
 */
import type { OutboundEnvelope, PlatformAdapter } from './adapter.js';
import { BotError } from './errors.js';
import { type PlatformName, platformOf } from './ids.js';
import { type Destination, destinationId, type SentRef } from './messages.js';

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

/** Sends one envelope, using the adapter's capabilities or their fallbacks. */
export async function deliverEnvelope(
  adapters: AdapterRegistry,
  envelope: OutboundEnvelope,
): Promise<SentRef | null> {
  const adapter = adapters.forDestination(envelope.to);
  const { message } = envelope;
  if (envelope.trigger && message.kind === 'form' && adapter.openForm) {
    const userId = envelope.to.kind === 'conversation' ? undefined : envelope.to.userId;
    if (userId) {
      await adapter.openForm(envelope.trigger, message.form, userId);
      return null;
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
