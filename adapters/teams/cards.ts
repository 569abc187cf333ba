/**
 * Neutral cards and forms as Adaptive Cards 1.5 (what Teams renders), each with a text
 * fallback. Inputs carry their validation (isRequired, maxLength, errorMessage); a form sent
 * back with errors shows them under the fields and keeps the values. A card over 28 KB is
 * split into several.
 *
 * Everything a card carries is treated as user text (flows build it from what people
 * typed): every TextBlock and Fact gets `escapeCardMarkdown`, every other string
 * `cardPlainText` (escape.ts). The only emphasis is structural (`weight: 'Bolder'`), the
 * only links are the `Action.OpenUrl`s of `card.links` (http, https, mailto), and no card
 * carries `msteams.entities`, so nothing in it can be a mention.
 */
import type { Card, Form, FormField, OutboundMessage } from '../../src/core/messages.js';
import { wellFormed } from '../clean-text.js';
import { cardLinkUrl, cardPlainText, escapeCardMarkdown, truncateCardMarkdown } from './escape.js';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
/** Teams refuses a message over about 28 KB; keep a margin for the envelope. */
export const MAX_CARD_BYTES = 26 * 1024;
/** The text version inside a card is a fallback, not the whole message again. */
const MAX_FALLBACK = 1000;

export type Element = Record<string, unknown>;
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  fallbackText: string;
  body: Element[];
  actions?: Element[];
}

/** One message as Teams gets it: text plus, for cards and forms, one Adaptive Card. */
export interface TeamsMessage {
  text: string;
  card?: AdaptiveCard;
}

const WORDS = {
  nl: { optional: '(optioneel)', required: 'Vul dit veld in.' },
  en: { optional: '(optional)', required: 'Please fill in this field.' },
} as const;

/** A TextBlock of user text: escaped Markdown (already escaped when `escaped`). */
function textBlock(text: string, extra: Element = {}, escaped = false): Element {
  return {
    type: 'TextBlock',
    text: escaped ? text : escapeCardMarkdown(text),
    wrap: true,
    ...extra,
  };
}

/** Plain card text (a label, a title) that must not be empty. */
const plainText = (text: string) => cardPlainText(text) || '…';

function cardBody(c: Card): Element[] {
  const body: Element[] = [];
  if (c.header && escapeCardMarkdown(c.header).trim())
    body.push(textBlock(c.header, { size: 'Medium', weight: 'Bolder' }));
  if (c.text && escapeCardMarkdown(c.text).trim()) body.push(textBlock(c.text));
  // Facts in sets of 20, so a long list can be split over cards.
  for (let i = 0; i < c.fields.length; i += 20) {
    body.push({
      type: 'FactSet',
      facts: c.fields.slice(i, i + 20).map((f) => ({
        title: escapeCardMarkdown(f.label),
        value: escapeCardMarkdown(f.value) || '—',
      })),
    });
  }
  // A picture (a chart): Teams shows it where it fetches the URL, and reads altText aloud.
  // Unlike Slack (adapters/slack/images.ts), Teams does not fetch the picture when it takes
  // the card: the Bot Connector accepts it, and a URL the client cannot load (PUBLIC_URL not
  // reachable) shows as an empty or broken image beside the card's words. Nothing to retry.
  if (c.image && /^https?:\/\//.test(c.image.url)) {
    body.push({
      type: 'Image',
      url: c.image.url,
      altText: cardPlainText(c.image.alt) || '…',
      size: 'Stretch',
    });
  }
  // A link that is not http, https or mailto is shown as text, never opened.
  for (const l of c.links) {
    if (!cardLinkUrl(l.url)) body.push(textBlock(`${l.label}: ${l.url}`));
  }
  for (const ctx of c.context) {
    if (escapeCardMarkdown(ctx).trim())
      body.push(textBlock(ctx, { isSubtle: true, size: 'Small' }));
  }
  return body;
}

function cardActions(c: Card): Element[] {
  return [
    ...c.buttons.map((b) => ({
      type: 'Action.Submit',
      title: plainText(b.label),
      ...(b.style === 'primary' ? { style: 'positive' } : b.style ? { style: 'destructive' } : {}),
      data: { alliantie: `button:${b.actionId}`, ...(b.value ? { value: b.value } : {}) },
    })),
    ...c.links.flatMap((l) => {
      const url = cardLinkUrl(l.url);
      return url ? [{ type: 'Action.OpenUrl', title: plainText(l.label), url }] : [];
    }),
  ];
}

/** A card's fallbackText: hosts that cannot show the card may render it as Markdown. */
function cardFallback(text: string): string {
  return (
    truncateCardMarkdown(escapeCardMarkdown(text.slice(0, MAX_FALLBACK * 2)), MAX_FALLBACK) || '…'
  );
}

/** A card of these elements; `fallbackText` as {@link cardFallback} made it. */
function wrap(body: Element[], actions: Element[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function bytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** Splits a card's body over as many cards as needed; the actions go on the last one. */
function split(body: Element[], actions: Element[], text: string): AdaptiveCard[] {
  const fallback = cardFallback(text);
  const whole = wrap(body, actions, fallback);
  if (bytes(whole) <= MAX_CARD_BYTES) return [whole];
  const cards: AdaptiveCard[] = [];
  let part: Element[] = [];
  for (const element of body) {
    const piece =
      Buffer.byteLength(JSON.stringify(element)) > MAX_CARD_BYTES / 2
        ? textBlock(truncateCardMarkdown(String(element.text ?? ''), 8000), {}, true)
        : element;
    if (part.length > 0 && bytes(wrap([...part, piece], [], fallback)) > MAX_CARD_BYTES / 2) {
      cards.push(wrap(part, [], fallback));
      part = [];
    }
    part.push(piece);
  }
  cards.push(wrap(part, actions, fallback));
  return cards;
}

/** A value shown back in an input: as typed (it is the person's own), but well-formed. */
function initialOf(form: Form, field: FormField): string | undefined {
  const again = form.values?.[field.name];
  if (again !== undefined) return wellFormed(Array.isArray(again) ? again.join(',') : again);
  if (field.initial === undefined) return undefined;
  return wellFormed(Array.isArray(field.initial) ? field.initial.join(',') : String(field.initial));
}

function input(form: Form, field: FormField): Element[] {
  const words = WORDS[form.locale];
  const label = plainText(field.required ? field.label : `${field.label} ${words.optional}`);
  const common: Element = {
    id: field.name,
    label,
    isRequired: field.required,
    errorMessage: plainText(form.errors?.[field.name] ?? words.required),
  };
  const value = initialOf(form, field);
  if (value !== undefined) common.value = value;
  let element: Element;
  switch (field.type) {
    case 'text':
    case 'longText':
    case 'url':
      element = {
        type: 'Input.Text',
        ...common,
        maxLength: field.maxLength,
        ...(field.type === 'longText' ? { isMultiline: true } : {}),
        ...(field.type === 'url' ? { style: 'Url' } : {}),
        ...(field.hint ? { placeholder: cardPlainText(field.hint) } : {}),
      };
      break;
    case 'select':
    case 'multiSelect':
      element = {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        isMultiSelect: field.type === 'multiSelect',
        choices: field.options.map((o) => ({ title: plainText(o.label), value: o.value })),
      };
      break;
    case 'date':
      element = { type: 'Input.Date', ...common };
      break;
    case 'number':
      element = {
        type: 'Input.Number',
        ...withoutValue(common),
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        // What was typed, when it is a number at all (an Input.Number cannot hold "veel";
        // NaN would make the card invalid and the form would not come back).
        ...(value !== undefined && value !== '' && Number.isFinite(Number(value))
          ? { value: Number(value) }
          : {}),
      };
      break;
  }
  const out = [element];
  const error = form.errors?.[field.name];
  if (error) out.push(textBlock(error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  else if (field.hint && field.type !== 'text' && field.type !== 'longText') {
    out.push(textBlock(field.hint, { isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  return out;
}

/** An input's common properties without what was typed (set per input type). */
function withoutValue(common: Element): Element {
  const { value: _typed, ...rest } = common;
  return rest;
}

export function formCard(form: Form, fallback: string): AdaptiveCard {
  const body: Element[] = [textBlock(form.title, { size: 'Medium', weight: 'Bolder' })];
  if (form.intro) body.push(textBlock(form.intro));
  for (const field of form.fields) body.push(...input(form, field));
  const actions: Element[] = [
    {
      type: 'Action.Submit',
      title: plainText(form.submitLabel),
      style: 'positive',
      data: { alliantie: `form:${form.id}`, ...(form.context ? { context: form.context } : {}) },
    },
  ];
  return wrap(body, actions, cardFallback(fallback));
}

/**
 * A neutral message as Teams messages. The `text` is sent as plain text (send.ts sets
 * `textFormat: 'plain'`, so Teams renders no Markdown in it) or as a card's `summary`
 * (notifications): cleaned, not escaped, or people would see the backslashes.
 */
export function renderMessages(message: OutboundMessage): TeamsMessage[] {
  if (message.kind === 'text') return [{ text: cardPlainText(message.text) || '…' }];
  const text = cardPlainText(message.fallback) || '…';
  if (message.kind === 'form') {
    return [{ text, card: formCard(message.form, message.fallback) }];
  }
  return split(cardBody(message.card), cardActions(message.card), message.fallback).map((card) => ({
    text,
    card,
  }));
}
