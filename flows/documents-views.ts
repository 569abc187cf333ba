/**
 * The shapes of documents: the share form (also to answer a request), the level form, the ask
 * form, the announcement card (and what it becomes when withdrawn or no longer shared there),
 * the owner's card with its buttons, the lists and the request card. Pure functions.
 */
import type { Locale } from '../src/core/events.js';
import { formatDate, joinList, topicLabel } from '../src/core/i18n/index.js';
import { type Button, card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import { type Alliance, coreTeamIds, type Partner } from '../src/domain/alliance.js';
import type { Level } from '../src/domain/visibility.js';
import { type DocumentRequest, LIMITS, type SharedDocument } from './documents-record.js';
import type { DocumentsT } from './documents-words.js';

export const SHARE_FORM_ID = 'documents.share';
export const ASK_FORM_ID = 'documents.ask';
export const CHANGE_ACTION = 'documents.change';
export const WITHDRAW_ACTION = 'documents.withdraw';
export const ANSWER_ACTION = 'documents.answer';

/** At most this many partners in a select (a platform shows 100 options). */
const MAX_OPTIONS = 99;

/** Partner names by id (the id itself for one no longer known). */
export type PartnerNames = ReadonlyMap<string, string>;
export const partnerNames = (partners: readonly Partner[]): PartnerNames =>
  new Map(partners.map((p) => [p.id, p.name]));

/** The core team's names, for the level hint and the label. */
export function coreNames(alliance: Alliance, names: PartnerNames, t: DocumentsT): string {
  const list = coreTeamIds(alliance).map((id) => names.get(id) ?? id);
  return list.length > 0 ? list.join(', ') : t('documents.level.noCore');
}

/** Who may see it, in words: the level, with the partners named or the core team. */
export function levelText(
  d: Pick<SharedDocument, 'level' | 'partners' | 'ownerPartnerId'>,
  alliance: Alliance,
  names: PartnerNames,
  t: DocumentsT,
  locale: Locale,
): string {
  if (d.level === 'core')
    return t('documents.level.coreWith', { partners: coreNames(alliance, names, t) });
  if (d.level !== 'partners') return t(`documents.level.${d.level}`);
  const ids = [...new Set([...(d.ownerPartnerId ? [d.ownerPartnerId] : []), ...d.partners])];
  return t('documents.level.partnersWith', {
    partners: joinList(
      ids.map((id) => names.get(id) ?? id),
      locale,
    ),
  });
}

interface LevelFields {
  alliance: Alliance;
  /** The levels this person may choose (from the policy). */
  levels: readonly Level[];
  /** Partners they may name: every partner but their own. */
  partners: readonly Partner[];
  names: PartnerNames;
  t: DocumentsT;
  initial?: { level?: Level; partners?: readonly string[] };
}

function levelFields(f: LevelFields): FormInput['fields'] {
  const { t } = f;
  const canName = f.levels.includes('partners') && f.partners.length > 0;
  return [
    {
      type: 'select',
      name: 'level',
      label: t('documents.field.level'),
      hint: f.levels.includes('partners')
        ? t('documents.field.level.hint', { core: coreNames(f.alliance, f.names, t) })
        : t('documents.field.level.hintNoPartner'),
      options: f.levels.map((level) => ({ value: level, label: t(`documents.level.${level}`) })),
      initial: f.initial?.level ?? (f.levels.includes('alliance') ? 'alliance' : f.levels[0]),
    },
    ...(canName
      ? [
          {
            type: 'multiSelect' as const,
            name: 'partners',
            label: t('documents.field.partners'),
            hint: t('documents.field.partners.hint'),
            required: false,
            options: f.partners.slice(0, MAX_OPTIONS).map((p) => ({ value: p.id, label: p.name })),
            ...(f.initial?.partners?.length ? { initial: [...f.initial.partners] } : {}),
          },
        ]
      : []),
  ];
}

export function shareForm(
  f: LevelFields & {
    locale: Locale;
    context: string;
    request?: DocumentRequest | undefined;
    /** The owner's document, to change it (the fields filled in as it is). */
    editing?: SharedDocument | undefined;
  },
): FormInput {
  const { t, alliance, editing: d } = f;
  const initial = <T>(value: T | undefined) => (value === undefined ? {} : { initial: value });
  return {
    id: SHARE_FORM_ID,
    locale: f.locale,
    title: d ? t('documents.editForm.title') : t('documents.form.title'),
    intro: d
      ? t('documents.editForm.intro', { title: d.title })
      : f.request
        ? t('documents.form.introAnswer', {
            name: f.request.askerName ?? t('common.unknownPerson'),
            what: f.request.what,
          })
        : t('documents.form.intro'),
    submitLabel: d ? t('documents.editForm.submit') : t('documents.form.submit'),
    context: f.context,
    fields: [
      {
        type: 'text',
        name: 'title',
        label: t('documents.field.title'),
        maxLength: LIMITS.title,
        ...initial(d?.title),
      },
      {
        type: 'url',
        name: 'link',
        label: t('documents.field.link'),
        maxLength: LIMITS.link,
        ...initial(d?.link),
      },
      {
        type: 'longText',
        name: 'summary',
        label: t('documents.field.summary'),
        maxLength: LIMITS.summary,
        required: false,
        ...initial(d?.summary || undefined),
      },
      {
        type: 'multiSelect',
        name: 'topics',
        label: t('documents.field.topics'),
        options: alliance.topics.map((topic) => ({ value: topic, label: topicLabel(topic) })),
        maxSelected: LIMITS.topics,
        required: false,
        ...initial(
          d?.topics.length ? d.topics.filter((x) => alliance.topics.includes(x)) : undefined,
        ),
      },
      ...levelFields({ ...f, initial: d ? { level: d.level, partners: d.partners } : {} }),
      {
        type: 'date',
        name: 'reviewOn',
        label: t('documents.field.reviewOn'),
        hint: t('documents.field.reviewOn.hint'),
        required: false,
        ...initial(d?.reviewOn),
      },
    ],
  };
}

export function askForm(t: DocumentsT, locale: Locale, context: string): FormInput {
  return {
    id: ASK_FORM_ID,
    locale,
    title: t('documents.ask.title'),
    intro: t('documents.ask.intro'),
    submitLabel: t('documents.ask.submit'),
    context,
    fields: [
      {
        type: 'longText',
        name: 'what',
        label: t('documents.ask.field.what'),
        maxLength: LIMITS.what,
      },
    ],
  };
}

export interface CardFacts {
  alliance: Alliance;
  names: PartnerNames;
  t: DocumentsT;
  locale: Locale;
  /** The asker's name, for a document that answered a request. */
  askerName?: string | undefined;
}

/** Who shared it and when (and what it answered), as small print. */
function byline(d: SharedDocument, c: CardFacts): string[] {
  const { t } = c;
  const date = formatDate(d.sharedAt, c.locale, c.alliance.timeZone);
  const partner = d.ownerPartnerId ? c.names.get(d.ownerPartnerId) : undefined;
  // A sharer who asked to be forgotten: the document is credited to their organisation.
  const name = d.ownerName ?? partner ?? t('common.unknownPerson');
  return [
    partner && d.ownerName
      ? t('documents.card.by', { name, partner, date })
      : t('documents.card.byNoPartner', { name, date }),
    ...(c.askerName ? [t('documents.card.answers', { name: c.askerName })] : []),
  ];
}

/** The announcement: title, summary, link, topics, who may see it, who shared it. */
export function announcement(d: SharedDocument, c: CardFacts, buttons: Button[] = []) {
  const { t } = c;
  return card({
    header: t('documents.card.header', { title: d.title }),
    ...(d.summary ? { text: d.summary } : {}),
    links: [{ label: t('documents.card.open'), url: d.link }],
    fields: [
      ...(d.topics.length > 0
        ? [{ label: t('documents.card.topics'), value: d.topics.map(topicLabel).join(', ') }]
        : []),
      {
        label: t('documents.card.level'),
        value: levelText(d, c.alliance, c.names, t, c.locale),
      },
    ],
    buttons,
    context: byline(d, c),
  });
}

/** The owner's buttons on a document. */
export const ownerButtons = (d: SharedDocument, t: DocumentsT): Button[] => [
  { actionId: CHANGE_ACTION, label: t('documents.owner.change'), value: d.id },
  { actionId: WITHDRAW_ACTION, label: t('documents.owner.withdraw'), value: d.id, style: 'danger' },
];

/** The owner's copy: the announcement with where it went and the buttons to manage it. */
export function ownerCard(
  d: SharedDocument,
  c: CardFacts,
  reach: { channels: number; people: number },
): OutboundMessage {
  const { t } = c;
  if (d.status === 'withdrawn')
    return card({ text: t('documents.owner.withdrawnCard', { title: d.title }) });
  const base = announcement(d, c, ownerButtons(d, t));
  if (base.kind !== 'card') return base;
  return card({
    ...base.card,
    header: t('documents.owner.header', { title: d.title }),
    fields: [
      ...base.card.fields,
      ...(d.reviewOn ? [{ label: t('documents.card.reviewOn'), value: d.reviewOn }] : []),
    ],
    context: [...base.card.context, t('documents.owner.reach', reach)],
  });
}

/** What a copy becomes where the document may no longer be seen: nothing of it is left. */
export function goneCard(d: SharedDocument, t: DocumentsT): OutboundMessage {
  return card({
    text: d.status === 'withdrawn' ? t('documents.card.withdrawn') : t('documents.card.gone'),
  });
}

/** A list of documents (search results), each with its link, level and who shared it. */
export function listCard(
  found: readonly SharedDocument[],
  shown: number,
  c: CardFacts & { words: string },
): OutboundMessage {
  const { t } = c;
  const list = found.slice(0, shown);
  return card({
    header: c.words
      ? t('documents.list.headerFor', { words: c.words, count: found.length })
      : t('documents.list.header', { count: found.length }),
    fields: list.map((d) => ({
      label: d.title,
      value: [
        d.link,
        ...(d.summary ? [d.summary.length > 200 ? `${d.summary.slice(0, 199)}…` : d.summary] : []),
        `${levelText(d, c.alliance, c.names, t, c.locale)} · ${byline(d, c)[0] ?? ''}`,
      ].join('\n'),
    })),
    links: list.map((d) => ({ label: d.title, url: d.link })),
    context:
      found.length > shown ? [t('documents.list.more', { count: found.length - shown })] : [],
  });
}

/** The request in the alliance channels, with the button to answer it. */
export function requestCard(r: DocumentRequest, t: DocumentsT, answeredBy: string[]) {
  return card({
    header: t('documents.ask.header', { name: r.askerName ?? t('common.unknownPerson') }),
    text: r.what,
    buttons: [{ actionId: ANSWER_ACTION, label: t('documents.ask.answerButton'), value: r.id }],
    context: [
      answeredBy.length > 0
        ? t('documents.ask.answeredBy', { names: answeredBy.join(', ') })
        : t('documents.ask.context'),
    ],
  });
}
