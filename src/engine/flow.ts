/**
 * What a flow is and what it gets to work with. A flow reads and writes the store and
 * queues neutral outbound messages on its context; the engine delivers them only after the
 * flow has finished, so a flow that fails sends nothing half-way.
 */

import type {
  ButtonPressedEvent,
  CommandName,
  FormSubmittedEvent,
  InboundEvent,
  Locale,
} from '../core/events.js';
import type { SubmittedValues } from '../core/forms.js';
import type { Translator } from '../core/i18n/index.js';
import type { Reminders, Schedules } from '../core/jobs.js';
import type { Destination, Form, OutboundMessage } from '../core/messages.js';
import type { Alliance, Member, Partner, Role } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { ConversationState } from '../store/conversation-state.js';
import type { Store } from '../store/index.js';

export type { ButtonPressedEvent, FormSubmittedEvent };

/** What a flow gets when a reminder or a schedule of its own fires (no person speaking). */
export interface JobContext {
  readonly alliance: Alliance;
  readonly store: Store;
  readonly directory: AllianceDirectory;
  readonly now: Date;
  readonly reminders: Reminders;
  readonly schedules: Schedules;
  /** Words in a language (the alliance's for channels, a member's for them). */
  translator(locale: Locale): Translator;
  send(to: Destination, message: OutboundMessage): void;
  sendDirect(userId: string, message: OutboundMessage): void;
  postToAllianceChannels(message: OutboundMessage): void;
  reachable(userIds: readonly string[]): string | undefined;
}

export interface FlowContext {
  readonly event: InboundEvent;
  readonly alliance: Alliance;
  /** The platform identity speaking. */
  readonly userId: string;
  /** The best name we have for them (member record, config, platform profile). */
  readonly displayName: string | undefined;
  readonly member: Member | null;
  readonly partner: Partner | null;
  readonly roles: readonly Role[];
  readonly locale: Locale;
  readonly t: Translator;
  readonly store: Store;
  readonly directory: AllianceDirectory;
  readonly now: Date;
  /** Commands that have a flow in this deployment (for help). */
  readonly availableCommands: readonly CommandName[];

  readonly reminders: Reminders;
  readonly schedules: Schedules;
  /** This person's conversation state in this alliance. */
  getState(): Promise<ConversationState | null>;
  setState(
    state: { flow: string; step: string; data?: Record<string, unknown> },
    ttlSeconds?: number,
  ): Promise<void>;
  clearState(): Promise<void>;

  /** Answer where the person spoke: in a direct chat there, in a channel only to them. */
  reply(message: OutboundMessage): void;
  /** Send to a person privately. */
  sendDirect(userId: string, message: OutboundMessage): void;
  /** Send to any destination. */
  send(to: Destination, message: OutboundMessage): void;
  /** The first of these identities on a platform this deployment can reach. */
  reachable(userIds: readonly string[]): string | undefined;
  /** Post in every channel linked to the alliance, on every platform. */
  postToAllianceChannels(message: OutboundMessage): void;
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
  rejectForm(form: Form, submitted: SubmittedValues, errors: Record<string, string>): void;
}

export interface Flow {
  /** The prefix of its form ids and button action ids (`onboarding`). */
  readonly id: string;
  /** The commands this flow answers. */
  readonly commands: readonly CommandName[];
  /** Commands only coordinators may use. */
  readonly coordinatorCommands?: readonly CommandName[];
  onCommand?(ctx: FlowContext, command: CommandName, args: string): Promise<void>;
  onForm?(ctx: FlowContext, event: FormSubmittedEvent): Promise<void>;
  onButton?(ctx: FlowContext, event: ButtonPressedEvent): Promise<void>;
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
}

/** The flows of one deployment, looked up by command and by id prefix. */
export class FlowRegistry {
  private readonly flows: Flow[] = [];
  private readonly byCommand = new Map<CommandName, Flow>();
  private readonly byId = new Map<string, Flow>();

  constructor(flows: readonly Flow[] = []) {
    for (const f of flows) this.register(f);
  }

  register(flow: Flow): void {
    if (this.byId.has(flow.id)) throw new Error(`flow ${flow.id} registered twice`);
    this.byId.set(flow.id, flow);
    this.flows.push(flow);
    for (const c of flow.commands) {
      if (this.byCommand.has(c)) throw new Error(`command ${c} has two flows`);
      this.byCommand.set(c, flow);
    }
  }

  forCommand(command: CommandName): Flow | undefined {
    return this.byCommand.get(command);
  }

  /** The flow owning `<flow>.<rest>` (a form id or a button action id). */
  get(flowId: string): Flow | undefined {
    return this.byId.get(flowId);
  }

  forPrefixed(id: string): Flow | undefined {
    return this.byId.get(id.split('.')[0] ?? '');
  }

  commands(): CommandName[] {
    return [...this.byCommand.keys()];
  }

  all(): readonly Flow[] {
    return this.flows;
  }
}
