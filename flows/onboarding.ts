/**
 * Onboarding, on the flow kit: welcome a person privately with the alliance's shared ambition
 * and house rules, run the intake, store partner and member in one atomic step, introduce them
 * in every alliance channel and tell the coordinators. An organisation that is not a partner
 * yet waits for a coordinator's decision (onboarding-partners.ts).
 */
import { z } from 'zod';
import { BotError } from '../src/core/errors.js';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { type Translator, translator } from '../src/core/i18n/index.js';
import { slugify } from '../src/core/ids.js';
import { card, FormSchema, text } from '../src/core/messages.js';
import { type Alliance, type Member, PARTNER_TYPES, type Partner } from '../src/domain/alliance.js';
import { holdsRole } from '../src/engine/authorize.js';
import type { Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { askCoordinators, partnerActions, partnerRequests } from './onboarding-partners.js';
import {
  NUDGES_AFTER_DAYS,
  startedId,
  startedOnboarding,
  statusSubcommand,
} from './onboarding-status.js';
import {
  INTAKE_FORM_ID,
  intakeForm,
  introductionCard,
  LIMITS,
  START_ACTION,
  welcomeCard,
} from './onboarding-views.js';
import { words } from './onboarding-words.js';

const INTAKE_TTL_SECONDS = 14 * 24 * 3600;
const DAY_MS = 24 * 3600 * 1000;
/** How long after someone is introduced the bot suggests people to meet. */
export const INTRODUCTIONS_AFTER_MS = 60 * 1000;
/** A person who has not finished the intake gets a first friendly nudge after this long. */
export const NUDGE_AFTER_MS = (NUDGES_AFTER_DAYS[0] ?? 2) * DAY_MS;

export function nudgeId(userId: string): string {
  return `onboarding-nudge:${userId}`;
}

async function buildIntakeForm(ctx: FlowContext, locale: Locale = ctx.locale) {
  const partners = await ctx.store.members.listPartners(ctx.alliance.id);
  return FormSchema.parse(
    intakeForm(ctx.alliance, partners, words.t(locale), {
      name: ctx.displayName,
      member: ctx.member,
      partner: ctx.partner,
      locale,
    }),
  );
}

async function welcome(ctx: FlowContext, withForm: boolean): Promise<void> {
  if (ctx.member && ctx.partner) {
    ctx.reply(
      text(
        words.t(ctx.locale)('onboarding.already', {
          name: ctx.member.name,
          partner: ctx.partner.name,
        }),
      ),
    );
    ctx.showForm(await buildIntakeForm(ctx));
    return;
  }
  const name = ctx.displayName;
  ctx.sendDirect(ctx.userId, welcomeCard(ctx.alliance, name, words.t(ctx.locale)), {
    purpose: 'welcome',
  });
  if (withForm) ctx.showForm(await buildIntakeForm(ctx));
  await ctx.setState({ flow: 'onboarding', step: 'intake' }, INTAKE_TTL_SECONDS);
  const started = ctx.store.collection(startedOnboarding);
  const id = startedId(ctx.userId);
  const startedAt = (await started.get(ctx.alliance.id, id))?.startedAt ?? ctx.now.toISOString();
  await started.put(ctx.alliance.id, id, { userId: ctx.userId, name, startedAt, nudges: 0 });
  await ctx.reminders.schedule(ctx.alliance.id, {
    id: nudgeId(ctx.userId),
    flow: 'onboarding',
    kind: 'nudge',
    at: new Date(ctx.now.getTime() + NUDGE_AFTER_MS),
    data: { userId: ctx.userId, locale: ctx.locale, round: 1, startedAt: ctx.now.toISOString() },
  });
}

/** Finds the partner the person named, by id or by name, ignoring case and accents. */
function matchPartner(partners: readonly Partner[], organisation: string): Partner | undefined {
  const slug = slugify(organisation);
  return partners.find((p) => p.id === slug || slugify(p.name) === slug);
}

/** The intake's values, parsed by the kit with this schema before `submitIntake` sees them. */
function intakeSchema(alliance: Alliance, t: Translator) {
  const f = formFields(t);
  return z.object({
    name: f.text(LIMITS.name),
    organisation: f.text(LIMITS.organisation),
    organisationType: f.select(PARTNER_TYPES),
    role: f.text(LIMITS.role),
    goals: f.text(LIMITS.text),
    offers: f.text(LIMITS.text),
    needs: f.text(LIMITS.text),
    topics: f.multiSelect(alliance.topics, { max: LIMITS.topics }),
    language: f.select(['nl', 'en'] as const),
  });
}
export type Intake = z.infer<ReturnType<typeof intakeSchema>>;

async function submitIntake(ctx: FlowContext, v: Intake, event: FormSubmittedEvent): Promise<void> {
  if (event.context !== undefined && event.context !== ctx.alliance.id) {
    throw new BotError('form_expired', 'intake form of another alliance');
  }
  const { alliance, now } = ctx;
  const existing = matchPartner(await ctx.store.members.listPartners(alliance.id), v.organisation);
  const draft: Omit<Member, 'partnerId'> = {
    // A person whose other platform's identity is linked to their record updates that one.
    id: ctx.member?.id ?? ctx.userId,
    allianceId: alliance.id,
    name: v.name,
    role: v.role,
    goals: v.goals,
    offers: v.offers,
    needs: v.needs,
    topics: v.topics,
    locale: v.language,
    joinedAt: now.toISOString(),
  };
  // From here on the person chose their language.
  const t = words.t(v.language);
  if (!existing && !holdsRole(ctx.roles, 'coordinator')) {
    // Not a partner yet: the coordinators decide; the person hears what they decided.
    await askCoordinators(ctx, draft, v.organisation, v.organisationType);
    await ctx.reminders.cancel(alliance.id, nudgeId(ctx.userId));
    await ctx.store.collection(startedOnboarding).delete(alliance.id, startedId(ctx.userId));
    ctx.completeForm(
      text(
        t('onboarding.partner.waiting', {
          name: v.name,
          organisation: v.organisation,
          alliance: alliance.name,
        }),
      ),
    );
    return;
  }
  const partner: Partner = existing ?? {
    id: slugify(v.organisation) || 'partner',
    allianceId: alliance.id,
    name: v.organisation,
    type: v.organisationType,
    joinedAt: now.toISOString(),
  };
  const member: Member = {
    ...draft,
    partnerId: partner.id,
    joinedBy: `${ctx.event.platform}:${ctx.event.eventId}`,
  };
  const { newPartner, updated } = await ctx.store.members.register(member, partner);
  await ctx.reminders.cancel(alliance.id, nudgeId(ctx.userId));
  await ctx.store.collection(startedOnboarding).delete(alliance.id, startedId(ctx.userId));
  const thanks = updated
    ? t('onboarding.updated', { name: member.name })
    : t('onboarding.done', { name: member.name, alliance: alliance.name });
  ctx.completeForm(text(thanks));
  if (updated) return;
  await introduce(ctx, member, partner, newPartner);
}

/** The introduction in every alliance channel, and a word to the coordinators. */
async function introduce(
  ctx: FlowContext,
  member: Member,
  partner: Partner,
  newPartner: boolean,
): Promise<void> {
  const { alliance } = ctx;
  const channelT = words.t(alliance.locale);
  const intro = introductionCard(alliance, member, partner, newPartner, channelT, alliance.locale);
  ctx.postToAllianceChannels(intro, { purpose: `introduction:${member.id}` });
  const notice = text(
    channelT('onboarding.coordinator.notice', {
      name: member.name,
      partner: partner.name,
      alliance: alliance.name,
    }),
  );
  for (const coordinator of alliance.coordinators) {
    const to = ctx.reachable(await ctx.identitiesOf(coordinator));
    if (to && to !== ctx.userId && to !== member.id)
      ctx.sendDirect(to, notice, { purpose: `coordinator-notice:${member.id}` });
  }
  // A moment later, the introductions flow suggests people of other partners to meet.
  await ctx.reminders.schedule(alliance.id, {
    id: `introductions-suggest:${member.id}`,
    flow: 'introductions',
    kind: 'suggest',
    at: new Date(ctx.now.getTime() + INTRODUCTIONS_AFTER_MS),
    data: { userId: member.id },
  });
}

const intake: FormSpec<Intake> = {
  id: INTAKE_FORM_ID,
  describe: (locale) => translator(locale)('command.join'),
  // The language in the form (preset to the one it was shown in) is the person's choice:
  // errors come in it too, even where the platform does not tell us their language.
  localeOf: (values) =>
    values.language === 'en' || values.language === 'nl' ? values.language : undefined,
  schema: (ctx, t) => intakeSchema(ctx.alliance, t),
  build: (ctx, locale) => buildIntakeForm(ctx, locale),
  submit: submitIntake,
};

export const onboardingFlow: Flow = {
  id: 'onboarding',
  subcommands: [
    statusSubcommand,
    {
      command: 'join',
      describe: (locale) => translator(locale)('command.join'),
      run: (ctx) => welcome(ctx, true),
    },
  ],
  forms: [intake as FormSpec<unknown>],
  collections: [
    partnerRequests as CollectionSpec<unknown>,
    startedOnboarding as CollectionSpec<unknown>,
  ],
  actions: [
    ...partnerActions(introduce),
    {
      id: START_ACTION,
      describe: (locale) => translator(locale)('command.join'),
      async run(ctx) {
        ctx.showForm(await buildIntakeForm(ctx));
      },
    },
  ],
  async onMemberJoined(ctx) {
    if (!ctx.member) await welcome(ctx, false);
  },
  async onReminder(ctx, kind, data) {
    const userId = typeof data.userId === 'string' ? data.userId : undefined;
    if (kind !== 'nudge' || !userId) return;
    if (await ctx.store.members.getMember(ctx.alliance.id, userId)) return; // finished meanwhile
    const round = typeof data.round === 'number' ? data.round : 1;
    const locale = data.locale === 'en' ? 'en' : data.locale === 'nl' ? 'nl' : ctx.alliance.locale;
    const t = words.t(locale);
    const last = round >= NUDGES_AFTER_DAYS.length;
    ctx.sendDirect(
      userId,
      card({
        text: last
          ? t('onboarding.nudge.last', { alliance: ctx.alliance.name })
          : t('onboarding.nudge', { alliance: ctx.alliance.name }),
        buttons: [
          { actionId: START_ACTION, label: t('onboarding.welcome.start'), style: 'primary' },
        ],
      }),
      { purpose: `nudge-${round}` },
    );
    await ctx.store
      .collection(startedOnboarding)
      .mutate(ctx.alliance.id, startedId(userId), (s) => s && { ...s, nudges: round });
    if (last) return; // then the person is left in peace
    const startedAt = typeof data.startedAt === 'string' ? new Date(data.startedAt) : ctx.now;
    const nextDays = NUDGES_AFTER_DAYS[round] ?? 7;
    await ctx.reminders.schedule(ctx.alliance.id, {
      id: nudgeId(userId),
      flow: 'onboarding',
      kind: 'nudge',
      at: new Date(startedAt.getTime() + nextDays * DAY_MS),
      data: { ...data, round: round + 1 },
    });
  },
};
