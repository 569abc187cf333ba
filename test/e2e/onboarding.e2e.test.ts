/**
 * Onboarding v1 in the local web chat, in a real browser, as a person does it: choose who
 * you are, ask for help, sign up, press the welcome's start button as well, get the form back
 * with errors, fill it in properly and see the introduction in the alliance channel; then the
 * coordinator in the same window, and new messages arriving live (Server-Sent Events) in a
 * channel that is already open, while another person fills in the form with the keyboard only.
 *
 * Everything is found by role and accessible name or by label, so the test also proves
 * that the page can be used with a screen reader: if a label, a heading, a form name or an
 * error description goes missing, the test fails. And at every step axe-core checks the
 * whole page against WCAG 2.1 A and AA and its best practices (test/e2e/axe.ts).
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';

/** How long anything may take to appear: generous, but bounded. */
const WAIT = 10_000;
const STEP = 60_000;
const ALLIANCE = 'Energieregio Holland-West';
const ANNA_INTRO = 'Maak kennis met Anna de Vries van Gemeente Leiden';
/** A message that tries everything to become markup or a link; it must stay text. */
const HOSTILE =
  '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> "quotes" & \'apostrophes\' &lt;b&gt; https://example.org javascript:alert(1)';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchBrowser();
}, STEP);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
}, STEP);

async function newPage(path = '/'): Promise<Page> {
  // A context of its own per page: its own localStorage, as another person's browser.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(new URL(path, app.baseUrl).href);
  return page;
}

/** Chooses a persona in "Wie ben je?" and waits for their private chat. */
async function actAs(
  page: Page,
  name: string,
  ui = { who: 'Wie ben je?', direct: 'Privé met Alliantiebot' },
) {
  await page.getByLabel(ui.who).selectOption({ label: name });
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: WAIT })
    .toBe(ui.direct);
}

async function say(page: Page, words: string, ui = { message: 'Bericht', send: 'Versturen' }) {
  await page.getByLabel(ui.message, { exact: true }).fill(words);
  await page.getByRole('button', { name: ui.send, exact: true }).click();
}

async function openConversation(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: WAIT })
    .toBe(name);
  await expect
    .poll(
      () =>
        page
          .getByRole('navigation')
          .getByRole('button', { name, exact: true })
          .getAttribute('aria-current'),
      { timeout: WAIT },
    )
    .toBe('true');
}

/** The text of the elements a control's aria-describedby points at: what a screen reader adds. */
async function descriptionOf(control: Locator): Promise<string> {
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const page = control.page();
  const parts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return parts.join(' ');
}

/** The accessible "term — definition" pairs of a card's description list. */
async function termsOf(card: Locator): Promise<string[]> {
  return card.getByRole('term').allTextContents();
}

/** Remembers the live region the page shows now: the message list. */
async function markLiveRegion(page: Page): Promise<void> {
  await page.evaluate('window.__liveRegion = document.querySelector("[role=log][aria-live]")');
}

/** Whether the page still shows the live region it had when it was marked. */
async function sameLiveRegion(page: Page): Promise<boolean> {
  return (
    (await page.evaluate(
      'window.__liveRegion === document.querySelector("[role=log][aria-live]")',
    )) === true
  );
}

/**
 * How a screen reader learns of a new message: the politeness of the live region it was
 * added to, when that region was already on the page before it came (null otherwise).
 */
async function announcement(message: Locator): Promise<string | null> {
  return message.evaluate((el) => {
    const region = el.closest('[aria-live]');
    const marked = (globalThis as unknown as { __liveRegion?: unknown }).__liveRegion;
    return region !== null && region === marked ? region.getAttribute('aria-live') : null;
  });
}

async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement);
}

/** Presses `key` until `target` has the focus: proof that the keyboard alone gets there. */
async function tabTo(page: Page, target: Locator, key = 'Tab', most = 80): Promise<void> {
  for (let presses = 0; presses < most; presses++) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${most} times ${key} did not reach ${target}`);
}

/** Presses Tab once and expects the focus on `target`: the next stop in the form's order. */
async function tabOnceTo(page: Page, target: Locator): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await hasFocus(target), `Tab to ${target}`).toBe(true);
}

/** True while the page was never reloaded (a marker on the window survives). */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate('window.__sameDocument = true');
}
async function sameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate('window.__sameDocument === true')) === true;
}

describe('onboarding v1 in the web chat (Chromium)', () => {
  let page: Page;

  it(
    'takes Anna from help, through a form with errors, to her introduction in # alliantie',
    async () => {
      page = await newPage();
      await expect.poll(() => page.getAttribute('html', 'lang')).toBe('nl');
      await page.getByRole('heading', { level: 1 }).filter({ hasText: /./ }).waitFor();
      await expectNoAxeViolations(page, 'page loaded');
      await actAs(page, 'Anna de Vries');
      const log = page.getByRole('log', { name: 'Privé met Alliantiebot' });
      await expectNoAxeViolations(page, 'persona picked');

      // hulp → what the bot can do here, in Dutch, with the word to sign up.
      await markLiveRegion(page);
      await say(page, 'hulp');
      const help = log.getByRole('article', { name: `Wat ik voor je kan doen in ${ALLIANCE}` });
      await help.waitFor();
      expect(await termsOf(help)).toContain('aanmelden');
      // A screen reader reads it out: it was added to the polite live region already there.
      expect(await announcement(help)).toBe('polite');
      await expectNoAxeViolations(page, 'help shown');

      // aanmelden → a private welcome with the shared ambition and house rules, and the intake.
      await say(page, 'aanmelden');
      const welcome = log.getByRole('article', { name: `Welkom bij ${ALLIANCE}` });
      await welcome.waitFor();
      expect(await termsOf(welcome)).toEqual(['Onze gedeelde ambitie', 'Huisregels']);
      expect(await welcome.getByRole('definition').first().textContent()).toContain('2,1 TWh');
      expect((await welcome.getByRole('definition').nth(1).textContent())?.length).toBeGreaterThan(
        20,
      );
      await expectNoAxeViolations(page, 'welcome shown');

      const first = log.getByRole('form', { name: 'Kennismaken', exact: true });
      await first.waitFor();
      await expectNoAxeViolations(page, 'form open');

      // As a new user does: the welcome's start button too. A second intake form; two form
      // landmarks of one name cannot be told apart, so the second has its number in its name.
      await log.getByRole('button', { name: 'Start de kennismaking' }).click();
      const form = log.getByRole('form', { name: 'Kennismaken (2)', exact: true });
      await form.waitFor();
      expect(await log.getByRole('form').count()).toBe(2);
      const field = {
        name: form.getByLabel('Je naam'),
        organisation: form.getByLabel('Organisatie', { exact: true }),
        type: form.getByLabel('Soort organisatie'),
        role: form.getByLabel('Je rol'),
        goals: form.getByLabel('Wat wil je organisatie bereiken?'),
        offers: form.getByLabel('Wat breng je mee?'),
        needs: form.getByLabel('Wat zoek je?'),
        topics: form.getByRole('group', { name: 'Onderwerpen' }),
      };
      // The bot knows her name already.
      expect(await field.name.inputValue()).toBe('Anna de Vries');
      await expectNoAxeViolations(page, 'form asked for again');

      // A role that is too long: the browser keeps it to 150 characters...
      await field.role.fill('x'.repeat(200));
      expect((await field.role.inputValue()).length).toBe(150);
      // ...and the server checks it as well (for a browser that ignores maxlength).
      await field.role.evaluate((el) => el.removeAttribute('maxlength'));
      const longRole = `Beleidsadviseur ${'energie '.repeat(20)}`.trim();
      await field.role.fill(longRole);
      await field.goals.fill('In 2030 alle gemeentelijke daken vol zon.');
      // Organisation, type, offers, needs and topics left empty.
      await form.getByRole('button', { name: 'Versturen' }).click();

      await expect
        .poll(() => form.getByRole('alert').textContent(), { timeout: WAIT })
        .toContain('Niet alles is goed ingevuld.');
      for (const bad of [field.organisation, field.type, field.offers, field.needs]) {
        expect(await bad.getAttribute('aria-invalid')).toBe('true');
        expect(await descriptionOf(bad)).toContain('Vul dit veld in.');
      }
      expect(await field.topics.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(field.topics)).toContain('Vul dit veld in.');
      expect(await field.role.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(field.role)).toContain('Maximaal 150 tekens.');
      expect(await field.name.getAttribute('aria-invalid')).toBeNull();
      expect(await field.goals.getAttribute('aria-invalid')).toBeNull();
      expect(await form.getByText('Vul dit veld in.').count()).toBe(5);
      // The focus is on the first field to correct.
      const organisationId = await field.organisation.getAttribute('id');
      await expect
        .poll(() => page.locator(':focus').getAttribute('id'), { timeout: WAIT })
        .toBe(organisationId);
      // What she typed is still there.
      expect(await field.name.inputValue()).toBe('Anna de Vries');
      expect(await field.goals.inputValue()).toBe('In 2030 alle gemeentelijke daken vol zon.');
      expect(await field.role.inputValue()).toBe(longRole);
      await expectNoAxeViolations(page, 'form with errors');

      // Filled in properly.
      await field.organisation.fill('Gemeente Leiden');
      await field.type.selectOption({ label: 'Gemeente' });
      await field.role.fill('Beleidsadviseur energie');
      await field.offers.fill('Kennis van vergunningen en participatie.');
      await field.needs.fill('Contact met de netbeheerder over netcongestie.');
      await field.topics.getByRole('checkbox', { name: 'Zon', exact: true }).check();
      await field.topics.getByRole('checkbox', { name: 'Warmte', exact: true }).check();
      await form.getByRole('button', { name: 'Versturen' }).click();
      await log.getByText('Dank je, Anna').waitFor();
      // The form she sent is replaced by the thanks, which takes over the keyboard focus.
      await expect
        .poll(() => page.locator(':focus').textContent(), { timeout: WAIT })
        .toContain('Dank je, Anna');
      await expectNoAxeViolations(page, 'form submitted');

      // Her introduction in the alliance channel. The channel's history is not read out: it
      // comes in a new list instead of being added to the live one message by message.
      await markLiveRegion(page);
      await openConversation(page, '# alliantie');
      const intro = page
        .getByRole('log', { name: '# alliantie' })
        .getByRole('article', { name: ANNA_INTRO });
      await intro.waitFor();
      expect(await sameLiveRegion(page)).toBe(false);
      const introText = (await intro.textContent()) ?? '';
      expect(introText).toContain('Beleidsadviseur energie');
      expect(introText).toContain('Zon, Warmte');
      await expectNoAxeViolations(page, 'introduction in the channel');
    },
    STEP,
  );

  it(
    'shows the coordinator, in the same window, that Anna joined and her introduction',
    async () => {
      await markDocument(page);
      await actAs(page, 'Joost Vermeulen');
      expect(await page.getByLabel('Wie ben je?').inputValue()).toBe('local:demo:joost');
      await page
        .getByRole('log', { name: 'Privé met Alliantiebot' })
        .getByText(`Anna de Vries (Gemeente Leiden) heeft zich aangemeld bij ${ALLIANCE}.`)
        .waitFor();
      await expectNoAxeViolations(page, 'coordinator told that Anna joined');
      await openConversation(page, '# alliantie');
      await page
        .getByRole('log', { name: '# alliantie' })
        .getByRole('article', { name: ANNA_INTRO })
        .waitFor();
      expect(await sameDocument(page)).toBe(true);
    },
    STEP,
  );

  it(
    'shows what is posted in another window live in the open channel, without a reload',
    async () => {
      // Joost's window (from the test before) has # alliantie open.
      await markDocument(page);
      const channel = page.getByRole('log', { name: '# alliantie' });
      await channel.getByRole('article', { name: ANNA_INTRO }).waitFor();

      const pieter = await newPage();
      await actAs(pieter, 'Pieter Bakker');
      await openConversation(pieter, '# alliantie');
      await markLiveRegion(page);
      await say(pieter, 'Goedemorgen allemaal, ik ben Pieter van Rijnland.');
      const hello = channel
        .getByRole('article')
        .filter({ hasText: 'Goedemorgen allemaal, ik ben Pieter van Rijnland.' });
      await hello.waitFor();
      expect(await hello.textContent()).toContain('Pieter Bakker');
      expect(await announcement(hello)).toBe('polite');
      await expectNoAxeViolations(page, 'a message from another window, live');

      // Text that tries to be markup stays text: no element, no script run, no link.
      await say(pieter, HOSTILE);
      const hostile = channel.getByRole('article').filter({ hasText: '"quotes"' });
      await hostile.waitFor();
      expect(await hostile.locator('.body').textContent()).toBe(HOSTILE);
      expect(
        await hostile.locator('.body *').evaluateAll((els) => els.map((e) => e.localName)),
      ).toEqual(['div', 'p']);
      expect(await page.evaluate('window.__xss === undefined')).toBe(true);
      await expectNoAxeViolations(page, 'text that looks like markup');

      // Pieter signs up in his private chat, with the keyboard only; his introduction
      // appears in Joost's channel.
      await openConversation(pieter, 'Privé met Alliantiebot');
      await say(pieter, 'aanmelden');
      const form = pieter.getByRole('log').getByRole('form', { name: 'Kennismaken' });
      const send = form.getByRole('button', { name: 'Versturen' });
      const name = form.getByLabel('Je naam');
      await name.waitFor();
      // From the message field back into the form, then field by field in reading order.
      await tabTo(pieter, name, 'Shift+Tab');
      expect(await name.inputValue()).toBe('Pieter Bakker');
      await tabOnceTo(pieter, form.getByLabel('Organisatie', { exact: true }));
      await pieter.keyboard.type('Hoogheemraadschap van Rijnland');
      const type = form.getByLabel('Soort organisatie');
      await tabOnceTo(pieter, type);
      await pieter.keyboard.type('Waterschap');
      expect(await type.evaluate((el) => el.selectedOptions[0]?.textContent)).toBe('Waterschap');
      await tabOnceTo(pieter, form.getByLabel('Je rol'));
      await pieter.keyboard.type('Adviseur aquathermie');
      await tabOnceTo(pieter, form.getByLabel('Wat wil je organisatie bereiken?'));
      await pieter.keyboard.type('Warmte uit oppervlaktewater benutten.');
      await tabOnceTo(pieter, form.getByLabel('Wat breng je mee?'));
      await pieter.keyboard.type('Data over waterlopen.');
      await tabOnceTo(pieter, form.getByLabel('Wat zoek je?'));
      await pieter.keyboard.type('Gemeenten met warmteplannen.');
      // Forgot the topics: sent with Enter, and the focus goes to the first box of that group.
      await tabTo(pieter, send);
      await pieter.keyboard.press('Enter');
      const topics = form.getByRole('group', { name: 'Onderwerpen' });
      await expect.poll(() => topics.getAttribute('aria-invalid'), { timeout: WAIT }).toBe('true');
      const firstTopicId = await topics.getByRole('checkbox').first().getAttribute('id');
      await expect
        .poll(() => pieter.locator(':focus').getAttribute('id'), { timeout: WAIT })
        .toBe(firstTopicId);
      await expectNoAxeViolations(pieter, 'topics forgotten');
      const warmte = topics.getByRole('checkbox', { name: 'Warmte', exact: true });
      await tabTo(pieter, warmte);
      await pieter.keyboard.press('Space');
      expect(await warmte.isChecked()).toBe(true);
      // What he typed survived the errors; sent with the space bar on the button this time.
      expect(await form.getByLabel('Je rol').inputValue()).toBe('Adviseur aquathermie');
      await tabTo(pieter, send);
      await pieter.keyboard.press('Space');
      await channel
        .getByRole('article', {
          name: 'Maak kennis met Pieter Bakker van Hoogheemraadschap van Rijnland',
        })
        .waitFor();
      await expectNoAxeViolations(page, "Pieter's introduction, live");

      expect(await sameDocument(page)).toBe(true);
      await pieter.context().close();
    },
    STEP,
  );

  it(
    'shows a message once when the answer to it was lost and the browser sent it again',
    async () => {
      const fatima = await newPage();
      await actAs(fatima, 'Fatima El Amrani');
      // The first POST reaches the server, but its answer never reaches the browser.
      const sent: string[] = [];
      await fatima.route('**/local/api/messages', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        sent.push(route.request().postData() ?? '');
        if (sent.length > 1) return route.continue();
        await route.fetch();
        await route.abort('connectionreset');
      });
      await say(fatima, 'hulp');
      const log = fatima.getByRole('log', { name: 'Privé met Alliantiebot' });
      await log.getByRole('article', { name: `Wat ik voor je kan doen in ${ALLIANCE}` }).waitFor();
      await expect.poll(() => sent.length, { timeout: WAIT }).toBe(2);
      expect(sent[1]).toBe(sent[0]); // the same request, the same client id
      await fatima.unroute('**/local/api/messages');

      // After a reload (the history as stored): her message once, one answer, no failure.
      await fatima.reload();
      await actAs(fatima, 'Fatima El Amrani');
      const reloaded = fatima.getByRole('log', { name: 'Privé met Alliantiebot' });
      await reloaded
        .getByRole('article', { name: `Wat ik voor je kan doen in ${ALLIANCE}` })
        .waitFor();
      const hers = reloaded.getByRole('article').filter({ hasText: 'Fatima El Amrani' });
      expect(await hers.count()).toBe(1);
      expect(await hers.locator('.body').textContent()).toBe('hulp');
      expect(
        await reloaded
          .getByRole('article', { name: `Wat ik voor je kan doen in ${ALLIANCE}` })
          .count(),
      ).toBe(1);
      expect(await fatima.getByText('Versturen is mislukt').count()).toBe(0);
      await expectNoAxeViolations(fatima, 'history after a reload');
      await fatima.context().close();
    },
    STEP,
  );

  it(
    'speaks English to Emma, who asks for help',
    async () => {
      const emma = await newPage();
      await emma.getByRole('link', { name: 'EN' }).click();
      await expect.poll(() => emma.getAttribute('html', 'lang'), { timeout: WAIT }).toBe('en');
      await actAs(emma, 'Emma Clarke', {
        who: 'Who are you?',
        direct: 'Private with Alliantiebot',
      });
      await expectNoAxeViolations(emma, 'language switched to English');
      await say(emma, 'help', { message: 'Message', send: 'Send' });
      const help = emma
        .getByRole('log')
        .getByRole('article', { name: `What I can do for you in ${ALLIANCE}` });
      await help.waitFor();
      const terms = await termsOf(help);
      expect(terms).toContain('join');
      expect(terms).not.toContain('aanmelden');
      await expectNoAxeViolations(emma, 'help in English');
      await emma.context().close();
    },
    STEP,
  );
});
