/**
 * Onboarding for the coordinators: two nudges for a person who does not finish (after 2 and 7
 * days from their welcome, then none), and `aanmelden status`: who joined per partner, who is
 * stuck, which partner has nobody yet — for coordinators only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import { invitations } from '../../flows/invitations-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';

const A = 'energieregio-west';
const JOOST = 'local:demo:joost';
const ANNA = 'local:demo:anna';
const PIETER = 'local:demo:pieter';
const DAY = 24 * 3600 * 1000;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

async function said(as: string): Promise<string[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(directConversationOf(as))}`,
  );
  const { messages } = (await res.json()) as {
    messages: { text: string; from: { bot: boolean } }[];
  };
  return messages.filter((m) => m.from.bot).map((m) => m.text);
}

let n = 0;
const message = (user: string, text: string): InboundEvent => ({
  eventId: `s${++n}`,
  platform: 'local',
  actor: { userId: user },
  conversation: { id: directConversationOf(user), kind: 'direct' },
  type: 'message',
  text,
});
const nudgeId = (user: string) => `onboarding-nudge:${user}`;

describe('onboarding for the coordinators', () => {
  it('nudges a person who does not finish after 2 and after 7 days, then stops', async () => {
    const before = Date.now();
    await t.app.engine.handle(message(PIETER, 'aanmelden'));
    const first = await t.app.queue.reminders.dueAt(A, nudgeId(PIETER));
    expect(first?.getTime()).toBeGreaterThanOrEqual(before + 2 * DAY - 1000);
    expect(first?.getTime()).toBeLessThanOrEqual(Date.now() + 2 * DAY + 1000);
    // The first nudge fires (as the queue would run it when due).
    const startedAt = new Date(before).toISOString();
    await t.app.engine.runJob({
      allianceId: A,
      flow: 'onboarding',
      kind: 'nudge',
      data: { userId: PIETER, locale: 'nl', round: 1, startedAt },
      key: `reminder:${A}:${nudgeId(PIETER)}@first`,
      type: 'reminder',
    });
    await eventually(async () =>
      (await said(PIETER)).some((m) => m.includes('staat nog open')) ? true : 'no first nudge',
    );
    const second = await t.app.queue.reminders.dueAt(A, nudgeId(PIETER));
    expect(second?.getTime()).toBe(new Date(startedAt).getTime() + 7 * DAY);
    await t.app.engine.runJob({
      allianceId: A,
      flow: 'onboarding',
      kind: 'nudge',
      data: { userId: PIETER, locale: 'nl', round: 2, startedAt },
      key: `reminder:${A}:${nudgeId(PIETER)}@second`,
      type: 'reminder',
    });
    await eventually(async () =>
      (await said(PIETER)).some((m) => m.includes('laatste herinnering')) ? true : 'no last nudge',
    );
    // After the last one nothing more is planned: the only reminder left is the second one
    // itself (here run by hand; the queue removes it when it fires), not a third.
    expect((await t.app.queue.reminders.dueAt(A, nudgeId(PIETER)))?.getTime()).toBe(
      second?.getTime(),
    );
  });

  it('shows a coordinator who is in, who is stuck and which partner has nobody yet', async () => {
    await t.app.engine.handle({
      eventId: 'status-anna-intake',
      platform: 'local',
      actor: { userId: ANNA },
      conversation: { id: directConversationOf(ANNA), kind: 'direct' },
      type: 'form_submitted',
      formId: 'onboarding.intake',
      context: A,
      values: {
        name: 'Anna de Vries',
        organisation: 'Gemeente Leiden',
        organisationType: 'gemeente',
        role: 'Beleidsadviseur',
        goals: 'Zon op daken',
        offers: 'Vergunningen',
        needs: 'Netcapaciteit',
        topics: ['zon'],
        language: 'nl',
      },
    });
    // Two invitations: one that went out by e-mail, one that could not be delivered.
    const invites = t.app.store.collection(invitations);
    const invitation = {
      partnerId: 'stedin',
      organisation: 'Stedin',
      locale: 'nl' as const,
      invitedBy: JOOST,
      invitedByLocale: 'nl' as const,
      invitedAt: new Date().toISOString(),
      newPartner: false,
      occurrence: 'test',
    };
    await invites.put(A, 'inv-1', {
      ...invitation,
      id: 'inv-1',
      email: 'sanne@stedin.example',
      name: 'Sanne Jansen',
      via: 'email',
      mail: { status: 'sent', attempts: 1 },
    });
    await invites.put(A, 'inv-2', {
      ...invitation,
      id: 'inv-2',
      email: 'kees@stedin.example',
      name: 'Kees de Boer',
      via: 'none',
    });
    await t.app.engine.handle(message(JOOST, 'aanmelden status'));
    await eventually(async () =>
      (await said(JOOST)).some((m) => m.startsWith('Onboarding in')) ? true : 'no status',
    );
    const status = (await said(JOOST)).find((m) => m.startsWith('Onboarding in')) ?? '';
    expect(status).toContain('Gemeente Leiden (1)');
    expect(status).toContain('Anna de Vries');
    expect(status).toMatch(/Pieter Bakker: begonnen op .*2× herinnerd/);
    expect(status).toContain('Stedin'); // a partner with nobody yet
    expect(status).not.toMatch(/Anna de Vries: begonnen/);
    expect(status).toMatch(/Sanne Jansen \(Stedin\): uitgenodigd op .*, nog niet aangemeld/);
    expect(status).toContain('Kees de Boer (Stedin): uitnodiging kwam niet aan');
  });

  it('is for coordinators only', async () => {
    const result = await t.app.engine.handle(message(ANNA, 'join status'));
    expect(result.error).toBe('permission_denied');
    await eventually(async () =>
      (await said(ANNA)).some((m) =>
        m.startsWith('Alleen een coördinator kan zien wie er is aangemeld'),
      )
        ? true
        : 'no refusal',
    );
  });
});
