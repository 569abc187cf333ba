/**
 * Who is where in onboarding, for the coordinators: a record per person who started (welcomed,
 * not yet joined) with the nudges they had, and `aanmelden status` / `join status`: per
 * partner who is in, who is stuck (started, not finished, or waiting for a decision on their
 * organisation), and which partners have nobody yet.
 */
import { z } from 'zod';
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance, Member, Partner } from '../src/domain/alliance.js';
import type { FlowContext, Subcommand } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { type InvitationStatus, invitationStatus } from './invitations-record.js';
import { type PartnerRequest, partnerRequests } from './onboarding-partners.js';
import { words } from './onboarding-words.js';

/** The nudges a person who has not finished gets, counted from their welcome; then none. */
export const NUDGES_AFTER_DAYS = [2, 7] as const;

export const StartedSchema = z.object({
  userId: z.string().min(1),
  name: z.string().max(200).optional(),
  startedAt: z.iso.datetime(),
  nudges: z.number().int().min(0).default(0),
});
export type Started = z.infer<typeof StartedSchema>;

export const startedOnboarding: CollectionSpec<Started> = {
  name: 'onboarding.started',
  schema: StartedSchema,
  purpose: {
    nl: 'wie zich begon aan te melden en nog niet klaar is, met de herinneringen die diegene kreeg, zodat coördinatoren zien wie vastloopt; weg zodra diegene lid is',
    en: 'who started onboarding and has not finished, with the reminders they had, so coordinators see who is stuck; gone once they join',
  },
  people: (s) => [s.userId],
  anonymise: () => null,
};

export const startedId = (userId: string) => userId.replace(/[^A-Za-z0-9-]+/g, '_');

export function statusCard(
  alliance: Alliance,
  partners: readonly Partner[],
  members: readonly Member[],
  started: readonly Started[],
  waiting: readonly PartnerRequest[],
  locale: Locale,
  invited: readonly InvitationStatus[] = [],
): OutboundMessage {
  const t = words.t(locale);
  const when = (iso: string) => formatDate(iso, locale, alliance.timeZone);
  const byPartner = new Map<string, Member[]>();
  for (const m of members) byPartner.set(m.partnerId, [...(byPartner.get(m.partnerId) ?? []), m]);
  const fields = partners
    .filter((p) => (byPartner.get(p.id) ?? []).length > 0)
    .map((p) => {
      const list = byPartner.get(p.id) ?? [];
      return {
        label: `${p.name} (${list.length})`,
        value: list.map((m) => m.name).join(', '),
      };
    });
  const nobody = partners
    .filter((p) => (byPartner.get(p.id) ?? []).length === 0)
    .map((p) => p.name);
  const joined = new Set(members.map((m) => m.id));
  const stuck = [
    ...started
      .filter((s) => !joined.has(s.userId))
      .map((s) =>
        t('onboarding.status.started', {
          name: s.name ?? t('common.unknownPerson'),
          since: when(s.startedAt),
          nudges: s.nudges,
        }),
      ),
    ...waiting.map((r) =>
      t('onboarding.status.waiting', { name: r.member.name, organisation: r.organisation }),
    ),
    ...invited
      .filter((i) => i.status !== 'joined')
      .map((i) =>
        i.status === 'undelivered'
          ? t('onboarding.status.undelivered', {
              name: i.invitation.name,
              organisation: i.invitation.organisation,
            })
          : t('onboarding.status.invited', {
              name: i.invitation.name,
              organisation: i.invitation.organisation,
              since: when(i.invitation.invitedAt),
            }),
      ),
  ];
  return card({
    header: t('onboarding.status.header', { alliance: alliance.name }),
    text: t('onboarding.status.summary', {
      members: members.length,
      partners: partners.length - nobody.length,
      all: partners.length,
    }),
    fields: [
      ...fields,
      { label: t('onboarding.status.stuck'), value: stuck.join('\n') || t('common.none') },
      { label: t('onboarding.status.nobody'), value: nobody.join(', ') || t('common.none') },
    ],
  });
}

export const statusSubcommand: Subcommand = {
  command: 'join',
  words: { nl: 'status', en: 'status' },
  roles: ['coordinator'],
  describe: (locale) => words.t(locale)('onboarding.status.describe'),
  async run(ctx: FlowContext) {
    const { alliance, store } = ctx;
    const [partners, members, started, requests, invited] = await Promise.all([
      store.members.listPartners(alliance.id),
      store.members.listMembers(alliance.id),
      store.collection(startedOnboarding).list(alliance.id),
      store.collection(partnerRequests).list(alliance.id),
      invitationStatus(store, alliance.id, async (email) => ctx.identitiesOf({ email, ids: [] })),
    ]);
    ctx.reply(
      statusCard(
        alliance,
        partners,
        members,
        started,
        requests.filter((r) => r.status === 'open'),
        ctx.locale,
        invited,
      ),
      { purpose: 'status' },
    );
  },
};
