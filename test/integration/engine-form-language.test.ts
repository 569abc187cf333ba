/**
 * A form that comes back with errors is wholly in the language the person chose in it: a
 * Dutch newcomer who picks English in the intake and misses a field gets the English form
 * back (its lang, title, summary, labels, button and errors), and an English newcomer who
 * picks Dutch gets it in Dutch. On the web chat, over HTTP, against the running app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const A = 'energieregio-west';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

interface Seen {
  id: string;
  text: string;
  html: string;
  from: { bot: boolean };
}

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(202);
};

async function dm(as: string): Promise<Seen[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(directConversationOf(as))}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Seen[] }).messages;
}

/** Asks for the intake in the persona's own words and returns the form message. */
async function openIntake(as: string, word: string): Promise<Seen> {
  await post('/local/api/messages', { as, conversation: directConversationOf(as), text: word });
  const form = (await dm(as)).find((m) => m.html.includes('data-form-id="onboarding.intake"'));
  if (!form) throw new Error(`no intake form for ${as}`);
  return form;
}

/** Submits the intake with the organisation left empty and the language set to `language`. */
async function submitWithoutOrganisation(as: string, form: Seen, language: 'nl' | 'en') {
  await post('/local/api/forms', {
    as,
    conversation: directConversationOf(as),
    messageId: form.id,
    formId: 'onboarding.intake',
    context: A,
    values: {
      name: 'Test Persoon',
      organisation: '',
      organisationType: 'gemeente',
      role: 'Adviseur',
      goals: 'Warmte',
      offers: 'Kennis',
      needs: 'Data',
      topics: ['warmte'],
      language,
    },
  });
  const again = (await dm(as)).find((m) => m.id === form.id);
  if (!again) throw new Error('the form is gone');
  return again;
}

describe('a form sent back with errors', () => {
  it('is in English when a Dutch newcomer picked English in it', async () => {
    const anna = 'local:demo:anna';
    const form = await openIntake(anna, 'aanmelden');
    expect(form.html).toContain('lang="nl"');
    expect(form.html).toContain('Kennismaken');

    const again = await submitWithoutOrganisation(anna, form, 'en');
    // The form's own words, the summary the web chat adds and its language all follow the choice.
    expect(again.html).toContain('<form class="bot-form" lang="en"');
    expect(again.html).toContain('Introduce yourself');
    expect(again.html).toContain('Not everything is filled in correctly');
    expect(again.html).toContain('Please fill this in.');
    expect(again.html).toContain('>Organisation<');
    expect(again.html).toContain('>Send</button>');
    expect(again.text).toBe('Introduce yourself');
    expect(again.html).not.toContain('lang="nl"');
    expect(again.html).not.toContain('Niet alles is goed ingevuld');
    expect(again.html).not.toContain('Vul dit veld in.');
    expect(again.html).not.toContain('Kennismaken');
  });

  it('is in Dutch when an English newcomer picked Dutch in it', async () => {
    const emma = 'local:demo:emma';
    const form = await openIntake(emma, 'join');
    expect(form.html).toContain('lang="en"');
    expect(form.html).toContain('Introduce yourself');

    const again = await submitWithoutOrganisation(emma, form, 'nl');
    expect(again.html).toContain('<form class="bot-form" lang="nl"');
    expect(again.html).toContain('Kennismaken');
    expect(again.html).toContain('Niet alles is goed ingevuld');
    expect(again.html).toContain('Vul dit veld in.');
    expect(again.html).toContain('>Versturen</button>');
    expect(again.text).toBe('Kennismaken');
    expect(again.html).not.toContain('lang="en"');
    expect(again.html).not.toContain('Not everything is filled in correctly');
    expect(again.html).not.toContain('Introduce yourself');
  });
});
