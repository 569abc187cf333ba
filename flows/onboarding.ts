/**
 * Onboarding v1: welcome a person privately with the alliance's shared ambition and house
 * rules, run the intake, store partner and member in one atomic step, introduce them in
 * every alliance channel and tell the coordinators.
 */
import { BotError } from '../src/core/errors.js';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { listValue, stringValue, validateSubmission } from '../src/core/forms.js';
import { translator } from '../src/core/i18n/index.js';
import { slugify } from '../src/core/ids.js';
import { card, FormSchema, text } from '../src/core/messages.js';
import { type Member, type Partner, PartnerTypeSchema } from '../src/domain/alliance.js';
import type { Flow, FlowContext } from '../src/engine/flow.js';
import {
  INTAKE_FORM_ID,
  intakeForm,
  introductionCard,
  START_ACTION,
  welcomeCard,
} from './onboarding-views.js';

const INTAKE_TTL_SECONDS = 14 * 24 * 3600;
/** A person who has not finished the intake gets one friendly nudge after this long. */
export const NUDGE_AFTER_MS = 48 * 3600 * 1000;

export function nudgeId(userId: string): string {
  return `onboarding-nudge:${userId}`;
}

async function buildIntakeForm(ctx: FlowContext, locale: Locale = ctx.locale) {
  const partners = await ctx.store.members.listPartners(ctx.alliance.id);
  return FormSchema.parse(
    intakeForm(ctx.alliance, partners, translator(locale), {
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
      text(ctx.t('onboarding.already', { name: ctx.member.name, partner: ctx.partner.name })),
    );
    ctx.showForm(await buildIntakeForm(ctx));
    return;
  }
  const name = ctx.displayName;
  ctx.sendDirect(ctx.userId, welcomeCard(ctx.alliance, name, ctx.t));
  if (withForm) ctx.showForm(await buildIntakeForm(ctx));
  await ctx.setState({ flow: 'onboarding', step: 'intake' }, INTAKE_TTL_SECONDS);
  await ctx.reminders.schedule(ctx.alliance.id, {
    id: nudgeId(ctx.userId),
    flow: 'onboarding',
    kind: 'nudge',
    at: new Date(ctx.now.getTime() + NUDGE_AFTER_MS),
    data: { userId: ctx.userId, locale: ctx.locale },
  });
}

/** Finds the partner the person named, by id or by name, ignoring case and accents. */
function matchPartner(partners: readonly Partner[], organisation: string): Partner | undefined {
  const slug = slugify(organisation);
  return partners.find((p) => p.id === slug || slugify(p.name) === slug);
}

async function submitIntake(ctx: FlowContext, event: FormSubmittedEvent): Promise<void> {
  if (event.context !== undefined && event.context !== ctx.alliance.id) {
    throw new BotError('form_expired', 'intake form of another alliance');
  }
  // The language in the form (preset to the one it was shown in) is the person's choice:
  // errors come in it too, even where the platform does not tell us their language.
  const picked = event.values.language;
  const locale: Locale = picked === 'en' || picked === 'nl' ? picked : ctx.locale;
  const form = await buildIntakeForm(ctx, locale);
  const checked = validateSubmission(form, event.values, translator(locale));
  if (!checked.ok) {
    ctx.rejectForm(form, event.values, checked.errors);
    return;
  }
  const v = checked.values;
  const { alliance, now } = ctx;
  const organisation = stringValue(v, 'organisation');
  const existing = matchPartner(await ctx.store.members.listPartners(alliance.id), organisation);
  const partner: Partner = existing ?? {
    id: slugify(organisation) || 'partner',
    allianceId: alliance.id,
    name: organisation,
    type: PartnerTypeSchema.parse(stringValue(v, 'organisationType')),
    joinedAt: now.toISOString(),
  };
  const language = stringValue(v, 'language');
  const member: Member = {
    id: ctx.userId,
    allianceId: alliance.id,
    partnerId: partner.id,
    name: stringValue(v, 'name'),
    role: stringValue(v, 'role'),
    goals: stringValue(v, 'goals'),
    offers: stringValue(v, 'offers'),
    needs: stringValue(v, 'needs'),
    topics: listValue(v, 'topics'),
    ...(language === 'nl' || language === 'en' ? { locale: language } : {}),
    joinedAt: now.toISOString(),
  };
  const { newPartner, updated } = await ctx.store.members.register(member, partner);
  await ctx.reminders.cancel(alliance.id, nudgeId(ctx.userId));

  // From here on the person chose their language.
  const t = translator(member.locale ?? ctx.locale);
  const thanks = updated
    ? t('onboarding.updated', { name: member.name })
    : t('onboarding.done', { name: member.name, alliance: alliance.name });
  ctx.completeForm(text(thanks));
  if (updated) return;

  const channelT = translator(alliance.locale);
  const intro = introductionCard(alliance, member, partner, newPartner, channelT, alliance.locale);
  ctx.postToAllianceChannels(intro);
  const notice = text(
    channelT('onboarding.coordinator.notice', {
      name: member.name,
      partner: partner.name,
      alliance: alliance.name,
    }),
  );
  for (const coordinator of alliance.coordinators) {
    const to = ctx.reachable(coordinator.ids);
    if (to && to !== ctx.userId) ctx.sendDirect(to, notice);
  }
}

export const onboardingFlow: Flow = {
  id: 'onboarding',
  commands: ['join'],
  async onCommand(ctx) {
    await welcome(ctx, true);
  },
  async onMemberJoined(ctx) {
    if (!ctx.member) await welcome(ctx, false);
  },
  async onButton(ctx, event) {
    if (event.actionId === START_ACTION) ctx.showForm(await buildIntakeForm(ctx));
  },
  async onReminder(ctx, kind, data) {
    const userId = typeof data.userId === 'string' ? data.userId : undefined;
    if (kind !== 'nudge' || !userId) return;
    if (await ctx.store.members.getMember(ctx.alliance.id, userId)) return; // finished meanwhile
    const locale = data.locale === 'en' ? 'en' : data.locale === 'nl' ? 'nl' : ctx.alliance.locale;
    const t = ctx.translator(locale);
    ctx.sendDirect(
      userId,
      card({
        text: t('onboarding.nudge', { alliance: ctx.alliance.name }),
        buttons: [
          { actionId: START_ACTION, label: t('onboarding.welcome.start'), style: 'primary' },
        ],
      }),
    );
  },
  async onForm(ctx, event) {
    if (event.formId !== INTAKE_FORM_ID)
      throw new BotError('form_expired', `unknown form ${event.formId}`);
    await submitIntake(ctx, event);
  },
};
