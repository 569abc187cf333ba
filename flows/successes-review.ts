/**
 * The spokespersons' side of a success: the buttons on their approval card — approve, edit
 * (the proposal form, filled in, for the version it was opened on), reject (the card then
 * offers the reasons; the chosen one is the proposer's answer, with the spokesperson's name to
 * get in touch) and back — and the edit's submission. Only a spokesperson may (declared on
 * each button, so the engine refuses anyone else and says who can; the shared form checks it
 * itself). The first decision counts: one atomic step on the record decides, every card
 * changes in place to say who decided, and anyone later hears it was decided already.
 */
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, FlowContext } from '../src/engine/flow.js';
import { announce, eventKey, knownPartners, localeOf, updateCards } from './successes-announce.js';
import {
  type Credit,
  type RejectReason,
  RejectReasonSchema,
  type Success,
  successRecords,
  withEvent,
} from './successes-record.js';
import {
  APPROVE_ACTION,
  approvalCard,
  BACK_ACTION,
  EDIT_ACTION,
  type FormValues,
  REASON_ACTION,
  REJECT_ACTION,
  successForm,
} from './successes-views.js';
import { words } from './successes-words.js';

export const describe =
  (key: 'propose' | 'approve' | 'edit' | 'reject' | 'pending' | 'celebrate' | 'press') =>
  (locale: Locale) =>
    words.t(locale)(`successes.describe.${key}`);

const by = (ctx: FlowContext) => ({
  by: ctx.userId,
  ...(ctx.displayName ? { byName: ctx.displayName } : {}),
});

/**
 * The alliance's audit trail: who approved, edited or rejected whose success (written once
 * per event: handled again after a crash, the same entry is not written twice).
 */
async function auditSuccess(
  ctx: FlowContext,
  kind: 'success.approved' | 'success.edited' | 'success.rejected',
  s: Success,
  extra: Record<string, string | number> = {},
): Promise<void> {
  await ctx.audit(kind, {
    ...(s.proposer ? { subject: s.proposer } : {}),
    ...(s.proposer && s.proposerName ? { subjectName: s.proposerName } : {}),
    success: s.id,
    title: s.title,
    ...extra,
  });
}

/** What a press or submission finds: the success, or the answer that it is gone or decided. */
async function pendingOrAnswer(ctx: FlowContext, id: string): Promise<Success | undefined> {
  const t = words.t(ctx.locale);
  const s = await successRecords(ctx.store).get(ctx.alliance.id, id);
  if (!s) {
    ctx.reply(text(t('successes.gone')), { purpose: 'gone' });
    return undefined;
  }
  if (s.status !== 'pending') {
    await updateCards(ctx, s);
    ctx.reply(text(alreadyText(ctx.locale, s)), { purpose: 'already' });
    return undefined;
  }
  return s;
}

function alreadyText(locale: Locale, s: Success): string {
  const t = words.t(locale);
  return t('successes.already', {
    title: s.title,
    who: s.decidedByName ?? t('common.unknownPerson'),
    outcome: t(
      s.status === 'rejected' ? 'successes.outcome.rejected' : 'successes.outcome.approved',
    ),
  });
}

/** The person's own approval cards of a success (to change where they pressed). */
const ownCards = (ctx: FlowContext, s: Success) =>
  s.cards.filter((c) => c.to.kind !== 'conversation' && c.to.userId === ctx.userId);

function showOwn(ctx: FlowContext, s: Success, view: 'decide' | 'reasons'): void {
  const own = ownCards(ctx, s);
  const message = approvalCard(ctx.alliance, s, ctx.locale, view);
  if (own.length > 0) ctx.update(own, message);
  else ctx.reply(message, { purpose: `${view}:${s.id}` });
}

type Decision = { kind: 'approved' } | { kind: 'rejected'; reason: RejectReason };

/** Decides a pending success (the first decision counts); tells everyone what they need. */
async function decide(ctx: FlowContext, id: string, decision: Decision): Promise<void> {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  let mine = false as boolean;
  const after = await successRecords(ctx.store).mutate(alliance.id, id, (r) => {
    mine = r?.decidedEvent === key; // this very event decided before a crash
    if (r?.status !== 'pending') return r;
    mine = true;
    return {
      ...r,
      status: decision.kind,
      decidedBy: ctx.userId,
      ...(ctx.displayName ? { decidedByName: ctx.displayName } : {}),
      decidedAt: at,
      decidedEvent: key,
      ...(decision.kind === 'rejected' ? { reason: decision.reason } : {}),
      history: withEvent(r, {
        action: decision.kind,
        ...by(ctx),
        at,
        version: r.version,
        ...(decision.kind === 'rejected' ? { reason: decision.reason } : {}),
      }),
    };
  });
  if (!after) {
    ctx.reply(text(t('successes.gone')), { purpose: 'gone' });
    return;
  }
  await updateCards(ctx, after);
  if (!mine) {
    ctx.reply(text(alreadyText(ctx.locale, after)), { purpose: 'already' });
    return;
  }
  await auditSuccess(
    ctx,
    decision.kind === 'approved' ? 'success.approved' : 'success.rejected',
    after,
    decision.kind === 'rejected' ? { reason: decision.reason } : {},
  );
  const who = after.decidedByName ?? t('common.unknownPerson');
  const toProposer = after.proposer && after.proposer !== ctx.userId ? after.proposer : undefined;
  const pt = words.t(after.proposerLocale ?? alliance.locale);
  if (after.status === 'rejected') {
    ctx.reply(
      text(
        t('successes.done.rejected', {
          title: after.title,
          name: after.proposerName ?? t('common.unknownPerson'),
        }),
      ),
      { purpose: 'decided' },
    );
    if (toProposer)
      ctx.sendDirect(
        toProposer,
        text(
          pt('successes.youRejected', {
            title: after.title,
            who,
            reason: pt(`successes.reason.${after.reason ?? 'scope'}`),
          }),
        ),
        { purpose: `outcome:${after.id}` },
      );
    return;
  }
  const announced = await announce(ctx, after, key);
  ctx.reply(text(t('successes.done.approved', { title: announced.title })), {
    purpose: 'decided',
  });
  if (toProposer)
    ctx.sendDirect(
      toProposer,
      text(
        pt(announced.edited ? 'successes.youApprovedEdited' : 'successes.youApproved', {
          title: announced.title,
          who,
        }),
      ),
      { purpose: `outcome:${announced.id}` },
    );
}

/** The form's values for a success (credited partners the list knows, the others as text). */
function valuesOf(s: Success, known: readonly { id: string }[]): FormValues {
  const listed = s.partners.filter((p) => p.id && known.some((k) => k.id === p.id));
  const others = s.partners.filter((p) => !listed.includes(p));
  return {
    title: s.title,
    story: s.story,
    partners: listed.flatMap((p) => (p.id ? [p.id] : [])),
    ...(others.length > 0 ? { otherPartners: others.map((p) => p.name).join(', ') } : {}),
    impactValue: s.impact.value,
    impactUnit: s.impact.unit,
    link: s.link,
    ...(s.photo ? { photo: s.photo } : {}),
  };
}

export const reviewActions: ActionSpec[] = [
  {
    id: APPROVE_ACTION,
    roles: ['spokesperson'],
    describe: describe('approve'),
    run: (ctx, event) => decide(ctx, event.value ?? '', { kind: 'approved' }),
  },
  {
    id: REASON_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const [id = '', reason] = (event.value ?? '').split('|');
      const parsed = RejectReasonSchema.safeParse(reason);
      if (!parsed.success) {
        ctx.reply(text(words.t(ctx.locale)('successes.gone')), { purpose: 'gone' });
        return;
      }
      await decide(ctx, id, { kind: 'rejected', reason: parsed.data });
    },
  },
  {
    id: REJECT_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (s) showOwn(ctx, s, 'reasons');
    },
  },
  {
    id: BACK_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (s) showOwn(ctx, s, 'decide');
    },
  },
  {
    id: EDIT_ACTION,
    roles: ['spokesperson'],
    describe: describe('edit'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (!s) return;
      const partners = await knownPartners(ctx);
      ctx.showForm(
        FormSchema.parse(
          successForm(ctx.alliance, ctx.locale, {
            partners,
            values: valuesOf(s, partners),
            edit: { id: s.id, version: s.version },
          }),
        ),
      );
    },
  },
];

/** The edit form's context: the success and the version it was opened on. */
export function editContext(
  ctx: FlowContext,
  event: FormSubmittedEvent,
): { id: string; version: number } | undefined {
  const [allianceId, id, version] = (event.context ?? '').split('|');
  const n = Number(version);
  if (allianceId !== ctx.alliance.id || !id || !Number.isInteger(n) || n < 1) return undefined;
  return { id, version: n };
}

export interface Changes {
  title: string;
  story: string;
  partners: Credit[];
  impact: { value: number; unit: string };
  link: string;
  photo?: string | undefined;
}

type EditOutcome = 'changed' | 'unchanged' | 'gone' | 'decided' | 'conflict';

/** The success with the changes made (a photo left out goes). */
function edited(r: Success, changes: Changes): Success {
  const { photo: _old, ...rest } = r;
  return {
    ...rest,
    title: changes.title,
    story: changes.story,
    partners: changes.partners,
    impact: changes.impact,
    link: changes.link,
    ...(changes.photo ? { photo: changes.photo } : {}),
  };
}

/** What an edit made on `version` does to the success as it is now. */
function editOutcome(
  r: Success | null,
  key: string,
  version: number,
  changes: Changes,
): EditOutcome {
  if (!r) return 'gone';
  if (r.lastEvent === key) return 'changed'; // this very event, handled before a crash
  if (r.status !== 'pending') return 'decided';
  if (r.version !== version) return 'conflict';
  const facts = (x: Success) =>
    JSON.stringify([x.title, x.story, x.partners, x.impact, x.link, x.photo ?? ''], null, 0);
  return facts(edited(r, changes)) === facts(r) ? 'unchanged' : 'changed';
}

/** A spokesperson's edit (the version it was opened on must still be the current one). */
export async function submitEdit(
  ctx: FlowContext,
  changes: Changes,
  event: FormSubmittedEvent,
): Promise<void> {
  ctx.requireRole(['spokesperson'], describe('edit'));
  const t = words.t(ctx.locale);
  const target = editContext(ctx, event);
  if (!target) {
    ctx.completeForm(text(t('successes.gone')));
    return;
  }
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  let outcome = 'gone' as EditOutcome;
  const after = await successRecords(ctx.store).mutate(ctx.alliance.id, target.id, (r) => {
    outcome = editOutcome(r, key, target.version, changes);
    if (!r || outcome !== 'changed' || r.lastEvent === key) return r;
    const version = r.version + 1;
    return {
      ...edited(r, changes),
      edited: true,
      version,
      lastEvent: key,
      history: withEvent(r, { action: 'edited', ...by(ctx), at, version }),
    };
  });
  if (!after || outcome === 'gone') {
    ctx.completeForm(text(t('successes.gone')));
    return;
  }
  if (outcome === 'decided') {
    ctx.completeForm(text(alreadyText(ctx.locale, after)));
    return;
  }
  if (outcome === 'conflict') {
    const last = [...after.history].reverse().find((h) => h.action === 'edited');
    ctx.completeForm(
      text(
        t('successes.conflict', {
          title: after.title,
          who: last?.byName ?? t('common.unknownPerson'),
        }),
      ),
    );
    return;
  }
  if (outcome === 'unchanged') {
    ctx.completeForm(text(t('successes.done.unchanged', { title: after.title })));
    return;
  }
  await auditSuccess(ctx, 'success.edited', after, { version: after.version });
  await updateCards(ctx, after);
  ctx.completeForm(text(t('successes.done.edited', { title: after.title })));
}

/** `succes wachtend` / `success pending`: the successes waiting, each with a card to decide on. */
export async function showPending(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  const records = successRecords(ctx.store);
  const pending = (await records.list(ctx.alliance.id)).filter((s) => s.status === 'pending');
  if (pending.length === 0) {
    ctx.reply(text(t('successes.pendingNone')), { purpose: 'pending' });
    return;
  }
  ctx.reply(text(t('successes.pendingSome', { count: pending.length })), { purpose: 'pending' });
  for (const s of pending.slice(0, 20)) {
    const locale = await localeOf(ctx.store, ctx.alliance, ctx.userId);
    const handle = ctx.sendDirect(ctx.userId, approvalCard(ctx.alliance, s, locale), {
      purpose: `pending:${s.id}`,
    });
    // This card changes with the others when someone decides.
    await records.mutate(ctx.alliance.id, s.id, (r) =>
      r && !r.cards.some((c) => c.key === handle.key)
        ? { ...r, cards: [...r.cards, handle].slice(-100) }
        : r,
    );
  }
}
