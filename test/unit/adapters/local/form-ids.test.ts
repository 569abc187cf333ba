/**
 * The web chat's forms: every element id on a form is unique, so each label names its own
 * field — also a field called `title`, whose id once was the form heading's too (the share
 * form's Title box then had no accessible name).
 */
import { describe, expect, it } from 'vitest';
import { renderForm } from '../../../../adapters/local/render.js';
import { FormSchema } from '../../../../src/core/messages.js';

describe('a form with a field named like a part of the form', () => {
  it('gives every element its own id, and the Title label its own input', () => {
    const form = FormSchema.parse({
      id: 'documents.share',
      title: 'Een document delen',
      submitLabel: 'Delen',
      locale: 'nl',
      fields: [
        { type: 'text', name: 'title', label: 'Titel' },
        { type: 'text', name: 'heading', label: 'Kop', hint: 'Een hint' },
      ],
    });
    const html = renderForm(form, 'm1');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const forTitle = /<label[^>]*for="([^"]+)"[^>]*>Titel/.exec(html)?.[1];
    expect(html).toContain(`<input type="text" id="${forTitle}" name="title"`);
  });
});
