/**
 * Celebrating shared successes. `succes` / `success` (optionally followed by a title) shows the
 * form: title, what happened, the partners involved, an impact figure with its unit ("12 MW",
 * "450 woningen"), a link and an optional photo link. Where the alliance requires approval
 * (`spokespersonApproval`) every spokesperson gets a card privately to approve, edit or reject
 * it with a reason (successes-review.ts), and nothing goes out before one approves; without a
 * spokesperson to reach the proposer and the coordinators are told so. Approved — or at once
 * without approval — it is announced in every linked channel on every platform, worded per
 * the alliance's positioning, with a celebrate button whose count every copy shows (once per
 * person, counted atomically) and a button for the press text; milestones (the 10th, 25th,
 * 50th … success, and the config's thresholds per unit) are celebrated once
 * (successes-announce.ts, successes-record.ts).
 */
import { z } from 'zod';
import type { FormSubmittedEvent } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import type { Translator } from '../src/core/i18n/index.js';
import { slugify } from '../src/core/ids.js';
import { FormSchema, type MessageHandle, text } from '../src/core/messages.js';
import type { ActionSpec, Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import {
  announce,
  eventKey,
  knownPartners,
  localeOf,
  REFRESH_KIND,
  refreshCopies,
  refreshLater,
  tellCoordinators,
} from './successes-announce.js';
import { pressCard } from './successes-press.js';
import {
  type Credit,
  LIMITS,
  type Success,
  successId,
  successItems,
  successRecords,
  tallyItems,
} from './successes-record.js';
import { ownReasonAction, rejectFormSpec } from './successes-reject.js';
import {
  type Changes,
  describe,
  reviewActions,
  showPending,
  submitEdit,
} from './successes-review.js';
import {
  announcementCard,
  approvalCard,
  CELEBRATE_ACTION,
  namesList,
  PRESS_ACTION,
  PROPOSE_FORM_ID,
  successForm,
} from './successes-views.js';
import { type SuccessesT, words } from './successes-words.js';

const MAX_PARTNERS = 30;

/** A list of partner ids (a multi-select; a comma-separated text from a platform that sends one). */
function partnerList(t: Translator) {
  return z.preprocess(
    (v) =>
      v === undefined || v === null || v === ''
        ? []
        : Array.isArray(v)
          ? v
          : typeof v === 'string'
            ? v.split(',')
            : [v],
    z
      .array(z.unknown())
      .refine(
        (l) => l.every((x) => typeof x === 'string' && [...x].length <= LIMITS.partner),
        t('form.invalidOption'),
      )
      .transform((l) => [
        ...new Set((l as string[]).map((s) => s.trim()).filter((s) => s.length > 0)),
      ])
      .refine((l) => l.length <= MAX_PARTNERS, t('form.tooMany', { max: MAX_PARTNERS })),
  );
}

/** The largest impact figure taken (a trillion of any unit). */
const MAX_IMPACT = 1_000_000_000_000;

/**
 * The impact figure: a number as people and spreadsheets write it (a decimal comma, or an
 * exponent such as 1.2e3), not negative.
 */
function impactNumber(t: Translator) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v.join(', ') : typeof v === 'string' ? v.trim() : v),
    z
      .unknown()
      .refine((v) => typeof v === 'string' && v !== '', t('form.required'))
      .transform((v) => Number(String(v).replace(/^([-+]?\d*),(\d+)$/, '$1.$2')))
      .refine((n) => Number.isFinite(n), t('form.invalidNumber'))
      .refine((n) => n >= 0, t('form.tooSmall', { min: 0 }))
      // No real success is larger; beyond it sums and milestones lose their precision.
      .refine((n) => n <= MAX_IMPACT, t('form.tooLarge', { max: MAX_IMPACT })),
  );
}

function successSchema(t: Translator, own: SuccessesT) {
  const f = formFields(t);
  const empty = (v: unknown) =>
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0);
  return z
    .object({
      title: f.text(LIMITS.title),
      story: f.text(LIMITS.story),
      partners: partnerList(t),
      otherPartners: f.optionalText(LIMITS.otherPartners),
      impactValue: impactNumber(t),
      impactUnit: f.text(LIMITS.unit),
      link: f.url(LIMITS.link),
      photo: z.preprocess((v) => (empty(v) ? undefined : v), f.url(LIMITS.link).optional()),
    })
    .superRefine((v, issues) => {
      if (v.partners.length === 0 && !v.otherPartners?.trim())
        issues.addIssue({
          code: 'custom',
          path: ['otherPartners'],
          message: own('successes.error.partnerNeeded'),
        });
    });
}
type SuccessInput = z.infer<ReturnType<typeof successSchema>>;

/** The partners a submission credits: those chosen from the list, and those named in text. */
async function creditsOf(ctx: FlowContext, v: SuccessInput): Promise<Credit[]> {
  const known = await knownPartners(ctx);
  const named = (v.otherPartners ?? '')
    .split(',')
    .map((s) => [...s.trim()].slice(0, LIMITS.partner).join(''))
    .filter((s) => s.length > 0)
    .map(
      (name): Credit =>
        known.find((p) => p.id === name || slugify(p.name) === slugify(name)) ?? { name },
    );
  const chosen = v.partners.flatMap((id) => known.filter((p) => p.id === id));
  const out: Credit[] = [];
  for (const c of [...chosen, ...named]) {
    const same = (o: Credit) =>
      (c.id !== undefined && o.id === c.id) || o.name.toLowerCase() === c.name.toLowerCase();
    if (!out.some(same)) out.push(c.id ? { id: c.id, name: c.name } : { name: c.name });
  }
  return out.slice(0, MAX_PARTNERS);
}

async function buildForm(ctx: FlowContext, locale: FlowContext['locale'], title?: string) {
  const partners = await knownPartners(ctx);
  return FormSchema.parse(
    successForm(ctx.alliance, locale, {
      partners,
      values: {
        ...(title ? { title: [...title].slice(0, LIMITS.title).join('') } : {}),
        ...(ctx.partner ? { partners: [ctx.partner.id] } : {}),
      },
    }),
  );
}

/** `succes [titel]` / `success [title]`: the form. */
async function open(ctx: FlowContext, args: string): Promise<void> {
  ctx.showForm(await buildForm(ctx, ctx.locale, args.trim()));
}

async function submitForm(
  ctx: FlowContext,
  v: SuccessInput,
  event: FormSubmittedEvent,
): Promise<void> {
  const t = words.t(ctx.locale);
  const partners = await creditsOf(ctx, v);
  if (partners.length === 0) {
    const form = await buildForm(ctx, ctx.locale);
    ctx.rejectForm(form, event.values, { otherPartners: t('successes.error.partnerNeeded') });
    return;
  }
  const changes: Changes = {
    title: v.title,
    story: v.story,
    partners,
    impact: { value: v.impactValue, unit: v.impactUnit },
    link: v.link,
    ...(v.photo ? { photo: v.photo } : {}),
  };
  if (event.context?.includes('|')) {
    await submitEdit(ctx, changes, event);
    return;
  }
  if (event.context !== undefined && event.context !== ctx.alliance.id) {
    ctx.completeForm(text(t('successes.gone')));
    return;
  }
  await propose(ctx, changes);
}

async function propose(ctx: FlowContext, changes: Changes): Promise<void> {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const key = eventKey(ctx);
  const id = successId(key);
  const at = ctx.now.toISOString();
  const required = alliance.spokespersonApproval;
  const name = ctx.displayName ?? ctx.member?.name;
  const draft: Success = {
    id,
    ...changes,
    ...(changes.photo ? { photo: changes.photo } : {}),
    proposer: ctx.userId,
    ...(name ? { proposerName: name } : {}),
    proposerLocale: ctx.locale,
    ...(ctx.partner ? { proposerPartner: { id: ctx.partner.id, name: ctx.partner.name } } : {}),
    proposedAt: at,
    status: required ? 'pending' : 'approved',
    approvalRequired: required,
    ...(required ? {} : { decidedAt: at, decidedEvent: key }),
    edited: false,
    version: 1,
    cards: [],
    announcements: [],
    logged: false,
    celebratedBy: [],
    formerCelebrations: 0,
    history: [
      { action: 'proposed', by: ctx.userId, ...(name ? { byName: name } : {}), at, version: 1 },
    ],
  };
  const records = successRecords(ctx.store);
  // Created once: the same event handled again finds it and carries on with it.
  const created = await records.create(alliance.id, id, draft);
  const s = created ? draft : ((await records.get(alliance.id, id)) ?? draft);
  if (created)
    await ctx.store.activity.append(alliance.id, {
      type: 'success.proposed',
      actor: ctx.userId,
      at,
      data: { successId: id, title: s.title },
      ...(ctx.partner ? { partner: ctx.partner.id } : {}),
    });
  if (!required) {
    await announce(ctx, s, key);
    ctx.completeForm(text(t('successes.announced', { title: s.title })));
    return;
  }
  const asked: { to: string; name: string }[] = [];
  for (const spokesperson of alliance.spokespersons) {
    const to = ctx.reachable(await ctx.identitiesOf(spokesperson));
    if (to && !asked.some((a) => a.to === to)) asked.push({ to, name: spokesperson.name });
  }
  if (asked.length === 0) {
    ctx.completeForm(text(t('successes.noSpokesperson', { title: s.title })));
    await tellCoordinators(ctx, s);
    return;
  }
  const cards: MessageHandle[] = [];
  for (const { to } of asked) {
    const locale = await localeOf(ctx.store, alliance, to);
    cards.push(
      ctx.sendDirect(to, approvalCard(alliance, s, locale), { purpose: `approval:${s.id}` }),
    );
  }
  await records.mutate(alliance.id, id, (r) => (r ? { ...r, cards } : r));
  ctx.completeForm(
    text(
      t('successes.sentForApproval', {
        title: s.title,
        names: namesList(
          asked.map((a) => a.name),
          ctx.locale,
        ),
      }),
    ),
  );
}

/** Celebrate: once per person, counted atomically; every copy shows the count. */
const celebrateAction: ActionSpec = {
  id: CELEBRATE_ACTION,
  describe: describe('celebrate'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const key = eventKey(ctx);
    type Outcome = 'added' | 'already' | 'gone' | 'not-announced';
    let outcome = 'gone' as Outcome;
    const after = await successRecords(ctx.store).mutate(
      ctx.alliance.id,
      event.value ?? '',
      (r) => {
        outcome = !r
          ? 'gone'
          : r.announcements.length === 0
            ? 'not-announced'
            : r.lastEvent === key || !r.celebratedBy.includes(ctx.userId)
              ? 'added'
              : 'already';
        if (outcome !== 'added' || !r || r.lastEvent === key) return r;
        return { ...r, celebratedBy: [...r.celebratedBy, ctx.userId], lastEvent: key };
      },
    );
    if (!after || outcome === 'gone') {
      ctx.reply(text(t('successes.gone')), { purpose: 'gone' });
      return;
    }
    if (outcome === 'not-announced') {
      ctx.reply(text(t('successes.notAnnounced')), { purpose: 'gone' });
      return;
    }
    if (outcome === 'already') {
      ctx.reply(text(t('successes.alreadyCelebrated', { title: after.title })), {
        purpose: 'celebrated',
      });
      return;
    }
    ctx.update(after.announcements, announcementCard(ctx.alliance, after));
    await refreshLater(ctx, after);
    ctx.reply(text(t('successes.celebrated', { title: after.title })), { purpose: 'celebrated' });
  },
};

/** The press text, privately, for whoever asks (announced successes only). */
const pressAction: ActionSpec = {
  id: PRESS_ACTION,
  describe: describe('press'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const s = await successRecords(ctx.store).get(ctx.alliance.id, event.value ?? '');
    if (s?.status !== 'approved') {
      ctx.reply(text(t(s ? 'successes.notAnnounced' : 'successes.gone')), { purpose: 'gone' });
      return;
    }
    ctx.reply(await pressCard(ctx.store, ctx.alliance, s, ctx.locale, ctx.now), {
      purpose: `press:${s.id}`,
    });
  },
};

const proposeSpec: FormSpec<SuccessInput> = {
  id: PROPOSE_FORM_ID,
  describe: describe('propose'),
  schema: (_ctx, t, locale) => successSchema(t, words.t(locale)),
  build: (ctx, locale) => buildForm(ctx, locale),
  submit: submitForm,
};

export const successesFlow: Flow = {
  id: 'successes',
  subcommands: [
    { command: 'success', describe: describe('propose'), run: open },
    {
      command: 'success',
      words: { nl: 'wachtend', en: 'pending' },
      roles: ['spokesperson'],
      describe: describe('pending'),
      run: (ctx) => showPending(ctx),
    },
  ],
  forms: [proposeSpec as FormSpec<unknown>, rejectFormSpec as FormSpec<unknown>],
  actions: [celebrateAction, pressAction, ...reviewActions, ownReasonAction],
  collections: [successItems as CollectionSpec<unknown>, tallyItems as CollectionSpec<unknown>],
  async onReminder(ctx, kind, data) {
    if (kind === REFRESH_KIND && typeof data.successId === 'string')
      await refreshCopies(ctx, data.successId);
  },
};
