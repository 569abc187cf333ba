/**
 * An initiative's owner and first step, and inviting a new party from it. The proposer and
 * co-signers (or a coordinator) open the form from the initiative's card or from the request
 * they got; the answer goes on the idea and on every card. A coordinator's Invite opens the
 * invitations flow's new-party form, saying which initiative it is for (its submission is the
 * invitations flow's, unchanged).
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { joinList, type Translator } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, FlowContext, FormSpec } from '../src/engine/flow.js';
import { backers, type Idea, ideaRecords, LIMITS, NEEDED } from './ideas-record.js';
import { describe, selves, updateCards } from './ideas-shared.js';
import { INVITE_ACTION, PLAN_ACTION, PLAN_FORM_ID, planForm } from './ideas-views.js';
import { words } from './ideas-words.js';
import { partyForm } from './invitations-views.js';
import { words as invitationWords } from './invitations-words.js';

/** Whether the person may name the initiative's owner and first step. */
function mayPlan(ctx: FlowContext, idea: Idea): boolean {
  const me = selves(ctx);
  return (
    ctx.roles.includes('coordinator') ||
    backers(idea).some((s) => s.by !== undefined && me.has(s.by))
  );
}

/** The refusal or the "not yet" for a plan, or undefined when the person may go on. */
function planBlocked(ctx: FlowContext, idea: Idea): string | undefined {
  const t = words.t(ctx.locale);
  if (idea.status !== 'initiative')
    return t('ideas.plan.notYet', {
      title: idea.title,
      count: backers(idea).length,
      needed: NEEDED,
    });
  if (mayPlan(ctx, idea)) return undefined;
  const names = backers(idea).map((s) => s.byName ?? s.partnerName);
  return t('ideas.plan.refuse', { title: idea.title, backers: joinList(names, ctx.locale) });
}

export const planAction: ActionSpec = {
  id: PLAN_ACTION,
  describe: describe('plan'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    if (event.value === undefined) {
      // Pressed without an initiative (not from a card): the form says where to open it.
      ctx.showForm(FormSchema.parse(planForm(ctx.alliance, null, t, ctx.locale)));
      return;
    }
    const idea = await ideaRecords(ctx.store).get(ctx.alliance.id, event.value);
    if (!idea) {
      ctx.reply(text(t('ideas.gone')), { purpose: 'gone' });
      return;
    }
    const blocked = planBlocked(ctx, idea);
    if (blocked) {
      ctx.reply(text(blocked), { purpose: 'refused' });
      return;
    }
    ctx.showForm(FormSchema.parse(planForm(ctx.alliance, idea, t, ctx.locale, idea.plan)));
  },
};

function planSchema(t: Translator) {
  const f = formFields(t);
  return z.object({ owner: f.text(LIMITS.owner), firstStep: f.text(LIMITS.firstStep) });
}
type PlanValues = z.infer<ReturnType<typeof planSchema>>;

/** The idea a plan form was opened for: its context is `<alliance>|<idea>`. */
function planTarget(ctx: FlowContext, event: FormSubmittedEvent): string | undefined {
  const [allianceId, id] = (event.context ?? '').split('|');
  return allianceId === ctx.alliance.id && id ? id : undefined;
}

async function buildPlanForm(ctx: FlowContext, locale: Locale) {
  const target = ctx.event.type === 'form_submitted' ? planTarget(ctx, ctx.event) : undefined;
  const idea = target ? await ideaRecords(ctx.store).get(ctx.alliance.id, target) : null;
  return FormSchema.parse(planForm(ctx.alliance, idea, words.t(locale), locale));
}

async function submitPlan(ctx: FlowContext, v: PlanValues, event: FormSubmittedEvent) {
  const t = words.t(ctx.locale);
  const target = planTarget(ctx, event);
  if (!target) {
    ctx.completeForm(text(t('ideas.plan.pick')));
    return;
  }
  const records = ideaRecords(ctx.store);
  const current = await records.get(ctx.alliance.id, target);
  const blocked = current ? planBlocked(ctx, current) : t('ideas.gone');
  if (!current || blocked) {
    ctx.completeForm(text(blocked ?? t('ideas.gone')));
    return;
  }
  const plan = {
    owner: v.owner,
    firstStep: v.firstStep,
    by: ctx.userId,
    ...(ctx.displayName ? { byName: ctx.displayName } : {}),
    at: ctx.now.toISOString(),
  };
  const after = await records.mutate(ctx.alliance.id, target, (r) => (r ? { ...r, plan } : r));
  if (!after) {
    ctx.completeForm(text(t('ideas.gone')));
    return;
  }
  ctx.completeForm(
    text(t('ideas.plan.saved', { title: after.title, owner: v.owner, firstStep: v.firstStep })),
  );
  await updateCards(ctx, after);
}

export const planSpec: FormSpec<PlanValues> = {
  id: PLAN_FORM_ID,
  describe: describe('plan'),
  schema: (_ctx, t) => planSchema(t),
  build: buildPlanForm,
  submit: submitPlan,
};

/** The invitations flow's form for a new party, saying which initiative it is for. */
export const inviteAction: ActionSpec = {
  id: INVITE_ACTION,
  roles: ['coordinator'],
  describe: describe('invite'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const form = partyForm(ctx.alliance, invitationWords.t(ctx.locale), ctx.locale);
    if (event.value === undefined) {
      ctx.showForm(FormSchema.parse(form));
      return;
    }
    const idea = await ideaRecords(ctx.store).get(ctx.alliance.id, event.value);
    if (!idea) {
      ctx.reply(text(t('ideas.gone')), { purpose: 'gone' });
      return;
    }
    if (idea.status !== 'initiative') {
      const count = backers(idea).length;
      ctx.reply(text(t('ideas.invite.notYet', { title: idea.title, count, needed: NEEDED })), {
        purpose: 'not-yet',
      });
      return;
    }
    const intro = [t('ideas.invite.intro', { title: idea.title }), form.intro]
      .filter(Boolean)
      .join(' ');
    ctx.showForm(FormSchema.parse({ ...form, intro }));
  },
};
