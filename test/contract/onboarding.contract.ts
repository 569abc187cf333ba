/**
 * The onboarding contract: what a person sees when they ask for help, sign up, get a form
 * back with errors, finish the intake or join the alliance channel. One suite, run against
 * every adapter through its driver (local web chat, Slack, Teams).
 *
 * The driver's people are fixed, so the cases run in this order and each person's story
 * builds on the previous case: the newcomer asks for help, signs up, gets errors and then
 * joins; the joiner joins the channel and picks English in the form; the English-speaking
 * newcomer asks for help and later joins in English. The coordinator only watches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alliance } from '../../src/domain/alliance.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  ALLIANCE_NAME,
  allianceNamed,
  errorsAfter,
  flat,
  intake,
  intakeForm as openIntakeForm,
  settledTexts,
  waitFor,
} from './support.js';

const FIELDS = [
  'name',
  'organisation',
  'organisationType',
  'role',
  'goals',
  'offers',
  'needs',
  'topics',
  'language',
];

export function runOnboardingContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer, newcomerEn, joiner, coordinator } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  let alliance: Alliance;

  const intakeForm = (user: string) => openIntakeForm(driver, user);
  const settled = (view: () => Promise<SeenMessage[]>) => settledTexts(driver, view);

  /** The welcome carries the alliance's own ambition and every house rule, verbatim. */
  const expectAmbitionAndRules = (welcome: SeenMessage) => {
    const seen = flat(welcome.text);
    expect(seen).toContain(flat(alliance.ambition));
    for (const rule of alliance.houseRules) expect(seen).toContain(flat(rule));
  };

  describe(`onboarding on ${driver.name}`, () => {
    beforeAll(async () => {
      alliance = await allianceNamed(ALLIANCE_NAME);
      await driver.start();
    }, 60_000);
    afterAll(() => driver.stop(), 60_000);

    it('helps privately in Dutch, and in English when the person speaks English', async () => {
      await driver.sendDirect(newcomer, 'hulp');
      const help = await waitFor(
        privately(newcomer),
        (m) => m.text.includes(`Wat ik voor je kan doen in ${ALLIANCE_NAME}`),
        'Dutch help',
      );
      expect(help.text).toContain('aanmelden');
      expect(help.text).toContain('hulp');

      await driver.sendDirect(newcomerEn, 'help');
      const english = await waitFor(
        privately(newcomerEn),
        (m) => m.text.includes(`What I can do for you in ${ALLIANCE_NAME}`),
        'English help',
      );
      expect(english.text).toContain('join');
      expect(english.text).not.toContain('Wat ik voor je kan doen');
    });

    it('says so when it does not know a word or understand a sentence', async () => {
      await driver.sendDirect(newcomer, 'fietsen');
      const unknown = await waitFor(
        privately(newcomer),
        (m) => m.text.includes('"fietsen"'),
        'the unknown word',
      );
      expect(unknown.text).toContain('Het woord "fietsen" ken ik niet');
      expect(unknown.text).toContain('hulp');

      await driver.sendDirect(newcomer, 'kun je me helpen met zonnepanelen op het gemeentehuis');
      const sentence = await waitFor(
        privately(newcomer),
        (m) => m.text.includes('Dat begrijp ik niet'),
        'not understood',
      );
      expect(sentence.text).toContain('Typ hulp');
    });

    it('welcomes a newcomer privately with the ambition and house rules, and shows the intake', async () => {
      await driver.commandInChannel(newcomer, 'aanmelden');
      const welcome = await waitFor(
        privately(newcomer),
        (m) => m.text.includes(`Welkom bij ${ALLIANCE_NAME}`),
        'the welcome',
      );
      expect(welcome.text).toContain('Onze gedeelde ambitie');
      expect(welcome.text).toContain('Huisregels');
      expectAmbitionAndRules(welcome);
      const form = await intakeForm(newcomer);
      expect(form.form?.fields).toEqual(expect.arrayContaining(FIELDS));
      expect(form.text).toContain('Organisatie');
      // Private means private: the coordinator sees no welcome in the channel.
      const channel = await inChannel(coordinator)();
      expect(channel.some((m) => m.text.includes('Welkom bij'))).toBe(false);
    });

    it('sends the intake back with an error next to each bad field, in Dutch, and stores nothing', async () => {
      const form = await intakeForm(newcomer);
      const result = await driver.submitForm(
        newcomer,
        form,
        intake({ name: '', organisation: '', role: 'r'.repeat(151) }),
      );
      const errors = await errorsAfter(driver, newcomer, result);
      expect(errors).toEqual({
        name: 'Vul dit veld in.',
        organisation: 'Vul dit veld in.',
        role: 'Maximaal 150 tekens.',
      });
      expect(
        (await settled(inChannel(coordinator))).some((m) => m.includes('Maak kennis met')),
      ).toBe(false);
      expect((await settled(privately(newcomer))).some((m) => m.includes('Dank je'))).toBe(false);
      expect(
        (await settled(privately(coordinator))).some((m) => m.includes('heeft zich aangemeld')),
      ).toBe(false);
    });

    it('introduces the newcomer in the alliance channel and tells the coordinator', async () => {
      const form = await intakeForm(newcomer);
      const result = await driver.submitForm(newcomer, form, intake());
      expect(result.errors).toBeUndefined();
      await waitFor(
        privately(newcomer),
        (m) => m.text.includes('Dank je, Anna de Vries!'),
        'the thanks',
      );
      const intro = await waitFor(
        inChannel(coordinator),
        (m) => m.text.includes('Maak kennis met Anna de Vries van Gemeente Leiden'),
        'the introduction',
      );
      expect(intro.text).toContain('Beleidsadviseur energie');
      expect(intro.text).toContain('Zon');
      expect(intro.visibleTo).toBeUndefined();
      // Everyone in the channel sees it, not only the coordinator.
      await waitFor(
        inChannel(newcomerEn),
        (m) => m.text.includes('Maak kennis met Anna de Vries'),
        'the introduction, seen by another member',
      );
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes('Anna de Vries (Gemeente Leiden) heeft zich aangemeld'),
        'the coordinator notice',
      );
    });

    it('welcomes someone who joins the channel, with a button that opens the intake', async () => {
      await driver.joinChannel(joiner);
      const welcome = await waitFor(
        privately(joiner),
        (m) => m.buttons.some((b) => b.actionId === 'onboarding.start'),
        'the welcome with a start button',
      );
      expect(welcome.text).toContain(`Welkom bij ${ALLIANCE_NAME}`);
      expectAmbitionAndRules(welcome);
      // Joining is not signing up: no form until the person asks for it.
      expect((await settled(privately(joiner))).length).toBe(1);
      expect((await driver.privateView(joiner)).some((m) => m.form)).toBe(false);
      await driver.pressButton(joiner, welcome, 'onboarding.start');
      await waitFor(
        privately(joiner),
        (m) => m.form?.id === 'onboarding.intake',
        'the intake form after the button',
      );
    });

    it('speaks English from then on to a Dutch newcomer who picks English in the form', async () => {
      const form = await intakeForm(joiner);
      await driver.submitForm(
        joiner,
        form,
        intake({
          name: 'Pieter Bakker',
          organisation: 'Hoogheemraadschap van Rijnland',
          organisationType: 'waterschap',
          role: 'Adviseur aquathermie',
          topics: ['warmte'],
          language: 'en',
        }),
      );
      await waitFor(
        privately(joiner),
        (m) => m.text.includes('Thank you, Pieter Bakker!'),
        'the English thanks',
      );
      // The channel hears it in the alliance's language.
      await waitFor(
        inChannel(coordinator),
        (m) => m.text.includes('Maak kennis met Pieter Bakker van Hoogheemraadschap van Rijnland'),
        'the introduction in Dutch',
      );
      await driver.sendDirect(joiner, 'hulp');
      await waitFor(
        privately(joiner),
        (m) => m.text.includes(`What I can do for you in ${ALLIANCE_NAME}`),
        'English help, even for the Dutch word',
      );
    });

    it('speaks English to the English-speaking newcomer throughout the intake', async () => {
      await driver.sendDirect(newcomerEn, 'join');
      const welcome = await waitFor(
        privately(newcomerEn),
        (m) => m.text.includes(`Welcome to ${ALLIANCE_NAME}`),
        'the English welcome',
      );
      expect(welcome.text).toContain('Our shared ambition');
      expect(welcome.text).toContain('House rules');
      expectAmbitionAndRules(welcome);
      const form = await intakeForm(newcomerEn);
      expect(form.text).toContain('Organisation');
      const result = await driver.submitForm(
        newcomerEn,
        form,
        intake({ name: 'Emma Clarke', organisation: '', language: 'en' }),
      );
      const errors = await errorsAfter(driver, newcomerEn, result);
      expect(errors).toEqual({ organisation: 'Please fill this in.' });

      const again = await intakeForm(newcomerEn);
      await driver.submitForm(
        newcomerEn,
        again,
        intake({
          name: 'Emma Clarke',
          organisation: 'Stedin',
          organisationType: 'netbeheerder',
          language: 'en',
        }),
      );
      await waitFor(
        privately(newcomerEn),
        (m) => m.text.includes('Thank you, Emma Clarke!'),
        'the English thanks',
      );
      await waitFor(
        inChannel(coordinator),
        (m) => m.text.includes('Maak kennis met Emma Clarke van Stedin'),
        'the introduction in Dutch',
      );
    });
  });
}
