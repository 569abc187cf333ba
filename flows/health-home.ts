/**
 * Community health on the person's own page of the bot (the Slack App Home): the home card
 * help builds (the alliance, whether they joined, what they can do) with, under the ambition,
 * what `gezondheid` / `health` would show this person — a coordinator every partner, anyone
 * else the alliance and their own partner — with the health trend chart. One card, because a
 * home view is replaced as a whole each time it is published. Rendered by health-views.ts, as
 * the health card is; only laid out as text lines, so the commands keep the card's fields.
 * Teams and the web chat have no such page (they never send `home_opened`); there the same
 * figures come with `gezondheid`.
 */
import { type Card, type CardInput, card, type OutboundMessage } from '../src/core/messages.js';
import type { FlowContext } from '../src/engine/flow.js';
import { healthViewFor } from './health.js';
import { CHART_KEEP, healthChartFor } from './health-chart.js';
import { readHealth } from './health-record.js';
import { healthCard } from './health-views.js';
import { words } from './health-words.js';

/**
 * The home card with the health card worked in: its header and intro, a line per building
 * block (label: the alliance's figure and trend; without a public URL also the trend chart's
 * words), then the partners the reader may see; the trend chart's picture where there is one
 * (health-chart.ts); the health card's small print before the home's.
 */
export function homeWithHealthCard(home: Card, health: Card): CardInput {
  const [intro = '', ...partners] = (health.text ?? '').split('\n\n');
  const lines = [
    ...(home.text ? [home.text, ''] : []),
    ...(health.header ? [health.header] : []),
    intro,
    ...health.fields.map((f) => `${f.label}: ${f.value}`),
    ...(partners.length > 0 ? ['', partners.join('\n\n')] : []),
  ];
  return {
    ...home,
    text: lines.join('\n'),
    links: [...health.links, ...home.links],
    context: [...health.context, ...home.context],
    ...(health.image ? { image: health.image } : {}),
  };
}

/** The home message with this person's view of community health in it. */
export async function homeWithHealth(
  ctx: FlowContext,
  home: OutboundMessage,
): Promise<OutboundMessage> {
  if (home.kind !== 'card') return home;
  const inputs = await readHealth(ctx.store, ctx.alliance.id, ctx.now);
  const [view, chart] = await Promise.all([
    healthViewFor(ctx, inputs),
    // Published anew each time the tab opens, so a week outlives the view that shows it.
    healthChartFor(ctx, { locale: ctx.locale, keep: CHART_KEEP.answer, inputs }),
  ]);
  const health = healthCard(ctx.alliance, view, words.t(ctx.locale), ctx.locale, ctx.now, chart);
  if (health.kind !== 'card') return home;
  return card(homeWithHealthCard(home.card, health.card));
}
