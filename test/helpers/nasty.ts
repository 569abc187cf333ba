/**
 * Hostile text and URLs for the HTML surface: known XSS and mutation-XSS payloads, parser
 * corner cases (comments, CDATA, raw-text end tags, character references with and without
 * their semicolon), control and bidi characters, and fast-check arbitraries that mix them
 * with any Unicode. Shared by the unit tests of the escaping and the browser tests that parse
 * the rendered HTML for real.
 */
import fc from 'fast-check';

export const NASTY_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '" onfocus="alert(1)" autofocus="',
  "' onmouseover='alert(1)",
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '</style><script>alert(1)</script>',
  '<style>*{display:none}</style>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<a href="javascript:alert(1)">klik</a>',
  '<form action="https://evil.example"><button>Verstuur</button></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><style><img src=x onerror=alert(1)></style></svg>',
  // 0xsobky's polyglot
  'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e',
  '<!--',
  '-->',
  '<!-- --!> <img src=x onerror=alert(1)> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&amp;amp;',
  '&#60;b&#62;bold&#x3C;/b&#x3e;',
  '&lt &gt &amp &quot &copy; &notit; &NotANamedEntity;',
  'javascript:alert(document.cookie)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, on purpose
  '${alert(1)}',
  "{{constructor.constructor('alert(1)')()}}",
  '\\"; alert(1); //',
  '`backticks` and = signs = = ',
  'https://example.org/?q=<b>&x="y"',
  'nul\u0000byte',
  'cr\rlf\r\nlf\nend',
  'line\u2028separator\u2029paragraph',
  'bidi \u202egnp.exe\u202c override',
  'zero\u200bwidth\u200djoiner\ufeffbom',
  '👩🏽‍💻 🇳🇱 emoji',
  'Z̷̢͙a̶͖l̵̰g̸̢o̴',
  '\u0007\u0008\u000b\u000c\u001b[31mcontrol',
  '\ud800 lone \udfff surrogates',
  ' \t leading and trailing whitespace \t ',
  '',
];

/** URLs a flow might pass as a card link that must never become one. */
export const UNSAFE_URLS: readonly string[] = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  '\tjava\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript://example.org/%0Aalert(1)',
  'javascript&colon;alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.org/0b6e4f00-0000-4000-8000-000000000000',
  'about:blank',
  'ftp://example.org/file',
  'ws://example.org/socket',
  '//evil.example/',
  '/relative/path',
  '#fragment',
  'https://www.bank.example@evil.example/',
  'https://user:secret@example.org/',
  'http://',
  'not a url',
  '',
];

/** Code units that matter to HTML, and fragments of markup. */
const HTML_PIECES = [
  '<',
  '>',
  '&',
  '"',
  "'",
  '`',
  '=',
  '/',
  '\n',
  '\n\n',
  '\r',
  '\u0000',
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '&amp;',
  '&lt;',
  '&#39;',
  '&#x3C;',
  '<!--',
  '-->',
  ']]>',
  'javascript:',
  ' on',
  '</textarea>',
];

/**
 * Any text a person might send: mostly hostile markup pieces, the nasty strings, and any
 * Unicode (code points from the whole range, and grapheme clusters).
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(fc.constantFrom(...HTML_PIECES, 'a', ' ', 'é'), { maxLength: 30 })
    .map((p) => p.join('')),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY_STRINGS), fc.string())
    .map((parts) => parts.join('')),
);

/** Non-empty hostile text (labels, titles: the schemas ask for at least one character). */
export const hostileLabel: fc.Arbitrary<string> = hostileText.filter((s) => s.length > 0);
