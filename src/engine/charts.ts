/**
 * `ctx.charts`: a flow publishes a chart it described (src/core/charts.ts) and gets its
 * addresses under the public URL; the tokens live in the store (src/store/chart-tokens.ts),
 * which the flow never touches itself. Without a public URL nothing is kept and the flow gets
 * undefined (it shows the chart's text alternative alone).
 */
import type { ChartLinks } from '../core/charts.js';
import { ChartTokens } from '../store/chart-tokens.js';
import type { Store } from '../store/index.js';

/** The store's chart tokens, for the engine and the HTTP route (no state of its own). */
export function chartTokensOf(store: Store): ChartTokens {
  return new ChartTokens(store.redis, store.keys);
}

/** What a flow gets as `ctx.charts`. */
export function chartLinks(store: Store, publicUrl: () => string | undefined): ChartLinks {
  return {
    async publish(spec, keepSeconds) {
      const base = publicUrl()?.replace(/\/+$/, '');
      if (!base) return undefined;
      const token = await chartTokensOf(store).put(spec, keepSeconds);
      return { png: `${base}/charts/${token}.png`, svg: `${base}/charts/${token}.svg` };
    },
  };
}
