/**
 * Whole Adaptive Cards rendered for Teams from hostile user text: every TextBlock and Fact
 * shows its text as written (no link, mention, list or formatting survives), the only links
 * are the card's own http, https and mailto actions, no card carries mention entities, and
 * every card still validates against the Adaptive Card 1.5 schema.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdaptiveCard,
  formCard,
  MAX_CARD_BYTES,
  renderMessages,
  type TeamsMessage,
} from '../../../../adapters/teams/cards.js';
import { cardLinkUrl } from '../../../../adapters/teams/escape.js';
import {
  type Card,
  CardSchema,
  card,
  FormSchema,
  type OutboundMessage,
  text,
} from '../../../../src/core/messages.js';
import { adaptiveCardErrors } from '../../../fakes/teams-schemas.js';
import { cardMarkdownProblems } from '../../../helpers/markup-checks.js';
import { BIDI_CONTROL, isWellFormed, userText } from '../../../helpers/nasty-text.js';

type Json = Record<string, unknown>;

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:msgbox',
  'slack://open',
  'https://a.example/x)](https://evil.example',
  'mailto:<at>x</at>@example.org',
];

const nonEmpty = (fallback: string) => userText.map((s) => s || fallback);

const hostileCard: fc.Arbitrary<Card> = fc
  .record({
    header: fc.option(userText, { nil: undefined }),
    text: fc.option(userText, { nil: undefined }),
    fields: fc.array(fc.record({ label: nonEmpty('Label'), value: userText }), { maxLength: 12 }),
    links: fc.array(
      fc.record({
        label: nonEmpty('Link'),
        url: fc.oneof(fc.constantFrom(...HOSTILE_URLS), fc.webUrl()),
      }),
      { maxLength: 4 },
    ),
    buttons: fc.array(
      fc.record({ actionId: fc.constant('onboarding.start'), label: nonEmpty('Start') }),
      { maxLength: 3 },
    ),
    context: fc.array(userText, { maxLength: 3 }),
  })
  // Links skip the schema (which refuses javascript: and the like): the renderer must hold
  // on its own, also for a card built without it.
  .map((c) => ({
    ...CardSchema.parse({ ...c, header: c.header || undefined, links: [] }),
    links: c.links,
  }));

/** Every object in a card, depth first. */
function objects(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) objects(n, out);
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    for (const v of Object.values(node as Json)) objects(v, out);
  }
  return out;
}

function checkCard(adaptive: AdaptiveCard | undefined, allowedUrls: Set<string>): void {
  if (!adaptive) throw new Error('no card');
  expect(adaptiveCardErrors(adaptive)).toEqual([]);
  expect(Buffer.byteLength(JSON.stringify(adaptive))).toBeLessThan(MAX_CARD_BYTES);
  expect(cardMarkdownProblems(adaptive.fallbackText)).toEqual([]);
  expect(JSON.stringify(adaptive)).not.toContain('"msteams"');
  for (const o of objects(adaptive)) {
    for (const [key, value] of Object.entries(o)) {
      // An input's value is the person's own answer shown back to them: kept as typed.
      if (typeof value !== 'string' || (key === 'value' && String(o.type).startsWith('Input.')))
        continue;
      expect(isWellFormed(value)).toBe(true);
      expect(BIDI_CONTROL.test(value)).toBe(false);
    }
    if (o.type === 'TextBlock') expect(cardMarkdownProblems(o.text as string)).toEqual([]);
    if (o.type === 'FactSet') {
      for (const fact of o.facts as { title: string; value: string }[]) {
        expect(cardMarkdownProblems(fact.title)).toEqual([]);
        expect(cardMarkdownProblems(fact.value)).toEqual([]);
      }
    }
    if (o.type === 'Action.OpenUrl') expect(allowedUrls.has(o.url as string)).toBe(true);
  }
}

function checkMessages(messages: TeamsMessage[], allowedUrls: Set<string>): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.text.length).toBeGreaterThan(0);
    expect(isWellFormed(m.text)).toBe(true);
    expect(BIDI_CONTROL.test(m.text)).toBe(false);
    if (m.card) checkCard(m.card, allowedUrls);
  }
}

describe('Teams cards from hostile text', () => {
  it('the finding: [Verify](https://evil) and <at> stay text', () => {
    const [part] = renderMessages(
      card({
        header: 'Maak kennis met <at>Iedereen</at>',
        text: '[Verify](https://evil.example) <https://evil.example>',
        fields: [{ label: 'Rol', value: '**Anna** [x](javascript:alert(1))\n- lijst' }],
      }),
    );
    const body = part?.card?.body ?? [];
    expect(body[0]).toMatchObject({ text: 'Maak kennis met \\<at>Iedereen\\</at>' });
    expect(body[1]).toMatchObject({
      text: '\\[Verify\\]\\(https://evil.example\\) \\<https://evil.example>',
    });
    expect((body[2]?.facts as Json[] | undefined)?.[0]).toEqual({
      title: 'Rol',
      value: '\\*\\*Anna\\*\\* \\[x\\]\\(javascript:alert\\(1\\)\\)\n\n\\- lijst',
    });
    if (!part) throw new Error('no message');
    checkMessages([part], new Set());
  });

  it('opens only http, https and mailto links; the rest is shown as text', () => {
    const [part] = renderMessages(
      withLinks([
        { label: 'Docs', url: 'https://example.org/docs' },
        { label: 'Klik', url: 'javascript:alert(1)' },
      ]),
    );
    const actions = part?.card?.actions ?? [];
    expect(actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Docs', url: 'https://example.org/docs' },
    ]);
    expect(part?.card?.body).toContainEqual(
      expect.objectContaining({ type: 'TextBlock', text: 'Klik: javascript:alert\\(1\\)' }),
    );
  });

  it('property: any card — no Markdown but the renderer’s, valid Adaptive Cards', () => {
    fc.assert(
      fc.property(hostileCard, userText, (c, fallback) => {
        const allowed = new Set(c.links.flatMap((l) => cardLinkUrl(l.url) ?? []));
        checkMessages(
          renderMessages({ kind: 'card', card: c, fallback: fallback || '…' }),
          allowed,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('renders the 10,000-character corpus strings as valid cards', () => {
    for (const s of ['[a](b)'.repeat(2000), '*'.repeat(5000), 'x'.repeat(10_000)]) {
      checkMessages(
        renderMessages(
          card({ header: s, text: s, fields: [{ label: s, value: s }], context: [s] }),
        ),
        new Set(),
      );
      checkMessages(renderMessages(text(s)), new Set());
    }
  });

  it('property: any form — escaped text blocks, clean labels, a valid card', () => {
    fc.assert(
      fc.property(userText, userText, userText, userText, (title, intro, label, error) => {
        const form = FormSchema.parse({
          id: 'onboarding.intake',
          title: title || 'Titel',
          intro: intro || undefined,
          submitLabel: label || 'Versturen',
          fields: [
            { type: 'text', name: 'name', label: label || 'Naam', hint: intro },
            { type: 'date', name: 'start', label: 'Start', hint: title },
            {
              type: 'select',
              name: 'kind',
              label: 'Soort',
              options: [{ value: 'a', label: label || 'A' }],
            },
          ],
          errors: error ? { name: error } : undefined,
          values: { name: intro },
        });
        checkCard(formCard(form, form.title), new Set());
      }),
      { numRuns: 100 },
    );
  });
});

describe('a number field sent back with what was typed', () => {
  it('stays a valid card when the typed value is not a number (the error says why)', () => {
    for (const typed of ['veel', '', '12,5', 'NaN', '1e999', '450']) {
      const form = FormSchema.parse({
        id: 'succes.form',
        title: 'Succes',
        submitLabel: 'Versturen',
        fields: [{ type: 'number', name: 'impact', label: 'Impact' }],
        errors: { impact: 'Vul een getal in.' },
        values: { impact: typed },
      });
      const adaptive = formCard(form, form.title);
      checkCard(adaptive, new Set());
      const input = objects(adaptive).find((o) => o.type === 'Input.Number');
      if (typed === '450') expect(input?.value).toBe(450);
      else expect(input?.value).toBeUndefined();
    }
  });
});

/** A card message with these links, past the schema (a renderer must not trust its input). */
function withLinks(links: { label: string; url: string }[]): OutboundMessage {
  return { kind: 'card', card: { ...CardSchema.parse({}), links }, fallback: 'links' };
}
