/**
 * The web chat's HTML surface has one rule for text: everything a person, a flow or the
 * config wrote goes through `escapeHtml` before it becomes HTML, in element content and in
 * (always double-quoted) attribute values alike. Links come only from a flow's card links,
 * and only with a scheme a browser cannot run (`linkHref`): never `javascript:`, `data:` or
 * anything else that is not plainly a web page or an e-mail address.
 */
import { escapeHtml as escapeHtmlCharacters } from '../../src/http/util.js';
import { cleanText } from '../clean-text.js';

/**
 * Text made plain and inert for HTML. First what every surface does (adapters/clean-text.ts:
 * no control characters or bidirectional overrides, `\n` line breaks, well-formed UTF-16);
 * then `&`, `<`, `>`, `"` and `'` become character references. The result is safe as element
 * content and as a double-quoted attribute value, and reads back as `cleanText(text)`.
 * Opaque values in attributes (a button's value, a form's context) go through it too: they
 * are ids, which cleaning leaves alone.
 */
export function escapeHtml(text: string): string {
  return escapeHtmlCharacters(cleanText(text));
}

/** Schemes a link may have; anything else is shown as text, not as a link. */
export const LINK_SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:']);

/** What RFC 3986 allows in a URI; the rest is percent-encoded. */
const NOT_IN_URI = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu;

/**
 * The href for a link a flow made, or `undefined` when it must not be a link: not an absolute
 * URL, a scheme outside LINK_SCHEMES, or a web address with a user name or password in it
 * (`https://www.bank.example@evil.example/` goes to evil.example). The URL comes back as the
 * WHATWG parser writes it (tabs and new lines dropped), with whatever RFC 3986 does not allow
 * percent-encoded (the parser leaves quotes and angle brackets in a `mailto:` as they are);
 * escape it all the same.
 */
export function linkHref(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!LINK_SCHEMES.has(parsed.protocol)) return undefined;
  if (parsed.protocol !== 'mailto:') {
    if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') {
      return undefined;
    }
  }
  return parsed.href.replace(NOT_IN_URI, (ch) => encodeURIComponent(ch));
}
