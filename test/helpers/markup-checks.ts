/**
 * Checkers for escaped text: everything in it that a platform could read as markup (a
 * mention, a link, formatting, a quote, a list). Each returns the problems it found; an
 * empty list means the text shows as written. Used by the escaping and rendering tests.
 */
import { SHOWN_AS_WRITTEN } from '../../adapters/slack/escape.js';
import { BIDI_CONTROL, isWellFormed } from './nasty-text.js';

/** A date token the Slack escaper made: its fallback shows a run of formatting characters. */
export const SHOWN = /<!date\^00000000\^\{_\}\|[*_~`\uFF0A\uFF3F\uFF5E\uFF40]+>/g;
const ALNUM = /^[A-Za-z0-9]$/;

function common(text: string): string[] {
  const problems: string[] = [];
  if (!isWellFormed(text)) problems.push('a lone surrogate');
  if (BIDI_CONTROL.test(text)) problems.push('a bidi control');
  if (/[\r\u2028\u2029\u0085]/.test(text)) problems.push('a line break other than \\n');
  return problems;
}

/**
 * Everything in escaped Slack mrkdwn that Slack could read as markup. Date tokens made by
 * the escaper are the only `<…>` allowed; they count as a non-word character.
 */
export function slackMrkdwnProblems(escaped: string): string[] {
  const problems = common(escaped);
  const rest = escaped.replace(SHOWN, '\u0001');
  if (/[<>]/.test(rest)) problems.push('a < or > outside a date token');
  if (/&(?!amp;|lt;|gt;)/.test(rest)) problems.push('an & that is not an entity');
  if (/[~`\uFF0A\uFF3F\uFF5E\uFF40]/.test(rest)) problems.push('a raw ~ ` or full-width mark');
  for (const m of rest.matchAll(/[*_]/g)) {
    const i = m.index;
    if (!ALNUM.test(rest[i - 1] ?? '') || !ALNUM.test(rest[i + 1] ?? ''))
      problems.push(`a raw ${m[0]} outside a word`);
  }
  for (const line of rest.split('\n')) {
    if (/^[ \t]*(?:&gt;|＞)/.test(line)) problems.push('a line starting with a quote mark');
  }
  // An @ after what shows as a letter, digit or . _ % + - is inside an address, not a mention.
  const shownAs = escaped.replace(SHOWN, (t) => t.slice(SHOWN_AS_WRITTEN.length, -1));
  for (const m of shownAs.matchAll(/@/g)) {
    const before = shownAs[m.index - 1];
    const startsWord = before === undefined || !/^[A-Za-z0-9._%+-]$/.test(before);
    if (startsWord && shownAs[m.index + 1] !== '\u2060') problems.push('an @ starting a word');
  }
  return problems;
}

/** Everything in escaped top-level Slack text that Slack could read as a mention or link. */
export function slackTextProblems(escaped: string): string[] {
  const problems = common(escaped);
  if (/[<>]/.test(escaped)) problems.push('a < or >');
  if (/&(?!amp;|lt;|gt;)/.test(escaped)) problems.push('an & that is not an entity');
  return problems;
}

const PUNCT = /^[!-/:-@[-`{-~]$/;
const ENTITY = /^&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;

/**
 * Everything in escaped Adaptive Card Markdown that a renderer could read as markup: a
 * link (CommonMark's, or the mobile parser's `](`), an autolink, HTML or `<at>`, emphasis,
 * code, a card date function, a heading, quote or list at a line start, an entity, a lone
 * backslash, or a single line break (which would join two lines).
 */
export function cardMarkdownProblems(escaped: string): string[] {
  const problems = common(escaped);
  for (const m of escaped.matchAll(/\n+/g))
    if (m[0].length % 2 === 1) problems.push('a single line break');
  if (escaped.includes('](')) problems.push('](, a link to any parser');
  for (const line of escaped.split(/\n+/)) {
    // The line as shown, each character marked escaped (after a backslash) or not.
    const shown: { c: string; escaped: boolean }[] = [];
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (c === '\\') {
        const next = line[i + 1];
        if (next !== undefined && PUNCT.test(next)) {
          shown.push({ c: next, escaped: true });
          i++;
        } else problems.push('a lone backslash');
      } else shown.push({ c, escaped: false });
    }
    const text = shown.map((s) => s.c).join('');
    shown.forEach(({ c, escaped: isEscaped }, i) => {
      if (isEscaped) return;
      if ('*[]()<`~{'.includes(c)) problems.push(`an unescaped ${c}`);
      if (c === '_' && !(ALNUM.test(text[i - 1] ?? '') && ALNUM.test(text[i + 1] ?? '')))
        problems.push('an unescaped _ outside a word');
      if (c === '&' && ENTITY.test(text.slice(i))) problems.push('an unescaped entity');
    });
    const lead = /^[ \t]*/.exec(text)?.[0].length ?? 0;
    const first = shown[lead];
    if (first && !first.escaped && '#>+=-'.includes(first.c))
      problems.push(`a line starting with ${first.c}`);
    const number = /^[0-9]{1,9}[.)]/.exec(text.slice(lead));
    if (number && !shown[lead + number[0].length - 1]?.escaped)
      problems.push('a line starting with a list number');
  }
  return problems;
}
