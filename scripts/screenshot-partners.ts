/**
 * `npx tsx scripts/screenshot-partners.ts`: the user guide's pictures of a new organisation
 * waiting for the coordinators (docs/guide-partner-request.png) and of the same card after the
 * coordinator merged it with a partner (docs/guide-partner-merged.png), from the web chat in
 * Chromium.
 */
import { directConversationOf } from '../adapters/local/index.js';
import { launchBrowser } from '../test/e2e/browser.js';
import { startTestApp } from '../test/helpers/app.js';

const app = await startTestApp();
const browser = await launchBrowser();
try {
  await app.app.engine.handle({
    type: 'form_submitted',
    eventId: 'guide-pieter',
    platform: 'local',
    actor: { userId: 'local:demo:pieter' },
    conversation: { id: directConversationOf('local:demo:pieter'), kind: 'direct' },
    formId: 'onboarding.intake',
    context: 'energieregio-west',
    values: {
      name: 'Pieter Bakker',
      organisation: 'Waterbedrijf Rijnland Noord',
      organisationType: 'bedrijf',
      role: 'Adviseur warmte',
      goals: 'Aquathermie uit oppervlaktewater voor 5.000 woningen.',
      offers: 'Data over waterkwaliteit en temperatuur.',
      needs: 'Woningcorporaties die willen meedoen.',
      topics: ['warmte'],
      language: 'nl',
    },
  });
  const page = await browser.newPage({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  page.setDefaultTimeout(10_000);
  await page.goto(app.baseUrl);
  await page.getByLabel('Wie ben je?').selectOption({ label: 'Joost Vermeulen' });
  const request = page.getByRole('article', { name: /Nieuwe organisatie: Waterbedrijf/ });
  await request.waitFor();
  await page.screenshot({ path: 'docs/guide-partner-request.png' });
  await request.getByRole('button', { name: 'Hoort bij Hoogheemraadschap van Rijnland' }).click();
  await request.getByText(/Samengevoegd met Hoogheemraadschap van Rijnland/).waitFor();
  await page.screenshot({ path: 'docs/guide-partner-merged.png' });
  process.stdout.write('wrote docs/guide-partner-request.png and docs/guide-partner-merged.png\n');
} finally {
  await browser.close();
  await app.stop();
}
