/**
 * The link contract, on one platform at a time (a driver speaks one platform; linking a Slack
 * and a Teams account end to end is test/integration/link-platforms.test.ts): `koppel` shows a
 * one-time code privately — in the person's own chat, or in the channel only to them; where a
 * platform cannot show a message to one person in a channel, no code there, only a note
 * without it — and never where anyone else reads it; a code that does not exist is refused; a
 * code typed on the platform it was made on links nothing (two accounts of one platform are
 * never linked) and is not used up; `koppel los` when nothing is linked says so.
 *
 * The cast (see ContractPeople): Anna asks for codes; Sanne, her colleague, types Anna's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDriver, SeenMessage } from './driver.js';
import { settledTexts, waitFor } from './support.js';

const CODE = /[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/;

export function runLinkContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, colleague: sanne, joiner: pieter } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  const withCode = (m: SeenMessage) => CODE.test(m.text);
  /** Every message anyone but Anna sees in the channel or privately, as text. */
  const othersSee = async () => [
    ...(await settledTexts(driver, inChannel(sanne))),
    ...(await settledTexts(driver, inChannel(pieter))),
    ...(await settledTexts(driver, privately(sanne))),
    ...(await settledTexts(driver, privately(pieter))),
  ];

  describe(`linking accounts on ${driver.name}`, () => {
    let code = '';

    beforeAll(() => driver.start(), 60_000);
    afterAll(() => driver.stop(), 60_000);

    it('shows a code in the person’s own chat, and to nobody else', async () => {
      await driver.sendDirect(anna, 'koppel');
      const shown = await waitFor(privately(anna), withCode, 'a link code in Anna’s own chat');
      code = CODE.exec(shown.text)?.[0] ?? '';
      expect(shown.text).toContain(`koppel ${code}`);
      expect(shown.text).toContain('binnen 10 minuten');
      expect((await othersSee()).filter((t) => t.includes(code))).toEqual([]);
    });

    it('in the channel: a code only to the person, or a note without one', async () => {
      await driver.commandInChannel(anna, 'koppel');
      await driver.settled();
      const channel = await driver.channelView(anna);
      const mine = [...channel, ...(await driver.privateView(anna))].filter(withCode);
      const note = channel.find((m) => m.text.includes('alleen in een privégesprek'));
      if (note) {
        // The platform shows no message to one person in a channel: no code at all, here.
        expect(CODE.test(note.text)).toBe(false);
        expect(channel.filter(withCode)).toEqual([]);
      } else {
        const inThisChannel = channel.filter(withCode);
        for (const m of inThisChannel) expect(m.visibleTo).toBe(anna);
        expect(mine.length).toBeGreaterThan(1);
      }
      // Whatever Anna was shown, nobody else sees any code.
      expect((await othersSee()).filter((t) => CODE.test(t))).toEqual([]);
    });

    it('refuses a code that does not exist', async () => {
      await driver.sendDirect(sanne, 'koppel ZZZZ-ZZZZ');
      await waitFor(
        privately(sanne),
        (m) => m.text.includes('Die code ken ik niet, of hij is verlopen'),
        'the answer to a code that does not exist',
      );
    });

    it('does not link two accounts of one platform, and does not use the code up', async () => {
      await driver.sendDirect(sanne, `koppel ${code}`);
      await waitFor(
        privately(sanne),
        (m) => m.text.includes('ik koppel een Slack- en een Teams-account'),
        'the refusal of a code of the same platform',
      );
      // Typed again (by Anna herself, on the same platform): the same refusal, not "used".
      await driver.sendDirect(anna, `koppel ${code}`);
      await waitFor(
        privately(anna),
        (m) => m.text.includes('ik koppel een Slack- en een Teams-account'),
        'the same refusal to Anna',
      );
      const texts = await settledTexts(driver, privately(anna));
      expect(texts.some((t) => t.includes('Die code is al gebruikt'))).toBe(false);
    });

    it('says so when there is nothing to unlink', async () => {
      await driver.sendDirect(anna, 'koppel los');
      await waitFor(
        privately(anna),
        (m) => m.text.includes('Dit account is niet gekoppeld'),
        'the answer to koppel los',
      );
    });
  });
}
