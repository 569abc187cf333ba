/**
 * The share form (`deel` / `share`): a new document, an answer to a request (its context names
 * the request), or the owner's change of their own document (its context names the document).
 * The schema checks each field; submit checks what depends on the alliance and the person —
 * a level they may not choose, a partner the alliance does not have, a review date not after
 * today, a level the asker of the request may not see — and sends the form back with the error
 * next to the field, storing nothing.
 */
import { z } from 'zod';
import { BotError } from '../src/core/errors.js';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { formatDate, type Translator } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { Alliance, Partner } from '../src/domain/alliance.js';
import { LEVELS, type Level, levelsFor, mayManage, maySee } from '../src/domain/visibility.js';
import type { FlowContext, FormSpec } from '../src/engine/flow.js';
import {
  change,
  creditAnswer,
  publish,
  scheduleReview,
  showOwner,
  tellAsker,
} from './documents-publish.js';
import {
  auditDocument,
  type DocumentRequest,
  documents,
  facts,
  LIMITS,
  occurrenceOf,
  personOf,
  recordId,
  requests,
  type SharedDocument,
  speaker,
} from './documents-record.js';
import { coreNames, levelText, partnerNames, SHARE_FORM_ID, shareForm } from './documents-views.js';
import { words } from './documents-words.js';

/** A form's context: the alliance, and the record it is about. */
export const formContext = (allianceId: string, id?: string) =>
  id ? `${allianceId}|${id}` : allianceId;

/** The record a submitted form is about; refuses a form of another alliance. */
export function contextRecord(ctx: FlowContext, event: FormSubmittedEvent): string | undefined {
  if (event.context === undefined) return undefined;
  const [allianceId, id] = event.context.split('|');
  if (allianceId !== ctx.alliance.id)
    throw new BotError('form_expired', 'documents form of another alliance');
  return id || undefined;
}

/** A list field that may be left empty (partner ids; checked against the partners in submit). */
function idList(t: Translator) {
  return z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? []
        : (Array.isArray(v) ? v : String(v).split(','))
            .map((x) => (typeof x === 'string' ? x.trim() : x))
            .filter((x) => x !== ''),
    z
      .array(z.string().max(200, t('form.invalidOption')))
      .max(100, t('form.tooMany', { max: 100 }))
      .transform((list) => [...new Set(list)]),
  );
}

/** The level fields' values. */
export function levelShape(t: Translator) {
  return { level: formFields(t).select(LEVELS), partners: idList(t) };
}

/** The day of an instant in the alliance's time zone, `YYYY-MM-DD`. */
export const dayIn = (alliance: Alliance, at: Date) =>
  formatDate(at, 'en', alliance.timeZone, 'yyyy-MM-dd');

/**
 * Errors per field for a level someone chose (nothing when all is well): a level the policy
 * does not let them choose, or a partner the alliance does not have.
 */
export function levelErrors(
  ctx: FlowContext,
  level: Level,
  partnerIds: readonly string[],
  partners: readonly Partner[],
  locale: Locale,
): Record<string, string> {
  const t = words.t(locale);
  const me = speaker(ctx);
  const errors: Record<string, string> = {};
  if (!levelsFor(ctx.alliance, me).includes(level))
    errors.level =
      me.partnerId === undefined
        ? t('documents.error.levelNoPartner')
        : t('documents.error.levelCore', {
            core: coreNames(ctx.alliance, partnerNames(partners), t),
          });
  const unknown =
    level === 'partners' ? partnerIds.find((id) => !partners.some((p) => p.id === id)) : undefined;
  if (unknown !== undefined)
    errors.partners = t('documents.error.partnerUnknown', { name: unknown });
  return errors;
}

/** The partners a document names: none unless the level is `partners`; never the sharer's own. */
export const namedIds = (level: Level, ids: readonly string[], own: string | undefined) =>
  level === 'partners' ? ids.filter((id) => id !== own) : [];

/** An optional date (`YYYY-MM-DD`): `undefined` when left empty. */
function optionalDate(t: Translator) {
  const empty = (v: unknown) =>
    v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
  return z.preprocess((v) => (empty(v) ? undefined : v), formFields(t).date().optional());
}

function shareSchema(alliance: Alliance, t: Translator) {
  const f = formFields(t);
  return z.object({
    title: f.text(LIMITS.title),
    link: f.url(LIMITS.link),
    summary: f.optionalText(LIMITS.summary),
    topics: f.multiSelect(alliance.topics, { min: 0, max: LIMITS.topics }),
    ...levelShape(t),
    reviewOn: optionalDate(t),
  });
}
export type ShareValues = z.infer<ReturnType<typeof shareSchema>>;

/** The share form for this person: new, answering the request or changing the document the context names. */
export async function buildShareForm(
  ctx: FlowContext,
  locale: Locale,
  context: string = ctx.alliance.id,
): Promise<ReturnType<typeof FormSchema.parse>> {
  const { alliance, store } = ctx;
  const [, ref] = context.split('|');
  const me = speaker(ctx);
  const found = ref?.startsWith('doc-')
    ? await store.collection(documents).get(alliance.id, ref)
    : undefined;
  // Filled in only for its owner, while it is shared.
  const editing = found && mayManage(alliance, facts(found), me) ? found : undefined;
  const request = ref?.startsWith('req-')
    ? ((await store.collection(requests).get(alliance.id, ref)) ?? undefined)
    : undefined;
  const partners = await store.members.listPartners(alliance.id);
  return FormSchema.parse(
    shareForm({
      alliance,
      levels: levelsFor(alliance, me),
      partners: partners.filter((p) => p.id !== me.partnerId),
      names: partnerNames(partners),
      t: words.t(locale),
      locale,
      context: editing || request ? formContext(alliance.id, ref) : alliance.id,
      request,
      editing,
    }),
  );
}

/** The owner changes their document: every copy is updated in place. */
async function submitChange(
  ctx: FlowContext,
  id: string,
  v: ShareValues,
  event: FormSubmittedEvent,
): Promise<void> {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const d = await ctx.store.collection(documents).get(alliance.id, id);
  if (d?.status !== 'active' || !mayManage(alliance, facts(d), speaker(ctx))) {
    ctx.completeForm(text(t(d?.status === 'active' ? 'documents.notYours' : 'documents.notFound')));
    return;
  }
  const partners = await ctx.store.members.listPartners(alliance.id);
  const errors = levelErrors(ctx, v.level, v.partners, partners, ctx.locale);
  if (v.reviewOn && v.reviewOn !== d.reviewOn && v.reviewOn <= dayIn(alliance, ctx.now))
    errors.reviewOn = t('documents.error.reviewPast');
  if (Object.keys(errors).length > 0) {
    ctx.rejectForm(await buildShareForm(ctx, ctx.locale, event.context), event.values, errors);
    return;
  }
  // In the trail before the change: handled again after a crash, it is written once.
  if (v.level !== d.level) await auditDocument(ctx, 'document.level-changed', d, { to: v.level });
  const after = await change(ctx, id, (x) => ({
    ...x,
    title: v.title,
    link: v.link,
    summary: v.summary ?? '',
    topics: v.topics,
    level: v.level,
    partners: namedIds(v.level, v.partners, x.ownerPartnerId),
    reviewOn: v.reviewOn,
    changedAt: ctx.now.toISOString(),
  }));
  const now = after ?? d;
  if (now.reviewOn !== d.reviewOn) await scheduleReview(ctx, now);
  const level = levelText(now, alliance, partnerNames(partners), t, ctx.locale);
  ctx.completeForm(text(t('documents.owner.changed', { title: now.title, level })));
}

/** A new document (perhaps answering a request): stored once, announced where it may be seen. */
async function submitNew(
  ctx: FlowContext,
  v: ShareValues,
  event: FormSubmittedEvent,
  request: DocumentRequest | null,
): Promise<void> {
  const { alliance, store } = ctx;
  const t = words.t(ctx.locale);
  const me = speaker(ctx);
  const partners = await store.members.listPartners(alliance.id);
  const errors = levelErrors(ctx, v.level, v.partners, partners, ctx.locale);
  if (v.reviewOn && v.reviewOn <= dayIn(alliance, ctx.now))
    errors.reviewOn = t('documents.error.reviewPast');
  const occurrence = occurrenceOf(ctx);
  const draft: SharedDocument = {
    id: recordId('doc', occurrence),
    allianceId: alliance.id,
    title: v.title,
    link: v.link,
    summary: v.summary ?? '',
    topics: v.topics,
    level: v.level,
    partners: namedIds(v.level, v.partners, me.partnerId),
    ownerId: me.userId,
    ...(ctx.displayName ? { ownerName: ctx.displayName } : {}),
    ...(me.partnerId ? { ownerPartnerId: me.partnerId } : {}),
    ownerLocale: ctx.locale,
    sharedAt: ctx.now.toISOString(),
    ...(v.reviewOn ? { reviewOn: v.reviewOn } : {}),
    status: 'active',
    ...(request ? { request: request.id } : {}),
    occurrence,
    copies: [],
  };
  const asker = request && request.askerId !== me.userId ? request : null;
  if (asker && errors.level === undefined) {
    const member = await store.members.getMember(alliance.id, asker.askerId);
    if (!maySee(alliance, facts(draft), personOf(alliance.id, asker.askerId, member)))
      errors.level = t('documents.error.askerCannotSee', {
        name: asker.askerName ?? t('common.unknownPerson'),
      });
  }
  if (Object.keys(errors).length > 0) {
    ctx.rejectForm(await buildShareForm(ctx, ctx.locale, event.context), event.values, errors);
    return;
  }
  const collection = store.collection(documents);
  // Logged once, for digests and community health (contributing).
  if ((await collection.create(alliance.id, draft.id, draft)) && draft.ownerPartnerId)
    await store.activity.append(alliance.id, {
      type: 'document.shared',
      actor: draft.ownerId,
      partner: draft.ownerPartnerId,
      at: draft.sharedAt,
      data: { document: draft.id, level: draft.level, ...(request ? { request: request.id } : {}) },
    });
  // The same event handled again finds its document and sends the same messages (once).
  const d = { ...((await collection.get(alliance.id, draft.id)) ?? draft), copies: [] };
  await auditDocument(ctx, 'document.shared', d);
  const published = await publish(ctx, d, new Set(asker ? [asker.askerId] : []));
  const copies = [...published.copies];
  if (asker) {
    const member = await store.members.getMember(alliance.id, asker.askerId);
    const locale = member?.locale ?? asker.askerLocale ?? alliance.locale;
    const name = d.ownerName ?? words.t(locale)('common.unknownPerson');
    copies.push(await tellAsker(ctx, d, { id: asker.askerId, locale }, name));
  }
  const reach = { ...published, copies, people: published.people + (asker ? 1 : 0) };
  const withOwner = await showOwner(ctx, d, reach);
  await collection.mutate(alliance.id, d.id, (x) => x && { ...x, copies: withOwner });
  await scheduleReview(ctx, d);
  if (request) await creditAnswer(ctx, request.id, d);
  const done = t('documents.done', { title: d.title });
  ctx.completeForm(
    text(
      asker
        ? `${done} ${t('documents.owner.answered', { name: asker.askerName ?? t('common.unknownPerson') })}`
        : done,
    ),
  );
}

export const shareSpec: FormSpec<ShareValues> = {
  id: SHARE_FORM_ID,
  describe: (locale) => words.t(locale)('documents.describe.share'),
  schema: (ctx, t) => shareSchema(ctx.alliance, t),
  build: (ctx, locale) =>
    buildShareForm(
      ctx,
      locale,
      ctx.event.type === 'form_submitted' ? ctx.event.context : undefined,
    ),
  async submit(ctx, v, event) {
    const ref = contextRecord(ctx, event);
    if (ref?.startsWith('doc-')) return submitChange(ctx, ref, v, event);
    const request = ref?.startsWith('req-')
      ? await ctx.store.collection(requests).get(ctx.alliance.id, ref)
      : null;
    return submitNew(ctx, v, event, request);
  },
};
