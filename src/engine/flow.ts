/**
 * The flow kit: what a flow declares (its subcommands, forms and buttons, each with the roles
 * allowed and a one-line description) and what it gets to work with (the context). A flow
 * reads and writes the store through its context and says what to send; the engine delivers
 * only after the flow has finished, so a flow that fails sends nothing half-way.
 */
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { ChartLinks } from '../core/charts.js';
import type {
  ButtonPressedEvent,
  CommandName,
  FormSubmittedEvent,
  InboundEvent,
  Locale,
} from '../core/events.js';
import type { Translator } from '../core/i18n/index.js';
import type { Reminders, ScheduleRequest, Schedules } from '../core/jobs.js';
import type { Mailer } from '../core/mail.js';
import type { Destination, Form, MessageHandle, OutboundMessage } from '../core/messages.js';
import type { Alliance, Member, Partner, Role } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { ConversationState } from '../store/conversation-state.js';
import type { FlowStore } from '../store/index.js';
import type { CollectionSpec } from '../store/records.js';
import type { AuditWriter, PrivacyAccess } from './privacy.js';

export type { ButtonPressedEvent, FormSubmittedEvent };

/** How a flow names what it sends: the purpose is part of the message's idempotency key. */
export interface SendOptions {
  /** What this message is within the flow (`welcome`, `introduction`, `summary`). */
  purpose?: string;
}

/** Posting in the alliance's channels: `only` narrows them (a document's audience). */
export interface ChannelSendOptions extends SendOptions {
  /** Only the linked channels this says yes to; every one when left out. */
  only?: (channel: string) => boolean;
}

/** Sending, shared by events and jobs. Every send returns a handle for later updates. */
export interface Sender {
  /** Send to any destination. */
  send(to: Destination, message: OutboundMessage, options?: SendOptions): MessageHandle;
  /** Send to a person privately. */
  sendDirect(userId: string, message: OutboundMessage, options?: SendOptions): MessageHandle;
  /**
   * Post in every channel linked to the alliance, on every platform (or only those `only`
   * allows): one handle per copy.
   */
  postToAllianceChannels(message: OutboundMessage, options?: ChannelSendOptions): MessageHandle[];
  /** Change a message sent earlier (by this or an earlier event or job) in place. */
  update(handle: MessageHandle | readonly MessageHandle[], message: OutboundMessage): void;
  /** The first of these identities on a platform this deployment can reach. */
  reachable(userIds: readonly string[]): string | undefined;
  /**
   * A group conversation of these people with the bot (a Slack group DM), opened now; undefined
   * where the platform cannot (Teams, people on different platforms or workspaces): then tell
   * each privately.
   */
  openGroup(userIds: readonly string[]): Promise<string | undefined>;
}

/** What a flow gets when a reminder or a schedule of its own fires (no person speaking). */
export interface JobContext extends Sender {
  readonly alliance: Alliance;
  /**
   * This firing of the job (`schedule:<job id>`, `reminder:<alliance>:<id>@<at>`): the same
   * for every retry of it, another for the next one. The occurrence part of what it sends.
   */
  readonly occurrence: string;
  readonly store: FlowStore;
  readonly directory: AllianceDirectory;
  readonly now: Date;
  readonly reminders: Reminders;
  readonly schedules: Schedules;
  /** Words in a language (the alliance's for channels, a member's for them). */
  translator(locale: Locale): Translator;
  /** The platform identities of a person the config names by e-mail (or by id). */
  identitiesOf(person: { email?: string | undefined; ids: readonly string[] }): Promise<string[]>;
  /** E-mail, where the deployment has it (SMTP_URL); absent otherwise. */
  readonly mailer?: Mailer;
  /** The bot's public base URL (PUBLIC_URL), for links to what it serves; absent if unknown. */
  readonly publicUrl?: string;
  /** Charts published under the public URL (undefined addresses without one). */
  readonly charts?: ChartLinks;
  /** Appends to the alliance's audit trail (no person acting: the bot). */
  audit: AuditWriter;
  /** Every holder of personal data: export, erasure, pseudonyms, the audit trail. */
  readonly privacy: PrivacyAccess;
  /** The process's log, for work a flow does in the background (absent when embedded without). */
  readonly log?: Logger;
}

export interface FlowContext extends Sender {
  readonly event: InboundEvent;
  readonly alliance: Alliance;
  /** The platform identity speaking. */
  readonly userId: string;
  /** The best name we have for them (member record, config, platform profile). */
  readonly displayName: string | undefined;
  readonly member: Member | null;
  readonly partner: Partner | null;
  /** Config roles (by platform id or by e-mail) plus `member` for everyone in the alliance. */
  readonly roles: readonly Role[];
  readonly locale: Locale;
  readonly t: Translator;
  readonly store: FlowStore;
  readonly directory: AllianceDirectory;
  readonly now: Date;
  readonly reminders: Reminders;
  readonly schedules: Schedules;
  /** The subcommands this person may use here, for help. */
  readonly available: readonly AvailableSubcommand[];

  /** This person's conversation state in this alliance. */
  getState(): Promise<ConversationState | null>;
  setState(
    state: { flow: string; step: string; data?: Record<string, unknown> },
    ttlSeconds?: number,
  ): Promise<void>;
  clearState(): Promise<void>;

  /**
   * Throws the refusal ("Only a spokesperson can approve a success") unless the person holds
   * one of these roles. The kit checks declared roles itself; this is for checks that depend
   * on the record (approving on behalf of another partner).
   */
  requireRole(roles: readonly Role[], action: Describe): void;
  /** The platform identities of a person the config names by e-mail (or by id). */
  identitiesOf(person: { email?: string | undefined; ids: readonly string[] }): Promise<string[]>;
  /**
   * The platform identities of any address: those known, else asked of the platforms that
   * can look an address up, in the workspaces the alliance accepts (found ones are kept).
   * Takes up to a second or two per workspace when nobody knows the address yet.
   */
  lookUpEmail(email: string): Promise<string[]>;
  /**
   * The address the person's platform gives for them (cached a day); undefined where it
   * cannot tell (the web chat, a Slack app without `users:read.email`).
   */
  emailOf(): Promise<string | undefined>;
  /** E-mail, where the deployment has it (SMTP_URL); absent otherwise. */
  readonly mailer?: Mailer;
  /** The bot's public base URL (PUBLIC_URL), for links to what it serves; absent if unknown. */
  readonly publicUrl?: string;
  /** Charts published under the public URL (undefined addresses without one). */
  readonly charts?: ChartLinks;

  /**
   * Appends to the alliance's audit trail, the person speaking as actor: `ctx.audit(
   * 'document.shared', { subject?, subjectName?, document: id, level })`. Append-only.
   * The same entry is written once per event: handled again after a crash, write it again.
   */
  audit: AuditWriter;
  /** Every holder of personal data: export, erasure, pseudonyms, the audit trail. */
  readonly privacy: PrivacyAccess;

  /** Answer where the person spoke: in a direct chat there, in a channel only to them. */
  reply(message: OutboundMessage, options?: SendOptions): MessageHandle;
  /** Show a card on the person's own page of the bot (Slack App Home), where there is one. */
  showHome(message: OutboundMessage): void;
  /** Show a form: as a modal where the platform can, inline in the direct chat otherwise. */
  showForm(form: Form): void;
  /**
   * Close a submitted form with a message: an inline form is replaced by it (so no stale form
   * or errors stay behind); a modal has closed already, so the message is an answer.
   */
  completeForm(message: OutboundMessage): void;
  /** Send a submitted form back with the errors next to the fields (and the input kept). */
  rejectForm(
    form: Form,
    submitted: Record<string, string | string[]>,
    errors: Record<string, string>,
  ): void;
}

/** A one-line description in a language: an infinitive phrase ("een succes goedkeuren"). */
export type Describe = (locale: Locale) => string;

/** A word after a command (`checkin plannen` / `checkin schedule`). */
export interface SubWords {
  nl: string;
  en: string;
}

/** One thing a person can type: a command word, optionally followed by a sub-word. */
export interface Subcommand {
  command: CommandName;
  /** The sub-word; none for what the bare command word does. */
  words?: SubWords;
  /** Roles allowed (any of them); everyone in the alliance when left out. */
  roles?: readonly Role[];
  describe: Describe;
  /** The rest of what the person typed after the (sub-)word. */
  run(ctx: FlowContext, args: string): Promise<void>;
}

/** A form a flow shows, with its typed values. */
export interface FormSpec<T> {
  /** `<flow>.<form>`. */
  id: string;
  roles?: readonly Role[];
  /** What submitting it does, for refusals. */
  describe?: Describe;
  /** The language of the submission's errors, when the form lets the person choose one. */
  localeOf?(values: Record<string, string | string[]>): Locale | undefined;
  /** The submitted values' schema, with error words in `t`'s language. */
  schema(ctx: FlowContext, t: Translator, locale: Locale): z.ZodType<T>;
  /** The form again, to show it with the errors (built only when there are errors). */
  build(ctx: FlowContext, locale: Locale): Promise<Form>;
  submit(ctx: FlowContext, values: T, event: FormSubmittedEvent): Promise<void>;
}

/** A button a flow puts on its cards. */
export interface ActionSpec {
  /** `<flow>.<action>`; a pressed id `<flow>.<action>.<more>` reaches it too. */
  id: string;
  roles?: readonly Role[];
  describe?: Describe;
  run(ctx: FlowContext, event: ButtonPressedEvent): Promise<void>;
}

export interface Flow {
  /** The prefix of its form ids and button action ids (`onboarding`). */
  readonly id: string;
  readonly subcommands?: readonly Subcommand[];
  /** Its forms; each is parsed with its own schema before `submit` sees the values. */
  readonly forms?: readonly FormSpec<unknown>[];
  readonly actions?: readonly ActionSpec[];
  /**
   * The record collections it keeps. The engine makes them when it is built, so the store
   * lists them among the holders of personal data (export, erasure) from the start — not
   * only once the flow first touched them in this process.
   */
  readonly collections?: readonly CollectionSpec<unknown>[];
  /** A person joined a linked channel. */
  onMemberJoined?(ctx: FlowContext): Promise<void>;
  /** The bot was added to a conversation. */
  onBotInstalled?(ctx: FlowContext): Promise<void>;
  /** The person opened the bot's own page (Slack App Home). */
  onHome?(ctx: FlowContext): Promise<void>;
  /** A reminder this flow scheduled is due. */
  onReminder?(ctx: JobContext, kind: string, data: Record<string, unknown>): Promise<void>;
  /** A recurring schedule of this flow fired. */
  onSchedule?(ctx: JobContext, kind: string, data: Record<string, unknown>): Promise<void>;
  /**
   * At each start, per alliance: bring what the flow sent earlier in line with the config
   * (start-hooks.ts; what it sends is keyed by the config's generation, so once per change).
   * It runs at every start and is awaited: work that takes long is set going in the background
   * (the health tally's catch-up, flows/health-catch-up.ts).
   */
  onStart?(ctx: JobContext): Promise<void>;
  /**
   * Schedules every alliance gets by default (the weekly digest). Created at start-up only
   * where the alliance never had this schedule; never overwrites one a coordinator changed
   * or stopped.
   */
  defaultSchedules?(alliance: Alliance): readonly Omit<ScheduleRequest, 'flow'>[];
}

/** A subcommand with the flow that declared it, as help lists it. */
export interface AvailableSubcommand {
  flow: string;
  spec: Subcommand;
}
