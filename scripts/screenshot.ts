/**
 * `npx tsx scripts/screenshot.ts`: the README's picture of the web chat. Starts the bot on a
 * private key prefix, lets Anna do her intake in Chromium and photographs the alliance
 * channel with her introduction (docs/local-chat.png).
 */
import { launchBrowser } from '../test/e2e/browser.js';
import { startTestApp } from '../test/helpers/app.js';

const app = await startTestApp();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  page.setDefaultTimeout(10_000);
  await page.goto(app.baseUrl);
  await page.getByLabel('Wie ben je?').selectOption({ label: 'Anna de Vries' });
  await page.getByLabel('Bericht').fill('aanmelden');
  await page.getByRole('button', { name: 'Versturen' }).click();
  const form = page.getByRole('form', { name: 'Kennismaken' });
  await form.getByLabel('Organisatie', { exact: true }).fill('Gemeente Leiden');
  await form.getByLabel('Soort organisatie').selectOption({ label: 'Gemeente' });
  await form.getByLabel('Je rol').fill('Beleidsadviseur energie');
  await form
    .getByLabel('Wat wil je organisatie bereiken?')
    .fill('In 2030 liggen alle geschikte gemeentelijke daken vol zonnepanelen.');
  await form
    .getByLabel('Wat breng je mee?')
    .fill('Kennis van vergunningen en van participatie met inwoners.');
  await form
    .getByLabel('Wat zoek je?')
    .fill('Afspraken met de netbeheerder over netcongestie op bedrijventerreinen.');
  await form.getByRole('checkbox', { name: 'Zon' }).check();
  await form.getByRole('checkbox', { name: 'Netcongestie' }).check();
  await form.getByRole('button', { name: 'Versturen' }).click();
  await page.getByRole('log').getByText('Dank je, Anna de Vries!').waitFor();
  await page.getByRole('button', { name: '# alliantie' }).click();
  await page
    .getByRole('article', { name: 'Maak kennis met Anna de Vries van Gemeente Leiden' })
    .waitFor();
  await page.getByLabel('Bericht').fill('@alliantiebot hulp');
  await page.getByRole('button', { name: 'Versturen' }).click();
  await page.getByRole('article', { name: /Wat ik voor je kan doen/ }).waitFor();
  await page
    .getByLabel('Bericht')
    .fill('Welkom Anna! Zullen we het over de daken van de bedrijventerreinen hebben?');
  await page.screenshot({ path: 'docs/local-chat.png' });
  process.stdout.write('wrote docs/local-chat.png\n');
} finally {
  await browser.close();
  await app.stop();
}
