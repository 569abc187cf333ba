/**
 * Invitations, on the flow kit: a coordinator invites a person (`uitnodigen` / `invite`) of a
 * known partner or of a new organisation, or a new organisation with its contact
 * (`uitnodigen partij` / `invite party`). A new organisation becomes a partner on the
 * coordinator's say-so and is announced in the alliance channels. The invitation reaches the
 * person on their platform when the bot can find their address there (a direct message with
 * the welcome and the button that starts onboarding's intake), else by e-mail where SMTP is
 * set up (invitations-mail.ts, a job with bounded retries), else the coordinator is told it
 * could not be delivered and why. The record (invitations-record.ts) makes a retry send
 * nothing twice and lets the onboarding status show who was invited and who joined.
 */
import { z } from 'zod';
import { BotError } from '../src/core/errors.js';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import type { Translator } from '../src/core/i18n/index.js';
import { platformOf, slugify } from '../src/core/ids.js';
import { FormSchema, text } from '../src/core/messages.js';
import { PARTNER_TYPES, type Partner, type PartnerType } from '../src/domain/alliance.js';
import type { Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { MAIL_KIND, mailReminder, sendInvitationMail } from './invitations-mail.js';
import {
  type Invitation,
  invitationId,
  invitationRecords,
  invitations,
} from './invitations-record.js';
import {
  INVITE_FORM_ID,
  invitationCard,
  inviteForm,
  LIMITS,
  NEW_ORGANISATION,
  PARTY_FORM_ID,
  partyForm,
} from './invitations-views.js';
import { type InvitationsT, words } from './invitations-words.js';

const describePerson = (locale: Locale) => words.t(locale)('invitations.describe.person');
const describeParty = (locale: Locale) => words.t(locale)('invitations.describe.party');

/** A partner's id from its name: a slug within SlugSchema's 63 characters. */
function partnerSlug(name: string): string {
  return slugify(name).slice(0, 63).replace(/-+$/, '') || 'partner';
}

/** The partner with this name (or id), ignoring case and accents. */
function matchPartner(partners: readonly Partner[], name: string): Partner | undefined {
  const slug = partnerSlug(name);
  return partners.find((p) => p.id === slug || partnerSlug(p.name) === slug);
}

function emailField(t: Translator, own: InvitationsT) {
  return formFields(t)
    .text(LIMITS.email)
    .refine((s) => z.email().safeParse(s).success, own('invitations.error.email'))
    .transform((s) => s.toLowerCase());
}

/** A select that may be left empty (`undefined` then). */
function optionalType(t: Translator) {
  const empty = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return z.preprocess(
    (v) => (empty(v) ? undefined : v),
    formFields(t).select(PARTNER_TYPES).optional(),
  );
}

function inviteSchema(t: Translator, own: InvitationsT) {
  const f = formFields(t);
  return z
    .object({
      name: f.text(LIMITS.name),
      email: emailField(t, own),
      /** A partner's id, or NEW_ORGANISATION (checked against the partners in submit). */
      organisation: f.text(LIMITS.organisation),
      newOrganisation: f.optionalText(LIMITS.organisation),
      organisationType: optionalType(t),
      language: f.select(['nl', 'en'] as const),
    })
    .superRefine((v, issues) => {
      if (v.organisation !== NEW_ORGANISATION) return;
      const required = t('form.required');
      if (!v.newOrganisation)
        issues.addIssue({ code: 'custom', path: ['newOrganisation'], message: required });
      if (!v.organisationType)
        issues.addIssue({ code: 'custom', path: ['organisationType'], message: required });
    });
}
type InviteValues = z.infer<ReturnType<typeof inviteSchema>>;

function partySchema(t: Translator, own: InvitationsT) {
  const f = formFields(t);
  return z.object({
    organisation: f.text(LIMITS.organisation),
    organisationType: f.select(PARTNER_TYPES),
    contactName: f.text(LIMITS.name),
    contactEmail: emailField(t, own),
    language: f.select(['nl', 'en'] as const),
  });
}
type PartyValues = z.infer<ReturnType<typeof partySchema>>;

async function buildInviteForm(ctx: FlowContext, locale: Locale) {
  const partners = await ctx.store.members.listPartners(ctx.alliance.id);
  return FormSchema.parse(inviteForm(ctx.alliance, partners, words.t(locale), locale));
}

async function buildPartyForm(ctx: FlowContext, locale: Locale) {
  return FormSchema.parse(partyForm(ctx.alliance, words.t(locale), locale));
}

function sameAlliance(ctx: FlowContext, event: FormSubmittedEvent): void {
  if (event.context !== undefined && event.context !== ctx.alliance.id)
    throw new BotError('form_expired', 'invitation form of another alliance');
}

interface InviteRequest {
  name: string;
  email: string;
  locale: Locale;
  /** A partner that exists, or a new organisation to add on the coordinator's say-so. */
  partner: Partner;
  newPartner: boolean;
}

/** What this event handled: a retry of it finds its own record and repeats its decisions. */
const occurrenceOf = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

type Decision =
  | { kind: 'member'; partner: string }
  | { kind: 'send'; via: Invitation['via']; userId: string | undefined };

/** Where the invitation goes: the person's platform, e-mail, or nowhere (and whether they are in). */
async function decide(ctx: FlowContext, email: string): Promise<Decision> {
  const ids = await ctx.lookUpEmail(email);
  for (const id of ids) {
    const member = await ctx.store.members.getMember(ctx.alliance.id, id);
    if (member) {
      const partner = await ctx.store.members.getPartner(ctx.alliance.id, member.partnerId);
      return { kind: 'member', partner: partner?.name ?? member.partnerId };
    }
  }
  const to = ctx.reachable(ids);
  if (to) return { kind: 'send', via: 'platform', userId: to };
  return { kind: 'send', via: ctx.mailer ? 'email' : 'none', userId: undefined };
}

/**
 * Records and sends one invitation (adding its new partner first); returns what the
 * coordinator is told. Everything it sends is keyed by this event, and a retry of the event
 * repeats the first attempt's decisions from the record, so nothing goes out twice.
 */
async function invite(ctx: FlowContext, request: InviteRequest): Promise<string[]> {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const email = request.email.trim().toLowerCase();
  const id = invitationId(email);
  const occurrence = occurrenceOf(ctx);
  const records = invitationRecords(ctx.store);
  const previous = await records.get(alliance.id, id);
  const retry = previous?.occurrence === occurrence ? previous : undefined;
  const decision: Decision = retry
    ? { kind: 'send', via: retry.via, userId: retry.userId }
    : await decide(ctx, email);
  const newPartner = retry ? retry.newPartner : request.newPartner;
  if (decision.kind === 'member')
    return [t('invitations.sent.member', { name: request.name, partner: decision.partner })];
  const fresh: Invitation = {
    id,
    email,
    name: request.name,
    partnerId: request.partner.id,
    organisation: request.partner.name,
    locale: request.locale,
    invitedBy: ctx.userId,
    ...(ctx.displayName ? { invitedByName: ctx.displayName } : {}),
    invitedByLocale: ctx.locale,
    invitedAt: ctx.now.toISOString(),
    newPartner,
    occurrence,
    via: decision.via,
    ...(decision.userId ? { userId: decision.userId } : {}),
    ...(decision.via === 'email' ? { mail: { status: 'queued' as const, attempts: 0 } } : {}),
  };
  // Written before anything is sent: a retry finds it and repeats, never re-decides.
  const record =
    (await records.mutate(alliance.id, id, (current) =>
      current?.occurrence === occurrence ? current : fresh,
    )) ?? fresh;
  const lines: string[] = [];
  if (newPartner) {
    await ctx.store.members.addPartner(request.partner, ctx.userId);
    const channelT = words.t(alliance.locale);
    ctx.postToAllianceChannels(
      text(
        channelT('invitations.party.announcement', {
          organisation: request.partner.name,
          type: channelT(`partnerType.${request.partner.type as PartnerType}`),
          alliance: alliance.name,
        }),
      ),
      { purpose: `party-invited:${request.partner.id}` },
    );
    lines.push(t('invitations.sent.newPartner', { organisation: request.partner.name }));
  }
  const facts = {
    name: record.name,
    organisation: record.organisation,
    coordinator: record.invitedByName ?? words.t(record.locale)('common.unknownPerson'),
  };
  if (record.via === 'platform' && record.userId) {
    ctx.sendDirect(record.userId, invitationCard(alliance, facts, words.t(record.locale)), {
      purpose: `invitation:${id}`,
    });
    const platform = platformOf(record.userId);
    lines.push(
      t('invitations.sent.platform', {
        name: record.name,
        organisation: record.organisation,
        platform: t(`invitations.platform.${platform}`),
      }),
    );
  } else if (record.via === 'email') {
    if (record.mail?.status === 'queued')
      await ctx.reminders.schedule(alliance.id, mailReminder(record, ctx.now));
    lines.push(
      t('invitations.sent.email', {
        name: record.name,
        organisation: record.organisation,
        email: record.email,
      }),
    );
  } else {
    lines.push(t('invitations.sent.none', { name: record.name, email: record.email }));
  }
  return lines;
}

async function submitInvite(ctx: FlowContext, v: InviteValues, event: FormSubmittedEvent) {
  sameAlliance(ctx, event);
  const partners = await ctx.store.members.listPartners(ctx.alliance.id);
  let partner: Partner | undefined;
  let newPartner = false;
  if (v.organisation === NEW_ORGANISATION) {
    const name = v.newOrganisation ?? '';
    partner = matchPartner(partners, name);
    if (!partner) {
      newPartner = true;
      partner = {
        id: partnerSlug(name),
        allianceId: ctx.alliance.id,
        name,
        type: v.organisationType ?? 'overig',
        joinedAt: ctx.now.toISOString(),
      };
    }
  } else {
    partner = partners.find((p) => p.id === v.organisation);
    if (!partner) {
      const again = await buildInviteForm(ctx, ctx.locale);
      ctx.rejectForm(again, event.values, {
        organisation: words.t(ctx.locale)('invitations.error.partnerGone'),
      });
      return;
    }
  }
  const lines = await invite(ctx, {
    name: v.name,
    email: v.email,
    locale: v.language,
    partner,
    newPartner,
  });
  ctx.completeForm(text(lines.join('\n')));
}

async function submitParty(ctx: FlowContext, v: PartyValues, event: FormSubmittedEvent) {
  sameAlliance(ctx, event);
  const { alliance } = ctx;
  const previous = await invitationRecords(ctx.store).get(
    alliance.id,
    invitationId(v.contactEmail),
  );
  const existing = matchPartner(await ctx.store.members.listPartners(alliance.id), v.organisation);
  // The same event handled again (it created this partner the first time): go on as then.
  const retry = previous?.occurrence === occurrenceOf(ctx) && existing?.id === previous.partnerId;
  if (existing && !retry) {
    ctx.rejectForm(await buildPartyForm(ctx, ctx.locale), event.values, {
      organisation: words.t(ctx.locale)('invitations.error.alreadyPartner', {
        partner: existing.name,
      }),
    });
    return;
  }
  const partner: Partner = existing ?? {
    id: partnerSlug(v.organisation),
    allianceId: alliance.id,
    name: v.organisation,
    type: v.organisationType,
    joinedAt: ctx.now.toISOString(),
  };
  const lines = await invite(ctx, {
    name: v.contactName,
    email: v.contactEmail,
    locale: v.language,
    partner,
    newPartner: true,
  });
  ctx.completeForm(text(lines.join('\n')));
}

const inviteSpec: FormSpec<InviteValues> = {
  id: INVITE_FORM_ID,
  roles: ['coordinator'],
  describe: describePerson,
  schema: (_ctx, t, locale) => inviteSchema(t, words.t(locale)),
  build: buildInviteForm,
  submit: submitInvite,
};

const partySpec: FormSpec<PartyValues> = {
  id: PARTY_FORM_ID,
  roles: ['coordinator'],
  describe: describeParty,
  schema: (_ctx, t, locale) => partySchema(t, words.t(locale)),
  build: buildPartyForm,
  submit: submitParty,
};

export const invitationsFlow: Flow = {
  id: 'invitations',
  subcommands: [
    {
      command: 'invite',
      roles: ['coordinator'],
      describe: describePerson,
      async run(ctx) {
        ctx.showForm(await buildInviteForm(ctx, ctx.locale));
      },
    },
    {
      command: 'invite',
      words: { nl: 'partij', en: 'party' },
      roles: ['coordinator'],
      describe: describeParty,
      async run(ctx) {
        ctx.showForm(await buildPartyForm(ctx, ctx.locale));
      },
    },
  ],
  forms: [inviteSpec as FormSpec<unknown>, partySpec as FormSpec<unknown>],
  collections: [invitations as CollectionSpec<unknown>],
  async onReminder(ctx, kind, data) {
    if (kind === MAIL_KIND) await sendInvitationMail(ctx, data);
  },
};
