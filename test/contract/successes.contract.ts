/**
 * The successes contract: a member proposes a success through the form (a link that is not
 * http(s) and no partner at all are answered next to their fields, nothing stored); the
 * alliance requires a spokesperson's approval, so the spokesperson gets the approval card
 * privately and nothing is shared yet; a coordinator and a partner's member who press Approve
 * are refused ("Alleen een woordvoerder kan …"); the spokesperson approves, her card says so,
 * the proposer hears it; the announcement appears once in the alliance's channel, in the
 * alliance's name with its ambition (visible positioning); a celebration shows its count on
 * that same card, in place, and counts once per person; the press text, only to the person
 * asking, ends with the alliance's ambition (the toolkit's boilerplate where it has one). A
 * second success is rejected in the spokesperson's own words (the reject form: required; the
 * proposer hears the words as typed, markup and all, escaped by each adapter). The
 * other alliance's channel sees none of it — and a success proposed there (quiet positioning,
 * no approval) is announced at once, crediting the partners by name, and not in this
 * alliance's channel. One suite, run against every adapter through its driver.
 *
 * Buttons on the channel's card are pressed as the same button from the person's own private
 * conversation (pressButtonOn), as in the ideas contract: the Teams driver posts a press on a
 * channel message as a personal activity with the channel's id.
 *
 * Fatima opens her chat with the bot first: on Teams the bot cannot reach a person the config
 * names only by e-mail before it has seen them.
 *
 * The cast (see ContractPeople): Anna (Gemeente Leiden) proposes; Fatima speaks for the
 * alliance and approves; Joost coordinates; Pieter (Hoogheemraadschap van Rijnland)
 * celebrates; Bram is in the other alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVE_ACTION,
  CELEBRATE_ACTION,
  EDIT_ACTION,
  OWN_REASON_ACTION,
  PRESS_ACTION,
  PROPOSE_FORM_ID,
  REJECT_ACTION,
  REJECT_FORM_ID,
} from '../../flows/successes-views.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  ALLIANCE_NAME,
  doIntake,
  errorsAfter,
  flat,
  intake,
  OTHER_ALLIANCE_NAME,
  openForm,
  settledTexts,
  waitFor,
} from './support.js';

const TITLE = 'Zonnepark Valkenburg levert stroom';
const STORY =
  'Sinds maandag levert het zonnepark stroom aan 3.000 huishoudens in Katwijk & Leiden.';
const OTHER_TITLE = 'Windpark Neder-Betuwe draait';
const FORM_TITLE = 'Een succes melden';
const REFUSAL = 'Alleen een woordvoerder kan een succes goedkeuren.';
const REJECTED_TITLE = 'Warmtenet Noord in gebruik';
/** A spokesperson's own reason, with what each surface must show as typed. */
const OWN_REASON = 'Eerst afstemmen met <b>Stedin</b> & de gemeente: de cijfers wijken af.';

export function runSuccessesContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const {
    newcomer: anna,
    joiner: pieter,
    coordinator,
    spokesperson: fatima,
    outsider: bram,
  } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  /** What only this person is shown: privately, or in the channel only to them. */
  const toThem = (user: string) => async () => [
    ...(await driver.privateView(user)),
    ...(await driver.channelView(user)).filter((m) => m.visibleTo === user),
  ];

  /** A form, opening it first where it is behind a button. */
  const openedForm = (user: string, id: string, title: string): Promise<SeenMessage> =>
    openForm(driver, user, id, title);
  /** The form to propose a success. */
  const successForm = (user: string) => openedForm(user, PROPOSE_FORM_ID, FORM_TITLE);

  const values = {
    title: TITLE,
    story: STORY,
    partners: ['gemeente-leiden', 'stedin'],
    otherPartners: 'Gemeente Katwijk',
    impactValue: '12',
    impactUnit: 'MW',
    link: 'https://www.regionale-energiestrategie.nl/valkenburg',
    photo: '',
  };
  const isApprovalCard = (m: SeenMessage) => m.text.includes(`Succes ter goedkeuring: ${TITLE}`);
  const isAnnouncement = (m: SeenMessage) =>
    m.text.includes(`🎉 ${ALLIANCE_NAME}: ${TITLE}`) && m.visibleTo === undefined;
  /** The approval card as Fatima sees it now. */
  let approval: SeenMessage;
  /** The announcement in the channel (one message, changed in place). */
  let announcement: SeenMessage;

  describe(`successes on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake(), driver.channel);
      await doIntake(
        driver,
        pieter,
        intake({
          name: 'Pieter Bakker',
          organisation: 'Hoogheemraadschap van Rijnland',
          organisationType: 'waterschap',
          role: 'Adviseur aquathermie',
        }),
      );
      // Fatima has opened her chat with the bot: on Teams the bot can reach someone the config
      // names by e-mail only once it has seen them (and learned who they are).
      await driver.sendDirect(fatima, 'help');
      await waitFor(privately(fatima), (m) => m.text.length > 0, 'the help for Fatima');
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('answers bad input next to the fields and stores nothing', async () => {
      await driver.commandInChannel(anna, `succes ${TITLE}`);
      const form = await successForm(anna);
      const errors = await errorsAfter(
        driver,
        anna,
        await driver.submitForm(anna, form, {
          ...values,
          partners: [],
          otherPartners: '',
          link: 'javascript:alert(1)',
        }),
      );
      expect(errors).toEqual({
        otherPartners: 'Noem minstens één partner.',
        link: 'Vul een volledige link in, die begint met https://.',
      });
      await driver.settled();
      expect((await driver.privateView(fatima)).some(isApprovalCard)).toBe(false);
    });

    it('sends the proposal to the spokesperson for approval; nothing is shared yet', async () => {
      const form = await successForm(anna);
      const result = await driver.submitForm(anna, form, values);
      expect(result.errors).toBeUndefined();
      const thanks = await waitFor(
        toThem(anna),
        (m) => flat(m.text).includes(`Je succes “${TITLE}” is ter goedkeuring naar`),
        'the thanks to Anna',
      );
      expect(flat(thanks.text)).toContain('Fatima El Amrani');
      approval = await waitFor(privately(fatima), isApprovalCard, 'the approval card');
      expect(flat(approval.text)).toContain(STORY);
      expect(flat(approval.text)).toContain('12 MW');
      expect(flat(approval.text)).toContain('Gemeente Katwijk');
      expect(approval.buttons.map((b) => b.actionId)).toEqual([
        APPROVE_ACTION,
        EDIT_ACTION,
        REJECT_ACTION,
      ]);
      const channel = await settledTexts(driver, inChannel(pieter));
      expect(channel.some((t) => t.includes(TITLE))).toBe(false);
    });

    it('refuses a coordinator and a partner’s member who press Approve', async () => {
      for (const user of [coordinator, pieter]) {
        await driver.pressButtonOn(user, approval, APPROVE_ACTION);
        await waitFor(toThem(user), (m) => flat(m.text).includes(REFUSAL), 'the refusal');
      }
      const channel = await settledTexts(driver, inChannel(pieter));
      expect(channel.some((t) => t.includes(TITLE))).toBe(false);
      const card = await waitFor(privately(fatima), isApprovalCard, 'the approval card');
      expect(card.buttons.map((b) => b.actionId)).toContain(APPROVE_ACTION);
    });

    it('announces it once in the channel, in the alliance’s name, when the spokesperson approves', async () => {
      await driver.pressButton(fatima, approval, APPROVE_ACTION);
      const decided = await waitFor(
        privately(fatima),
        (m) => m.id === approval.id && flat(m.text).includes('Goedgekeurd door'),
        'her card, decided',
      );
      expect(decided.updated).toBe(true);
      expect(decided.buttons).toEqual([]);
      await waitFor(
        toThem(anna),
        (m) => flat(m.text).includes(`keurde je succes “${TITLE}” goed`),
        'the news to Anna',
      );
      announcement = await waitFor(inChannel(pieter), isAnnouncement, 'the announcement');
      expect(flat(announcement.text)).toContain(STORY);
      expect(flat(announcement.text)).toContain('12 MW');
      expect(flat(announcement.text)).toContain('Gemeente Katwijk');
      expect(flat(announcement.text)).toContain(
        `Samen werken we in ${ALLIANCE_NAME} aan onze ambitie: In 2030`,
      );
      expect(announcement.buttons.map((b) => b.actionId)).toEqual([CELEBRATE_ACTION, PRESS_ACTION]);
      const channel = await settledTexts(driver, inChannel(pieter));
      expect(channel.filter((t) => t.includes(`🎉 ${ALLIANCE_NAME}: ${TITLE}`))).toHaveLength(1);
    });

    it('rejects in the spokesperson’s own words: required, and the proposer hears them as typed', async () => {
      await driver.commandInChannel(anna, `succes ${REJECTED_TITLE}`);
      const proposal = await successForm(anna);
      const sent = await driver.submitForm(anna, proposal, { ...values, title: REJECTED_TITLE });
      expect(sent.errors).toBeUndefined();
      const card = await waitFor(
        privately(fatima),
        (m) => m.text.includes(`Succes ter goedkeuring: ${REJECTED_TITLE}`),
        'the approval card',
      );
      await driver.pressButton(fatima, card, REJECT_ACTION);
      const reasons = await waitFor(
        privately(fatima),
        (m) => m.id === card.id && m.buttons.some((b) => b.actionId === OWN_REASON_ACTION),
        'the reasons on her card',
      );
      await driver.pressButton(fatima, reasons, OWN_REASON_ACTION);
      const form = await openedForm(fatima, REJECT_FORM_ID, 'Succes afwijzen');
      const errors = await errorsAfter(
        driver,
        fatima,
        await driver.submitForm(fatima, form, { reason: '' }),
      );
      expect(errors).toEqual({ reason: 'Vul dit veld in.' });
      const again = await openedForm(fatima, REJECT_FORM_ID, 'Succes afwijzen');
      const done = await driver.submitForm(fatima, again, { reason: OWN_REASON });
      expect(done.errors).toBeUndefined();
      const told = await waitFor(
        toThem(anna),
        (m) =>
          flat(m.text).includes(`je succes “${REJECTED_TITLE}” niet goedgekeurd, met deze reden`),
        'the reason, to Anna',
      );
      expect(flat(told.text)).toContain(`“${OWN_REASON}”`);
      expect(flat(told.text)).toContain('Neem contact op met Fatima El Amrani');
      const decided = await waitFor(
        privately(fatima),
        (m) => m.id === card.id && flat(m.text).includes('Afgewezen door'),
        'her card, decided',
      );
      expect(flat(decided.text)).toContain(OWN_REASON);
      expect(decided.buttons).toEqual([]);
      const channel = await settledTexts(driver, inChannel(pieter));
      expect(channel.some((t) => t.includes(REJECTED_TITLE))).toBe(false);
    });

    it('shows a celebration’s count on the same card, in place, and counts a person once', async () => {
      await driver.pressButtonOn(pieter, announcement, CELEBRATE_ACTION);
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Je viert mee met “${TITLE}”`),
        'the answer to Pieter',
      );
      const counted = await waitFor(
        inChannel(anna),
        (m) => m.id === announcement.id && flat(m.text).includes('1 persoon viert mee'),
        'the count on the card',
      );
      expect(counted.updated).toBe(true);
      expect(counted.buttons.find((b) => b.actionId === CELEBRATE_ACTION)?.label).toBe(
        '🎉 Vier mee (1)',
      );
      await driver.pressButtonOn(pieter, announcement, CELEBRATE_ACTION);
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Je viert al mee met “${TITLE}”`),
        'the answer to a second press',
      );
      const channel = await settledTexts(driver, inChannel(anna));
      expect(channel.filter((t) => t.includes(`🎉 ${ALLIANCE_NAME}: ${TITLE}`))).toHaveLength(1);
      const card = (await driver.channelView(anna)).find((m) => m.id === announcement.id);
      expect(flat(card?.text ?? '')).toContain('1 persoon viert mee');
    });

    it('gives the press text, about the alliance, only to the person asking', async () => {
      await driver.pressButtonOn(anna, announcement, PRESS_ACTION);
      const press = await waitFor(
        toThem(anna),
        (m) => flat(m.text).includes(`Tekst voor je eigen kanalen: ${TITLE}`),
        'the press text',
      );
      expect(flat(press.text)).toContain(`${ALLIANCE_NAME} meldt een nieuw gezamenlijk succes.`);
      // The contract config's toolkit has no item of kind boilerplate (its "Boilerplate voor
      // persberichten" is a key message, the default kind): the ambition stands in for it.
      expect(flat(press.text)).toContain(`Over ${ALLIANCE_NAME}: In 2030 wekken we`);
      const others = await settledTexts(driver, inChannel(pieter));
      expect(others.some((t) => flat(t).includes(`Tekst voor je eigen kanalen: ${TITLE}`))).toBe(
        false,
      );
    });

    it('shows the other alliance’s channel none of it; its own success is worded quietly', async () => {
      const other = await settledTexts(driver, () => driver.channelView(bram, driver.otherChannel));
      expect(other.some((t) => t.includes(TITLE))).toBe(false);
      await driver.commandInChannel(bram, `succes ${OTHER_TITLE}`, driver.otherChannel);
      const form = await successForm(bram);
      const result = await driver.submitForm(bram, form, {
        ...values,
        title: OTHER_TITLE,
        story: 'De vier turbines draaien sinds vrijdag.',
        partners: ['gemeente-tiel', 'waterschap-rivierenland'],
        otherPartners: '',
      });
      expect(result.errors).toBeUndefined();
      const shown = await waitFor(
        () => driver.channelView(bram, driver.otherChannel),
        (m) => m.text.includes(OTHER_TITLE) && m.visibleTo === undefined,
        'the quiet announcement',
      );
      const partners = 'Gemeente Tiel en Waterschap Rivierenland';
      expect(flat(shown.text)).toContain(`🎉 ${partners}: ${OTHER_TITLE}`);
      expect(flat(shown.text)).toContain(
        `Gefeliciteerd, ${partners}! Gedeeld via ${OTHER_ALLIANCE_NAME}.`,
      );
      const ours = await settledTexts(driver, inChannel(pieter));
      expect(ours.some((t) => t.includes(OTHER_TITLE))).toBe(false);
    });
  });
}
