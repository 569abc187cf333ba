/**
 * User text escaped for Slack: no mention, broadcast, link or formatting comes out of it,
 * it unescapes back to what was typed, and cutting it to Slack's limits keeps all that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkSlackMrkdwn,
  cleanSlackText,
  escapeSlackLinkLabel,
  escapeSlackMrkdwn,
  escapeSlackText,
  SHOWN_AS_WRITTEN,
  slackLinkUrl,
  slackPlainText,
  truncateSlackMrkdwn,
  truncateSlackText,
  unescapeSlackMrkdwn,
  unescapeSlackText,
} from '../../../../adapters/slack/escape.js';
import { slackMrkdwnProblems, slackTextProblems } from '../../../helpers/markup-checks.js';
import { CORPUS, userText } from '../../../helpers/nasty-text.js';

describe('escapeSlackMrkdwn', () => {
  it('makes no mention, broadcast or link of the usual attacks', () => {
    expect(escapeSlackMrkdwn('<!channel> reset now')).toBe('&lt;!channel&gt; reset now');
    expect(escapeSlackMrkdwn('<@U012ABCDEF>')).toBe('&lt;@\u2060U012ABCDEF&gt;');
    expect(escapeSlackMrkdwn('<https://evil.example|Reset password>')).toBe(
      '&lt;https://evil.example|Reset password&gt;',
    );
    expect(escapeSlackMrkdwn('<!subteam^S01|@design>')).toBe('&lt;!subteam^S01|@\u2060design&gt;');
    expect(escapeSlackMrkdwn('@here and @channel')).toBe('@\u2060here and @\u2060channel');
  });

  it('shows formatting characters as typed, through date tokens, but leaves words alone', () => {
    expect(escapeSlackMrkdwn('*Anna*')).toBe(`${SHOWN_AS_WRITTEN}*>Anna${SHOWN_AS_WRITTEN}*>`);
    expect(escapeSlackMrkdwn('`x` ~y~')).toBe(
      `${SHOWN_AS_WRITTEN}\`>x${SHOWN_AS_WRITTEN}\`> ${SHOWN_AS_WRITTEN}~>y${SHOWN_AS_WRITTEN}~>`,
    );
    expect(escapeSlackMrkdwn('snake_case a*b anna_b@example.org :white_check_mark:')).toBe(
      'snake_case a*b anna_b@example.org :white_check_mark:',
    );
    expect(escapeSlackMrkdwn('**')).toBe(`${SHOWN_AS_WRITTEN}**>`);
  });

  it('keeps a line that starts with > from becoming a quote', () => {
    expect(escapeSlackMrkdwn('> quote\nnot > this\n  > x')).toBe(
      '\u00AD&gt; quote\nnot &gt; this\n  \u00AD&gt; x',
    );
    expect(escapeSlackMrkdwn('＞ full-width')).toBe('\u00AD&gt; full-width');
  });

  it('folds look-alikes Slack or a normaliser could read as < > &, and keeps the others', () => {
    expect(escapeSlackMrkdwn('＜!channel＞')).toBe('&lt;!channel&gt;');
    expect(escapeSlackMrkdwn('﹤!here﹥ ＆')).toBe('&lt;!here&gt; &amp;');
    expect(escapeSlackMrkdwn('‹!channel› 〈x〉')).toBe('‹!channel› 〈x〉');
  });

  it('drops bidi overrides and controls, repairs lone surrogates, keeps emoji and joiners', () => {
    expect(escapeSlackMrkdwn('\u202Egpj.exe')).toBe('gpj.exe');
    expect(escapeSlackMrkdwn('a\uD800b')).toBe('a\uFFFDb');
    expect(escapeSlackMrkdwn('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(escapeSlackMrkdwn('nul\u0000')).toBe('nul');
    expect(escapeSlackMrkdwn('👨‍👩‍👧‍👦 می‌خواهم')).toBe('👨‍👩‍👧‍👦 می‌خواهم');
  });

  it.each(CORPUS.map((s) => [s.length > 40 ? `${s.slice(0, 40)}… (${s.length})` : s, s]))(
    'corpus: %j',
    (_name, s) => {
      const escaped = escapeSlackMrkdwn(s);
      expect(slackMrkdwnProblems(escaped)).toEqual([]);
      expect(unescapeSlackMrkdwn(escaped)).toBe(cleanSlackText(s));
    },
  );

  it('property: nothing Slack reads as markup, and it unescapes to what was typed', () => {
    fc.assert(
      fc.property(userText, (s) => {
        const escaped = escapeSlackMrkdwn(s);
        expect(slackMrkdwnProblems(escaped)).toEqual([]);
        expect(unescapeSlackMrkdwn(escaped)).toBe(cleanSlackText(s));
      }),
      { numRuns: 500 },
    );
  });

  it('property: text without controls or look-alikes comes back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        fc.pre(cleanSlackText(s) === s);
        expect(unescapeSlackMrkdwn(escapeSlackMrkdwn(s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('escapeSlackText (the top-level text and notification)', () => {
  it('escapes the control characters and keeps the rest as typed', () => {
    expect(escapeSlackText('<!channel> *Anna* & <https://evil|x>')).toBe(
      '&lt;!channel&gt; *Anna* &amp; &lt;https://evil|x&gt;',
    );
    expect(escapeSlackText('@here')).toBe('@\u2060here');
  });

  it('property: no mention or link, and it unescapes to what was typed', () => {
    fc.assert(
      fc.property(userText, (s) => {
        const escaped = escapeSlackText(s);
        expect(slackTextProblems(escaped)).toEqual([]);
        expect(unescapeSlackText(escaped)).toBe(cleanSlackText(s));
      }),
      { numRuns: 500 },
    );
  });

  it.each(CORPUS.filter((s) => s.length < 200))('corpus: %j', (s) => {
    expect(slackTextProblems(escapeSlackText(s))).toEqual([]);
    expect(unescapeSlackText(escapeSlackText(s))).toBe(cleanSlackText(s));
  });
});

describe('cutting escaped text to Slack’s limits', () => {
  it('never cuts an entity or a date token in half', () => {
    const escaped = escapeSlackMrkdwn(`${'x'.repeat(95)}&<*`);
    for (let max = 90; max <= escaped.length; max++) {
      const cut = truncateSlackMrkdwn(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(slackMrkdwnProblems(cut)).toEqual([]);
      expect(cut).not.toMatch(/&(?:a|am|l|g|amp|lt|gt)?…$/);
    }
    expect(truncateSlackText(escapeSlackText(`${'y'.repeat(10)}&`), 12)).toBe(`${'y'.repeat(10)}…`);
  });

  it('shows a * or _ left at a cut end through a date token', () => {
    const escaped = escapeSlackMrkdwn(`ab${'a_b'.repeat(50)}`);
    for (let max = 60; max < 100; max++) {
      const cut = truncateSlackMrkdwn(escaped, max);
      expect(slackMrkdwnProblems(cut)).toEqual([]);
    }
  });

  it('property: chunks fit, are safe on their own, and together unescape to the whole', () => {
    fc.assert(
      fc.property(
        fc.array(userText, { maxLength: 6 }).map((p) => p.join('')),
        fc.integer({ min: 120, max: 400 }),
        (s, max) => {
          const escaped = escapeSlackMrkdwn(s);
          const pieces = chunkSlackMrkdwn(escaped, max);
          for (const piece of pieces) {
            expect(piece.length).toBeLessThanOrEqual(max);
            expect(piece.length).toBeGreaterThan(0);
            expect(slackMrkdwnProblems(piece)).toEqual([]);
          }
          expect(pieces.map(unescapeSlackMrkdwn).join('')).toBe(cleanSlackText(s));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a truncated text fits and stays safe', () => {
    fc.assert(
      fc.property(userText, fc.integer({ min: 10, max: 300 }), (s, max) => {
        const cut = truncateSlackMrkdwn(escapeSlackMrkdwn(s), max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(slackMrkdwnProblems(cut)).toEqual([]);
        const text = truncateSlackText(escapeSlackText(s), max);
        expect(text.length).toBeLessThanOrEqual(max);
        expect(slackTextProblems(text)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('splits the 10,000-character strings of the corpus safely', () => {
    for (const s of CORPUS.filter((c) => c.length >= 2000)) {
      const pieces = chunkSlackMrkdwn(escapeSlackMrkdwn(s), 3000);
      for (const piece of pieces) {
        expect(piece.length).toBeLessThanOrEqual(3000);
        expect(slackMrkdwnProblems(piece)).toEqual([]);
      }
      expect(pieces.map(unescapeSlackMrkdwn).join('')).toBe(cleanSlackText(s));
    }
  });
});

describe('links and plain text', () => {
  it('links only http, https and mailto, with nothing that breaks out of <url|label>', () => {
    expect(slackLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(slackLinkUrl('data:text/html,<script>alert(1)</script>')).toBeUndefined();
    expect(slackLinkUrl('slack://open')).toBeUndefined();
    expect(slackLinkUrl('not a url')).toBeUndefined();
    expect(slackLinkUrl('https://a.example/x>|<!channel>?q=<&r=1')).toBe(
      'https://a.example/x%3E%7C%3C!channel%3E?q=%3C&amp;r=1',
    );
    expect(slackLinkUrl('mailto:<!channel>@example.org')).toBe(
      'mailto:&lt;!channel&gt;@example.org',
    );
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const href = slackLinkUrl(url);
        expect(href).toBeDefined();
        expect(href).not.toMatch(/[<>| ]/);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a link label to the label: no | < > and no formatting', () => {
    expect(escapeSlackLinkLabel('*Doc* | <b>\n_x_ ~y~ `z`')).toBe(
      '\u2217Doc\u2217 \u00A6 &lt;b&gt; \u02CDx\u02CD \u223Cy\u223C \u02CBz\u02CB',
    );
    fc.assert(
      fc.property(userText, (s) => {
        const label = escapeSlackLinkLabel(s);
        expect(label).not.toMatch(/[<>|*_~`\n]/);
        expect(label).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
      { numRuns: 300 },
    );
  });

  it('cleans plain_text without entities', () => {
    expect(slackPlainText('A & <B> @here\u202E')).toBe('A & <\u2060B> @\u2060here');
  });
});
