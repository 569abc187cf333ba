/**
 * The check-in cycle end to end on the real queue, across the March DST change: a coordinator
 * schedules weekly check-ins on Friday 10:00 (Europe/Amsterdam) with the answers due three days
 * later at 12:00 — the first check-in (26 March, CET) and its deadline (29 March, CEST) lie on
 * either side of the change. A controlled clock drives the engine and the schedules; every
 * waiting job (the occurrence, the reminder, the deadline) is promoted and run by the real
 * BullMQ workers through the engine. Partners' contacts are asked privately in their language,
 * the one who did not answer is reminded, the summary goes to the alliance channels with at
 * risk before no answer, a late answer changes the summary, and the next check-in is at 10:00
 * summer time. The form refuses a first check-in in the past and 02:30 on the DST Sunday.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkinsFlow } from '../../flows/checkins.js';
import { roundItems, seriesRecords } from '../../flows/checkins-record.js';
import { commitmentsFlow } from '../../flows/commitments.js';
import { commitmentItems } from '../../flows/commitments-record.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import type { InboundEvent } from '../../src/core/events.js';
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
  press,
  RecordingDispatcher,
  SLACK_CHANNEL,
  slash,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';
import { eventually } from '../helpers/queue.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from '../helpers/redis.js';

const ANNA = 'local:kit:anna'; // Gemeente Delft, Dutch
const BEN = 'local:kit:ben'; // Netbeheer West, English
const BO = 'local:kit:bo'; // Netbeheer West, Dutch

const clock = { now: new Date('2027-03-20T12:00:00Z') };
const prefix = freshPrefix('checkins');
const redis = testRedis();
const store = new Store(redis, prefix);
const directory = new AllianceDirectory(kitConfig(kitAlliance({ timeZone: 'Europe/Amsterdam' })));
const dispatcher = new RecordingDispatcher();
const adapters = new AdapterRegistry([fakeAdapter('local'), fakeAdapter('slack')]);
let runtime: QueueRuntime;
let engine: Engine;

const withContext = (e: InboundEvent, context: string): InboundEvent =>
  e.type === 'form_submitted' ? { ...e, context } : e;

/** What one person got privately since `from`. */
const to = (userId: string, from = 0): OutboundEnvelope[] =>
  dispatcher.all.slice(from).filter((e) => e.to.kind === 'direct' && e.to.userId === userId);

async function member(id: string, partner: string, name: string, locale: 'nl' | 'en') {
  await registerMember(store, {
    allianceId: KIT,
    userId: id,
    partnerId: partner.toLowerCase().replace(/ /g, '-'),
    partnerName: partner,
    partnerType: 'gemeente',
    name,
    role: 'contact',
    goals: '',
    offers: '',
    needs: '',
    topics: [],
    locale,
    joinedAt: clock.now.toISOString(),
  });
}

/** Moves the clock to the waiting job of this kind and lets the real workers run it. */
async function fire(kind: 'ask' | 'remind' | 'close'): Promise<string> {
  const queue = kind === 'ask' ? runtime.scheduleQueue : runtime.reminderQueue;
  const job = (await queue.getDelayed()).find((j) => j.name === kind);
  if (!job) throw new Error(`no ${kind} waiting`);
  const data = job.data as { at?: string; occurrence?: { at: string } };
  const at = data.occurrence?.at ?? data.at ?? '';
  const before = dispatcher.batches.length;
  clock.now = new Date(at);
  await job.promote();
  await eventually(async () =>
    // A reminder's job is removed once done (its state then reads unknown).
    ['completed', 'unknown'].includes(await job.getState()) && dispatcher.batches.length > before
      ? true
      : `${kind} not done`,
  );
  return at;
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
  engine = new Engine({
    directory,
    store,
    flows: new FlowRegistry([commitmentsFlow, checkinsFlow]),
    dispatcher,
    adapters,
    log: pino({ level: 'silent' }),
    clock: () => clock.now,
    reminders: runtime.reminders,
    schedules: runtime.schedules,
  });
  await runtime.startWorkers({ adapters, runJob: (job) => engine.runJob(job), concurrency: 4 });
  await member(ANNA, 'Gemeente Delft', 'Anna de Vries', 'nl');
  await member(BEN, 'Netbeheer West', 'Ben Baker', 'en');
  await member(BO, 'Netbeheer West', 'Bo Jansen', 'nl');
});

afterAll(async () => {
  await runtime?.close();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

describe('scheduling refuses what cannot be', () => {
  const values = {
    every: 'weekly',
    nth: '1',
    weekday: 'FR',
    time: '10:00',
    startDate: '2027-03-26',
    deadlineDays: '3',
    deadlineTime: '12:00',
    audience: 'all',
  };

  it('a first check-in in the past, and 02:30 on the last Sunday of March, next to the field', async () => {
    const past = await engine.handle(
      submit(CARLA, 'checkins.schedule-form', {
        ...values,
        weekday: 'SA',
        startDate: '2027-03-20',
        time: '09:00',
      }),
    );
    expect(past.formErrors?.startDate).toContain('al voorbij');
    const gap = await engine.handle(
      submit(CARLA, 'checkins.schedule-form', {
        ...values,
        weekday: 'SU',
        startDate: '2027-03-28',
        time: '02:30',
      }),
    );
    expect(gap.formErrors?.time).toBe(
      '02:30 bestaat niet op zo 28 maart 2027: dan gaat de klok een uur vooruit. Kies een andere tijd.',
    );
    const english = await engine.handle(
      submit(
        CARLA,
        'checkins.schedule-form',
        { ...values, weekday: 'SU', startDate: '2027-03-28', time: '02:30' },
        { locale: 'en' },
      ),
    );
    expect(english.formErrors?.time).toContain('does not exist on Su 28 March 2027');
    expect(await seriesRecords(store).list(KIT)).toEqual([]);
    expect(await runtime.schedules.list(KIT)).toEqual([]);
  });

  it('only a coordinator schedules', async () => {
    const refused = await engine.handle(submit(ANNA, 'checkins.schedule-form', values));
    expect(refused.error).toBe('permission_denied');
    expect(await seriesRecords(store).list(KIT)).toEqual([]);
  });
});

describe('the check-in cycle across the March DST change', () => {
  let roundId = '';

  it('schedules weekly Friday 10:00 check-ins with the deadline on Monday 12:00', async () => {
    // Anna's organisation has one commitment.
    dispatcher.clear();
    await engine.handle(press(ANNA, 'commitments.new'));
    const form = dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no commitment form');
    await engine.handle(
      withContext(
        submit(ANNA, 'commitments.form', {
          what: 'Drie laadpleinen in Delft-Noord',
          due: '2027-09-30',
          owner: ANNA,
        }),
        form.form.context ?? '',
      ),
    );
    dispatcher.clear();
    await engine.handle(
      submit(CARLA, 'checkins.schedule-form', {
        every: 'weekly',
        nth: '1',
        weekday: 'FR',
        time: '10:00',
        startDate: '2027-03-22',
        deadlineDays: '3',
        deadlineTime: '12:00',
        audience: 'all',
      }),
    );
    expect(to(CARLA).map((e) => wordsOf(e.message))).toEqual([
      'Gepland: check-ins elke vrijdag om 10:00 voor alle partners, antwoorden binnen 3 dagen, vóór 12:00. De eerste is vr 26 maart 2027 10:00.',
    ]);
    const [listed] = await runtime.schedules.list(KIT);
    expect(listed?.next?.toISOString()).toBe('2027-03-26T09:00:00.000Z');
    // Who scheduled it and when is on the audit trail.
    const trail = await store.audit.read(KIT);
    expect(trail.find((e) => e.kind === 'checkin.scheduled')).toMatchObject({
      actor: CARLA,
      at: '2027-03-20T12:00:00.000Z',
    });
  });

  it('asks every partner contact privately, in their language, at 10:00 CET', async () => {
    dispatcher.clear();
    expect(await fire('ask')).toBe('2027-03-26T09:00:00.000Z');
    const anna = cardOf(to(ANNA)[0]?.message);
    expect(anna.text).toContain('Hoe staat het met de afspraken van Gemeente Delft?');
    expect(anna.text).toContain('vóór ma 29 maart 2027 12:00');
    expect(anna.fields).toEqual([{ label: 'Drie laadpleinen in Delft-Noord', value: '—' }]);
    const ben = cardOf(to(BEN)[0]?.message);
    expect(ben.text).toContain('before Mo 29 March 2027 12:00');
    expect(ben.text).toContain('No commitments are registered yet');
    expect(to(BO)).toHaveLength(1);
    roundId = anna.buttons[0]?.value ?? '';
    expect(roundId).toMatch(/^checkin-[a-f0-9]{12}-20270326t0900$/);
    // The reminder halfway, the summary at the deadline: 12:00 summer time.
    const waiting = (await runtime.reminderQueue.getDelayed()).map((j) => [
      j.name,
      (j.data as { at: string }).at,
    ]);
    expect(waiting.sort()).toEqual([
      ['close', '2027-03-29T10:00:00.000Z'],
      ['remind', '2027-03-27T21:30:00.000Z'],
    ]);
    // The next check-in is planned already: 10:00 summer time.
    const [listed] = await runtime.schedules.list(KIT);
    expect(listed?.next?.toISOString()).toBe('2027-04-02T08:00:00.000Z');
  });

  it('takes an answer per partner, and reminds only the partner that has not answered', async () => {
    clock.now = new Date('2027-03-27T10:00:00Z');
    dispatcher.clear();
    await engine.handle(press(ANNA, 'checkins.answer', { value: roundId }));
    const form = to(ANNA).find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no answer form');
    expect(form.form.fields.map((f) => f.name)).toEqual(['status1', 'note1']);
    await engine.handle(
      withContext(
        submit(ANNA, 'checkins.answer-form', {
          status1: 'at-risk',
          note1: 'De vergunning loopt vertraging op',
        }),
        form.form.context ?? '',
      ),
    );
    expect(wordsOf(to(ANNA).at(-1)?.message ?? { kind: 'text', text: '' })).toBe(
      'Dank je! Je antwoord voor Gemeente Delft is bewaard.',
    );
    const answered = await store.activity.range(KIT);
    expect(answered.filter((e) => e.type === 'checkin.answered')).toMatchObject([
      { actor: ANNA, partner: 'gemeente-delft', data: { status: 'at-risk', onTrack: false } },
    ]);
    dispatcher.clear();
    expect(await fire('remind')).toBe('2027-03-27T21:30:00.000Z');
    expect(to(ANNA)).toHaveLength(0);
    expect(wordsOf(to(BEN)[0]?.message ?? { kind: 'text', text: '' })).toContain(
      'Reminder: the check-in for Netbeheer West has not been answered yet.',
    );
    expect(to(BO)).toHaveLength(1);
  });

  it('shows coordinators who answered', async () => {
    dispatcher.clear();
    await engine.handle(slash(CARLA, 'checkin', 'status'));
    const status = to(CARLA)
      .map((e) => wordsOf(e.message))
      .join('\n');
    expect(status).toContain('geantwoord: Gemeente Delft; nog niet: Netbeheer West');
    expect(status).toContain('Volgende: vr 2 april 2027 10:00');
  });

  it('posts the summary at the deadline, at risk first, and a late answer changes it', async () => {
    dispatcher.clear();
    expect(await fire('close')).toBe('2027-03-29T10:00:00.000Z');
    const posted = dispatcher.all.filter((e) => e.to.kind === 'conversation');
    expect(posted.map((e) => e.to.kind === 'conversation' && e.to.id).sort()).toEqual(
      [CHANNEL, SLACK_CHANNEL].sort(),
    );
    const summary = cardOf(posted[0]?.message);
    expect(summary.text).toBe('1 van de 2 partners antwoordden.');
    expect(summary.fields.map((f) => f.label)).toEqual([
      'Gemeente Delft: risico',
      'Netbeheer West',
    ]);
    expect(summary.fields[0]?.value).toContain('De vergunning loopt vertraging op');
    // Ben answers late: the summary changes in place.
    clock.now = new Date('2027-03-29T15:00:00Z');
    dispatcher.clear();
    await engine.handle(press(BEN, 'checkins.answer', { value: roundId }));
    const form = to(BEN).find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no answer form');
    await engine.handle(
      withContext(
        submit(
          BEN,
          'checkins.answer-form',
          { status: 'blocked', note: 'Waiting for the grid study' },
          { locale: 'en' },
        ),
        form.form.context ?? '',
      ),
    );
    const updates = dispatcher.all.filter((e) => e.to.kind === 'conversation');
    expect(updates).toHaveLength(2);
    expect(cardOf(updates[0]?.message).fields.map((f) => f.label)).toEqual([
      'Netbeheer West: geblokkeerd',
      'Gemeente Delft: risico',
    ]);
  });

  it("forgets a contact in commitments and rounds, and keeps the partner's answer", async () => {
    const subject = { allianceId: KIT, userIds: [ANNA] };
    const commitments = store.collection(commitmentItems);
    const rounds = store.collection(roundItems);
    expect(await commitments.countFor(subject)).toBe(1);
    expect(await rounds.countFor(subject)).toBe(1);
    await commitments.eraseFor(subject);
    await rounds.eraseFor(subject);
    expect(await commitments.countFor(subject)).toBe(0);
    expect(await rounds.countFor(subject)).toBe(0);
    const [round] = await rounds.list(KIT);
    expect(round?.answers['gemeente-delft']?.items[0]?.status).toBe('at-risk');
    const [commitment] = await commitments.list(KIT);
    expect(commitment?.what).toBe('Drie laadpleinen in Delft-Noord');
    expect(JSON.stringify(commitment)).not.toContain('Anna');
  });
});
