/**
 * Neutral cards and forms to Block Kit, with Slack's limits enforced by splitting or
 * truncating (never by a rejected call): 50 blocks a message, 100 in a modal, 3000
 * characters a section, 2000 a field, 150 a header, 75 a button label, 24 a modal title.
 *
 * Everything a card carries is treated as user text (flows build it from what people
 * typed) and escaped for where it lands (escape.ts): mrkdwn objects with
 * `escapeSlackMrkdwn` and `verbatim: true`, the top-level `text` with `escapeSlackText`,
 * plain_text with `slackPlainText`. The only markup is the renderer's own: bold field
 * labels and form titles, and the links of `card.links` (http, https, mailto).
 */
import { t } from '../../src/core/i18n/index.js';
import type { Card, Form, FormField, OutboundMessage } from '../../src/core/messages.js';
import { wellFormed } from '../clean-text.js';
import {
  chunkSlackMrkdwn,
  escapeSlackLinkLabel,
  escapeSlackMrkdwn,
  escapeSlackText,
  slackLinkUrl,
  slackPlainText,
  truncateSlackMrkdwn,
  truncateSlackText,
  unescapeSlackMrkdwn,
} from './escape.js';

export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  header: 150,
  buttonLabel: 75,
  buttonValue: 2000,
  buttonsPerActions: 25,
  contextElements: 10,
  modalTitle: 24,
  inputLabel: 2000,
  optionText: 75,
  fallbackText: 3000,
  imageUrl: 3000,
  imageAlt: 2000,
} as const;

/** An image block's URL: http(s) within Slack's length (else the block is left out). */
const imageUrlFits = (url: string) => /^https?:\/\//.test(url) && url.length <= LIMITS.imageUrl;

export type Block = Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Cuts text to `max` characters (code points), ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Splits text into pieces of at most `max` characters, at line breaks where possible. */
export function chunk(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = [...text];
  while (rest.length > max) {
    const slice = rest.slice(0, max).join('');
    const lineBreak = [...slice.slice(0, slice.lastIndexOf('\n') + 1)].length;
    const cut = lineBreak >= max / 2 ? lineBreak : max;
    out.push(rest.slice(0, cut).join(''));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) out.push(rest.join(''));
  return out;
}

/**
 * User text for a mrkdwn object, escaped (see escape.ts).
 * @deprecated Use {@link escapeSlackMrkdwn}; kept as its old name.
 */
export const mrkdwn = escapeSlackMrkdwn;

/** A plain_text object: cleaned, cut to `max` characters, never empty (Slack refuses that). */
const plain = (text: string, max: number) => ({
  type: 'plain_text',
  text: truncate(slackPlainText(text), max) || '…',
  emoji: true,
});
/** A mrkdwn object of escaped text; verbatim, so Slack links no channel name or URL itself. */
const md = (text: string) => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): Block => ({ type: 'section', text: md(text) });

/** The renderer's bold around escaped user text (a label, a title) on one line; empty stays empty. */
function bold(text: string, max: number): string {
  const line = escapeSlackMrkdwn(text)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const escaped = truncateSlackMrkdwn(line, max - 2);
  return escaped ? `*${escaped}*` : '';
}

/** One field: the label in bold, the value under it, both escaped, within Slack's limit. */
function fieldText(label: string, value: string): string {
  const head = bold(label, 200);
  const room = LIMITS.field - head.length - 1;
  const body = truncateSlackMrkdwn(escapeSlackMrkdwn(value), room);
  return head && body ? `${head}\n${body}` : head || body || '…';
}

/** A link of `card.links`: a real link for http, https and mailto, else its text. */
function linkLine(label: string, url: string): string {
  const href = slackLinkUrl(url);
  if (href) return `<${href}|${truncateSlackMrkdwn(escapeSlackLinkLabel(label), 300) || href}>`;
  return truncateSlackMrkdwn(escapeSlackMrkdwn(`${label}: ${url}`), LIMITS.sectionText);
}

/** Whole lines packed into as few pieces of at most `max` as they fit in. */
function packLines(lines: string[], max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + 1 + line.length > max) {
      pieces.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) pieces.push(current);
  return pieces;
}

export function cardBlocks(card: Card): Block[] {
  const blocks: Block[] = [];
  if (card.header && slackPlainText(card.header).trim())
    blocks.push({ type: 'header', text: plain(card.header, LIMITS.header) });
  if (card.text)
    for (const piece of chunkSlackMrkdwn(escapeSlackMrkdwn(card.text), LIMITS.sectionText))
      blocks.push(section(piece));
  const fields = card.fields.map((f) => md(fieldText(f.label, f.value)));
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fieldsPerSection) });
  }
  // A picture (a chart): Slack fetches image_url itself and reads alt_text to screen readers.
  if (card.image && imageUrlFits(card.image.url)) {
    blocks.push({
      type: 'image',
      image_url: card.image.url,
      alt_text: truncate(slackPlainText(card.image.alt), LIMITS.imageAlt) || '…',
    });
  }
  if (card.links.length > 0) {
    const lines = card.links.map((l) => linkLine(l.label, l.url));
    for (const piece of packLines(lines, LIMITS.sectionText)) blocks.push(section(piece));
  }
  for (let i = 0; i < card.buttons.length; i += LIMITS.buttonsPerActions) {
    blocks.push({
      type: 'actions',
      elements: card.buttons.slice(i, i + LIMITS.buttonsPerActions).map((b) => ({
        type: 'button',
        text: plain(b.label, LIMITS.buttonLabel),
        action_id: b.actionId,
        ...(b.value === undefined ? {} : { value: truncate(b.value, LIMITS.buttonValue) }),
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  const context = card.context
    .map((c) => truncateSlackMrkdwn(escapeSlackMrkdwn(c), LIMITS.sectionText))
    .filter((c) => c.trim().length > 0)
    .slice(0, LIMITS.contextElements);
  if (context.length > 0) blocks.push({ type: 'context', elements: context.map(md) });
  return blocks;
}

/** The action a form sent as a message carries: opening it as a modal (handled by the adapter). */
export const OPEN_FORM_ACTION = 'slack.open-form';

/**
 * A message for Slack: one or more (a card over 50 blocks is split into several messages).
 * A form outside a modal becomes a short message with a button that opens it.
 */
export function renderMessages(message: OutboundMessage, formStash?: string): SlackMessage[] {
  // The top-level text is what notifications show, and it is parsed for mentions too.
  const fallback = (text: string) =>
    truncateSlackText(escapeSlackText(text), LIMITS.fallbackText) || '…';
  switch (message.kind) {
    case 'text': {
      const pieces = chunkSlackMrkdwn(escapeSlackMrkdwn(message.text), LIMITS.sectionText);
      if (pieces.length === 0) return [{ text: '…', blocks: [] }];
      return pieces.map((piece) => ({
        text: fallback(unescapeSlackMrkdwn(piece)),
        blocks: [section(piece)],
      }));
    }
    case 'card': {
      const blocks = cardBlocks(message.card);
      const messages: SlackMessage[] = [];
      for (let i = 0; i < blocks.length; i += LIMITS.messageBlocks) {
        messages.push({
          text: fallback(message.fallback),
          blocks: blocks.slice(i, i + LIMITS.messageBlocks),
        });
      }
      return messages.length > 0 ? messages : [{ text: fallback(message.fallback), blocks: [] }];
    }
    case 'form': {
      const { form } = message;
      return [
        {
          text: fallback(form.title),
          blocks: [
            section(formHeading(form)),
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  style: 'primary',
                  text: plain(form.title, LIMITS.buttonLabel),
                  action_id: OPEN_FORM_ACTION,
                  value: formStash ?? form.id,
                },
              ],
            },
          ],
        },
      ];
    }
  }
}

/** A form's title in bold with its intro under it, escaped, within a section's limit. */
function formHeading(form: Form): string {
  const title = bold(form.title, 300) || '…';
  if (!form.intro) return title;
  const intro = truncateSlackMrkdwn(
    escapeSlackMrkdwn(form.intro),
    LIMITS.sectionText - title.length - 1,
  );
  return intro ? `${title}\n${intro}` : title;
}

/** A value shown back in an input: as typed, but well-formed and within its max length. */
function initialValue(value: string, max?: number): string {
  const chars = [...wellFormed(value)];
  return (max === undefined ? chars : chars.slice(0, max)).join('');
}

function element(field: FormField): Block {
  switch (field.type) {
    case 'text':
    case 'longText':
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.type === 'longText',
        max_length: Math.min(field.maxLength, 3000),
        ...(field.initial
          ? { initial_value: initialValue(field.initial, Math.min(field.maxLength, 3000)) }
          : {}),
      };
    case 'url':
      return {
        type: 'url_text_input',
        action_id: 'value',
        ...(field.initial ? { initial_value: initialValue(field.initial) } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        action_id: 'value',
        is_decimal_allowed: true,
        ...(field.min === undefined ? {} : { min_value: String(field.min) }),
        ...(field.max === undefined ? {} : { max_value: String(field.max) }),
        ...(field.initial === undefined ? {} : { initial_value: String(field.initial) }),
      };
    case 'date':
      return {
        type: 'datepicker',
        action_id: 'value',
        ...(field.initial ? { initial_date: field.initial } : {}),
      };
    case 'select': {
      const options = field.options.map((o) => ({
        text: plain(o.label, LIMITS.optionText),
        value: o.value,
      }));
      const initial = options.find((o) => o.value === field.initial);
      return {
        type: 'static_select',
        action_id: 'value',
        options,
        ...(initial ? { initial_option: initial } : {}),
      };
    }
    case 'multiSelect': {
      const options = field.options.map((o) => ({
        text: plain(o.label, LIMITS.optionText),
        value: o.value,
      }));
      const initial = options.filter((o) => field.initial?.includes(o.value));
      return {
        type: 'multi_static_select',
        action_id: 'value',
        options,
        ...(field.maxSelected ? { max_selected_items: field.maxSelected } : {}),
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      };
    }
  }
}

/** A neutral form as a modal view; each field is an input block named after the field. */
export function formModal(form: Form): Block {
  const blocks: Block[] = [];
  const intro = form.intro
    ? truncateSlackMrkdwn(escapeSlackMrkdwn(form.intro), LIMITS.sectionText)
    : '';
  if (intro) blocks.push(section(intro));
  for (const field of form.fields) {
    blocks.push({
      type: 'input',
      block_id: field.name,
      optional: !field.required,
      label: plain(field.label, LIMITS.inputLabel),
      ...(field.hint ? { hint: plain(field.hint, LIMITS.inputLabel) } : {}),
      element: element(field),
    });
  }
  return {
    type: 'modal',
    callback_id: form.id,
    private_metadata: JSON.stringify(form.context === undefined ? {} : { context: form.context }),
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(form.submitLabel, LIMITS.modalTitle),
    close: plain(form.cancelLabel ?? t(form.locale, 'form.cancel'), LIMITS.modalTitle),
    blocks: blocks.slice(0, LIMITS.modalBlocks),
  };
}
