/**
 * A new organisation is not created on a newcomer's say-so: their intake waits as a request,
 * every coordinator gets a card to accept the organisation as a new partner, merge it with an
 * existing one (the closest names are offered) or decline; the first decision counts (one
 * atomic step on the request), every coordinator's card changes in place to say who decided,
 * and the newcomer hears the outcome. Accepted or merged, the person is introduced as usual.
 */
import { z } from 'zod';
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { slugify } from '../src/core/ids.js';
import { card, MessageHandleSchema, text } from '../src/core/messages.js';
import {
  type Member,
  MemberSchema,
  type Partner,
  PartnerTypeSchema,
  SlugSchema,
} from '../src/domain/alliance.js';
import type { ActionSpec, FlowContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { words } from './onboarding-words.js';

export const ACCEPT_ACTION = 'onboarding.partner.accept';
export const MERGE_ACTION = 'onboarding.partner.merge';
export const DECLINE_ACTION = 'onboarding.partner.decline';

export const PartnerRequestSchema = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  /** The intake as given, waiting for its partner. */
  member: MemberSchema.omit({ partnerId: true }),
  organisation: z.string().min(1).max(150),
  organisationType: PartnerTypeSchema,
  requestedAt: z.iso.datetime(),
  status: z.enum(['open', 'accepted', 'merged', 'declined']),
  decidedBy: z.string().optional(),
  decidedByName: z.string().optional(),
  decidedAt: z.iso.datetime().optional(),
  /** The event that decided: handled again after a crash, it carries on as the decider. */
  decidedEvent: z.string().max(500).optional(),
  /** The partner the person joined (accepted: the new one; merged: the existing one). */
  partnerId: SlugSchema.optional(),
  /** The coordinators' cards, changed in place when someone decides. */
  cards: z.array(MessageHandleSchema).default([]),
});
export type PartnerRequest = z.infer<typeof PartnerRequestSchema>;

export const partnerRequests: CollectionSpec<PartnerRequest> = {
  name: 'onboarding.partner-request',
  schema: PartnerRequestSchema,
  purpose: {
    nl: 'een intake die een organisatie noemt die nog geen partner is, tot een coördinator die aanneemt, samenvoegt of afwijst',
    en: 'an intake that names an organisation which is not yet a partner, until a coordinator accepts, merges or declines it',
  },
  people: (r) => [r.userId, ...(r.decidedBy ? [r.decidedBy] : [])],
  anonymise: (r, ids) =>
    ids.includes(r.userId) ? null : { ...r, decidedBy: undefined, decidedByName: undefined },
};

/** The request of this person (one open request per person). */
export const requestId = (userId: string) => `req-${slugify(userId)}`;

/** Known partners whose names share the most words with the organisation, best first. */
export function closestPartners(partners: readonly Partner[], organisation: string, max = 3) {
  const wordsOf = (s: string) =>
    new Set(
      slugify(s)
        .split('-')
        .filter((w) => w.length > 2),
    );
  const wanted = wordsOf(organisation);
  return partners
    .map((p) => ({ p, shared: [...wordsOf(p.name)].filter((w) => wanted.has(w)).length }))
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.p.name.localeCompare(b.p.name, 'nl'))
    .slice(0, max)
    .map((x) => x.p);
}

/** The card a coordinator decides on (open), or what became of the request (decided). */
export function requestCard(
  r: PartnerRequest,
  suggestions: readonly Partner[],
  locale: Locale,
  timeZone: string,
  decidedPartner?: string,
) {
  const t = words.t(locale);
  const header = t('onboarding.partner.header', { organisation: r.organisation });
  const about = t('onboarding.partner.text', {
    name: r.member.name,
    role: r.member.role,
    organisation: r.organisation,
    type: t(`partnerType.${r.organisationType}`),
  });
  if (r.status !== 'open') {
    const who = r.decidedByName ?? t('common.unknownPerson');
    const when = r.decidedAt ? formatDate(r.decidedAt, locale, timeZone) : '';
    const outcome =
      r.status === 'accepted'
        ? t('onboarding.partner.accepted', { who, when })
        : r.status === 'merged'
          ? t('onboarding.partner.merged', { who, when, partner: decidedPartner ?? '' })
          : t('onboarding.partner.declined', { who, when });
    return card({ header, text: about, context: [outcome] });
  }
  return card({
    header,
    text: about,
    buttons: [
      {
        actionId: ACCEPT_ACTION,
        label: t('onboarding.partner.accept'),
        value: r.id,
        style: 'primary',
      },
      // One action id each (Slack wants them unique in a message); the kit routes
      // `onboarding.partner.merge.<n>` to the merge action.
      ...suggestions.map((p, i) => ({
        actionId: `${MERGE_ACTION}.${i + 1}`,
        label: t('onboarding.partner.mergeWith', { partner: p.name }),
        value: `${r.id}:${p.id}`,
      })),
      {
        actionId: DECLINE_ACTION,
        label: t('onboarding.partner.decline'),
        value: r.id,
        style: 'danger' as const,
      },
    ],
    context: [t('onboarding.partner.context')],
  });
}

export type Introduce = (
  ctx: FlowContext,
  member: Member,
  partner: Partner,
  newPartner: boolean,
) => Promise<void>;

/**
 * Files the request and shows every coordinator their card. Returns false when the person is
 * a coordinator (they may add an organisation themselves).
 */
export async function askCoordinators(
  ctx: FlowContext,
  member: Omit<Member, 'partnerId'>,
  organisation: string,
  organisationType: PartnerRequest['organisationType'],
): Promise<void> {
  const { alliance } = ctx;
  const requests = ctx.store.collection(partnerRequests);
  const id = requestId(ctx.userId);
  const draft: PartnerRequest = {
    id,
    userId: ctx.userId,
    member,
    organisation,
    organisationType,
    requestedAt: ctx.now.toISOString(),
    status: 'open',
    cards: [],
  };
  const suggestions = closestPartners(
    await ctx.store.members.listPartners(alliance.id),
    organisation,
  );
  const cardFor = requestCard(draft, suggestions, alliance.locale, alliance.timeZone);
  const previous = await requests.get(alliance.id, id);
  let cards = previous?.status === 'open' ? previous.cards : [];
  if (cards.length > 0) {
    // Asked again (the intake sent once more): the same cards show the new details.
    ctx.update(cards, cardFor);
  } else {
    cards = [];
    for (const coordinator of alliance.coordinators) {
      const to = ctx.reachable(await ctx.identitiesOf(coordinator));
      if (to) cards.push(ctx.sendDirect(to, cardFor, { purpose: `partner-request:${id}` }));
    }
  }
  await requests.put(alliance.id, id, { ...draft, cards });
}

function decision(kind: 'accepted' | 'merged' | 'declined', introduce: Introduce): ActionSpec {
  const id =
    kind === 'accepted' ? ACCEPT_ACTION : kind === 'merged' ? MERGE_ACTION : DECLINE_ACTION;
  return {
    id,
    roles: ['coordinator'],
    describe: (locale) => words.t(locale)('onboarding.partner.describe'),
    async run(ctx, event) {
      const { alliance } = ctx;
      const [reqId = '', mergeInto] = (event.value ?? '').split(':');
      const requests = ctx.store.collection(partnerRequests);
      const partners = await ctx.store.members.listPartners(alliance.id);
      const into = mergeInto ? partners.find((p) => p.id === mergeInto) : undefined;
      if (kind === 'merged' && !into) {
        ctx.reply(text(words.t(ctx.locale)('onboarding.partner.gone')));
        return;
      }
      const eventKey = `${ctx.event.platform}:${ctx.event.eventId}`;
      let mine = false;
      const after = await requests.mutate(alliance.id, reqId, (current) => {
        mine = current?.decidedEvent === eventKey; // this very event decided before a crash
        if (current?.status !== 'open') return current;
        mine = true;
        return {
          ...current,
          status: kind,
          decidedBy: ctx.userId,
          decidedByName: ctx.displayName,
          decidedAt: ctx.now.toISOString(),
          decidedEvent: eventKey,
          ...(kind === 'accepted' ? { partnerId: slugify(current.organisation) || 'partner' } : {}),
          ...(kind === 'merged' && into ? { partnerId: into.id } : {}),
        };
      });
      if (!after) {
        ctx.reply(text(words.t(ctx.locale)('onboarding.partner.gone')));
        return;
      }
      const partnerName =
        partners.find((p) => p.id === after.partnerId)?.name ?? after.organisation;
      if (!mine) {
        // Someone decided first: this card just catches up.
        ctx.update(
          after.cards,
          requestCard(after, [], alliance.locale, alliance.timeZone, partnerName),
        );
        ctx.reply(
          text(
            words.t(ctx.locale)('onboarding.partner.already', {
              who: after.decidedByName ?? words.t(ctx.locale)('common.unknownPerson'),
            }),
          ),
        );
        return;
      }
      ctx.update(
        after.cards,
        requestCard(after, [], alliance.locale, alliance.timeZone, partnerName),
      );
      const t = words.t(after.member.locale ?? alliance.locale);
      if (kind === 'declined') {
        ctx.sendDirect(
          after.userId,
          text(
            t('onboarding.partner.youDeclined', {
              organisation: after.organisation,
              alliance: alliance.name,
            }),
          ),
          { purpose: 'partner-outcome' },
        );
        return;
      }
      const partner: Partner =
        kind === 'merged' && into
          ? into
          : {
              id: after.partnerId ?? (slugify(after.organisation) || 'partner'),
              allianceId: alliance.id,
              name: after.organisation,
              type: after.organisationType,
              joinedAt: ctx.now.toISOString(),
            };
      const member: Member = {
        ...after.member,
        partnerId: partner.id,
        joinedBy: `${ctx.event.platform}:${ctx.event.eventId}`,
      };
      const { newPartner, updated } = await ctx.store.members.register(member, partner);
      ctx.sendDirect(
        after.userId,
        text(
          kind === 'merged'
            ? t('onboarding.partner.youMerged', { partner: partner.name, alliance: alliance.name })
            : t('onboarding.partner.youAccepted', {
                organisation: partner.name,
                alliance: alliance.name,
              }),
        ),
        { purpose: 'partner-outcome' },
      );
      // A member who only changed organisation was introduced before: not again.
      if (!updated) await introduce(ctx, member, partner, newPartner);
    },
  };
}

export function partnerActions(introduce: Introduce): ActionSpec[] {
  return [
    decision('accepted', introduce),
    decision('merged', introduce),
    decision('declined', introduce),
  ];
}
