/**
 * Collects what a flow wants to send while it runs, as envelopes for the dispatcher. Each
 * envelope's idempotency key says what the message is — the occurrence (the event or the
 * job's firing), the flow, the purpose and the destination — never its position in a list,
 * so a retried event or job makes the same keys and nothing goes out twice. Answers to the
 * person's own request are marked interactive: they leave at once, outside channel pacing.
 */
import { createHash } from 'node:crypto';
import type { OutboundEnvelope } from '../core/adapter.js';
import type { AdapterRegistry } from '../core/deliver.js';
import { platformOf } from '../core/ids.js';
import type { Destination, MessageHandle, OutboundMessage } from '../core/messages.js';
import { type Alliance, allChannels } from '../domain/alliance.js';
import type { ChannelSendOptions, SendOptions } from './flow.js';

/** A destination as part of a key: stable, readable, one per place a message can land. */
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

/** The longest key an envelope (and a MessageHandle) may carry. */
export const MAX_KEY_LENGTH = 500;

/**
 * A key within MAX_KEY_LENGTH: a long one (Teams ids are long, and an update's key holds the
 * key of the message it changes) keeps its readable start and ends in a digest of the whole,
 * so it stays stable and distinct.
 */
function bounded(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  const digest = createHash('sha256').update(key).digest('base64url').slice(0, 32);
  return `${key.slice(0, MAX_KEY_LENGTH - digest.length - 1)}~${digest}`;
}

/** What makes an envelope an interactive answer (set by the engine for the acting person). */
export interface Interaction {
  userId: string;
  /** The request's trigger (Slack trigger_id), for a form. */
  trigger?: string | undefined;
  /** The request's reply handle (Slack response_url), for answers where the person spoke. */
  replyHandle?: string | undefined;
  /** Where the person spoke: answers there may use the reply handle. */
  replyTo?: Destination | undefined;
}

const sameDestination = (a: Destination, b: Destination) =>
  destinationKey(a) === destinationKey(b) && a.kind === b.kind;

export class Collector {
  readonly envelopes: OutboundEnvelope[] = [];
  private readonly used = new Map<string, number>();
  /** The flow whose words are being sent (part of the key). */
  flow = 'engine';

  constructor(
    /** The occurrence: `slack:<event id>`, `reminder:<alliance>:<id>@<at>`, `schedule:<job>`. */
    private readonly occurrence: string,
    /** The alliance it is sent for; none for an answer where no alliance is linked. */
    private readonly alliance: Alliance | undefined,
    private readonly adapters: AdapterRegistry,
    private readonly interaction?: Interaction,
  ) {}

  private key(purpose: string, to: Destination): string {
    const base = `${this.occurrence}:${this.flow}:${purpose}:${destinationKey(to)}`;
    const n = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, n);
    return bounded(n === 1 ? base : `${base}#${n}`);
  }

  private isForActor(to: Destination): boolean {
    const who = this.interaction?.userId;
    if (!who) return false;
    return (
      (to.kind === 'direct' || to.kind === 'ephemeral' || to.kind === 'home') && to.userId === who
    );
  }

  /** Adds an envelope; returns the handle of the message. */
  push(
    to: Destination,
    message: OutboundMessage,
    options: SendOptions = {},
    extra: Partial<OutboundEnvelope> = {},
  ): MessageHandle {
    const purpose = options.purpose ?? (message.kind === 'form' ? 'form' : 'message');
    const key = this.key(purpose, to);
    const interactive = this.isForActor(to) || extra.replaces !== undefined;
    const i = this.interaction;
    const atReply = i?.replyTo !== undefined && sameDestination(i.replyTo, to);
    this.envelopes.push({
      key,
      ...(this.alliance ? { allianceId: this.alliance.id } : {}),
      to,
      message,
      ...(interactive && i ? { interactive: true } : {}),
      ...(interactive && i?.replyHandle && (atReply || extra.replaces)
        ? { replyHandle: i.replyHandle }
        : {}),
      ...extra,
    });
    return { key, to };
  }

  /** Changes messages sent earlier, wherever they went. */
  update(handles: MessageHandle | readonly MessageHandle[], message: OutboundMessage): void {
    const list: readonly MessageHandle[] = Array.isArray(handles)
      ? (handles as readonly MessageHandle[])
      : [handles as MessageHandle];
    for (const handle of list) {
      this.push(handle.to, message, { purpose: `update:${handle.key}` }, { updates: handle.key });
    }
  }

  /** A group conversation through the adapter of these people's one platform, if it can. */
  openGroup = async (ids: readonly string[]): Promise<string | undefined> => {
    const platforms = new Set(ids.map((id) => platformOf(id)));
    const [platform] = [...platforms];
    if (platforms.size !== 1 || !platform) return undefined;
    return this.adapters.get(platform)?.openGroup?.(ids);
  };

  reachable = (ids: readonly string[]): string | undefined =>
    ids.find((id) => this.adapters.get(platformOf(id)) !== undefined);

  /** One copy per linked channel (those `only` allows) on every platform this deployment reaches. */
  toChannels(message: OutboundMessage, options: ChannelSendOptions = {}): MessageHandle[] {
    const handles: MessageHandle[] = [];
    if (!this.alliance) return handles;
    const { only, ...send } = options;
    for (const channel of allChannels(this.alliance)) {
      if (only && !only(channel)) continue;
      if (this.adapters.get(platformOf(channel)))
        handles.push(this.push({ kind: 'conversation', id: channel }, message, send));
    }
    return handles;
  }
}
