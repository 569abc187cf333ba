/**
 * The web chat's HTML page, in the viewer's language. The words the script needs travel
 * with the page as JSON, so every string stays in the nl/en catalogues.
 *
 * Landmarks: the sidebar (complementary, with the conversations as navigation) and main,
 * whose one h1 is the open conversation; bot cards and forms in it have h2 titles. The
 * message list is a live region (role="log") that can take the keyboard focus, so it can be
 * scrolled without a mouse. No inline script or style: the script and style sheet are files,
 * and the words are a JSON data block, so a strict Content-Security-Policy holds.
 */
import type { Locale } from '../../src/core/events.js';
import { t } from '../../src/core/i18n/index.js';
import { escapeHtml } from './escape.js';

const CLIENT_KEYS = [
  'local.direct',
  'local.messageLabel',
  'local.send',
  'local.placeholder.direct',
  'local.placeholder.channel',
  'local.onlyYou',
  'local.failed',
  'local.empty',
  'local.bot',
] as const;

export function renderPage(locale: Locale): string {
  const words = Object.fromEntries(CLIENT_KEYS.map((k) => [k, t(locale, k)]));
  const json = JSON.stringify(words).replace(/</g, '\\u003c');
  const other = locale === 'nl' ? 'en' : 'nl';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(locale, 'local.title'))}</title>
<link rel="stylesheet" href="/local/style.css">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M8 1l7 7-7 7-7-7z' fill='%230b6e4f'/%3E%3C/svg%3E">
</head>
<body>
<a class="skip" href="#composer-input">${escapeHtml(t(locale, 'local.messageLabel'))}</a>
<div class="app">
  <aside class="sidebar" aria-label="${escapeHtml(t(locale, 'local.conversations'))}">
    <header class="brand"><span class="logo" aria-hidden="true">◆</span> Alliantiebot
      <a class="lang" href="/?lang=${other}" lang="${other}">${other.toUpperCase()}</a></header>
    <label for="persona" class="persona-label">${escapeHtml(t(locale, 'local.whoAreYou'))}</label>
    <select id="persona"></select>
    <p id="persona-description" class="persona-description"></p>
    <h2 class="sidebar-title">${escapeHtml(t(locale, 'local.conversations'))}</h2>
    <nav><ul id="conversations" class="conversations"></ul></nav>
    <p class="intro">${escapeHtml(t(locale, 'local.intro'))}</p>
  </aside>
  <main class="chat">
    <h1 id="conversation-title" class="conversation-title"></h1>
    <section id="messages" class="messages" role="log" aria-live="polite" aria-labelledby="conversation-title" tabindex="0"></section>
    <form id="composer" class="composer">
      <label for="composer-input" class="visually-hidden">${escapeHtml(t(locale, 'local.messageLabel'))}</label>
      <input id="composer-input" name="text" autocomplete="off" maxlength="4000">
      <button type="submit" class="btn btn-primary">${escapeHtml(t(locale, 'local.send'))}</button>
    </form>
    <p id="status" class="status" role="status"></p>
  </main>
</div>
<script id="words" type="application/json">${json}</script>
<script type="module" src="/local/app.js"></script>
</body>
</html>`;
}
