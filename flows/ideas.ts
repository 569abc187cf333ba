/**
 * Ideas, on the flow kit: anyone taking part on behalf of a partner proposes an idea
 * (`idee <titel>` / `idea <title>`; the word alone lists the open ideas); it is posted in every
 * alliance channel as a card, and members of the other partners co-sign it with one button,
 * once per partner. Backed by three partners (the proposer's and two others) it becomes an
 * initiative: announced once in every alliance channel, and its proposer and co-signers are
 * asked to name an owner and a first step (a form; the answer goes on the cards). From an
 * initiative's card a coordinator invites a new party (the invitations flow's form).
 *
 * Every co-signature is one atomic step on the idea (ideas-record.ts, a compare-and-set), so
 * twenty partners pressing at once all count, and only the step that brings in the third
 * partner makes the idea an initiative — that event alone announces it (and the same event
 * handled again after a crash repeats the same sends, which go out once). Each step changes
 * every channel copy of the card; a refresh a few seconds after the last one shows the final
 * count even when the copies' updates were delivered out of order.
 *
 * Proposing, co-signing and becoming an initiative are written to the activity log (for
 * community health: who co-creates), once per event.
 */
import { z } from 'zod';
import type { ButtonPressedEvent, FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import type { Translator } from '../src/core/i18n/index.js';
import { joinList } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, Flow, FlowContext, FormSpec, JobContext } from '../src/engine/flow.js';
import type { ActivityType } from '../src/store/activity-log.js';
import type { CollectionSpec } from '../src/store/records.js';
import {
  backers,
  type Idea,
  ideaId,
  ideaRecords,
  ideas,
  LIMITS,
  NEEDED,
  type Signature,
} from './ideas-record.js';
import {
  announcement,
  COSIGN_ACTION,
  INVITE_ACTION,
  ideaCard,
  MAX_LISTED,
  overviewCard,
  PLAN_ACTION,
  PLAN_FORM_ID,
  planForm,
  requestCard,
} from './ideas-views.js';
import { words } from './ideas-words.js';
import { partyForm } from './invitations-views.js';
import { words as invitationWords } from './invitations-words.js';

const describe = (key: 'idea' | 'cosign' | 'plan' | 'invite') => (locale: Locale) =>
  words.t(locale)(`ideas.describe.${key}`);

/** What this event handled: handled again after a crash, it finds its own writes. */
const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/** How long after the last change the cards are drawn once more, with the final count. */
const REFRESH_AFTER_MS = 3000;
const REFRESH_KIND = 'refresh';

/** The identities the person speaks with (the one they use now, and their member record's). */
const selves = (ctx: FlowContext) => new Set([ctx.userId, ...(ctx.member ? [ctx.member.id] : [])]);

/**
 * An activity entry written once per event: a retry of the event (after a crash between the
 * record and the log) finds the entry it wrote, and a first attempt writes it.
 */
async function logOnce(
  ctx: FlowContext,
  type: ActivityType,
  since: string,
  entry: { actor?: string | undefined; partner: string; data: Record<string, unknown> },
): Promise<void> {
  const key = eventKey(ctx);
  const from = new Date(new Date(since).getTime() - 1000);
  const seen = await ctx.store.activity.range(ctx.alliance.id, { from });
  if (seen.some((e) => e.type === type && e.data.event === key)) return;
  await ctx.store.activity.append(ctx.alliance.id, {
    type,
    ...(entry.actor ? { actor: entry.actor } : {}),
    partner: entry.partner,
    at: ctx.now.toISOString(),
    data: { ...entry.data, event: key },
  });
}

/** The channel copies of the card, changed to the idea as it is now; a refresh follows later. */
async function updateCards(ctx: FlowContext | JobContext, idea: Idea, refresh = true) {
  if (idea.cards.length > 0) ctx.update(idea.cards, ideaCard(idea, words.t(ctx.alliance.locale)));
  if (refresh && idea.cards.length > 0)
    await ctx.reminders.schedule(ctx.alliance.id, {
      id: `ideas.refresh:${idea.id}`,
      flow: 'ideas',
      kind: REFRESH_KIND,
      at: new Date(ctx.now.getTime() + REFRESH_AFTER_MS),
      data: { idea: idea.id },
    });
}

/** `idee` alone: the open ideas, newest first, each a card to co-sign. */
async function list(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  const all = await ideaRecords(ctx.store).list(ctx.alliance.id);
  const open = all.filter((i) => i.status === 'open').reverse();
  const initiatives = all.length - open.length;
  ctx.reply(overviewCard(ctx.alliance, { open: open.length, initiatives }, t), {
    purpose: 'ideas',
  });
  for (const idea of open.slice(0, MAX_LISTED))
    ctx.reply(ideaCard(idea, t), { purpose: `idea:${idea.id}` });
}

/** `idee <titel>`: the idea, in every alliance channel, on behalf of the person's partner. */
async function propose(ctx: FlowContext, title: string): Promise<void> {
  const t = words.t(ctx.locale);
  const partner = ctx.partner;
  if (!partner) {
    ctx.reply(text(t('ideas.needPartner')), { purpose: 'need-partner' });
    return;
  }
  const length = [...title].length;
  if (length > LIMITS.title) {
    ctx.reply(text(t('ideas.title.tooLong', { length, max: LIMITS.title })), {
      purpose: 'too-long',
    });
    return;
  }
  const key = eventKey(ctx);
  const id = ideaId(key);
  const records = ideaRecords(ctx.store);
  const at = ctx.now.toISOString();
  const fresh: Idea = {
    id,
    title,
    proposal: {
      partnerId: partner.id,
      partnerName: partner.name,
      by: ctx.userId,
      ...(ctx.displayName ? { byName: ctx.displayName } : {}),
      at,
      event: key,
    },
    cosigners: [],
    status: 'open',
    cards: [],
  };
  // The same event handled again finds its idea and sends the same (they go out once).
  const idea = (await records.get(ctx.alliance.id, id)) ?? fresh;
  const cards = ctx.postToAllianceChannels(ideaCard(idea, words.t(ctx.alliance.locale)), {
    purpose: `idea:${id}`,
  });
  await records.create(ctx.alliance.id, id, { ...idea, cards });
  await logOnce(ctx, 'idea.proposed', idea.proposal.at, {
    actor: ctx.userId,
    partner: idea.proposal.partnerId,
    data: { idea: id },
  });
  ctx.reply(text(t('ideas.proposed', { title: idea.title, partner: idea.proposal.partnerName })), {
    purpose: `proposed:${id}`,
  });
}

type Outcome = 'gone' | 'own' | 'already-you' | 'already-partner' | 'signed' | 'initiative';

/** What co-signing does to the idea as it is now (pure: `mutate` may call it again). */
function cosignStep(
  idea: Idea | null,
  ctx: FlowContext,
  signature: Signature,
): { outcome: Outcome; next: Idea | null } {
  if (!idea) return { outcome: 'gone', next: idea };
  const mine = idea.cosigners.find((s) => s.partnerId === signature.partnerId);
  if (mine && mine.event === signature.event)
    // This very event, handled before a crash.
    return {
      outcome: idea.initiative?.event === signature.event ? 'initiative' : 'signed',
      next: idea,
    };
  if (idea.proposal.partnerId === signature.partnerId) return { outcome: 'own', next: idea };
  if (mine)
    return {
      outcome: mine.by && selves(ctx).has(mine.by) ? 'already-you' : 'already-partner',
      next: idea,
    };
  const cosigners = [...idea.cosigners, signature];
  const becomes = idea.status === 'open' && 1 + cosigners.length >= NEEDED;
  return {
    outcome: becomes ? 'initiative' : 'signed',
    next: {
      ...idea,
      cosigners,
      ...(becomes
        ? {
            status: 'initiative' as const,
            initiative: { at: signature.at, event: signature.event },
          }
        : {}),
    },
  };
}

/** Someone of a backing partner and still known (not forgotten), reachable here. */
function reachableBackers(ctx: FlowContext, idea: Idea): string[] {
  const ids = backers(idea)
    .map((s) => s.by)
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)].filter((id) => ctx.reachable([id]) !== undefined);
}

/** The idea just became an initiative: announce it once, ask its backers for a plan. */
async function becameInitiative(ctx: FlowContext, idea: Idea): Promise<void> {
  const { alliance } = ctx;
  await logOnce(ctx, 'idea.initiative', idea.initiative?.at ?? ctx.now.toISOString(), {
    partner: idea.proposal.partnerId,
    data: { idea: idea.id, partners: backers(idea).map((s) => s.partnerId) },
  });
  ctx.postToAllianceChannels(announcement(idea, words.t(alliance.locale), alliance.locale), {
    purpose: `initiative:${idea.id}`,
  });
  for (const userId of reachableBackers(ctx, idea)) {
    const member = await ctx.store.members.getMember(alliance.id, userId);
    const locale = selves(ctx).has(userId) ? ctx.locale : (member?.locale ?? alliance.locale);
    ctx.sendDirect(userId, requestCard(idea, words.t(locale), locale), {
      purpose: `plan-request:${idea.id}`,
    });
  }
}

const cosignAction: ActionSpec = {
  id: COSIGN_ACTION,
  describe: describe('cosign'),
  async run(ctx: FlowContext, event: ButtonPressedEvent) {
    const t = words.t(ctx.locale);
    const partner = ctx.partner;
    if (!partner) {
      ctx.reply(text(t('ideas.needPartner')), { purpose: 'need-partner' });
      return;
    }
    const signature: Signature = {
      partnerId: partner.id,
      partnerName: partner.name,
      by: ctx.userId,
      ...(ctx.displayName ? { byName: ctx.displayName } : {}),
      at: ctx.now.toISOString(),
      event: eventKey(ctx),
    };
    let outcome: Outcome = 'gone';
    const after = await ideaRecords(ctx.store).mutate(ctx.alliance.id, event.value ?? '', (r) => {
      const step = cosignStep(r, ctx, signature);
      outcome = step.outcome;
      return step.next;
    });
    const result = outcome as Outcome;
    if (!after || result === 'gone') {
      ctx.reply(text(t('ideas.gone')), { purpose: 'gone' });
      return;
    }
    const title = after.title;
    if (result === 'own') {
      ctx.reply(text(t('ideas.refuse.ownPartner', { title, partner: partner.name })), {
        purpose: 'refused',
      });
      return;
    }
    if (result === 'already-you' || result === 'already-partner') {
      const theirs = after.cosigners.find((s) => s.partnerId === partner.id);
      ctx.reply(
        text(
          result === 'already-you'
            ? t('ideas.refuse.alreadyYou', { title, partner: partner.name })
            : t('ideas.refuse.alreadyPartner', {
                title,
                partner: partner.name,
                name: theirs?.byName ?? t('common.unknownPerson'),
              }),
        ),
        { purpose: 'refused' },
      );
      return;
    }
    const mine = after.cosigners.find((s) => s.partnerId === partner.id);
    await logOnce(ctx, 'idea.cosigned', mine?.at ?? signature.at, {
      actor: ctx.userId,
      partner: partner.id,
      data: { idea: after.id, proposedBy: after.proposal.partnerId },
    });
    const count = backers(after).length;
    ctx.reply(
      text(
        result === 'initiative'
          ? t('ideas.cosigned.initiative', { title, partner: partner.name, count })
          : after.status === 'initiative'
            ? t('ideas.cosigned.more', { title, partner: partner.name, count })
            : t('ideas.cosigned', { title, partner: partner.name, count, needed: NEEDED }),
      ),
      { purpose: `cosigned:${after.id}` },
    );
    if (result === 'initiative') await becameInitiative(ctx, after);
    await updateCards(ctx, after);
  },
};

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

const planAction: ActionSpec = {
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

const planSpec: FormSpec<PlanValues> = {
  id: PLAN_FORM_ID,
  describe: describe('plan'),
  schema: (_ctx, t) => planSchema(t),
  build: buildPlanForm,
  submit: submitPlan,
};

/** The invitations flow's form for a new party, saying which initiative it is for. */
const inviteAction: ActionSpec = {
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

export const ideasFlow: Flow = {
  id: 'ideas',
  subcommands: [
    {
      command: 'idea',
      describe: describe('idea'),
      async run(ctx, args) {
        const title = args.replace(/\s+/g, ' ').trim();
        if (title === '') await list(ctx);
        else await propose(ctx, title);
      },
    },
  ],
  forms: [planSpec as FormSpec<unknown>],
  actions: [cosignAction, planAction, inviteAction],
  collections: [ideas as CollectionSpec<unknown>],
  async onReminder(ctx, kind, data) {
    if (kind !== REFRESH_KIND || typeof data.idea !== 'string') return;
    const idea = await ideaRecords(ctx.store).get(ctx.alliance.id, data.idea);
    if (idea) await updateCards(ctx, idea, false);
  },
};
