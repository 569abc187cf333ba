/**
 * What the ideas flow's parts share: the words of its declarations, the event's key (a retry
 * finds its own writes), who the person is across their linked identities, activity written
 * once per event, and changing every channel copy of an idea's card (with a refresh later).
 */
import type { Locale } from '../src/core/events.js';
import type { FlowContext, JobContext } from '../src/engine/flow.js';
import type { ActivityType } from '../src/store/activity-log.js';
import type { Idea } from './ideas-record.js';
import { ideaCard } from './ideas-views.js';
import { words } from './ideas-words.js';

export const describe = (key: 'idea' | 'cosign' | 'plan' | 'invite') => (locale: Locale) =>
  words.t(locale)(`ideas.describe.${key}`);

/** What this event handled: handled again after a crash, it finds its own writes. */
export const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/** How long after the last change the cards are drawn once more, with the final count. */
const REFRESH_AFTER_MS = 3000;
export const REFRESH_KIND = 'refresh';

/** The identities the person speaks with (the one they use now, and their member record's). */
export const selves = (ctx: FlowContext) =>
  new Set([ctx.userId, ...(ctx.member ? [ctx.member.id] : [])]);

/**
 * An activity entry written once per event: a retry of the event (after a crash between the
 * record and the log) finds the entry it wrote, and a first attempt writes it.
 */
export async function logOnce(
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
export async function updateCards(ctx: FlowContext | JobContext, idea: Idea, refresh = true) {
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
