/**
 * The outbox dispatcher's interactive path, with the Slack adapter against the stand-in and
 * real queue workers: an interactive answer leaves at once, not behind messages queued for the
 * same person; a person's answers keep their order; one that fails for now (5xx) or is rate
 * limited (429) is handed to the queue, which delivers it once; a form whose trigger expired
 * becomes a form behind a button, never retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/index.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import { form, text } from '../../src/core/messages.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';
import { slackAdapterForTest } from '../helpers/slack.js';

const TEAM = 'T0DEMO01';
const api = new FakeSlackApi();
let q: TestQueue;
let adapter: SlackAdapter;

const ephemeral = (
  user: string,
  key: string,
  words: string,
  extra: Partial<OutboundEnvelope> = {},
) =>
  ({
    key,
    allianceId: 'energieregio-west',
    to: {
      kind: 'ephemeral',
      conversationId: `slack:${TEAM}:C0DISPAT1`,
      userId: `slack:${TEAM}:${user}`,
    },
    message: text(words),
    interactive: true,
    ...extra,
  }) satisfies OutboundEnvelope;

beforeAll(async () => {
  await api.start();
  q = await startTestQueue([], { workers: false });
  adapter = slackAdapterForTest(api, q.store.redis, q.prefix);
  await q.runtime.startWorkers({
    adapters: new AdapterRegistry([adapter]),
    concurrency: 10,
    runJob: async () => undefined,
  });
});
afterAll(async () => {
  await q.stop();
  await api.stop();
});

const dispatcher = () => q.runtime.dispatcher({ adapters: new AdapterRegistry([adapter]) });
const texts = (user: string) =>
  api
    .of('chat.postEphemeral')
    .filter((c) => c.args.user === user)
    .map((c) => String(c.args.text));

describe('interactive answers', () => {
  it('leave at once, in order, while the same dispatch queues the rest', async () => {
    const user = 'U0ORDER01';
    const queued: OutboundEnvelope = {
      key: 'order:channel',
      allianceId: 'energieregio-west',
      to: { kind: 'conversation', id: `slack:${TEAM}:C0DISPAT1` },
      message: text('voor iedereen'),
    };
    const started = Date.now();
    await dispatcher().dispatch([
      ephemeral(user, 'order:1', 'een'),
      queued,
      ephemeral(user, 'order:2', 'twee'),
      ephemeral(user, 'order:3', 'drie'),
    ]);
    // Returned only once the answers were sent: they did not wait for a worker.
    expect(texts(user)).toEqual(['een', 'twee', 'drie']);
    expect(Date.now() - started).toBeLessThan(2000);
    await eventually(() =>
      api.of('chat.postMessage').some((c) => c.args.text === 'voor iedereen') ? true : 'not yet',
    );
  });

  it('go to the queue when Slack fails for now, and arrive once', async () => {
    const user = 'U0FLAKY01';
    api.failNext(1, 503);
    await dispatcher().dispatch([
      ephemeral(user, 'flaky:1', 'toch'),
      ephemeral(user, 'flaky:2', 'daarna'),
    ]);
    await eventually(() => (texts(user).length === 2 ? true : `${texts(user).length} of 2`));
    await new Promise((r) => setTimeout(r, 300));
    expect(texts(user)).toEqual(['toch', 'daarna']);
  });

  it('go to the queue when rate limited, and arrive after Retry-After', async () => {
    const user = 'U0LIMIT01';
    api.rateLimitNext(1, 1);
    const started = Date.now();
    await dispatcher().dispatch([ephemeral(user, 'limited:1', 'even wachten')]);
    await eventually(() => (texts(user).length === 1 ? true : 'not yet'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('update a message sent earlier (through the ledger), also one not delivered yet', async () => {
    const channel = `slack:${TEAM}:C0UPDATE1`;
    const original = (key: string): OutboundEnvelope => ({
      key,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation', id: channel },
      message: text('Idee: 1 partner steunt het'),
    });
    const update = (key: string, of: string): OutboundEnvelope => ({
      key,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation', id: channel },
      message: text('Idee: 2 partners steunen het'),
      updates: of,
      interactive: true,
    });
    await dispatcher().dispatch([original('upd:first')]);
    await eventually(async () => ((await q.runtime.ledger.sent('upd:first')) ? true : 'not sent'));
    const ts = (await q.runtime.ledger.sent('upd:first'))?.ref?.messageId;
    await dispatcher().dispatch([update('upd:first:change', 'upd:first')]);
    expect(api.of('chat.update').map((c) => c.args.ts)).toEqual([ts]);
    // In one dispatch: the original is queued; its update waits for it in the queue.
    await dispatcher().dispatch([
      original('upd:second'),
      update('upd:second:change', 'upd:second'),
    ]);
    await eventually(() => (api.of('chat.update').length === 2 ? true : 'no second update'));
    const second = (await q.runtime.ledger.sent('upd:second'))?.ref?.messageId;
    expect(api.of('chat.update')[1]?.args.ts).toBe(second);
    expect(
      api.of('chat.postMessage').filter((c) => String(c.args.text).includes('2 partners')),
    ).toEqual([]);
  });

  it('send a form whose trigger expired behind a button, trying the trigger once', async () => {
    const user = 'U0STALE01';
    const trigger = api.trigger(user, Date.now() - 5000);
    await dispatcher().dispatch([
      {
        key: 'stale:form',
        allianceId: 'energieregio-west',
        to: { kind: 'direct', userId: `slack:${TEAM}:${user}` },
        message: form({
          id: 'onboarding.intake',
          title: 'Aanmelden',
          submitLabel: 'Versturen',
          locale: 'nl',
          fields: [{ name: 'name', type: 'text', label: 'Naam', required: true, maxLength: 50 }],
        }),
        trigger,
        interactive: true,
      },
    ]);
    const post = api.of('chat.postMessage').find((c) => c.args.channel === 'D0STALE01');
    expect(JSON.stringify(post?.args.blocks)).toContain('slack.open-form');
    await new Promise((r) => setTimeout(r, 500));
    expect(api.deadTriggers.filter((d) => d.trigger === trigger)).toHaveLength(1);
    expect(await q.runtime.delivery.getJobCounts('waiting', 'delayed', 'failed')).toMatchObject({
      waiting: 0,
      delayed: 0,
      failed: 0,
    });
  });

  it('retry the form behind its button without trying the dead trigger again', async () => {
    const user = 'U0STALE02';
    const trigger = api.trigger(user, Date.now() - 5000);
    api.rateLimitNext(1, 1, 'chat.postMessage'); // the button's message is rate limited once
    await dispatcher().dispatch([
      {
        key: 'stale:form:2',
        allianceId: 'energieregio-west',
        to: { kind: 'direct', userId: `slack:${TEAM}:${user}` },
        message: form({
          id: 'onboarding.intake',
          title: 'Aanmelden',
          submitLabel: 'Versturen',
          locale: 'nl',
          fields: [{ name: 'name', type: 'text', label: 'Naam', required: true, maxLength: 50 }],
        }),
        trigger,
        interactive: true,
      },
    ]);
    const posted = () => api.of('chat.postMessage').filter((c) => c.args.channel === 'D0STALE02');
    await eventually(() => (posted().length === 1 ? true : 'no form behind a button yet'));
    expect(JSON.stringify(posted()[0]?.args.blocks)).toContain('slack.open-form');
    expect(api.deadTriggers.filter((d) => d.trigger === trigger)).toHaveLength(1);
  });
});
