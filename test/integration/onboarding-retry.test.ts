/**
 * An intake or a coordinator's decision handled again after a worker died half-way (the store
 * written, the answers not yet handed on) carries on as the first time: the person is
 * introduced, not told their details were "updated" — found by the fault tests, which lost
 * introductions this way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';

const A = 'energieregio-west';
const PIETER = 'local:demo:pieter';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

const intake: InboundEvent = {
  eventId: 'retry-intake-1',
  platform: 'local',
  actor: { userId: PIETER },
  conversation: { id: directConversationOf(PIETER), kind: 'direct' },
  type: 'form_submitted',
  formId: 'onboarding.intake',
  context: A,
  values: {
    name: 'Pieter Bakker',
    organisation: 'Hoogheemraadschap van Rijnland',
    organisationType: 'waterschap',
    role: 'Adviseur',
    goals: 'Aquathermie',
    offers: 'Data',
    needs: 'Warmtevraag',
    topics: ['warmte'],
    language: 'nl',
  },
};

describe('an intake handled again after a crash', () => {
  it('introduces the person, as the first run would have', async () => {
    // The first run got as far as storing the member, then the worker died.
    await t.app.store.members.register(
      {
        id: PIETER,
        allianceId: A,
        partnerId: 'hoogheemraadschap-van-rijnland',
        name: 'Pieter Bakker',
        role: 'Adviseur',
        goals: 'Aquathermie',
        offers: 'Data',
        needs: 'Warmtevraag',
        topics: ['warmte'],
        locale: 'nl',
        joinedAt: new Date().toISOString(),
        joinedBy: 'local:retry-intake-1',
      },
      {
        id: 'hoogheemraadschap-van-rijnland',
        allianceId: A,
        name: 'Hoogheemraadschap van Rijnland',
        type: 'waterschap',
        joinedAt: new Date().toISOString(),
      },
    );
    await t.app.engine.handle(intake);
    const channel = async () => {
      const res = await fetch(
        `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(PIETER)}&conversation=${encodeURIComponent('local:demo:alliantie')}`,
      );
      return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
    };
    await eventually(async () =>
      (await channel()).some((m) => m.includes('Pieter Bakker')) ? true : 'not introduced',
    );
    const dm = await fetch(
      `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(PIETER)}&conversation=${encodeURIComponent(directConversationOf(PIETER))}`,
    );
    const said = ((await dm.json()) as { messages: { text: string }[] }).messages.map(
      (m) => m.text,
    );
    expect(said.some((m) => m.includes('bijgewerkt'))).toBe(false);
  });

  it('still treats a new intake by someone already in as an update', async () => {
    await t.app.engine.handle({ ...intake, eventId: 'retry-intake-2' });
    const dm = async () => {
      const res = await fetch(
        `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(PIETER)}&conversation=${encodeURIComponent(directConversationOf(PIETER))}`,
      );
      return ((await res.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
    };
    await eventually(async () =>
      (await dm()).some((m) => m.includes('bijgewerkt')) ? true : 'no update answer',
    );
  });
});
