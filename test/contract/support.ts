/**
 * What the contract suites share: waiting for what a person sees, opening a form (behind a
 * button where the platform puts it there) and reading its errors, the intake (its form, its
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

/**
 * A form the person sees privately, opening it first where the platform put it behind a
 * button (Slack: a modal needs a trigger): the form `id`, or a message with a form button
 * that says `text`. With `alsoForm` the form itself must say `text` too (one form id for
 * several forms, told apart by their title); `view` narrows where to look (what came after
 * the person asked).
 */
export async function openForm(
  driver: ContractDriver,
  user: string,
  id: string,
  text: string,
  options: { view?: () => Promise<SeenMessage[]>; alsoForm?: boolean } = {},
): Promise<SeenMessage> {
  const view = options.view ?? (() => driver.privateView(user));
  const says = (m: SeenMessage) => m.text.includes(text);
  const found = await waitFor(
    view,
    (m) =>
      (m.form?.id === id && (!options.alsoForm || says(m))) ||
      (m.formButton !== undefined && says(m)),
    `the form ${id} (or a button that opens it)`,
  );
  if (found.form || !found.formButton) return found;
  await driver.pressButton(user, found, found.formButton);
  return waitFor(
    view,
    (m) => m.form?.id === id && (!options.alsoForm || says(m)),
    `the form ${id}`,
  );
}

/**
 * The errors shown with a form after a submission: the modal's answer (Slack), or else the
 * form sent back with errors (of form `formId`, for `field`, when given).
 */
export async function errorsAfter(
  driver: ContractDriver,
  user: string,
  result: { errors?: Record<string, string> },
  which: { formId?: string; field?: string } = {},
): Promise<Record<string, string> | undefined> {
  if (result.errors) return result.errors;
  const { formId, field } = which;
  const shown = await waitFor(
    () => driver.privateView(user),
    (m) =>
      m.form !== undefined &&
      (formId === undefined || m.form.id === formId) &&
      (field === undefined
        ? Object.keys(m.form.errors).length > 0
        : m.form.errors[field] !== undefined),
    `the form with ${field === undefined ? 'errors' : `an error for ${field}`}`,
  );
  return shown.form?.errors;
}

/** The intake form, opening it first where the platform put it behind a button. */
export const intakeForm = (driver: ContractDriver, user: string): Promise<SeenMessage> =>
  openForm(driver, user, 'onboarding.intake', '');

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
