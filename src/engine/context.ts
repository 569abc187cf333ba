/**
 * Builds what a flow works with: the FlowContext for a person's event, the JobContext for a
 * reminder or schedule. Sends go to a Collector (handed to the dispatcher after the flow); the
 * store is handed over as a FlowStore, without the Redis connection.
 */
import type { Logger } from 'pino';
import type { InboundEvent, Locale } from '../core/events.js';
import { formWithErrors } from '../core/forms.js';
import { translator } from '../core/i18n/index.js';
import type { Reminders, Schedules } from '../core/jobs.js';
import type { Mailer } from '../core/mail.js';
import { type Destination, form as formMessage } from '../core/messages.js';
import type { Alliance, Member, Partner, Role } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';
import { requireRole } from './authorize.js';
import { chartLinks } from './charts.js';
import type { Collector } from './collector.js';
import type { AvailableSubcommand, FlowContext, JobContext } from './flow.js';
import type { People } from './people.js';
import { auditWriter, privacyAccess } from './privacy.js';

export interface ContextDeps {
  store: Store;
  directory: AllianceDirectory;
  people: People;
  reminders: Reminders;
  schedules: Schedules;
  now: Date;
  /** E-mail, when SMTP_URL is set. */
  mailer?: Mailer | undefined;
  /** Where download links point (PUBLIC_URL; the web chat's own address in local mode). */
  linkBase?: (() => string | undefined) | undefined;
  /** The process's log (a job context hands it to flows' background work). */
  log?: Logger | undefined;
}

/** The bot's public base URL for a flow's links, when the deployment knows it. */
function publicUrlOf(deps: ContextDeps): { publicUrl?: string } {
  const base = deps.linkBase?.();
  return base ? { publicUrl: base } : {};
}

/** Where an answer to this event goes: privately, or only to the person inside a channel. */
export function replyDestination(event: InboundEvent): Destination {
  return event.conversation.kind === 'direct'
    ? { kind: 'direct', userId: event.actor.userId }
    : { kind: 'ephemeral', conversationId: event.conversation.id, userId: event.actor.userId };
}

export interface PersonFacts {
  member: Member | null;
  partner: Partner | null;
  roles: Role[];
  displayName: string | undefined;
  locale: Locale;
  available: readonly AvailableSubcommand[];
}

/** What the kit tells the adapter after the flow (errors for a waiting modal). */
export interface ModalAnswer {
  /** Claims the waiting modal for the errors; false when it was closed at its deadline. */
  claim(): boolean;
  /** Hands the errors to the adapter, for the modal's answer. */
  showErrors(errors: Record<string, string>): void;
}

export function flowContext(
  deps: ContextDeps,
  event: InboundEvent,
  alliance: Alliance,
  facts: PersonFacts,
  out: Collector,
  modal: ModalAnswer,
): FlowContext {
  const { store } = deps;
  const userId = event.actor.userId;
  const t = translator(facts.locale);
  return {
    event,
    alliance,
    userId,
    displayName: facts.displayName,
    member: facts.member,
    partner: facts.partner,
    roles: facts.roles,
    locale: facts.locale,
    t,
    store,
    directory: deps.directory,
    now: deps.now,
    reminders: deps.reminders,
    schedules: deps.schedules,
    available: facts.available,
    getState: () => store.state.get(alliance.id, userId),
    setState: (state, ttl) => store.state.set(alliance.id, userId, { data: {}, ...state }, ttl),
    clearState: () => store.state.clear(alliance.id, userId),
    requireRole: (roles, action) => requireRole(roles, facts.roles, action, facts.locale),
    identitiesOf: (person) => deps.people.identitiesOf(person, alliance.id),
    lookUpEmail: (email) => deps.people.lookUpEmail(alliance, email),
    emailOf: () => deps.people.addressOf(userId),
    audit: auditWriter(
      store,
      alliance.id,
      () => deps.now,
      { userId, name: facts.displayName },
      `${event.platform}:${event.eventId}`,
    ),
    privacy: privacyAccess(store, alliance.id, deps.linkBase ?? (() => undefined)),
    charts: chartLinks(store, deps.linkBase ?? (() => undefined)),
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
    ...publicUrlOf(deps),
    reply: (message, options) => out.push(replyDestination(event), message, options),
    sendDirect: (to, message, options) =>
      out.push({ kind: 'direct', userId: to }, message, options),
    send: (to, message, options) => out.push(to, message, options),
    update: (handle, message) => out.update(handle, message),
    reachable: out.reachable,
    openGroup: out.openGroup,
    postToAllianceChannels: (message, options) => out.toChannels(message, options),
    // A form keeps the language its flow wrote it in (`form.locale`). With an interactive
    // trigger the adapter opens it for the person at once (a Slack modal); otherwise it goes
    // inline where they talk to the bot privately.
    showForm: (form) => {
      out.push(
        { kind: 'direct', userId },
        formMessage(form),
        { purpose: `form:${form.id}` },
        event.trigger ? { trigger: event.trigger } : {},
      );
    },
    showHome: (message) => {
      out.push({ kind: 'home', userId }, message, { purpose: 'home' });
    },
    completeForm: (message) => {
      if (event.type === 'form_submitted' && event.message) {
        out.push(
          { kind: 'conversation', id: event.conversation.id },
          message,
          { purpose: 'form-done' },
          { replaces: event.message },
        );
      } else {
        out.push(replyDestination(event), message, { purpose: 'form-done' });
      }
    },
    rejectForm: (form, submitted, errors) => {
      const again = formMessage(formWithErrors(form, submitted, errors));
      if (event.type === 'form_submitted' && !event.message) {
        // From a modal: its answer shows the errors, unless it was closed at its deadline;
        // then the form comes again in the person's direct chat, errors and all.
        if (modal.claim()) modal.showErrors(errors);
        else out.push({ kind: 'direct', userId }, again, { purpose: 'form-errors' });
        return;
      }
      out.push(
        { kind: 'conversation', id: event.conversation.id },
        again,
        { purpose: 'form-errors' },
        event.type === 'form_submitted' && event.message ? { replaces: event.message } : {},
      );
    },
  };
}

export function jobContext(
  deps: ContextDeps,
  alliance: Alliance,
  out: Collector,
  occurrence: string,
): JobContext {
  return {
    alliance,
    occurrence,
    store: deps.store,
    directory: deps.directory,
    now: deps.now,
    reminders: deps.reminders,
    schedules: deps.schedules,
    translator,
    identitiesOf: (person) => deps.people.identitiesOf(person, alliance.id),
    ...(deps.mailer ? { mailer: deps.mailer } : {}),
    ...(deps.log ? { log: deps.log } : {}),
    ...publicUrlOf(deps),
    audit: auditWriter(deps.store, alliance.id, () => deps.now),
    privacy: privacyAccess(deps.store, alliance.id, deps.linkBase ?? (() => undefined)),
    charts: chartLinks(deps.store, deps.linkBase ?? (() => undefined)),
    send: (to, message, options) => out.push(to, message, options),
    sendDirect: (userId, message, options) =>
      out.push({ kind: 'direct', userId }, message, options),
    postToAllianceChannels: (message, options) => out.toChannels(message, options),
    update: (handle, message) => out.update(handle, message),
    reachable: out.reachable,
    openGroup: out.openGroup,
  };
}
