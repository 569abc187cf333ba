/**
 * The toolkit's form, for coordinators: one form that adds an item (`toolkit toevoegen` /
 * `toolkit add`, or the Add button) or changes one (its Change button, with the values filled
 * in; the context names the item and the version it was opened on). It checks what was typed
 * (a title, a text within 3000 characters, an http(s) link; a Link item needs its link) and
 * stores nothing otherwise. Saved on an older version, a change is not stored and the
 * coordinator is told who changed the item meanwhile, with both versions (one atomic step on
 * the item decides).
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { formatDate, type Translator } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import { TOOLKIT_KINDS } from '../src/domain/alliance.js';
import type { FlowContext, FormSpec } from '../src/engine/flow.js';
import {
  chatItemId,
  LIMITS,
  type ToolkitRecord,
  toolkitRecords,
  withEvent,
} from './toolkit-record.js';
import {
  ITEM_FORM_ID,
  type ItemValues,
  itemCard,
  itemForm,
  languageName,
} from './toolkit-views.js';
import { type ToolkitT, words } from './toolkit-words.js';

export const describe =
  (key: 'show' | 'add' | 'change' | 'retire' | 'copy' | 'save') => (locale: Locale) =>
    words.t(locale)(`toolkit.describe.${key}`);

/** What this event handled: handled again after a crash, it finds its own writes. */
export const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/**
 * The alliance's audit trail: who added, changed or retired which item (the record keeps the
 * same per item, in its history).
 */
export async function auditItem(
  ctx: FlowContext,
  kind: 'toolkit.added' | 'toolkit.changed' | 'toolkit.retired',
  item: Pick<ToolkitRecord, 'id' | 'title' | 'kind' | 'language' | 'version'>,
): Promise<void> {
  await ctx.audit(kind, {
    item: item.id,
    title: item.title,
    itemKind: item.kind,
    language: item.language,
    version: item.version,
  });
}

/** Who wrote an item's last version and when, in words. */
export function lastWriter(r: ToolkitRecord, ctx: FlowContext): { who: string; when: string } {
  const t = words.t(ctx.locale);
  const last = r.history.at(-1);
  return {
    who: last?.byName ?? (last?.by ? t('common.unknownPerson') : t('toolkit.config')),
    when: last ? formatDate(last.at, ctx.locale, ctx.alliance.timeZone, 'dateTime') : '',
  };
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

export const valuesOf = (r: ToolkitRecord): ItemValues => ({
  title: r.title,
  kind: r.kind,
  language: r.language,
  text: r.text,
  link: r.link,
});

export async function buildAddForm(ctx: FlowContext, locale: Locale) {
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

export function by(ctx: FlowContext) {
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
  const created = await toolkitRecords(ctx.store).create(ctx.alliance.id, id, {
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
  // This event's item: in the trail (handled again after a crash: at least once).
  const mine = created || (await toolkitRecords(ctx.store).get(ctx.alliance.id, id))?.lastEvent;
  if (mine === true || mine === key)
    await auditItem(ctx, 'toolkit.added', { id, ...v, version: 1 });
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
  const { who, when } = lastWriter(after, ctx);
  if (result === 'retired') {
    ctx.completeForm(text(t('toolkit.alreadyRetired', { title: after.title, who, when })));
    return;
  }
  if (result === 'unchanged') {
    ctx.completeForm(text(t('toolkit.done.unchanged', { title: after.title })));
    return;
  }
  if (result === 'changed') {
    await auditItem(ctx, 'toolkit.changed', after);
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
      copy: false,
      header: t('toolkit.conflict.yours', { title: v.title }),
    }),
    { purpose: 'conflict-yours' },
  );
}

/** Whether a submission changes an item (its form carried one) or adds one. */
const isChange = (event: FormSubmittedEvent) => (event.context ?? '').includes('|');

async function buildItemForm(ctx: FlowContext, locale: Locale) {
  return ctx.event.type === 'form_submitted' && isChange(ctx.event)
    ? buildChangeForm(ctx, locale)
    : buildAddForm(ctx, locale);
}

/** The toolkit's one form: adds an item, or changes the one its context names. */
export const itemSpec: FormSpec<ItemInput> = {
  id: ITEM_FORM_ID,
  roles: ['coordinator'],
  describe: describe('save'),
  schema: (_ctx, t, locale) => itemSchema(t, words.t(locale)),
  build: buildItemForm,
  submit: (ctx, values, event) =>
    isChange(event) ? submitChange(ctx, values, event) : submitAdd(ctx, values, event),
};
