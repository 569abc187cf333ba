/**
 * The check-ins contract: a participant may not schedule check-ins; the coordinator does, with
 * the form — a time that does not exist on a DST day is answered next to the field, a good
 * series is confirmed; a partner registers a commitment (`afspraak`: a due date already past
 * is answered next to its date input) and answers about it (`checkin`), and its status and
 * due date show with the commitment; the coordinator sees the series with
 * `checkin status` and pauses it from there; the spokesperson, who is no coordinator, cannot
 * stop it. One suite, run against every adapter through its driver. (The cycle itself — ask,
 * remind, summarise across a DST change — runs on the real queue in
 * test/integration/checkins-cycle.test.ts.)
 *
 * The cast (see ContractPeople): Anna (Gemeente Leiden) is a partner's contact; Joost
 * coordinates; Fatima speaks for the alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthEnd, todayIn } from '../../flows/commitments-record.js';
import { formatDate } from '../../src/core/i18n/index.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, errorsAfter, flat, intake, openForm, waitFor } from './support.js';

const WHAT = 'Twee zonnedaken op gemeentelijke scholen';

export function runCheckinsContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, coordinator, spokesperson } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const tomorrow = () =>
    formatDate(Date.now() + 86_400_000, 'en', 'Europe/Amsterdam', 'yyyy-MM-dd');

  /** A form with this id (opened first where it is behind a button). */
  const formOf = (user: string, id: string, what: string): Promise<SeenMessage> =>
    openForm(driver, user, id, what);

  const schedule = {
    every: 'weekly',
    nth: '1',
    weekday: 'MO',
    time: '10:00',
    deadlineDays: '2',
    deadlineTime: '17:00',
    audience: 'all',
  };

  describe(`check-ins and commitments on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake());
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('refuses a participant who tries to schedule check-ins', async () => {
      await driver.sendDirect(anna, 'checkin plannen');
      await waitFor(
        privately(anna),
        (m) => flat(m.text).includes('Alleen een coördinator kan check-ins plannen.'),
        'the refusal',
      );
    });

    it('answers a time that does not exist on a DST day next to the field, then schedules', async () => {
      await driver.sendDirect(coordinator, 'checkin plannen');
      const form = await formOf(coordinator, 'checkins.schedule-form', 'Check-ins plannen');
      // Every Sunday at 02:30: on the last Sunday of March that time does not exist.
      const errors = await errorsAfter(
        driver,
        coordinator,
        await driver.submitForm(coordinator, form, {
          ...schedule,
          weekday: 'SU',
          time: '02:30',
          startDate: tomorrow(),
        }),
      );
      expect(Object.keys(errors ?? {})).toEqual(['time']);
      expect(errors?.time).toMatch(
        /^02:30 bestaat niet op zo \d+ maart \d{4}: dan gaat de klok een uur vooruit\./,
      );
      const again = await formOf(coordinator, 'checkins.schedule-form', 'Check-ins plannen');
      const result = await driver.submitForm(coordinator, again, {
        ...schedule,
        startDate: tomorrow(),
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        privately(coordinator),
        (m) =>
          flat(m.text).includes(
            'Gepland: check-ins elke maandag om 10:00 voor alle partners, antwoorden binnen 2 dagen, vóór 17:00.',
          ),
        'the confirmation',
      );
    });

    it('lets a partner register a commitment and answer about it; the status shows with it', async () => {
      await driver.sendDirect(anna, 'afspraak');
      const list = await waitFor(
        privately(anna),
        (m) => m.text.includes('Afspraken van Gemeente Leiden'),
        'the commitments of Gemeente Leiden',
      );
      await driver.pressButton(anna, list, 'commitments.new');
      const form = await formOf(anna, 'commitments.form', 'Afspraak vastleggen');
      // A date input: a date already past (in the alliance's time zone) is answered next to it.
      const today = todayIn(new Date(), 'Europe/Amsterdam');
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000);
      const errors = await errorsAfter(
        driver,
        anna,
        await driver.submitForm(anna, form, {
          what: WHAT,
          due: yesterday.toISOString().slice(0, 10),
          owner: anna,
        }),
      );
      expect(errors).toEqual({
        due: 'Die datum is al voorbij. Kies vandaag of een datum die nog komt.',
      });
      const again = await formOf(anna, 'commitments.form', 'Afspraak vastleggen');
      const due = monthEnd(today, 3);
      const saved = await driver.submitForm(anna, again, { what: WHAT, due, owner: anna });
      expect(saved.errors).toBeUndefined();
      await waitFor(
        privately(anna),
        (m) => flat(m.text).includes(`Afspraak vastgelegd: ${WHAT}`),
        'that it was registered',
      );
      await driver.sendDirect(anna, 'checkin');
      const answer = await formOf(anna, 'checkins.answer-form', 'Check-in beantwoorden');
      expect(answer.form?.fields).toEqual(['status1', 'note1']);
      const sent = await driver.submitForm(anna, answer, {
        status1: 'at-risk',
        note1: 'De aanbesteding loopt uit',
      });
      expect(sent.errors).toBeUndefined();
      await waitFor(
        privately(anna),
        (m) => flat(m.text).includes('Er staat nu geen check-in open voor je organisatie'),
        'the answer kept with the commitments',
      );
      await driver.sendDirect(anna, 'afspraak');
      const shown = await waitFor(
        privately(anna),
        (m) => flat(m.text).includes('Laatste stand: risico'),
        'the status with the commitment',
      );
      // The due date itself, as people write it.
      const [y, mo, d] = due.split('-').map(Number);
      const month = new Intl.DateTimeFormat('nl-NL', { month: 'long', timeZone: 'UTC' }).format(
        new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, 1)),
      );
      expect(flat(shown.text)).toContain(`Uiterlijk ${d} ${month} ${y}`);
    });

    it('shows the coordinator the series, pauses it from there, and refuses the spokesperson', async () => {
      await driver.sendDirect(coordinator, 'checkin status');
      const card = await waitFor(
        privately(coordinator),
        (m) =>
          flat(m.text).includes('Check-ins elke maandag om 10:00 · alle partners · actief') &&
          m.buttons.some((b) => b.actionId === 'checkins.pause'),
        'the series with its buttons',
      );
      expect(flat(card.text)).toContain('Nog geen check-in gehouden.');
      await driver.pressButtonOn(spokesperson, card, 'checkins.stop');
      await waitFor(
        privately(spokesperson),
        (m) => flat(m.text).includes('Alleen een coördinator kan een check-in-reeks stoppen.'),
        'the refusal',
      );
      await driver.pressButton(coordinator, card, 'checkins.pause');
      await waitFor(
        privately(coordinator),
        (m) => flat(m.text).includes('Gepauzeerd: de check-ins elke maandag om 10:00.'),
        'that it was paused',
      );
    });
  });
}
