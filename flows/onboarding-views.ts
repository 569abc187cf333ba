/**
 * The words and shapes of onboarding: the private welcome, the intake form and the
 * introduction card posted in the alliance channels. Pure functions of their input.
 */

import type { Locale } from '../src/core/events.js';
import { formatDate, joinList, topicLabel } from '../src/core/i18n/index.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import {
  type Alliance,
  type Member,
  PARTNER_TYPES,
  type Partner,
  type PartnerType,
} from '../src/domain/alliance.js';
import type { OnboardingT } from './onboarding-words.js';

export const INTAKE_FORM_ID = 'onboarding.intake';
export const START_ACTION = 'onboarding.start';

export const LIMITS = { name: 100, organisation: 150, role: 150, text: 1000, topics: 6 } as const;

export function welcomeCard(
  alliance: Alliance,
  name: string | undefined,
  t: OnboardingT,
): OutboundMessage {
  return card({
    header: t('onboarding.welcome.header', { alliance: alliance.name }),
    text: name ? t('onboarding.welcome.text', { name }) : t('onboarding.welcome.textNoName'),
    fields: [
      { label: t('onboarding.welcome.ambition'), value: alliance.ambition },
      {
        label: t('onboarding.welcome.rules'),
        value: alliance.houseRules.map((rule, i) => `${i + 1}. ${rule}`).join('\n'),
      },
    ],
    buttons: [{ actionId: START_ACTION, label: t('onboarding.welcome.start'), style: 'primary' }],
    context: [t('onboarding.welcome.context')],
  });
}

export interface IntakeDefaults {
  name?: string | undefined;
  member?: Member | null;
  partner?: Partner | null;
  locale: Locale;
}

export function intakeForm(
  alliance: Alliance,
  knownPartners: readonly Partner[],
  t: OnboardingT,
  defaults: IntakeDefaults,
): FormInput {
  const { member, partner } = defaults;
  const known = knownPartners.slice(0, 6).map((p) => p.name);
  const initial = <T>(value: T | undefined) => (value === undefined ? {} : { initial: value });
  return {
    id: INTAKE_FORM_ID,
    // The language of these words: the web chat's lang and summary, Teams' and Slack's own
    // words follow it, also when the form comes back with errors.
    locale: defaults.locale,
    title: t('onboarding.intake.title'),
    intro: t('onboarding.intake.intro'),
    submitLabel: t('onboarding.intake.submit'),
    context: alliance.id,
    fields: [
      {
        type: 'text',
        name: 'name',
        label: t('onboarding.field.name'),
        maxLength: LIMITS.name,
        ...initial(member?.name ?? defaults.name),
      },
      {
        type: 'text',
        name: 'organisation',
        label: t('onboarding.field.organisation'),
        maxLength: LIMITS.organisation,
        ...(known.length > 0
          ? {
              hint: t('onboarding.field.organisation.hint', {
                known: joinList(known, defaults.locale),
              }),
            }
          : {}),
        ...initial(partner?.name),
      },
      {
        type: 'select',
        name: 'organisationType',
        label: t('onboarding.field.organisationType'),
        options: PARTNER_TYPES.map((type) => ({ value: type, label: t(`partnerType.${type}`) })),
        ...initial(partner?.type),
      },
      {
        type: 'text',
        name: 'role',
        label: t('onboarding.field.role'),
        hint: t('onboarding.field.role.hint'),
        maxLength: LIMITS.role,
        ...initial(member?.role),
      },
      {
        type: 'longText',
        name: 'goals',
        label: t('onboarding.field.goals'),
        maxLength: LIMITS.text,
        ...initial(member?.goals),
      },
      {
        type: 'longText',
        name: 'offers',
        label: t('onboarding.field.offers'),
        maxLength: LIMITS.text,
        ...initial(member?.offers),
      },
      {
        type: 'longText',
        name: 'needs',
        label: t('onboarding.field.needs'),
        maxLength: LIMITS.text,
        ...initial(member?.needs),
      },
      {
        type: 'multiSelect',
        name: 'topics',
        label: t('onboarding.field.topics'),
        options: alliance.topics.map((topic) => ({ value: topic, label: topicLabel(topic) })),
        maxSelected: LIMITS.topics,
        ...initial(member?.topics),
      },
      {
        type: 'select',
        name: 'language',
        label: t('onboarding.field.language'),
        options: [
          { value: 'nl', label: t('language.nl') },
          { value: 'en', label: t('language.en') },
        ],
        initial: member?.locale ?? defaults.locale,
      },
    ],
  };
}

export function introductionCard(
  alliance: Alliance,
  member: Member,
  partner: Partner,
  newPartner: boolean,
  t: OnboardingT,
  locale: Locale,
): OutboundMessage {
  const typeLabel = t(`partnerType.${partner.type as PartnerType}`);
  return card({
    header: t('onboarding.intro.header', { name: member.name, partner: partner.name }),
    text: t('onboarding.intro.text', {
      name: member.name,
      firstName: member.name.split(/\s+/)[0] ?? member.name,
      partner: partner.name,
      partnerType: typeLabel,
    }),
    fields: [
      { label: t('onboarding.intro.role'), value: member.role },
      { label: t('onboarding.intro.goals'), value: member.goals },
      { label: t('onboarding.intro.offers'), value: member.offers },
      { label: t('onboarding.intro.needs'), value: member.needs },
      {
        label: t('onboarding.intro.topics'),
        value: member.topics.map(topicLabel).join(', ') || t('common.none'),
      },
    ],
    context: [
      t('onboarding.intro.context', {
        date: formatDate(member.joinedAt, locale, alliance.timeZone),
      }),
      ...(newPartner ? [t('onboarding.newPartner', { partner: partner.name })] : []),
    ],
  });
}
