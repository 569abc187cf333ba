/**
 * The health trend as a chart, for every card that shows community health (the digest, the
 * `gezondheid` answer, the App Home, the e-mail digest): the alliance's four building blocks
 * over the last weeks (src/domain/health-chart.ts), described in the reader's language and
 * published through `ctx.charts` under the public URL. Always with its text alternative —
 * the trend per block in a sentence — which is all there is without a public URL.
 *
 * For other flows: `healthChartFor(ctx, { locale, keep })` returns `{ image?, alt }`; put
 * `image` on the card (`card({ …, image })`) and show `alt` as text when there is no image.
 */
import { z } from 'zod';
import type { ChartLinks, ChartSpec } from '../src/core/charts.js';
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { ImageSchema } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import { BLOCKS } from '../src/domain/health.js';
import {
  CHART_WEEKS,
  type HealthPoint,
  healthTrend,
  trendEnds,
} from '../src/domain/health-chart.js';
import type { FlowStore } from '../src/store/index.js';
import { type HealthInputs, readHealth } from './health-record.js';
import { type HealthT, words } from './health-words.js';

/** How long a chart is kept: as long as the message that shows it. */
export const CHART_KEEP = {
  /** A posted digest (a channel's, a personal one, an e-mail) stays: a year. */
  posted: 366 * 24 * 3600,
  /** An answer to one person's question (`overzicht`, `gezondheid`): a week. */
  answer: 7 * 24 * 3600,
} as const;

/** What the chart needs of a flow's or a job's context. */
export interface ChartContext {
  readonly alliance: Alliance;
  readonly store: FlowStore;
  readonly now: Date;
  readonly charts?: ChartLinks;
}

/**
 * A chart for a card: the picture where there is a public URL, and always its words. A schema,
 * as a chart made once travels in the data of the jobs that show it (digest-mail.ts).
 */
export const HealthChartSchema = z.object({
  image: ImageSchema.optional(),
  alt: z.string().min(1),
});
export type HealthChart = z.infer<typeof HealthChartSchema>;

/** The trend in words: each block now, of how many, and what it was at the chart's start. */
export function trendWords(t: HealthT, points: readonly HealthPoint[]): string {
  const parts = BLOCKS.map((b) => {
    const ends = trendEnds(points, b);
    const block = t(`health.block.${b}`);
    return ends.of === 0
      ? t('health.chart.unmeasured', { block })
      : t('health.chart.part', { block, ...ends });
  }).join('; ');
  return t('health.chart.alt', { weeks: points.length, parts });
}

/** The chart's description (labels in the reader's language, one line per block). */
export function healthChartSpec(
  points: readonly HealthPoint[],
  locale: Locale,
  alliance: Alliance,
): ChartSpec {
  const t = words.t(locale);
  return {
    title: t('health.chart.title', { alliance: alliance.name, weeks: points.length }).slice(0, 200),
    categories: points.map((p) => formatDate(`${p.day}T12:00:00Z`, locale, 'UTC', 'd MMM')),
    series: BLOCKS.map((b) => ({
      name: t(`health.block.${b}`),
      // Not measured yet (no partner had a check-in by then): a gap, not a zero.
      values: points.map((p) => (p.measured[b] === 0 ? null : p.counts[b])),
    })),
    max: Math.max(1, ...points.map((p) => p.partners)),
    alt: trendWords(t, points).slice(0, 2000),
  };
}

/**
 * The alliance's health trend now, from the tally (it catches up with the activity first), or
 * from `inputs` when the caller read them already.
 */
export async function healthTrendOf(
  ctx: ChartContext,
  weeks = CHART_WEEKS,
  inputs?: HealthInputs,
): Promise<HealthPoint[]> {
  const { tally, rounds, partners } =
    inputs ?? (await readHealth(ctx.store, ctx.alliance.id, ctx.now));
  return healthTrend(
    tally,
    partners.map((p) => p.id),
    rounds,
    ctx.now,
    weeks,
  );
}

/**
 * The health chart for a card in this language, kept `keep` seconds (CHART_KEEP): its picture
 * (PNG for Slack and Teams, SVG for the web chat) when the deployment has a public URL, and
 * its text alternative always.
 */
export async function healthChartFor(
  ctx: ChartContext,
  options: { locale: Locale; keep: number; inputs?: HealthInputs | undefined },
): Promise<HealthChart> {
  const trend = await healthTrendOf(ctx, CHART_WEEKS, options.inputs);
  const spec = healthChartSpec(trend, options.locale, ctx.alliance);
  const urls = await ctx.charts?.publish(spec, options.keep);
  return urls
    ? { image: { url: urls.png, vectorUrl: urls.svg, alt: spec.alt }, alt: spec.alt }
    : { alt: spec.alt };
}
