/**
 * The digest and community-health contract: after Anna (Gemeente Leiden) and Pieter
 * (Hoogheemraadschap van Rijnland) joined, `overzicht` shows Anna the week's digest — the two
 * new people with their partners, and the health summary; `gezondheid` shows the coordinator
 * every partner and Anna the alliance and her own organisation only; Bram, of the other
 * alliance, sees none of it in his digest. Pieter chooses a personal digest with `overzicht
 * kiezen`: e-mail is off in these deployments (answered next to the field), a direct message is
 * confirmed, and when the weekly digest fires he gets it in his private chat, once. One suite,
 * run against every adapter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, errorsAfter, flat, intake, openForm, waitFor } from './support.js';

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
  const privately = (user: string) => () => driver.privateView(user);
  /** A form with this id (opened first where it is behind a button). */
  const formOf = (user: string, id: string, what: string): Promise<SeenMessage> =>
    openForm(driver, user, id, what);

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

    it('overzicht kiezen: e-mail is off here (a clear answer by the field), a direct message is chosen', async () => {
      await driver.sendDirect(pieter, 'overzicht kiezen');
      const form = await formOf(pieter, 'digest.choose-form', 'Weekoverzicht voor jezelf');
      expect(form.form?.fields).toEqual(['via', 'email']);
      expect(flat(form.text)).toContain('Nu: niet apart.');
      // This deployment has no SMTP_URL: choosing e-mail is answered next to the field.
      const refused = await driver.submitForm(pieter, form, {
        via: 'email',
        email: 'pieter@rijnland.example',
      });
      const errors = await errorsAfter(driver, pieter, refused);
      expect(errors).toEqual({
        via: 'E-mail staat in deze installatie uit: de beheerder heeft geen SMTP_URL ingesteld. Kies een direct bericht.',
      });
      const again = await formOf(pieter, 'digest.choose-form', 'Weekoverzicht voor jezelf');
      const chosen = await driver.submitForm(pieter, again, { via: 'dm', email: '' });
      expect(chosen.errors).toBeUndefined();
      await waitFor(
        privately(pieter),
        (m) =>
          flat(m.text).includes(
            'Je krijgt het weekoverzicht voortaan ook als direct bericht, met de documenten die jij mag zien.',
          ),
        'the confirmation',
      );
    });

    it('the weekly digest reaches Pieter, who chose a direct message, privately and once', async () => {
      const personal = 'Je krijgt dit omdat je het weekoverzicht zelf wilt krijgen.';
      await driver.fireSchedule('energieregio-west', 'digest', 'digest', 'schedule:contract-1');
      const dm = await waitFor(
        privately(pieter),
        (m) => flat(m.text).includes(personal),
        'the personal digest',
      );
      expect(flat(dm.text)).toMatch(/^Weekoverzicht Energieregio Holland-West/);
      expect(flat(dm.text)).toContain(`Pieter Bakker (${RIJNLAND})`);
      // The same firing again (a worker that died after it): nothing more.
      await driver.fireSchedule('energieregio-west', 'digest', 'digest', 'schedule:contract-1');
      await driver.settled();
      const mine = (await driver.privateView(pieter)).filter((m) =>
        flat(m.text).includes(personal),
      );
      expect(mine).toHaveLength(1);
      // Anna chose nothing: the digest is in the channel for her, not in her private chat.
      expect((await driver.privateView(anna)).some((m) => flat(m.text).includes(personal))).toBe(
        false,
      );
    });

    it("the other alliance's digest shows none of it", async () => {
      const text = await ask(outsider, 'overzicht', 'Weekoverzicht');
      expect(text).not.toContain(LEIDEN);
      expect(text).not.toContain('Anna de Vries');
    });
  });
}
