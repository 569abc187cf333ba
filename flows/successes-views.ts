/**
 * What the successes flow shows: the form to propose (and, for a spokesperson, to edit) a
 * success; the spokespersons' approval card in its three states (to decide, choosing a reason
 * to reject — a quick one, or their own words in a form —, decided); the announcement in the
 * alliance's channels, worded per positioning —
 * visible: in the alliance's name, with its ambition; quiet: crediting the partners by name,
 * the alliance in the background — with a celebrate button whose count every copy shows; and
 * the milestone cards. Neutral cards and forms: the adapters escape and render them.
 */
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import {
  celebrations,
  LIMITS,
  type Milestone,
  REJECT_REASONS,
  type Success,
} from './successes-record.js';
import { type SuccessesT, words } from './successes-words.js';

export const PROPOSE_FORM_ID = 'successes.propose';
export const APPROVE_ACTION = 'successes.approve';
export const EDIT_ACTION = 'successes.edit';
export const REJECT_ACTION = 'successes.reject';
/** `successes.reason.<n>` (one id per button: Slack wants them unique in a message). */
export const REASON_ACTION = 'successes.reason';
export const BACK_ACTION = 'successes.back';
/** Reject in one's own words: opens the form REJECT_FORM_ID. */
export const OWN_REASON_ACTION = 'successes.own-reason';
export const REJECT_FORM_ID = 'successes.reject';
export const CELEBRATE_ACTION = 'successes.celebrate';
export const PRESS_ACTION = 'successes.press';

/** At most this many characters of the ambition under a visible announcement. */
const AMBITION_SHOWN = 280;

const numberFormat = (locale: Locale) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 });

/** "12 MW", "1.250 woningen" (nl) / "1,250 homes" (en). */
export function amount(value: number, unit: string, locale: Locale): string {
  return `${numberFormat(locale).format(value)} ${unit}`;
}

/** "A", "A en B", "A, B en C" in the language. */
export function namesList(names: readonly string[], locale: Locale): string {
  const and = words.t(locale)('common.and');
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}

export const partnerNames = (s: Success, locale: Locale) =>
  namesList(
    s.partners.map((p) => p.name),
    locale,
  );

function shorten(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The links under a success: where to read more, and the photo. */
function linksOf(s: Success, t: SuccessesT) {
  return [
    { label: t('successes.label.more'), url: s.link },
    ...(s.photo ? [{ label: t('successes.label.photo'), url: s.photo }] : []),
  ];
}

/** The announcement in the channels, in the alliance's language, worded per positioning. */
export function announcementCard(alliance: Alliance, s: Success): OutboundMessage {
  const locale = alliance.locale;
  const t = words.t(locale);
  const partners = partnerNames(s, locale);
  const count = celebrations(s);
  const visible = alliance.positioning === 'visible';
  return card({
    header: visible
      ? t('successes.visible.header', { alliance: alliance.name, title: s.title })
      : t('successes.quiet.header', { partners, title: s.title }),
    text: s.story,
    fields: [
      { label: t('successes.label.impact'), value: amount(s.impact.value, s.impact.unit, locale) },
      { label: t('successes.label.partners'), value: partners },
    ],
    links: linksOf(s, t),
    buttons: [
      {
        actionId: CELEBRATE_ACTION,
        label: count > 0 ? t('successes.celebrateCount', { count }) : t('successes.celebrate'),
        value: s.id,
        style: 'primary',
      },
      { actionId: PRESS_ACTION, label: t('successes.pressButton'), value: s.id },
    ],
    context: [
      visible
        ? t('successes.visible.context', {
            alliance: alliance.name,
            ambition: shorten(alliance.ambition, AMBITION_SHOWN),
          })
        : t('successes.quiet.context', { partners, alliance: alliance.name }),
      ...(count > 0 ? [t('successes.celebrating', { count })] : []),
    ],
  });
}

/** A milestone reached, in the channels. */
export function milestoneCard(alliance: Alliance, m: Milestone, s: Success): OutboundMessage {
  const locale = alliance.locale;
  const t = words.t(locale);
  const visible = alliance.positioning === 'visible';
  const partners = partnerNames(s, locale);
  if (m.kind === 'count') {
    return card({
      header: visible
        ? t('successes.milestone.count.visible', { alliance: alliance.name, n: m.threshold })
        : t('successes.milestone.count.quiet', { n: m.threshold }),
      text: t('successes.milestone.count.text', { title: s.title, partners }),
    });
  }
  const unit = m.unit ?? s.impact.unit;
  const reached = amount(m.threshold, unit, locale);
  return card({
    header: visible
      ? t('successes.milestone.unit.visible', { alliance: alliance.name, amount: reached })
      : t('successes.milestone.unit.quiet', { amount: reached }),
    text: t('successes.milestone.unit.text', {
      title: s.title,
      partners,
      total: amount(m.total, unit, locale),
    }),
  });
}

export type ApprovalView = 'decide' | 'reasons';

/** Why it was rejected: the spokesperson's own words, or the quick reason in `t`'s language. */
export function reasonText(t: SuccessesT, s: Pick<Success, 'reason' | 'reasonNote'>): string {
  return s.reasonNote ?? t(`successes.reason.${s.reason ?? 'scope'}`);
}

/** A spokesperson's card: to decide on, to choose a reason to reject, or decided. */
export function approvalCard(
  alliance: Alliance,
  s: Success,
  locale: Locale,
  view: ApprovalView = 'decide',
): OutboundMessage {
  const t = words.t(locale);
  const when = (at: string | undefined) =>
    at ? formatDate(at, locale, alliance.timeZone, 'dateTime') : '';
  const proposer = [
    s.proposerName ?? t('common.unknownPerson'),
    ...(s.proposerPartner ? [`(${s.proposerPartner.name})`] : []),
  ].join(' ');
  const fields = [
    { label: t('successes.label.impact'), value: amount(s.impact.value, s.impact.unit, locale) },
    { label: t('successes.label.partners'), value: partnerNames(s, locale) },
    { label: t('successes.label.proposer'), value: proposer },
  ];
  const lastEdit = [...s.history].reverse().find((h) => h.action === 'edited');
  const edited = lastEdit
    ? [
        t('successes.approval.edited', {
          who: lastEdit.byName ?? t('common.unknownPerson'),
          when: when(lastEdit.at),
        }),
      ]
    : [];
  if (s.status !== 'pending') {
    const who = s.decidedByName ?? t('common.unknownPerson');
    return card({
      header: t('successes.approval.decidedHeader', { title: s.title }),
      text: s.story,
      fields,
      links: linksOf(s, t),
      context: [
        ...edited,
        s.status === 'approved'
          ? t('successes.approval.approved', { who, when: when(s.decidedAt) })
          : t('successes.approval.rejected', {
              who,
              when: when(s.decidedAt),
              reason: reasonText(t, s),
            }),
      ],
    });
  }
  const buttons =
    view === 'reasons'
      ? [
          ...REJECT_REASONS.map((reason, i) => ({
            actionId: `${REASON_ACTION}.${i + 1}`,
            label: capitalise(t(`successes.reason.${reason}`)),
            value: `${s.id}|${reason}`,
            style: 'danger' as const,
          })),
          {
            actionId: OWN_REASON_ACTION,
            label: t('successes.approval.ownReason'),
            value: s.id,
            style: 'danger' as const,
          },
          { actionId: BACK_ACTION, label: t('successes.approval.back'), value: s.id },
        ]
      : [
          {
            actionId: APPROVE_ACTION,
            label: t('successes.approval.approve'),
            value: s.id,
            style: 'primary' as const,
          },
          { actionId: EDIT_ACTION, label: t('successes.approval.edit'), value: s.id },
          {
            actionId: REJECT_ACTION,
            label: t('successes.approval.reject'),
            value: s.id,
            style: 'danger' as const,
          },
        ];
  return card({
    header: t('successes.approval.header', { title: s.title }),
    text: view === 'reasons' ? `${s.story}\n\n${t('successes.approval.why')}` : s.story,
    fields,
    links: linksOf(s, t),
    buttons,
    context: [...edited, t('successes.approval.context')],
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the form shows (a success being edited, or what a proposer starts with). */
export interface FormValues {
  title?: string;
  story?: string;
  partners?: string[];
  otherPartners?: string;
  impactValue?: number;
  impactUnit?: string;
  link?: string;
  photo?: string;
}

/**
 * The form to propose a success, or (with `edit`) to edit one: its context carries the
 * alliance, and for an edit the success and the version it was opened on.
 */
export function successForm(
  alliance: Alliance,
  locale: Locale,
  options: {
    partners: readonly { id: string; name: string }[];
    values?: FormValues;
    edit?: { id: string; version: number };
  },
): FormInput {
  const t = words.t(locale);
  const v = options.values ?? {};
  const { edit } = options;
  const initial = <K extends keyof FormValues>(key: K) =>
    v[key] === undefined ? {} : { initial: v[key] as NonNullable<FormValues[K]> };
  const known = options.partners.slice(0, 100);
  return {
    id: PROPOSE_FORM_ID,
    locale,
    title: t(edit ? 'successes.form.editTitle' : 'successes.form.title'),
    intro: t(
      edit
        ? 'successes.form.editIntro'
        : alliance.spokespersonApproval
          ? 'successes.form.introApproval'
          : 'successes.form.intro',
    ),
    submitLabel: t(edit ? 'successes.form.submitEdit' : 'successes.form.submit'),
    context: edit ? `${alliance.id}|${edit.id}|${edit.version}` : alliance.id,
    fields: [
      {
        type: 'text',
        name: 'title',
        label: t('successes.field.title'),
        hint: t('successes.field.title.hint'),
        maxLength: LIMITS.title,
        ...initial('title'),
      },
      {
        type: 'longText',
        name: 'story',
        label: t('successes.field.story'),
        maxLength: LIMITS.story,
        ...initial('story'),
      },
      ...(known.length > 0
        ? [
            {
              type: 'multiSelect' as const,
              name: 'partners',
              label: t('successes.field.partners'),
              options: known.map((p) => ({ value: p.id, label: p.name })),
              required: false,
              ...(v.partners?.length
                ? { initial: v.partners.filter((id) => known.some((p) => p.id === id)) }
                : {}),
            },
          ]
        : []),
      {
        type: 'text',
        name: 'otherPartners',
        label: t('successes.field.otherPartners'),
        hint: t('successes.field.otherPartners.hint'),
        maxLength: LIMITS.otherPartners,
        required: false,
        ...initial('otherPartners'),
      },
      {
        type: 'number',
        name: 'impactValue',
        label: t('successes.field.impactValue'),
        hint: t('successes.field.impactValue.hint'),
        min: 0,
        ...initial('impactValue'),
      },
      {
        type: 'text',
        name: 'impactUnit',
        label: t('successes.field.impactUnit'),
        hint: t('successes.field.impactUnit.hint', {
          units: Object.keys(alliance.milestones).join(', '),
        }),
        maxLength: LIMITS.unit,
        ...initial('impactUnit'),
      },
      {
        type: 'url',
        name: 'link',
        label: t('successes.field.link'),
        hint: t('successes.field.link.hint'),
        maxLength: LIMITS.link,
        ...initial('link'),
      },
      {
        type: 'url',
        name: 'photo',
        label: t('successes.field.photo'),
        maxLength: LIMITS.link,
        required: false,
        ...initial('photo'),
      },
    ],
  };
}
