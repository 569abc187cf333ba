/**
 * Onboarding v1 in the local web chat, in a real browser, as a person does it: choose who
 * you are, ask for help, sign up, get the form back with errors, fill it in properly, and
 * see the introduction in the alliance channel — also live in another person's window.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { launchBrowser } from './browser.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openAs(name: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(8000);
  await page.goto(app.baseUrl);
  await page.getByLabel('Wie ben je?').selectOption({ label: name });
  await page.getByRole('heading', { level: 1, name: 'Privé met Alliantiebot' }).waitFor();
  return page;
}

async function say(page: Page, words: string): Promise<void> {
  await page.getByLabel('Bericht').fill(words);
  await page.getByRole('button', { name: 'Versturen' }).click();
}

describe('onboarding v1 in the web chat', () => {
  it('takes Anna from help to her introduction in the alliance channel', async () => {
    const anna = await openAs('Anna de Vries');
    const log = anna.getByRole('log');

    await say(anna, 'hulp');
    const help = log.getByRole('article', {
      name: 'Wat ik voor je kan doen in Energieregio Holland-West',
    });
    await help.waitFor();
    expect(await help.textContent()).toContain('aanmelden');

    await say(anna, 'aanmelden');
    const welcome = log.getByRole('article', { name: 'Welkom bij Energieregio Holland-West' });
    await welcome.waitFor();
    const welcomeText = (await welcome.textContent()) ?? '';
    expect(welcomeText).toContain('2,1 TWh');
    expect(welcomeText).toContain('Huisregels');
    const form = log.getByRole('form', { name: 'Kennismaken' });
    await form.waitFor();

    // Send it half-filled: errors next to the fields, the input kept, focus on the first error.
    await form.getByLabel('Je naam').fill('Anna de Vries');
    await form.getByLabel('Je rol').fill('x'.repeat(151));
    // The browser keeps the role to its 150 characters (the server checks it too).
    expect((await form.getByLabel('Je rol').inputValue()).length).toBe(150);
    await form.getByRole('button', { name: 'Versturen' }).click();
    const again = log.getByRole('form', { name: 'Kennismaken' });
    await again.getByText('Niet alles is goed ingevuld.').waitFor();
    expect(await again.getByText('Vul dit veld in.').count()).toBe(6);
    await expect
      .poll(() => again.getByLabel('Organisatie', { exact: true }).getAttribute('aria-invalid'))
      .toBe('true');
    await expect.poll(() => again.getByLabel('Je naam').inputValue()).toBe('Anna de Vries');
    await expect.poll(() => anna.locator(':focus').getAttribute('name')).toBe('organisation');

    await again.getByLabel('Organisatie', { exact: true }).fill('Gemeente Leiden');
    await again.getByLabel('Soort organisatie').selectOption({ label: 'Gemeente' });
    await again.getByLabel('Je rol').fill('Beleidsadviseur energie');
    await again
      .getByLabel('Wat wil je organisatie bereiken?')
      .fill('In 2030 alle gemeentelijke daken vol zon.');
    await again.getByLabel('Wat breng je mee?').fill('Kennis van vergunningen en participatie.');
    await again.getByLabel('Wat zoek je?').fill('Contact met de netbeheerder over netcongestie.');
    await again.getByRole('checkbox', { name: 'Zon' }).check();
    await again.getByRole('checkbox', { name: 'Warmte' }).check();
    await again.getByRole('button', { name: 'Versturen' }).click();
    await log.getByText('Dank je, Anna de Vries!').waitFor();

    await anna.getByRole('button', { name: '# alliantie' }).click();
    const intro = anna.getByRole('article', {
      name: 'Maak kennis met Anna de Vries van Gemeente Leiden',
    });
    await intro.waitFor();
    expect(await intro.textContent()).toContain('Beleidsadviseur energie');
    await anna.close();
  });

  it('tells the coordinator and shows new introductions live in an open channel', async () => {
    const joost = await openAs('Joost Vermeulen');
    await joost
      .getByRole('log')
      .getByText('Anna de Vries (Gemeente Leiden) heeft zich aangemeld')
      .waitFor();
    await joost.getByRole('button', { name: '# alliantie' }).click();
    await joost
      .getByRole('article', { name: 'Maak kennis met Anna de Vries van Gemeente Leiden' })
      .waitFor();

    // Pieter signs up in another window; Joost's open channel shows him without a reload.
    const pieter = await openAs('Pieter Bakker');
    await say(pieter, 'aanmelden');
    const form = pieter.getByRole('form', { name: 'Kennismaken' });
    await form.getByLabel('Organisatie', { exact: true }).fill('Hoogheemraadschap van Rijnland');
    await form.getByLabel('Soort organisatie').selectOption({ label: 'Waterschap' });
    await form.getByLabel('Je rol').fill('Adviseur aquathermie');
    await form
      .getByLabel('Wat wil je organisatie bereiken?')
      .fill('Warmte uit oppervlaktewater benutten.');
    await form.getByLabel('Wat breng je mee?').fill('Data over waterlopen.');
    await form.getByLabel('Wat zoek je?').fill('Gemeenten met warmteplannen.');
    await form.getByRole('checkbox', { name: 'Warmte' }).check();
    await form.getByRole('button', { name: 'Versturen' }).click();
    await joost
      .getByRole('article', {
        name: 'Maak kennis met Pieter Bakker van Hoogheemraadschap van Rijnland',
      })
      .waitFor();
    await pieter.close();
    await joost.close();
  });

  it('speaks English to Emma', async () => {
    const emma = await browser.newPage();
    await emma.goto(`${app.baseUrl}/?lang=en`);
    await emma.getByLabel('Who are you?').selectOption({ label: 'Emma Clarke' });
    await emma.getByLabel('Message').fill('help');
    await emma.getByRole('button', { name: 'Send' }).click();
    await emma
      .getByRole('article', { name: 'What I can do for you in Energieregio Holland-West' })
      .waitFor();
    await emma.close();
  });
});
