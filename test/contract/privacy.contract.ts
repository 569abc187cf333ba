/**
 * The privacy contract: a member's `privacy` shows, only to her, what the bot keeps about her;
 * `privacy inzien` gives her a readable summary and the JSON — a file where the platform takes
 * one (Slack, Teams), else a one-time download link — only to her (in the channel only to her
 * where the platform can, else privately); a member typing `logboek` is
 * refused and told who can; `privacy vergeten` asks first (Annuleren erases nothing), and
 * confirmed erases and says so — afterwards the bot keeps no membership of hers and
 * `aanmelden` treats her as a newcomer; the coordinator's `logboek` shows the export and the
 * erasure under her pseudonym, never her name. One suite, run against every adapter through
 * its driver.
 *
 * The cast (see ContractPeople): Anna joins Gemeente Leiden and then has herself forgotten;
 * Joost coordinates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, flat, intake, waitFor } from './support.js';

const OVERVIEW = 'Wat de bot over je bewaart';
const NAME = 'Anna de Vries';

export function runPrivacyContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, coordinator } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  /** An answer to a word typed in the channel: only to them there, or privately (Teams). */
  const answersTo = (user: string) => async () => [
    ...(await driver.channelView(user)),
    ...(await driver.privateView(user)),
  ];
  /** Only what came after the messages already seen (by id, or changed in place since). */
  const since = (view: () => Promise<SeenMessage[]>, before: readonly SeenMessage[]) => {
    const old = new Set(before.map((m) => `${m.id}|${m.text}`));
    return async () => (await view()).filter((m) => !old.has(`${m.id}|${m.text}`));
  };
  /** Nobody else sees it in the channel. */
  const othersSee = async (text: string) =>
    (await driver.channelView(coordinator)).some((m) => m.text.includes(text));

  describe(`privacy on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake(), driver.channel);
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('shows a member what the bot keeps about her, only to her', async () => {
      await driver.commandInChannel(anna, 'privacy');
      const overview = await waitFor(
        answersTo(anna),
        (m) => m.text.includes(OVERVIEW),
        'the privacy overview',
      );
      expect(flat(overview.text)).toMatch(/members \(1\)/);
      expect(overview.buttons.map((b) => b.actionId)).toEqual(['privacy.export', 'privacy.ask']);
      expect(await othersSee(OVERVIEW)).toBe(false);
    });

    it('gives her a summary and the file (or a one-time download link), only to her', async () => {
      await driver.commandInChannel(anna, 'privacy inzien');
      const exported = await waitFor(
        answersTo(anna),
        (m) => m.text.includes(`Wat de bot over ${NAME} bewaart`),
        'the export',
      );
      expect(flat(exported.text)).toMatch(/members \(1\)/);
      // The JSON itself: a one-time download link (the web chat), or a file beside the card
      // (Slack: uploaded into her DM; Teams: a file consent card), which the card points at.
      expect(exported.text).toMatch(
        /Download alles \(JSON, één keer, 24 uur geldig\)|Alles staat in het JSON-bestand bij dit bericht/,
      );
      expect(exported.text).toContain('Alleen jij ziet dit bericht.');
      expect(await othersSee(`Wat de bot over ${NAME} bewaart`)).toBe(false);
    });

    it('refuses the audit trail to a member, saying who can', async () => {
      await driver.sendDirect(anna, 'logboek');
      await waitFor(
        privately(anna),
        (m) => m.text.includes('Alleen een coördinator kan het logboek lezen.'),
        'the refusal',
      );
    });

    it('asks before erasing; cancelled, nothing is erased', async () => {
      await driver.sendDirect(anna, 'privacy vergeten');
      const ask = await waitFor(privately(anna), (m) => m.text.includes('Alles wissen?'), 'ask');
      expect(ask.buttons.map((b) => b.actionId)).toEqual(['privacy.forget', 'privacy.cancel']);
      await driver.pressButton(anna, ask, 'privacy.cancel');
      await waitFor(privately(anna), (m) => m.text.includes('Er is niets gewist.'), 'cancelled');
      const before = await driver.privateView(anna);
      await driver.sendDirect(anna, 'privacy');
      const overview = await waitFor(
        since(privately(anna), before),
        (m) => m.text.includes(OVERVIEW),
        'the overview after cancelling',
      );
      expect(flat(overview.text)).toMatch(/members \(1\)/);
    });

    let pseudonym = '';
    it('erases once confirmed and says what went; she is a newcomer afterwards', async () => {
      const before = await driver.privateView(anna);
      await driver.sendDirect(anna, 'privacy vergeten');
      const ask = await waitFor(
        since(privately(anna), before),
        (m) => m.text.includes('Alles wissen?'),
        'the confirmation',
      );
      await driver.pressButton(anna, ask, 'privacy.forget');
      const done = await waitFor(
        since(privately(anna), before),
        (m) => m.text.includes(`Gewist: wat de bot over ${NAME} bewaarde`),
        'the erasure',
      );
      expect(flat(done.text)).toMatch(/members \(1\)/);
      pseudonym = /person-[0-9a-f]{10}/.exec(done.text)?.[0] ?? '';
      expect(pseudonym).not.toBe('');

      // The bot keeps no membership of hers.
      const after = await driver.privateView(anna);
      await driver.sendDirect(anna, 'privacy');
      const overview = await waitFor(
        since(privately(anna), after),
        (m) => m.text.includes(OVERVIEW),
        'the overview after the erasure',
      );
      expect(flat(overview.text)).not.toMatch(/members \(/);
      // And `aanmelden` treats her as a newcomer: the intake, not "already joined".
      const then = await driver.privateView(anna);
      await driver.sendDirect(anna, 'aanmelden');
      const intakeAgain = await waitFor(
        since(privately(anna), then),
        (m) => m.form?.id === 'onboarding.intake' || m.formButton !== undefined,
        'the intake for a newcomer',
      );
      expect(intakeAgain.text).not.toContain('Je bent al aangemeld');
    });

    it('shows the coordinator the trail: the export and erasure under her pseudonym', async () => {
      await driver.sendDirect(coordinator, 'logboek soort:privacy');
      const trail = await waitFor(
        privately(coordinator),
        (m) => m.text.includes('privacy.erased'),
        'the audit trail',
      );
      const text = flat(trail.text);
      expect(text).toContain(`· ${pseudonym} · privacy.erased · over ${pseudonym}`);
      expect(text).toContain(`· ${pseudonym} · privacy.exported`);
      expect(text.indexOf('privacy.erased')).toBeLessThan(text.indexOf('privacy.exported'));
      expect(text).not.toContain(NAME);
    });
  });
}
