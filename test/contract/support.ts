/**
 * What the contract suites share: waiting for what a person sees, the intake (its form, its
 * answers, doing it start to end), and the alliances of the contract config.
 */
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import type { Alliance } from '../../src/domain/alliance.js';
import { CONTRACT_CONFIG, type ContractDriver, type SeenMessage } from './driver.js';

export const ALLIANCE_NAME = 'Energieregio Holland-West';
export const OTHER_ALLIANCE_NAME = 'Energieregio Rivierenland';

/** The alliance of that name in the contract config. */
export async function allianceNamed(name: string): Promise<Alliance> {
  const config = await loadAllianceConfig(CONTRACT_CONFIG);
  const found = config.alliances.find((a) => a.name === name);
  if (!found) throw new Error(`${CONTRACT_CONFIG} has no ${name}`);
  return found;
}

/** Whitespace as a person reads it: line breaks and runs of spaces are one space. */
export const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Polls a view until a message matches (platforms answer after they acknowledged). */
export async function waitFor(
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
    `never saw ${what}; saw:\n${seen.map((m) => `- ${m.text.slice(0, 160)}`).join('\n')}`,
  );
}

/** The texts of a view once the app has nothing left to say (see ContractDriver.settled). */
export async function settledTexts(
  driver: ContractDriver,
  view: () => Promise<SeenMessage[]>,
): Promise<string[]> {
  await driver.settled();
  return (await view()).map((m) => m.text);
}

export type IntakeValues = Record<string, string | string[]>;

/** Anna's intake; a test changes what it needs. */
export const intake = (overrides: IntakeValues = {}): IntakeValues => ({
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

/** The intake form, opening it first where the platform put it behind a button. */
export async function intakeForm(driver: ContractDriver, user: string): Promise<SeenMessage> {
  const privately = () => driver.privateView(user);
  const found = await waitFor(
    privately,
    (m) => m.form?.id === 'onboarding.intake' || m.formButton !== undefined,
    'the intake form (or a button that opens it)',
  );
  if (found.form || !found.formButton) return found;
  await driver.pressButton(user, found, found.formButton);
  return waitFor(privately, (m) => m.form?.id === 'onboarding.intake', 'the intake form');
}

/**
 * The person does the intake start to end: asks for it (privately, or in `channel`), fills it
 * in and waits for the thanks. With an existing partner they are a member of it afterwards.
 */
export async function doIntake(
  driver: ContractDriver,
  user: string,
  values: IntakeValues,
  channel?: string,
): Promise<void> {
  if (channel) await driver.commandInChannel(user, 'aanmelden', channel);
  else await driver.sendDirect(user, 'aanmelden');
  const form = await intakeForm(driver, user);
  const result = await driver.submitForm(user, form, values);
  if (result.errors) throw new Error(`the intake was refused: ${JSON.stringify(result.errors)}`);
  const thanks = values.language === 'en' ? 'Thank you, ' : 'Dank je, ';
  await waitFor(
    () => driver.privateView(user),
    (m) => m.text.includes(`${thanks}${String(values.name)}`),
    `the thanks to ${String(values.name)}`,
  );
}
