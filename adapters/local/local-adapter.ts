/**
 * The local adapter, the embedded default: a web chat on localhost that speaks the same
 * PlatformAdapter port as Slack and Teams. People are the demo personas of the config;
 * conversations are each persona's private chat with the bot and the alliance's local
 * channels. Explicit local mode only: it has no authentication and never runs beside
 * Slack or Teams credentials.
 */
import { randomUUID } from 'node:crypto';
import type { HttpRoute, PlatformAdapter, SendOptions } from '../../src/core/adapter.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { parseId } from '../../src/core/ids.js';
import type { Destination, OutboundMessage, SentRef } from '../../src/core/messages.js';
import { cardToText, destinationId } from '../../src/core/messages.js';
import type { PersonalDataHolder } from '../../src/core/personal-data.js';
import type { AllianceDirectory } from '../../src/domain/directory.js';
import type { ChatLog, ChatMessage } from './chat-log.js';
import { renderMessage } from './render.js';

export const BOT_ID = 'local:bot:alliantiebot';

export interface LocalConversation {
  id: string;
  kind: 'direct' | 'channel';
  name: string;
}

/** The private conversation of a persona with the bot: `local:<scope>:dm-<name>`. */
export function directConversationOf(userId: string): string {
  const { scope, local } = parseId(userId);
  return `local:${scope}:dm-${local}`;
}

export function fallbackText(message: OutboundMessage): string {
  switch (message.kind) {
    case 'text':
      return message.text;
    case 'card':
      return message.fallback || cardToText(message.card);
    case 'form':
      return message.fallback;
  }
}

export class LocalAdapter implements PlatformAdapter {
  readonly platform = 'local' as const;
  readonly supportsEphemeral = true;
  private routeList: HttpRoute[] = [];

  constructor(
    readonly directory: AllianceDirectory,
    readonly chat: ChatLog,
  ) {}

  /** Set by createLocalAdapter: ends the event streams and the subscription. */
  stop?: () => Promise<void>;

  /** Set by createLocalAdapter: the chat log as a holder of personal data (privacy flow). */
  personalData?: () => readonly PersonalDataHolder[];

  setRoutes(routes: HttpRoute[]): void {
    this.routeList = routes;
  }

  routes(): HttpRoute[] {
    return this.routeList;
  }

  render(message: OutboundMessage, domId = 'm'): string {
    return renderMessage(message, domId);
  }

  /** The conversations a persona may see: their private chat and their alliance's channels. */
  conversationsOf(userId: string): LocalConversation[] {
    const persona = this.directory.persona(userId);
    if (!persona) return [];
    const alliance = this.directory.get(persona.alliance);
    const channels = (alliance?.channels.local ?? []).map((id) => ({
      id,
      kind: 'channel' as const,
      name: parseId(id).local,
    }));
    return [
      { id: directConversationOf(userId), kind: 'direct', name: 'Alliantiebot' },
      ...channels,
    ];
  }

  canSee(userId: string, conversationId: string): boolean {
    return this.conversationsOf(userId).some((c) => c.id === conversationId);
  }

  async send(
    to: Destination,
    message: OutboundMessage,
    options: SendOptions = {},
  ): Promise<SentRef> {
    const conversationId =
      to.kind === 'direct' || to.kind === 'home'
        ? directConversationOf(to.userId)
        : destinationId(to);
    if (!this.knownConversation(conversationId)) {
      throw new PermanentDeliveryError(`no local conversation ${conversationId}`);
    }
    const id = randomUUID();
    const record: ChatMessage = {
      id,
      conversationId,
      at: new Date().toISOString(),
      from: { id: BOT_ID, name: 'Alliantiebot', bot: true },
      ...(to.kind === 'ephemeral' ? { visibleTo: to.userId } : {}),
      kind: message.kind,
      text: fallbackText(message),
      html: this.render(message, `m-${id.slice(0, 8)}`),
    };
    if (options.idempotencyKey) {
      return {
        conversationId,
        messageId: await this.chat.appendOnce(record, options.idempotencyKey),
      };
    }
    await this.chat.append(record);
    return { conversationId, messageId: id };
  }

  async update(ref: SentRef, message: OutboundMessage): Promise<SentRef> {
    const existing = await this.chat.get(ref.messageId);
    if (!existing) return this.send({ kind: 'conversation', id: ref.conversationId }, message);
    await this.chat.replace({
      ...existing,
      kind: message.kind,
      text: fallbackText(message),
      html: this.render(message, `m-${ref.messageId.slice(0, 8)}-${Date.now().toString(36)}`),
      updatedAt: new Date().toISOString(),
    });
    return ref;
  }

  /**
   * Records what a person wrote, so everyone in the conversation sees it. With an idempotency
   * key (the browser's client id) it is recorded once: a retry of the same write returns the
   * message already there, and `first` is false.
   */
  async recordHuman(
    userId: string,
    conversationId: string,
    text: string,
    idempotencyKey?: string,
  ): Promise<{ message: ChatMessage; first: boolean }> {
    const id = randomUUID();
    const record: ChatMessage = {
      id,
      conversationId,
      at: new Date().toISOString(),
      from: { id: userId, name: this.directory.persona(userId)?.name ?? userId, bot: false },
      kind: 'text',
      text,
      html: renderMessage({ kind: 'text', text }, `m-${id.slice(0, 8)}`),
    };
    if (idempotencyKey === undefined) {
      await this.chat.append(record);
      return { message: record, first: true };
    }
    const kept = await this.chat.appendOnce(record, idempotencyKey);
    if (kept === id) return { message: record, first: true };
    return { message: (await this.chat.get(kept)) ?? record, first: false };
  }

  private knownConversation(conversationId: string): boolean {
    if (this.directory.forChannel(conversationId)) return true;
    return this.directory.config.local.personas.some(
      (p) => directConversationOf(p.id) === conversationId,
    );
  }
}
