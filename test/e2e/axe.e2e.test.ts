/**
 * The accessibility helper itself: on a page with known faults it fails, naming each rule
 * with its impact and the element, and on a clean page it passes. (A check that silently
 * checked nothing would let every flow pass.)
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeViolationsError, expectNoAxeViolations } from './axe.js';
import { launchBrowser } from './browser.js';

const STEP = 60_000;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
}, STEP);

afterAll(async () => {
  await browser?.close();
}, STEP);

describe('expectNoAxeViolations', () => {
  it(
    'fails on the faults the web chat had, one line per rule and element',
    async () => {
      await page.setContent(`<!doctype html><html lang="nl"><title>fouten</title><body>
        <main><h1>Gesprek</h1>
          <h3>Kaart</h3>
          <form aria-label="Kennismaken"><fieldset aria-required="true"><legend>Onderwerpen</legend>
            <label><input type="checkbox" name="t" value="zon"> Zon</label></fieldset></form>
          <form aria-label="Kennismaken"><label>Naam <input name="n"></label></form>
        </main></body></html>`);
      const error = await expectNoAxeViolations(page, 'known faults').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(AxeViolationsError);
      const { message, violations } = error as AxeViolationsError;
      expect(violations.map((v) => v.id).sort()).toEqual([
        'aria-allowed-attr',
        'heading-order',
        'landmark-unique',
      ]);
      expect(message).toContain('at step "known faults"');
      expect(message).toContain('aria-allowed-attr (critical)');
      expect(message).toContain('heading-order (moderate)');
      expect(message).toMatch(
        /landmark-unique \(moderate\)[^\n]*\n[^\n]*dequeuniversity[^\n]*\n\s+form/,
      );
    },
    STEP,
  );

  it(
    'passes a page without faults, also when run again on the same document',
    async () => {
      await page.setContent(`<!doctype html><html lang="nl"><title>goed</title><body>
        <main><h1>Gesprek</h1><h2>Kaart</h2>
          <form aria-label="Kennismaken"><label>Naam <input name="n"></label></form>
        </main></body></html>`);
      await expectNoAxeViolations(page, 'clean');
      await expectNoAxeViolations(page, 'clean, again');
    },
    STEP,
  );
});
