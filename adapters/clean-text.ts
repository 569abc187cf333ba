/**
 * What every surface does to user text before its own escaping: the characters no chat
 * platform should get from one organisation on behalf of another, taken out or made plain.
 * The surface escapers (adapters/slack/escape.ts, adapters/teams/escape.ts) start from here.
 *
 * - A lone surrogate (half an emoji, cut by some client) becomes U+FFFD: JSON would carry it
 *   as `\udXXX`, which a platform may refuse or mangle.
 * - Line endings become `\n`: CRLF, CR, NEL (U+0085), LINE and PARAGRAPH SEPARATOR
 *   (U+2028, U+2029), vertical tab and form feed. A renderer that took one of them for a
 *   line break would start a line our escaping did not see (a quote, a list, a heading).
 * - Other control characters (C0 but tab and newline, DEL, C1) are dropped.
 * - Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
 *   dropped: an override in a name reverses the text around it (`\u202Egpj.exe`), the
 *   bot's own words included. The marks (U+200E, U+200F, U+061C) stay; they scope nothing.
 * - Interlinear annotation characters (U+FFF9–U+FFFB) are dropped: they hide text.
 *
 * Zero-width characters, joiners and emoji stay as typed: they carry meaning (emoji
 * sequences, Persian and Indic scripts) and the escapers never rely on their absence.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAK = /\r\n|[\r\u0085\u2028\u2029\v\f]/g;
// Controls (Cc: C0, DEL, C1) but tab and newline; bidi embeddings, overrides and isolates;
// interlinear annotations.
const UNSAFE = /(?![\t\n])[\p{Cc}\u202A-\u202E\u2066-\u2069\uFFF9-\uFFFB]/gu;

/** Replaces lone surrogates with U+FFFD, so the text is valid UTF-16 (and valid JSON). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * User text made safe to hand to any renderer: well-formed, `\n` line breaks only, no
 * control or bidirectional override characters. Idempotent.
 */
export function cleanText(text: string): string {
  return wellFormed(text).replace(LINE_BREAK, '\n').replace(UNSAFE, '');
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits text into atoms that must not be cut: the matches of `token` (an escape sequence,
 * say) and, between them, grapheme clusters (an emoji with its joiners, a letter with its
 * accents). `token` must be a global regular expression.
 */
export function atomsOf(text: string, token: RegExp): string[] {
  const atoms: string[] = [];
  const plain = (from: number, to: number) => {
    if (to <= from) return;
    for (const { segment } of segmenter.segment(text.slice(from, to))) atoms.push(segment);
  };
  let last = 0;
  token.lastIndex = 0;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    if (m[0].length === 0) {
      token.lastIndex++;
      continue;
    }
    plain(last, m.index);
    atoms.push(m[0]);
    last = m.index + m[0].length;
  }
  plain(last, text.length);
  return atoms;
}

/**
 * Atoms too long for `max` on their own (a grapheme of a thousand combining marks) split
 * into code points, so every atom fits; atoms matching `whole` (escape sequences, which
 * callers keep short) are never split.
 */
export function fitAtoms(atoms: string[], max: number, whole?: RegExp): string[] {
  const split = (a: string) => a.length > max && !whole?.test(a);
  return atoms.some(split) ? atoms.flatMap((a) => (split(a) ? [...a] : [a])) : atoms;
}
