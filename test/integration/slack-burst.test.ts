/**
 * A channel full of people at once, through the whole bot against a Slack stand-in that keeps
 * Slack's rules (per-method rate tiers, triggers that live 3 s and open one view,
 * response_url with 5 uses): 30 `/alliance help` in one second are all answered through their
 * response_url, none through chat.postEphemeral's pacing; the intake modal still opens at once
 * after such a burst; an expired trigger is tried once and the form comes behind a button; a
 * used-up response_url falls back to the Web API; ephemeral answers are not held to a
 * channel's 1 a second while channel posts are; a redelivered command answers once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { text } from '../../src/core/messages.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';
import {
  postForm,
  postSlashCommand,
  slashCommandFields,
  startSlackTestApp,
} from '../helpers/slack.js';

const TEAM = 'T0DEMO01';
const CHANNEL = 'C0ALLIANTIE';
const people = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => `U0${tag}${String(i + 1).padStart(2, '0')}`);

describe('bursts in one Slack channel', () => {
  const api = new FakeSlackApi();
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    await api.start();
    t = await startSlackTestApp(api, { WORKER_CONCURRENCY: 50 });
    url = `${t.baseUrl}/slack/events`;
  });
  afterAll(async () => {
    await t.stop();
    await api.stop();
  });

  /** Sends `/alliance <text>` for everyone at once; resolves with when each was sent. */
  async function burst(users: string[], words: string): Promise<Map<string, number>> {
    const sent = new Map<string, number>();
    await Promise.all(
      users.map(async (user) => {
        sent.set(user, Date.now());
        const res = await postSlashCommand(url, api, { user, text: words });
        expect(res.status).toBe(200);
      }),
    );
    return sent;
  }

  const firstAnswer = (user: string, method?: string) =>
    api.answersFor(user).find((a) => method === undefined || a.method === method);

  it('answers 30 `help`s at once through their response_url, none through postEphemeral', async () => {
    const users = people('HELP', 30);
    const sent = await burst(users, 'help');
    await eventually(() => {
      const answered = users.filter((u) => firstAnswer(u)).length;
      return answered === 30 ? true : `${answered} of 30 answered`;
    });
    for (const user of users) {
      expect(api.answersFor(user).map((a) => a.method)).toEqual(['response_url']);
    }
    expect(api.of('chat.postEphemeral')).toEqual([]);
    // Not one a second: the last answer is nowhere near 30 s after the first question.
    const latest = Math.max(...users.map((u) => (firstAnswer(u)?.at ?? 0) - (sent.get(u) ?? 0)));
    expect(latest).toBeLessThan(5000);
  });

  it('opens the intake modal from its trigger right after a help burst (none expired)', async () => {
    const helpers = people('HLPB', 30);
    const joiners = people('JOIN', 3);
    const helped = burst(helpers, 'hulp');
    const sent = await burst(joiners, 'aanmelden');
    await helped;
    await eventually(() => {
      const opened = joiners.filter((u) => firstAnswer(u, 'views.open')).length;
      return opened === joiners.length ? true : `${opened} of ${joiners.length} modals opened`;
    });
    expect(api.deadTriggers).toEqual([]);
    for (const user of joiners) {
      const opened = firstAnswer(user, 'views.open');
      expect((opened?.at ?? 0) - (sent.get(user) ?? 0)).toBeLessThan(3000);
    }
    // The welcome still comes, in the person's direct chat with the bot.
    await eventually(() => {
      const welcomed = joiners.filter((u) => firstAnswer(u, 'chat.postMessage')).length;
      return welcomed === joiners.length ? true : `${welcomed} of ${joiners.length} welcomed`;
    });
  });

  it('tries an expired trigger once, then sends the form behind a button', async () => {
    const user = 'U0LATE001';
    const trigger = api.trigger(user, Date.now() - 4000); // Slack sent it 4 s ago
    await postSlashCommand(url, api, { user, text: 'aanmelden', trigger });
    const formButton = () =>
      api
        .of('chat.postMessage')
        .some(
          (c) =>
            c.args.channel === 'D0LATE001' &&
            JSON.stringify(c.args.blocks).includes('slack.open-form'),
        );
    await eventually(() => (formButton() ? true : 'no form behind a button yet'));
    await new Promise((r) => setTimeout(r, 1500)); // a retry would have come by now
    expect(api.deadTriggers.filter((d) => d.trigger === trigger)).toEqual([
      expect.objectContaining({ error: 'expired_trigger_id' }),
    ]);
    expect(api.of('views.open').filter((c) => c.args.trigger_id === trigger)).toEqual([]);
  });

  it('answers through chat.postEphemeral when the response_url is used up', async () => {
    const user = 'U0USED001';
    const responseUrl = api.responseUrl(user, CHANNEL);
    for (let i = 0; i < 5; i++) {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `earlier answer ${i}` }),
      });
      expect(res.status).toBe(200);
    }
    await postSlashCommand(url, api, { user, text: 'help', responseUrl });
    await eventually(() => (firstAnswer(user, 'chat.postEphemeral') ? true : 'no answer yet'));
    expect(api.rejected.filter((c) => c.method === 'response_url')).toHaveLength(1);
  });

  it('does not hold ephemeral answers to 1 a second; channel posts still are', async () => {
    const users = people('EPHM', 12);
    const ephemerals: OutboundEnvelope[] = users.map((user) => ({
      key: `pacing-test:ephemeral:${user}`,
      allianceId: 'energieregio-west',
      to: {
        kind: 'ephemeral',
        conversationId: `slack:${TEAM}:C0PACED01`,
        userId: `slack:${TEAM}:${user}`,
      },
      message: text('Alleen voor jou'),
    }));
    const posts: OutboundEnvelope[] = [1, 2, 3, 4].map((i) => ({
      key: `pacing-test:post:${i}`,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation', id: `slack:${TEAM}:C0PACED01` },
      message: text(`Bericht ${i}`),
    }));
    const dispatcher = t.app.queue.dispatcher();
    // Each message its own dispatch, as many events do: no chain orders them.
    await Promise.all([...ephemerals, ...posts].map((e) => dispatcher.dispatch([e])));
    const arrived = (method: string) =>
      api
        .of(method)
        .filter((c) => c.args.channel === 'C0PACED01')
        .map((c) => c.at);
    await eventually(() => {
      const n = arrived('chat.postEphemeral').length + arrived('chat.postMessage').length;
      return n === 16 ? true : `${n} of 16`;
    });
    const ephemeral = arrived('chat.postEphemeral');
    expect(Math.max(...ephemeral) - Math.min(...ephemeral)).toBeLessThan(1000);
    const channel = arrived('chat.postMessage').sort((a, b) => a - b);
    for (let i = 1; i < channel.length; i++) {
      expect((channel[i] ?? 0) - (channel[i - 1] ?? 0)).toBeGreaterThanOrEqual(990);
    }
  });

  it('answers a redelivered command once', async () => {
    const user = 'U0AGAIN01';
    const fields = slashCommandFields(api, { user, text: 'help' });
    expect((await postForm(url, fields)).status).toBe(200);
    expect((await postForm(url, fields, { retryNum: 1 })).status).toBe(200);
    await eventually(() => (firstAnswer(user) ? true : 'no answer yet'));
    expect((await postForm(url, fields, { retryNum: 2 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(api.answersFor(user)).toHaveLength(1);
  });

  it('sends an interactive answer dispatched twice once (the ledger)', async () => {
    const user = 'U0TWICE01';
    const envelope: OutboundEnvelope = {
      key: 'slack:twice:help:answer',
      allianceId: 'energieregio-west',
      to: {
        kind: 'ephemeral',
        conversationId: `slack:${TEAM}:${CHANNEL}`,
        userId: `slack:${TEAM}:${user}`,
      },
      message: text('Eén keer'),
      interactive: true,
      replyHandle: api.responseUrl(user, CHANNEL),
    };
    const dispatcher = t.app.queue.dispatcher({ adapters: t.app.adapters });
    await dispatcher.dispatch([envelope]);
    await dispatcher.dispatch([envelope]);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.answersFor(user).map((a) => a.method)).toEqual(['response_url']);
  });
});
