/**
 * The web chat's HTML surface: `escapeHtml` makes any text inert and reads back as the same
 * text (cleaned as on every surface), `linkHref` lets only web and e-mail links through, and whatever a flow or a person
 * puts into a message, the rendered HTML holds no markup but the renderer's own. Hostile
 * strings from test/helpers/nasty.ts and fast-check properties; test/e2e/escape.e2e.test.ts
 * checks the same in Chromium's own HTML parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../../adapters/clean-text.js';
import { escapeHtml, LINK_SCHEMES, linkHref } from '../../../../adapters/local/escape.js';
import { renderMessage } from '../../../../adapters/local/render.js';
import { card, form, type OutboundMessage, text } from '../../../../src/core/messages.js';
import { hostileLabel, hostileText, NASTY_STRINGS, UNSAFE_URLS } from '../../../helpers/nasty.js';

const REFERENCES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const readBack = (html: string) =>
  html.replace(/&(?:amp|lt|gt|quot|#39);/g, (ref) => REFERENCES[ref] ?? ref);

/** Text with no markup in it: no raw < > " ', and every & starts one of the five references. */
const INERT = /^(?:[^&<>"']|&(?:amp|lt|gt|quot|#39);)*$/;

const TAGS = new Set(
  'div p br article h2 dl dt dd ul li a button footer small form fieldset legend label input select option textarea span'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set(
  'class id role lang novalidate aria-labelledby aria-describedby aria-invalid aria-required data-form-id data-context data-action-id data-value href target rel type name value for checked selected rows maxlength min max'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)\s*>/g;
const ATTRIBUTE = /\s+([a-z][a-z-]*)(?:="([^"]*)")?/g;

interface Markup {
  tags: string[];
  attributes: Array<{ tag: string; name: string; value: string }>;
  /** What is left between the tags: the escaped text. */
  text: string;
}

/** The renderer's markup, read with the regularity it promises; anything else stays in `text`. */
function markupOf(html: string): Markup {
  const tags: string[] = [];
  const attributes: Markup['attributes'] = [];
  const rest = html.replace(TAG, (_tag, _close: string, name: string, attrs: string) => {
    tags.push(name);
    for (const [, attr = '', value = ''] of attrs.matchAll(ATTRIBUTE)) {
      attributes.push({ tag: name, name: attr, value: readBack(value) });
    }
    return '';
  });
  return { tags, attributes, text: rest };
}

/** Fails unless the HTML holds only the renderer's own tags and attributes, with safe links. */
function expectOnlyOwnMarkup(html: string): void {
  const { tags, attributes, text } = markupOf(html);
  expect(text).toMatch(INERT);
  for (const tag of tags) expect(TAGS, `tag <${tag}>`).toContain(tag);
  for (const { tag, name, value } of attributes) {
    expect(ATTRIBUTES, `attribute ${name} on <${tag}>`).toContain(name);
    if (name === 'href') {
      expect(tag).toBe('a');
      expect(linkHref(value)).toBe(value);
    }
  }
}

/** A card with the same hostile text in every place a card has text. */
function cardWith(s: string, label: string, url = 'https://example.org/'): OutboundMessage {
  return card({
    header: label,
    text: s,
    fields: [{ label, value: s }],
    links: [{ label, url }],
    buttons: [{ actionId: 'flow.do', label, value: s.slice(0, 2000) }],
    context: [s],
  });
}

/** A form with hostile text in its words, values and errors, and in its context. */
function formWith(s: string, label: string): OutboundMessage {
  return form({
    id: 'flow.form',
    title: label,
    intro: s,
    submitLabel: label,
    context: s.slice(0, 2000),
    fields: [
      { type: 'text', name: 'short', label, hint: s },
      { type: 'longText', name: 'long', label, required: false },
      { type: 'url', name: 'link', label },
      { type: 'select', name: 'one', label, options: [{ value: label, label }] },
      {
        type: 'multiSelect',
        name: 'many',
        label,
        hint: s,
        options: [
          { value: label, label },
          { value: `${label}2`, label: s || label },
        ],
      },
    ],
    values: { short: s, long: s, link: s, one: label, many: [label] },
    errors: { short: s || label, many: s || label },
  });
}

describe('escapeHtml', () => {
  it('turns the five characters that matter into references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    expect(escapeHtml('Gemeente Leiden — zon, wind & warmte')).toBe(
      'Gemeente Leiden — zon, wind &amp; warmte',
    );
    expect(escapeHtml('')).toBe('');
  });

  it.each(NASTY_STRINGS.map((s) => [JSON.stringify(s).slice(0, 60), s]))(
    'makes %s inert, and it reads back as written (cleaned)',
    (_name, s) => {
      const escaped = escapeHtml(s);
      expect(escaped).toMatch(INERT);
      expect(readBack(escaped)).toBe(cleanText(s));
    },
  );

  it('cleans as every surface does: no controls, no bidi overrides, \\n line breaks', () => {
    expect(escapeHtml('bidi \u202egnp.exe\u202c')).toBe('bidi gnp.exe');
    expect(escapeHtml('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(escapeHtml('nul\u0000\u001b[31m')).toBe('nul[31m');
    expect(escapeHtml('half \ud83d emoji 👩🏽‍💻')).toBe('half \ufffd emoji 👩🏽‍💻');
  });

  it('makes any text inert, and it reads back as written (cleaned)', () => {
    fc.assert(
      fc.property(hostileText, (s) => {
        const escaped = escapeHtml(s);
        expect(escaped).toMatch(INERT);
        expect(readBack(escaped)).toBe(cleanText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves clean text without the five characters alone, and never merges two texts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const plain = cleanText(s).replace(/[&<>"']/g, '');
        expect(escapeHtml(plain)).toBe(plain);
      }),
    );
    fc.assert(
      fc.property(hostileText, hostileText, (a, b) => {
        fc.pre(cleanText(a) !== cleanText(b));
        expect(escapeHtml(a)).not.toBe(escapeHtml(b));
      }),
    );
  });

  it('escapes what is already escaped again, so it shows as typed', () => {
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
    expect(escapeHtml(escapeHtml('<'))).toBe('&amp;lt;');
  });
});

describe('linkHref', () => {
  it('keeps web and e-mail addresses, as the URL parser writes them', () => {
    expect(linkHref('https://example.org')).toBe('https://example.org/');
    expect(linkHref('HTTPS://Example.ORG/a b?q="<x>"#f')).toBe(
      'https://example.org/a%20b?q=%22%3Cx%3E%22#f',
    );
    expect(linkHref('http://localhost:3000/docs')).toBe('http://localhost:3000/docs');
    expect(linkHref('mailto:coordinator@example.org')).toBe('mailto:coordinator@example.org');
    expect(linkHref('mailto:a@example.org?subject="<b>hi</b>"')).toBe(
      'mailto:a@example.org?subject=%22%3Cb%3Ehi%3C/b%3E%22',
    );
    expect([...LINK_SCHEMES].sort()).toEqual(['http:', 'https:', 'mailto:']);
  });

  it.each(UNSAFE_URLS.map((u) => [JSON.stringify(u), u]))('refuses %s', (_name, url) => {
    expect(linkHref(url)).toBeUndefined();
  });

  it('refuses javascript: and data: however they are written', () => {
    const blank = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u001f', '\u000c'), {
      maxLength: 4,
    });
    const scheme = fc
      .constantFrom('javascript', 'data', 'vbscript')
      .chain((name) => fc.mixedCase(fc.constant(name)));
    const broken = scheme.chain((name) =>
      fc
        .array(fc.constantFrom('\t', '\n', '\r'), { maxLength: name.length })
        .map((cuts) =>
          [...name].map((ch, i) => (i < cuts.length ? `${ch}${cuts[i]}` : ch)).join(''),
        ),
    );
    fc.assert(
      fc.property(blank, broken, fc.string(), (lead, name, rest) => {
        expect(linkHref(`${lead.join('')}${name}:${rest}`)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('gives any web URL back, and for any string a safe href or nothing', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const href = linkHref(url);
        expect(href).toBe(new URL(url).href);
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(hostileText, fc.webUrl(), fc.constantFrom(...UNSAFE_URLS)),
        fc.constantFrom('', 'https://', 'http://', 'mailto:', 'javascript:', 'data:'),
        (s, prefix) => {
          const href = linkHref(`${prefix}${s}`);
          if (href === undefined) return;
          expect(LINK_SCHEMES).toContain(new URL(href).protocol);
          // Only what RFC 3986 allows: no quotes, brackets, spaces or control characters.
          expect(href).toMatch(/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/);
          expect(linkHref(href)).toBe(href);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the rendered HTML holds only the renderer’s own markup', () => {
  it.each(NASTY_STRINGS.map((s) => [JSON.stringify(s).slice(0, 60), s]))(
    'with %s in a text, a card and a form',
    (_name, s) => {
      const label = s || 'x';
      for (const message of [text(label), cardWith(s, label), formWith(s, label)]) {
        expectOnlyOwnMarkup(renderMessage(message, 'm-1'));
      }
    },
  );

  it('shows a link with an unsafe URL as its label only, whatever the schema let through', () => {
    for (const url of UNSAFE_URLS) {
      // Straight to the renderer: it does not count on LinkSchema (z.url() allows javascript:).
      const message: OutboundMessage = {
        kind: 'card',
        card: { fields: [], links: [{ label: 'Open', url }], buttons: [], context: [] },
        fallback: 'Open',
      };
      expect(renderMessage(message, 'm-2')).toBe(
        '<article class="card"><ul class="card-links"><li>Open</li></ul></article>',
      );
    }
    // A flow cannot even make one: LinkSchema refuses it.
    expect(() => card({ links: [{ label: 'Open', url: 'javascript:alert(1)' }] })).toThrow();
  });

  it('never makes a link of text, however much it looks like one', () => {
    for (const s of ['https://example.org', 'www.example.org', 'mailto:a@example.org']) {
      expect(renderMessage(text(s), 'm-3')).not.toContain('<a');
      expect(renderMessage(cardWith(s, s), 'm-3').match(/<a /g)?.length).toBe(1); // its link
    }
  });

  it('for any text: only its own markup, and the text reads back as written', () => {
    fc.assert(
      fc.property(hostileLabel, (s) => {
        const html = renderMessage(text(s), 'm-4');
        expectOnlyOwnMarkup(html);
        // Paragraphs and line breaks are the renderer's; the characters are all the person's.
        expect(readBack(markupOf(html).text)).toBe(cleanText(s).replace(/\n/g, ''));
      }),
      { numRuns: 1000 },
    );
  });

  it('for any card or form: only its own markup, and every word in its place', () => {
    fc.assert(
      fc.property(hostileText, hostileLabel, (s, label) => {
        const shownCard = renderMessage(cardWith(s, label), 'm-5');
        expectOnlyOwnMarkup(shownCard);
        expect(shownCard).toContain(`<h2 id="m-5-h">${escapeHtml(label)}</h2>`);
        expect(shownCard).toContain(`>${escapeHtml(label)}</button>`);
        expect(shownCard).toContain(`<small>${escapeHtml(s)}</small>`);

        const shownForm = renderMessage(formWith(s, label), 'm-6');
        expectOnlyOwnMarkup(shownForm);
        expect(shownForm).toContain(`<h2 id="m-6--heading">${escapeHtml(label)}</h2>`);
        expect(shownForm).toContain(`name="short" value="${escapeHtml(s)}"`);
        expect(shownForm).toContain(`>\n${escapeHtml(s)}</textarea>`);
      }),
      { numRuns: 200 },
    );
  });
});
