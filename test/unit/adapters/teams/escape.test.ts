/**
 * User text escaped for Adaptive Card Markdown (TextBlocks and Facts in Teams): no link,
 * mention, list, heading or formatting comes out of it, and it unescapes back to what was
 * typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../../adapters/clean-text.js';
import {
  cardLinkUrl,
  cardPlainText,
  escapeCardMarkdown,
  truncateCardMarkdown,
  unescapeCardMarkdown,
} from '../../../../adapters/teams/escape.js';
import { toActivity } from '../../../../adapters/teams/send.js';
import { cardMarkdownProblems } from '../../../helpers/markup-checks.js';
import { CORPUS, userText } from '../../../helpers/nasty-text.js';

describe('escapeCardMarkdown', () => {
  it('makes no link of a masked link, an autolink or an image', () => {
    expect(escapeCardMarkdown('[Verify](https://evil.example)')).toBe(
      '\\[Verify\\]\\(https://evil.example\\)',
    );
    expect(escapeCardMarkdown('<https://evil.example>')).toBe('\\<https://evil.example>');
    expect(escapeCardMarkdown('![x](https://evil.example/x.png)')).toBe(
      '!\\[x\\]\\(https://evil.example/x.png\\)',
    );
  });

  it('makes no mention or HTML of <at> and tags', () => {
    expect(escapeCardMarkdown('<at>Anna</at>')).toBe('\\<at>Anna\\</at>');
    expect(escapeCardMarkdown('<a href="x">y</a>')).toBe('\\<a href="x">y\\</a>');
  });

  it('shows formatting, entities and card functions as typed, and leaves words alone', () => {
    expect(escapeCardMarkdown('**bold** _it_ `c` ~s~')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`c\\` \\~s\\~',
    );
    expect(escapeCardMarkdown('snake_case anna_b@example.org')).toBe(
      'snake_case anna_b@example.org',
    );
    expect(escapeCardMarkdown('&lt; & Ben&Jerry &#60;')).toBe('\\&lt; & Ben&Jerry \\&#60;');
    expect(escapeCardMarkdown('{{DATE(2017-02-14T06:00:00Z, SHORT)}}')).toBe(
      '\\{\\{DATE\\(2017-02-14T06:00:00Z, SHORT\\)}}',
    );
    expect(escapeCardMarkdown('back\\slash')).toBe('back\\\\slash');
  });

  it('keeps line starts from becoming headings, quotes or lists, and keeps line breaks', () => {
    expect(escapeCardMarkdown('# h\n> q\n- a\n+ b\n1. c\n2) d\n===\n  - e')).toBe(
      '\\# h\n\n\\> q\n\n\\- a\n\n\\+ b\n\n1\\. c\n\n2\\) d\n\n\\===\n\n  \\- e',
    );
    expect(escapeCardMarkdown('a\r\nb\u2028c')).toBe('a\n\nb\n\nc');
  });

  it('drops bidi overrides and controls, repairs lone surrogates, keeps emoji', () => {
    expect(escapeCardMarkdown('\u202Egpj.exe \uD800 👨‍👩‍👧‍👦')).toBe('gpj.exe \uFFFD 👨‍👩‍👧‍👦');
  });

  it.each(CORPUS.map((s) => [s.length > 40 ? `${s.slice(0, 40)}… (${s.length})` : s, s]))(
    'corpus: %j',
    (_name, s) => {
      const escaped = escapeCardMarkdown(s);
      expect(cardMarkdownProblems(escaped)).toEqual([]);
      expect(unescapeCardMarkdown(escaped)).toBe(cleanText(s));
    },
  );

  it('property: no Markdown survives, and it unescapes to what was typed', () => {
    fc.assert(
      fc.property(userText, (s) => {
        const escaped = escapeCardMarkdown(s);
        expect(cardMarkdownProblems(escaped)).toEqual([]);
        expect(escaped).not.toMatch(/(?<!\\)(?:\\\\)*\[[^\]]*(?<!\\)(?:\\\\)*\]\(/);
        expect(unescapeCardMarkdown(escaped)).toBe(cleanText(s));
      }),
      { numRuns: 500 },
    );
  });

  it('property: text without controls comes back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        fc.pre(cleanText(s) === s);
        expect(unescapeCardMarkdown(escapeCardMarkdown(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a truncated text fits, stays safe and never ends in half an escape', () => {
    fc.assert(
      fc.property(userText, fc.integer({ min: 2, max: 300 }), (s, max) => {
        const cut = truncateCardMarkdown(escapeCardMarkdown(s), max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cardMarkdownProblems(cut)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('plain card text and links', () => {
  it('cleans text that is not Markdown without escaping it', () => {
    expect(cardPlainText('[a](b) <at>x</at>\u202E')).toBe('[a](b) <at>x</at>');
  });

  it('opens only http, https and mailto', () => {
    expect(cardLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(cardLinkUrl('data:text/html,x')).toBeUndefined();
    expect(cardLinkUrl('vbscript:msgbox')).toBeUndefined();
    expect(cardLinkUrl('nonsense')).toBeUndefined();
    expect(cardLinkUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(cardLinkUrl('mailto:anna@example.org')).toBe('mailto:anna@example.org');
    expect(cardLinkUrl('mailto:<at>x</at>@example.org')).toBe(
      'mailto:%3Cat%3Ex%3C/at%3E@example.org',
    );
  });

  it('relies on plain text messages being sent as textFormat plain', () => {
    // Text messages are cleaned, not escaped: Teams must not render Markdown in them.
    expect(toActivity({ text: '[Verify](https://evil.example)' }).textFormat).toBe('plain');
  });
});
