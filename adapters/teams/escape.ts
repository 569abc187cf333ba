/**
 * User text for Adaptive Cards in Teams: shown as written, never as a link, a mention or
 * formatting. A TextBlock's `text` and a Fact's `title` and `value` are Markdown (a subset
 * of CommonMark: `**bold**`, `_italic_`, `- ` and `1. ` lists, `[title](url)` links; Teams
 * also turns `<https://…>` autolinks and bare URLs into links). Input labels, placeholders,
 * choice titles and action titles are not Markdown: they only need {@link cleanText}.
 *
 * {@link escapeCardMarkdown} uses CommonMark's backslash escapes (any ASCII punctuation
 * after `\` is literal), and is stricter than CommonMark needs, because Teams renders
 * cards with more than one Markdown parser (desktop and web; the mobile clients' shared
 * parser, which opens a link at any `[` and closes it at `](`, escaped or not):
 *
 * - always escaped: `\` itself, `*`, `[`, `]`, `(`, `)`, `<`, `` ` ``, `~`, `{`. With `\]\(`
 *   no parser sees `](`, so `[Verify](https://evil)` stays text; `\<` stops autolinks
 *   (`<https://…>`), HTML and `<at>` tags (a mention needs `msteams.entities` as well, which
 *   these cards never carry); `\{` stops the card's `{{DATE(…)}}` and `{{TIME(…)}}`.
 * - `_` unless it stands between two ASCII letters or digits (no parser emphasises inside
 *   a word, and `snake_case` or `anna_b@example.org` stay clean).
 * - `&` where it starts an entity (`&lt;`, `&#60;`), so it shows as typed.
 * - at the start of a line: `#` (heading), `>` (quote), `-`, `+`, `=` (list, rule, setext
 *   heading) and the `.` or `)` after a number (ordered list).
 * - line breaks are doubled: a TextBlock needs `\n\n` to show one (a single `\n` is joined
 *   into the paragraph), and a blank line between lines keeps every line its own paragraph.
 *
 * Bare URLs may still be linked by Teams; they show themselves, so no label can hide them.
 */
import { atomsOf, cleanText, fitAtoms } from '../clean-text.js';

const ALWAYS = /[\\*[\]()<`~{]/;
const ALNUM = /^[A-Za-z0-9]$/;
const ENTITY_START = /^&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;
const LINE_START = /^([ \t]*)(?:([#>+=-])|([0-9]{1,9})([.)]))/;

function escapeLine(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (ALWAYS.test(c)) out += `\\${c}`;
    else if (c === '_' && !(ALNUM.test(line[i - 1] ?? '') && ALNUM.test(line[i + 1] ?? '')))
      out += '\\_';
    else if (c === '&' && ENTITY_START.test(line.slice(i))) out += '\\&';
    else out += c;
  }
  // Line-start marks: the characters involved are untouched by the loop above.
  return out.replace(
    LINE_START,
    (_m, space: string, mark: string | undefined, digits: string, after: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${after}`,
  );
}

/**
 * For user text in a TextBlock or a Fact (title and value): shown exactly as written, with
 * no link, mention, list, heading or formatting of its own. The renderer's own emphasis is
 * structural (a header's `weight: 'Bolder'`), never Markdown around this.
 */
export function escapeCardMarkdown(text: string): string {
  return cleanText(text).split('\n').map(escapeLine).join('\n\n');
}

/** The inverse of {@link escapeCardMarkdown}: gives back `cleanText(original)`. */
export function unescapeCardMarkdown(escaped: string): string {
  return escaped.replace(/\\([!-/:-@[-`{-~])|\n\n/g, (_m, c: string | undefined) => c ?? '\n');
}

/** For card text that is not Markdown (labels, placeholders, choices, action titles). */
export function cardPlainText(text: string): string {
  return cleanText(text);
}

const ATOM = /\\[!-/:-@[-`{-~]|\n\n/g;
const WHOLE = /^(?:\\[!-/:-@[-`{-~]|\n\n)$/;

/**
 * Escaped card Markdown cut to at most `max` UTF-16 units, ending in `…` when cut, never
 * between a backslash and what it escapes, inside a doubled line break or a grapheme.
 */
export function truncateCardMarkdown(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  // Room for the ellipsis and for escaping an in-word `_` the cut leaves at the end.
  const room = max - 2;
  let piece = '';
  let last = '';
  for (const atom of fitAtoms(atomsOf(escaped.slice(0, max + 8), ATOM), Math.max(room, 2), WHOLE)) {
    if (piece.length + atom.length > room) break;
    piece += atom;
    last = atom;
  }
  return last === '_' ? `${piece.slice(0, -1)}\\_…` : `${piece}…`;
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * A URL for `Action.OpenUrl`: http, https or mailto only, as the URL parser normalises it,
 * with what a URI may not hold raw outside its host (`< > " { } | \ ^ [ ]`, backtick,
 * space; the parser keeps some in a path or a mailto address) percent-encoded. Undefined
 * for anything else (`javascript:`, `data:`, not a URL): show it as text.
 */
export function cardLinkUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (!LINK_PROTOCOLS.has(parsed.protocol)) return undefined;
    const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    const start = parsed.href.slice(0, parsed.href.length - rest.length);
    return `${start}${rest.replace(/[\s<>"{}|\\^`[\]]/g, (c) => encodeURIComponent(c))}`;
  } catch {
    return undefined;
  }
}
