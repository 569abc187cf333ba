/**
 * The shapes of ideas: the idea's card (the same in a channel and in a list, so every copy can
 * be changed in place when a partner co-signs or the plan is named), the list's overview, the
 * initiative's announcement, the request to its backers to name an owner and a first step,
 * and that form. Neutral cards: the adapters escape what people wrote (titles, names, plans)
 * for their surface. Pure functions of their input.
 */
import type { Locale } from '../src/core/events.js';
import { joinList } from '../src/core/i18n/index.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import { backers, type Idea, LIMITS, NEEDED, type Plan, type Signature } from './ideas-record.js';
import type { IdeasT } from './ideas-words.js';

export const COSIGN_ACTION = 'ideas.cosign';
export const PLAN_ACTION = 'ideas.plan';
export const INVITE_ACTION = 'ideas.invite';
export const PLAN_FORM_ID = 'ideas.plan-form';

/** At most this many idea cards in one list (newest first). */
export const MAX_LISTED = 10;

/** A backing partner as a line: the partner, and who signed for it where we still know. */
const backerLine = (s: Signature) => (s.byName ? `${s.partnerName} (${s.byName})` : s.partnerName);

/** The partners backing an idea, as a sentence ("A, B en C"). */
export const partnerList = (idea: Idea, locale: Locale) =>
  joinList(
    backers(idea).map((s) => s.partnerName),
    locale,
  );

/** Who proposed it: their name and partner, or the partner alone once they were forgotten. */
export function proposerOf(idea: Idea): string {
  const p = idea.proposal;
  return p.byName ? `${p.byName} (${p.partnerName})` : p.partnerName;
}

/**
 * The idea as everyone sees it: its title, who proposed it, the partners backing it and how
 * many are still needed; as an initiative also its owner and first step. Co-sign on every
 * card; on an initiative also the plan, and inviting a new party (coordinators).
 */
export function ideaCard(idea: Idea, t: IdeasT): OutboundMessage {
  const initiative = idea.status === 'initiative';
  const list = backers(idea);
  const count = list.length;
  const p = idea.proposal;
  const fields = [
    {
      label: initiative
        ? t('ideas.card.backersInitiative', { count })
        : t('ideas.card.backers', { count, needed: NEEDED }),
      value: list.map(backerLine).join('\n'),
    },
    ...(initiative
      ? [
          { label: t('ideas.card.owner'), value: idea.plan?.owner ?? t('ideas.card.noPlan') },
          {
            label: t('ideas.card.firstStep'),
            value: idea.plan?.firstStep ?? t('ideas.card.noPlan'),
          },
        ]
      : []),
  ];
  const context = initiative
    ? [
        t('ideas.card.isInitiative'),
        ...(idea.plan?.byName ? [t('ideas.card.planBy', { name: idea.plan.byName })] : []),
        t('ideas.card.invitePrompt'),
      ]
    : [t('ideas.card.missing', { missing: Math.max(1, NEEDED - count) })];
  return card({
    header: t(initiative ? 'ideas.card.initiative' : 'ideas.card.idea', { title: idea.title }),
    text: p.byName
      ? t('ideas.card.proposedBy', { name: p.byName, partner: p.partnerName })
      : t('ideas.card.proposedFor', { partner: p.partnerName }),
    fields,
    buttons: [
      {
        actionId: COSIGN_ACTION,
        label: t('ideas.card.cosign'),
        value: idea.id,
        ...(initiative ? {} : { style: 'primary' as const }),
      },
      ...(initiative
        ? [
            { actionId: PLAN_ACTION, label: t('ideas.card.plan'), value: idea.id },
            { actionId: INVITE_ACTION, label: t('ideas.card.invite'), value: idea.id },
          ]
        : []),
    ],
    context,
  });
}

export interface ListFacts {
  /** Open ideas in all (the cards show the newest MAX_LISTED). */
  open: number;
  initiatives: number;
}

/** The list's first card: how many are open, how to propose and co-sign. */
export function overviewCard(alliance: Alliance, facts: ListFacts, t: IdeasT): OutboundMessage {
  const more = facts.open - Math.min(facts.open, MAX_LISTED);
  return card({
    header: t('ideas.list.header', { alliance: alliance.name }),
    text: facts.open > 0 ? t('ideas.list.text', { count: facts.open }) : t('ideas.list.empty'),
    context: [
      ...(facts.open > 0 ? [t('ideas.list.howTo')] : []),
      ...(more > 0 ? [t('ideas.list.more', { count: more })] : []),
      ...(facts.initiatives > 0 ? [t('ideas.list.initiatives', { count: facts.initiatives })] : []),
    ],
  });
}

/** Posted in every alliance channel once, when an idea becomes an initiative. */
export function announcement(idea: Idea, t: IdeasT, locale: Locale): OutboundMessage {
  return card({
    header: t('ideas.announce.header', { title: idea.title }),
    text: t('ideas.announce.text', {
      proposer: proposerOf(idea),
      partners: partnerList(idea, locale),
    }),
  });
}

/** To the proposer and each co-signer: name an owner and a first step. */
export function requestCard(idea: Idea, t: IdeasT, locale: Locale): OutboundMessage {
  return card({
    header: t('ideas.card.initiative', { title: idea.title }),
    text: t('ideas.request.text', { title: idea.title, partners: partnerList(idea, locale) }),
    buttons: [
      { actionId: PLAN_ACTION, label: t('ideas.card.plan'), value: idea.id, style: 'primary' },
    ],
    context: [t('ideas.request.context')],
  });
}

/**
 * The owner and first step of an initiative (filled in with what was recorded before). Its
 * context is the alliance and the idea.
 */
export function planForm(
  alliance: Alliance,
  idea: Idea | null,
  t: IdeasT,
  locale: Locale,
  values?: Plan,
): FormInput {
  return {
    id: PLAN_FORM_ID,
    locale,
    title: t('ideas.form.title'),
    intro: idea ? t('ideas.form.intro', { title: idea.title }) : t('ideas.form.introUnknown'),
    submitLabel: t('ideas.form.submit'),
    context: idea ? `${alliance.id}|${idea.id}` : alliance.id,
    fields: [
      {
        type: 'text',
        name: 'owner',
        label: t('ideas.field.owner'),
        hint: t('ideas.field.owner.hint'),
        maxLength: LIMITS.owner,
        ...(values?.owner ? { initial: values.owner } : {}),
      },
      {
        type: 'longText',
        name: 'firstStep',
        label: t('ideas.field.firstStep'),
        hint: t('ideas.field.firstStep.hint'),
        maxLength: LIMITS.firstStep,
        ...(values?.firstStep ? { initial: values.firstStep } : {}),
      },
    ],
  };
}
