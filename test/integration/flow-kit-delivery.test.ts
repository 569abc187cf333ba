/**
 * What the engine hands on, against real Redis: every send returns a handle ({key, to}) and
 * `ctx.update` changes that message where it went, also from a later event through a handle
 * kept in a record; idempotency keys say what a message is (occurrence, flow, purpose,
 * destination), so a retried event or job makes the same keys and a reminder id used again
 * makes new ones — checked with runJob and with the real reminder queue. An event counts as
 * handled only once its flow and dispatch finished: an internal failure the queue will retry
 * leaves it unhandled and says nothing; the retry answers once; the last attempt tells the
 * person; a delivery after completion is a duplicate.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OutboundEnvelopeSchema } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import type { JobRun } from '../../src/core/jobs.js';
import { type MessageHandle, MessageHandleSchema, text } from '../../src/core/messages.js';
import type { Flow } from '../../src/engine/flow.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import type { CollectionSpec } from '../../src/store/records.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  fakeAdapter,
  KIT,
  type Kit,
  MIA,
  press,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';
import { eventually } from '../helpers/queue.js';
import { REDIS_SETTINGS } from '../helpers/redis.js';

interface Posted {
  id: string;
  handles: MessageHandle[];
}
const posts: CollectionSpec<Posted> = {
  name: 'news.post',
  schema: z.object({ id: z.string(), handles: z.array(MessageHandleSchema) }),
  purpose: { nl: 'test', en: 'test' },
  people: () => [],
  anonymise: (r) => r,
};

/** What the flow got back from its sends, per run. */
const returned: Record<string, MessageHandle | MessageHandle[]>[] = [];

const news: Flow = {
  id: 'news',
  subcommands: [
    {
      command: 'digest',
      describe: () => 'nieuws',
      async run(ctx) {
        const channel = { kind: 'conversation' as const, id: CHANNEL };
        const summary = ctx.send(channel, text('Samenvatting'), { purpose: 'summary' });
        const elsewhere = ctx.send(
          { kind: 'conversation', id: SLACK_CHANNEL },
          text('Samenvatting'),
          {
            purpose: 'summary',
          },
        );
        const highlight = ctx.send(channel, text('Uitgelicht'), { purpose: 'highlight' });
        const copies = ctx.postToAllianceChannels(text('Aankondiging'), {
          purpose: 'announcement',
        });
        const direct = ctx.sendDirect(CARLA, text('Voor de coördinator'), { purpose: 'notice' });
        ctx.update(summary, text('Samenvatting (bijgewerkt)'));
        ctx.update(copies, text('Aankondiging (bijgewerkt)'));
        await ctx.store.collection(posts).put(ctx.alliance.id, 'announcement', {
          id: 'announcement',
          handles: copies,
        });
        returned.push({ summary, elsewhere, highlight, copies, direct });
        ctx.reply(text('Verstuurd'));
      },
    },
  ],
  actions: [
    {
      id: 'news.close',
      async run(ctx) {
        const post = await ctx.store.collection(posts).get(ctx.alliance.id, 'announcement');
        if (post) ctx.update(post.handles, text('Aankondiging (gesloten)'));
      },
    },
  ],
  async onReminder(ctx, kind, data) {
    ctx.sendDirect(String(data.userId), text(`Herinnering ${kind}`), { purpose: 'nudge' });
    ctx.postToAllianceChannels(text('Herinnering voor iedereen'), { purpose: 'nudge' });
  },
};

let failing = false;
let attempts = 0;
const fragile: Flow = {
  id: 'fragile',
  subcommands: [
    {
      command: 'health',
      describe: () => 'gezondheid',
      async run(ctx) {
        attempts++;
        ctx.postToAllianceChannels(text('Half verstuurd'), { purpose: 'half' });
        if (failing) throw new Error('the database hiccuped');
        ctx.reply(text('Gezond'));
      },
    },
  ],
};

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ flows: [news, fragile] });
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
  returned.length = 0;
  failing = false;
  attempts = 0;
});

const keysOf = (envelopes: { key: string }[]) => envelopes.map((e) => e.key);

describe('message handles', () => {
  it('are returned by every send, and an update goes to the same place under the handle', async () => {
    await kit.engine.handle(say(MIA, 'overzicht'));
    const [got] = returned;
    if (!got) throw new Error('the flow did not run');
    const sent = kit.dispatcher.all;
    const { summary, elsewhere, highlight, copies, direct } = got as Record<
      string,
      MessageHandle
    > & {
      copies: MessageHandle[];
    };
    expect(summary?.to).toEqual({ kind: 'conversation', id: CHANNEL });
    expect(elsewhere?.to).toEqual({ kind: 'conversation', id: SLACK_CHANNEL });
    expect(direct?.to).toEqual({ kind: 'direct', userId: CARLA });
    // One copy per linked channel, on every platform.
    expect(copies).toHaveLength(2);
    expect(copies.map((h) => h.to)).toEqual(
      expect.arrayContaining([
        { kind: 'conversation', id: SLACK_CHANNEL },
        { kind: 'conversation', id: CHANNEL },
      ]),
    );
    // Each handle is the key of the envelope that carries the message.
    for (const handle of [summary, elsewhere, highlight, direct, ...copies]) {
      const envelope = sent.find((e) => e.key === handle?.key);
      expect(envelope?.to).toEqual(handle?.to);
      expect(envelope?.updates).toBeUndefined();
    }
    // The updates: one per handle, to its destination, naming the handle's key.
    const updates = sent.filter((e) => e.updates !== undefined);
    expect(updates.map((e) => ({ updates: e.updates, to: e.to }))).toEqual([
      { updates: summary?.key, to: summary?.to },
      ...copies.map((h) => ({ updates: h.key, to: h.to })),
    ]);
    expect(updates[0]?.message).toEqual(text('Samenvatting (bijgewerkt)'));
    // Every envelope is one the outbox takes.
    for (const e of sent) OutboundEnvelopeSchema.parse(e);
  });

  it('keep working from a later event: a handle kept in a record updates every copy', async () => {
    await kit.engine.handle(say(MIA, 'overzicht'));
    const copies = returned[0]?.copies as MessageHandle[];
    kit.dispatcher.clear();
    await kit.engine.handle(press(CARLA, 'news.close'));
    const updates = kit.dispatcher.all;
    expect(updates.map((e) => [e.updates, e.to])).toEqual(copies.map((h) => [h.key, h.to]));
    expect(
      updates.every((e) => e.message.kind === 'text' && e.message.text.includes('gesloten')),
    ).toBe(true);
    // The later event's update has a key of its own (it is a message of that event).
    expect(updates.map((e) => e.key).some((k) => copies.some((h) => h.key === k))).toBe(false);
  });

  it('differ per purpose and per destination', async () => {
    await kit.engine.handle(say(MIA, 'overzicht'));
    const keys = keysOf(kit.dispatcher.all);
    expect(new Set(keys).size).toBe(keys.length);
    const got = returned[0] as Record<string, MessageHandle>;
    expect(got.summary?.key).not.toBe(got.highlight?.key); // same place, another purpose
    expect(got.summary?.key).not.toBe(got.elsewhere?.key); // same purpose, another place
    expect(got.summary?.key).toContain(':news:summary:');
  });
});

describe('idempotency keys across a retry', () => {
  it('are the same when an event is handled again after its dispatch failed', async () => {
    kit.dispatcher.failNext = 1;
    const event = say(MIA, 'overzicht');
    await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
      RetryableEventError,
    );
    expect(await kit.store.wasHandled(`local:${event.eventId}`)).toBe(false);
    const again = await kit.engine.handle(event, { lastAttempt: false });
    expect(again).toEqual({ duplicate: false });
    const [first, second] = kit.dispatcher.batches;
    expect(first && second).toBeTruthy();
    expect(keysOf(second ?? [])).toEqual(keysOf(first ?? []));
    expect(returned[1]).toEqual(returned[0]);
    expect(await kit.store.wasHandled(`local:${event.eventId}`)).toBe(true);
  });

  it('differ for another event asking the same', async () => {
    await kit.engine.handle(say(MIA, 'overzicht'));
    await kit.engine.handle(say(MIA, 'overzicht'));
    const [a, b] = kit.dispatcher.batches;
    const shared = keysOf(a ?? []).filter((k) => keysOf(b ?? []).includes(k));
    expect(shared).toEqual([]);
  });

  const reminder = (at: string): JobRun => ({
    allianceId: KIT,
    flow: 'news',
    kind: 'nudge',
    data: { userId: MIA },
    key: `reminder:${KIT}:nudge-mia@${at}`,
    type: 'reminder',
  });

  it('are the same when a reminder runs twice, and new when its id is scheduled again', async () => {
    await kit.engine.runJob(reminder('2026-03-01T09:00:00.000Z'));
    await kit.engine.runJob(reminder('2026-03-01T09:00:00.000Z'));
    await kit.engine.runJob(reminder('2026-03-08T09:00:00.000Z'));
    const [first, retried, later] = kit.dispatcher.batches.map(keysOf);
    expect(first).toHaveLength(3); // Mia, and the two linked channels
    expect(retried).toEqual(first);
    expect(later).toHaveLength(3);
    expect(later?.filter((k) => first?.includes(k))).toEqual([]);
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Herinnering nudge',
      'Herinnering nudge',
      'Herinnering nudge',
    ]);
  });
});

describe('a reminder id used again, through the real reminder queue', () => {
  let runtime: QueueRuntime;
  beforeAll(async () => {
    runtime = new QueueRuntime({
      redis: REDIS_SETTINGS,
      prefix: kit.prefix,
      store: kit.store,
      directory: kit.directory,
      log: pino({ level: 'silent' }),
    });
    await runtime.startWorkers({
      adapters: new AdapterRegistry([fakeAdapter('local'), fakeAdapter('slack')]),
      runJob: (job) => kit.engine.runJob(job),
      concurrency: 2,
    });
  });
  afterAll(async () => {
    await runtime.close();
  });

  it('fires again with new keys', async () => {
    const schedule = (at: Date) =>
      runtime.reminders.schedule(KIT, {
        id: 'nudge-mia',
        flow: 'news',
        kind: 'nudge',
        at,
        data: { userId: MIA },
      });
    const gone = async () =>
      (await runtime.reminderQueue.getJob(runtime.reminders.jobId(KIT, 'nudge-mia')))
        ? 'the reminder job is still there'
        : true;
    await schedule(new Date(Date.now() - 60_000));
    await eventually(() => (kit.dispatcher.batches.length === 1 ? true : 'not fired yet'));
    await eventually(gone);
    await schedule(new Date(Date.now() - 30_000));
    await eventually(() => (kit.dispatcher.batches.length === 2 ? true : 'not fired again'));
    const [first, second] = kit.dispatcher.batches.map(keysOf);
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    expect(second?.filter((k) => first?.includes(k))).toEqual([]);
    expect(first?.[0]).toMatch(new RegExp(`^reminder:${KIT}:nudge-mia@\\d{4}-`));
  });
});

describe('an event is handled only when it finished', () => {
  it('stays unhandled and says nothing when its flow fails while the queue will retry', async () => {
    failing = true;
    const event = say(MIA, 'gezondheid');
    const error = await kit.engine.handle(event, { lastAttempt: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableEventError);
    expect((error as RetryableEventError).code).toBe('internal');
    expect(await kit.store.wasHandled(`local:${event.eventId}`)).toBe(false);
    // What the flow said before it failed is not sent.
    expect(kit.dispatcher.all).toEqual([]);

    failing = false;
    expect(await kit.engine.handle(event, { lastAttempt: false })).toEqual({ duplicate: false });
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual(['Gezond']);
    expect(kit.dispatcher.all.filter((e) => e.to.kind === 'conversation')).toHaveLength(2);
    expect(attempts).toBe(2);

    // Delivered once more after it finished: a duplicate, nothing runs or is sent.
    const sent = kit.dispatcher.all.length;
    expect(await kit.engine.handle(event)).toEqual({ duplicate: true });
    expect(await kit.engine.handle(event, { lastAttempt: false })).toEqual({ duplicate: true });
    expect(kit.dispatcher.all).toHaveLength(sent);
    expect(attempts).toBe(2);
  });

  it('tells the person on the last attempt, in their language', async () => {
    failing = true;
    const nl = await kit.engine.handle(say(MIA, 'gezondheid'));
    expect(nl).toEqual({ duplicate: false, error: 'internal' });
    const en = await kit.engine.handle(say(MIA, 'health', { locale: 'en' }));
    expect(en.error).toBe('internal');
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Er ging iets mis aan mijn kant. Probeer het zo nog eens; blijft het misgaan, laat het de coördinator weten.',
      'Something went wrong on my side. Please try again in a moment; if it keeps failing, tell the coordinator.',
    ]);
    // Only the error answers went out, not what the flow said before it failed.
    expect(kit.dispatcher.all).toHaveLength(2);
  });

  it('stays unhandled when its dispatch fails while the queue will retry', async () => {
    kit.dispatcher.failNext = 1;
    const event = say(MIA, 'gezondheid');
    await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
      RetryableEventError,
    );
    expect(await kit.store.wasHandled(`local:${event.eventId}`)).toBe(false);
    expect(await kit.engine.handle(event, { lastAttempt: false })).toEqual({ duplicate: false });
    expect(await kit.store.wasHandled(`local:${event.eventId}`)).toBe(true);
  });
});
