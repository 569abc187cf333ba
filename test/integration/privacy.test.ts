/**
 * Privacy through the real app (local mode, real queue and workers): a person with a member
 * record, conversation state, an e-mail link, a linked Slack identity, activity, a record in a
 * flow's collection, a waiting reminder, a delivered answer (ledger, chat log) asks
 * `privacy inzien` and gets a one-time download of everything; `privacy vergeten` asks for a
 * confirmation, the button erases, a sweep a minute later erases what the answer left — and
 * then no key under the prefix names them (ids, name, address) outside the audit trail, where
 * the erasure shows under a pseudonym. The platforms' own references (Teams, Slack) are
 * erased through their holders the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LocalAdapter } from '../../adapters/local/local-adapter.js';
import { SlackPersonalData } from '../../adapters/slack/personal-data.js';
import { ConversationRefs } from '../../adapters/teams/conversation-refs.js';
import { teamsPersonalData } from '../../adapters/teams/personal-data.js';
import type { InboundEvent } from '../../src/core/events.js';
import { Store } from '../../src/store/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { registerMember } from '../helpers/members.js';
import { personalTraces } from '../helpers/personal-scan.js';
import { eventually } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const A = 'energieregio-west';
const ANNA = 'local:demo:anna';
const ANNA_SLACK = 'slack:T0DEMO01:U0ANNA0001';
const NAME = 'Anna de Vries';
const ADDRESS = 'anna.devries@leiden.example';
const DM = 'local:demo:dm-anna';
const now = () => new Date().toISOString();

const Note = z.object({ by: z.string(), text: z.string() });
const notes = {
  name: 'test.note',
  schema: Note,
  purpose: { nl: 'een notitie', en: 'a note' },
  people: (r: z.infer<typeof Note>) => [r.by],
  anonymise: () => null,
};

let seq = 0;
function event(type: 'message' | 'button', body: Record<string, unknown>): InboundEvent {
  return {
    eventId: `privacy-${++seq}-${Date.now()}`,
    platform: 'local',
    actor: { userId: ANNA },
    conversation: { id: DM, kind: 'direct' },
    ...(type === 'message' ? { type: 'message' } : { type: 'button_pressed' }),
    ...body,
  } as InboundEvent;
}

const redis = testRedis();
let app: TestApp;
let local: LocalAdapter;

beforeAll(async () => {
  app = await startTestApp();
  const adapter = app.app.adapters.all().find((a) => a.platform === 'local');
  if (!(adapter instanceof LocalAdapter)) throw new Error('local adapter expected');
  local = adapter;
});
afterAll(async () => {
  await app.stop();
  await redis.quit();
});

async function dmTexts(): Promise<string[]> {
  return (await local.chat.history(DM)).map((m) => m.text);
}

describe('privacy in the app', () => {
  it('exports everything once, erases after a confirmation, and leaves nothing behind', async () => {
    const { store, engine, queue } = app.app;
    const at = now();
    await registerMember(store, {
      allianceId: A,
      userId: ANNA,
      partnerId: 'gemeente-leiden',
      partnerName: 'Gemeente Leiden',
      partnerType: 'gemeente',
      name: NAME,
      role: 'Beleidsadviseur',
      goals: 'Zon op daken',
      offers: 'Kennis',
      needs: 'Netcapaciteit',
      joinedAt: at,
    });
    await store.state.set(A, ANNA, { flow: 'ideas', step: 'title', data: { draft: NAME } });
    await store.identities.remember(ANNA_SLACK, ADDRESS);
    await store.links.join(A, ANNA, [ANNA_SLACK], undefined, new Date());
    await store.collection(notes).create(A, 'n1', { by: ANNA_SLACK, text: `van ${NAME}` });
    await queue.reminders.schedule(A, {
      id: 'test-later',
      flow: 'onboarding',
      kind: 'nudge',
      at: new Date(Date.now() + 3600_000),
      data: { userId: ANNA },
    });
    await engine.handle(event('message', { text: 'hulp' }));
    await eventually(async () => ((await dmTexts()).length > 0 ? true : 'no answer yet'));

    // Export: a card with a one-time link to everything.
    await engine.handle(event('message', { text: 'privacy inzien' }));
    let link = '';
    await eventually(async () => {
      const found = (await dmTexts())
        .join('\n')
        .match(/http:\/\/localhost:\d+\/privacy\/export\/[\w-]{43}/);
      link = found?.[0] ?? '';
      return link ? true : 'no link yet';
    });
    const url = link.replace(/^http:\/\/localhost:\d+/, app.baseUrl);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    const file = await fetch(url, { method: 'POST' });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const exported = (await file.json()) as { data: { kind: string; records: unknown[] }[] };
    const kinds = exported.data.map((p) => p.kind);
    for (const kind of [
      'members',
      'conversation-state',
      'activity',
      'identities',
      'identity-links',
      'test.note',
      'queued-jobs',
    ])
      expect(kinds, kind).toContain(kind);
    expect(JSON.stringify(exported)).toContain(NAME);
    expect((await fetch(url, { method: 'POST' })).status).toBe(404);

    const marks = { ids: [ANNA, ANNA_SLACK], names: [NAME], extra: [ADDRESS] };
    expect((await personalTraces(redis, app.prefix, marks)).length).toBeGreaterThan(8);

    // Forget: a confirmation first, nothing erased yet.
    await engine.handle(event('message', { text: 'privacy vergeten' }));
    await eventually(async () =>
      (await dmTexts()).some((t) => t.includes('Alles wissen?')) ? true : 'no confirmation yet',
    );
    expect(await store.members.getMember(A, ANNA)).not.toBeNull();
    await engine.handle(event('button', { actionId: 'privacy.forget' }));
    expect(await store.members.getMember(A, ANNA)).toBeNull();

    // The sweep (due a minute later) erases what the answers left; run it now.
    await eventually(async () =>
      (await queue.reminderQueue.getDelayedCount()) > 0 ? true : 'no sweep yet',
    );
    await queue.reminderQueue.promoteJobs();
    await eventually(async () => {
      const c = await queue.reminderQueue.getJobCounts('delayed', 'wait', 'active');
      return (c.delayed ?? 0) + (c.wait ?? 0) + (c.active ?? 0) === 0 ? true : JSON.stringify(c);
    });

    const left = await personalTraces(redis, app.prefix, marks);
    expect(left).toEqual([]);

    // The audit trail keeps the export and the erasure, Anna only under her pseudonym (the
    // roles the config gave at the start are there too).
    const trail = await store.audit.read(A, { kind: 'privacy' });
    expect(trail.map((e) => e.kind)).toEqual(['privacy.erased', 'privacy.exported']);
    const pseudonym = await store.audit.pseudonym(A, ANNA);
    for (const entry of trail) {
      expect(entry.actor).toBe(pseudonym);
      expect(JSON.stringify(entry)).not.toContain(NAME);
    }
    expect(trail[0]?.subject).toBe(pseudonym);
  });
});

describe('the platforms’ references', () => {
  it('are exported and erased by the Teams and Slack holders, channel references kept', async () => {
    const prefix = freshPrefix('privacy-platforms');
    const store = new Store(redis, prefix);
    const tenant = '00000000-0000-0000-0000-0000000000aa';
    const teamsId = `teams:${tenant}:10000000-0000-0000-0000-00000000a001`;
    const refs = new ConversationRefs(redis, prefix);
    const ref = {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      tenantId: tenant,
      bot: { id: '28:bot' },
      conversation: { id: 'a:1personal' },
    };
    await refs.remember('teams:x:a:1personal', ref, teamsId);
    await refs.remember('teams:x:19:channel', { ...ref, conversation: { id: '19:channel' } });
    await redis.set(`${prefix}teams:person:{${teamsId}}`, JSON.stringify({ name: NAME }));
    await redis.set(`${prefix}teams:email:{${teamsId}}`, JSON.stringify({ email: ADDRESS }));
    await redis.set(`${prefix}slack:email:{T0DEMO01}:U0ANNA0001`, JSON.stringify({ v: ADDRESS }));
    await redis.sadd(
      `${prefix}slack:people:{T0DEMO01}`,
      `${prefix}slack:email:{T0DEMO01}:U0ANNA0001`,
    );
    store.personalDataRegistry.add([
      teamsPersonalData(redis, prefix),
      new SlackPersonalData(redis, prefix),
    ]);
    const subject = { allianceId: A, userIds: [teamsId, ANNA_SLACK], names: [NAME] };
    try {
      const teams = store.personalData().find((h) => h.kind === 'teams');
      expect(await teams?.countFor(subject)).toBe(3);
      for (const h of store.personalData()) await h.eraseFor(subject);
      expect(
        await personalTraces(redis, prefix, {
          ids: [teamsId, ANNA_SLACK],
          names: [NAME],
          extra: [ADDRESS],
        }),
      ).toEqual([]);
      expect(await refs.byConversation('teams:x:19:channel')).toBeDefined();
    } finally {
      await deletePrefix(redis, prefix);
    }
  });
});
