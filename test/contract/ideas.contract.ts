/**
 * The ideas contract: a member proposes an idea in the alliance channel and its card appears
 * there with a Co-sign button; the proposer is told only the other partners can sign; a
 * member of another partner co-signs and the same card shows the new count, in place; signing
 * twice is refused; the third partner makes it an initiative, announced once, and its backers
 * are asked privately for an owner and a first step — the form's answer appears on the same
 * card; a coordinator opens the new-party invitation from the initiative, the spokesperson is
 * refused; someone without a partner is told to do the intake first; `idee` alone lists the
 * open ideas. The other alliance sees none of it. One suite, run against every adapter.
 *
 * The channel card's buttons are pressed as the same button from the person's own private
 * conversation (pressButtonOn: same action, same value): the Teams driver posts a press on a
 * channel message as a personal activity with the channel's id, which would make the channel
 * that person's private conversation for the rest of the suite.
 *
 * The cast: Anna (Gemeente Leiden) proposes; Pieter (Hoogheemraadschap van Rijnland) and Emma
 * (Stedin, in English) co-sign; Sanne has no partner yet; Joost coordinates, Fatima speaks
 * for the alliance; Bram is in the other alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COSIGN_ACTION,
  INVITE_ACTION,
  PLAN_ACTION,
  PLAN_FORM_ID,
} from '../../flows/ideas-views.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, flat, intake, openForm, settledTexts, waitFor } from './support.js';

const TITLE = 'Samen zonnepanelen op schooldaken';
const OWNER = 'Anna de Vries (Gemeente Leiden)';
const FIRST_STEP = 'Een rondgang langs vijf scholen voor de zomer.';

export function runIdeasContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const {
    newcomer: anna,
    joiner: pieter,
    newcomerEn: emma,
    colleague: sanne,
    coordinator,
    spokesperson,
    outsider,
  } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  /** What only this person is shown: privately, or in the channel only to them. */
  const toThem = (user: string) => async () => [
    ...(await driver.privateView(user)),
    ...(await driver.channelView(user)).filter((m) => m.visibleTo === user),
  ];
  /** The idea's card in the channel (one message, changed in place). */
  let card: SeenMessage;
  const theCard = async (user: string, has: string, what: string) =>
    waitFor(inChannel(user), (m) => m.id === card.id && flat(m.text).includes(has), what);

  /** A form privately, opening it first where the platform put it behind a button. */
  const formFor = (user: string, formId: string, title: string): Promise<SeenMessage> =>
    openForm(driver, user, formId, title);

  describe(`ideas on ${driver.name}`, () => {
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
      await doIntake(
        driver,
        emma,
        intake({
          name: 'Emma Clarke',
          organisation: 'Stedin',
          organisationType: 'netbeheerder',
          role: 'Grid planner',
          language: 'en',
        }),
      );
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('asks someone without a partner to do the intake first', async () => {
      await driver.sendDirect(sanne, `idee ${TITLE}`);
      const answer = await waitFor(
        privately(sanne),
        (m) => m.text.includes('Je doet nog niet mee namens een partner'),
        'the answer to Sanne',
      );
      expect(flat(answer.text)).toContain('Typ eerst aanmelden');
      expect((await settledTexts(driver, inChannel(pieter))).join('\n')).not.toContain(TITLE);
    });

    it('posts a proposed idea in the channel as a card with Co-sign', async () => {
      await driver.commandInChannel(anna, `idee ${TITLE}`);
      await waitFor(
        toThem(anna),
        (m) => m.text.includes(`Je idee ‘${TITLE}’ staat in de alliantiekanalen`),
        'the answer to Anna',
      );
      card = await waitFor(
        inChannel(pieter),
        (m) => m.text.includes(`Idee: ${TITLE}`) && m.visibleTo === undefined,
        'the idea in the channel',
      );
      expect(flat(card.text)).toContain('Voorgesteld door Anna de Vries (Gemeente Leiden).');
      expect(flat(card.text)).toContain('Gesteund door 1 van de 3 partners');
      expect(card.buttons.map((b) => b.actionId)).toEqual([COSIGN_ACTION]);
    });

    it('refuses the proposer: only the other partners can co-sign', async () => {
      await driver.pressButtonOn(anna, card, COSIGN_ACTION);
      await waitFor(
        toThem(anna),
        (m) => flat(m.text).includes('is een idee van je eigen partner, Gemeente Leiden'),
        'the refusal, for Anna',
      );
      await driver.settled();
      expect((await theCard(pieter, 'Idee:', 'the card')).updated).toBe(false);
    });

    it('counts another partner’s signature on the same card, in place, and refuses it twice', async () => {
      await driver.pressButtonOn(pieter, card, COSIGN_ACTION);
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes('Ondertekend namens Hoogheemraadschap van Rijnland'),
        'the answer to Pieter',
      );
      const counted = await theCard(pieter, 'Gesteund door 2 van de 3 partners', 'the new count');
      expect(counted.updated).toBe(true);
      expect(flat(counted.text)).toContain('Hoogheemraadschap van Rijnland (Pieter Bakker)');
      await driver.pressButtonOn(pieter, card, COSIGN_ACTION);
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Je hebt ‘${TITLE}’ al ondertekend`),
        'the refusal of a second signature',
      );
    });

    it('makes it an initiative with the third partner: announced once, backers asked privately', async () => {
      await driver.pressButtonOn(emma, card, COSIGN_ACTION);
      await waitFor(
        toThem(emma),
        (m) => flat(m.text).includes('Co-signed on behalf of Stedin.'),
        'the answer to Emma, in English',
      );
      const initiative = await theCard(pieter, `Initiatief: ${TITLE}`, 'the card, an initiative');
      expect(flat(initiative.text)).toContain('Gedragen door 3 partners');
      expect(initiative.buttons.map((b) => b.actionId)).toEqual([
        COSIGN_ACTION,
        PLAN_ACTION,
        INVITE_ACTION,
      ]);
      await waitFor(
        inChannel(pieter),
        (m) => m.text.includes(`Nieuw initiatief: ${TITLE}`),
        'the announcement',
      );
      for (const [user, words] of [
        [anna, 'Wie wordt eigenaar'],
        [pieter, 'Wie wordt eigenaar'],
        [emma, 'Who will own it'],
      ] as const)
        await waitFor(
          privately(user),
          (m) => flat(m.text).includes(words) && m.buttons.some((b) => b.actionId === PLAN_ACTION),
          'the request for an owner and a first step',
        );
      const channel = await settledTexts(driver, inChannel(pieter));
      expect(channel.filter((m) => m.includes(`Nieuw initiatief: ${TITLE}`))).toHaveLength(1);
    });

    it('records the owner and first step from the form, on the same card', async () => {
      const request = await waitFor(
        privately(pieter),
        (m) => m.buttons.some((b) => b.actionId === PLAN_ACTION),
        "Pieter's request",
      );
      await driver.pressButton(pieter, request, PLAN_ACTION);
      const form = await formFor(pieter, PLAN_FORM_ID, 'Eigenaar en eerste stap');
      expect(form.form?.fields).toEqual(['owner', 'firstStep']);
      const result = await driver.submitForm(pieter, form, {
        owner: OWNER,
        firstStep: FIRST_STEP,
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Vastgelegd voor ‘${TITLE}’`),
        'the confirmation',
      );
      const planned = await theCard(anna, FIRST_STEP, 'the plan on the card');
      expect(flat(planned.text)).toContain(OWNER);
    });

    it('opens the new-party invitation from the initiative for a coordinator only', async () => {
      const initiative = await theCard(coordinator, `Initiatief: ${TITLE}`, 'the initiative');
      await driver.pressButtonOn(spokesperson, initiative, INVITE_ACTION);
      await waitFor(
        toThem(spokesperson),
        (m) =>
          flat(m.text).includes(
            'Alleen een coördinator kan een nieuwe partij uitnodigen voor een initiatief.',
          ),
        'the refusal, for the spokesperson',
      );
      await driver.pressButtonOn(coordinator, initiative, INVITE_ACTION);
      const form = await formFor(coordinator, 'invitations.party', 'Nieuwe organisatie uitnodigen');
      expect(flat(form.text)).toContain(`Voor het initiatief ‘${TITLE}’`);
    });

    it('lists the open ideas with idee alone', async () => {
      await driver.sendDirect(pieter, 'idee');
      const list = await waitFor(
        privately(pieter),
        (m) => m.text.includes('Open ideeën in'),
        'the list',
      );
      expect(flat(list.text)).toContain('Er staan nu geen ideeën open');
      expect(flat(list.text)).toContain('1 idee is al een initiatief geworden.');
    });

    it('keeps the other alliance out of it', async () => {
      const other = await settledTexts(driver, () =>
        driver.channelView(outsider, driver.otherChannel),
      );
      expect(other.join('\n')).not.toContain(TITLE);
      const bram = (await driver.privateView(outsider)).map((m) => m.text).join('\n');
      expect(bram).not.toContain(TITLE);
    });
  });
}
