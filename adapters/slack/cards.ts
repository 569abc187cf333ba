/**
 * Neutral cards and forms to Block Kit, with Slack's limits enforced by splitting or
 * truncating (never by a rejected call): 50 blocks a message, 100 in a modal, 3000
 * characters a section, 2000 a field, 150 a header, 75 a button label, 24 a modal title.
 */
import { t } from '../../src/core/i18n/index.js';
import type { Card, Form, FormField, OutboundMessage } from '../../src/core/messages.js';

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
} as const;

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

/** Slack's mrkdwn needs &, < and > escaped. */
export function mrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const plain = (text: string, max: number) => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

export function cardBlocks(card: Card): Block[] {
  const blocks: Block[] = [];
  if (card.header) blocks.push({ type: 'header', text: plain(card.header, LIMITS.header) });
  if (card.text)
    for (const piece of chunk(mrkdwn(card.text), LIMITS.sectionText)) blocks.push(section(piece));
  const fields = card.fields.map((f) => ({
    type: 'mrkdwn',
    text: truncate(`*${mrkdwn(f.label)}*\n${mrkdwn(f.value)}`, LIMITS.field),
  }));
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + LIMITS.fieldsPerSection) });
  }
  if (card.links.length > 0) {
    const lines = card.links
      .map((l) => `<${l.url}|${mrkdwn(l.label).replace(/\|/g, '¦')}>`)
      .join('\n');
    for (const piece of chunk(lines, LIMITS.sectionText)) blocks.push(section(piece));
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
  if (card.context.length > 0) {
    blocks.push({
      type: 'context',
      elements: card.context
        .slice(0, LIMITS.contextElements)
        .map((c) => ({ type: 'mrkdwn', text: truncate(mrkdwn(c), LIMITS.sectionText) })),
    });
  }
  return blocks;
}

/** The action a form sent as a message carries: opening it as a modal (handled by the adapter). */
export const OPEN_FORM_ACTION = 'slack.open-form';

/**
 * A message for Slack: one or more (a card over 50 blocks is split into several messages).
 * A form outside a modal becomes a short message with a button that opens it.
 */
export function renderMessages(message: OutboundMessage, formStash?: string): SlackMessage[] {
  const fallback = (text: string) => truncate(text, LIMITS.fallbackText);
  switch (message.kind) {
    case 'text':
      return chunk(mrkdwn(message.text), LIMITS.sectionText).map((piece) => ({
        text: fallback(piece),
        blocks: [section(piece)],
      }));
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
            section(`*${mrkdwn(form.title)}*${form.intro ? `\n${mrkdwn(form.intro)}` : ''}`),
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

function element(field: FormField): Block {
  switch (field.type) {
    case 'text':
    case 'longText':
      return {
        type: 'plain_text_input',
        action_id: 'value',
        multiline: field.type === 'longText',
        max_length: Math.min(field.maxLength, 3000),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case 'url':
      return {
        type: 'url_text_input',
        action_id: 'value',
        ...(field.initial ? { initial_value: field.initial } : {}),
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
  if (form.intro) blocks.push(section(truncate(mrkdwn(form.intro), LIMITS.sectionText)));
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
