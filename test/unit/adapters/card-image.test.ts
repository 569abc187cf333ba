/**
 * A card's picture (the health chart) on every surface: Slack's image block within Block Kit's
 * rules (an http(s) image_url of at most 3000 characters, a plain alt_text of at most 2000, no
 * other keys), a Teams Image element in a card the official Adaptive Cards 1.5 schema accepts,
 * and an <img> with its alt in the web chat, asked of its own origin. Each says the same in
 * words in its text fallback. A card without a picture renders none.
 */
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../../adapters/local/render.js';
import { renderMessages as slackMessages } from '../../../adapters/slack/cards.js';
import { renderMessages as teamsMessages } from '../../../adapters/teams/cards.js';
import { type CardInput, CardSchema, card, cardToText } from '../../../src/core/messages.js';
import { adaptiveCardErrors } from '../../fakes/teams-schemas.js';

const TOKEN = 'x'.repeat(43);
const image = {
  url: `https://bot.example.org/charts/${TOKEN}.png`,
  vectorUrl: `https://bot.example.org/charts/${TOKEN}.svg`,
  alt: 'Verbonden: 12 van 30 partners, was 9; Bijdragend: 8 van 30 partners, was 10 <b>&',
};
const neutral = (input: CardInput) => CardSchema.parse(input);
const digestInput: CardInput = {
  header: 'Overzicht van Energie Rijnland',
  text: 'Van 23 november tot 30 november',
  fields: [{ label: 'Gezondheid', value: 'Verbonden 12/30 (stijgend)' }],
  image,
  context: ['Typ overzicht om dit opnieuw te zien.'],
};
const digest = card(digestInput);

type Json = Record<string, unknown>;

describe('Slack: an image block', () => {
  const [message, ...rest] = slackMessages(digest);
  const blocks = (message?.blocks ?? []) as Json[];
  const images = blocks.filter((b) => b.type === 'image');

  it('is one image block with Block Kit’s keys and limits, after the fields', () => {
    expect(rest).toEqual([]);
    expect(images).toHaveLength(1);
    const block = images[0] ?? {};
    expect(Object.keys(block).sort()).toEqual(['alt_text', 'image_url', 'type']);
    expect(block.image_url).toBe(image.url);
    expect(String(block.image_url)).toMatch(/^https?:\/\//);
    expect(String(block.image_url).length).toBeLessThanOrEqual(3000);
    expect(typeof block.alt_text).toBe('string');
    expect(String(block.alt_text).length).toBeGreaterThan(0);
    expect(String(block.alt_text).length).toBeLessThanOrEqual(2000);
    // alt_text is plain text: said as written.
    expect(block.alt_text).toContain('Verbonden: 12 van 30 partners, was 9');
    expect(blocks.indexOf(block)).toBeGreaterThan(blocks.findIndex((b) => b.fields));
  });

  it('says the same in words in the message’s text', () => {
    expect(message?.text).toContain('Verbonden: 12 van 30 partners, was 9');
  });

  it('cuts a long alt text to Slack’s limit', () => {
    // Past the neutral model's own limit too: the renderer still keeps Slack's.
    const long = CardSchema.parse({ header: 'x', image });
    long.image = { ...image, alt: 'a'.repeat(5000) };
    const [m] = slackMessages({ kind: 'card', card: long, fallback: cardToText(long) });
    const block = (m?.blocks ?? []).find((b) => b.type === 'image');
    expect(String(block?.alt_text ?? '').length).toBe(2000);
  });
});

describe('Teams: an Image element', () => {
  const messages = teamsMessages(digest);

  it('is in a card the Adaptive Cards 1.5 schema accepts, with url and altText', () => {
    expect(messages).toHaveLength(1);
    const adaptive = messages[0]?.card;
    expect(adaptiveCardErrors(adaptive)).toEqual([]);
    const element = (adaptive?.body ?? []).find((e) => e.type === 'Image');
    expect(element?.url).toBe(image.url);
    expect(element?.altText).toContain('Verbonden: 12 van 30 partners, was 9');
  });

  it('says the same in words in the message’s text', () => {
    expect(messages[0]?.text).toContain('Verbonden: 12 van 30 partners, was 9');
  });
});

describe('Web chat: an <img> with its alt', () => {
  const html = renderCard(neutral(digestInput), 'm1');

  it('shows the SVG from the page’s own origin, with the text alternative escaped', () => {
    expect(html).toContain(
      `<img src="/charts/${TOKEN}.svg" alt="Verbonden: 12 van 30 partners, was 9; Bijdragend: 8 van 30 partners, was 10 &lt;b&gt;&amp;"`,
    );
    expect(html).not.toContain('bot.example.org');
  });
});

describe('a card without a picture', () => {
  it('renders no image anywhere', () => {
    const plain = card({ header: 'Gezondheid', text: 'x' });
    expect(slackMessages(plain)[0]?.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(teamsMessages(plain)[0]?.card?.body.some((e) => e.type === 'Image')).toBe(false);
    expect(renderCard(neutral({ header: 'Gezondheid' }), 'm2')).not.toContain('<img');
  });
});
