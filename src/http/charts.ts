/**
 * `GET /charts/<token>.svg` and `.png`: a published chart (src/core/charts.ts), rendered on the
 * server (src/charts/render.ts) from what its token keeps. The token is the chart's unguessable
 * address and lives as long as the message that shows it; an unknown or expired one gets a
 * short answer in Dutch and English (404), never an error page. What a token shows never
 * changes, so a rendering is kept in memory for a while and caches may keep it for an hour.
 */

import { renderChartPng, renderChartSvg } from '../charts/render.js';
import type { HttpRoute } from '../core/adapter.js';
import type { ChartSpec } from '../core/charts.js';
import { t } from '../core/i18n/index.js';
import { TOKEN_SOURCE } from '../core/tokens.js';
import { requestUrl, sendText } from './util.js';

export const CHARTS_PATH = '/charts/';
const PATH = new RegExp(`^/charts/(${TOKEN_SOURCE})\\.(svg|png)$`);
/** Renderings kept in memory (a digest's chart is fetched by every channel's platform). */
const KEPT = 32;

export const GONE_TEXT = `${t('nl', 'http.chartGone')}\n${t('en', 'http.chartGone')}\n`;

/** The route, given what finds the chart of a token (null: none, or expired). */
export function chartsRoute(find: (token: string) => Promise<ChartSpec | null>): HttpRoute {
  // Promises, so requests for a chart being drawn wait for that drawing rather than draw again.
  const rendered = new Map<string, Promise<Buffer>>();
  const keep = (key: string, body: Promise<Buffer>) => {
    rendered.set(key, body);
    body.catch(() => rendered.delete(key));
    for (const oldest of rendered.keys()) {
      if (rendered.size <= KEPT) break;
      rendered.delete(oldest);
    }
  };
  return {
    method: 'GET',
    path: `${CHARTS_PATH}*`,
    async handle(req, res) {
      const match = PATH.exec(requestUrl(req).pathname);
      const token = match?.[1];
      const format = match?.[2] === 'png' ? 'png' : 'svg';
      // Asked every time: a chart whose token expired is gone, also when it is still rendered.
      const spec = token ? await find(token) : null;
      if (!token || !spec) return sendText(res, 404, GONE_TEXT);
      const key = `${token}.${format}`;
      let drawing = rendered.get(key);
      if (!drawing) {
        drawing =
          format === 'png'
            ? renderChartPng(spec)
            : Promise.resolve(Buffer.from(renderChartSvg(spec), 'utf8'));
        keep(key, drawing);
      }
      const body = await drawing;
      res.writeHead(200, {
        'content-type': format === 'png' ? 'image/png' : 'image/svg+xml; charset=utf-8',
        'content-length': body.length,
        'cache-control': 'public, max-age=3600',
        // An SVG opened on its own runs nothing and loads nothing.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'content-disposition': `inline; filename="chart.${format}"`,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    },
  };
}
