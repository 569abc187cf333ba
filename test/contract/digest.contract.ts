/**
 * The digest and community-health contract: after Anna (Gemeente Leiden) and Pieter
 * (Hoogheemraadschap van Rijnland) joined, `overzicht` shows Anna the week's digest — the two
 * new people with their partners, and the health summary; `gezondheid` shows the coordinator
 * every partner and Anna the alliance and her own organisation only; Bram, of the other
 * alliance, sees none of it in his digest. One suite, run against every adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver } from './driver.js';
import { doIntake, flat, intake, waitFor } from './support.js';

const LEIDEN = 'Gemeente Leiden';
const RIJNLAND = 'Hoogheemraadschap van Rijnland';

export function runDigestContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, joiner: pieter, coordinator, outsider } = driver.people;
  /** The person types a word privately; the new answer starting with `header`, as read. */
  const ask = async (user: string, word: string, header: string) => {
    const before = (await driver.privateView(user)).filter((m) =>
      flat(m.text).startsWith(header),
    ).length;
    await driver.sendDirect(user, word);
    const found = await waitFor(
      async () => {
        const now = (await driver.privateView(user)).filter((m) => flat(m.text).startsWith(header));
        return now.length > before ? now : [];
      },
      () => true,
      `${header} for ${user}`,
    );
    return flat(found.text);
  };

  describe(`digest and health on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      await doIntake(driver, anna, intake(), driver.channel);
      await doIntake(
        driver,
        pieter,
        intake({
          name: 'Pieter Bakker',
          organisation: RIJNLAND,
          organisationType: 'waterschap',
          role: 'Adviseur aquathermie',
        }),
      );
    });
    afterAll(() => driver.stop());

    it('overzicht shows the week: the new people with their partners, and the health summary', async () => {
      const text = await ask(anna, 'overzicht', 'Weekoverzicht');
      // The config's partners are there from the start: new this week are the people.
      expect(text).toContain(`Anna de Vries (${LEIDEN})`);
      expect(text).toContain(`Pieter Bakker (${RIJNLAND})`);
      // Nobody introduced yet, nothing shared or proposed, no check-in.
      expect(text).toMatch(/Verbonden 0\/\d+ \(gelijk\)/);
      expect(text).toMatch(/Bijdragend 0\/\d+ \(gelijk\)/);
      expect(text).toContain('Samenwerkend nog niet gemeten');
    });

    it('gezondheid shows a coordinator every partner, and Anna only her own', async () => {
      const all = await ask(coordinator, 'gezondheid', 'Gezondheid van');
      expect(all).toContain(`${LEIDEN}: Verbonden: nee`);
      expect(all).toContain(`${RIJNLAND}: Verbonden: nee`);
      const own = await ask(anna, 'gezondheid', 'Gezondheid van');
      expect(own).toContain('Jouw organisatie');
      expect(own).toContain(`${LEIDEN}: Verbonden: nee`);
      expect(own).not.toContain(RIJNLAND);
    });

    it("the other alliance's digest shows none of it", async () => {
      const text = await ask(outsider, 'overzicht', 'Weekoverzicht');
      expect(text).not.toContain(LEIDEN);
      expect(text).not.toContain('Anna de Vries');
    });
  });
}
