/**
 * The onboarding contract: what a person sees when they ask for help, sign up, get a form
 * back with errors, finish the intake or join the alliance channel. One suite, run against
 * every adapter through its driver (local web chat, Slack, Teams).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver, SeenMessage } from './driver.js';

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

/** Polls a view until a message matches (platforms answer after they acknowledged). */
async function waitFor(
  view: () => Promise<SeenMessage[]>,
  match: (m: SeenMessage) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<SeenMessage> {
  const deadline = Date.now() + timeoutMs;
  let seen: SeenMessage[] = [];
  while (Date.now() < deadline) {
    seen = await view();
    const found = [...seen].reverse().find(match);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `never saw ${what}; saw:\n${seen.map((m) => `- ${m.text.slice(0, 120)}`).join('\n')}`,
  );
}

const intake = (overrides: Record<string, string | string[]> = {}) => ({
  name: 'Anna de Vries',
  organisation: 'Gemeente Leiden',
  organisationType: 'gemeente',
  role: 'Beleidsadviseur energie',
  goals: 'Alle geschikte daken vol zon in 2030.',
  offers: 'Kennis van vergunningen.',
  needs: 'Afspraken over netcongestie.',
  topics: ['zon', 'netcongestie'],
  language: 'nl',
  ...overrides,
});

export function runOnboardingContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer, newcomerEn, joiner, coordinator } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);

  /** The intake form, opening it first where the platform put it behind a button. */
  const intakeForm = async (user: string): Promise<SeenMessage> => {
    const found = await waitFor(
      privately(user),
      (m) => m.form?.id === 'onboarding.intake' || m.formButton !== undefined,
      'the intake form (or a button that opens it)',
    );
    if (found.form || !found.formButton) return found;
    await driver.pressButton(user, found, found.formButton);
    return waitFor(privately(user), (m) => m.form?.id === 'onboarding.intake', 'the intake form');
  };

  describe(`onboarding on ${driver.name}`, () => {
    beforeAll(() => driver.start(), 60_000);
    afterAll(() => driver.stop(), 60_000);

    it('helps in Dutch, and in English when asked in English', async () => {
      await driver.sendDirect(newcomer, 'hulp');
      const help = await waitFor(
        privately(newcomer),
        (m) => m.text.includes('Wat ik voor je kan doen'),
        'Dutch help',
      );
      expect(help.text).toContain('aanmelden');
      await driver.sendDirect(newcomerEn, 'help');
      const english = await waitFor(
        privately(newcomerEn),
        (m) => m.text.includes('What I can do for you'),
        'English help',
      );
      expect(english.text).toContain('join');
    });

    it('says so when it does not know a word or understand a sentence', async () => {
      await driver.sendDirect(newcomer, 'fietsen');
      const unknown = await waitFor(
        privately(newcomer),
        (m) => m.text.includes('"fietsen"'),
        'the unknown word',
      );
      expect(unknown.text).toContain('hulp');
      await driver.sendDirect(newcomer, 'kun je me helpen met zonnepanelen op het gemeentehuis');
      await waitFor(
        privately(newcomer),
        (m) => m.text.includes('Dat begrijp ik niet'),
        'not understood',
      );
    });

    it('welcomes a newcomer privately with the ambition and house rules, and shows the intake', async () => {
      await driver.commandInChannel(newcomer, 'aanmelden');
      const welcome = await waitFor(
        privately(newcomer),
        (m) => m.text.includes('Welkom bij Energieregio Holland-West'),
        'the welcome',
      );
      expect(welcome.text).toContain('2,1 TWh');
      expect(welcome.text).toContain('Huisregels');
      expect(welcome.text).toContain('vertrouwelijk blijft vertrouwelijk');
      const form = await waitFor(
        privately(newcomer),
        (m) => m.form?.id === 'onboarding.intake',
        'the intake form',
      );
      expect(form.form?.fields).toEqual(expect.arrayContaining(FIELDS));
    });

    it('sends the intake back with the errors next to the fields, and stores nothing', async () => {
      const form = await waitFor(
        privately(newcomer),
        (m) => m.form?.id === 'onboarding.intake',
        'the intake form',
      );
      const result = await driver.submitForm(
        newcomer,
        form,
        intake({ organisation: '', role: 'r'.repeat(151) }),
      );
      const errors =
        result.errors ??
        (
          await waitFor(
            privately(newcomer),
            (m) => Object.keys(m.form?.errors ?? {}).length > 0,
            'the form with errors',
          )
        ).form?.errors;
      expect(errors).toEqual({ organisation: 'Vul dit veld in.', role: 'Maximaal 150 tekens.' });
      await new Promise((r) => setTimeout(r, 300));
      expect(
        (await driver.channelView(coordinator)).some((m) =>
          m.text.includes('Maak kennis met Anna'),
        ),
      ).toBe(false);
    });

    it('introduces the newcomer in the alliance channel and tells the coordinator', async () => {
      const form = await waitFor(
        privately(newcomer),
        (m) => m.form?.id === 'onboarding.intake',
        'the intake form',
      );
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
      expect(welcome.text).toContain('Welkom bij Energieregio Holland-West');
      await driver.pressButton(joiner, welcome, 'onboarding.start');
      await waitFor(
        privately(joiner),
        (m) => m.form?.id === 'onboarding.intake',
        'the intake form after the button',
      );
    });

    it('speaks English to a newcomer who chooses English', async () => {
      await driver.sendDirect(newcomerEn, 'join');
      await waitFor(
        privately(newcomerEn),
        (m) => m.text.includes('Welcome to Energieregio Holland-West'),
        'the English welcome',
      );
      const form = await intakeForm(newcomerEn);
      await driver.submitForm(
        newcomerEn,
        form,
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
      // The channel hears it in the alliance's language.
      await waitFor(
        inChannel(coordinator),
        (m) => m.text.includes('Maak kennis met Emma Clarke van Stedin'),
        'the introduction in Dutch',
      );
    });
  });
}
