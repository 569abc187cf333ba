/**
 * The Slack Connect contract: the alliance channel is shared with a partner's own workspace,
 * and Lotte, of Stedin, speaks there from that workspace (her events carry her own team, the
 * channel its home team). She is herself and of her own partner everywhere: she signs up in
 * the shared channel (aanmelden → the intake form → her introduction card in the channel,
 * seen by the host workspace's people), is answered only to her in the channel, privately in
 * her own workspace, shares a document everyone in the alliance finds, may not choose the
 * core-team level (Stedin is not in the core team) and does not find the core team's
 * documents. Run on the drivers that have such a person (`people.guest`: Slack); the Slack
 * driver checks that every call into her direct chat used her own workspace's installation,
 * and every call into the shared channel the host's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_FORM_ID } from '../../flows/documents-views.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  doIntake,
  errorsAfter,
  flat,
  intake,
  intakeForm,
  openForm,
  settledTexts,
  waitFor,
} from './support.js';

const SHARED_TITLE = 'Netkaart Stedin 2026';
const CORE_TITLE = 'Kernteam: verdeling netcapaciteit';

export function runConnectContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, joiner: pieter } = driver.people;
  const guest = driver.people.guest;
  if (!guest) throw new Error(`the ${driver.name} driver has no person of a shared channel`);
  const lotte: string = guest;
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

  describe(`a person of another workspace in a shared channel on ${driver.name}`, () => {
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

    it('answers her in the shared channel only to her', async () => {
      await driver.commandInChannel(lotte, 'hulp');
      const help = await waitFor(
        inChannel(lotte),
        (m) => m.visibleTo === lotte && m.text.includes('Wat ik voor je kan doen'),
        'help, only to her',
      );
      expect(help.text).toContain('aanmelden');
      expect((await settled(inChannel(anna))).join('\n')).not.toContain('Wat ik voor je kan doen');
    });

    it('welcomes her privately when she joins the shared channel', async () => {
      await driver.joinChannel(lotte);
      const welcome = await waitFor(
        privately(lotte),
        (m) => m.buttons.some((b) => b.actionId === 'onboarding.start'),
        'the welcome with a start button',
      );
      expect(welcome.text).toContain('Welkom bij Energieregio Holland-West');
    });

    it('signs her up from the shared channel, as herself of her own partner', async () => {
      await driver.commandInChannel(lotte, 'aanmelden');
      const form = await intakeForm(driver, lotte);
      const result = await driver.submitForm(
        lotte,
        form,
        intake({
          name: 'Lotte Jansen',
          organisation: 'Stedin',
          organisationType: 'netbeheerder',
          role: 'Netstrateeg',
          topics: ['netcongestie', 'opslag'],
        }),
      );
      expect(result.errors).toBeUndefined();
      await waitFor(privately(lotte), (m) => m.text.includes('Dank je, Lotte Jansen!'), 'thanks');
      // Her introduction, in the shared channel, seen by people of the host workspace.
      const intro = await waitFor(
        inChannel(anna),
        (m) => m.text.includes('Maak kennis met Lotte Jansen van Stedin'),
        'her introduction in the shared channel',
      );
      expect(intro.visibleTo).toBeUndefined();
      expect(intro.text).toContain('Netstrateeg');
    });

    it('lets her share at the levels of her partner: announced, found by the others', async () => {
      const form = await shareForm(lotte);
      const core = await driver.submitForm(lotte, form, {
        title: SHARED_TITLE,
        link: 'https://example.org/netkaart.pdf',
        level: 'core',
      });
      const errors = await errorsAfter(driver, lotte, core, {
        formId: SHARE_FORM_ID,
        field: 'level',
      });
      expect(flat(errors?.level ?? '')).toContain(
        'Voor het kernteam kan alleen iemand van een kernteampartner delen',
      );
      const again = await shareForm(lotte);
      const shared = await driver.submitForm(lotte, again, {
        title: SHARED_TITLE,
        link: 'https://example.org/netkaart.pdf',
        summary: 'Waar het net vol zit, per wijk.',
        topics: ['netcongestie'],
        level: 'alliance',
      });
      expect(shared.errors).toBeUndefined();
      await waitFor(
        toThem(lotte),
        (m) => flat(m.text).includes(`Dank je, “${SHARED_TITLE}” is gedeeld.`),
        'the thanks',
      );
      const card = await waitFor(
        inChannel(anna),
        (m) => m.text.includes(`Gedeeld document: ${SHARED_TITLE}`) && m.visibleTo === undefined,
        'the announcement in the shared channel',
      );
      expect(flat(card.text)).toContain('Gedeeld door Lotte Jansen (Stedin)');
      await driver.sendDirect(anna, 'documenten netkaart');
      const found = await waitFor(
        privately(anna),
        (m) => m.text.includes('Documenten voor “netkaart”'),
        "Anna's search",
      );
      expect(flat(found.text)).toContain(SHARED_TITLE);
    });

    it('shows her what her partner may see, and not the core team’s documents', async () => {
      const form = await shareForm(pieter);
      const result = await driver.submitForm(pieter, form, {
        title: CORE_TITLE,
        link: 'https://example.org/capaciteit.xlsx',
        topics: ['netcongestie'],
        level: 'core',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        toThem(pieter),
        (m) => flat(m.text).includes(`Dank je, “${CORE_TITLE}” is gedeeld.`),
        "Pieter's thanks",
      );
      await driver.sendDirect(lotte, 'documenten netcongestie');
      const list = await waitFor(
        privately(lotte),
        (m) => m.text.includes('Documenten voor “netcongestie”'),
        "Lotte's search",
      );
      expect(flat(list.text)).toContain(SHARED_TITLE);
      expect(flat(list.text)).not.toContain(CORE_TITLE);
      expect((await settled(toThem(lotte))).join('\n')).not.toContain(CORE_TITLE);
    });
  });
}
