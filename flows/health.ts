/**
 * Community health (`gezondheid` / `health`): the alliance's four building blocks — connected,
 * contributing, collaborating, co-creating — each with its trend against the period before,
 * and per partner. A coordinator sees every partner (those slipping back first, so a partner
 * drifting away shows early); anyone else the alliance and their own partner. The rules are
 * src/domain/health.ts; the figures come from the tally kept from the activity log
 * (health-record.ts), so their cost does not grow with the history. The digest carries the
 * alliance's summary (digest.ts).
 */
import type { Locale } from '../src/core/events.js';
import type { Alliance } from '../src/domain/alliance.js';
import { allianceHealth, partnerHealth } from '../src/domain/health.js';
import type { Flow, FlowContext } from '../src/engine/flow.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';
import { catchUpAtStart } from './health-catch-up.js';
import { CHART_KEEP, healthChartFor } from './health-chart.js';
import { type HealthInputs, readHealth, tallies } from './health-record.js';
import { type HealthView, healthCard, type PartnerRow } from './health-views.js';
import { words } from './health-words.js';

/** Health of the alliance and of every partner, now (from `inputs` when read already). */
export async function healthOf(
  store: FlowStore,
  alliance: Alliance,
  now: Date,
  inputs?: HealthInputs,
): Promise<Omit<HealthView, 'own' | 'partners'> & { rows: PartnerRow[] }> {
  const { tally, rounds, partners } = inputs ?? (await readHealth(store, alliance.id, now));
  const rows = partners.map((p) => ({
    id: p.id,
    name: p.name,
    blocks: partnerHealth(tally, p.id, now, rounds),
  }));
  return {
    alliance: allianceHealth(rows.map((r) => r.blocks)),
    rows,
    noCheckins: rounds.length === 0,
    partnerCount: partners.length,
  };
}

/** What this person may see: a coordinator every partner, anyone else the alliance and their own. */
export async function healthViewFor(ctx: FlowContext, inputs?: HealthInputs): Promise<HealthView> {
  const h = await healthOf(ctx.store, ctx.alliance, ctx.now, inputs);
  const coordinator = ctx.roles.includes('coordinator');
  const own = ctx.partner?.id ?? ctx.member?.partnerId;
  const partners = coordinator ? h.rows : h.rows.filter((r) => r.id === own);
  return { ...h, partners, own: !coordinator };
}

async function show(ctx: FlowContext): Promise<void> {
  const { alliance } = ctx;
  const inputs = await readHealth(ctx.store, alliance.id, ctx.now);
  const view = await healthViewFor(ctx, inputs);
  const locale: Locale = ctx.locale;
  const chart = await healthChartFor(ctx, { locale, keep: CHART_KEEP.answer, inputs });
  ctx.reply(healthCard(alliance, view, words.t(locale), locale, ctx.now, chart), {
    purpose: 'health',
  });
}

export const healthFlow: Flow = {
  id: 'health',
  collections: [tallies as CollectionSpec<unknown>],
  // The tally caught up in the background right after start (health-catch-up.ts).
  onStart: catchUpAtStart,
  subcommands: [
    {
      command: 'health',
      describe: (locale) => words.t(locale)('health.describe'),
      run: (ctx) => show(ctx),
    },
  ],
};
