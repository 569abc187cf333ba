/**
 * Neutral cards and forms as Adaptive Cards 1.5 (what Teams renders), each with a text
 * fallback. Inputs carry their validation (isRequired, maxLength, errorMessage); a form sent
 * back with errors shows them under the fields and keeps the values. A card over 28 KB is
 * split into several.
 */
import type { Card, Form, FormField, OutboundMessage } from '../../src/core/messages.js';

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

function textBlock(text: string, extra: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function cardBody(c: Card): Element[] {
  const body: Element[] = [];
  if (c.header) body.push(textBlock(c.header, { size: 'Medium', weight: 'Bolder' }));
  if (c.text) body.push(textBlock(c.text));
  // Facts in sets of 20, so a long list can be split over cards.
  for (let i = 0; i < c.fields.length; i += 20) {
    body.push({
      type: 'FactSet',
      facts: c.fields.slice(i, i + 20).map((f) => ({ title: f.label, value: f.value || '—' })),
    });
  }
  for (const ctx of c.context) body.push(textBlock(ctx, { isSubtle: true, size: 'Small' }));
  return body;
}

function cardActions(c: Card): Element[] {
  return [
    ...c.buttons.map((b) => ({
      type: 'Action.Submit',
      title: b.label,
      ...(b.style === 'primary' ? { style: 'positive' } : b.style ? { style: 'destructive' } : {}),
      data: { alliantie: `button:${b.actionId}`, ...(b.value ? { value: b.value } : {}) },
    })),
    ...c.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  ];
}

function wrap(body: Element[], actions: Element[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText:
      fallbackText.length > MAX_FALLBACK ? `${fallbackText.slice(0, MAX_FALLBACK)}…` : fallbackText,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function bytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card));
}

/** Splits a card's body over as many cards as needed; the actions go on the last one. */
function split(body: Element[], actions: Element[], fallback: string): AdaptiveCard[] {
  const whole = wrap(body, actions, fallback);
  if (bytes(whole) <= MAX_CARD_BYTES) return [whole];
  const cards: AdaptiveCard[] = [];
  let part: Element[] = [];
  for (const element of body) {
    const piece =
      Buffer.byteLength(JSON.stringify(element)) > MAX_CARD_BYTES / 2
        ? textBlock(String(element.text ?? '').slice(0, 8000))
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

function initialOf(form: Form, field: FormField): string | undefined {
  const again = form.values?.[field.name];
  if (again !== undefined) return Array.isArray(again) ? again.join(',') : again;
  if (field.initial === undefined) return undefined;
  return Array.isArray(field.initial) ? field.initial.join(',') : String(field.initial);
}

function input(form: Form, field: FormField): Element[] {
  const words = WORDS[form.locale];
  const label = field.required ? field.label : `${field.label} ${words.optional}`;
  const common: Element = {
    id: field.name,
    label,
    isRequired: field.required,
    errorMessage: form.errors?.[field.name] ?? words.required,
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
        ...(field.hint ? { placeholder: field.hint } : {}),
      };
      break;
    case 'select':
    case 'multiSelect':
      element = {
        type: 'Input.ChoiceSet',
        ...common,
        style: 'compact',
        isMultiSelect: field.type === 'multiSelect',
        choices: field.options.map((o) => ({ title: o.label, value: o.value })),
      };
      break;
    case 'date':
      element = { type: 'Input.Date', ...common };
      break;
    case 'number':
      element = {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(value !== undefined ? { value: Number(value) } : {}),
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

export function formCard(form: Form, fallback: string): AdaptiveCard {
  const body: Element[] = [textBlock(form.title, { size: 'Medium', weight: 'Bolder' })];
  if (form.intro) body.push(textBlock(form.intro));
  for (const field of form.fields) body.push(...input(form, field));
  const actions: Element[] = [
    {
      type: 'Action.Submit',
      title: form.submitLabel,
      style: 'positive',
      data: { alliantie: `form:${form.id}`, ...(form.context ? { context: form.context } : {}) },
    },
  ];
  return wrap(body, actions, fallback);
}

export function renderMessages(message: OutboundMessage): TeamsMessage[] {
  if (message.kind === 'text') return [{ text: message.text }];
  if (message.kind === 'form') {
    return [{ text: message.fallback, card: formCard(message.form, message.fallback) }];
  }
  return split(cardBody(message.card), cardActions(message.card), message.fallback).map((card) => ({
    text: message.fallback,
    card,
  }));
}
