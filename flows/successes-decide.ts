/**
 * A spokesperson's decision on a success, shared by the buttons on the approval card
 * (successes-review.ts) and the form to reject it in one's own words (successes-reject.ts):
 * the first decision counts — one atomic step on the record decides, every card changes in
 * place to say who decided, and anyone later hears it was decided already. The proposer hears
 * the outcome: approved (and announced), or rejected with the reason, the quick one in their
 * own language or the spokesperson's own words as typed (the adapters escape them).
 */
import type { Locale } from '../src/core/events.js';
import { type OutboundMessage, text } from '../src/core/messages.js';
import type { FlowContext } from '../src/engine/flow.js';
import { announce, eventKey, updateCards } from './successes-announce.js';
import { type RejectReason, type Success, successRecords, withEvent } from './successes-record.js';
import { approvalCard, reasonText } from './successes-views.js';
import { words } from './successes-words.js';

export const describe =
  (key: 'propose' | 'approve' | 'edit' | 'reject' | 'pending' | 'celebrate' | 'press') =>
  (locale: Locale) =>
    words.t(locale)(`successes.describe.${key}`);

export const by = (ctx: FlowContext) => ({
  by: ctx.userId,
  ...(ctx.displayName ? { byName: ctx.displayName } : {}),
});

/**
 * The alliance's audit trail: who approved, edited or rejected whose success (written once
 * per event: handled again after a crash, the same entry is not written twice).
 */
export async function auditSuccess(
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
export async function pendingOrAnswer(ctx: FlowContext, id: string): Promise<Success | undefined> {
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

export function alreadyText(locale: Locale, s: Success): string {
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

export function showOwn(ctx: FlowContext, s: Success, view: 'decide' | 'reasons'): void {
  const own = ownCards(ctx, s);
  const message = approvalCard(ctx.alliance, s, ctx.locale, view);
  if (own.length > 0) ctx.update(own, message);
  else ctx.reply(message, { purpose: `${view}:${s.id}` });
}

/** Approved, or rejected with one of the quick reasons or in the spokesperson's own words. */
export type Decision =
  | { kind: 'approved' }
  | { kind: 'rejected'; reason: RejectReason }
  | { kind: 'rejected'; note: string };

/**
 * Decides a pending success (the first decision counts); tells everyone what they need. The
 * person deciding hears it through `answer` (a form's submission closes the form with it).
 */
export async function decide(
  ctx: FlowContext,
  id: string,
  decision: Decision,
  answer?: (message: OutboundMessage) => void,
): Promise<void> {
  const { alliance } = ctx;
  const tell = (message: OutboundMessage, purpose: string) =>
    answer ? answer(message) : ctx.reply(message, { purpose });
  const t = words.t(ctx.locale);
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  let mine = false as boolean;
  const why =
    decision.kind !== 'rejected'
      ? {}
      : 'note' in decision
        ? { reasonNote: decision.note }
        : { reason: decision.reason };
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
      ...why,
      history: withEvent(r, { action: decision.kind, ...by(ctx), at, version: r.version, ...why }),
    };
  });
  if (!after) {
    tell(text(t('successes.gone')), 'gone');
    return;
  }
  await updateCards(ctx, after);
  if (!mine) {
    tell(text(alreadyText(ctx.locale, after)), 'already');
    return;
  }
  await auditSuccess(
    ctx,
    decision.kind === 'approved' ? 'success.approved' : 'success.rejected',
    after,
    decision.kind !== 'rejected' ? {} : { reason: 'reason' in decision ? decision.reason : 'own' },
  );
  const who = after.decidedByName ?? t('common.unknownPerson');
  const toProposer = after.proposer && after.proposer !== ctx.userId ? after.proposer : undefined;
  const pt = words.t(after.proposerLocale ?? alliance.locale);
  if (after.status === 'rejected') {
    tell(
      text(
        t('successes.done.rejected', {
          title: after.title,
          name: after.proposerName ?? t('common.unknownPerson'),
        }),
      ),
      'decided',
    );
    if (toProposer)
      ctx.sendDirect(
        toProposer,
        text(
          pt(after.reasonNote ? 'successes.youRejectedNote' : 'successes.youRejected', {
            title: after.title,
            who,
            reason: reasonText(pt, after),
          }),
        ),
        { purpose: `outcome:${after.id}` },
      );
    return;
  }
  const announced = await announce(ctx, after, key);
  tell(text(t('successes.done.approved', { title: announced.title })), 'decided');
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
