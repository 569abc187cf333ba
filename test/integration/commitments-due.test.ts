/**
 * A commitment's due date through the engine (the flow kit against real Redis): the form asks
 * for it with a date input; a date that is no date, one in the past (in the alliance's time
 * zone) or more than ten years ahead is answered next to the field in the person's language
 * and stores nothing; today and a date to come are saved, and the list shows the date itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { commitmentsFlow } from '../../flows/commitments.js';
import { commitmentRecords, todayIn } from '../../flows/commitments-record.js';
import { CARLA, KIT, type Kit, slash, startKit, submit, wordsOf } from '../helpers/flow-kit.js';

const FORM = 'commitments.form';
let kit: Kit;
afterEach(async () => {
  await kit?.stop();
});

/** `YYYY-MM-DD` `days` after a date. */
const plus = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('a commitment’s due date', () => {
  it('is a date input, answered next to the field when it is no date, past or too far', async () => {
    kit = await startKit({ flows: [commitmentsFlow] });
    await kit.engine.handle(slash(CARLA, 'commitment', 'nieuw'));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form');
    if (form?.message.kind !== 'form') throw new Error('no form');
    const due = form.message.form.fields.find((f) => f.name === 'due');
    expect(due?.type).toBe('date');
    const today = todayIn(new Date(), 'Europe/Amsterdam');
    expect(due && 'initial' in due ? String(due.initial) > today : false).toBe(true);

    const before = await kit.allianceKeys();
    const tryDue = async (value: string, locale: 'nl' | 'en' = 'nl') =>
      (
        await kit.engine.handle(
          submit(CARLA, FORM, { what: 'Drie laadpleinen', due: value, owner: CARLA }, { locale }),
        )
      ).formErrors;
    expect(await tryDue('31-12-2027')).toEqual({ due: expect.stringMatching(/datum/i) });
    expect(await tryDue('2027-02-30', 'en')).toEqual({ due: expect.stringMatching(/date/i) });
    expect(await tryDue(plus(today, -1))).toEqual({
      due: 'Die datum is al voorbij. Kies vandaag of een datum die nog komt.',
    });
    expect(await tryDue(plus(today, -1), 'en')).toEqual({
      due: 'That date has passed. Choose today or a date still to come.',
    });
    expect(await tryDue(plus(today, 3700))).toEqual({
      due: 'Kies een datum binnen tien jaar vanaf nu.',
    });
    expect(await tryDue('')).toEqual({ due: 'Vul dit veld in.' });
    expect(await kit.allianceKeys()).toEqual(before);

    expect(await tryDue(today)).toBeUndefined();
    expect(await tryDue('2030-03-15')).toBeUndefined();
    const saved = (await commitmentRecords(kit.store).list(KIT)).map((c) => c.due).sort();
    expect(saved).toEqual([today, '2030-03-15'].sort());
    kit.dispatcher.clear();
    await kit.engine.handle(slash(CARLA, 'commitment', ''));
    const list = kit.dispatcher.all.map((e) => wordsOf(e.message)).join('\n');
    expect(list).toContain('Uiterlijk 15 maart 2030');
  });
});
