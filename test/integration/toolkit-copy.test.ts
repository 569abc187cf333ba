/**
 * "Each item copyable as plain text": a toolkit item's card and its Copyable text message, as
 * each platform's renderer makes them, show the item's text exactly as it was written —
 * formatting characters, quote and list marks, `&`, `<b>`, line breaks and all — with no
 * escaping a person could see or would copy: no backslashes (Teams), no entities or date
 * tokens (Slack), no tags (web chat). What Slack adds are two invisible guards, named here:
 * a word joiner after an `@` that starts a word and a soft hyphen before a `>` that starts a
 * line (adapters/slack/escape.ts). On Teams the copy message is plain text (`textFormat:
 * plain`), so it is the text itself; a card's TextBlock shows each line as a paragraph.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../adapters/local/render.js';
import { renderMessages as slackMessages } from '../../adapters/slack/cards.js';
import { renderMessages as teamsMessages } from '../../adapters/teams/cards.js';
import { unescapeCardMarkdown } from '../../adapters/teams/escape.js';
import { type ToolkitRecord, ToolkitRecordSchema } from '../../flows/toolkit-record.js';
import { itemCard } from '../../flows/toolkit-views.js';
import { words } from '../../flows/toolkit-words.js';
import { text } from '../../src/core/messages.js';

const TEXTS = [
  'Samen wekken we *duurzame* energie op, dichtbij huis.',
  '> Met inwoners als mede-eigenaar & <b>niet</b> zonder hen_\n- 2,1 TWh in 2030\n1. eerst zon\n# geen kop',
  'Volg ons op @EnergieregioHW en mail naar info@kit.example: ~50% _meer_ `code` [link](https://evil.example) {{DATE(2026)}} &amp; \\ slash',
  'Eén regel.\n\nEen alinea verder, met emoji 🌞 en “aanhalingstekens”.',
];

const item = (body: string): ToolkitRecord =>
  ToolkitRecordSchema.parse({
    id: 'cfg-x',
    title: 'Kernboodschap *vet*',
    text: body,
    kind: 'key-message',
    language: 'nl',
    status: 'active',
    origin: 'config',
    version: 1,
    history: [{ action: 'seeded', at: new Date(0).toISOString(), version: 1 }],
  });

const cardFor = (body: string) =>
  itemCard(item(body), words.t('nl'), {
    locale: 'nl',
    timeZone: 'Europe/Amsterdam',
    coordinator: false,
  });

/**
 * What Slack shows for escaped mrkdwn (and what a person copies): a date token shows its
 * fallback, the three entities their characters; the invisible guards stay.
 */
const slackShown = (mrkdwn: string) =>
  mrkdwn
    .replace(/<!date\^00000000\^\{_\}\|([^>]*)>/g, '$1')
    .replace(/&(amp|lt|gt);/g, (_m, n: string) => (n === 'amp' ? '&' : n === 'lt' ? '<' : '>'));
/** The two invisible guards Slack's escaping adds, and nothing else. */
const withoutGuards = (s: string) => s.replace(/@\u2060/g, '@').replace(/^\u00AD(?=>)/gm, '');

/** The text of the web chat's HTML as a browser shows it (and copies it). */
const htmlShown = (html: string) =>
  html
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<br>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_m, n: string) =>
      n === 'lt' ? '<' : n === 'gt' ? '>' : n === 'quot' ? '"' : n === '#39' ? "'" : '&',
    );

describe('a toolkit item copied as plain text', () => {
  it.each(TEXTS.map((t) => [t.slice(0, 40), t]))('on Slack: %s', (_name, body) => {
    const [message] = slackMessages(cardFor(body));
    const sections = (message?.blocks ?? [])
      .filter((b) => b.type === 'section' && b.text)
      .map((b) => (b.text as { text: string; verbatim: boolean }).text);
    // The first section is the text (the header is a plain_text header block).
    const shown = slackShown(sections[0] ?? '');
    expect(withoutGuards(shown)).toBe(body);
    // Nothing else is added, visible or not: without the guard characters it is the text.
    expect(shown.replace(/[\u2060\u00AD]/g, '')).toBe(body);
    // The copy message: the text alone, shown the same way.
    const [copy] = slackMessages(text(body));
    const copySection = copy?.blocks[0]?.text as { text: string } | undefined;
    expect(withoutGuards(slackShown(copySection?.text ?? ''))).toBe(body);
  });

  it.each(TEXTS.map((t) => [t.slice(0, 40), t]))('on Teams: %s', (_name, body) => {
    // The copy message is plain text: the text itself, nothing escaped.
    expect(teamsMessages(text(body))).toEqual([{ text: body }]);
    // In the card, the TextBlock's Markdown shows the text as written (each line a paragraph).
    const [message] = teamsMessages(cardFor(body));
    const blocks = (message?.card?.body ?? []) as { type: string; text?: string }[];
    const textBlocks = blocks.filter((b) => b.type === 'TextBlock').map((b) => b.text ?? '');
    expect(unescapeCardMarkdown(textBlocks[1] ?? '')).toBe(body);
  });

  it.each(TEXTS.map((t) => [t.slice(0, 40), t]))('in the web chat: %s', (_name, body) => {
    const html = renderMessage(cardFor(body), 'm1');
    const match = /<div class="card-text">([\s\S]*?)<\/div>/.exec(html);
    expect(htmlShown(match?.[1] ?? '')).toBe(body);
    expect(htmlShown(renderMessage(text(body), 'm2'))).toBe(body);
  });
});
