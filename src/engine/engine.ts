/**
 * The engine: takes a verified, parsed inbound event, works out who is speaking (alliance,
 * person, roles, language; see people.ts), routes it to the flow that declared the word, form
 * or button under the person's lock, checks roles in one place, and hands what the flow wants
 * to say to the dispatcher. An event counts as handled only after all that finished, so a
 * worker that dies mid-event leaves it to be handled again (its answers keep their keys and
 * go out once). One central handler turns errors into an answer in the person's language.
 */
import type { Logger } from 'pino';
import type { Dispatcher } from '../core/adapter.js';
import { COMMAND_WORDS, commandWord, parseCommandText } from '../core/commands.js';
import type { AdapterRegistry } from '../core/deliver.js';
import { BotError } from '../core/errors.js';
import {
  COMMANDS,
  type CommandName,
  type InboundEvent,
  InboundEventSchema,
  type Locale,
} from '../core/events.js';
import { parseSubmission } from '../core/form-schema.js';
import { errorMessage, translator } from '../core/i18n/index.js';
import { type HandleOptions, type HandleResult, RetryableEventError } from '../core/inbound.js';
import type { JobRun, Reminders, Schedules } from '../core/jobs.js';
import type { Mailer } from '../core/mail.js';
import { card, text } from '../core/messages.js';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.js';
import type { Alliance } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';
import { allows, requireRole, requireWorkspace } from './authorize.js';
import { Collector } from './collector.js';
import {
  type ContextDeps,
  flowContext,
  jobContext,
  type PersonFacts,
  replyDestination,
} from './context.js';
import type { FlowContext } from './flow.js';
import { wordLanguage } from './language.js';
import { People } from './people.js';
import { auditConfigRoles, exportFilesOf } from './privacy.js';
import type { FlowRegistry } from './registry.js';
import { runStartHooks } from './start-hooks.js';
import { withUnreachableFallback } from './unreachable.js';

export { replyDestination };

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
  /** E-mail for flows (invitations to people on no platform); none without SMTP_URL. */
  mailer?: Mailer | undefined;
  /** Where download links point (an export's); none: no such links. */
  linkBase?: () => string | undefined;
}

export class Engine {
  private readonly clock: () => Date;
  private readonly reminders: Reminders;
  private readonly schedules: Schedules;
  readonly people: People;

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
    this.people = new People(deps.directory, deps.store, deps.adapters, deps.log);
    // Every collection a flow keeps is known to the store (personal data) before any event.
    for (const flow of deps.flows.all())
      for (const spec of flow.collections ?? []) deps.store.collection(spec);
    // And what the platforms keep about people (references, caches, the chat log), and the
    // export files waiting for their download.
    deps.store.personalDataRegistry.add(() =>
      deps.adapters.all().flatMap((a) => a.personalData?.() ?? []),
    );
    exportFilesOf(deps.store);
  }

  private contextDeps(): ContextDeps {
    return {
      store: this.deps.store,
      directory: this.deps.directory,
      people: this.people,
      reminders: this.reminders,
      schedules: this.schedules,
      now: this.clock(),
      mailer: this.deps.mailer,
      linkBase: this.deps.linkBase,
      log: this.deps.log,
    };
  }

  /**
   * Start-up: creates the schedules every alliance gets by default (the weekly digest) where
   * the alliance never had them — never again once created, so one a coordinator changed or
   * stopped stays as they left it — finds people the config names by e-mail, writes in the
   * audit trail which roles the config gave or took since the last start, and runs the
   * flows' start-up hooks (start-hooks.ts).
   */
  async start(): Promise<void> {
    const { directory, flows, store, log } = this.deps;
    await auditConfigRoles(store, directory.all(), this.clock(), log);
    for (const alliance of directory.all()) {
      for (const flow of flows.all()) {
        for (const schedule of flow.defaultSchedules?.(alliance) ?? []) {
          if (await store.defaultApplied(alliance.id, schedule.id)) continue;
          await this.schedules.upsert(alliance.id, { ...schedule, flow: flow.id });
          await store.markDefaultApplied(alliance.id, schedule.id);
          log.info({ allianceId: alliance.id, schedule: schedule.id }, 'default schedule created');
        }
      }
    }
    await this.people.findByEmailAtStart();
    await runStartHooks(this.deps, this.contextDeps());
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
    const out = new Collector(job.key, alliance, this.deps.adapters);
    out.flow = flow.id;
    const ctx = jobContext(this.contextDeps(), alliance, out, job.key);
    if (job.type === 'reminder') await flow.onReminder?.(ctx, job.kind, job.data);
    else await flow.onSchedule?.(ctx, job.kind, job.data);
    await this.deps.dispatcher.dispatch(out.envelopes);
  }

  /**
   * Handles one event. Never throws for the person's mistakes; they get an answer. An
   * internal failure or a busy person throws a RetryableEventError for the queue to retry,
   * unless `options.lastAttempt` (the default when nothing retries) — then the person is told.
   */
  async handle(input: InboundEvent, options: HandleOptions = {}): Promise<HandleResult> {
    const started = performance.now();
    let outcome = 'retry';
    try {
      const result = await this.handleEvent(input, options);
      outcome = result.duplicate ? 'duplicate' : (result.error ?? 'ok');
      return result;
    } finally {
      (this.deps.telemetry ?? NO_TELEMETRY).event(
        input.type,
        outcome,
        (performance.now() - started) / 1000,
      );
    }
  }

  private async handleEvent(input: InboundEvent, options: HandleOptions): Promise<HandleResult> {
    const event = InboundEventSchema.parse(input);
    const { store, log } = this.deps;
    const eventKey = `${event.platform}:${event.eventId}`;
    if (await store.wasHandled(eventKey)) {
      log.debug({ eventKey }, 'duplicate delivery ignored');
      return { duplicate: true };
    }
    let locale: Locale = this.people.localeOf(
      event,
      undefined,
      undefined,
      wordLanguage(event, this.deps.flows),
    );
    let alliance: Alliance | undefined;
    try {
      alliance = await this.people.allianceOf(event);
      if (!alliance)
        throw new BotError('not_in_alliance', `no alliance for ${event.conversation.id}`);
      const found = alliance;
      // Someone from a workspace the alliance does not accept is refused before anything of
      // theirs is read or stored (a shared channel reaches people of other organisations).
      requireWorkspace(this.deps.directory, found.id, event.actor.userId, event.actor.org);
      return await store.state.withLock(found.id, event.actor.userId, async () => {
        // A duplicate delivered at the same moment waited for this lock: it is done now.
        if (await store.wasHandled(eventKey)) return { duplicate: true };
        const facts = await this.facts(event, found);
        locale = facts.locale;
        const out = new Collector(eventKey, found, this.deps.adapters, {
          userId: event.actor.userId,
          trigger: event.trigger,
          replyHandle: event.replyHandle,
          replyTo: replyDestination(event),
        });
        const result: HandleResult = { duplicate: false };
        const modal = {
          claim: () => options.modal?.claim() ?? true,
          showErrors: (errors: Record<string, string>) => {
            result.formErrors = errors;
          },
        };
        const ctx = flowContext(this.contextDeps(), event, found, facts, out, modal);
        // For a private answer that cannot reach them: their address, asked while the flow runs.
        const mailable = this.deps.mailer && event.conversation.kind === 'channel';
        const address = mailable ? this.people.addressOf(event.actor.userId) : undefined;
        address?.catch(() => undefined);
        await this.route(ctx, event, out);
        const email = await address;
        withUnreachableFallback(out.envelopes, event, eventKey, {
          name: facts.member?.name ?? facts.displayName ?? event.actor.userId,
          locale: facts.locale,
          email: email || undefined,
          allianceName: found.name,
        });
        await this.deps.dispatcher.dispatch(out.envelopes);
        await store.markHandled(eventKey);
        return result;
      });
    } catch (error) {
      const code = error instanceof BotError ? error.code : 'internal';
      const retryable = code === 'internal' || code === 'busy';
      if (retryable && options.lastAttempt === false) {
        log.warn(
          { err: error, eventKey, type: event.type, code },
          'event failed; the queue retries it',
        );
        throw new RetryableEventError(code, { cause: error });
      }
      if (code === 'internal')
        log.error({ err: error, eventKey, type: event.type }, 'event failed');
      else log.info({ code, eventKey, type: event.type }, 'event answered with an error');
      // Only a question gets an answer: opening a page, joining a channel or the bot being
      // added to one asks nothing (and the bot's own join must not be answered to itself).
      const asked = !['home_opened', 'member_joined', 'bot_installed'].includes(event.type);
      if (asked) {
        const params = error instanceof BotError ? error.params : {};
        const out = new Collector(eventKey, alliance, this.deps.adapters, {
          userId: event.actor.userId,
          replyHandle: event.replyHandle,
          replyTo: replyDestination(event),
        });
        out.push(replyDestination(event), text(errorMessage(locale, code, params)), {
          purpose: `error-${code}`,
        });
        await this.deps.dispatcher.dispatch(out.envelopes);
      }
      if (!retryable) await store.markHandled(eventKey);
      return { duplicate: false, error: code };
    }
  }

  /** Member, partner, roles (by id or e-mail), name and language of the person speaking. */
  private async facts(event: InboundEvent, alliance: Alliance): Promise<PersonFacts> {
    const { store, directory, flows } = this.deps;
    const userId = event.actor.userId;
    // Theirs, or that of an identity they linked (`koppel`): one member on every platform.
    const member = await this.people.memberOf(alliance, userId);
    const partner = member ? await store.members.getPartner(alliance.id, member.partnerId) : null;
    const { roles, ref } = await this.people.rolesOf(alliance, userId);
    const locale = this.people.localeOf(
      event,
      alliance,
      member?.locale,
      wordLanguage(event, flows),
    );
    const available = flows
      .allSubcommands(COMMANDS)
      .filter(({ spec }) => allows(spec.roles, roles));
    return {
      member,
      partner,
      roles,
      locale,
      available,
      displayName: member?.name ?? directory.nameOf(userId) ?? ref?.name ?? event.actor.displayName,
    };
  }

  private async route(ctx: FlowContext, event: InboundEvent, out: Collector): Promise<void> {
    const { flows } = this.deps;
    switch (event.type) {
      case 'command':
        return this.runCommand(ctx, out, event.command, event.args);
      case 'message': {
        const words = event.text.trim();
        // An empty message to the bot (a bare mention, `/alliance`) asks what it can do.
        if (words === '') return this.runCommand(ctx, out, 'help', '');
        const parsed = parseCommandText(words);
        if (parsed) return this.runCommand(ctx, out, parsed.command, parsed.args);
        const list = words.split(/\s+/);
        if (list.length === 1 && list[0]) {
          throw new BotError('unknown_command', 'unknown command word', {
            params: { word: list[0].slice(0, 40) },
          });
        }
        throw new BotError('not_understood', 'message not understood');
      }
      case 'form_submitted': {
        const found = flows.form(event.formId);
        if (!found) throw new BotError('form_expired', `no flow for form ${event.formId}`);
        const { flow, spec } = found;
        out.flow = flow.id;
        requireRole(spec.roles, ctx.roles, spec.describe, ctx.locale);
        const locale = spec.localeOf?.(event.values) ?? ctx.locale;
        const parsed = parseSubmission(spec.schema(ctx, translator(locale), locale), event.values);
        if (!parsed.ok) {
          ctx.rejectForm(await spec.build(ctx, locale), event.values, parsed.errors);
          return;
        }
        return spec.submit(ctx, parsed.values, event);
      }
      case 'button_pressed': {
        const found = flows.action(event.actionId);
        if (!found) throw new BotError('form_expired', `no flow for action ${event.actionId}`);
        out.flow = found.flow.id;
        requireRole(found.spec.roles, ctx.roles, found.spec.describe, ctx.locale);
        return found.spec.run(ctx, event);
      }
      case 'member_joined':
        for (const flow of flows.all()) {
          out.flow = flow.id;
          await flow.onMemberJoined?.(ctx);
        }
        return;
      case 'bot_installed':
        for (const flow of flows.all()) {
          out.flow = flow.id;
          await flow.onBotInstalled?.(ctx);
        }
        return;
      case 'home_opened':
        for (const flow of flows.all()) {
          out.flow = flow.id;
          await flow.onHome?.(ctx);
        }
        return;
    }
  }

  private async runCommand(
    ctx: FlowContext,
    out: Collector,
    command: CommandName,
    args: string,
  ): Promise<void> {
    const { flows } = this.deps;
    const resolved = flows.resolve(command, args);
    if (!resolved) {
      const declared = flows.subcommandsOf(command);
      if (declared.length === 0) {
        ctx.reply(text(ctx.t('help.notYet', { word: commandWord(command, ctx.locale) })));
        return;
      }
      // Only sub-words under this command: say which (those this person may use).
      const word = COMMAND_WORDS[command][ctx.locale];
      const mine = declared.filter(({ spec }) => allows(spec.roles, ctx.roles));
      if (mine.length === 0) {
        const first = declared[0];
        if (first) requireRole(first.spec.roles, ctx.roles, first.spec.describe, ctx.locale);
      }
      ctx.reply(
        card({
          text: ctx.t('help.choose', { word }),
          fields: mine.map(({ spec }) => ({
            label: `${word} ${spec.words ? spec.words[ctx.locale] : ''}`.trim(),
            value: spec.describe(ctx.locale),
          })),
        }),
        { purpose: 'choose' },
      );
      return;
    }
    out.flow = resolved.flow.id;
    requireRole(resolved.spec.roles, ctx.roles, resolved.spec.describe, ctx.locale);
    await resolved.spec.run(ctx, resolved.args);
  }
}
