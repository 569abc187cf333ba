/**
 * The engine: takes a verified, parsed inbound event, works out who is speaking (member,
 * partner, alliance, roles, language), routes it to a flow under the person's lock, and
 * hands what the flow wants to say to the dispatcher. One central handler turns errors into
 * a friendly answer in the person's language.
 */
import type { Logger } from 'pino';
import type { Dispatcher, OutboundEnvelope } from '../core/adapter.js';
import { commandWord, parseCommandText } from '../core/commands.js';
import type { AdapterRegistry } from '../core/deliver.js';
import { BotError, PermissionError } from '../core/errors.js';
import {
  type CommandName,
  type InboundEvent,
  InboundEventSchema,
  type Locale,
} from '../core/events.js';
import { formWithErrors } from '../core/forms.js';
import { errorMessage, translator } from '../core/i18n/index.js';
import { platformOf } from '../core/ids.js';
import type { HandleOptions, HandleResult } from '../core/inbound.js';
import type { JobRun, Reminders, Schedules } from '../core/jobs.js';
import {
  type Destination,
  form as formMessage,
  type OutboundMessage,
  text,
} from '../core/messages.js';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.js';
import { type Alliance, allChannels, rolesOf } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';
import type { Flow, FlowContext, FlowRegistry, JobContext } from './flow.js';

export interface EngineDeps {
  /**
   * Reminders and schedules (the job queue). Optional for embedding the engine without a
   * queue: then nothing is scheduled and a warning is logged each time a flow asks.
   */
  reminders?: Reminders;
  schedules?: Schedules;
  directory: AllianceDirectory;
  store: Store;
  flows: FlowRegistry;
  dispatcher: Dispatcher;
  adapters: AdapterRegistry;
  log: Logger;
  clock?: () => Date;
  telemetry?: Telemetry;
}

export class Engine {
  private readonly clock: () => Date;
  private readonly reminders: Reminders;
  private readonly schedules: Schedules;

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => new Date());
    const warn = (what: string) => deps.log.warn({ what }, 'no job queue: not scheduled');
    this.reminders = deps.reminders ?? {
      schedule: async (_a, r) => warn(`reminder ${r.id}`),
      cancel: async () => false,
    };
    this.schedules = deps.schedules ?? {
      upsert: async (_a, s) => {
        warn(`schedule ${s.id}`);
        return null;
      },
      remove: async () => false,
      list: async () => [],
    };
  }

  /** Runs a due reminder or a fired schedule in its flow and delivers what it says. */
  async runJob(job: JobRun): Promise<void> {
    const alliance = this.deps.directory.get(job.allianceId);
    const flow = this.deps.flows.get(job.flow);
    if (!alliance || !flow) {
      this.deps.log.warn(
        { allianceId: job.allianceId, flow: job.flow },
        'job for an unknown alliance or flow dropped',
      );
      return;
    }
    const out = this.collector(job.key, alliance);
    const ctx: JobContext = {
      alliance,
      store: this.deps.store,
      directory: this.deps.directory,
      now: this.clock(),
      reminders: this.reminders,
      schedules: this.schedules,
      translator,
      send: out.push,
      sendDirect: (userId, message) => out.push({ kind: 'direct', userId }, message),
      postToAllianceChannels: out.toChannels,
      reachable: out.reachable,
    };
    if (job.type === 'reminder') await flow.onReminder?.(ctx, job.kind, job.data);
    else await flow.onSchedule?.(ctx, job.kind, job.data);
    await this.deps.dispatcher.dispatch(out.envelopes);
  }

  /** Collects what a flow wants to send, with idempotency keys derived from `keyBase`. */
  private collector(keyBase: string, alliance: Alliance) {
    const { adapters } = this.deps;
    const envelopes: OutboundEnvelope[] = [];
    const push = (
      to: Destination,
      message: OutboundMessage,
      extra: Partial<OutboundEnvelope> = {},
    ) => {
      envelopes.push({
        key: `${keyBase}:${envelopes.length}`,
        allianceId: alliance.id,
        to,
        message,
        ...extra,
      });
    };
    const reachable = (ids: readonly string[]) =>
      ids.find((id) => adapters.get(platformOf(id)) !== undefined);
    const toChannels = (message: OutboundMessage) => {
      for (const channel of allChannels(alliance)) {
        if (adapters.get(platformOf(channel))) push({ kind: 'conversation', id: channel }, message);
      }
    };
    return { envelopes, push, reachable, toChannels };
  }

  /** Handles one event. Never throws for the person's mistakes; they get an answer. */
  async handle(input: InboundEvent, options: HandleOptions = {}): Promise<HandleResult> {
    const started = performance.now();
    const result = await this.handleEvent(input, options);
    const outcome = result.duplicate ? 'duplicate' : (result.error ?? 'ok');
    (this.deps.telemetry ?? NO_TELEMETRY).event(
      input.type,
      outcome,
      (performance.now() - started) / 1000,
    );
    return result;
  }

  private async handleEvent(input: InboundEvent, options: HandleOptions): Promise<HandleResult> {
    const event = InboundEventSchema.parse(input);
    const { store, log } = this.deps;
    const eventKey = `${event.platform}:${event.eventId}`;
    if (!(await store.claimInboundEvent(eventKey))) {
      log.debug({ eventKey }, 'duplicate delivery ignored');
      return { duplicate: true };
    }
    let locale: Locale = this.fallbackLocale(event);
    let alliance: Alliance | undefined;
    try {
      alliance = await this.resolveAlliance(event);
      if (!alliance)
        throw new BotError('not_in_alliance', `no alliance for ${event.conversation.id}`);
      const found = alliance;
      return await store.state.withLock(found.id, event.actor.userId, async () => {
        const { ctx, envelopes, result } = await this.context(event, found, options);
        locale = ctx.locale;
        await this.route(ctx, event);
        await this.deps.dispatcher.dispatch(envelopes);
        return result;
      });
    } catch (error) {
      const code = error instanceof BotError ? error.code : 'internal';
      if (code === 'internal' || code === 'busy') await store.releaseInboundEvent(eventKey);
      if (code === 'internal')
        log.error({ err: error, eventKey, type: event.type }, 'event failed');
      else log.info({ code, eventKey, type: event.type }, 'event answered with an error');
      // Opening a page is not a question: it gets no error message of its own.
      if (event.type === 'home_opened') return { duplicate: false, error: code };
      const params = error instanceof BotError ? error.params : {};
      await this.deps.dispatcher.dispatch([
        {
          key: `${eventKey}:error`,
          ...(alliance ? { allianceId: alliance.id } : {}),
          to: replyDestination(event),
          message: text(errorMessage(locale, code, params)),
        },
      ]);
      return { duplicate: false, error: code };
    }
  }

  private fallbackLocale(event: InboundEvent): Locale {
    const word = event.type === 'message' ? parseCommandText(event.text)?.language : undefined;
    const cmd = event.type === 'command' ? event.language : undefined;
    return (
      event.actor.locale ??
      this.deps.directory.personaLocale(event.actor.userId) ??
      word ??
      cmd ??
      'nl'
    );
  }

  private async resolveAlliance(event: InboundEvent): Promise<Alliance | undefined> {
    const { directory, store } = this.deps;
    const byChannel = directory.forChannel(event.conversation.id);
    if (byChannel) return byChannel;
    const userId = event.actor.userId;
    const named = directory.forPerson(userId);
    if (named.length === 1) return named[0];
    for (const allianceId of await store.members.alliancesOf(userId)) {
      const alliance = directory.get(allianceId);
      if (alliance && (await store.members.getMember(allianceId, userId))) return alliance;
    }
    return directory.forWorkspaceOf(userId) ?? named[0];
  }

  private async context(event: InboundEvent, alliance: Alliance, options: HandleOptions = {}) {
    const { store, directory, flows } = this.deps;
    const userId = event.actor.userId;
    const member = await store.members.getMember(alliance.id, userId);
    const partner = member ? await store.members.getPartner(alliance.id, member.partnerId) : null;
    const wordLanguage =
      event.type === 'message'
        ? parseCommandText(event.text)?.language
        : event.type === 'command'
          ? event.language
          : undefined;
    const locale: Locale =
      member?.locale ??
      event.actor.locale ??
      directory.personaLocale(userId) ??
      wordLanguage ??
      alliance.locale;
    const result: HandleResult = { duplicate: false };
    const { envelopes, push, reachable, toChannels } = this.collector(
      `${event.platform}:${event.eventId}`,
      alliance,
    );
    const ctx: FlowContext = {
      event,
      alliance,
      userId,
      displayName: member?.name ?? directory.nameOf(userId) ?? event.actor.displayName,
      member,
      partner,
      roles: rolesOf(alliance, userId),
      locale,
      t: translator(locale),
      store,
      directory,
      now: this.clock(),
      availableCommands: flows.commands(),
      reminders: this.reminders,
      schedules: this.schedules,
      getState: () => store.state.get(alliance.id, userId),
      setState: (state, ttl) => store.state.set(alliance.id, userId, { data: {}, ...state }, ttl),
      clearState: () => store.state.clear(alliance.id, userId),
      reply: (message) => push(replyDestination(event), message),
      sendDirect: (to, message) => push({ kind: 'direct', userId: to }, message),
      send: (to, message) => push(to, message),
      reachable,
      postToAllianceChannels: toChannels,
      // A form keeps the language its flow wrote it in (`form.locale`), which need not be the
      // one resolved here: a person may pick another language in the form itself. The words
      // an adapter adds (lang, summary, optional, cancel) must match the flow's words.
      showForm: (form) => {
        // Privately: with an interactive trigger the adapter opens it for the person at once
        // (a Slack modal); otherwise it goes inline where they talk to the bot privately.
        push(
          { kind: 'direct', userId },
          formMessage(form),
          event.trigger ? { trigger: event.trigger } : {},
        );
      },
      showHome: (message) => push({ kind: 'home', userId }, message),
      completeForm: (message) => {
        if (event.type === 'form_submitted' && event.message) {
          push({ kind: 'conversation', id: event.conversation.id }, message, {
            replaces: event.message,
          });
        } else {
          push(replyDestination(event), message);
        }
      },
      rejectForm: (form, submitted, errors) => {
        const again = formMessage(formWithErrors(form, submitted, errors));
        if (event.type === 'form_submitted' && !event.message) {
          // From a modal: its answer shows the errors, unless it was closed at its deadline;
          // then the form comes again in the person's direct chat, errors and all.
          if (options.modal?.claim() ?? true) result.formErrors = errors;
          else push({ kind: 'direct', userId }, again);
          return;
        }
        const to: Destination = { kind: 'conversation', id: event.conversation.id };
        push(
          to,
          again,
          event.type === 'form_submitted' && event.message ? { replaces: event.message } : {},
        );
      },
    };
    return { ctx, envelopes, result };
  }

  private async route(ctx: FlowContext, event: InboundEvent): Promise<void> {
    const { flows } = this.deps;
    switch (event.type) {
      case 'command':
        return this.runCommand(ctx, event.command, event.args);
      case 'message': {
        const parsed = parseCommandText(event.text);
        if (parsed) return this.runCommand(ctx, parsed.command, parsed.args);
        const words = event.text.trim().split(/\s+/);
        if (words.length === 1 && words[0]) {
          throw new BotError('unknown_command', 'unknown command word', {
            params: { word: words[0].slice(0, 40) },
          });
        }
        throw new BotError('not_understood', 'message not understood');
      }
      case 'form_submitted': {
        const flow = flows.forPrefixed(event.formId);
        if (!flow?.onForm) throw new BotError('form_expired', `no flow for form ${event.formId}`);
        return flow.onForm(ctx, event);
      }
      case 'button_pressed': {
        const flow = flows.forPrefixed(event.actionId);
        if (!flow?.onButton)
          throw new BotError('form_expired', `no flow for action ${event.actionId}`);
        return flow.onButton(ctx, event);
      }
      case 'member_joined':
        for (const flow of flows.all()) await flow.onMemberJoined?.(ctx);
        return;
      case 'bot_installed':
        for (const flow of flows.all()) await flow.onBotInstalled?.(ctx);
        return;
      case 'home_opened':
        for (const flow of flows.all()) await flow.onHome?.(ctx);
        return;
    }
  }

  private async runCommand(ctx: FlowContext, command: CommandName, args: string): Promise<void> {
    const flow: Flow | undefined = this.deps.flows.forCommand(command);
    if (!flow?.onCommand) {
      ctx.reply(text(ctx.t('help.notYet', { word: commandWord(command, ctx.locale) })));
      return;
    }
    if (flow.coordinatorCommands?.includes(command) && !ctx.roles.includes('coordinator')) {
      throw new PermissionError(`${command} is for coordinators`);
    }
    await flow.onCommand(ctx, command, args);
  }
}

/**
 * Where an answer to this event goes: privately to the person (one destination for all that
 * is private, so messages keep their order), or only to them inside a channel.
 */
export function replyDestination(event: InboundEvent): Destination {
  return event.conversation.kind === 'direct'
    ? { kind: 'direct', userId: event.actor.userId }
    : { kind: 'ephemeral', conversationId: event.conversation.id, userId: event.actor.userId };
}
