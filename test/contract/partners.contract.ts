/**
 * The new-organisation contract: a person who names an organisation that is not a partner
 * waits; the coordinator gets a card to accept it, put the person with a partner that is
 * already in ("Hoort bij …") or decline; only a coordinator may decide; the decision changes
 * that same card in place, on every platform; the person hears the outcome and is introduced.
 * The other alliance the deployment serves sees none of it. And help: each person is offered
 * what their roles allow. One suite, run against every adapter through its driver.
 *
 * The cast (see ContractPeople): Anna (Gemeente Leiden) and Pieter (Hoogheemraadschap van
 * Rijnland) are members of two different partners from the start; Sanne, a colleague of
 * Anna's, names her organisation in her own words; Emma names a company that is new to the
 * alliance; Joost coordinates, Fatima speaks for the alliance; Bram is in the other alliance.
 * The cases build on each other and run in this order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCEPT_ACTION, DECLINE_ACTION, MERGE_ACTION } from '../../flows/onboarding-partners.js';
import { COMMAND_WORDS } from '../../src/core/commands.js';
import { COMMANDS } from '../../src/core/events.js';
import type { Role } from '../../src/domain/alliance.js';
import { FlowRegistry } from '../../src/engine/registry.js';
import { FLOWS } from '../../src/main.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  ALLIANCE_NAME,
  doIntake,
  flat,
  intake,
  intakeForm,
  OTHER_ALLIANCE_NAME,
  settledTexts,
  waitFor,
} from './support.js';

const REFUSAL = 'Alleen een coördinator kan een nieuwe organisatie toelaten.';
const SANNE_ORG = 'Gemeente Leiden, team Duurzaamheid';
const EMMA_ORG = 'Zonnepark Valkenburg';

/** What help must offer someone with these roles: every subcommand declared for them. */
function offeredTo(roles: readonly Role[]) {
  return new FlowRegistry(FLOWS).allSubcommands(COMMANDS).map(({ spec }) => {
    const word = COMMAND_WORDS[spec.command].nl;
    const allowed = !spec.roles?.length || spec.roles.some((r) => roles.includes(r));
    return {
      word: spec.words ? `${word} ${spec.words.nl}` : word,
      describe: spec.describe('nl'),
      allowed,
      limited: (spec.roles?.length ?? 0) > 0 && !spec.roles?.includes('member'),
    };
  });
}

export function runPartnersContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const {
    newcomer: anna,
    joiner: pieter,
    newcomerEn: emma,
    colleague: sanne,
    coordinator,
    spokesperson,
    outsider,
  } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  const inChannel = (user: string) => () => driver.channelView(user);
  const inOtherChannel = () => driver.channelView(outsider, driver.otherChannel);
  const settled = (view: () => Promise<SeenMessage[]>) => settledTexts(driver, view);
  /** What Bram saw of his own alliance before anything happened in the other one. */
  let bramBefore: { channel: string[]; privately: string[] };

  /** The coordinator's card about an organisation, as it looks now. */
  const cardAbout = async (organisation: string) => {
    const cards = (await driver.privateView(coordinator)).filter((m) =>
      m.text.includes(`Nieuwe organisatie: ${organisation}`),
    );
    expect(cards, `one card about ${organisation}`).toHaveLength(1);
    return cards[0] as SeenMessage;
  };

  describe(`new organisations on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      // Members of two different partners, and one of the other alliance, in their own.
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
      await doIntake(
        driver,
        outsider,
        intake({
          name: 'Bram Visser',
          organisation: 'Gemeente Tiel',
          role: 'Energiecoördinator',
          topics: ['wind'],
        }),
        driver.otherChannel,
      );
      await waitFor(
        inOtherChannel,
        (m) => m.text.includes('Maak kennis met Bram Visser van Gemeente Tiel'),
        "Bram's introduction in his own alliance's channel",
      );
      bramBefore = {
        channel: await settled(inOtherChannel),
        privately: (await driver.privateView(outsider)).map((m) => m.text),
      };
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it('keeps the two alliances apart: each introduction in its own channel only', async () => {
      const demo = await settled(inChannel(pieter));
      expect(
        demo.some((m) => m.includes('Maak kennis met Anna de Vries van Gemeente Leiden')),
      ).toBe(true);
      expect(demo.some((m) => m.includes('Maak kennis met Pieter Bakker'))).toBe(true);
      expect(demo.some((m) => m.includes('Bram Visser'))).toBe(false);
      const other = bramBefore.channel;
      expect(other.some((m) => m.includes('Anna de Vries') || m.includes('Pieter Bakker'))).toBe(
        false,
      );
      // Bram's own alliance speaks to him: its name, not the demo alliance's.
      await driver.sendDirect(outsider, 'hulp');
      await waitFor(
        privately(outsider),
        (m) => m.text.includes(`Wat ik voor je kan doen in ${OTHER_ALLIANCE_NAME}`),
        "help in Bram's own alliance",
      );
      bramBefore.privately = await settled(privately(outsider));
      expect(bramBefore.privately.some((m) => m.includes(ALLIANCE_NAME))).toBe(false);
    });

    it('offers each person in help what their roles allow: coordinator, member, spokesperson', async () => {
      const cases: [string, string, Role[]][] = [
        ['the coordinator', coordinator, ['member', 'coordinator']],
        ['a member', anna, ['member']],
        ['the spokesperson', spokesperson, ['member', 'spokesperson']],
      ];
      for (const [who, user, roles] of cases) {
        await driver.sendDirect(user, 'hulp');
        const help = await waitFor(
          privately(user),
          (m) => m.text.includes(`Wat ik voor je kan doen in ${ALLIANCE_NAME}`),
          `help for ${who}`,
        );
        const seen = flat(help.text);
        for (const item of offeredTo(roles)) {
          if (item.allowed) {
            expect(seen, `${item.word} for ${who}`).toContain(item.word);
            expect(seen, `${item.word} for ${who}`).toContain(flat(item.describe));
            // What only some roles may use says so.
            if (item.limited) expect(seen).toContain(`${flat(item.describe)} (alleen `);
          } else {
            expect(seen, `${item.word} not for ${who}`).not.toContain(flat(item.describe));
          }
        }
        expect(seen).toContain('aanmelden');
        expect(seen).toContain('hulp');
      }
    });

    it('tells someone whose organisation is not a partner that it waits, and asks the coordinator', async () => {
      await driver.commandInChannel(sanne, 'aanmelden');
      const form = await intakeForm(driver, sanne);
      await driver.submitForm(
        sanne,
        form,
        intake({
          name: 'Sanne de Boer',
          organisation: SANNE_ORG,
          role: 'Beleidsmedewerker duurzaamheid',
          topics: ['zon', 'participatie'],
        }),
      );
      await waitFor(
        privately(sanne),
        (m) =>
          m.text.includes(
            `Dank je, Sanne de Boer. ${SANNE_ORG} is nog geen partner van ${ALLIANCE_NAME}`,
          ),
        'that it waits for the coordinators',
      );
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`Nieuwe organisatie: ${SANNE_ORG}`),
        "the coordinator's card",
      );
      const card = await cardAbout(SANNE_ORG);
      expect(card.text).toContain(`Sanne de Boer (Beleidsmedewerker duurzaamheid) wil meedoen`);
      expect(card.updated).toBe(false);
      const labels = Object.fromEntries(card.buttons.map((b) => [b.label, b.actionId]));
      expect(labels['Toelaten als nieuwe partner']).toBe(ACCEPT_ACTION);
      expect(labels['Hoort bij Gemeente Leiden']).toMatch(new RegExp(`^${MERGE_ACTION}\\.`));
      expect(labels['Niet toelaten']).toBe(DECLINE_ACTION);

      // Nobody is introduced yet, nobody else is asked, the other alliance hears nothing.
      expect((await settled(inChannel(anna))).some((m) => m.includes('Sanne de Boer'))).toBe(false);
      for (const other of [spokesperson, anna, pieter]) {
        const seen = (await driver.privateView(other)).map((m) => m.text);
        expect(seen.some((m) => m.includes('Nieuwe organisatie'))).toBe(false);
      }
      expect(await settled(inOtherChannel)).toEqual(bramBefore.channel);
      expect((await driver.privateView(outsider)).map((m) => m.text)).toEqual(bramBefore.privately);
    });

    it('refuses the spokesperson, who is no coordinator, and changes nothing', async () => {
      const card = await cardAbout(SANNE_ORG);
      await driver.pressButtonOn(spokesperson, card, ACCEPT_ACTION);
      await waitFor(
        privately(spokesperson),
        (m) => flat(m.text).includes(REFUSAL),
        'the refusal, for the spokesperson',
      );
      await driver.settled();
      const after = await cardAbout(SANNE_ORG);
      expect(after).toEqual(card);
      expect((await settled(privately(sanne))).some((m) => m.includes('toegelaten'))).toBe(false);
      expect((await settled(inChannel(anna))).some((m) => m.includes('Sanne de Boer'))).toBe(false);
    });

    it('puts the person with the partner the coordinator chose: the same card says who decided', async () => {
      const card = await cardAbout(SANNE_ORG);
      const merge = card.buttons.find((b) => b.label === 'Hoort bij Gemeente Leiden');
      if (!merge) throw new Error('no "Hoort bij Gemeente Leiden" on the card');
      await driver.pressButton(coordinator, card, merge.actionId);
      const decided = await waitFor(
        privately(coordinator),
        (m) => m.id === card.id && m.text.includes('Samengevoegd met Gemeente Leiden'),
        'the same card, decided',
      );
      expect(decided.text).toContain('door Joost Vermeulen');
      expect(decided.text).toContain(`Nieuwe organisatie: ${SANNE_ORG}`);
      expect(decided.buttons).toEqual([]);
      expect(decided.updated).toBe(true);
      expect(decided.where).toBe(card.where);
      expect((await cardAbout(SANNE_ORG)).id).toBe(card.id);

      await waitFor(
        privately(sanne),
        (m) =>
          m.text.includes(
            `De coördinatoren hebben je aangemeld bij Gemeente Leiden, partner van ${ALLIANCE_NAME}`,
          ),
        'the outcome, for Sanne',
      );
      // Introduced with the partner she belongs to; a member of another partner sees it.
      const intro = await waitFor(
        inChannel(pieter),
        (m) => m.text.includes('Maak kennis met Sanne de Boer van Gemeente Leiden'),
        'the introduction',
      );
      expect(intro.visibleTo).toBeUndefined();
      expect(intro.text).not.toContain(SANNE_ORG);
      await waitFor(
        inChannel(anna),
        (m) => m.text.includes('Maak kennis met Sanne de Boer'),
        'the introduction, seen by a colleague',
      );
      expect(await settled(inOtherChannel)).toEqual(bramBefore.channel);
      expect((await driver.privateView(outsider)).map((m) => m.text)).toEqual(bramBefore.privately);
    });

    it('accepts a new organisation: the same card says so, the newcomer hears it in English', async () => {
      await driver.commandInChannel(emma, 'join');
      const form = await intakeForm(driver, emma);
      await driver.submitForm(
        emma,
        form,
        intake({
          name: 'Emma Clarke',
          organisation: EMMA_ORG,
          organisationType: 'bedrijf',
          role: 'Project developer',
          topics: ['zon'],
          language: 'en',
        }),
      );
      await waitFor(
        privately(emma),
        (m) => m.text.includes(`${EMMA_ORG} is not yet a partner of ${ALLIANCE_NAME}`),
        'that it waits, in English',
      );
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`Nieuwe organisatie: ${EMMA_ORG}`),
        "the coordinator's card",
      );
      const card = await cardAbout(EMMA_ORG);
      expect(card.buttons.map((b) => b.actionId)).toContain(ACCEPT_ACTION);
      await driver.pressButton(coordinator, card, ACCEPT_ACTION);
      const decided = await waitFor(
        privately(coordinator),
        (m) => m.id === card.id && m.text.includes('Toegelaten als nieuwe partner door'),
        'the same card, accepted',
      );
      expect(decided.text).toContain('Joost Vermeulen');
      expect(decided.buttons).toEqual([]);
      expect(decided.updated).toBe(true);
      // The earlier card stays as it was decided.
      expect((await cardAbout(SANNE_ORG)).text).toContain('Samengevoegd met Gemeente Leiden');

      await waitFor(
        privately(emma),
        (m) => m.text.includes(`${EMMA_ORG} has been accepted as a partner of ${ALLIANCE_NAME}`),
        'the outcome, in English',
      );
      const intro = await waitFor(
        inChannel(pieter),
        (m) => m.text.includes(`Maak kennis met Emma Clarke van ${EMMA_ORG}`),
        'the introduction of a new partner',
      );
      expect(intro.text).toContain(`${EMMA_ORG} is een nieuwe partner in de alliantie`);
      expect(await settled(inOtherChannel)).toEqual(bramBefore.channel);
      expect((await driver.privateView(outsider)).map((m) => m.text)).toEqual(bramBefore.privately);
    });
  });
}
