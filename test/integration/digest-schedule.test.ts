/**
 * A coordinator plans the digest (`overzicht plannen` / `digest schedule`) on the real queue,
 * with a controlled clock driving the engine and the schedules: the alliance starts with the
 * default (Monday 09:00, Europe/Amsterdam); Friday 16:00 replaces it, the answer names the next
 * digest in local time, and the real BullMQ workers post it in every linked channel at 16:00
 * before and after the March DST change (15:00 then 14:00 UTC). A restart does not put the
 * default back, neither over the coordinator's choice nor over "off". The audit trail has each
 * change. Refused, next to the field and in the person's language, with nothing changed: a time
 * that is not one, none, and 02:30 on a Sunday (it does not exist on 28 March 2027).
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestFlow } from '../../flows/digest.js';
import { SCHEDULE_FORM } from '../../flows/digest-schedule.js';
import { helpFlow } from '../../flows/help.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { Engine } from '../../src/engine/engine.js';
import { FlowRegistry } from '../../src/engine/registry.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import {
  CARLA,
  CHANNEL,
  cardOf,
  fakeAdapter,
  KIT,
  kitAlliance,
  kitConfig,
  MIA,
  RecordingDispatcher,
  SLACK_CHANNEL,
  say,
  slash,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';
import { eventually } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

// Thursday 18 March 2027, 13:00 in Amsterdam; the clocks go forward on Sunday 28 March.
const clock = { now: new Date('2027-03-18T12:00:00Z') };
const prefix = freshPrefix('digest-plan');
const redis = testRedis();
const store = new Store(redis, prefix);
const directory = new AllianceDirectory(kitConfig(kitAlliance({ timeZone: 'Europe/Amsterdam' })));
const dispatcher = new RecordingDispatcher();
const adapters = new AdapterRegistry([fakeAdapter('local'), fakeAdapter('slack')]);
let runtime: QueueRuntime;
let engine: Engine;

/** A process on this Redis: an engine started as `npm start` starts it. */
async function startEngine(): Promise<Engine> {
  const started = new Engine({
    directory,
    store,
    flows: new FlowRegistry([helpFlow, digestFlow]),
    dispatcher,
    adapters,
    log: pino({ level: 'silent' }),
    clock: () => clock.now,
    reminders: runtime.reminders,
    schedules: runtime.schedules,
  });
  await started.start();
  return started;
}

const privately = (userId: string) =>
  dispatcher.all
    .filter((e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId)
    .map((e) => e.message);

const digestSchedule = async () =>
  (await runtime.schedules.list(KIT)).find((s) => s.id === 'weekly-digest');

/** Moves the clock to the waiting digest and lets the real workers post it. */
async function fire(): Promise<{ at: string; posted: OutboundEnvelope[] }> {
  const delayed = await runtime.scheduleQueue.getDelayed();
  expect(delayed).toHaveLength(1);
  const job = delayed[0];
  if (!job) throw new Error('no digest waiting');
  const at = String((job.data as { occurrence?: { at: string } }).occurrence?.at);
  dispatcher.clear();
  clock.now = new Date(at);
  await job.promote();
  await eventually(() => (dispatcher.all.length >= 2 ? true : 'digest not posted'));
  return { at, posted: dispatcher.all };
}

beforeAll(async () => {
  runtime = new QueueRuntime({
    redis: REDIS_SETTINGS,
    prefix,
    store,
    directory,
    log: pino({ level: 'silent' }),
    clock: () => clock.now,
  });
  engine = await startEngine();
  await runtime.startWorkers({ adapters, runJob: (job) => engine.runJob(job), concurrency: 2 });
});

afterAll(async () => {
  await runtime?.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('planning the digest', () => {
  it('starts on the default, Monday 09:00, and shows it in the form', async () => {
    expect((await digestSchedule())?.cron).toBe('0 9 * * 1');
    dispatcher.clear();
    await engine.handle(slash(CARLA, 'digest', 'plannen'));
    const [form] = privately(CARLA);
    if (form?.kind !== 'form') throw new Error('no form');
    expect(form.form.title).toBe('Weekoverzicht plannen');
    expect(form.form.intro).toContain('Tijden in Europe/Amsterdam. Nu: elke maandag om 09:00;');
    expect(form.form.fields.map((f) => [f.name, 'initial' in f ? f.initial : undefined])).toEqual([
      ['weekday', 'MO'],
      ['time', '09:00'],
    ]);
  });

  it('is listed by help for a coordinator, in both languages', async () => {
    dispatcher.clear();
    await engine.handle(say(CARLA, 'hulp'));
    await engine.handle(say(CARLA, 'help'));
    const [nl, en] = privately(CARLA).map(cardOf);
    expect(nl?.fields.find((f) => f.label === 'overzicht plannen')?.value).toBe(
      'de dag en tijd van het weekoverzicht kiezen, of het uitzetten (alleen een coördinator)',
    );
    expect(en?.fields.find((f) => f.label === 'digest schedule')?.value).toContain(
      'choose the day and time of the weekly digest, or turn it off',
    );
  });

  it('refuses a time that is not one, a missing time and 02:30 on a Sunday, changing nothing', async () => {
    const form = (values: Record<string, string>, locale?: 'en') =>
      engine.handle(submit(CARLA, SCHEDULE_FORM, values, locale ? { locale } : {}));
    expect((await form({ weekday: 'FR', time: '25:00' })).formErrors?.time).toBe(
      'Schrijf de tijd als uu:mm, bijvoorbeeld 09:00.',
    );
    expect((await form({ weekday: 'FR', time: 'negen uur' }, 'en')).formErrors?.time).toBe(
      'Write the time as hh:mm, for example 09:00.',
    );
    expect((await form({ weekday: 'FR', time: '' })).formErrors?.time).toBeTruthy();
    expect((await form({ weekday: 'SU', time: '02:30' })).formErrors?.time).toBe(
      '02:30 bestaat niet op zondag 28 maart 2027 in Europe/Amsterdam: de klok gaat dan een uur vooruit en slaat die tijd over, dus het overzicht kan die week niet om 02:30 komen. Kies een andere tijd of dag; er is niets veranderd.',
    );
    expect((await form({ weekday: 'SU', time: '2.30' }, 'en')).formErrors?.time).toContain(
      '02:30 does not exist on Sunday 28 March 2027 in Europe/Amsterdam',
    );
    expect((await form({ weekday: 'XX', time: '09:00' })).formErrors?.weekday).toBeTruthy();
    expect((await digestSchedule())?.cron).toBe('0 9 * * 1');
    expect(await store.audit.read(KIT, { kind: 'digest' })).toEqual([]);
  });

  it('is for coordinators only', async () => {
    const typed = await engine.handle(slash(MIA, 'digest', 'schedule'));
    expect(typed.error).toBe('permission_denied');
    const sent = await engine.handle(submit(MIA, SCHEDULE_FORM, { weekday: 'off', time: '' }));
    expect(sent.error).toBe('permission_denied');
    expect((await digestSchedule())?.cron).toBe('0 9 * * 1');
  });

  it('moves the digest to Friday 16:00: the answer names the next one in local time', async () => {
    dispatcher.clear();
    await engine.handle(submit(CARLA, SCHEDULE_FORM, { weekday: 'FR', time: '16:00' }));
    expect(privately(CARLA).map(wordsOf)).toEqual([
      'Het weekoverzicht komt voortaan elke vrijdag om 16:00 (Europe/Amsterdam). Het volgende komt vrijdag 19 maart 2027 16:00.',
    ]);
    const planned = await digestSchedule();
    expect(planned).toMatchObject({ cron: '', next: new Date('2027-03-19T15:00:00Z') });
    // The default's cron scheduler is gone: one digest waits, the coordinator's.
    expect(await runtime.scheduleQueue.getJobSchedulers()).toEqual([]);
    const [entry] = await store.audit.read(KIT, { kind: 'digest' });
    expect(entry).toMatchObject({
      kind: 'digest.scheduled',
      actor: CARLA,
      at: '2027-03-18T12:00:00.000Z',
      details: { weekday: 'FR', time: '16:00', timeZone: 'Europe/Amsterdam' },
    });
  });

  it('survives a restart: the default is not put back', async () => {
    engine = await startEngine();
    expect(await digestSchedule()).toMatchObject({
      cron: '',
      next: new Date('2027-03-19T15:00:00Z'),
    });
    expect(await runtime.scheduleQueue.getJobSchedulers()).toEqual([]);
  });

  it('posts every Friday at 16:00 local time, in every linked channel, across the DST change', async () => {
    const fired: string[] = [];
    for (let week = 0; week < 3; week++) {
      const { at, posted } = await fire();
      fired.push(at);
      expect(
        posted.map((e) => (e.to.kind === 'conversation' ? e.to.id : e.to.kind)).sort(),
      ).toEqual([CHANNEL, SLACK_CHANNEL].sort());
      expect(cardOf(posted[0]?.message).header).toBe('Weekoverzicht Kit Alliantie');
    }
    expect(fired).toEqual([
      '2027-03-19T15:00:00.000Z',
      '2027-03-26T15:00:00.000Z',
      '2027-04-02T14:00:00.000Z', // 16:00 summer time
    ]);
  });

  it('turns the digest off; a restart leaves it off; the trail has both changes', async () => {
    dispatcher.clear();
    await engine.handle(
      submit(CARLA, SCHEDULE_FORM, { weekday: 'off', time: '' }, { locale: 'en' }),
    );
    expect(privately(CARLA).map(wordsOf)).toEqual([
      'The weekly digest is off: no digest is posted in the channels any more. Turn it on again with digest schedule. The current digest can still be seen with digest.',
    ]);
    expect(await digestSchedule()).toBeUndefined();
    expect(await runtime.scheduleQueue.getDelayed()).toHaveLength(0);
    engine = await startEngine();
    expect(await runtime.schedules.list(KIT)).toEqual([]);
    expect(await runtime.scheduleQueue.getDelayed()).toHaveLength(0);
    dispatcher.clear();
    await engine.handle(slash(CARLA, 'digest', 'schedule', { locale: 'en' }));
    const [form] = privately(CARLA);
    if (form?.kind !== 'form') throw new Error('no form');
    expect(form.form.intro).toContain('Now: off; no digest is posted.');
    expect((await store.audit.read(KIT, { kind: 'digest' })).map((e) => e.kind)).toEqual([
      'digest.stopped',
      'digest.scheduled',
    ]);
  });
});
