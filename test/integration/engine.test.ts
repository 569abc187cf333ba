/**
 * The engine in the real app (local mode, real Redis, the queue outbox): retried deliveries
 * act once, one person's simultaneous submissions introduce them once, invalid intakes store
 * nothing, coded errors answer in the person's language, modal submissions hand their errors
 * back; and the web chat's HTTP API refuses what it must and exists only in local mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { InboundEvent } from '../../src/core/events.js';
import { WaitingModal } from '../../src/core/inbound.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { keysWithPrefix, testRedis } from '../helpers/redis.js';
import { startSlackTestApp } from '../helpers/slack.js';

const A = 'energieregio-west';
const CHANNEL = 'local:demo:alliantie';
let t: TestApp;
const redis = testRedis();

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
  await redis.quit();
});

interface Seen {
  id: string;
  text: string;
  html: string;
  from: { bot: boolean };
}

const actor = (id: string) => ({ userId: id, displayName: 'Test' });
const direct = (id: string) => ({ id: directConversationOf(id), kind: 'direct' as const });
let n = 0;
const submission = (
  user: string,
  values: Record<string, string | string[]>,
  extra: Partial<InboundEvent> = {},
): InboundEvent =>
  ({
    type: 'form_submitted',
    eventId: `e${++n}`,
    platform: 'local',
    actor: actor(user),
    conversation: direct(user),
    formId: 'onboarding.intake',
    context: A,
    values,
    ...extra,
  }) as InboundEvent;
const good = {
  name: 'Pieter Bakker',
  organisation: 'Hoogheemraadschap van Rijnland',
  organisationType: 'waterschap',
  role: 'Adviseur',
  goals: 'Aquathermie',
  offers: 'Data',
  needs: 'Warmtevraag',
  topics: ['warmte'],
  language: 'nl',
};

const post = (path: string, body: unknown) =>
  fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** What a persona sees in a conversation (as the web chat shows it). */
async function view(as: string, conversation: string): Promise<Seen[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(conversation)}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Seen[] }).messages;
}
const dm = (as: string) => view(as, directConversationOf(as));
const botTexts = async (as: string, conversation = directConversationOf(as)) =>
  (await view(as, conversation)).filter((m) => m.from.bot).map((m) => m.text);
/** Everything stored about the alliance (members, partners, activity, state). */
const allianceKeys = () => keysWithPrefix(redis, `${t.prefix}{a:${A}}:`);

describe('the engine', () => {
  it('acts once on an event delivered twice', async () => {
    const event: InboundEvent = {
      type: 'message',
      eventId: 'twice',
      platform: 'local',
      actor: actor('local:demo:joost'),
      conversation: direct('local:demo:joost'),
      text: 'hulp',
    };
    expect((await t.app.engine.handle(event)).duplicate).toBe(false);
    expect((await t.app.engine.handle(event)).duplicate).toBe(true);
    const helps = (await botTexts('local:demo:joost')).filter((m) =>
      m.startsWith('Wat ik voor je kan doen'),
    );
    expect(helps).toHaveLength(1);
  });

  it('answers once when the web chat sends the same message twice (same client id)', async () => {
    const message = {
      as: 'local:demo:anna',
      conversation: directConversationOf('local:demo:anna'),
      text: 'hulp',
      clientId: 'anna-click-1',
    };
    const [a, b] = await Promise.all([
      post('/local/api/messages', message),
      post('/local/api/messages', message),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const helps = (await botTexts('local:demo:anna')).filter((m) =>
      m.startsWith('Wat ik voor je kan doen'),
    );
    expect(helps).toHaveLength(1);
  });

  it('introduces a person once when they submit the intake twice at the same moment', async () => {
    const [a, b] = await Promise.all([
      t.app.engine.handle(submission('local:demo:pieter', good)),
      t.app.engine.handle(submission('local:demo:pieter', good)),
    ]);
    expect(a.error ?? b.error).toBeUndefined();
    const intros = (await botTexts('local:demo:joost', CHANNEL)).filter((m) =>
      m.startsWith('Maak kennis met Pieter Bakker'),
    );
    expect(intros).toHaveLength(1);
    const notices = (await botTexts('local:demo:joost')).filter((m) =>
      m.includes('Pieter Bakker (Hoogheemraadschap van Rijnland) heeft zich aangemeld'),
    );
    expect(notices).toHaveLength(1);
    const joined = (await t.app.store.activity.range(A)).filter(
      (e) => e.type === 'member.joined' && e.actor === 'local:demo:pieter',
    );
    expect(joined).toHaveLength(1);
  });

  it('stores nothing for an invalid intake and shows the form again with the errors', async () => {
    await post('/local/api/messages', {
      as: 'local:demo:anna',
      conversation: directConversationOf('local:demo:anna'),
      text: 'aanmelden',
    });
    const form = (await dm('local:demo:anna')).find((m) =>
      m.html.includes('data-form-id="onboarding.intake"'),
    );
    if (!form) throw new Error('no intake form');
    const before = await allianceKeys();
    const activity = await t.app.store.activity.length(A);
    const res = await post('/local/api/forms', {
      as: 'local:demo:anna',
      conversation: directConversationOf('local:demo:anna'),
      messageId: form.id,
      formId: 'onboarding.intake',
      context: A,
      values: {
        ...good,
        name: 'Anna de Vries',
        organisation: 'Nieuwe Partij BV',
        role: 'x'.repeat(200),
        goals: '',
      },
    });
    expect(res.status).toBe(202);
    expect(await allianceKeys()).toEqual(before);
    expect(await t.app.store.activity.length(A)).toBe(activity);
    expect(await t.app.store.members.getMember(A, 'local:demo:anna')).toBeNull();
    expect(await t.app.store.members.getPartner(A, 'nieuwe-partij-bv')).toBeNull();
    // The same message now holds the form with the errors, and what Anna typed.
    const again = (await dm('local:demo:anna')).find((m) => m.id === form.id);
    expect(again?.html).toContain('Maximaal 150 tekens.');
    expect(again?.html).toContain('Vul dit veld in.');
    expect(again?.html).toContain('value="Nieuwe Partij BV"');
    expect(
      (await botTexts('local:demo:joost', CHANNEL)).some((m) => m.includes('Anna de Vries')),
    ).toBe(false);
  });

  it('hands the errors of a modal submission (no message) back to the adapter, and stores nothing', async () => {
    const before = await allianceKeys();
    const seenBefore = (await dm('local:demo:fatima')).length;
    const result = await t.app.engine.handle(
      submission('local:demo:fatima', { ...good, organisation: '', role: 'x'.repeat(200) }),
    );
    expect(result).toEqual({
      duplicate: false,
      formErrors: { organisation: 'Vul dit veld in.', role: 'Maximaal 150 tekens.' },
    });
    expect(await allianceKeys()).toEqual(before);
    expect(await t.app.store.members.getMember(A, 'local:demo:fatima')).toBeNull();
    // The modal shows the errors; nothing is posted in the conversation.
    expect(await dm('local:demo:fatima')).toHaveLength(seenBefore);
  });

  it('sends the errors as the form in the direct chat when the modal was closed at its deadline', async () => {
    const seenBefore = (await dm('local:demo:fatima')).length;
    const modal = new WaitingModal();
    // The adapter's deadline came first: the modal is gone.
    expect(modal.close()).toBe(true);
    const result = await t.app.engine.handle(
      submission('local:demo:fatima', { ...good, organisation: '' }),
      { modal },
    );
    expect(result).toEqual({ duplicate: false });
    expect(await t.app.store.members.getMember(A, 'local:demo:fatima')).toBeNull();
    // The form comes again where the person talks to the bot privately, with the error at its
    // field and what they had typed kept.
    await eventually(async () =>
      (await dm('local:demo:fatima')).length > seenBefore ? true : 'no form yet',
    );
    const form = (await dm('local:demo:fatima')).at(-1);
    expect(form?.html).toContain('Vul dit veld in.');
    expect(form?.html).toContain('Pieter Bakker');
    // Claimed in time instead, the errors go back in the modal's answer.
    const waiting = new WaitingModal();
    const again = await t.app.engine.handle(
      submission('local:demo:fatima', { ...good, organisation: '' }),
      { modal: waiting },
    );
    expect(again.formErrors).toEqual({ organisation: 'Vul dit veld in.' });
    expect(waiting.close()).toBe(false);
  });

  it('answers a coded error in the person’s language', async () => {
    const stale = (user: string, locale?: 'en') =>
      t.app.engine.handle({
        type: 'button_pressed',
        eventId: `stale-button-${user}`,
        platform: 'local',
        actor: { userId: user, ...(locale ? { locale } : {}) },
        conversation: direct(user),
        actionId: 'vanished.flow',
      });
    expect((await stale('local:demo:emma', 'en')).error).toBe('form_expired');
    expect((await botTexts('local:demo:emma')).at(-1)).toBe(
      'This form has expired. Start again with join.',
    );
    expect((await stale('local:demo:anna')).error).toBe('form_expired');
    expect((await botTexts('local:demo:anna')).at(-1)).toBe(
      'Dit formulier is verlopen. Begin opnieuw met aanmelden.',
    );
  });

  it('answers in the language a member chose, even when the platform says otherwise', async () => {
    await t.app.engine.handle(
      submission('local:demo:emma', {
        ...good,
        name: 'Emma Clarke',
        organisation: 'Stedin',
        organisationType: 'netbeheerder',
        language: 'nl',
      }),
    );
    await t.app.engine.handle({
      type: 'message',
      eventId: 'emma-unknown',
      platform: 'local',
      actor: { userId: 'local:demo:emma', locale: 'en' },
      conversation: direct('local:demo:emma'),
      text: 'fietsen',
    });
    expect((await botTexts('local:demo:emma')).at(-1)).toBe(
      'Het woord "fietsen" ken ik niet. Typ hulp om te zien wat ik kan.',
    );
  });

  it('tells a person in an unlinked workspace that the conversation is not linked', async () => {
    const result = await t.app.engine.handle({
      type: 'message',
      eventId: 'stranger',
      platform: 'local',
      actor: actor('local:elsewhere:someone'),
      conversation: { id: 'local:elsewhere:dm-someone', kind: 'direct' },
      text: 'hulp',
    });
    expect(result.error).toBe('not_in_alliance');
  });

  it('schedules a nudge when the intake opens and cancels it when it is done', async () => {
    await t.app.engine.handle({
      type: 'message',
      eventId: 'join-fatima',
      platform: 'local',
      actor: actor('local:demo:fatima'),
      conversation: direct('local:demo:fatima'),
      text: 'aanmelden',
    });
    const due = await t.app.queue.reminders.dueAt(A, 'onboarding-nudge:local:demo:fatima');
    expect(due?.getTime()).toBeGreaterThan(Date.now() + 47 * 3600_000);
    await t.app.engine.handle(
      submission('local:demo:fatima', {
        ...good,
        name: 'Fatima El Amrani',
        organisation: 'Provincie Zuid-Holland',
        organisationType: 'provincie',
      }),
    );
    expect(await t.app.queue.reminders.dueAt(A, 'onboarding-nudge:local:demo:fatima')).toBeNull();
  });
});

describe('the web chat API', () => {
  const anna = { as: 'local:demo:anna', conversation: CHANNEL };

  it('answers 400 for a malformed body', async () => {
    expect((await post('/local/api/messages', '{nope')).status).toBe(400);
    expect((await post('/local/api/messages', { as: 'local:demo:anna' })).status).toBe(400);
    expect((await post('/local/api/messages', { ...anna, text: '   ' })).status).toBe(400);
    expect((await post('/local/api/actions', { ...anna, actionId: 'x' })).status).toBe(400);
    expect(
      (await post('/local/api/forms', { ...anna, messageId: 'm', formId: 'f', values: 3 })).status,
    ).toBe(400);
    expect((await post('/local/api/open', { as: 'local:demo:anna' })).status).toBe(400);
  });

  it('answers 403 for an unknown persona or a conversation the persona cannot see', async () => {
    const nobody = { as: 'local:demo:nobody', conversation: CHANNEL };
    expect((await post('/local/api/messages', { ...nobody, text: 'hoi' })).status).toBe(403);
    expect((await post('/local/api/open', nobody)).status).toBe(403);
    const joostsChat = { as: 'local:demo:anna', conversation: 'local:demo:dm-joost' };
    expect((await post('/local/api/messages', { ...joostsChat, text: 'hoi' })).status).toBe(403);
    expect(
      (await post('/local/api/actions', { ...joostsChat, messageId: 'm', actionId: 'x' })).status,
    ).toBe(403);
    const read = (as: string, conversation: string) =>
      fetch(
        `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(conversation)}`,
      );
    expect((await read('local:demo:nobody', CHANNEL)).status).toBe(403);
    expect((await read('local:demo:anna', 'local:demo:dm-joost')).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/local/api/stream?as=local:demo:nobody`)).status).toBe(403);
    // Nothing Anna tried reached Joost's private chat.
    expect(
      (await view('local:demo:joost', 'local:demo:dm-joost')).map((m) => m.text),
    ).not.toContain('hoi');
  });

  it('serves the web chat page in local mode, in Dutch or English', async () => {
    const nl = await fetch(`${t.baseUrl}/`);
    expect(nl.status).toBe(200);
    expect(nl.headers.get('content-type')).toContain('text/html');
    expect(await nl.text()).toContain('<html lang="nl">');
    expect(await (await fetch(`${t.baseUrl}/?lang=en`)).text()).toContain('<html lang="en">');
    expect((await fetch(`${t.baseUrl}/local/app.js`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/nowhere`)).status).toBe(404);
  });

  it('serves health and readiness', async () => {
    expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${t.baseUrl}/readyz`)).json()).toEqual({ status: 'ready' });
    expect(await (await fetch(`${t.baseUrl}/metrics`)).text()).toContain(
      'alliantiebot_events_total',
    );
  });
});

describe('outside local mode', () => {
  const api = new FakeSlackApi();
  let slack: TestApp;
  beforeAll(async () => {
    await api.start();
    slack = await startSlackTestApp(api);
  });
  afterAll(async () => {
    await slack.stop();
    await api.stop();
  });

  it('serves no web chat page and no web chat API', async () => {
    expect((await fetch(`${slack.baseUrl}/`)).status).toBe(404);
    expect((await fetch(`${slack.baseUrl}/local/app.js`)).status).toBe(404);
    expect((await fetch(`${slack.baseUrl}/local/api/personas`)).status).toBe(404);
    const res = await fetch(`${slack.baseUrl}/local/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'local:demo:anna', conversation: CHANNEL, text: 'hulp' }),
    });
    expect(res.status).toBe(404);
    expect((await fetch(`${slack.baseUrl}/healthz`)).status).toBe(200);
  });
});
