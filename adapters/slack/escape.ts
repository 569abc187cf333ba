/**
 * User text for Slack: shown as written, never as a mention, a broadcast, a masked link or
 * formatting. Slack has no escape character; what it offers (docs.slack.dev, "Formatting
 * text for app surfaces"):
 *
 * - `&`, `<` and `>` are its control characters and must be sent as `&amp;`, `&lt;` and
 *   `&gt;` (only these three entities are decoded). Every mention (`<@U…>`, `<#C…>`,
 *   `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`), every link (`<url|label>`) and
 *   every date needs a literal `<`, so with those escaped user text can make none of them.
 * - A date token with a format Slack does not know shows its fallback text verbatim, without
 *   formatting: `<!date^00000000^{_}|*>` is a plain `*`. That is how the formatting
 *   characters `*` `_` `~` `` ` `` (and their full-width forms, which Slack formats too) are
 *   shown (the technique of jsx-slack's `<Escape>`). A single `*` or `_` between two ASCII
 *   letters or digits stays as it is: Slack does not format inside a word, and e-mail
 *   addresses, snake_case and `:white_check_mark:` stay intact.
 * - A line that starts with `>` is a quote even when escaped (`&gt;`); a soft hyphen
 *   (U+00AD, invisible) in front of the `>` stops that.
 *
 * Beyond that, for defence in depth:
 * - A word joiner (U+2060, invisible) follows an `@` that starts a word, so `@channel`,
 *   `@here` and `@group-handle` cannot be linked should a caller ever post with
 *   `link_names` (we do not). `anna@example.org` is left alone.
 * - The full-width and small forms of `<`, `>` and `&` (U+FF1C, U+FE64, U+FF1E, U+FE65,
 *   U+FF06, U+FE60), which NFKC folds into the ASCII ones, are folded before escaping: Slack
 *   already reads `＞` as a quote mark, and a normalising step anywhere on the way must not
 *   turn `＜!channel＞` into a broadcast. Look-alikes without such a mapping (‹ › 〈 〉 ⟨ ⟩)
 *   are ordinary characters to Slack and stay.
 *
 * Text objects carrying this get `verbatim: true` (see cards.ts), so Slack does not link
 * channel names or URLs in them either; links are only the ones a flow made.
 *
 * Each escaper has an inverse that gives back {@link cleanSlackText} of the input, which is
 * the input itself for text without control, bidi-override or look-alike characters.
 */
import { atomsOf, cleanText, fitAtoms } from '../clean-text.js';

/** Opens a date token whose fallback Slack shows verbatim (its format `{_}` is not one). */
export const SHOWN_AS_WRITTEN = '<!date^00000000^{_}|';
/** Longest run of formatting characters in one date token (keeps every token short). */
const RUN = 40;
/** A run of formatting characters shown verbatim, in tokens of at most {@link RUN}. */
function shown(run: string): string {
  let out = '';
  for (let i = 0; i < run.length; i += RUN) out += `${SHOWN_AS_WRITTEN}${run.slice(i, i + RUN)}>`;
  return out;
}

const SHY = '\u00AD';
const WORD_JOINER = '\u2060';
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\uFF1C': '<',
  '\uFE64': '<',
  '\uFF1E': '>',
  '\uFE65': '>',
  '\uFF06': '&',
  '\uFE60': '&',
};
const LOOKALIKE = /[\uFF1C\uFE64\uFF1E\uFE65\uFF06\uFE60]/g;
const ALNUM = /^[A-Za-z0-9]$/;
/** Characters of an e-mail address's local part: an `@` after one of them is not a mention. */
const ADDRESS_CHAR = /^[A-Za-z0-9._%+-]$/;
function entity(c: string): string {
  return c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;';
}

/**
 * The text an escaper starts from, and what its inverse gives back: {@link cleanText}, then
 * the full-width and small forms of `<`, `>` and `&` as the ASCII characters.
 */
export function cleanSlackText(text: string): string {
  return cleanText(text).replace(LOOKALIKE, (c) => LOOKALIKES[c] ?? c);
}

/** A word joiner after every `@` that starts a word (and after one already followed by one). */
function guardAts(text: string): string {
  return text.replace(/@/g, (at, i: number) => {
    const before = text[i - 1];
    const starts = before === undefined || !ADDRESS_CHAR.test(before);
    return starts || text[i + 1] === WORD_JOINER ? `${at}${WORD_JOINER}` : at;
  });
}

/**
 * For Slack's top-level `text` (the notification and the fallback where blocks do not show):
 * no mention, broadcast or link can come out of it, and the characters are kept as typed
 * (a notification shows `*Anna*` with its asterisks; formatting there is cosmetic and
 * notifications do not render it).
 */
export function escapeSlackText(text: string): string {
  return guardAts(cleanSlackText(text)).replace(/[&<>]/g, entity);
}

/** The inverse of {@link escapeSlackText}: gives back `cleanSlackText(original)`. */
export function unescapeSlackText(escaped: string): string {
  return escaped.replace(/&(amp|lt|gt);|@\u2060/g, (_m, name: string | undefined) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : '@',
  );
}

const INLINE = /[*_~`\uFF0A\uFF3F\uFF5E\uFF40]+|[&<>]/g;

function escapeLine(line: string): string {
  const guarded = guardAts(line);
  const escaped = guarded.replace(INLINE, (m, i: number) => {
    if (m === '&' || m === '<' || m === '>') return entity(m);
    const inWord =
      (m === '*' || m === '_') &&
      ALNUM.test(guarded[i - 1] ?? '') &&
      ALNUM.test(guarded[i + 1] ?? '');
    return inWord ? m : shown(m);
  });
  // A line Slack would quote (or one starting with a soft hyphen, so the guard stays
  // reversible) gets the guard after its leading space, right before the mark.
  const lead = /^[ \t]*/.exec(line)?.[0] ?? '';
  const mark = line[lead.length];
  return mark === '>' || mark === SHY ? `${lead}${SHY}${escaped.slice(lead.length)}` : escaped;
}

/**
 * For user text in a mrkdwn text object (section text and fields, context elements): shown
 * exactly as written, with no mention, broadcast, link, quote or formatting of its own.
 * A flow's own formatting goes around the result (`*${escapeSlackMrkdwn(label)}*`).
 */
export function escapeSlackMrkdwn(text: string): string {
  return cleanSlackText(text).split('\n').map(escapeLine).join('\n');
}

const GUARDED_LINE = /^([ \t]*)\u00AD(?=&gt;|\u00AD)/;

/** The inverse of {@link escapeSlackMrkdwn}: gives back `cleanSlackText(original)`. */
export function unescapeSlackMrkdwn(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => line.replace(GUARDED_LINE, '$1'))
    .join('\n')
    .replace(
      /<!date\^00000000\^\{_\}\|([^>]*)>|&(amp|lt|gt);|@\u2060/g,
      (_m, run: string | undefined, name: string | undefined) =>
        run ?? (name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : '@'),
    );
}

const LABEL_LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217',
  '\uFF0A': '\uFE61',
  _: '\u02CD',
  '\uFF3F': '\u2E0F',
  '`': '\u02CB',
  '\uFF40': '\u02CB',
  '~': '\u223C',
  '\uFF5E': '\u223C',
  '|': '\u00A6',
  '\uFF5C': '\u00A6',
};

/**
 * For the label of a link the renderer makes (`<url|label>`), which may hold user words (a
 * document's title). Inside a link a date token does not work, so the formatting characters
 * become look-alikes (∗ ˍ ˋ ∼, as jsx-slack does) and `|` becomes `¦`; line breaks become
 * spaces. Not reversible; labels are short and only read.
 */
export function escapeSlackLinkLabel(label: string): string {
  return guardAts(cleanSlackText(label).replace(/\n+/g, ' '))
    .replace(/[*\uFF0A_\uFF3F`\uFF40~\uFF5E|\uFF5C]/g, (c) => LABEL_LOOKALIKES[c] ?? c)
    .replace(/[&<>]/g, entity);
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * A URL as it may stand in `<url|label>`: http, https or mailto only (no `javascript:`,
 * `data:` or `slack:`), normalised by the URL parser, `|` and spaces percent-encoded and
 * `& < >` escaped. Undefined for anything else: show it as text, not as a link.
 */
export function slackLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!LINK_PROTOCOLS.has(parsed.protocol)) return undefined;
  return parsed.href.replace(/\|/g, '%7C').replace(/ /g, '%20').replace(/[&<>]/g, entity);
}

/**
 * For plain_text objects (headers, buttons, modal titles, labels, hints, options). Slack
 * parses nothing in them, so no entities (they would show as typed): {@link cleanText},
 * and, in case a client ever did parse one, a word joiner (invisible) after every `<` and
 * after an `@` that starts a word, so no `<!channel>` or `@here` stands in it.
 */
export function slackPlainText(text: string): string {
  return guardAts(cleanText(text)).replace(/</g, `<${WORD_JOINER}`);
}

// Sequences a cut must not split: a date token, an entity, `@` with its word joiner, and a
// quote guard with what it guards. Everything else is cut between grapheme clusters.
const ATOM =
  /<!date\^00000000\^\{_\}\|[^>]*>|&(?:amp|lt|gt);|@\u2060|(?<=(?:^|\n)[ \t]*)\u00AD(?:&gt;|\u00AD)/g;
/** An atom that is one of those sequences (never split, all short). */
const WHOLE = /^(?:<!date\^00000000\^\{_\}\|[^>]*>|&(?:amp|lt|gt);|@\u2060|\u00AD(?:&gt;|\u00AD))$/;
/**
 * The part of escaped text a cut to `max` can use: `max` units and room for the longest
 * sequence (a date token), so sequences are whole up to `max`; whatever the slice breaks at
 * its end lies past `max` and is never taken.
 */
function head(escaped: string, max: number): string {
  return escaped.slice(0, max + 2 * (SHOWN_AS_WRITTEN.length + RUN + 1));
}
/** Room kept for mending the two ends of a piece (a date token at each end, at most). */
const MEND = 2 * (SHOWN_AS_WRITTEN.length + 2);

/**
 * Mends a piece cut out of escaped mrkdwn so it says the same on its own: a `*` or `_` left
 * at a cut end is shown through a date token (alone at an edge it could open or close
 * formatting), an `@` that now starts the piece gets its word joiner, and a piece starting
 * mid-line with a quote mark gets its guard.
 */
function mend(piece: string, cutBefore: boolean, midLine: boolean, cutAfter: boolean): string {
  let out = piece;
  if (cutAfter && /[*_]$/.test(out)) out = `${out.slice(0, -1)}${shown(out.slice(-1))}`;
  if (cutBefore && /^[*_]/.test(out)) out = `${shown(out.slice(0, 1))}${out.slice(1)}`;
  else if (cutBefore && /^@(?!\u2060)/.test(out)) out = `@${WORD_JOINER}${out.slice(1)}`;
  else if (midLine) out = out.replace(/^([ \t]*)(?=&gt;|\u00AD)/, `$1${SHY}`);
  return out;
}

/**
 * Escaped mrkdwn cut to at most `max` UTF-16 units, ending in `…` when cut, never inside an
 * entity, a date token or a grapheme cluster.
 */
export function truncateSlackMrkdwn(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  const room = max - 1 - MEND / 2;
  let piece = '';
  for (const atom of fitAtoms(atomsOf(head(escaped, max), ATOM), Math.max(room, 2), WHOLE)) {
    if (piece.length + atom.length > room) break;
    piece += atom;
  }
  return `${mend(piece, false, false, true)}…`;
}

/**
 * Escaped top-level text ({@link escapeSlackText}) cut to at most `max` UTF-16 units, ending
 * in `…` when cut, never inside an entity or a grapheme cluster.
 */
export function truncateSlackText(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let piece = '';
  for (const atom of fitAtoms(atomsOf(head(escaped, max), ATOM), Math.max(max - 1, 2), WHOLE)) {
    if (piece.length + atom.length > max - 1) break;
    piece += atom;
  }
  return `${piece}…`;
}

/**
 * Escaped mrkdwn in pieces of at most `max` UTF-16 units (one per section), cut at line
 * breaks where possible and never inside an entity, a date token or a grapheme cluster.
 * Each piece, unescaped, is its part of the text: joined they give the whole.
 */
export function chunkSlackMrkdwn(escaped: string, max: number): string[] {
  if (escaped.length === 0) return [];
  if (escaped.length <= max) return [escaped];
  const room = Math.max(max - MEND, 2);
  const atoms = fitAtoms(atomsOf(escaped, ATOM), room, WHOLE);
  const pieces: string[] = [];
  let at = 0; // index into atoms
  let offset = 0; // index into escaped
  while (at < atoms.length) {
    let end = at;
    let length = 0;
    let afterBreak = -1;
    let lengthAtBreak = 0;
    while (end < atoms.length && length + (atoms[end] as string).length <= room) {
      length += (atoms[end] as string).length;
      end++;
      if (atoms[end - 1] === '\n') {
        afterBreak = end;
        lengthAtBreak = length;
      }
    }
    if (end < atoms.length && afterBreak > at && lengthAtBreak >= room / 2) {
      end = afterBreak;
      length = lengthAtBreak;
    }
    if (end === at) {
      length = (atoms[at] as string).length;
      end = at + 1;
    }
    const piece = atoms.slice(at, end).join('');
    const midLine = offset > 0 && escaped[offset - 1] !== '\n';
    pieces.push(mend(piece, offset > 0, midLine, end < atoms.length));
    offset += length;
    at = end;
  }
  return pieces;
}
