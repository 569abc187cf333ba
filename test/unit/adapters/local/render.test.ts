import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../../adapters/local/render.js';
import { card, form, text } from '../../../../src/core/messages.js';

const evil = '<script>alert("x")</script>';

describe('the web chat renders messages as accessible, inert HTML', () => {
  it('escapes every piece of text', () => {
    const html = renderMessage(
      card({
        header: evil,
        text: evil,
        fields: [{ label: evil, value: evil }],
        links: [{ label: evil, url: 'https://example.org/?q=<b>' }],
        buttons: [{ actionId: 'onboarding.start', label: evil, value: evil }],
        context: [evil],
      }),
      'm1',
    );
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;/g)?.length).toBe(8); // header, text, field ×2, link, button ×2, context
    expect(renderMessage(text(`${evil}\nregel 2`), 'm2')).toBe(
      '<div class="text"><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>regel 2</p></div>',
    );
  });

  it('shows a link with an unsafe scheme as text, never as a link', () => {
    // Built by hand: LinkSchema refuses such a URL, the renderer does not count on that.
    const links = [
      { label: 'klik', url: 'javascript:alert(1)' },
      { label: 'site', url: 'https://example.org/' },
    ];
    const html = renderMessage(
      { kind: 'card', card: { links, fields: [], buttons: [], context: [] }, fallback: 'klik' },
      'm3',
    );
    expect(html).toContain('<li>klik</li>');
    expect(html).not.toContain('javascript');
    expect(html).toContain(
      '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">site</a>',
    );
  });

  it('names a card by its heading and lists its fields', () => {
    const html = renderMessage(
      card({ header: 'Welkom', fields: [{ label: 'Rol', value: 'Adviseur' }] }),
      'm4',
    );
    expect(html).toContain(
      '<article class="card" aria-labelledby="m4-h"><h2 id="m4-h">Welkom</h2>',
    );
    expect(html).toContain('<dt>Rol</dt><dd><p>Adviseur</p></dd>');
  });

  it('ties labels, hints and errors to their inputs and keeps what was typed', () => {
    const html = renderMessage(
      form({
        id: 'onboarding.intake',
        title: 'Kennismaken',
        submitLabel: 'Versturen',
        locale: 'en',
        fields: [
          { type: 'text', name: 'role', label: 'Rol', hint: 'Bijv. adviseur', maxLength: 150 },
          { type: 'longText', name: 'needs', label: 'Zoekt', required: false },
          {
            type: 'multiSelect',
            name: 'topics',
            label: 'Onderwerpen',
            options: [
              { value: 'zon', label: 'Zon' },
              { value: 'wind', label: 'Wind' },
            ],
          },
        ],
        values: { role: `a"b${evil}`, topics: ['wind'] },
        errors: { role: 'Maximaal 150 tekens.' },
      }),
      'f1',
    );
    expect(html).toContain('<label for="f1-role">Rol</label>');
    expect(html).toContain('aria-describedby="f1-role-hint f1-role-error" aria-invalid="true"');
    expect(html).toContain('<p class="error" id="f1-role-error">Maximaal 150 tekens.</p>');
    expect(html).toContain('value="a&quot;b&lt;script&gt;');
    expect(html).toContain('maxlength="150"');
    expect(html).toContain('<span class="optional">(optional)</span>'); // the form's own language
    expect(html).toContain('<fieldset class="field" id="f1-topics"');
    expect(html).toContain('<legend>Onderwerpen</legend>');
    expect(html).toContain('value="wind" checked');
    expect(html).not.toContain('value="zon" checked');
    expect(html).toContain('role="alert"');
  });
});
