/**
 * The invitations contract: only a coordinator invites ("Alleen een coördinator kan iemand
 * uitnodigen."); the invitation form answers a bad e-mail address next to the field, keeping
 * the rest; an address the bot finds on no platform, with e-mail off, is reported plainly to
 * the coordinator (not delivered, and why); inviting a new organisation makes it a partner and
 * announces it in the alliance's channel — without naming its contact — and not in the other
 * alliance's. One suite, run against every adapter through its driver.
 *
 * The cast (see ContractPeople): Joost coordinates; Anna, a partner's member, tries to invite;
 * Bram is in the other alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVITE_FORM_ID, PARTY_FORM_ID } from '../../flows/invitations-views.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  ALLIANCE_NAME,
  doIntake,
  errorsAfter,
  flat,
  intake,
  openForm,
  settledTexts,
  waitFor,
} from './support.js';

const PARTY = 'Zonnecoöperatie Katwijk';
const CONTACT = 'Lotte Smit';

export function runInvitationsContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, coordinator, outsider } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  /** An answer to a word typed in the channel: only to them there, or privately (Teams). */
  const answersTo = (user: string) => async () => [
    ...(await driver.channelView(user)),
    ...(await driver.privateView(user)),
  ];

  /** A form of the invitations flow, opening it first where it is behind a button. */
  const formOf = (user: string, id: string, title: string): Promise<SeenMessage> =>
    openForm(driver, user, id, title);

  describe(`invitations on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake(), driver.channel);
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('refuses a partner’s member who is no coordinator, saying who can', async () => {
      await driver.commandInChannel(anna, 'uitnodigen');
      await waitFor(
        answersTo(anna),
        (m) => m.text.includes('Alleen een coördinator kan iemand uitnodigen.'),
        'the refusal',
      );
      expect((await driver.privateView(anna)).some((m) => m.form?.id === INVITE_FORM_ID)).toBe(
        false,
      );
    });

    it('answers a bad address next to the field, then says plainly it could not deliver', async () => {
      await driver.sendDirect(coordinator, 'uitnodigen');
      const form = await formOf(coordinator, INVITE_FORM_ID, 'Iemand uitnodigen');
      const values = {
        name: 'Kees Jansen',
        email: 'kees-at-leiden',
        organisation: 'gemeente-leiden',
        newOrganisation: '',
        organisationType: '',
        language: 'nl',
      };
      const errors = await errorsAfter(
        driver,
        coordinator,
        await driver.submitForm(coordinator, form, values),
      );
      expect(errors).toEqual({
        email: 'Vul een geldig e-mailadres in, zoals naam@organisatie.nl.',
      });
      const again = await formOf(coordinator, INVITE_FORM_ID, 'Iemand uitnodigen');
      const result = await driver.submitForm(coordinator, again, {
        ...values,
        email: 'kees.jansen@leiden.example',
      });
      expect(result.errors).toBeUndefined();
      const told = await waitFor(
        privately(coordinator),
        (m) => m.text.includes('De uitnodiging aan Kees Jansen is niet bezorgd'),
        'that the invitation was not delivered',
      );
      expect(flat(told.text)).toContain('kees.jansen@leiden.example niet op Slack of Teams');
      expect(flat(told.text)).toContain('e-mail staat uit');
    });

    it('makes a new organisation a partner and announces it in the channel, not its contact', async () => {
      await driver.sendDirect(coordinator, 'uitnodigen partij');
      const form = await formOf(coordinator, PARTY_FORM_ID, 'Nieuwe organisatie uitnodigen');
      const result = await driver.submitForm(coordinator, form, {
        organisation: PARTY,
        organisationType: 'energiecooperatie',
        contactName: CONTACT,
        contactEmail: 'lotte@zonkatwijk.example',
        language: 'nl',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`${PARTY} is nu partner van de alliantie`),
        'that the organisation is a partner now',
      );
      const announced = await waitFor(
        () => driver.channelView(anna),
        (m) => m.text.includes(`${PARTY} (`) && m.text.includes('is uitgenodigd'),
        'the announcement in the channel',
      );
      expect(flat(announced.text)).toContain(`mee te doen in ${ALLIANCE_NAME}`);
      expect(announced.text).not.toContain(CONTACT);
      expect(announced.visibleTo).toBeUndefined();
      const other = await settledTexts(driver, () =>
        driver.channelView(outsider, driver.otherChannel),
      );
      expect(other.some((t) => t.includes(PARTY))).toBe(false);
    });
  });
}
