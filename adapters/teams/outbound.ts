/**
 * Everything the Teams adapter sends: proactive messages through `continueConversation` with
 * the conversation references kept in Redis (a new 1:1 chat where a person has none yet),
 * updates in place (every part of a message that needed several activities), interactive
 * answers (at once; into the asker's channel thread; a pressed card updated in place) and the
 * member API for a person's e-mail address.
 *
 * Before any request, the reference's serviceUrl must be on an allowed host (service-url.ts):
 * the bot's token goes nowhere else.
 */
import type { Attachment, ConversationParameters } from '@microsoft/agents-activity';
import type { CloudAdapter, ConnectorClient, TurnContext } from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { isBotError, PermanentDeliveryError } from '../../src/core/errors.js';
import { makeId, parseId } from '../../src/core/ids.js';
import type { Destination, OutboundMessage, SentRef } from '../../src/core/messages.js';
import { renderMessages } from './cards.js';
import type { ConversationRefs, StoredReference } from './conversation-refs.js';
import { deliveryError } from './errors.js';
import { THREAD_HANDLE } from './parse.js';
import type { TeamsPeople } from './people.js';
import { toActivity } from './send.js';
import type { ServiceUrlPolicy } from './service-url.js';

export interface TeamsOutboundOptions {
  cloud: CloudAdapter;
  appId: string;
  refs: ConversationRefs;
  people: TeamsPeople;
  serviceUrls: ServiceUrlPolicy;
  /** TEAMS_TENANT_ID: only its people's e-mail addresses are looked up. */
  tenantId?: string | undefined;
  log: Logger;
}

/** What the member API answers (TeamsChannelAccount); only what we read. */
const MemberSchema = z.looseObject({
  id: z.string().optional(),
  objectId: z.string().optional(),
  aadObjectId: z.string().optional(),
  email: z.string().optional(),
  userPrincipalName: z.string().optional(),
  tenantId: z.string().optional(),
});

/** A handle for the ids a message was sent as (parts when there were several). */
function sentRef(conversationId: string, ids: string[]): SentRef {
  const kept = ids.filter(Boolean).slice(0, 50);
  return {
    conversationId,
    messageId: kept[0] ?? 'unknown',
    ...(kept.length > 1 ? { parts: kept } : {}),
  };
}

/** A person a destination names, if it names one (a 29: id or an aadObjectId). */
function personOf(to: Destination): string | undefined {
  if (to.kind !== 'conversation') return to.userId;
  return /^(29:|8:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)/i.test(
    parseId(to.id).local,
  )
    ? to.id
    : undefined;
}

export class TeamsOutbound {
  constructor(private readonly o: TeamsOutboundOptions) {}

  /** The stored reference for a destination; a person without one gets a new 1:1 chat. */
  /** The serviceUrl a message to `to` goes to (its conversation opened first if need be). */
  async serviceUrlOf(to: Destination): Promise<string> {
    return (await this.referenceFor(to)).serviceUrl;
  }

  private async referenceFor(to: Destination): Promise<StoredReference> {
    const named = personOf(to);
    if (!named) {
      const ref = await this.o.refs.byConversation(to.kind === 'conversation' ? to.id : '');
      if (!ref) throw deliveryError({ status: 404, message: 'no conversation reference' });
      return ref;
    }
    const person = await this.o.people.current(named);
    return (await this.o.refs.byUser(person)) ?? (await this.openDirect(person));
  }

  private async openDirect(userId: string): Promise<StoredReference> {
    const { scope: tenantId, local } = parseId(userId);
    const any = await this.o.refs.byTenant(tenantId);
    if (!any) throw deliveryError({ status: 404, message: 'no conversation in this tenant yet' });
    this.o.serviceUrls.assertAllowed(any.serviceUrl);
    // The id Teams gave the person for this bot; else their aadObjectId, which Teams takes
    // for a 1:1 chat with a bot the person has installed.
    const member = (await this.o.people.get(userId))?.botUserId ?? local;
    let created: StoredReference | undefined;
    try {
      await this.o.cloud.createConversationAsync(
        this.o.appId,
        any.channelId,
        any.serviceUrl,
        this.o.appId,
        // No initial activity: the message follows through the new conversation's reference.
        {
          isGroup: false,
          agent: { id: any.bot.id, name: any.bot.name ?? '' },
          members: [{ id: member, name: '' }],
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
    await this.o.refs.remember(makeId('teams', tenantId, created.conversation.id), created, userId);
    return created;
  }

  /** Runs `work` in a proactive turn of the reference's conversation (or a thread of it). */
  private async inConversation<T>(
    ref: StoredReference,
    work: (context: TurnContext) => Promise<T>,
    thread?: string,
  ): Promise<T> {
    this.o.serviceUrls.assertAllowed(ref.serviceUrl);
    let result: T | undefined;
    let done = false;
    try {
      await this.o.cloud.continueConversation(
        this.o.appId,
        {
          serviceUrl: ref.serviceUrl,
          channelId: ref.channelId,
          conversation: {
            id: thread ? `${ref.conversation.id};messageid=${thread}` : ref.conversation.id,
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
      // Our own coded errors (the serviceUrl check inside a turn) pass as they are.
      throw isBotError(error) ? error : deliveryError(error);
    }
    if (!done) throw deliveryError({ status: 500, message: 'the turn did not run' });
    return result as T;
  }

  /**
   * Sends every part of a message (a channel thread's reply with `thread`); `extra`
   * attachments (a file consent card) go with its last part.
   */
  async send(
    to: Destination,
    message: OutboundMessage,
    thread?: string,
    extra: readonly Attachment[] = [],
  ): Promise<SentRef> {
    if (to.kind === 'home') return { conversationId: to.userId, messageId: 'home' };
    const ref = await this.referenceFor(to);
    const conversationId = makeId('teams', ref.tenantId, ref.conversation.id);
    const ids = await this.inConversation(
      ref,
      async (context) => {
        const out: string[] = [];
        const parts = renderMessages(message);
        for (const [i, part] of parts.entries()) {
          const activity = toActivity(part);
          if (i === parts.length - 1 && extra.length > 0)
            activity.attachments = [...(activity.attachments ?? []), ...extra];
          const response = await context.sendActivity(activity);
          out.push(response?.id ?? '');
        }
        return out;
      },
      thread,
    );
    return sentRef(conversationId, ids);
  }

  /**
   * Updates a sent message in place, every part of it: part i becomes the new version's part
   * i; parts the new version has beyond the old are sent after them, old parts it no longer
   * has are deleted.
   */
  async update(sent: SentRef, message: OutboundMessage): Promise<SentRef> {
    const ref = await this.o.refs.byConversation(sent.conversationId);
    if (!ref) throw deliveryError({ status: 404, message: 'no conversation reference' });
    const old = sent.parts && sent.parts.length > 0 ? sent.parts : [sent.messageId];
    const parts = renderMessages(message);
    if (parts.length === 0) return sent;
    const ids = await this.inConversation(ref, async (context) => {
      const out: string[] = [];
      for (const [i, part] of parts.entries()) {
        const activity = toActivity(part);
        const id = old[i];
        if (id) {
          activity.id = id;
          await context.updateActivity(activity);
          out.push(id);
        } else {
          out.push((await context.sendActivity(activity))?.id ?? '');
        }
      }
      for (const id of old.slice(parts.length)) await context.deleteActivity(id);
      return out;
    });
    return sentRef(sent.conversationId, ids);
  }

  /**
   * An interactive answer, sent now: the card a person pressed is updated in place; an answer
   * in the channel the request came from goes into its thread; an ephemeral one (Teams has
   * none) to the person privately. A person's home page does not exist on Teams (undefined).
   */
  async answer(envelope: OutboundEnvelope): Promise<SentRef | undefined> {
    const { to, message } = envelope;
    if (to.kind === 'home') return undefined;
    if (envelope.replaces) return this.update(envelope.replaces, message);
    if (to.kind === 'ephemeral') return this.send({ kind: 'direct', userId: to.userId }, message);
    const thread =
      to.kind === 'conversation' ? THREAD_HANDLE.exec(envelope.replyHandle ?? '')?.[1] : undefined;
    return this.send(to, message, thread);
  }

  /**
   * A person's e-mail address from the member API (GET {serviceUrl}/v3/conversations/{where}/
   * members/{29: id}, as TeamsInfo.getMember), for people of the bot's tenant only; cached.
   * Undefined for people of other tenants, people never seen, and when Teams cannot tell.
   */
  async emailOf(userId: string): Promise<string | undefined> {
    const id = await this.o.people.current(userId);
    const { scope: tenant, local } = parseId(id);
    if (this.o.tenantId && tenant !== this.o.tenantId) return undefined;
    const cached = await this.o.people.cachedEmail(id);
    if (cached !== undefined) return cached ?? undefined;
    const person = await this.o.people.get(id);
    const ref = person ? await this.o.refs.byConversation(person.conversationId) : undefined;
    if (!person || !ref) return undefined;
    let answer: unknown;
    try {
      answer = await this.inConversation(ref, async (context) => {
        const client = context.turnState.get<ConnectorClient>(this.o.cloud.ConnectorClientKey);
        return client.getConversationMember(person.botUserId, person.memberScope);
      });
    } catch (error) {
      this.o.log.warn({ err: error, userId: id }, 'Teams: the member API did not answer');
      if (error instanceof PermanentDeliveryError) await this.o.people.cacheEmail(id, undefined);
      return undefined;
    }
    const member = MemberSchema.safeParse(answer).data;
    const objectId = member?.objectId ?? member?.aadObjectId;
    const theirs =
      member !== undefined &&
      (!member.tenantId || member.tenantId === tenant) &&
      (!objectId || objectId === local || local.startsWith('29:'));
    const upn = member?.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined;
    const email = theirs ? member.email?.trim() || upn : undefined;
    await this.o.people.cacheEmail(id, email);
    return email;
  }
}
