/**
 * Cards and forms rendered for Teams: Adaptive Cards 1.5 that validate against the official
 * schema, inputs with their validation, errors shown when a form comes back, large cards split.
 */
import { describe, expect, it } from 'vitest';
import { formCard, MAX_CARD_BYTES, renderMessages } from '../../adapters/teams/cards.js';
import { card, form } from '../../src/core/messages.js';
import { adaptiveCardErrors } from '../fakes/teams-schemas.js';

const sample = form({
  id: 'onboarding.join',
  title: 'Aanmelden',
  intro: 'Vertel wie je bent.',
  submitLabel: 'Verstuur',
  context: 'energieregio-west',
  fields: [
    { type: 'text', name: 'name', label: 'Naam', maxLength: 80 },
    { type: 'longText', name: 'about', label: 'Over jou', required: false, hint: 'Kort' },
    {
      type: 'select',
      name: 'partner',
      label: 'Organisatie',
      options: [
        { value: 'leiden', label: 'Gemeente Leiden' },
        { value: 'stedin', label: 'Stedin' },
      ],
    },
    {
      type: 'multiSelect',
      name: 'topics',
      label: 'Thema',
      options: [{ value: 'warmte', label: 'Warmte' }],
    },
    { type: 'date', name: 'start', label: 'Start' },
    { type: 'url', name: 'site', label: 'Website', required: false },
    { type: 'number', name: 'count', label: 'Aantal', min: 1, max: 10 },
  ],
});

describe('Teams cards', () => {
  it('renders a card with buttons, links and facts as a valid Adaptive Card 1.5', () => {
    const [part] = renderMessages(
      card({
        header: 'Welkom',
        text: 'Hallo',
        fields: [{ label: 'Partner', value: 'Stedin' }],
        links: [{ label: 'Docs', url: 'https://example.org/docs' }],
        buttons: [
          { actionId: 'onboarding.approve', label: 'Goedkeuren', value: 'x', style: 'primary' },
        ],
        context: ['door Joost'],
      }),
    );
    expect(part?.card?.version).toBe('1.5');
    expect(adaptiveCardErrors(part?.card)).toEqual([]);
    expect(part?.card?.fallbackText).toContain('Welkom');
  });

  it('renders a form with validation, and shows errors and values when it comes back', () => {
    if (sample.kind !== 'form') throw new Error('form');
    const plain = formCard(sample.form, sample.fallback);
    expect(adaptiveCardErrors(plain)).toEqual([]);
    const name = plain.body.find((e) => e.id === 'name');
    expect(name).toMatchObject({ isRequired: true, maxLength: 80, type: 'Input.Text' });
    const again = formCard(
      { ...sample.form, errors: { name: 'Te kort' }, values: { name: 'A', topics: ['warmte'] } },
      sample.fallback,
    );
    expect(adaptiveCardErrors(again)).toEqual([]);
    expect(again.body.find((e) => e.id === 'name')).toMatchObject({
      value: 'A',
      errorMessage: 'Te kort',
    });
    expect(JSON.stringify(again.body)).toContain('"color":"Attention"');
  });

  it('splits a card over 28 KB into several valid cards', () => {
    const parts = renderMessages(
      card({
        header: 'Lang',
        fields: Array.from({ length: 400 }, (_, i) => ({
          label: `Veld ${i}`,
          value: 'x'.repeat(200),
        })),
      }),
    );
    expect(parts.length).toBeGreaterThan(0);
    for (const p of parts) {
      expect(Buffer.byteLength(JSON.stringify(p.card))).toBeLessThan(MAX_CARD_BYTES);
      expect(adaptiveCardErrors(p.card)).toEqual([]);
    }
  });
});
