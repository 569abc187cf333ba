/**
 * The Teams adapter on the Microsoft 365 Agents SDK (@microsoft/agents-hosting, the supported
 * successor of the archived botbuilder): `createTeamsAdapter(options)`. Only adapters/teams/
 * imports the SDK. Inbound: POST /api/messages (routes.ts). Outbound: proactive sends through
 * continueConversation with the conversation references kept in Redis (conversation-refs.ts),
 * a new 1:1 conversation where a person has none yet.
 */
import type { ConversationParameters } from '@microsoft/agents-activity';
import {
  type AuthConfiguration,
  type CloudAdapter,
  INVOKE_RESPONSE_KEY,
  type TurnContext,
} from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type { HttpRoute, PlatformAdapter, SendOptions } from '../../src/core/adapter.js';
import type { InboundEvent } from '../../src/core/events.js';
import { makeId, parseId } from '../../src/core/ids.js';
import type { HandleResult } from '../../src/core/inbound.js';
import type { Destination, OutboundMessage, SentRef } from '../../src/core/messages.js';
import type { RedisClient } from '../../src/store/redis.js';
import { renderMessages, type TeamsMessage } from './cards.js';
import { AcknowledgingCloudAdapter } from './cloud.js';
import { ConversationRefs, type StoredReference } from './conversation-refs.js';
import { deliveryError } from './errors.js';
import {
  baseConversationId,
  conversationIdOf,
  isPersonal,
  type TeamsActivity,
  tenantOf,
  toEvents,
  userIdOf,
} from './parse.js';
import { createTeamsRoutes } from './routes.js';
import { toActivity } from './send.js';

export interface TeamsAdapterOptions {
  /** TEAMS_APP_ID; without it the SDK skips inbound auth (explicit local mode only). */
  appId?: string | undefined;
  /** TEAMS_APP_PASSWORD: a client secret of the app registration... */
  appPassword?: string | undefined;
  /** ...or a certificate: TEAMS_CERT_PEM_FILE (PEM) and TEAMS_CERT_KEY_FILE (its private key). */
  certPemFile?: string | undefined;
  certKeyFile?: string | undefined;
  tenantId?: string | undefined;
  appType?: 'MultiTenant' | 'SingleTenant' | undefined;
  /** TEAMS_AUTHORITY_ENDPOINT: where inbound token keys are found (default Microsoft's). */
  authorityEndpoint?: string | undefined;
  /** Extra accepted token issuers (a local issuer in tests). */
  issuers?: string[] | undefined;
  handle: (event: InboundEvent) => Promise<HandleResult>;
  /** Queues an event for the engine; without it events are handled in the request. */
  defer?: ((event: InboundEvent) => Promise<void>) | undefined;
  redis: RedisClient;
  prefix: string;
  log: Logger;
}

/**
 * The SDK's configuration: outbound (MSAL) and inbound (JWT validation) differ in authority.
 *
 * Outbound, as Bot Framework defines the app types: a MultiTenant bot gets its token from the
 * botframework.com tenant (TEAMS_TENANT_ID is not used for it), a SingleTenant bot from its own
 * tenant. The credential is the client secret or, instead, the certificate (the SDK signs a
 * client assertion with its key). Inbound, the SDK accepts Bot Framework's own tokens
 * (api.botframework.com, keys from login.botframework.com) and Microsoft's first-party
 * tenants always, and the issuers of the configured tenant (botframework.com without one).
 */
export function authConfigs(
  options: Pick<
    TeamsAdapterOptions,
    | 'appId'
    | 'appPassword'
    | 'certPemFile'
    | 'certKeyFile'
    | 'tenantId'
    | 'appType'
    | 'authorityEndpoint'
    | 'issuers'
  >,
): {
  outbound: AuthConfiguration;
  inbound: AuthConfiguration;
} {
  const outboundTenant = options.appType === 'SingleTenant' ? options.tenantId : 'botframework.com';
  const inboundTenant = options.tenantId ?? 'botframework.com';
  const app: AuthConfiguration = options.appId ? { clientId: options.appId } : {};
  const credential: AuthConfiguration = options.appPassword
    ? { clientSecret: options.appPassword }
    : options.certPemFile && options.certKeyFile
      ? { certPemFile: options.certPemFile, certKeyFile: options.certKeyFile }
      : {};
  const authority = options.authorityEndpoint;
  return {
    outbound: {
      ...app,
      ...credential,
      ...(outboundTenant ? { tenantId: outboundTenant } : {}),
      // MSAL insists on https: an http authority (a local test issuer) serves inbound only.
      ...(authority?.startsWith('https://') ? { authority } : {}),
    },
    inbound: {
      ...app,
      tenantId: inboundTenant,
      ...(authority ? { authorityEndpoint: authority } : {}),
      ...(options.issuers ? { issuers: options.issuers } : {}),
      validateIssuer: true,
    },
  };
}

export class TeamsAdapter implements PlatformAdapter {
  readonly platform = 'teams' as const;
  readonly cloud: CloudAdapter;
  readonly refs: ConversationRefs;
  private readonly routeList: HttpRoute[];
  private readonly appId: string;

  constructor(private readonly options: TeamsAdapterOptions) {
    const { outbound, inbound } = authConfigs(options);
    this.cloud = new AcknowledgingCloudAdapter(outbound);
    // The SDK's default tells the person "the agent encountered an error"; ours propagates the
    // error: inbound to a 500 (Teams retries), outbound to a coded delivery error.
    this.cloud.onTurnError = async (_context, error) => {
      throw error;
    };
    this.appId = options.appId ?? 'local';
    this.refs = new ConversationRefs(options.redis, options.prefix);
    this.routeList = createTeamsRoutes({
      adapter: this.cloud,
      inboundAuth: inbound,
      onTurn: (context, activity) => this.onTurn(context, activity),
      log: options.log,
    });
  }

  routes(): HttpRoute[] {
    return this.routeList;
  }

  render(message: OutboundMessage): TeamsMessage[] {
    return renderMessages(message);
  }

  private async onTurn(context: TurnContext, activity: TeamsActivity): Promise<void> {
    const tenantId = tenantOf(activity);
    const conversationId = conversationIdOf(activity);
    await this.refs.remember(
      conversationId,
      {
        serviceUrl: activity.serviceUrl,
        channelId: activity.channelId,
        tenantId,
        bot: {
          id: activity.recipient.id,
          ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
        },
        conversation: {
          id: baseConversationId(activity.conversation.id),
          ...(activity.conversation.conversationType
            ? { conversationType: activity.conversation.conversationType }
            : {}),
          ...(activity.conversation.isGroup !== undefined
            ? { isGroup: activity.conversation.isGroup }
            : {}),
          tenantId,
        },
      },
      isPersonal(activity) ? userIdOf(activity) : undefined,
      // Installs and membership changes always write: another process may have forgotten it.
      activity.type === 'installationUpdate' || activity.type === 'conversationUpdate',
    );
    // Everything, card submissions too, is handled after the answer: a form with errors comes
    // back by updating its card, so nothing needs the engine before Teams hears 200.
    for (const event of toEvents(activity)) {
      if (this.options.defer) await this.options.defer(event);
      else await this.options.handle(event);
    }
    if (activity.type === 'invoke') {
      context.turnState.set(INVOKE_RESPONSE_KEY, {
        value: {
          status: 200,
          body:
            activity.name === 'adaptiveCard/action'
              ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '✓' }
              : {},
        },
      });
    }
  }

  /** The stored reference for a destination; a person without one gets a new 1:1 chat. */
  private async referenceFor(to: Destination): Promise<StoredReference> {
    const person =
      to.kind === 'direct' || to.kind === 'home'
        ? to.userId
        : to.kind === 'ephemeral'
          ? to.userId
          : /^(29|8):/.test(parseId(to.id).local)
            ? to.id
            : undefined;
    if (!person) {
      const id = to.kind === 'conversation' ? to.id : '';
      const ref = await this.refs.byConversation(id);
      if (!ref) throw deliveryError({ status: 404, message: 'no conversation reference' });
      return ref;
    }
    return (await this.refs.byUser(person)) ?? (await this.openDirect(person));
  }

  private async openDirect(userId: string): Promise<StoredReference> {
    const { scope: tenantId, local: user } = parseId(userId);
    const any = await this.refs.byTenant(tenantId);
    if (!any) throw deliveryError({ status: 404, message: 'no conversation in this tenant yet' });
    let created: StoredReference | undefined;
    try {
      await this.cloud.createConversationAsync(
        this.appId,
        any.channelId,
        any.serviceUrl,
        this.appId,
        // No initial activity: the message follows through the new conversation's reference.
        {
          isGroup: false,
          agent: { id: any.bot.id, name: any.bot.name ?? '' },
          members: [{ id: user, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        } as Omit<ConversationParameters, 'activity'> as ConversationParameters,
        async (context) => {
          created = {
            ...any,
            conversation: {
              id: context.activity.conversation?.id ?? '',
              conversationType: 'personal',
              tenantId,
            },
          };
        },
      );
    } catch (error) {
      throw deliveryError(error);
    }
    if (!created?.conversation.id) throw deliveryError({ status: 502, message: 'no conversation' });
    await this.refs.remember(makeId('teams', tenantId, created.conversation.id), created, userId);
    return created;
  }

  private async inConversation<T>(
    ref: StoredReference,
    work: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    let result: T | undefined;
    let done = false;
    try {
      await this.cloud.continueConversation(
        this.appId,
        {
          serviceUrl: ref.serviceUrl,
          channelId: ref.channelId,
          conversation: {
            id: ref.conversation.id,
            isGroup: ref.conversation.isGroup ?? false,
            ...(ref.conversation.conversationType
              ? { conversationType: ref.conversation.conversationType }
              : {}),
            ...(ref.conversation.tenantId ? { tenantId: ref.conversation.tenantId } : {}),
          },
          agent: { id: ref.bot.id, name: ref.bot.name ?? '' },
        },
        async (context) => {
          result = await work(context);
          done = true;
        },
      );
    } catch (error) {
      throw deliveryError(error);
    }
    if (!done) throw deliveryError({ status: 500, message: 'the turn did not run' });
    return result as T;
  }

  async send(to: Destination, message: OutboundMessage, _options?: SendOptions): Promise<SentRef> {
    if (to.kind === 'home') {
      return { conversationId: to.userId, messageId: 'home' };
    }
    const ref = await this.referenceFor(to);
    const conversationId = makeId('teams', ref.tenantId, ref.conversation.id);
    const ids = await this.inConversation(ref, async (context) => {
      const out: string[] = [];
      for (const part of renderMessages(message)) {
        const response = await context.sendActivity(toActivity(part));
        out.push(response?.id ?? '');
      }
      return out;
    });
    return { conversationId, messageId: ids.find(Boolean) ?? 'unknown' };
  }

  /** Updates a sent card in place (updateActivity); the first part of the new version. */
  async update(sent: SentRef, message: OutboundMessage): Promise<SentRef> {
    const ref = await this.refs.byConversation(sent.conversationId);
    if (!ref) throw deliveryError({ status: 404, message: 'no conversation reference' });
    const [part] = renderMessages(message);
    if (!part) return sent;
    await this.inConversation(ref, async (context) => {
      const activity = toActivity(part);
      activity.id = sent.messageId;
      await context.updateActivity(activity);
    });
    return sent;
  }
}

export async function createTeamsAdapter(options: TeamsAdapterOptions): Promise<TeamsAdapter> {
  return new TeamsAdapter(options);
}
