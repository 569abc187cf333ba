/**
 * Suggested introductions: people of other partners whose topics or offers and needs overlap,
 * at most three at a time, never the same pair twice, to both with a button; both accepting
 * at the same moment connect them once — in a Slack group DM when both are in one workspace,
 * otherwise with a message to each naming the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { InboundEvent } from '../../src/core/events.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import { startSlackTestApp } from '../helpers/slack.js';

const A = 'energieregio-west';
let n = 0;

function intake(
  platform: 'local' | 'slack',
  user: string,
  conversation: string,
  values: { name: string; organisation: string; topics: string[]; offers: string; needs: string },
): InboundEvent {
  return {
    eventId: `intro-${++n}`,
    platform,
    actor: { userId: user },
    conversation: { id: conversation, kind: 'direct' },
    type: 'form_submitted',
    formId: 'onboarding.intake',
    context: A,
    values: {
      organisationType: 'gemeente',
      role: 'Adviseur',
      goals: 'Samen verder',
      language: 'nl',
      ...values,
    },
  };
}
const press = (
  platform: 'local' | 'slack',
  user: string,
  conversation: string,
  actionId: string,
  value: string,
): InboundEvent => ({
  eventId: `press-${++n}`,
  platform,
  actor: { userId: user },
  conversation: { id: conversation, kind: 'direct' },
  type: 'button_pressed',
  actionId,
  value,
});
const suggest = (t: TestApp, userId: string) =>
  t.app.engine.runJob({
    allianceId: A,
    flow: 'introductions',
    kind: 'suggest',
    data: { userId },
    key: `reminder:${A}:introductions-suggest:${userId}@${++n}`,
    type: 'reminder',
  });

describe('suggested introductions in the web chat', () => {
  let t: TestApp;
  const ANNA = 'local:demo:anna';
  const PIETER = 'local:demo:pieter';
  const EMMA = 'local:demo:emma';
  const FATIMA = 'local:demo:fatima';
  const dm = directConversationOf;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.engine.handle(
      intake('local', ANNA, dm(ANNA), {
        name: 'Anna de Vries',
        organisation: 'Gemeente Leiden',
        topics: ['zon', 'netcongestie'],
        offers: 'Kennis van vergunningen voor zonnedaken',
        needs: 'Afspraken over netcongestie',
      }),
    );
    await t.app.engine.handle(
      intake('local', FATIMA, dm(FATIMA), {
        name: 'Fatima El Amrani',
        organisation: 'Gemeente Leiden', // the same partner as Anna: never suggested to her
        topics: ['zon', 'netcongestie'],
        offers: 'Persberichten',
        needs: 'Cijfers',
      }),
    );
    await t.app.engine.handle(
      intake('local', PIETER, dm(PIETER), {
        name: 'Pieter Bakker',
        organisation: 'Hoogheemraadschap van Rijnland',
        topics: ['warmte', 'netcongestie'],
        offers: 'Data over aquathermie',
        needs: 'Woningcorporaties',
      }),
    );
    await t.app.engine.handle(
      intake('local', EMMA, dm(EMMA), {
        name: 'Emma Clarke',
        organisation: 'Stedin',
        topics: ['opslag'],
        offers: 'Inzicht in netcapaciteit',
        needs: 'Locaties voor batterijen',
      }),
    );
  });
  afterAll(async () => {
    await t.stop();
  });

  async function cards(as: string): Promise<{ id: string; text: string; html: string }[]> {
    const res = await fetch(
      `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(dm(as))}`,
    );
    const { messages } = (await res.json()) as {
      messages: { id: string; text: string; html: string; from: { bot: boolean } }[];
    };
    return messages.filter((m) => m.from.bot && m.text.startsWith('Kennismaken met'));
  }

  it('suggests people of other partners who share something, to both, never twice', async () => {
    await suggest(t, PIETER);
    await eventually(async () => ((await cards(PIETER)).length >= 2 ? true : 'no suggestions'));
    const pieters = (await cards(PIETER)).map((c) => c.text);
    expect(pieters.some((c) => c.includes('Anna de Vries'))).toBe(true);
    expect(pieters.some((c) => c.includes('Fatima El Amrani'))).toBe(true);
    // Emma shares nothing with Pieter: not suggested.
    expect(pieters.some((c) => c.includes('Emma Clarke'))).toBe(false);
    await eventually(async () =>
      (await cards(ANNA)).some((c) => c.text.includes('Pieter Bakker')) ? true : 'Anna has no card',
    );
    // Run again: no pair is suggested a second time.
    await suggest(t, PIETER);
    await suggest(t, ANNA);
    await new Promise((r) => setTimeout(r, 300));
    expect((await cards(PIETER)).length).toBe(pieters.length);
    // Anna and Fatima work for the same partner: never suggested to each other.
    expect((await cards(ANNA)).some((c) => c.text.includes('Fatima'))).toBe(false);
  });

  it('connects two who both accept at the same moment once, and refuses a third', async () => {
    const pair = [ANNA, PIETER]
      .sort()
      .map((id) => id.replace(/[^A-Za-z0-9-]+/g, '_'))
      .join('~');
    const other = await t.app.engine.handle(
      press('local', EMMA, dm(EMMA), 'introductions.accept', pair),
    );
    expect(other.error).toBeUndefined();
    await Promise.all([
      t.app.engine.handle(press('local', ANNA, dm(ANNA), 'introductions.accept', pair)),
      t.app.engine.handle(press('local', PIETER, dm(PIETER), 'introductions.accept', pair)),
    ]);
    const said = async (as: string) => {
      const res = await fetch(
        `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(dm(as))}`,
      );
      const { messages } = (await res.json()) as {
        messages: { text: string; from: { bot: boolean } }[];
      };
      return messages.filter((m) => m.from.bot).map((m) => m.text);
    };
    await eventually(async () =>
      (await said(ANNA)).filter((m) => m.includes('wil ook graag kennismaken')).length === 1 &&
      (await said(PIETER)).filter((m) => m.includes('wil ook graag kennismaken')).length === 1
        ? true
        : 'not both told',
    );
    // Each one's card now says they are in touch (changed in place, no buttons).
    await eventually(async () =>
      (await cards(ANNA)).some((c) => c.text.includes('in contact gebracht met Pieter Bakker'))
        ? true
        : 'card not updated',
    );
    expect((await said(EMMA)).some((m) => m.includes('voor twee anderen bedoeld'))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect((await said(ANNA)).filter((m) => m.includes('wil ook graag kennismaken'))).toHaveLength(
      1,
    );
  });
});

describe('suggested introductions on Slack', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  const TEAM = 'T0DEMO01';
  const ANNA = `slack:${TEAM}:U0ANNA001`;
  const PIETER = `slack:${TEAM}:U0PIETER1`;

  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api);
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  it('opens a group DM for two who both accepted', async () => {
    await t.app.engine.handle(
      intake('slack', ANNA, `slack:${TEAM}:DANNA001`, {
        name: 'Anna de Vries',
        organisation: 'Gemeente Leiden',
        topics: ['netcongestie'],
        offers: 'Vergunningen',
        needs: 'Netcapaciteit',
      }),
    );
    await t.app.engine.handle(
      intake('slack', PIETER, `slack:${TEAM}:DPIETER1`, {
        name: 'Pieter Bakker',
        organisation: 'Hoogheemraadschap van Rijnland',
        topics: ['netcongestie'],
        offers: 'Data',
        needs: 'Woningen',
      }),
    );
    await suggest(t, PIETER);
    const pair = [ANNA, PIETER]
      .sort()
      .map((id) => id.replace(/[^A-Za-z0-9-]+/g, '_'))
      .join('~');
    await eventually(() =>
      api.calls.some(
        (c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes(pair),
      )
        ? true
        : 'no suggestion sent',
    );
    await t.app.engine.handle(
      press('slack', ANNA, `slack:${TEAM}:DANNA001`, 'introductions.accept', pair),
    );
    await t.app.engine.handle(
      press('slack', PIETER, `slack:${TEAM}:DPIETER1`, 'introductions.accept', pair),
    );
    await eventually(() =>
      api.calls.some(
        (c) =>
          c.method === 'chat.postMessage' &&
          String(c.args.channel).startsWith('G') &&
          String(c.args.text).includes('jullie wilden allebei kennismaken'),
      )
        ? true
        : 'no message in a group DM',
    );
    const open = api.calls.find(
      (c) => c.method === 'conversations.open' && String(c.args.users).includes(','),
    );
    expect(String(open?.args.users).split(',').sort()).toEqual(['U0ANNA001', 'U0PIETER1']);
  });
});
