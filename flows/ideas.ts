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
 * community health: who co-creates), once per event. The owner and first step, and inviting
 * a party from an initiative, are in ideas-plan.ts.
 */
import type { ButtonPressedEvent } from '../src/core/events.js';
import { text } from '../src/core/messages.js';
import type { ActionSpec, Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { inviteAction, planAction, planSpec } from './ideas-plan.js';
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
import { describe, eventKey, logOnce, REFRESH_KIND, selves, updateCards } from './ideas-shared.js';
import {
  announcement,
  COSIGN_ACTION,
  ideaCard,
  MAX_LISTED,
  overviewCard,
  requestCard,
} from './ideas-views.js';
import { words } from './ideas-words.js';

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
  const facts = { title: idea.title, partner: idea.proposal.partnerName };
  ctx.reply(text(t(cards.length > 0 ? 'ideas.proposed' : 'ideas.proposedNoChannel', facts)), {
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

export const ideasFlow: Flow = {
  id: 'ideas',
  subcommands: [
    {
      command: 'idea',
      describe: describe('idea'),
      async run(ctx, args) {
        // One line: control characters and runs of white space become one space.
        const title = args.replace(/[\p{Cc}\s]+/gu, ' ').trim();
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
