/**
 * The Slack adapter: `createSlackAdapter(options)`. Only adapters/slack/ imports @slack/*.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  FileSource,
  HttpRoute,
  OutboundEnvelope,
  PlatformAdapter,
  SendOptions,
} from '../../src/core/adapter.js';
import type { PaceBucket, PacedAdapter } from '../../src/core/deliver.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { parseId } from '../../src/core/ids.js';
import type { InboundSink } from '../../src/core/inbound.js';
import {
  type Destination,
  destinationId,
  type FileAttachment,
  type Form,
  FormSchema,
  type OutboundMessage,
  type SentRef,
} from '../../src/core/messages.js';
import type { PersonalDataHolder } from '../../src/core/personal-data.js';
import type { RedisClient } from '../../src/store/redis.js';
import { cardBlocks, formModal, LIMITS, renderMessages, type SlackMessage } from './cards.js';
import { SlackClient } from './client.js';
import { escapeSlackText } from './escape.js';
import { createOAuthRoutes, type RedisInstallationStore } from './oauth.js';
import { slackPace } from './pacing.js';
import { SlackPeople } from './people.js';
import { SlackPersonalData } from './personal-data.js';
import { ResponseUrls, responseUse } from './respond.js';
import { createSlackDispatch, createSlackRoutes } from './routes.js';
import { SlackSocket } from './socket.js';
import { SlackWorkspaces } from './workspaces.js';

export interface SlackAdapterOptions {
  /** Verifies what Slack posts to /slack/events (SLACK_SIGNING_SECRET); not for Socket Mode. */
  signingSecret?: string | undefined;
  /** Socket Mode instead of HTTP (SLACK_APP_TOKEN, `xapp-…`): no /slack/events is served. */
  appToken?: string | undefined;
  /** One workspace: its bot token (SLACK_BOT_TOKEN). */
  botToken?: string | undefined;
  /** Many workspaces: OAuth installs, with each workspace's token kept in Redis. */
  oauth?:
    | { clientId: string; clientSecret: string; stateSecret: string; store: RedisInstallationStore }
    | undefined;
  /** Web API base URL (SLACK_API_URL); default Slack's. */
  apiUrl?: string | undefined;
  /**
   * Whether a workspace (`slack:T…`, or `slack:E…` for an Enterprise Grid org) may install
   * the app with OAuth (the alliances' `workspaces`, linked channels, named people); an
   * install from anywhere else is refused. Without it any workspace may.
   */
  allowsWorkspace?: ((workspace: string) => boolean) | undefined;
  /**
   * The linked Slack channels (`slack:<home team>:<channel>`): a slash command or a button in
   * a channel shared from another workspace (Slack Connect) names it by its home team.
   */
  linkedChannels?: readonly string[] | undefined;
  /** The one inbound sink: acknowledged events go to the journal, modal submissions now. */
  sink: InboundSink;
  redis: RedisClient;
  /** Key prefix (REDIS_PREFIX). */
  prefix: string;
  log: Logger;
  now?: () => number;
  /** The files messages hand over (privacy exports): uploaded into the person's DM. */
  files?: FileSource | undefined;
}

const FORM_STASH_TTL_SECONDS = 7 * 24 * 3600;

export class SlackAdapter implements PlatformAdapter, PacedAdapter {
  readonly platform = 'slack' as const;
  readonly supportsEphemeral = true;
  private readonly clients = new Map<string, SlackClient>();
  private responder: ResponseUrls | undefined;
  private directory: SlackPeople | undefined;
  private readonly routeList: HttpRoute[];
  private readonly socket: SlackSocket | undefined;
  readonly workspaces: SlackWorkspaces;

  constructor(private readonly options: SlackAdapterOptions) {
    if (!options.botToken && !options.oauth) {
      throw new TypeError('the Slack adapter needs a bot token or OAuth settings');
    }
    const { signingSecret } = options;
    this.workspaces = new SlackWorkspaces({
      store: options.oauth?.store,
      linkedChannels: options.linkedChannels,
      forgetCaches: (teams, token) => this.forgetCaches(teams, token),
      log: options.log,
    });
    const workspaces = this.workspaces;
    if (options.appToken) {
      // Events arrive over the socket: no /slack/events for anyone to post to.
      this.routeList = [];
    } else if (signingSecret) {
      this.routeList = createSlackRoutes({
        signingSecret,
        sink: options.sink,
        log: options.log,
        openStashedForm: (stash, trigger, userId) => this.openStashed(stash, trigger, userId),
        workspaces,
        ...(options.now ? { now: options.now } : {}),
      });
    } else {
      throw new TypeError(
        'the Slack adapter needs a signing secret (HTTP) or an app token (Socket Mode)',
      );
    }
    if (options.appToken) {
      this.socket = new SlackSocket({
        appToken: options.appToken,
        apiUrl: options.apiUrl,
        log: options.log,
        dispatch: createSlackDispatch({
          sink: options.sink,
          log: options.log,
          openStashedForm: (stash, trigger, userId) => this.openStashed(stash, trigger, userId),
          workspaces,
        }),
      });
    }
    if (options.oauth) {
      const oauth = {
        ...options.oauth,
        apiUrl: options.apiUrl,
        log: options.log,
        allowsWorkspace: options.allowsWorkspace,
      };
      this.routeList.push(...createOAuthRoutes(oauth));
    }
  }

  /** The Web API client for a workspace: the one bot token, or the workspace's installation. */
  async client(team: string): Promise<SlackClient> {
    const token = this.options.botToken ?? (await this.options.oauth?.store.botToken(team));
    if (!token) throw new TypeError('no Slack token');
    let client = this.clients.get(token);
    if (!client) {
      client = new SlackClient({ token, apiUrl: this.options.apiUrl, log: this.options.log });
      this.clients.set(token, client);
    }
    return client;
  }

  /**
   * Drops what this process keeps for workspaces the app left: the client of the revoked
   * token (its remembered direct-message channels with it; with one bot token, a fresh
   * client) and the people lookups cached for those workspaces.
   */
  private async forgetCaches(teams: readonly string[], token: string | undefined): Promise<void> {
    const gone = token ?? this.options.botToken;
    if (gone) this.clients.delete(gone);
    await this.people.forget(teams);
  }

  /** Opens the Socket Mode connection, when configured. */
  async start(): Promise<void> {
    await this.socket?.start();
  }

  async stop(): Promise<void> {
    await this.socket?.stop();
  }

  /** What Slack keeps about people (e-mail cache, stashed forms), for the privacy flow. */
  personalData(): readonly PersonalDataHolder[] {
    this.holders ??= [new SlackPersonalData(this.options.redis, this.options.prefix)];
    return this.holders;
  }
  private holders: PersonalDataHolder[] | undefined;

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
  ): Promise<{ team: string; client: SlackClient; channel: string; ephemeralUser?: string }> {
    const id = destinationId(to);
    const { scope: team, local } = parseId(id);
    const client = await this.client(team);
    if (to.kind === 'direct' || to.kind === 'home') {
      return { team, client, channel: await client.directChannel(to.userId) };
    }
    // A person's id as a conversation means their direct messages with the bot.
    const channel = /^[UW]/.test(local) ? await client.directChannel(id) : local;
    return to.kind === 'ephemeral'
      ? { team, client, channel, ephemeralUser: parseId(to.userId).local }
      : { team, client, channel };
  }

  async send(to: Destination, message: OutboundMessage, _options?: SendOptions): Promise<SentRef> {
    const stash = message.kind === 'form' ? await this.stash(message.form) : undefined;
    return this.postParts(to, renderMessages(message, stash));
  }

  /**
   * A file with its card, into the person's DM with the bot: the file first (uploaded as
   * Slack asks, client.uploadFile, its title as the comment), then the card. The waiting file
   * is used up once Slack has it. No file to read (expired, or no source): a
   * PermanentDeliveryError, and the core sends the card with the download link instead.
   */
  async sendFile(
    to: Extract<Destination, { kind: 'direct' }>,
    file: FileAttachment,
    message: OutboundMessage,
  ): Promise<SentRef> {
    const waiting = await this.options.files?.read(file.token);
    if (!waiting) throw new PermanentDeliveryError('file_gone');
    const { client, channel } = await this.channelOf(to);
    await client.uploadFile({
      channel,
      fileName: file.fileName,
      title: file.title,
      content: waiting.content,
      comment: escapeSlackText(file.title),
    });
    const sent = await this.postParts(to, renderMessages(message));
    // Only now: should the card fail, the fallback's download link must still work.
    await this.options.files?.delivered(file.token);
    return sent;
  }

  /** Posts the parts of one message (chat.postMessage, or chat.postEphemeral for one person). */
  private async postParts(to: Destination, parts: SlackMessage[]): Promise<SentRef> {
    const { team, client, channel, ephemeralUser } = await this.channelOf(to);
    const ids: string[] = [];
    for (const part of parts) {
      const ts = ephemeralUser
        ? await client.postEphemeral(channel, ephemeralUser, part.text, part.blocks)
        : await client.post(channel, part.text, part.blocks);
      if (ts) ids.push(ts);
    }
    return {
      conversationId: `slack:${team}:${channel}`,
      messageId: ids[0] ?? '',
      ...(ids.length > 1 ? { parts: ids } : {}),
    };
  }

  private get responseUrls(): ResponseUrls {
    this.responder ??= new ResponseUrls({
      redis: this.options.redis,
      prefix: this.options.prefix,
      apiUrl: this.options.apiUrl,
    });
    return this.responder;
  }

  private get people(): SlackPeople {
    this.directory ??= new SlackPeople({
      redis: this.options.redis,
      prefix: this.options.prefix,
      client: (team) => this.client(team),
    });
    return this.directory;
  }

  /**
   * An interactive answer through Slack's own means: a form with its trigger opens as a modal
   * at once (views.open; a dead trigger is PermanentDeliveryError `trigger_expired`); an
   * ephemeral answer or the card a button updates goes to the request's response_url (no
   * token, no rate slot), through the Web API once that is used up or refused. Anything else:
   * undefined, and the core sends it.
   */
  async answer(envelope: OutboundEnvelope): Promise<SentRef | null | undefined> {
    const { message, to } = envelope;
    if (envelope.trigger && message.kind === 'form' && to.kind !== 'conversation') {
      await this.openForm(envelope.trigger, message.form, to.userId);
      return null;
    }
    const use = responseUse(envelope);
    const url = envelope.replyHandle;
    if (!use || !url || !this.responseUrls.allowed(url)) return undefined;
    const stash = message.kind === 'form' ? await this.stash(message.form) : undefined;
    const parts = renderMessages(message, stash);
    if (use === 'replace') {
      const [part] = parts;
      if (!part || parts.length > 1) return undefined; // several messages: chat.update
      const outcome = await this.responseUrls.post(url, {
        replace_original: true,
        text: part.text,
        blocks: part.blocks,
      });
      return outcome === 'sent' ? (envelope.replaces ?? null) : undefined; // else chat.update
    }
    for (const [i, part] of parts.entries()) {
      const outcome = await this.responseUrls.post(url, {
        response_type: 'ephemeral',
        replace_original: false,
        text: part.text,
        blocks: part.blocks,
      });
      // Used up, refused or unreachable: the rest goes through the Web API (postEphemeral).
      if (outcome !== 'sent') return this.postParts(to, parts.slice(i));
    }
    return null;
  }

  /** The rate-limit buckets delivering this envelope spends (see pacing.ts). */
  pace(envelope: OutboundEnvelope): PaceBucket[] {
    const url = responseUse(envelope) ? envelope.replyHandle : undefined;
    return slackPace(envelope, url !== undefined && this.responseUrls.allowed(url));
  }

  /** A person's e-mail address (users.info, cached; needs `users:read.email`). */
  emailOf(userId: string): Promise<string | undefined> {
    return this.people.emailOf(userId);
  }

  /** The person with this address in workspace `scope` (users.lookupByEmail, cached). */
  userByEmail(email: string, scope: string): Promise<string | undefined> {
    return this.people.userByEmail(email, scope);
  }

  async update(ref: SentRef, message: OutboundMessage): Promise<SentRef> {
    const { scope: team, local: channel } = parseId(ref.conversationId);
    const [part] = renderMessages(
      message,
      message.kind === 'form' ? await this.stash(message.form) : undefined,
    );
    if (part)
      await (await this.client(team)).update(channel, ref.messageId, part.text, part.blocks);
    return ref;
  }

  /**
   * A group DM of these people with the bot (conversations.open with several users): all in
   * one workspace, or undefined (Slack Connect people of other workspaces cannot share one).
   */
  async openGroup(userIds: readonly string[]): Promise<string | undefined> {
    const parsed = userIds.map((id) => parseId(id));
    const team = parsed[0]?.scope;
    if (!team || parsed.some((p) => p.scope !== team) || parsed.length < 2) return undefined;
    return `slack:${team}:${await (await this.client(team)).groupChannel(parsed.map((p) => p.local))}`;
  }

  /** The App Home tab: the card as a home view (at most 100 blocks). */
  async publishHome(userId: string, message: OutboundMessage): Promise<void> {
    const blocks =
      message.kind === 'card'
        ? cardBlocks(message.card)
        : renderMessages(message).flatMap((m) => m.blocks);
    const { scope: team, local: user } = parseId(userId);
    await (await this.client(team)).publishHome(user, {
      type: 'home',
      blocks: blocks.slice(0, LIMITS.modalBlocks),
    });
  }

  async openForm(trigger: string, form: Form, userId: string): Promise<void> {
    await (await this.client(parseId(userId).scope)).openView(trigger, formModal(form));
  }
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  return new SlackAdapter(options);
}
