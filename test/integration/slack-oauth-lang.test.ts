/**
 * The page an installer lands on after Slack's OAuth screen speaks their language, all of
 * it (lang, title, heading, sentence, link): English when their browser prefers English or
 * they started at /slack/install?lang=en, Dutch otherwise. Against the Web API stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { startSlackOAuthTestApp } from '../helpers/slack.js';

const api = new FakeSlackApi('xoxb-unused');
let t: TestApp;
beforeAll(async () => {
  await api.start();
  t = await startSlackOAuthTestApp(api);
});
afterAll(async () => {
  await t.stop();
  await api.stop();
});

/** Starts an install like a browser: the signed state and the state cookie. */
async function startInstall(query = ''): Promise<{ state: string; cookie: string }> {
  const start = await fetch(`${t.baseUrl}/slack/install${query}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  expect(state).not.toBe('');
  return { state, cookie: (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

let n = 0;
/** A whole install into a new workspace; returns the page the installer sees. */
async function install(
  options: { teamName?: string; acceptLanguage?: string; query?: string } = {},
): Promise<{ status: number; html: string; language: string | null }> {
  const { state, cookie } = await startInstall(options.query);
  const code = `lang-code-${++n}`;
  api.codes.set(code, {
    // The demo alliance's workspace: one no alliance lists is refused (slack-workspaces.test.ts).
    teamId: 'T0DEMO01',
    teamName: options.teamName ?? 'Energieregio Holland-West',
  });
  const res = await fetch(
    `${t.baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    {
      headers: {
        cookie,
        ...(options.acceptLanguage ? { 'accept-language': options.acceptLanguage } : {}),
      },
    },
  );
  return {
    status: res.status,
    html: await res.text(),
    language: res.headers.get('content-language'),
  };
}

const DUTCH = ['geïnstalleerd', 'Nodig de bot uit', 'installeren', 'toegevoegd', 'niet gelukt'];
const ENGLISH = ['installed in', 'Invite the bot', 'Installing', 'has been added', 'failed'];

describe('the page after installing', () => {
  it('is in English for a browser that prefers English', async () => {
    const page = await install({ acceptLanguage: 'en-GB,en;q=0.9,nl;q=0.8' });
    expect(page.status).toBe(200);
    expect(page.language).toBe('en');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('<title>Installing Alliantiebot in Slack</title>');
    expect(page.html).toContain('<h1>Alliantiebot has been added to Slack</h1>');
    expect(page.html).toContain(
      'Alliantiebot is installed in Energieregio Holland-West. Invite the bot into the alliance channel',
    );
    for (const word of DUTCH) expect(page.html).not.toContain(word);
  });

  it('is in Dutch for a browser that prefers Dutch, names neither, or says nothing', async () => {
    for (const acceptLanguage of ['nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7', 'de-DE,fr;q=0.5', '']) {
      const page = await install({ acceptLanguage });
      expect(page.status).toBe(200);
      expect(page.language).toBe('nl');
      expect(page.html).toContain('<html lang="nl">');
      expect(page.html).toContain('<title>Alliantiebot installeren in Slack</title>');
      expect(page.html).toContain('<h1>Alliantiebot is toegevoegd aan Slack</h1>');
      expect(page.html).toContain(
        'Alliantiebot is geïnstalleerd in Energieregio Holland-West. Nodig de bot uit',
      );
      for (const word of ENGLISH) expect(page.html).not.toContain(word);
    }
  });

  it('follows ?lang= on the install link over the browser, carried through the state', async () => {
    const en = await install({ query: '?lang=en', acceptLanguage: 'nl' });
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<h1>Alliantiebot has been added to Slack</h1>');
    const nl = await install({ query: '?lang=nl', acceptLanguage: 'en' });
    expect(nl.html).toContain('<html lang="nl">');
    expect(nl.html).toContain('<h1>Alliantiebot is toegevoegd aan Slack</h1>');
    // Anything else is no choice: the browser decides.
    const other = await install({ query: '?lang=<b>de</b>', acceptLanguage: 'en' });
    expect(other.html).toContain('<html lang="en">');
  });

  it('escapes the workspace name', async () => {
    const page = await install({ teamName: '<img src=x onerror=alert(1)> & Co' });
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(page.html).not.toContain('<img');
  });
});

describe('the page after a failed install', () => {
  it('is in English for a forged state when the browser prefers English, with a way back', async () => {
    const res = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=nope&state=forged`, {
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Installing Alliantiebot in Slack</title>');
    expect(html).toContain('<h1>Installation failed</h1>');
    expect(html).toContain('The installation did not succeed.');
    expect(html).toContain('<a href="install?lang=en">Install again</a>');
    for (const word of DUTCH) expect(html).not.toContain(word);
  });

  it('is in Dutch by default', async () => {
    const res = await fetch(`${t.baseUrl}/slack/oauth_redirect?code=nope&state=forged`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain('<h1>Installatie niet gelukt</h1>');
    expect(html).toContain('De installatie is niet gelukt.');
    expect(html).toContain('<a href="install?lang=nl">Opnieuw installeren</a>');
    for (const word of ENGLISH) expect(html).not.toContain(word);
  });

  it('keeps the ?lang= the installer started with when they cancel at Slack', async () => {
    const { state, cookie } = await startInstall('?lang=en');
    const res = await fetch(
      `${t.baseUrl}/slack/oauth_redirect?error=access_denied&state=${encodeURIComponent(state)}`,
      { headers: { cookie, 'accept-language': 'nl' } },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Installation failed</h1>');
    expect(html).toContain('<a href="install?lang=en">Install again</a>');
  });

  it('keeps it when Slack refuses the code', async () => {
    const { state, cookie } = await startInstall('?lang=en');
    const res = await fetch(
      `${t.baseUrl}/slack/oauth_redirect?code=unknown-code&state=${encodeURIComponent(state)}`,
      { headers: { cookie, 'accept-language': 'nl' } },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<h1>Installation failed</h1>');
  });
});
