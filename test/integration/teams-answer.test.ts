/**
 * Interactive answers on Teams and messages in several parts. An answer leaves at once as a
 * proactive message (continueConversation): into the channel thread the request came from, to
 * the person privately for an ephemeral one, and a pressed card is updated in place. A message
 * too big for one activity is sent in parts, its handle names them all, and an update changes
 * every part (sending the parts a longer version adds, deleting those a shorter one drops).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import { ActivitySchema, toEvents } from '../../adapters/teams/parse.js';
import { card, type OutboundMessage, text } from '../../src/core/messages.js';
import { BOT_ID, startTeamsHarness, TENANT, type TeamsHarness } from '../fakes/teams-app.js';

const CHANNEL = '19:antwoorden@thread.tacv2';
const CHANNEL_ID = `teams:${TENANT}:${CHANNEL}`;
const PERSON = `teams:${TENANT}:40000000-0000-0000-0000-000000000001`;

let h: TeamsHarness;
let teams: TeamsAdapter;

beforeAll(async () => {
  h = await startTeamsHarness();
  teams = h.app.app.adapters.all().find((a) => a.platform === 'teams') as TeamsAdapter;
  await teams.refs.remember(CHANNEL_ID, {
    serviceUrl: h.connector.url,
    channelId: 'msteams',
    tenantId: TENANT,
    bot: { id: BOT_ID },
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
  });
  await teams.refs.remember(
    `teams:${TENANT}:a:dm-answers`,
    {
      serviceUrl: h.connector.url,
      channelId: 'msteams',
      tenantId: TENANT,
      bot: { id: BOT_ID },
      conversation: { id: 'a:dm-answers', conversationType: 'personal', tenantId: TENANT },
    },
    PERSON,
  );
});
afterAll(async () => {
  await h?.stop();
});

/**
 * A card of 60 long fields: three activities' worth. (Rendering a card that must be split
 * takes about a second, so each version is rendered once.)
 */
function long(word: string): OutboundMessage {
  return card({
    header: `Overzicht ${word}`,
    fields: Array.from({ length: 60 }, (_, i) => ({ label: `Veld ${i}`, value: word.repeat(500) })),
  });
}
let partsOfLong = 0;

const updates = (id: string) =>
  h.connector.calls.filter((c) => c.kind === 'update' && c.activityId === id);
const deletes = (id: string) =>
  h.connector.calls.filter((c) => c.kind === 'delete' && c.activityId === id);

describe('a message in several parts', () => {
  it('names every part in its handle, and an update changes each of them', async () => {
    const sent = await teams.send({ kind: 'conversation', id: CHANNEL_ID }, long('x'));
    partsOfLong = sent.parts?.length ?? 0;
    expect(partsOfLong).toBeGreaterThan(1);
    const posted = h.connector.posted(CHANNEL).map((c) => String(c.result));
    expect(sent.parts).toEqual(posted.slice(-partsOfLong));
    expect(sent.messageId).toBe(sent.parts?.[0]);

    const again = await teams.update(sent, long('y'));
    expect(again.parts).toEqual(sent.parts);
    for (const id of sent.parts ?? []) {
      expect(updates(id)).toHaveLength(1);
      expect(JSON.stringify(updates(id)[0]?.body)).toContain('yyyy');
    }
  });

  it('deletes the parts a shorter version no longer has, and sends those a longer one adds', async () => {
    const sent = await teams.send({ kind: 'conversation', id: CHANNEL_ID }, long('x'));
    const [first, ...rest] = sent.parts ?? [];
    const shorter = await teams.update(sent, text('Samengevat: alles in orde.'));
    expect(shorter).toEqual({ conversationId: CHANNEL_ID, messageId: first });
    expect(updates(String(first))).toHaveLength(1);
    for (const id of rest) expect(deletes(id)).toHaveLength(1);

    const postedBefore = h.connector.posted(CHANNEL).length;
    const longer = await teams.update(shorter, long('z'));
    expect(longer.messageId).toBe(first);
    expect(longer.parts).toHaveLength(partsOfLong);
    expect(h.connector.posted(CHANNEL)).toHaveLength(postedBefore + partsOfLong - 1);
  });

  it('keeps a one-part message a plain handle', async () => {
    const sent = await teams.send({ kind: 'conversation', id: CHANNEL_ID }, text('kort'));
    expect(sent.parts).toBeUndefined();
  });
});

describe('interactive answers', () => {
  it("answer a request in a channel in the request's thread, at once", async () => {
    const request = ActivitySchema.parse({
      type: 'message',
      id: '1790000000123',
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: '29:1vraag', aadObjectId: '40000000-0000-0000-0000-000000000002' },
      recipient: { id: BOT_ID },
      conversation: {
        id: `${CHANNEL};messageid=1790000000123`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: TENANT,
      },
      channelData: { tenant: { id: TENANT } },
      text: '<at>Alliantiebot</at> hulp',
    });
    const [event] = toEvents(request);
    expect(event?.replyHandle).toBe('thread:1790000000123');
    const sent = await teams.answer({
      key: 'answer-1',
      to: { kind: 'conversation', id: CHANNEL_ID },
      message: text('Zo werkt het'),
      interactive: true,
      ...(event?.replyHandle ? { replyHandle: event.replyHandle } : {}),
    });
    const reply = h.connector.posted(`${CHANNEL};messageid=1790000000123`).at(-1);
    expect(reply?.body.text).toBe('Zo werkt het');
    // The handle names the channel: an update later finds the message there.
    expect(sent).toEqual({ conversationId: CHANNEL_ID, messageId: String(reply?.result) });
  });

  it('a foreign or malformed reply handle does not leave the channel', async () => {
    const before = h.connector.posted(CHANNEL).length;
    await teams.answer({
      key: 'answer-2',
      to: { kind: 'conversation', id: CHANNEL_ID },
      message: text('Los bericht'),
      interactive: true,
      replyHandle: 'thread:12;messageid=evil',
    });
    expect(h.connector.posted(CHANNEL)).toHaveLength(before + 1);
    expect(h.connector.posted(CHANNEL).at(-1)?.body.text).toBe('Los bericht');
  });

  it('update the card that was pressed in place, instead of posting a new one', async () => {
    const shown = await teams.send({ kind: 'direct', userId: PERSON }, card({ text: 'Doe mee?' }));
    const posted = h.connector.posted('a:dm-answers').length;
    const answered = await teams.answer({
      key: 'answer-3',
      to: { kind: 'direct', userId: PERSON },
      message: card({ text: 'Je doet mee.' }),
      interactive: true,
      replaces: shown,
    });
    expect(answered?.messageId).toBe(shown.messageId);
    expect(h.connector.posted('a:dm-answers')).toHaveLength(posted);
    const update = updates(shown.messageId).at(-1);
    expect(JSON.stringify(update?.body)).toContain('Je doet mee.');
  });

  it('send an ephemeral answer (Teams has none) to the person privately', async () => {
    const sent = await teams.answer({
      key: 'answer-4',
      to: { kind: 'ephemeral', conversationId: CHANNEL_ID, userId: PERSON },
      message: text('Alleen voor jou'),
      interactive: true,
    });
    expect(sent?.conversationId).toBe(`teams:${TENANT}:a:dm-answers`);
    expect(h.connector.posted('a:dm-answers').at(-1)?.body.text).toBe('Alleen voor jou');
  });

  it('leave a home page to the core (Teams has none)', async () => {
    const calls = h.connector.calls.length;
    const none = await teams.answer({
      key: 'answer-5',
      to: { kind: 'home', userId: PERSON },
      message: text('x'),
      interactive: true,
    });
    expect(none).toBeUndefined();
    expect(h.connector.calls).toHaveLength(calls);
  });
});
