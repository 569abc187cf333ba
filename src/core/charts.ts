/**
 * Charts as the core knows them: a small line chart (categories along the bottom, a few named
 * series of counts) that a flow describes in its reader's language, with a text alternative
 * that says the same in words. The flow hands it to `ctx.charts`, which keeps it under an
 * unguessable token for as long as the message that shows it is kept and gives back its
 * addresses under PUBLIC_URL (`/charts/<token>.png` and `.svg`); src/charts renders it.
 */
import { z } from 'zod';

export const ChartSeriesSchema = z.object({
  name: z.string().min(1).max(80),
  /** One per category; null where it was not measured (a gap in the line). */
  values: z.array(z.number().finite().min(0).max(1e9).nullable()).min(1).max(53),
});

export const ChartSpecSchema = z
  .object({
    title: z.string().min(1).max(200),
    /** The labels along the bottom, oldest first. */
    categories: z.array(z.string().min(1).max(40)).min(1).max(53),
    series: z.array(ChartSeriesSchema).min(1).max(8),
    /** The top of the scale (the number measured); the largest value when left out. */
    max: z.number().int().min(1).max(1e9).optional(),
    /** What the chart says, in words (an image's alt text). */
    alt: z.string().min(1).max(2000),
  })
  .refine((s) => s.series.every((x) => x.values.length === s.categories.length), {
    message: 'every series has one value per category',
  });
export type ChartSpec = z.infer<typeof ChartSpecSchema>;

/** The addresses of a published chart. */
export interface ChartUrls {
  /** The raster (PNG): what Slack and Teams can show. */
  png: string;
  /** The vector (SVG): sharp at any size, for the web chat. */
  svg: string;
}

/** What a flow gets as `ctx.charts`. */
export interface ChartLinks {
  /**
   * Keeps the chart for `keepSeconds` (as long as the message that shows it is kept) under an
   * unguessable token and returns its addresses under the public URL; undefined when the
   * deployment has none (then the flow shows the text alternative alone).
   */
  publish(spec: ChartSpec, keepSeconds: number): Promise<ChartUrls | undefined>;
}
