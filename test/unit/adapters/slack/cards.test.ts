import { describe, expect, it } from 'vitest';
import { formModal, LIMITS, renderMessages, truncate } from '../../../../adapters/slack/cards.js';
import { card, FormSchema, text } from '../../../../src/core/messages.js';

type Json = Record<string, unknown>;
const long = (n: number) => 'x'.repeat(n);

describe('Block Kit within Slack’s limits', () => {
  it('splits a card of more than 50 blocks into several messages, each with a text fallback', () => {
    const many = card({
      header: 'Overzicht',
      fields: Array.from({ length: 600 }, (_, i) => ({ label: `Partner ${i}`, value: 'ok' })),
    });
    const messages = renderMessages(many);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
      expect(m.text.length).toBeGreaterThan(0);
    }
    const fields = messages
      .flatMap((m) => m.blocks)
      .flatMap((b) => (b.fields as Json[] | undefined) ?? []);
    expect(fields).toHaveLength(600); // nothing lost
  });

  it('cuts headers, fields and button labels, and splits long text into sections', () => {
    const [m] = renderMessages(
      card({
        header: long(200),
        text: long(7000),
        fields: [{ label: 'Lang', value: long(5000) }],
        buttons: [{ actionId: 'ideas.cosign', label: long(100), value: long(2000) }],
      }),
    );
    const blocks = m?.blocks ?? [];
    const header = blocks.find((b) => b.type === 'header') as { text: { text: string } };
    expect([...header.text.text].length).toBe(LIMITS.header);
    const sections = blocks.filter((b) => b.type === 'section' && b.text) as {
      text: { text: string };
    }[];
    expect(sections.length).toBe(3);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const field = (blocks.find((b) => b.fields) as { fields: { text: string }[] }).fields[0];
    expect(field?.text.length).toBeLessThanOrEqual(LIMITS.field);
    const button = ((blocks.find((b) => b.type === 'actions') as { elements: Json[] })
      .elements[0] ?? {}) as {
      text: { text: string };
      value: string;
    };
    expect([...button.text.text].length).toBe(LIMITS.buttonLabel);
    expect(button.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
  });

  it('escapes what Slack would read as markup', () => {
    const [m] = renderMessages(text('Netcongestie <urgent> & <@U123>'));
    // The @ that starts a word also gets a word joiner (U+2060): see adapters/slack/escape.ts.
    expect((m?.blocks[0] as { text: { text: string } } | undefined)?.text.text).toBe(
      'Netcongestie &lt;urgent&gt; &amp; &lt;@\u2060U123&gt;',
    );
    expect(m?.text).toBe('Netcongestie &lt;urgent&gt; &amp; &lt;@\u2060U123&gt;');
  });

  it('makes a modal of a form: input blocks named after the fields, title within 24 characters', () => {
    const view = formModal(
      FormSchema.parse({
        id: 'onboarding.intake',
        title: 'Kennismaken met de energieregio',
        submitLabel: 'Versturen',
        context: 'energieregio-west',
        fields: [
          { type: 'text', name: 'role', label: 'Rol', maxLength: 150, initial: 'Adviseur' },
          { type: 'longText', name: 'goals', label: 'Doelen', required: false },
          {
            type: 'multiSelect',
            name: 'topics',
            label: 'Onderwerpen',
            maxSelected: 2,
            options: [{ value: 'zon', label: long(100) }],
            initial: ['zon'],
          },
          { type: 'date', name: 'review', label: 'Herzien' },
          { type: 'number', name: 'mw', label: 'MW', min: 0 },
          { type: 'url', name: 'link', label: 'Link' },
          {
            type: 'select',
            name: 'level',
            label: 'Niveau',
            options: [{ value: 'core', label: 'Kern' }],
            initial: 'core',
          },
        ],
      }),
    );
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe('onboarding.intake');
    expect(JSON.parse(String(view.private_metadata))).toEqual({ context: 'energieregio-west' });
    expect([...(view.title as { text: string }).text].length).toBeLessThanOrEqual(
      LIMITS.modalTitle,
    );
    const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.block_id)).toEqual([
      'role',
      'goals',
      'topics',
      'review',
      'mw',
      'link',
      'level',
    ]);
    expect(inputs.map((b) => (b.element as Json).type)).toEqual([
      'plain_text_input',
      'plain_text_input',
      'multi_static_select',
      'datepicker',
      'number_input',
      'url_text_input',
      'static_select',
    ]);
    expect(inputs[1]?.optional).toBe(true);
    expect((inputs[0]?.element as Json | undefined)?.initial_value).toBe('Adviseur');
    const topics = inputs[2]?.element as {
      options: { text: { text: string } }[];
      initial_options: unknown[];
      max_selected_items: number;
    };
    expect([...(topics.options[0]?.text.text ?? '')].length).toBe(LIMITS.optionText);
    expect(topics.initial_options).toHaveLength(1);
    expect(topics.max_selected_items).toBe(2);
  });

  it('truncates by characters with an ellipsis', () => {
    expect(truncate('☀️☀️☀️', 2)).toBe('☀…');
    expect(truncate('kort', 10)).toBe('kort');
  });
});
