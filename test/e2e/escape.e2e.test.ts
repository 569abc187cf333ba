/**
 * The web chat's HTML, parsed by Chromium itself: for hostile text anywhere in a message
 * (test/helpers/nasty.ts, and fast-check's), the parsed tree holds only the renderer's
 * elements and attributes, links only with a safe scheme, and every text reads back exactly
 * as it was written, cleaned as on every surface (adapters/clean-text.ts: no control or bidi
 * override characters, \n line breaks).
 */
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanText } from '../../adapters/clean-text.js';
import { LINK_SCHEMES } from '../../adapters/local/escape.js';
import { renderMessage } from '../../adapters/local/render.js';
import { form, type OutboundMessage, text } from '../../src/core/messages.js';
import { hostileLabel, hostileText, NASTY_STRINGS, UNSAFE_URLS } from '../helpers/nasty.js';
import { launchBrowser } from './browser.js';

const STEP = 60_000;

const TAGS =
  'div p br article h2 dl dt dd ul li a button footer small form fieldset legend label input select option textarea span';
const ATTRIBUTES =
  'class id role lang novalidate aria-labelledby aria-describedby aria-invalid aria-required data-form-id data-context data-action-id data-value href target rel type name value for checked selected rows maxlength min max';

/** [selector, 'text' or an attribute name, the value it must have] */
type Expectation = [string, string, string];
interface Case {
  html: string;
  expect: Expectation[];
}

/**
 * Runs in the page: parses each case's HTML in an inert template (nothing loads or runs) and
 * lists what is wrong with the tree. Compared in the page, so no string crosses back.
 */
const CHECK = `(cases) => {
  const tags = new Set(${JSON.stringify(TAGS.split(' '))});
  const attributes = new Set(${JSON.stringify(ATTRIBUTES.split(' '))});
  const schemes = new Set(${JSON.stringify([...LINK_SCHEMES])});
  return cases.map(({ html, expect }) => {
    const template = document.createElement('template');
    template.innerHTML = html;
    const root = template.content;
    const problems = [];
    for (const el of root.querySelectorAll('*')) {
      if (!tags.has(el.localName)) problems.push('element <' + el.localName + '>');
      for (const a of el.attributes) {
        if (!attributes.has(a.name)) problems.push('attribute ' + a.name + ' on <' + el.localName + '>');
      }
      if (el.localName === 'a' && !schemes.has(new URL(el.getAttribute('href')).protocol)) {
        problems.push('link ' + el.getAttribute('href'));
      }
    }
    for (const [selector, how, want] of expect) {
      const el = root.querySelector(selector);
      const got = el === null ? null : how === 'text' ? el.textContent : el.getAttribute(how);
      if (got !== want) problems.push(selector + ' ' + how + ': ' + JSON.stringify(got) + ' instead of ' + JSON.stringify(want));
    }
    return problems;
  });
}`;

/**
 * What a text must read back as, in element content and in an attribute or a textarea: the
 * same, cleaned. (Cleaning leaves nothing the parser itself would change, such as CR or NUL.)
 */
const asText = cleanText;
const asAttribute = cleanText;

function textCase(s: string): Case {
  return {
    html: renderMessage(text(s), 'm'),
    // Paragraphs and <br>s stand for the new lines.
    expect: [['.text', 'text', asText(s).replace(/\n/g, '')]],
  };
}

function cardCase(s: string, label: string, url: string): Case {
  const message: OutboundMessage = {
    kind: 'card',
    card: {
      header: label,
      text: s,
      fields: [{ label, value: s }],
      links: [{ label, url }],
      buttons: [{ actionId: 'flow.do', label, value: s }],
      context: [s],
    },
    fallback: label,
  };
  return {
    html: renderMessage(message, 'm'),
    expect: [
      ['h2', 'text', asText(label)],
      ['dt', 'text', asText(label)],
      ['.card-links li', 'text', asText(label)],
      ['button', 'text', asText(label)],
      ['button', 'data-value', asAttribute(s)],
      ['small', 'text', asText(s)],
    ],
  };
}

function formCase(s: string, label: string): Case {
  const message = form({
    id: 'flow.form',
    title: label,
    intro: s,
    submitLabel: label,
    context: s.slice(0, 2000),
    fields: [
      { type: 'text', name: 'short', label, hint: s },
      { type: 'longText', name: 'long', label },
      {
        type: 'multiSelect',
        name: 'many',
        label,
        options: [{ value: label, label }],
      },
    ],
    values: { short: s, long: s, many: [label] },
    errors: { short: label },
  });
  return {
    html: renderMessage(message, 'm'),
    expect: [
      ['h2', 'text', asText(label)],
      ['form', 'data-context', asAttribute(s.slice(0, 2000))],
      ['label[for="m-short"]', 'text', asText(label)],
      ['#m-short-error', 'text', asText(label)],
      // An empty intro or hint is left out.
      ...(s === ''
        ? []
        : ([
            ['.form-intro', 'text', asText(s)],
            ['#m-short-hint', 'text', asText(s)],
          ] satisfies Expectation[])),
      ['input[name="short"]', 'value', asAttribute(s)],
      ['textarea', 'text', asAttribute(s)],
      ['input[type="checkbox"]', 'value', asAttribute(label)],
      ['button[type="submit"]', 'text', asText(label)],
    ],
  };
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setContent('<!doctype html><html lang="nl"><title>parse</title></html>');
}, STEP);

afterAll(async () => {
  await browser?.close();
}, STEP);

async function problemsOf(cases: Case[]): Promise<string[][]> {
  return (await page.evaluate(`(${CHECK})(${JSON.stringify(cases)})`)) as string[][];
}

describe('the web chat’s HTML in Chromium’s parser', () => {
  it(
    'keeps every nasty string as text, in every place a message has text',
    async () => {
      const cases = NASTY_STRINGS.flatMap((s) => {
        const label = s || 'x';
        return [textCase(label), cardCase(s, label, 'https://example.org/'), formCase(s, label)];
      });
      const problems = await problemsOf(cases);
      const failed = problems.flatMap((p, i) =>
        p.length > 0 ? [`${JSON.stringify(cases[i]?.html.slice(0, 120))}: ${p.join('; ')}`] : [],
      );
      expect(failed).toEqual([]);
    },
    STEP,
  );

  it(
    'never makes a link of an unsafe URL',
    async () => {
      const cases = UNSAFE_URLS.map((url) => {
        const c = cardCase('tekst', 'Open', url);
        c.expect.push(['a', 'href', 'none at all']);
        return c;
      });
      // The only problem each case may have: that there is no link to check.
      for (const problems of await problemsOf(cases)) {
        expect(problems).toEqual(['a href: null instead of "none at all"']);
      }
    },
    STEP,
  );

  it(
    'keeps any text as text (fast-check)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(hostileText, hostileLabel, fc.oneof(fc.webUrl(), hostileText)), {
            minLength: 20,
            maxLength: 20,
          }),
          async (samples) => {
            const cases = samples.flatMap(([s, label, url]) => [
              textCase(label),
              cardCase(s, label, url),
              formCase(s, label),
            ]);
            const problems = await problemsOf(cases);
            expect(problems.flat()).toEqual([]);
          },
        ),
        { numRuns: 25 },
      );
    },
    STEP,
  );
});
