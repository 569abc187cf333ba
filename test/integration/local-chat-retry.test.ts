/**
 * The web chat when the browser sends the same message again with the same client id (a
 * network retry): the message is recognised, shown once, handled once, and the retry gets the
 * same answer as the first. Over HTTP against the running app (local mode, real Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

const CHANNEL = 'local:demo:alliantie';
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
  from: { id: string; bot: boolean };
}

async function post(body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${t.baseUrl}/local/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function view(as: string, conversation = directConversationOf(as)): Promise<Seen[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(conversation)}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: Seen[] }).messages;
}
const written = async (as: string, text: string, conversation?: string) =>
  (await view(as, conversation)).filter((m) => !m.from.bot && m.text === text);
const answers = async (as: string, start: string) =>
  (await view(as)).filter((m) => m.from.bot && m.text.startsWith(start));

describe('a message the browser sends again with the same client id', () => {
  it('is shown once and answered once, and the retry gets the same answer', async () => {
    const as = 'local:demo:anna';
    const message = { as, conversation: directConversationOf(as), text: 'hulp', clientId: 'c-1' };
    const first = await post(message);
    const retry = await post(message);
    expect(first.status).toBe(202);
    expect(retry).toEqual(first);
    expect(await written(as, 'hulp')).toHaveLength(1);
    expect(await answers(as, 'Wat ik voor je kan doen')).toHaveLength(1);
  });

  it('is shown once when both arrive at the same moment', async () => {
    const as = 'local:demo:joost';
    const message = { as, conversation: directConversationOf(as), text: 'help', clientId: 'c-2' };
    const [a, b] = await Promise.all([post(message), post(message)]);
    expect(a.status).toBe(202);
    expect(b).toEqual(a);
    expect(await written(as, 'help')).toHaveLength(1);
    expect(await answers(as, 'What I can do for you')).toHaveLength(1);
  });

  it('answers the retry of a word the bot does not know the same way, without a second answer', async () => {
    const as = 'local:demo:pieter';
    const message = {
      as,
      conversation: directConversationOf(as),
      text: 'fietsen',
      clientId: 'c-3',
    };
    const first = await post(message);
    expect(first).toEqual({
      status: 202,
      body: expect.objectContaining({ error: 'unknown_command' }),
    });
    expect(await post(message)).toEqual(first);
    expect(await written(as, 'fietsen')).toHaveLength(1);
    expect(await answers(as, 'Het woord "fietsen" ken ik niet')).toHaveLength(1);
  });

  it('is shown once in a channel, where everyone sees it', async () => {
    const message = {
      as: 'local:demo:anna',
      conversation: CHANNEL,
      text: 'Goedemorgen allemaal',
      clientId: 'c-4',
    };
    const first = await post(message);
    expect(await post(message)).toEqual(first);
    expect(await written('local:demo:joost', 'Goedemorgen allemaal', CHANNEL)).toHaveLength(1);
  });

  it('is a new message with a new client id or none, even with the same words', async () => {
    const as = 'local:demo:fatima';
    const conversation = directConversationOf(as);
    await post({ as, conversation, text: 'hulp', clientId: 'c-5' });
    await post({ as, conversation, text: 'hulp', clientId: 'c-6' });
    await post({ as, conversation, text: 'hulp' });
    expect(await written(as, 'hulp')).toHaveLength(3);
    expect(await answers(as, 'Wat ik voor je kan doen')).toHaveLength(3);
  });

  it('is someone else’s own message when another persona happens to use the same client id', async () => {
    const message = { conversation: CHANNEL, text: '@alliantiebot hulp', clientId: 'c-7' };
    await post({ ...message, as: 'local:demo:anna' });
    await post({ ...message, as: 'local:demo:joost' });
    const seen = await written('local:demo:joost', '@alliantiebot hulp', CHANNEL);
    expect(seen.map((m) => m.from.id).sort()).toEqual(['local:demo:anna', 'local:demo:joost']);
    // Each of them gets their own answer, only they see it.
    for (const as of ['local:demo:anna', 'local:demo:joost']) {
      const helps = (await view(as, CHANNEL)).filter(
        (m) => m.from.bot && m.text.startsWith('Wat ik voor je kan doen'),
      );
      expect(helps, as).toHaveLength(1);
    }
  });

  it('is answered, not "busy", when a process that died mid-event still holds the person’s lock', async () => {
    const as = 'local:demo:pieter';
    // What a process killed while handling this person's previous event leaves behind: their
    // lock, held by nobody, until it expires (after longer than a handler waits for it).
    await t.app.store.redis.set(
      t.app.store.keys.lock('energieregio-west', as),
      'dead',
      'PX',
      7_000,
    );
    const res = await post({
      as,
      conversation: directConversationOf(as),
      text: 'hulp',
      clientId: 'c-8',
    });
    expect(res).toEqual({ status: 202, body: expect.not.objectContaining({ error: 'busy' }) });
    expect(await answers(as, 'Wat ik voor je kan doen')).toHaveLength(1);
  }, 30_000);
});
