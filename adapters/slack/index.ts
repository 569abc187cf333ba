/**
 * The Slack adapter: `createSlackAdapter(options)`. Only adapters/slack/ imports @slack/*.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { HttpRoute, PlatformAdapter, SendOptions } from '../../src/core/adapter.js';
import type { HandleResult } from '../../src/core/engine.js';
import type { InboundEvent } from '../../src/core/events.js';
import { parseId } from '../../src/core/ids.js';
import {
  type Destination,
  destinationId,
  type Form,
  FormSchema,
  type OutboundMessage,
  type SentRef,
} from '../../src/core/messages.js';
import type { RedisClient } from '../../src/store/redis.js';
import { cardBlocks, formModal, LIMITS, renderMessages, type SlackMessage } from './cards.js';
import { SlackClient } from './client.js';
import { createSlackRoutes } from './routes.js';

export interface SlackAdapterOptions {
  signingSecret: string;
  botToken: string;
  /** Web API base URL (SLACK_API_URL); default Slack's. */
  apiUrl?: string | undefined;
  handle: (event: InboundEvent) => Promise<HandleResult>;
  redis: RedisClient;
  /** Key prefix (REDIS_PREFIX). */
  prefix: string;
  log: Logger;
  now?: () => number;
}

const FORM_STASH_TTL_SECONDS = 7 * 24 * 3600;

export class SlackAdapter implements PlatformAdapter {
  readonly platform = 'slack' as const;
  readonly supportsEphemeral = true;
  readonly client: SlackClient;
  private readonly routeList: HttpRoute[];

  constructor(private readonly options: SlackAdapterOptions) {
    this.client = new SlackClient({ token: options.botToken, apiUrl: options.apiUrl });
    this.routeList = createSlackRoutes({
      signingSecret: options.signingSecret,
      handle: options.handle,
      log: options.log,
      openStashedForm: (stash, trigger, userId) => this.openStashed(stash, trigger, userId),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  routes(): HttpRoute[] {
    return this.routeList;
  }

  render(message: OutboundMessage): SlackMessage[] {
    return renderMessages(message);
  }

  private stashKey(id: string): string {
    return `${this.options.prefix}slack:form:{${id}}`;
  }

  /** A form outside a modal is kept for a week behind a button that opens it. */
  private async stash(form: Form): Promise<string> {
    const id = randomUUID();
    await this.options.redis.set(
      this.stashKey(id),
      JSON.stringify(form),
      'EX',
      FORM_STASH_TTL_SECONDS,
    );
    return id;
  }

  private async openStashed(id: string, trigger: string, userId: string): Promise<void> {
    const raw = await this.options.redis.get(this.stashKey(id));
    if (!raw) {
      this.options.log.info({ userId }, 'a form behind a button expired');
      return;
    }
    await this.openForm(trigger, FormSchema.parse(JSON.parse(raw)), userId);
  }

  /** Where a destination lands: a channel id (DMs opened with conversations.open). */
  private async channelOf(
    to: Destination,
  ): Promise<{ team: string; channel: string; ephemeralUser?: string }> {
    if (to.kind === 'direct' || to.kind === 'home')
      return {
        team: parseId(to.userId).scope,
        channel: await this.client.directChannel(to.userId),
      };
    const id = destinationId(to);
    const { scope: team, local } = parseId(id);
    // A person's id as a conversation means their direct messages with the bot.
    const channel = /^[UW]/.test(local) ? await this.client.directChannel(id) : local;
    return to.kind === 'ephemeral'
      ? { team, channel, ephemeralUser: parseId(to.userId).local }
      : { team, channel };
  }

  async send(to: Destination, message: OutboundMessage, _options?: SendOptions): Promise<SentRef> {
    const { team, channel, ephemeralUser } = await this.channelOf(to);
    const stash = message.kind === 'form' ? await this.stash(message.form) : undefined;
    let first: string | undefined;
    for (const part of renderMessages(message, stash)) {
      const ts = ephemeralUser
        ? await this.client.postEphemeral(channel, ephemeralUser, part.text, part.blocks)
        : await this.client.post(channel, part.text, part.blocks);
      first ??= ts;
    }
    return { conversationId: `slack:${team}:${channel}`, messageId: first ?? '' };
  }

  async update(ref: SentRef, message: OutboundMessage): Promise<SentRef> {
    const { local: channel } = parseId(ref.conversationId);
    const [part] = renderMessages(
      message,
      message.kind === 'form' ? await this.stash(message.form) : undefined,
    );
    if (part) await this.client.update(channel, ref.messageId, part.text, part.blocks);
    return ref;
  }

  /** The App Home tab: the card as a home view (at most 100 blocks). */
  async publishHome(userId: string, message: OutboundMessage): Promise<void> {
    const blocks =
      message.kind === 'card'
        ? cardBlocks(message.card)
        : renderMessages(message).flatMap((m) => m.blocks);
    await this.client.publishHome(parseId(userId).local, {
      type: 'home',
      blocks: blocks.slice(0, LIMITS.modalBlocks),
    });
  }

  async openForm(trigger: string, form: Form, _userId: string): Promise<void> {
    await this.client.openView(trigger, formModal(form));
  }
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  return new SlackAdapter(options);
}
