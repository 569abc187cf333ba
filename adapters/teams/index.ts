/**
 * The Teams adapter on the Microsoft 365 Agents SDK (@microsoft/agents-hosting, the supported
 * successor of the archived botbuilder): `createTeamsAdapter(options)`. Only adapters/teams/
 * imports the SDK. Inbound: POST /api/messages (routes.ts): the conversation reference and
 * the people an activity names are kept in Redis (conversation-refs.ts, people.ts), its events
 * handed on. Outbound (outbound.ts): proactive sends, updates and interactive answers through
 * continueConversation, only ever to an allowed serviceUrl (service-url.ts). Files for a person
 * (a privacy export): a file consent card, uploaded when they accept (files.ts).
 */
import {
  type AuthConfiguration,
  type CloudAdapter,
  INVOKE_RESPONSE_KEY,
  type TurnContext,
} from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type {
  FileSource,
  HttpRoute,
  OutboundEnvelope,
  PlatformAdapter,
  SendOptions,
} from '../../src/core/adapter.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import type { InboundSink } from '../../src/core/inbound.js';
import type {
  Destination,
  FileAttachment,
  OutboundMessage,
  SentRef,
} from '../../src/core/messages.js';
import type { PersonalDataHolder } from '../../src/core/personal-data.js';
import type { RedisClient } from '../../src/store/redis.js';
import { renderMessages, type TeamsMessage } from './cards.js';
import { AcknowledgingCloudAdapter } from './cloud.js';
import { ConversationRefs } from './conversation-refs.js';
import { FILE_CONSENT_INVOKE, TeamsFiles } from './files.js';
import { TeamsOutbound } from './outbound.js';
import {
  baseConversationId,
  conversationIdOf,
  isPersonal,
  legacyUserIdOf,
  type TeamsActivity,
  tenantOf,
  toEvents,
  userIdOf,
} from './parse.js';
import { TeamsPeople } from './people.js';
import { teamsPersonalData } from './personal-data.js';
import { createTeamsRoutes } from './routes.js';
import { filesSupported, ServiceUrlPolicy } from './service-url.js';

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
  /**
   * TEAMS_SERVICE_URL_ALLOW: hosts beyond Microsoft's that an activity's serviceUrl may name
   * (checked entries, see src/config/host-allow.ts). Nothing else is ever sent the bot's token.
   */
  serviceUrlAllow?: readonly string[] | undefined;
  /**
   * Whether a tenant (`teams:<tenant>`) is one an alliance accepts: an activity from another
   * is refused and its conversation reference never stored. Without it every tenant is.
   */
  allowsWorkspace?: ((workspace: string) => boolean) | undefined;
  /** The one inbound sink: every activity's events go to the journal before Teams hears 200. */
  sink: InboundSink;
  redis: RedisClient;
  prefix: string;
  log: Logger;
  /** The files messages hand over (privacy exports): offered with a file consent card. */
  files?: FileSource | undefined;
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
  readonly people: TeamsPeople;
  readonly serviceUrls: ServiceUrlPolicy;
  private readonly outbound: TeamsOutbound;
  private readonly files: TeamsFiles;
  private readonly routeList: HttpRoute[];

  constructor(private readonly options: TeamsAdapterOptions) {
    const { outbound, inbound } = authConfigs(options);
    // validateServiceUrl: the SDK too refuses a serviceurl claim for another host (ours, in
    // routes.ts, is stricter and answers first).
    this.cloud = new AcknowledgingCloudAdapter(outbound, undefined, undefined, {
      validateServiceUrl: true,
    });
    // The SDK's default tells the person "the agent encountered an error"; ours propagates the
    // error: inbound to a 500 (Teams retries), outbound to a coded delivery error.
    this.cloud.onTurnError = async (_context, error) => {
      throw error;
    };
    this.serviceUrls = new ServiceUrlPolicy(options.serviceUrlAllow ?? []);
    this.refs = new ConversationRefs(options.redis, options.prefix);
    this.people = new TeamsPeople(options.redis, options.prefix, this.refs);
    this.outbound = new TeamsOutbound({
      cloud: this.cloud,
      appId: options.appId ?? 'local',
      refs: this.refs,
      people: this.people,
      serviceUrls: this.serviceUrls,
      tenantId: options.tenantId,
      log: options.log,
    });
    this.files = new TeamsFiles({
      redis: options.redis,
      prefix: options.prefix,
      files: options.files,
      serviceUrls: this.serviceUrls,
      log: options.log,
    });
    this.routeList = createTeamsRoutes({
      adapter: this.cloud,
      inboundAuth: inbound,
      serviceUrls: this.serviceUrls,
      allowsWorkspace: options.allowsWorkspace,
      onTurn: (context, activity) => this.onTurn(context, activity),
      log: options.log,
    });
  }

  /** What Teams keeps about people (profile cache, the 1:1 reference), for the privacy flow. */
  personalData(): readonly PersonalDataHolder[] {
    this.holders ??= [teamsPersonalData(this.options.redis, this.options.prefix)];
    return this.holders;
  }
  private holders: PersonalDataHolder[] | undefined;

  routes(): HttpRoute[] {
    return this.routeList;
  }

  render(message: OutboundMessage): TeamsMessage[] {
    return renderMessages(message);
  }

  /** Runs for an activity whose token, shape and serviceUrl checked out (routes.ts). */
  private async onTurn(context: TurnContext, activity: TeamsActivity): Promise<void> {
    const tenantId = tenantOf(activity);
    const conversationId = conversationIdOf(activity);
    await Promise.all([
      this.refs.remember(
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
      ),
      this.rememberPeople(activity, conversationId),
    ]);
    // A person's answer to a file consent card: the upload and the file card (or the download
    // link) before the invoke's 200 (files.ts); the engine has nothing to do with it.
    if (activity.type === 'invoke' && activity.name === FILE_CONSENT_INVOKE) {
      const answer = await this.files.answer(activity);
      if (answer) {
        const to = { kind: 'direct', userId: userIdOf(activity) } as const;
        await this.outbound.send(to, answer.message, undefined, answer.attachments);
      }
      context.turnState.set(INVOKE_RESPONSE_KEY, { value: { status: 200, body: {} } });
      return;
    }
    // Everything, card submissions too, is handled after the answer: a form with errors comes
    // back by updating its card, so nothing needs the engine before Teams hears 200.
    for (const event of toEvents(activity)) {
      await this.options.sink.accept(event);
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

  /** The sender and the people added: their 29: id, where they are, their records moved over. */
  private async rememberPeople(activity: TeamsActivity, conversationId: string): Promise<void> {
    const memberScope =
      activity.conversation.conversationType === 'channel' && activity.channelData?.team?.id
        ? activity.channelData.team.id
        : baseConversationId(activity.conversation.id);
    const accounts = [activity.from, ...(activity.membersAdded ?? [])].filter(
      (a) => a.id !== activity.recipient.id && !a.id.startsWith('28:'),
    );
    await Promise.all(
      accounts.map((account) =>
        this.people.saw(userIdOf(activity, account), legacyUserIdOf(activity, account), {
          botUserId: account.id,
          conversationId,
          memberScope,
        }),
      ),
    );
  }

  async send(to: Destination, message: OutboundMessage, _options?: SendOptions): Promise<SentRef> {
    return this.outbound.send(to, message);
  }

  /**
   * A file for a person: its card with a file consent card, in their 1:1 chat; the upload
   * follows when they accept (files.ts). Throws (and the core sends the download link) when
   * there is no file to offer, the chat cannot be reached, or its cloud takes no files from
   * bots (GCC High, DoD, 21Vianet).
   */
  async sendFile(
    to: Extract<Destination, { kind: 'direct' }>,
    file: FileAttachment,
    message: OutboundMessage,
  ): Promise<SentRef> {
    if (!filesSupported(await this.outbound.serviceUrlOf(to)))
      throw new PermanentDeliveryError('files_not_supported: bots send no files in this cloud');
    const consent = await this.files.offer(await this.people.current(to.userId), file);
    return this.outbound.send(to, message, undefined, [consent]);
  }

  /** Updates a sent message in place, every part of it (updateActivity). */
  async update(sent: SentRef, message: OutboundMessage): Promise<SentRef> {
    return this.outbound.update(sent, message);
  }

  /** Sends an interactive answer now (continueConversation); a pressed card is updated. */
  async answer(envelope: OutboundEnvelope): Promise<SentRef | undefined> {
    return this.outbound.answer(envelope);
  }

  /** The member API's e-mail address for people of the bot's tenant (cached). */
  async emailOf(userId: string): Promise<string | undefined> {
    return this.outbound.emailOf(userId);
  }
}

export async function createTeamsAdapter(options: TeamsAdapterOptions): Promise<TeamsAdapter> {
  return new TeamsAdapter(options);
}
