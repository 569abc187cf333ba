/**
 * Whole messages rendered for Slack from hostile user text: the top-level text and every
 * block carry no mention, broadcast, link or formatting the renderer did not make, the
 * links are only the card's own (http, https, mailto), and Slack's limits hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Block,
  formModal,
  LIMITS,
  renderMessages,
  type SlackMessage,
} from '../../../../adapters/slack/cards.js';
import {
  cleanSlackText,
  slackLinkUrl,
  unescapeSlackMrkdwn,
} from '../../../../adapters/slack/escape.js';
import {
  type Card,
  CardSchema,
  card,
  FormSchema,
  type OutboundMessage,
  text,
} from '../../../../src/core/messages.js';
import { SHOWN, slackMrkdwnProblems, slackTextProblems } from '../../../helpers/markup-checks.js';
import { BIDI_CONTROL, isWellFormed, userText } from '../../../helpers/nasty-text.js';

type Json = Record<string, unknown>;

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  'vbscript:msgbox',
  'slack://open',
  'https://a.example/x>|<!channel>',
  'https://a.example/?q=<@U012ABCDEF>&r=1#<!here>',
  'mailto:<!here>@example.org',
  'https://user:pw@bank.example@evil.example/',
];

const nonEmpty = (fallback: string) => userText.map((s) => s || fallback);
const link = fc.record({
  label: nonEmpty('Link'),
  url: fc.oneof(fc.constantFrom(...HOSTILE_URLS), fc.webUrl({ withQueryParameters: true })),
});

/** A card as a flow might build it from what people typed. */
const hostileCard: fc.Arbitrary<Card> = fc
  .record({
    header: fc.option(userText, { nil: undefined }),
    text: fc.option(userText, { nil: undefined }),
    fields: fc.array(fc.record({ label: nonEmpty('Label'), value: userText }), { maxLength: 12 }),
    links: fc.array(link, { maxLength: 4 }),
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

/** Every text object in Block Kit JSON: its key path and the type of what holds it. */
function textObjects(
  node: unknown,
  path = '',
  holder = '',
  out: { path: string; holder: string; obj: Json }[] = [],
) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      textObjects(n, `${path}[${i}]`, holder, out);
    });
  } else if (node && typeof node === 'object') {
    const o = node as Json;
    if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
      out.push({ path, holder, obj: o });
    const type = typeof o.type === 'string' ? o.type : holder;
    for (const [k, v] of Object.entries(o)) textObjects(v, `${path}.${k}`, type, out);
  }
  return out;
}

/** The links the renderer may make for this card: `<href|`, for http, https and mailto. */
function allowedLinks(c: Card): Set<string> {
  return new Set(c.links.flatMap((l) => slackLinkUrl(l.url) ?? []));
}

/**
 * What is wrong in one mrkdwn text, given where it stands: card text, a field (`*label*`
 * then the value), a links section (renderer links, or escaped text) or a context element.
 */
function mrkdwnProblems(textValue: string, where: string, links: Set<string>): string[] {
  if (where.includes('.fields')) {
    const [head = '', ...body] = textValue.split('\n');
    const label = /^\*(.*)\*$/.exec(head);
    if (label)
      return [...slackMrkdwnProblems(label[1] ?? ''), ...slackMrkdwnProblems(body.join('\n'))];
    return slackMrkdwnProblems(textValue);
  }
  return textValue.split('\n').flatMap((line) => {
    const made = /^<([^|<>]+)\|([^<>|]*)>$/.exec(line);
    if (made && links.has(made[1] as string)) return [];
    return slackMrkdwnProblems(line);
  });
}

function checkMessages(messages: SlackMessage[], links: Set<string>): void {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.text.length).toBeGreaterThan(0);
    expect(m.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(slackTextProblems(m.text)).toEqual([]);
    expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    // Nothing that opens a mention, broadcast or link but the renderer's own links.
    const json = JSON.stringify(m);
    const stripped = [...links].reduce(
      (s, href) => s.split(`<${href}|`).join(''),
      json.replace(SHOWN, ''),
    );
    expect(stripped).not.toMatch(/<[!@#]|<https?:|<mailto:|<javascript:|<slack:/);
    for (const { path, holder, obj } of textObjects(m.blocks)) {
      const value = obj.text as string;
      expect(isWellFormed(value)).toBe(true);
      expect(BIDI_CONTROL.test(value)).toBe(false);
      expect(value.length).toBeGreaterThan(0);
      if (obj.type === 'mrkdwn') {
        expect(obj.verbatim).toBe(true);
        expect(value.length).toBeLessThanOrEqual(
          path.includes('.fields') ? LIMITS.field : LIMITS.sectionText,
        );
        expect(mrkdwnProblems(value, path, links)).toEqual([]);
      } else {
        const max = holder === 'button' ? LIMITS.buttonLabel : LIMITS.header;
        expect([...value].length).toBeLessThanOrEqual(max);
      }
    }
  }
}

describe('Slack messages from hostile text', () => {
  it('the finding: an intake answer cannot ping or phish the alliance', () => {
    const intro = card(
      {
        header: 'Maak kennis met <!channel> van <@U012ABCDEF>',
        text: '<!here> <https://evil.example|Reset password> [Verify](https://evil.example)',
        fields: [
          { label: 'Rol', value: '*Anna* <!subteam^S012|@design> @channel' },
          { label: 'Zoekt', value: '> quote\n<#C012ABCDEF>' },
        ],
        context: ['<!everyone>'],
      },
      'Maak kennis met <!channel>: <https://evil.example|Reset password>',
    );
    const [m] = renderMessages(intro);
    expect(m?.text).toBe(
      'Maak kennis met &lt;!channel&gt;: &lt;https://evil.example|Reset password&gt;',
    );
    const json = JSON.stringify(m?.blocks).replace(SHOWN, '');
    expect(json).not.toMatch(/<[!@#]|<https?:/);
    checkMessages(renderMessages(intro), new Set());
  });

  it('links only the card’s own http, https and mailto links; the rest is text', () => {
    const [m] = renderMessages(
      withLinks([
        { label: '*Docs* | <b>', url: 'https://example.org/docs?a=1&b=2' },
        { label: 'Click', url: 'javascript:alert(1)' },
      ]),
    );
    const section = m?.blocks.find((b) => b.type === 'section') as { text: { text: string } };
    expect(section.text.text).toBe(
      '<https://example.org/docs?a=1&amp;b=2|\u2217Docs\u2217 \u00A6 &lt;b&gt;>\nClick: javascript:alert(1)',
    );
  });

  it('property: any card — no markup but the renderer’s, within Slack’s limits', () => {
    fc.assert(
      fc.property(hostileCard, userText, (c, fallback) => {
        const message: OutboundMessage = { kind: 'card', card: c, fallback: fallback || '…' };
        checkMessages(renderMessages(message), allowedLinks(c));
      }),
      { numRuns: 200 },
    );
  });

  it('property: any text message — safe pieces that together say what was typed', () => {
    fc.assert(
      fc.property(
        fc.array(userText, { maxLength: 20 }).map((p) => p.join('') || 'x'),
        (s) => {
          const messages = renderMessages(text(s));
          checkMessages(messages, new Set());
          const shown = messages
            .map((m) => unescapeSlackMrkdwn(((m.blocks[0] as Block).text as Json).text as string))
            .join('');
          expect(shown).toBe(cleanSlackText(s));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('renders the 10,000-character corpus strings within limits', () => {
    for (const s of ['<!channel>'.repeat(1000), '*'.repeat(5000), 'x'.repeat(10_000)]) {
      checkMessages(renderMessages(text(s)), new Set());
      checkMessages(
        renderMessages(
          card({ header: s, text: s, fields: [{ label: s, value: s }], context: [s] }),
        ),
        new Set(),
      );
    }
  });

  it('property: any form — clean plain text, an escaped intro, values within their limits', () => {
    fc.assert(
      fc.property(userText, userText, userText, userText, (title, intro, label, initial) => {
        const form = FormSchema.parse({
          id: 'onboarding.intake',
          title: title || 'Titel',
          intro: intro || undefined,
          submitLabel: 'Versturen',
          fields: [
            { type: 'text', name: 'name', label: label || 'Naam', maxLength: 20, hint: intro },
            {
              type: 'longText',
              name: 'about',
              label: label || 'Over',
              initial: initial || undefined,
            },
            {
              type: 'select',
              name: 'kind',
              label: 'Soort',
              options: [{ value: 'a', label: label || 'A' }],
            },
          ],
        });
        const view = formModal(form);
        for (const { path, obj } of textObjects(view)) {
          const value = obj.text as string;
          expect(isWellFormed(value)).toBe(true);
          expect(BIDI_CONTROL.test(value)).toBe(false);
          if (obj.type === 'mrkdwn') {
            expect(obj.verbatim).toBe(true);
            expect(slackMrkdwnProblems(value)).toEqual([]);
          }
          if (path === '.title') expect([...value].length).toBeLessThanOrEqual(LIMITS.modalTitle);
        }
        for (const input of (view.blocks as Json[]).filter((b) => b.type === 'input')) {
          const element = input.element as Json;
          if (typeof element.initial_value === 'string') {
            expect(isWellFormed(element.initial_value)).toBe(true);
            expect([...element.initial_value].length).toBeLessThanOrEqual(
              element.max_length as number,
            );
          }
        }
        const [asMessage] = renderMessages({ kind: 'form', form, fallback: form.title });
        if (!asMessage) throw new Error('no message');
        expect(slackTextProblems(asMessage.text)).toEqual([]);
        // A bold title line, then the intro: the same shape as a field.
        const heading = ((asMessage.blocks[0] as Block).text as Json).text as string;
        expect(mrkdwnProblems(heading, '.fields', new Set())).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

/** A card message with these links, past the schema (a renderer must not trust its input). */
function withLinks(links: { label: string; url: string }[]): OutboundMessage {
  return { kind: 'card', card: { ...CardSchema.parse({}), links }, fallback: 'links' };
}
