/**
 * The toolkit (communicatiemiddelen): key messages, boilerplate texts and links per language,
 * so partners speak with one message to their own constituencies. Seeded from the alliance
 * config (toolkit-record.ts says how the config and the chat meet), kept by the coordinators
 * in chat — `toolkit toevoegen` / `toolkit add`, and Change and Retire on each item of their
 * view — and fetched by everyone with `toolkit` (optionally followed by words to search):
 * the items in their language (the other language when there are none in theirs), grouped
 * by kind, each in a card of its own whose body is exactly the text, to copy as it is.
 *
 * Two coordinators changing one item: the change form carries the version it was opened on;
 * a change saved on an older version is not stored and its author is told who changed the
 * item meanwhile, with both versions (one atomic step on the item decides).
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { formatDate, type Translator } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import { TOOLKIT_KINDS } from '../src/domain/alliance.js';
import type { ActionSpec, Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import {
  chatItemId,
  LIMITS,
  seedToolkit,
  type ToolkitRecord,
  toolkitItems,
  toolkitRecords,
  withEvent,
} from './toolkit-record.js';
import {
  ADD_ACTION,
  ADD_FORM_ID,
  CHANGE_ACTION,
  CHANGE_FORM_ID,
  emptyCard,
  type ItemValues,
  inKindOrder,
  itemCard,
  itemForm,
  languageName,
  MAX_SHOWN,
  overviewCard,
  RETIRE_ACTION,
} from './toolkit-views.js';
import { type ToolkitT, words } from './toolkit-words.js';

const describe = (key: 'show' | 'add' | 'change' | 'retire') => (locale: Locale) =>
  words.t(locale)(`toolkit.describe.${key}`);

/** What this event handled: handled again after a crash, it finds its own writes. */
const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;
const isCoordinator = (ctx: FlowContext) => ctx.roles.includes('coordinator');
const other = (locale: Locale): Locale => (locale === 'nl' ? 'en' : 'nl');

/** Lower case without accents, for searching. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether every searched word occurs in the item (title, text, or its kind's names). */
function matches(item: ToolkitRecord, search: string[]): boolean {
  const kinds = (['nl', 'en'] as const).flatMap((l) => [
    words.t(l)(`toolkit.kind.${item.kind}`),
    words.t(l)(`toolkit.kinds.${item.kind}`),
  ]);
  const haystack = fold([item.title, item.text, ...kinds].join('\n'));
  return search.every((w) => haystack.includes(w));
}

/** `toolkit [words]`: the items this person may use, as cards to copy from. */
async function show(ctx: FlowContext, args: string): Promise<void> {
  const { alliance, locale } = ctx;
  const t = words.t(locale);
  const coordinator = isCoordinator(ctx);
  await seedToolkit(ctx.store, alliance, ctx.now);
  const active = (await toolkitRecords(ctx.store).list(alliance.id)).filter(
    (r) => r.status === 'active',
  );
  const search = fold(args)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const found = active.filter((r) => matches(r, search));
  let items: ToolkitRecord[];
  let fallback: Locale | undefined;
  if (coordinator) {
    items = [locale, other(locale)].flatMap((l) =>
      inKindOrder(found.filter((r) => r.language === l)),
    );
  } else {
    items = inKindOrder(found.filter((r) => r.language === locale));
    if (items.length === 0) {
      items = inKindOrder(found.filter((r) => r.language === other(locale)));
      if (items.length > 0) fallback = other(locale);
    }
  }
  if (items.length === 0) {
    const message =
      search.length > 0
        ? t('toolkit.nothingFound', { words: args.trim() })
        : t(coordinator ? 'toolkit.emptyCoordinator' : 'toolkit.empty');
    ctx.reply(emptyCard(alliance, message, coordinator, t), { purpose: 'toolkit' });
    return;
  }
  const shown = items.slice(0, MAX_SHOWN);
  ctx.reply(
    overviewCard(alliance, { shown, more: items.length - shown.length, fallback, coordinator }, t),
    { purpose: 'toolkit' },
  );
  for (const item of shown) {
    ctx.reply(itemCard(item, t, { locale, timeZone: alliance.timeZone, coordinator }), {
      purpose: `item:${item.id}`,
    });
  }
}

function itemSchema(t: Translator, own: ToolkitT) {
  const f = formFields(t);
  const empty = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return z
    .object({
      title: f.text(LIMITS.title),
      kind: f.select(TOOLKIT_KINDS),
      language: f.select(['nl', 'en'] as const),
      text: f.text(LIMITS.text),
      link: z.preprocess(
        (v) => (empty(v) || (typeof v === 'string' && v.trim() === '') ? undefined : v),
        f.url(LIMITS.link).optional(),
      ),
    })
    .superRefine((v, issues) => {
      if (v.kind === 'link' && !v.link)
        issues.addIssue({
          code: 'custom',
          path: ['link'],
          message: own('toolkit.error.linkNeeded'),
        });
    });
}
type ItemInput = z.infer<ReturnType<typeof itemSchema>>;

/** The change form's context: the alliance, the item and the version it was opened on. */
function changeContext(
  ctx: FlowContext,
  event: FormSubmittedEvent,
): { id: string; version: number } | undefined {
  const [allianceId, id, version] = (event.context ?? '').split('|');
  const n = Number(version);
  if (allianceId !== ctx.alliance.id || !id || !Number.isInteger(n) || n < 1) return undefined;
  return { id, version: n };
}

const valuesOf = (r: ToolkitRecord): ItemValues => ({
  title: r.title,
  kind: r.kind,
  language: r.language,
  text: r.text,
  link: r.link,
});

async function buildAddForm(ctx: FlowContext, locale: Locale) {
  return FormSchema.parse(
    itemForm(ctx.alliance, words.t(locale), locale, { language: ctx.locale }),
  );
}

async function buildChangeForm(ctx: FlowContext, locale: Locale) {
  const t = words.t(locale);
  const target = ctx.event.type === 'form_submitted' ? changeContext(ctx, ctx.event) : undefined;
  const record = target ? await toolkitRecords(ctx.store).get(ctx.alliance.id, target.id) : null;
  // Shown again with errors: still on the version it was opened on (a conflict stays one).
  return FormSchema.parse(
    itemForm(
      ctx.alliance,
      t,
      locale,
      record ? valuesOf(record) : { language: ctx.locale },
      target ?? { id: 'unknown', version: 1 },
    ),
  );
}

function by(ctx: FlowContext) {
  return { by: ctx.userId, ...(ctx.displayName ? { byName: ctx.displayName } : {}) };
}

async function submitAdd(ctx: FlowContext, v: ItemInput, event: FormSubmittedEvent) {
  const t = words.t(ctx.locale);
  if (event.context !== undefined && event.context !== ctx.alliance.id) {
    ctx.completeForm(text(t('toolkit.gone')));
    return;
  }
  const key = eventKey(ctx);
  const id = chatItemId(key);
  const at = ctx.now.toISOString();
  // Created once: the same event handled again finds it and answers the same.
  await toolkitRecords(ctx.store).create(ctx.alliance.id, id, {
    id,
    title: v.title,
    text: v.text,
    ...(v.link ? { link: v.link } : {}),
    kind: v.kind,
    language: v.language,
    status: 'active',
    origin: 'chat',
    version: 1,
    lastEvent: key,
    history: [{ action: 'created', ...by(ctx), at, version: 1 }],
  });
  ctx.completeForm(
    text(t('toolkit.done.added', { title: v.title, language: languageName(t, v.language) })),
  );
}

type ChangeOutcome = 'changed' | 'unchanged' | 'gone' | 'retired' | 'conflict';

/** What a change made on `version` does to the item as it is now. */
function changeOutcome(
  r: ToolkitRecord | null,
  key: string,
  version: number,
  v: ItemInput,
): ChangeOutcome {
  if (!r) return 'gone';
  if (r.lastEvent === key) return 'changed'; // this very event, handled before a crash
  if (r.status === 'retired') return 'retired';
  if (r.version !== version) return 'conflict';
  const same =
    r.title === v.title &&
    r.text === v.text &&
    (r.link ?? '') === (v.link ?? '') &&
    r.kind === v.kind &&
    r.language === v.language;
  return same ? 'unchanged' : 'changed';
}

async function submitChange(ctx: FlowContext, v: ItemInput, event: FormSubmittedEvent) {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const target = changeContext(ctx, event);
  if (!target) {
    ctx.completeForm(text(t('toolkit.gone')));
    return;
  }
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  let outcome: ChangeOutcome = 'gone';
  const after = await toolkitRecords(ctx.store).mutate(alliance.id, target.id, (r) => {
    outcome = changeOutcome(r, key, target.version, v);
    if (!r || outcome !== 'changed' || r.lastEvent === key) return r;
    const { link: _old, ...rest } = r;
    const version = r.version + 1;
    return {
      ...rest,
      title: v.title,
      text: v.text,
      ...(v.link ? { link: v.link } : {}),
      kind: v.kind,
      language: v.language,
      version,
      lastEvent: key,
      history: withEvent(r, { action: 'changed', ...by(ctx), at, version }),
    };
  });
  const result = outcome as ChangeOutcome;
  if (!after || result === 'gone') {
    ctx.completeForm(text(t('toolkit.gone')));
    return;
  }
  const last = after.history.at(-1);
  const who = last?.byName ?? (last?.by ? t('common.unknownPerson') : t('toolkit.config'));
  const when = last ? formatDate(last.at, ctx.locale, alliance.timeZone, 'dateTime') : '';
  if (result === 'retired') {
    ctx.completeForm(text(t('toolkit.alreadyRetired', { title: after.title, who, when })));
    return;
  }
  if (result === 'unchanged') {
    ctx.completeForm(text(t('toolkit.done.unchanged', { title: after.title })));
    return;
  }
  if (result === 'changed') {
    ctx.completeForm(text(t('toolkit.done.changed', { title: after.title })));
    return;
  }
  // Conflict: nothing stored; the current version (to change again) and theirs (to copy from).
  ctx.completeForm(text(t('toolkit.conflict', { title: after.title, who, when })));
  const view = { locale: ctx.locale, timeZone: alliance.timeZone };
  ctx.reply(itemCard(after, t, { ...view, coordinator: true }), { purpose: 'conflict-current' });
  const { link: _old, ...rest } = after;
  const theirs: ToolkitRecord = { ...rest, ...v, ...(v.link ? { link: v.link } : {}) };
  ctx.reply(
    itemCard(theirs, t, {
      ...view,
      coordinator: false,
      header: t('toolkit.conflict.yours', { title: v.title }),
    }),
    { purpose: 'conflict-yours' },
  );
}

async function openAdd(ctx: FlowContext) {
  ctx.showForm(await buildAddForm(ctx, ctx.locale));
}

const addAction: ActionSpec = {
  id: ADD_ACTION,
  roles: ['coordinator'],
  describe: describe('add'),
  run: openAdd,
};

const changeAction: ActionSpec = {
  id: CHANGE_ACTION,
  roles: ['coordinator'],
  describe: describe('change'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const record = await toolkitRecords(ctx.store).get(ctx.alliance.id, event.value ?? '');
    if (!record) {
      ctx.reply(text(t('toolkit.gone')), { purpose: 'gone' });
      return;
    }
    if (record.status === 'retired') {
      const last = record.history.at(-1);
      ctx.reply(
        text(
          t('toolkit.alreadyRetired', {
            title: record.title,
            who: last?.byName ?? t('common.unknownPerson'),
            when: last ? formatDate(last.at, ctx.locale, ctx.alliance.timeZone, 'dateTime') : '',
          }),
        ),
        { purpose: 'retired' },
      );
      return;
    }
    ctx.showForm(
      FormSchema.parse(
        itemForm(ctx.alliance, t, ctx.locale, valuesOf(record), {
          id: record.id,
          version: record.version,
        }),
      ),
    );
  },
};

const retireAction: ActionSpec = {
  id: RETIRE_ACTION,
  roles: ['coordinator'],
  describe: describe('retire'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const key = eventKey(ctx);
    const at = ctx.now.toISOString();
    let outcome: 'retired' | 'already' | 'gone' = 'gone';
    const after = await toolkitRecords(ctx.store).mutate(
      ctx.alliance.id,
      event.value ?? '',
      (r) => {
        outcome = !r
          ? 'gone'
          : r.lastEvent === key || r.status === 'active'
            ? 'retired'
            : 'already';
        if (!r || r.lastEvent === key || r.status === 'retired') return r;
        const version = r.version + 1;
        return {
          ...r,
          status: 'retired' as const,
          version,
          lastEvent: key,
          history: withEvent(r, { action: 'retired', ...by(ctx), at, version }),
        };
      },
    );
    const result = outcome as 'retired' | 'already' | 'gone';
    if (!after || result === 'gone') {
      ctx.reply(text(t('toolkit.gone')), { purpose: 'gone' });
      return;
    }
    if (result === 'already') {
      const last = after.history.at(-1);
      ctx.reply(
        text(
          t('toolkit.alreadyRetired', {
            title: after.title,
            who: last?.byName ?? t('common.unknownPerson'),
            when: last ? formatDate(last.at, ctx.locale, ctx.alliance.timeZone, 'dateTime') : '',
          }),
        ),
        { purpose: 'retired' },
      );
      return;
    }
    ctx.reply(text(t('toolkit.done.retired', { title: after.title })), { purpose: 'retired' });
  },
};

const addSpec: FormSpec<ItemInput> = {
  id: ADD_FORM_ID,
  roles: ['coordinator'],
  describe: describe('add'),
  schema: (_ctx, t, locale) => itemSchema(t, words.t(locale)),
  build: buildAddForm,
  submit: submitAdd,
};

const changeSpec: FormSpec<ItemInput> = {
  id: CHANGE_FORM_ID,
  roles: ['coordinator'],
  describe: describe('change'),
  schema: (_ctx, t, locale) => itemSchema(t, words.t(locale)),
  build: buildChangeForm,
  submit: submitChange,
};

export const toolkitFlow: Flow = {
  id: 'toolkit',
  subcommands: [
    { command: 'toolkit', describe: describe('show'), run: show },
    {
      command: 'toolkit',
      words: { nl: 'toevoegen', en: 'add' },
      roles: ['coordinator'],
      describe: describe('add'),
      run: openAdd,
    },
  ],
  forms: [addSpec as FormSpec<unknown>, changeSpec as FormSpec<unknown>],
  actions: [addAction, changeAction, retireAction],
  collections: [toolkitItems as CollectionSpec<unknown>],
};
