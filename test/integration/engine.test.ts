import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { keysWithPrefix, testRedis } from '../helpers/redis.js';

const A = 'energieregio-west';
let t: TestApp;
const redis = testRedis();

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
  await redis.quit();
});

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

async function history(conversation: string): Promise<string[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=local:demo:joost&conversation=${encodeURIComponent(conversation)}`,
  );
  const { messages } = (await res.json()) as { messages: { text: string }[] };
  return messages.map((m) => m.text);
}

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
    const helps = (await history(directConversationOf('local:demo:joost'))).filter((m) =>
      m.startsWith('Wat ik voor je kan doen'),
    );
    expect(helps).toHaveLength(1);
  });

  it('introduces a person once when the same intake arrives twice at the same moment', async () => {
    const [a, b] = await Promise.all([
      t.app.engine.handle(submission('local:demo:pieter', good)),
      t.app.engine.handle(submission('local:demo:pieter', good)),
    ]);
    expect(a.error ?? b.error).toBeUndefined();
    const intros = (await history('local:demo:alliantie')).filter((m) =>
      m.startsWith('Maak kennis met Pieter Bakker'),
    );
    expect(intros).toHaveLength(1);
  });

  it('stores nothing for an invalid intake, and hands modal errors back to the adapter', async () => {
    const before = await keysWithPrefix(redis, `${t.prefix}{a:${A}}:member`);
    const result = await t.app.engine.handle(
      submission('local:demo:fatima', { ...good, organisation: '', role: 'x'.repeat(200) }),
    );
    expect(result.formErrors).toEqual({
      organisation: 'Vul dit veld in.',
      role: 'Maximaal 150 tekens.',
    });
    expect(await keysWithPrefix(redis, `${t.prefix}{a:${A}}:member`)).toEqual(before);
    expect(await t.app.store.members.getMember(A, 'local:demo:fatima')).toBeNull();
  });

  it('answers a coded error in the person’s language', async () => {
    const result = await t.app.engine.handle({
      type: 'button_pressed',
      eventId: 'stale-button',
      platform: 'local',
      actor: { userId: 'local:demo:emma', locale: 'en' },
      conversation: direct('local:demo:emma'),
      actionId: 'vanished.flow',
    });
    expect(result.error).toBe('form_expired');
    const res = await fetch(
      `${t.baseUrl}/local/api/messages?as=local:demo:emma&conversation=${encodeURIComponent(directConversationOf('local:demo:emma'))}`,
    );
    const { messages } = (await res.json()) as { messages: { text: string }[] };
    expect(messages.at(-1)?.text).toBe('This form has expired. Start again with join.');
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
  const post = (path: string, body: unknown) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('refuses malformed bodies, unknown people and conversations they cannot see', async () => {
    expect((await post('/local/api/messages', '{nope')).status).toBe(400);
    expect((await post('/local/api/messages', { as: 'local:demo:anna' })).status).toBe(400);
    expect(
      (
        await post('/local/api/messages', {
          as: 'local:demo:nobody',
          conversation: 'local:demo:alliantie',
          text: 'hoi',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await post('/local/api/messages', {
          as: 'local:demo:anna',
          conversation: 'local:demo:dm-joost',
          text: 'hoi',
        })
      ).status,
    ).toBe(403);
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
