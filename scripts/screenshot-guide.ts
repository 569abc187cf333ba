/**
 * `npm run docs:screenshots` (`npx tsx scripts/screenshot-guide.ts [name …]`): the user
 * guide's pictures of the web chat, in Dutch and in English (docs/guide/<nl|en>-<name>.png).
 * Per language it starts the real app in local mode on a private key prefix (with a local SMTP
 * server, so invitations go out by e-mail), lets the demo personas type each command in
 * Chromium and photographs the answer. The English run opens the page in English and has the
 * personas do their intake in English, so the bot answers them in English. Waits on what a
 * person would see, never on time. Names on the command line take only those pictures.
 * Each picture is the chat column from the command to its answer (what came before is hidden),
 * stored with a palette (scripts/png-palette.ts) so it stays small. Needs Redis (the npm script
 * starts one when none answers) and Debian's chromium; emoji need fonts-noto-color-emoji, date
 * fields in Dutch or British form chromium-l10n.
 */
import { mkdir } from 'node:fs/promises';
import type { Locale } from '../src/core/events.js';
import { launchBrowser } from '../test/e2e/browser.js';
import { startTestApp } from '../test/helpers/app.js';
import { startTestSmtp } from '../test/helpers/smtp.js';
import { FATIMA, JOOST, OUT, Session } from './screenshot-guide-session.js';
import { SHOTS } from './screenshot-guide-shots.js';

async function run(lang: Locale, only: Set<string>): Promise<void> {
  const smtp = await startTestSmtp();
  const app = await startTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Alliantiebot <alliantiebot@energieregio-west.example>',
  });
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const browser = await launchBrowser({ locale });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale,
      timezoneId: 'Europe/Amsterdam',
    });
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.baseUrl}/?lang=${lang}`);
    const s = new Session(lang, app, page);
    // The coordinator and the spokesperson joined already, in the language of this run.
    await s.intake(JOOST, {
      organisation: 'Provincie Zuid-Holland',
      organisationType: 'provincie',
      role: lang === 'nl' ? 'Coördinator Energieregio Holland-West' : 'Coordinator',
      goals: 'De regionale energiestrategie samen waarmaken.',
      offers: 'Overzicht over de hele regio.',
      needs: 'Tijdig zicht op knelpunten.',
      topics: ['netcongestie', 'participatie'],
    });
    await s.intake(FATIMA, {
      organisation: 'Provincie Zuid-Holland',
      organisationType: 'provincie',
      role: lang === 'nl' ? 'Woordvoerder' : 'Spokesperson',
      goals: 'Successen van de regio zichtbaar maken.',
      offers: 'Persberichten en contacten met regionale media.',
      needs: 'Successen en cijfers van partners.',
      topics: ['participatie', 'zon'],
    });
    for (const shot of SHOTS) {
      if (only.size > 0 && !only.has(shot.name)) continue;
      await shot.run(s);
    }
  } finally {
    await browser.close();
    await app.stop();
    await smtp.stop();
  }
}

await mkdir(OUT, { recursive: true });
const only = new Set(process.argv.slice(2));
for (const lang of ['nl', 'en'] as const) await run(lang, only);
