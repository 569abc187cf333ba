/**
 * The one-time download of a privacy export: `GET /privacy/export/<token>` shows a page with a
 * download button (a link preview or a scanner fetching the link does not use it up);
 * `POST` to the same path hands the JSON file out once and forgets it.
 */
import type { HttpRoute } from '../core/adapter.js';
import type { ExportFiles } from '../store/privacy-exports.js';
import { escapeHtml, requestUrl, sendJson, sendText } from './util.js';

export const EXPORT_PATH = '/privacy/export/';

function tokenOf(url: URL): string {
  return decodeURIComponent(url.pathname.slice(EXPORT_PATH.length)).replace(/\.json$/, '');
}

const page = (body: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Alliantiebot — export</title></head><body><main>${body}</main></body></html>`;

export function exportRoutes(files: ExportFiles): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: `${EXPORT_PATH}*`,
      async handle(req, res) {
        const token = tokenOf(requestUrl(req));
        if (!(await files.waiting(token))) {
          return sendText(
            res,
            404,
            page(
              '<h1>Deze link is verlopen of al gebruikt</h1><p lang="en">This link has expired or was used already.</p>',
            ),
            'text/html; charset=utf-8',
          );
        }
        const action = `${EXPORT_PATH}${escapeHtml(encodeURIComponent(token))}`;
        return sendText(
          res,
          200,
          page(
            `<h1>Jouw gegevens / Your data</h1><p>Eén keer te downloaden. <span lang="en">Can be downloaded once.</span></p><form method="post" action="${action}"><button type="submit">Download (JSON)</button></form>`,
          ),
          'text/html; charset=utf-8',
        );
      },
    },
    {
      method: 'POST',
      path: `${EXPORT_PATH}*`,
      async handle(req, res) {
        const file = await files.take(tokenOf(requestUrl(req)));
        if (!file) return sendJson(res, 404, { error: 'expired or used already' });
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
          'cache-control': 'no-store',
        });
        res.end(file.content);
      },
    },
  ];
}
