/**
 * SlackAdapter.answer and its fallbacks against the Web API stand-in (which keeps Slack's
 * rules): ephemeral answers and updated cards through the request's response_url (no token,
 * no rate slot), the Web API once a response_url is used up; a form opened at once with its
 * trigger, and an expired trigger that fails for good and becomes a form behind a button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../../adapters/slack/index.js';
import type { OutboundEnvelope } from '../../../../src/core/adapter.js';
import {
  AdapterRegistry,
  deliverEnvelope,
  isTriggerExpired,
} from '../../../../src/core/deliver.js';
import { PermanentDeliveryError } from '../../../../src/core/errors.js';
import { card, form, text } from '../../../../src/core/messages.js';
import { FakeSlackApi } from '../../../fakes/slack-api.js';
import { deletePrefix, freshPrefix, testRedis } from '../../../helpers/redis.js';
import { slackAdapterForTest } from '../../../helpers/slack.js';

const TEAM = 'T0DEMO01';
const CHANNEL = 'C0ANSWER1';
const redis = testRedis();
const prefix = freshPrefix('slack-answer');
const api = new FakeSlackApi();
let adapter: SlackAdapter;

const intake = form({
  id: 'onboarding.intake',
  title: 'Aanmelden',
  submitLabel: 'Versturen',
  locale: 'nl',
  fields: [{ name: 'name', type: 'text', label: 'Naam', required: true, maxLength: 100 }],
});

const ephemeral = (user: string, replyHandle?: string): OutboundEnvelope => ({
  key: `answer:${user}:${Math.random()}`,
  to: {
    kind: 'ephemeral',
    conversationId: `slack:${TEAM}:${CHANNEL}`,
    userId: `slack:${TEAM}:${user}`,
  },
  message: text(`Hallo ${user}`),
  interactive: true,
  ...(replyHandle ? { replyHandle } : {}),
});

beforeAll(async () => {
  await api.start();
  adapter = slackAdapterForTest(api, redis, prefix);
});
afterAll(async () => {
  await api.stop();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('answers through the response_url', () => {
  it('posts an ephemeral answer to the response_url, with no Web API call', async () => {
    const url = api.responseUrl('U0RESP001', CHANNEL);
    const before = api.calls.length;
    expect(await adapter.answer(ephemeral('U0RESP001', url))).toBeNull();
    const [call, ...more] = api.calls.slice(before);
    expect(more).toEqual([]);
    expect(call).toMatchObject({
      method: 'response_url',
      args: { response_type: 'ephemeral', replace_original: false, user: 'U0RESP001' },
    });
    expect(api.answersFor('U0RESP001').map((a) => a.method)).toEqual(['response_url']);
  });

  it('replaces the card a button was on', async () => {
    const url = api.responseUrl('U0RESP002', CHANNEL);
    const replaces = { conversationId: `slack:${TEAM}:${CHANNEL}`, messageId: '1700000000.000100' };
    const ref = await adapter.answer({
      key: 'card:U0RESP002',
      to: { kind: 'conversation', id: `slack:${TEAM}:${CHANNEL}` },
      message: card({ text: 'Gesteund door 3 partners' }),
      replaces,
      interactive: true,
      replyHandle: url,
    });
    expect(ref).toEqual(replaces);
    expect(api.of('response_url').at(-1)?.args).toMatchObject({ replace_original: true });
    expect(api.of('chat.update')).toEqual([]);
  });

  it('falls back to chat.postEphemeral once the response_url is used up (5 uses)', async () => {
    const url = api.responseUrl('U0RESP003', CHANNEL);
    for (let i = 0; i < 5; i++) await adapter.answer(ephemeral('U0RESP003', url));
    const ref = await adapter.answer(ephemeral('U0RESP003', url));
    expect(ref?.conversationId).toBe(`slack:${TEAM}:${CHANNEL}`);
    expect(api.answersFor('U0RESP003').map((a) => a.method)).toEqual([
      ...Array(5).fill('response_url'),
      'chat.postEphemeral',
    ]);
  });

  it('falls back when Slack refuses the URL (expired after 30 minutes)', async () => {
    const url = api.responseUrl('U0RESP004', CHANNEL);
    const realNow = api.now;
    api.now = () => Date.now() + 31 * 60_000;
    try {
      await adapter.answer(ephemeral('U0RESP004', url));
    } finally {
      api.now = realNow;
    }
    expect(api.answersFor('U0RESP004').map((a) => a.method)).toEqual(['chat.postEphemeral']);
    // The URL is now known spent: the next answer goes straight to the Web API.
    await adapter.answer(ephemeral('U0RESP004', url));
    expect(api.rejected.filter((c) => c.method === 'response_url')).toHaveLength(1);
  });

  it('never posts to a URL that is not Slack’s (or the configured stand-in’s)', async () => {
    const envelope = ephemeral('U0RESP005', 'https://attacker.example/hook');
    expect(await adapter.answer(envelope)).toBeUndefined();
    expect(adapter.pace(envelope).map((b) => b.workspace)).toEqual([
      `slack:${TEAM}#chat.postEphemeral`,
    ]);
  });

  it('leaves direct messages and envelopes without a handle to send', async () => {
    expect(await adapter.answer(ephemeral('U0RESP006'))).toBeUndefined();
    expect(
      await adapter.answer({
        key: 'dm',
        to: { kind: 'direct', userId: `slack:${TEAM}:U0RESP006` },
        message: text('hoi'),
        interactive: true,
        replyHandle: api.responseUrl('U0RESP006', 'D0RESP006'),
      }),
    ).toBeUndefined();
  });
});

describe('forms with a trigger', () => {
  const formEnvelope = (user: string, trigger: string): OutboundEnvelope => ({
    key: `form:${user}`,
    to: { kind: 'direct', userId: `slack:${TEAM}:${user}` },
    message: intake,
    trigger,
    interactive: true,
  });

  it('opens the modal at once with a fresh trigger', async () => {
    const envelope = formEnvelope('U0FORM001', api.trigger('U0FORM001'));
    expect(adapter.pace(envelope).map((b) => b.workspace)).toEqual([`slack:${TEAM}#views.open`]);
    expect(await adapter.answer(envelope)).toBeNull();
    expect(api.answersFor('U0FORM001').map((a) => a.method)).toEqual(['views.open']);
  });

  it('an expired trigger fails for good as trigger_expired, tried once', async () => {
    const trigger = api.trigger('U0FORM002', Date.now() - 4000);
    const error = await adapter.answer(formEnvelope('U0FORM002', trigger)).catch((e) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(isTriggerExpired(error)).toBe(true);
    expect(api.deadTriggers.map((d) => d.error)).toEqual(['expired_trigger_id']);
  });

  it('a used trigger too; the core then sends the form behind a button', async () => {
    const trigger = api.trigger('U0FORM003');
    await adapter.answer(formEnvelope('U0FORM003', trigger));
    const ref = await deliverEnvelope(
      new AdapterRegistry([adapter]),
      formEnvelope('U0FORM003', trigger),
    );
    expect(api.deadTriggers.at(-1)?.error).toBe('trigger_exchanged');
    expect(ref?.conversationId).toBe(`slack:${TEAM}:D0FORM003`);
    const post = api.of('chat.postMessage').find((c) => c.args.channel === 'D0FORM003');
    expect(JSON.stringify(post?.args.blocks)).toContain('slack.open-form');
  });
});

describe('pacing per method', () => {
  it('names the bucket of the method each envelope will use', () => {
    const ws = `slack:${TEAM}`;
    const to = { kind: 'conversation' as const, id: `slack:${TEAM}:${CHANNEL}` };
    const channel = adapter.pace({ key: 'c', to, message: text('x') });
    expect(channel).toEqual([
      {
        destination: to.id,
        workspace: ws,
        windows: { destination: [{ limit: 1, ms: 1000 }], workspace: [{ limit: 300, ms: 60_000 }] },
      },
    ]);
    const update = adapter.pace({
      key: 'u',
      to,
      message: text('x'),
      replaces: { conversationId: to.id, messageId: '1.2' },
    });
    expect(update[0]?.workspace).toBe(`${ws}#chat.update`);
    expect(update[0]?.windows.workspace).toEqual([{ limit: 50, ms: 60_000 }]);
    const home = adapter.pace({
      key: 'h',
      to: { kind: 'home', userId: `slack:${TEAM}:U1` },
      message: text('x'),
    });
    expect(home[0]?.workspace).toBe(`${ws}#views.publish`);
    const viaUrl = adapter.pace(ephemeral('U0PACE001', api.responseUrl('U0PACE001', CHANNEL)));
    expect(viaUrl).toEqual([]);
  });
});
