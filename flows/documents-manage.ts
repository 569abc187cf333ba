/**
 * What the owner of a document can do: change it — its level above all — (the share form
 * filled in as it is, from the button on their copy or in `documenten mijn` / `docs mine`) or
 * withdraw it; every announcement is updated in place. And the review date: that day the
 * owner is asked whether the level is still right.
 */
import { card, text } from '../src/core/messages.js';
import { mayManage } from '../src/domain/visibility.js';
import type { ActionSpec, FlowContext, JobContext } from '../src/engine/flow.js';
import { buildShareForm, formContext } from './documents-form.js';
import { change, reviewId } from './documents-publish.js';
import {
  auditDocument,
  documents,
  facts,
  type SharedDocument,
  speaker,
} from './documents-record.js';
import {
  CHANGE_ACTION,
  levelText,
  ownerButtons,
  partnerNames,
  WITHDRAW_ACTION,
} from './documents-views.js';
import { words } from './documents-words.js';

/** The owner's own document, or the answer why not (nothing changed). */
export async function ownDocument(
  ctx: FlowContext,
  id: string,
): Promise<SharedDocument | undefined> {
  const t = words.t(ctx.locale);
  const d = await ctx.store.collection(documents).get(ctx.alliance.id, id);
  if (d?.status !== 'active') {
    ctx.reply(text(t('documents.notFound')), { purpose: 'not-found' });
    return undefined;
  }
  if (!mayManage(ctx.alliance, facts(d), speaker(ctx))) {
    ctx.reply(text(t('documents.notYours')), { purpose: 'not-yours' });
    return undefined;
  }
  return d;
}

export const manageActions: ActionSpec[] = [
  {
    id: CHANGE_ACTION,
    describe: (locale) => words.t(locale)('documents.describe.change'),
    async run(ctx, event) {
      const d = await ownDocument(ctx, event.value ?? '');
      if (d)
        ctx.showForm(await buildShareForm(ctx, ctx.locale, formContext(ctx.alliance.id, d.id)));
    },
  },
  {
    id: WITHDRAW_ACTION,
    describe: (locale) => words.t(locale)('documents.describe.withdraw'),
    async run(ctx, event) {
      const d = await ownDocument(ctx, event.value ?? '');
      if (!d) return;
      // In the trail before the change: handled again after a crash, it is written once.
      await auditDocument(ctx, 'document.withdrawn', d);
      await change(ctx, d.id, (x) => ({
        ...x,
        status: 'withdrawn',
        changedAt: ctx.now.toISOString(),
      }));
      await ctx.reminders.cancel(ctx.alliance.id, reviewId(d.id));
      ctx.reply(text(words.t(ctx.locale)('documents.owner.withdrawnCard', { title: d.title })), {
        purpose: `withdrawn:${d.id}`,
      });
    },
  },
];

/** The review date came: the owner is asked, with the buttons to change or withdraw. */
export async function remindOwner(ctx: JobContext, data: Record<string, unknown>): Promise<void> {
  const id = typeof data.documentId === 'string' ? data.documentId : '';
  const d = await ctx.store.collection(documents).get(ctx.alliance.id, id);
  if (d?.status !== 'active' || d.reviewOn !== data.reviewOn) return;
  const locale = d.ownerLocale ?? ctx.alliance.locale;
  const t = words.t(locale);
  const names = partnerNames(await ctx.store.members.listPartners(ctx.alliance.id));
  ctx.sendDirect(
    d.ownerId,
    card({
      header: t('documents.owner.header', { title: d.title }),
      text: t('documents.review.text', {
        title: d.title,
        level: levelText(d, ctx.alliance, names, t, locale),
      }),
      links: [{ label: t('documents.card.open'), url: d.link }],
      buttons: ownerButtons(d, t),
    }),
    { purpose: `review:${d.id}:${d.reviewOn}` },
  );
}
