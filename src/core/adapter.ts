/**
 * The PlatformAdapter port: what every platform (Slack, Teams, the local web chat) must do
 * for the core, and the optional capabilities with the fallback the core uses without them.
 * The core never branches on a platform's name; it asks the adapter what it can do.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { PlatformName } from './ids.js';
import { MailMessageSchema } from './mail.js';
import {
  type Destination,
  DestinationSchema,
  type FileAttachment,
  type Form,
  type OutboundMessage,
  OutboundMessageSchema,
  type SentRef,
  SentRefSchema,
} from './messages.js';
import type { PersonalDataHolder } from './personal-data.js';

/** An HTTP endpoint an adapter hands the one HTTP server to mount. */
export interface HttpRoute {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

/** One message to one destination, ready for delivery (plain JSON: it rides in jobs). */
export const OutboundEnvelopeSchema = z.object({
  /** Idempotency key: a retry or a doubled trigger with the same key never posts twice. */
  key: z.string().min(1).max(500),
  /** The alliance it is sent for (rate limits, failure reports to its coordinators). */
  allianceId: z.string().optional(),
  to: DestinationSchema,
  message: OutboundMessageSchema,
  /** Update this earlier message in place (a form back with errors, approvals, co-signs). */
  replaces: SentRefSchema.optional(),
  /**
   * Update the message sent earlier under this idempotency key (a MessageHandle), on whatever
   * platform it went to; delivery looks its platform handle up in the ledger.
   */
  updates: z.string().min(1).max(500).optional(),
  /** An interactive trigger (Slack trigger_id) to open a form as a modal right away. */
  trigger: z.string().optional(),
  /**
   * An answer to the person's own request (a command's answer, a form, its errors, the card a
   * button updates): it leaves at once through `answer` where the adapter can, never behind
   * other people's messages or a channel's pacing. Set by the engine, not by flows.
   */
  interactive: z.boolean().optional(),
  /** The request's own reply handle (Slack's response_url), copied from the event. */
  replyHandle: z.string().max(2000).optional(),
  /**
   * A private answer to someone who asked in a channel, should it fail for good (Teams bots
   * cannot message a guest of another tenant): a notice where they spoke, without the private
   * content, and the content by e-mail where their address is known and e-mail is on. Set by
   * the engine, not by flows.
   */
  ifUnreachable: z
    .object({
      notice: z.object({
        key: z.string().min(1).max(500),
        to: DestinationSchema,
        message: OutboundMessageSchema,
      }),
      mail: MailMessageSchema.optional(),
    })
    .optional(),
});
export type OutboundEnvelope = z.infer<typeof OutboundEnvelopeSchema>;

export interface SendOptions {
  /**
   * The envelope's idempotency key. An adapter whose platform can honour it (record it with
   * the message, or look it up) makes a repeated send a no-op; the others rely on the
   * delivery ledger, which leaves only the moment between a send and its record exposed.
   */
  idempotencyKey?: string;
}

/** Where adapters read the bytes of a file a message hands over (the waiting export files). */
export interface FileSource {
  /** The file waiting under this token, not used up; undefined when it expired or went. */
  read(token: string): Promise<{ fileName: string; content: Buffer } | undefined>;
  /** The file was handed over: it need not wait any longer. */
  delivered(token: string): Promise<void>;
}

export interface PlatformAdapter {
  /** Which namespace of ids this adapter owns (`slack`, `teams`, `local`). */
  readonly platform: PlatformName;

  /**
   * Delivers one message. Throws RateLimitError (with Retry-After), PermanentDeliveryError
   * (channel gone, bot removed) or TransientDeliveryError (5xx, network).
   * A `direct` destination opens or finds the person's 1:1 conversation.
   */
  send(to: Destination, message: OutboundMessage, options?: SendOptions): Promise<SentRef>;

  /** Renders a neutral message to the platform's payload (Block Kit, Adaptive Card, HTML). */
  render(message: OutboundMessage): unknown;

  /** The HTTP endpoints this adapter serves (webhooks, the web chat). */
  routes(): HttpRoute[];

  /**
   * Optional: update a sent message in place.
   * Fallback: the core sends the new version as a new message.
   */
  update?(ref: SentRef, message: OutboundMessage): Promise<SentRef>;

  /**
   * Optional: whether `ephemeral` destinations are shown to one person inside a channel.
   * Fallback: the core sends the message to that person directly instead.
   */
  readonly supportsEphemeral?: boolean;

  /**
   * Optional: open a form as a modal with an interactive trigger.
   * Fallback: the core sends the form inline, in the person's direct conversation.
   */
  openForm?(trigger: string, form: Form, userId: string): Promise<void>;

  /**
   * Optional: hand a person a file privately, with its card (`message`, without the file's
   * download link): Slack uploads it into the person's DM with the bot
   * (files.getUploadURLExternal → the bytes → files.completeUploadExternal); Teams offers it
   * with a file consent card in the personal chat and uploads it when the person accepts, or
   * sends `file.instead` when they decline or the upload fails. Throws like `send`.
   * Fallback: the core sends `file.instead` (the card with a one-time download link) — also
   * when this throws anything but a RateLimitError (the upload failed).
   */
  sendFile?(
    to: Extract<Destination, { kind: 'direct' }>,
    file: FileAttachment,
    message: OutboundMessage,
    options?: SendOptions,
  ): Promise<SentRef>;

  /**
   * Optional: show a card on the person's own page of the bot (Slack App Home).
   * Fallback: nothing is shown (the same words are reachable through help).
   */
  publishHome?(userId: string, message: OutboundMessage): Promise<void>;

  /**
   * Optional: deliver an interactive answer through the platform's own means for answering a
   * request (Slack: `response_url` for an ephemeral reply or the updated card, `views.open`
   * with the trigger for a form), spending no token or rate-limit slot where none is needed.
   * Returns the handle, or `undefined` when this envelope has no such means (then `send`).
   * Throws like `send`; a trigger that expired is a PermanentDeliveryError with code
   * `trigger_expired`, after which the core sends the form behind a button instead.
   * Fallback: `send`, right away and paced only by the method's own tier.
   */
  answer?(envelope: OutboundEnvelope): Promise<SentRef | null | undefined>;

  /**
   * Optional: the e-mail address of a person of this platform (Slack `users.info` with
   * `users:read.email`; Teams' member API for people of the bot's own tenant), or undefined.
   * Fallback: a person named by e-mail alone in the config gets their role only on the
   * platforms that can tell.
   */
  emailOf?(userId: string): Promise<string | undefined>;

  /**
   * Optional: find a person by e-mail address within one workspace or tenant (`scope`, the
   * middle part of a namespaced id): Slack `users.lookupByEmail`. Returns the namespaced id.
   * Fallback: the person is found when they first appear (`emailOf`).
   */
  userByEmail?(email: string, scope: string): Promise<string | undefined>;

  /**
   * Optional: a group conversation of these people (all of this platform and one workspace)
   * with the bot, opened or found again (Slack: `conversations.open` with several users).
   * Returns its namespaced id to send to, or undefined when it cannot.
   * Fallback: the core tells each person privately, naming the others (Teams bots cannot
   * create group chats).
   */
  openGroup?(userIds: readonly string[]): Promise<string | undefined>;

  /**
   * Optional: what this platform keeps about people in Redis (conversation references, profile
   * caches, the local chat log), for the privacy flow's export and erasure.
   * Fallback: the adapter keeps nothing about people.
   */
  personalData?(): readonly PersonalDataHolder[];

  /** Optional: start background work (sockets, subscriptions). */
  start?(): Promise<void>;
  /** Optional: stop it, for a graceful shutdown. */
  stop?(): Promise<void>;
}

/** Hands envelopes to delivery: directly now, through the queue outbox when it runs. */
export interface Dispatcher {
  dispatch(envelopes: readonly OutboundEnvelope[]): Promise<void>;
}
