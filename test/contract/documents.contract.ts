/**
 * The documents contract: a member shares a document for the whole alliance with `deel` (the
 * form, or a button that opens it) and its card appears in the alliance channel; another
 * member finds it with `documenten <woord>`; a document for the core team is not announced in
 * a channel everyone reads and is found only by the core team; a link that is not http(s) and
 * a level the sharer may not choose are answered next to the field and nothing is shared; the
 * owner withdraws with the button on their own copy and the channel card changes in place.
 * The other alliance sees none of it. One suite, run against every adapter.
 *
 * The cast: Anna (Gemeente Leiden, not in the core team) and Pieter (Hoogheemraadschap van
 * Rijnland, in the core team: test/fixtures/contract-alliances.yaml); Bram is in the other
 * alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_FORM_ID, WITHDRAW_ACTION } from '../../flows/documents-views.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import { doIntake, errorsAfter, flat, intake, openForm, settledTexts, waitFor } from './support.js';

const OPEN_TITLE = 'Warmtevisie Leiden 2030';
const CORE_TITLE = 'Concept begroting kernteam';

export function runDocumentsContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, joiner: pieter, outsider } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  const toThem = (user: string) => async () => [
    ...(await driver.privateView(user)),
    ...(await driver.channelView(user)).filter((m) => m.visibleTo === user),
  ];
  const settled = (view: () => Promise<SeenMessage[]>) => settledTexts(driver, view);

  /** The share form, asked for privately (opened first where it is behind a button). */
  const shareForm = async (user: string): Promise<SeenMessage> => {
    const before = (await driver.privateView(user)).length;
    await driver.sendDirect(user, 'deel');
    return openForm(driver, user, SHARE_FORM_ID, 'Een document delen', {
      view: async () => (await driver.privateView(user)).slice(before),
    });
  };
  /** The errors shown with the form once `field` has one. */
  const errorsOf = (user: string, result: { errors?: Record<string, string> }, field: string) =>
    errorsAfter(driver, user, result, { formId: SHARE_FORM_ID, field });

  describe(`documents on ${driver.name}`, () => {
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
          topics: ['warmte'],
        }),
      );
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('answers a bad link and a level the sharer may not choose next to the field, sharing nothing', async () => {
      const form = await shareForm(anna);
      const result = await driver.submitForm(anna, form, {
        title: OPEN_TITLE,
        link: 'javascript:alert(1)',
        level: 'alliance',
      });
      expect(await errorsOf(anna, result, 'link')).toEqual({
        link: 'Vul een volledige link in, die begint met https://.',
      });
      const again = await shareForm(anna);
      const core = await driver.submitForm(anna, again, {
        title: OPEN_TITLE,
        link: 'https://example.org/warmtevisie.pdf',
        level: 'core',
      });
      // (The Teams driver reads a form's errors as the card's Markdown, parentheses escaped.)
      const level = flat((await errorsOf(anna, core, 'level'))?.level ?? '');
      expect(level).toContain('Voor het kernteam kan alleen iemand van een kernteampartner delen');
      expect(level).toContain('Provincie Zuid-Holland, Hoogheemraadschap van Rijnland');
      expect((await settled(inChannel(pieter))).join('\n')).not.toContain(OPEN_TITLE);
    });

    it('announces a document for the alliance in the channel; another member finds it', async () => {
      const form = await shareForm(anna);
      const result = await driver.submitForm(anna, form, {
        title: OPEN_TITLE,
        link: 'https://example.org/warmtevisie.pdf',
        summary: 'De wijkaanpak naar aardgasvrij, per buurt.',
        topics: ['warmte'],
        level: 'alliance',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        toThem(anna),
        (m) => flat(m.text).includes(`Dank je, “${OPEN_TITLE}” is gedeeld.`),
        'the thanks',
      );
      const card = await waitFor(
        inChannel(pieter),
        (m) => m.text.includes(`Gedeeld document: ${OPEN_TITLE}`) && m.visibleTo === undefined,
        'the announcement in the channel',
      );
      expect(flat(card.text)).toContain('Gedeeld door Anna de Vries (Gemeente Leiden)');
      expect(flat(card.text)).toContain('Alliantie (alle partners)');
      await driver.sendDirect(pieter, 'documenten warmte');
      const found = await waitFor(
        privately(pieter),
        (m) => m.text.includes('Documenten voor “warmte”'),
        "Pieter's search",
      );
      expect(flat(found.text)).toContain(OPEN_TITLE);
      expect(flat(found.text)).toContain('https://example.org/warmtevisie.pdf');
    });

    it('keeps a core-team document out of the channel everyone reads and from the others', async () => {
      const form = await shareForm(pieter);
      const result = await driver.submitForm(pieter, form, {
        title: CORE_TITLE,
        link: 'https://example.org/begroting.xlsx',
        level: 'core',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Dank je, “${CORE_TITLE}” is gedeeld.`),
        'the thanks',
      );
      await driver.sendDirect(pieter, 'documenten begroting');
      await waitFor(
        privately(pieter),
        (m) => m.text.includes('Documenten voor “begroting”') && m.text.includes(CORE_TITLE),
        'the core-team document, for Pieter',
      );
      await driver.sendDirect(anna, 'documenten begroting');
      await waitFor(
        privately(anna),
        (m) => m.text.includes('Geen documenten gevonden voor “begroting”'),
        'nothing for Anna',
      );
      expect((await settled(inChannel(anna))).join('\n')).not.toContain(CORE_TITLE);
      expect((await settled(privately(anna))).join('\n')).not.toContain(CORE_TITLE);
    });

    it('lets the owner withdraw: the channel card changes in place, nobody finds it', async () => {
      const own = await waitFor(
        privately(anna),
        (m) => m.text.includes(`Je deelde: ${OPEN_TITLE}`),
        "Anna's own copy",
      );
      const card = await waitFor(
        inChannel(pieter),
        (m) => m.text.includes(`Gedeeld document: ${OPEN_TITLE}`),
        'the announcement',
      );
      await driver.pressButton(anna, own, WITHDRAW_ACTION);
      const changed = await waitFor(
        inChannel(pieter),
        (m) => m.id === card.id && m.text.includes('Dit document is ingetrokken'),
        'the withdrawn card, in place',
      );
      expect(changed.updated).toBe(true);
      expect(flat(changed.text)).not.toContain(OPEN_TITLE);
      await driver.sendDirect(pieter, 'documenten warmtevisie');
      await waitFor(
        privately(pieter),
        (m) => m.text.includes('Geen documenten gevonden voor “warmtevisie”'),
        'nothing found any more',
      );
    });

    it('shows the other alliance none of it', async () => {
      await driver.sendDirect(outsider, 'documenten');
      await waitFor(
        privately(outsider),
        (m) => m.text.includes('Er zijn nog geen documenten die jij mag zien'),
        "Bram's empty list",
      );
      const other = await settled(() => driver.channelView(outsider, driver.otherChannel));
      expect(other.join('\n')).not.toMatch(/Warmtevisie|begroting/i);
    });
  });
}
