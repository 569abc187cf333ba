/**
 * The shapes of the toolkit: the overview (titles grouped by kind), one card per item with
 * the text as its only body text — so what a partner selects and copies is exactly the text,
 * with no label, list mark or formatting of ours in it — and the coordinators' form (add, or
 * change with the item's values filled in). Pure functions of their input.
 */
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import { type Alliance, TOOLKIT_KINDS, type ToolkitKind } from '../src/domain/alliance.js';
import { LIMITS, type ToolkitRecord } from './toolkit-record.js';
import type { ToolkitT } from './toolkit-words.js';

/** One form adds and changes: a change carries the item and its version in the context. */
export const ITEM_FORM_ID = 'toolkit.item';
export const ADD_ACTION = 'toolkit.add';
export const CHANGE_ACTION = 'toolkit.change';
export const RETIRE_ACTION = 'toolkit.retire';
export const COPY_ACTION = 'toolkit.copy';

/** At most this many item cards in one answer (the rest: search with words). */
export const MAX_SHOWN = 20;

export const languageName = (t: ToolkitT, language: Locale) => t(`toolkit.language.${language}`);
const kindName = (t: ToolkitT, kind: ToolkitKind) => t(`toolkit.kind.${kind}`);

/** Items in the toolkit's order: by kind (key messages, boilerplates, links), then as stored. */
export function inKindOrder(items: readonly ToolkitRecord[]): ToolkitRecord[] {
  return TOOLKIT_KINDS.flatMap((kind) => items.filter((i) => i.kind === kind));
}

export interface OverviewFacts {
  shown: readonly ToolkitRecord[];
  /** Items left out past MAX_SHOWN. */
  more: number;
  /** The language shown instead of the person's own, when they have none. */
  fallback?: Locale | undefined;
  coordinator: boolean;
}

/** The first card: what the toolkit is and its titles per kind. */
export function overviewCard(alliance: Alliance, facts: OverviewFacts, t: ToolkitT) {
  const fields = TOOLKIT_KINDS.map((kind) => ({
    kind,
    titles: facts.shown.filter((i) => i.kind === kind).map((i) => i.title),
  }))
    .filter((g) => g.titles.length > 0)
    .map((g) => ({
      label: `${t(`toolkit.kinds.${g.kind}`)} (${g.titles.length})`,
      value: g.titles.join('\n'),
    }));
  return card({
    header: t('toolkit.header', { alliance: alliance.name }),
    text: t(facts.coordinator ? 'toolkit.introCoordinator' : 'toolkit.intro'),
    fields,
    buttons: facts.coordinator ? [{ actionId: ADD_ACTION, label: t('toolkit.add') }] : [],
    context: [
      ...(facts.fallback
        ? [t('toolkit.fallback', { language: languageName(t, facts.fallback) })]
        : []),
      ...(facts.more > 0 ? [t('toolkit.more', { count: facts.more })] : []),
    ],
  });
}

/** An empty toolkit (or nothing found), with the way to add for a coordinator. */
export function emptyCard(alliance: Alliance, message: string, coordinator: boolean, t: ToolkitT) {
  return card({
    header: t('toolkit.header', { alliance: alliance.name }),
    text: message,
    buttons: coordinator ? [{ actionId: ADD_ACTION, label: t('toolkit.add') }] : [],
  });
}

/** Who last wrote the item, for the small print. */
function provenance(item: ToolkitRecord, t: ToolkitT, locale: Locale, timeZone: string): string {
  const last = item.history.at(-1);
  if (!last || last.action === 'seeded' || last.action === 'config')
    return t('toolkit.item.fromConfig');
  const who = last.byName ?? t('common.unknownPerson');
  const when = formatDate(last.at, locale, timeZone);
  return last.action === 'created'
    ? t('toolkit.item.added', { who, when })
    : t('toolkit.item.changed', { who, when });
}

/**
 * One item: its title as the header, its text as the only body (copied as it is), its link,
 * and in the small print its kind and language; a button sends the text alone as a plain
 * message (on Teams a message without Markdown, so nothing in it is escaped or reflowed). A
 * coordinator also gets Change and Retire.
 */
export function itemCard(
  item: ToolkitRecord,
  t: ToolkitT,
  options: {
    locale: Locale;
    timeZone: string;
    coordinator: boolean;
    header?: string;
    /** Whether it offers the text as a message of its own (not for a version not saved). */
    copy?: boolean;
  },
): OutboundMessage {
  const context = [
    t('toolkit.item.context', {
      kind: kindName(t, item.kind),
      language: languageName(t, item.language),
    }),
    ...(options.coordinator ? [provenance(item, t, options.locale, options.timeZone)] : []),
  ];
  return card(
    {
      header: options.header ?? item.title,
      text: item.text,
      links: item.link ? [{ label: t('toolkit.item.open'), url: item.link }] : [],
      buttons: [
        ...(options.copy === false
          ? []
          : [{ actionId: COPY_ACTION, label: t('toolkit.item.copy'), value: item.id }]),
        ...(options.coordinator
          ? [
              { actionId: CHANGE_ACTION, label: t('toolkit.item.change'), value: item.id },
              {
                actionId: RETIRE_ACTION,
                label: t('toolkit.item.retire'),
                value: item.id,
                style: 'danger' as const,
              },
            ]
          : []),
      ],
      context,
    },
    // Where a platform shows only the fallback, the text is still there whole.
    [options.header ?? item.title, item.text, ...(item.link ? [item.link] : [])].join('\n\n'),
  );
}

/** The form's values for an item (change), or the defaults (add). */
export interface ItemValues {
  title?: string;
  kind?: ToolkitKind;
  language: Locale;
  text?: string;
  link?: string | undefined;
}

/**
 * `toolkit toevoegen` / `toolkit add`, or Change on an item: title, kind, language, text and
 * an optional link. The change form carries the item and the version it was opened on.
 */
export function itemForm(
  alliance: Alliance,
  t: ToolkitT,
  locale: Locale,
  values: ItemValues,
  change?: { id: string; version: number },
): FormInput {
  return {
    id: ITEM_FORM_ID,
    locale,
    title: t(change ? 'toolkit.form.changeTitle' : 'toolkit.form.addTitle'),
    intro: t('toolkit.form.intro'),
    submitLabel: t(change ? 'toolkit.form.submitChange' : 'toolkit.form.submitAdd'),
    context: change ? `${alliance.id}|${change.id}|${change.version}` : alliance.id,
    fields: [
      {
        type: 'text',
        name: 'title',
        label: t('toolkit.field.title'),
        maxLength: LIMITS.title,
        ...(values.title ? { initial: values.title } : {}),
      },
      {
        type: 'select',
        name: 'kind',
        label: t('toolkit.field.kind'),
        options: TOOLKIT_KINDS.map((kind) => ({ value: kind, label: kindName(t, kind) })),
        initial: values.kind ?? 'key-message',
      },
      {
        type: 'select',
        name: 'language',
        label: t('toolkit.field.language'),
        options: [
          { value: 'nl', label: t('language.nl') },
          { value: 'en', label: t('language.en') },
        ],
        initial: values.language,
      },
      {
        type: 'longText',
        name: 'text',
        label: t('toolkit.field.text'),
        hint: t('toolkit.field.text.hint'),
        maxLength: LIMITS.text,
        ...(values.text ? { initial: values.text } : {}),
      },
      {
        type: 'url',
        name: 'link',
        label: t('toolkit.field.link'),
        hint: t('toolkit.field.link.hint'),
        maxLength: LIMITS.link,
        required: false,
        ...(values.link ? { initial: values.link } : {}),
      },
    ],
  };
}
