/**
 * `/digest/unsubscribe/<token>`: stopping the digest e-mails from the link in one. `GET` shows
 * a page that asks, with a button (a link preview or a mail scanner fetching the link stops
 * nothing); `POST` — that button, or a mail client's one-click unsubscribe (RFC 8058: a POST
 * with `List-Unsubscribe=One-Click`, no cookies, no page) — stops it and says so. An unknown
 * token is a 404 that says nothing about what exists. The pages come from the digest flow
 * (wired in src/main.ts), in the person's language, everything in them escaped here; the server
 * adds the page headers (a CSP that allows no script and forms posting home only, no framing,
 * no referrer: the token is in the URL) and `cache-control: no-store` keeps them out of caches.
 */
import type { HttpRoute } from '../core/adapter.js';
import { t } from '../core/i18n/index.js';
import { UNSUBSCRIBE_PATH, type UnsubscribePage } from '../core/mail.js';
import { TOKEN_SOURCE } from '../core/tokens.js';
import { escapeHtml, readBody, requestUrl, sendText } from './util.js';

const TOKEN = new RegExp(`^/digest/unsubscribe/(${TOKEN_SOURCE})$`);

export interface Unsubscriber {
  show(token: string): Promise<UnsubscribePage | null>;
  stop(token: string): Promise<UnsubscribePage | null>;
}

/** A link that does not work: said in both languages (nothing tells whose link it was). */
const GONE: UnsubscribePage = {
  locale: 'nl',
  title: 'Alliantiebot',
  text: t('nl', 'http.linkGone'),
};
const GONE_EN = t('en', 'http.linkGone');

function html(page: UnsubscribePage, action?: string): string {
  const form =
    page.button && action
      ? `<form method="post" action="${escapeHtml(action)}"><button type="submit">${escapeHtml(page.button)}</button></form>`
      : '';
  const english = page === GONE ? `<p lang="en">${GONE_EN}</p>` : '';
  return `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escapeHtml(page.title)}</title></head><body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.text)}</p>${english}${form}</main></body></html>`;
}

function answer(res: Parameters<HttpRoute['handle']>[1], status: number, body: string): void {
  res.setHeader('cache-control', 'no-store');
  sendText(res, status, body, 'text/html; charset=utf-8');
}

export function unsubscribeRoutes(unsubscriber: Unsubscriber): HttpRoute[] {
  const tokenOf = (req: Parameters<HttpRoute['handle']>[0]) =>
    TOKEN.exec(requestUrl(req).pathname)?.[1];
  return [
    {
      method: 'GET',
      path: `${UNSUBSCRIBE_PATH}*`,
      async handle(req, res) {
        const token = tokenOf(req);
        const page = token ? await unsubscriber.show(token) : null;
        if (!page || !token) return answer(res, 404, html(GONE));
        return answer(res, 200, html(page, `${UNSUBSCRIBE_PATH}${token}`));
      },
    },
    {
      method: 'POST',
      path: `${UNSUBSCRIBE_PATH}*`,
      async handle(req, res) {
        // The body says nothing we need (`List-Unsubscribe=One-Click`, or the button's empty
        // form): read within bounds and dropped.
        await readBody(req, 4096);
        const token = tokenOf(req);
        const page = token ? await unsubscriber.stop(token) : null;
        if (!page) return answer(res, 404, html(GONE));
        return answer(res, 200, html(page));
      },
    },
  ];
}
