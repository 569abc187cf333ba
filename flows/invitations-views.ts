/**
 * The shapes of invitations: the coordinator's two forms (a person; a new organisation with
 * its contact), the invitation card a person gets on their platform (with the button that
 * starts onboarding's intake) and the invitation e-mail. Pure functions of their input.
 */
import type { Locale } from '../src/core/events.js';
import type { MailDocument } from '../src/core/mail.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import { type Alliance, PARTNER_TYPES, type Partner } from '../src/domain/alliance.js';
import type { InvitationsT } from './invitations-words.js';
import { START_ACTION } from './onboarding-views.js';

export const INVITE_FORM_ID = 'invitations.person';
export const PARTY_FORM_ID = 'invitations.party';
/** The organisation option that stands for "a new one" (never a partner's slug). */
export const NEW_ORGANISATION = '_new';

export const LIMITS = { name: 100, email: 254, organisation: 150 } as const;

/** At most this many partners in the select (a platform shows 100 options). */
const MAX_PARTNER_OPTIONS = 99;

function languageField(t: InvitationsT, locale: Locale) {
  return {
    type: 'select' as const,
    name: 'language',
    label: t('invitations.field.language'),
    options: [
      { value: 'nl', label: t('language.nl') },
      { value: 'en', label: t('language.en') },
    ],
    initial: locale,
  };
}

function typeOptions(t: InvitationsT) {
  return PARTNER_TYPES.map((type) => ({ value: type, label: t(`partnerType.${type}`) }));
}

/** `uitnodigen` / `invite`: a person, of a known partner or of a new organisation. */
export function inviteForm(
  alliance: Alliance,
  partners: readonly Partner[],
  t: InvitationsT,
  locale: Locale,
): FormInput {
  return {
    id: INVITE_FORM_ID,
    locale,
    title: t('invitations.form.title'),
    intro: t('invitations.form.intro'),
    submitLabel: t('invitations.form.submit'),
    context: alliance.id,
    fields: [
      { type: 'text', name: 'name', label: t('invitations.field.name'), maxLength: LIMITS.name },
      { type: 'text', name: 'email', label: t('invitations.field.email'), maxLength: LIMITS.email },
      {
        type: 'select',
        name: 'organisation',
        label: t('invitations.field.organisation'),
        options: [
          ...partners.slice(0, MAX_PARTNER_OPTIONS).map((p) => ({ value: p.id, label: p.name })),
          { value: NEW_ORGANISATION, label: t('invitations.field.organisation.new') },
        ],
      },
      {
        type: 'text',
        name: 'newOrganisation',
        label: t('invitations.field.newOrganisation'),
        hint: t('invitations.field.newOrganisation.hint'),
        maxLength: LIMITS.organisation,
        required: false,
      },
      {
        type: 'select',
        name: 'organisationType',
        label: t('invitations.field.organisationType'),
        hint: t('invitations.field.organisationType.hint'),
        options: typeOptions(t),
        required: false,
      },
      languageField(t, alliance.locale),
    ],
  };
}

/** `uitnodigen partij` / `invite party`: a new organisation and its contact. */
export function partyForm(alliance: Alliance, t: InvitationsT, locale: Locale): FormInput {
  return {
    id: PARTY_FORM_ID,
    locale,
    title: t('invitations.party.title'),
    intro: t('invitations.party.intro'),
    submitLabel: t('invitations.party.submit'),
    context: alliance.id,
    fields: [
      {
        type: 'text',
        name: 'organisation',
        label: t('invitations.field.partyName'),
        maxLength: LIMITS.organisation,
      },
      {
        type: 'select',
        name: 'organisationType',
        label: t('invitations.field.organisationType'),
        options: typeOptions(t),
      },
      {
        type: 'text',
        name: 'contactName',
        label: t('invitations.field.contactName'),
        maxLength: LIMITS.name,
      },
      {
        type: 'text',
        name: 'contactEmail',
        label: t('invitations.field.contactEmail'),
        maxLength: LIMITS.email,
      },
      languageField(t, alliance.locale),
    ],
  };
}

/** What the invitation says, in the invitee's language. */
export interface InvitationFacts {
  name: string;
  organisation: string;
  coordinator: string;
}

/** The invitation on the person's platform: the welcome and the button to the intake. */
export function invitationCard(
  alliance: Alliance,
  facts: InvitationFacts,
  t: InvitationsT,
): OutboundMessage {
  return card({
    header: t('invitations.card.header', { alliance: alliance.name }),
    text: t('invitations.card.text', { ...facts, alliance: alliance.name }),
    fields: [
      { label: t('invitations.card.ambition'), value: alliance.ambition },
      {
        label: t('invitations.card.rules'),
        value: alliance.houseRules.map((rule, i) => `${i + 1}. ${rule}`).join('\n'),
      },
    ],
    buttons: [{ actionId: START_ACTION, label: t('invitations.card.start'), style: 'primary' }],
    context: [t('invitations.card.context', { organisation: facts.organisation })],
  });
}

/** How to join, for each platform the alliance has a channel on. */
function howToJoin(alliance: Alliance, t: InvitationsT): string[] {
  const ways = [
    ...(alliance.channels.slack.length > 0 ? [t('invitations.mail.slack')] : []),
    ...(alliance.channels.teams.length > 0 ? [t('invitations.mail.teams')] : []),
    ...(alliance.channels.local.length > 0 ? [t('invitations.mail.local')] : []),
  ];
  return ways.length > 0 ? ways : [t('invitations.mail.noPlatform')];
}

/** The invitation e-mail: the alliance's name and ambition, and how to join on each platform. */
export function invitationMail(
  alliance: Alliance,
  facts: InvitationFacts,
  t: InvitationsT,
  locale: Locale,
): MailDocument {
  const about = { ...facts, alliance: alliance.name };
  return {
    locale,
    subject: t('invitations.mail.subject', about),
    heading: t('invitations.mail.heading', about),
    paragraphs: [t('invitations.mail.hello', about), t('invitations.mail.text', about)],
    sections: [
      { title: t('invitations.card.ambition'), items: [alliance.ambition] },
      {
        title: t('invitations.mail.howTo'),
        items: [...howToJoin(alliance, t), t('invitations.mail.organisation', about)],
      },
      { title: t('invitations.card.rules'), items: alliance.houseRules },
    ],
    footer: t('invitations.mail.footer', about),
  };
}
