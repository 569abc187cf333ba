/**
 * Hostile user text for the escaping tests of every surface: a corpus of the worst strings
 * we know (mentions and broadcasts, masked links, Markdown, entities, look-alikes, bidi
 * overrides, zero-width and control characters, lone surrogates, huge strings) and a
 * fast-check arbitrary that mixes them with random text.
 */
import fc from 'fast-check';

export const CORPUS: readonly string[] = [
  // Slack mentions, broadcasts, links and dates
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<!channel> Reset your password now',
  '<@U012ABCDEF>',
  '<@U012ABCDEF|anna>',
  '<@W012ABCDEF>',
  '<#C012ABCDEF>',
  '<#C012ABCDEF|general>',
  '<!subteam^S012ABCDEF|@design>',
  '<!subteam^S012ABCDEF>',
  '<!date^1392734382^{date}|Feb 18>',
  '<https://evil.example|Reset password>',
  '<https://evil.example>',
  '<mailto:boss@evil.example|Your manager>',
  '<slack://open|Open Slack>',
  '<javascript:alert(1)|click>',
  'https://evil.example/reset?next=<!channel>',
  '@channel',
  '@here please',
  '@everyone',
  '@group',
  '@design-team',
  'anna@example.org',
  'mail anna@example.org or @anna',
  // Markdown links, images, autolinks, HTML, Teams mentions
  '[Verify](https://evil.example)',
  '[Verify]( https://evil.example "title")',
  '[Verify][1]\n\n[1]: https://evil.example',
  '![img](https://evil.example/x.png)',
  '[x](javascript:alert(1))',
  '[[nested](https://a.example)](https://b.example)',
  '[unbalanced](https://a.example',
  ']](((',
  '[](https://evil.example)',
  '<https://evil.example/autolink>',
  '<a href="https://evil.example">x</a>',
  '<img src=x onerror=alert(1)>',
  '<at>Anna</at>',
  '<at id="0">Everyone</at>',
  '<script>alert(1)</script>',
  // Entities
  '&amp;',
  '&lt;!channel&gt;',
  '&#60;!channel&#62;',
  '&#x3C;@U012ABCDEF&#x3E;',
  '&nbsp;&copy;',
  '&',
  '&&&;',
  'Ben & Jerry <3',
  // Formatting
  '*Anna*',
  '_Anna_',
  '~Anna~',
  '`code`',
  '```block```',
  '**bold** __under__',
  '*',
  '_',
  '> quote',
  '>>> all quoted',
  '  > indented quote',
  '# heading',
  '## heading',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '2) item',
  '---',
  '===',
  '***',
  '    indented code',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
  '{{TIME(2017-02-14T06:00:00Z)}}',
  '$'.concat('{name}'),
  'snake_case_name',
  'a*b*c',
  ':white_check_mark: :+1:',
  '\\',
  '\\*not bold\\*',
  '\\[x\\](y)',
  '\\\\[x](y)',
  'line ends with backslash\\',
  '|pipe|',
  // Bidi, zero-width, controls
  '\u202Egpj.exe',
  'abc\u202Dxyz\u202C',
  '\u2066isolate\u2069',
  '\u200Fmark\u200E',
  'zero\u200Bwidth',
  '<\u200B!channel>',
  '<!\u200Bchannel>',
  '@\u200Bchannel',
  '@\u2060here',
  'a@\u2060b',
  '\u00AD> hidden quote',
  '\u00AD',
  '\uFEFFbom',
  'nul\u0000byte',
  'esc\u001b[31mred',
  'del\u007f c1\u0085\u009b',
  'tab\there',
  'line1\r\nline2\rline3\u2028line4\u2029line5\u0085line6\vline7\fline8',
  '\n\n\n',
  // Look-alikes
  '＜!channel＞',
  '﹤!here﹥',
  '＆lt;!channel＆gt;',
  '‹!channel›',
  '〈!channel〉',
  '⟨@U012ABCDEF⟩',
  '≮!channel≯',
  '＊bold＊',
  '＿it＿',
  '｀code｀',
  '～strike～',
  '＞ quote',
  '［Verify］（https://evil.example）',
  // Emoji, scripts, combining marks
  'family 👨‍👩‍👧‍👦 and flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿',
  'Z̴̡̧̛a̵l̶g̷o̸',
  `e${'\u0301'.repeat(3000)}`,
  'مرحبا שלום',
  'می‌خواهم',
  // Lone surrogates
  '\uD800',
  '\uDFFF',
  'a\uD83Db',
  '\uDE00\uD83D',
  // Size
  'x'.repeat(10_000),
  '<!channel>'.repeat(1000),
  '*'.repeat(5000),
  '_a'.repeat(3000),
  '&'.repeat(4000),
  '> '.repeat(2000),
  '[a](b)'.repeat(2000),
  '😀'.repeat(3000),
  'a_b '.repeat(2500),
  `${'x'.repeat(2999)}<!channel>`,
  `${'y'.repeat(2998)}&`,
];

const FRAGMENTS = CORPUS.filter((s) => s.length < 100);

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Any text a person might type, hostile or not: corpus pieces mixed with random text. */
export const userText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      { weight: 1, arbitrary: loneSurrogate },
      {
        weight: 2,
        arbitrary: fc.constantFrom('\n', '\r\n', '\r', ' ', '\t', '\u2028', '*', '_', '>', '@'),
      },
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** True when the text has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** Bidi embeddings, overrides and isolates. */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
