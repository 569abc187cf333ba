/**
 * The digest card as an e-mail (cardMail): the header is the subject and heading, the fields
 * become sections line by line, a chart's text alternative and address come after them, then
 * the documents' links, and the card's small print with why the person gets the mail; the
 * HTML part escapes everything written.
 */
import { describe, expect, it } from 'vitest';
import { cardMail } from '../../../flows/digest-mail.js';
import { words } from '../../../flows/digest-personal-words.js';
import { renderMail } from '../../../src/core/mail.js';
import { CardSchema } from '../../../src/core/messages.js';

const card = (extra: Record<string, unknown> = {}) =>
  CardSchema.parse({
    header: 'Weekoverzicht <Holland-West>',
    text: 'Van 1 tot en met 7 december.',
    fields: [
      { label: 'Gedeelde documenten', value: 'Plan A (Leiden)\n\nPlan <b>B</b> (Rijnland)' },
    ],
    links: [{ label: 'Plan A', url: 'https://example.org/a' }],
    context: ['Typ overzicht.'],
    ...extra,
  });

describe('the digest card as an e-mail', () => {
  it('has the fields as sections, the links after them and why the person gets it', () => {
    const doc = cardMail(card(), 'nl', 'X', words.t('nl'), 'Omdat je het koos.');
    expect(doc.subject).toBe('Weekoverzicht <Holland-West>');
    expect(doc.sections).toEqual([
      { title: 'Gedeelde documenten', items: ['Plan A (Leiden)', 'Plan <b>B</b> (Rijnland)'] },
      { title: 'Links naar de documenten', items: ['Plan A: https://example.org/a'] },
    ]);
    expect(doc.footer).toBe('Typ overzicht. Omdat je het koos.');
    const { text, html } = renderMail(doc);
    expect(text).toContain('- Plan <b>B</b> (Rijnland)');
    expect(html).toContain('<li>Plan &lt;b&gt;B&lt;/b&gt; (Rijnland)</li>');
    expect(html).not.toContain('<b>B');
  });

  it('shows a chart as a picture in HTML and says it in words, with its address, in plain text', () => {
    const image = {
      url: 'https://bot.example/charts/t0k3n.png',
      alt: 'Verbonden: 3 van 7 "partners".',
    };
    const withChart = Object.assign(card(), { image });
    const doc = cardMail(withChart, 'en', 'X', words.t('en'), 'Because.');
    expect(doc.sections[1]).toEqual({
      title: 'Chart',
      items: ['Verbonden: 3 van 7 "partners".', 'https://bot.example/charts/t0k3n.png'],
      image,
    });
    const { text, html } = renderMail(doc);
    expect(text).toContain(
      'Chart\n- Verbonden: 3 van 7 "partners".\n- https://bot.example/charts/t0k3n.png',
    );
    expect(html).toContain(
      '<img src="https://bot.example/charts/t0k3n.png" alt="Verbonden: 3 van 7 &quot;partners&quot;."',
    );
    expect(html).not.toContain('<li>https://bot.example/charts/t0k3n.png</li>');
  });
});
