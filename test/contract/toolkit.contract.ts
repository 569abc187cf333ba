/**
 * The toolkit contract: a partner fetches the toolkit (`toolkit`) and sees the config's key
 * message and boilerplate, each in a message of its own whose text is the item's exactly, and
 * gets a text alone with Copyable text; the coordinator adds an English item through the form
 * (a link that is not http(s) is answered next to the field), an English-speaking partner sees
 * it and not the Dutch ones, the coordinator changes it from its prefilled form and retires
 * another; the spokesperson, who is no coordinator, is refused. One suite, run against every
 * adapter through its driver.
 *
 * The cast (see ContractPeople): Anna asks in the alliance channel, Emma (who chose English in
 * her intake) privately; Joost coordinates; Fatima speaks for the alliance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANGE_ACTION,
  COPY_ACTION,
  ITEM_FORM_ID,
  RETIRE_ACTION,
} from '../../flows/toolkit-views.js';
import type { Alliance } from '../../src/domain/alliance.js';
import type { ContractDriver, SeenMessage } from './driver.js';
import {
  ALLIANCE_NAME,
  allianceNamed,
  doIntake,
  errorsAfter,
  flat,
  intake,
  openForm,
  waitFor,
} from './support.js';

const KEY_TITLE = 'Kernboodschap';
const BOILERPLATE_TITLE = 'Boilerplate voor persberichten';
const EN_TITLE = 'Key message for partners';
const EN_TEXT = 'Together we keep the grid open: 2,1 TWh by 2030 & *everyone* on board.';
const EN_CHANGED = 'Together we keep the grid open, with residents as co-owners.';

export function runToolkitContract(makeDriver: () => ContractDriver): void {
  const driver = makeDriver();
  const { newcomer: anna, newcomerEn: emma, coordinator, spokesperson } = driver.people;
  const privately = (user: string) => () => driver.privateView(user);
  /**
   * Where an answer to a word typed in the channel lands: only to them in the channel where
   * the platform can (Slack, the web chat), else in their private chat (Teams).
   */
  const answersInChannel = (user: string) => async () => [
    ...(await driver.channelView(user)),
    ...(await driver.privateView(user)),
  ];
  let configured: Alliance['toolkit'] = [];

  /** An item's card (its title is its header) as the person sees it now: the latest one. */
  const itemCard = (view: () => Promise<SeenMessage[]>, title: string, what: string) =>
    waitFor(
      view,
      (m) => m.buttons.some((b) => b.actionId === COPY_ACTION) && flat(m.text).startsWith(title),
      what,
    );

  /** The toolkit's form with this title (add or change), opened first where it is behind a button. */
  const toolkitForm = (user: string, id: string, title: string) =>
    openForm(driver, user, id, title, { alsoForm: true });

  describe(`the toolkit on ${driver.name}`, () => {
    beforeAll(async () => {
      await driver.start();
      configured = (await allianceNamed(ALLIANCE_NAME)).toolkit;
      await doIntake(
        driver,
        emma,
        intake({ name: 'Emma Clarke', role: 'Communications adviser', language: 'en' }),
      );
    }, 90_000);
    afterAll(() => driver.stop(), 60_000);

    it("shows a partner the config's items, each text exactly as configured, only to her", async () => {
      await driver.commandInChannel(anna, 'toolkit');
      const overview = await waitFor(
        answersInChannel(anna),
        (m) => m.text.includes(`Toolkit van ${ALLIANCE_NAME}`),
        'the toolkit overview',
      );
      const keyMessages = configured.filter((i) => i.kind === 'key-message').length;
      expect(overview.text).toContain(`Kernboodschappen (${keyMessages})`);
      expect(overview.buttons).toEqual([]);
      for (const item of configured) {
        const seen = await itemCard(answersInChannel(anna), item.title, item.title);
        expect(flat(seen.text)).toContain(flat(item.text));
        // A partner may copy, not change.
        expect(seen.buttons.map((b) => b.actionId)).toEqual([COPY_ACTION]);
      }
      // Nobody else sees it in the channel.
      const coordinatorSees = await driver.channelView(coordinator);
      expect(coordinatorSees.some((m) => m.text.includes(`Toolkit van ${ALLIANCE_NAME}`))).toBe(
        false,
      );
    });

    it('gives a partner the text alone as a message of its own with Copyable text', async () => {
      const key = configured.find((i) => i.title === KEY_TITLE);
      if (!key) throw new Error('the contract config has no Kernboodschap');
      const card = await itemCard(answersInChannel(anna), KEY_TITLE, 'the key message card');
      await driver.pressButton(anna, card, COPY_ACTION);
      const copy = await waitFor(
        answersInChannel(anna),
        // Slack's view shows a message's notification text too: the text starts it.
        (m) => flat(m.text).startsWith(flat(key.text)) && m.buttons.length === 0,
        'the key message alone',
      );
      expect(flat(copy.text)).not.toContain(KEY_TITLE);
    });

    it('answers a coordinator’s link that is not http(s) next to the field, then adds the item', async () => {
      await driver.sendDirect(coordinator, 'toolkit toevoegen');
      const form = await toolkitForm(coordinator, ITEM_FORM_ID, 'Toolkit-item toevoegen');
      const values = {
        title: EN_TITLE,
        kind: 'key-message',
        language: 'en',
        text: EN_TEXT,
        link: 'javascript:alert(1)',
      };
      const errors = await errorsAfter(
        driver,
        coordinator,
        await driver.submitForm(coordinator, form, values),
      );
      expect(errors).toEqual({ link: 'Vul een volledige link in, die begint met https://.' });
      const again = await toolkitForm(coordinator, ITEM_FORM_ID, 'Toolkit-item toevoegen');
      const result = await driver.submitForm(coordinator, again, {
        ...values,
        link: 'https://www.regionale-energiestrategie.nl/',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`Toegevoegd aan de toolkit: ‘${EN_TITLE}’ (Engels)`),
        'that it was added',
      );
    });

    it('shows an English-speaking partner the English item, not the Dutch ones', async () => {
      await driver.sendDirect(emma, 'toolkit');
      await waitFor(
        privately(emma),
        (m) => m.text.includes(`Toolkit of ${ALLIANCE_NAME}`),
        'the toolkit in English',
      );
      const card = await itemCard(privately(emma), EN_TITLE, 'the English item');
      expect(flat(card.text)).toContain(flat(EN_TEXT));
      await driver.settled();
      const seen = (await driver.privateView(emma)).map((m) => m.text);
      expect(seen.some((t) => t.includes(BOILERPLATE_TITLE))).toBe(false);
    });

    it('refuses the spokesperson who presses Retire, and changes nothing', async () => {
      await driver.sendDirect(coordinator, 'toolkit');
      const card = await itemCard(privately(coordinator), BOILERPLATE_TITLE, 'the boilerplate');
      expect(card.buttons.map((b) => b.actionId)).toEqual([
        COPY_ACTION,
        CHANGE_ACTION,
        RETIRE_ACTION,
      ]);
      await driver.pressButtonOn(spokesperson, card, RETIRE_ACTION);
      await waitFor(
        privately(spokesperson),
        (m) => flat(m.text).includes('Alleen een coördinator kan een toolkit-item intrekken.'),
        'the refusal',
      );
      const before = (await driver.privateView(anna)).length;
      await driver.sendDirect(anna, 'toolkit');
      await driver.settled();
      const after = (await driver.privateView(anna)).slice(before);
      expect(after.some((m) => flat(m.text).startsWith(BOILERPLATE_TITLE))).toBe(true);
    });

    it('changes an item from its prefilled form; the partner sees the new text', async () => {
      const card = await itemCard(privately(coordinator), EN_TITLE, 'the English item');
      await driver.pressButton(coordinator, card, CHANGE_ACTION);
      const form = await toolkitForm(coordinator, ITEM_FORM_ID, 'Toolkit-item wijzigen');
      const result = await driver.submitForm(coordinator, form, {
        title: EN_TITLE,
        kind: 'key-message',
        language: 'en',
        text: EN_CHANGED,
        link: 'https://www.regionale-energiestrategie.nl/',
      });
      expect(result.errors).toBeUndefined();
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`Gewijzigd: ‘${EN_TITLE}’`),
        'that it was changed',
      );
      await driver.sendDirect(emma, 'toolkit');
      await waitFor(
        privately(emma),
        (m) => m.buttons.some((b) => b.actionId === COPY_ACTION) && m.text.includes(EN_CHANGED),
        'the new text',
      );
    });

    it('retires an item: the partner no longer sees it', async () => {
      const card = await itemCard(privately(coordinator), BOILERPLATE_TITLE, 'the boilerplate');
      await driver.pressButton(coordinator, card, RETIRE_ACTION);
      await waitFor(
        privately(coordinator),
        (m) => m.text.includes(`Ingetrokken: ‘${BOILERPLATE_TITLE}’`),
        'that it was retired',
      );
      const before = (await driver.privateView(anna)).length;
      await driver.sendDirect(anna, 'toolkit');
      await driver.settled();
      const after = (await driver.privateView(anna)).slice(before);
      expect(after.some((m) => m.text.includes(`Toolkit van ${ALLIANCE_NAME}`))).toBe(true);
      expect(after.some((m) => m.text.includes(KEY_TITLE))).toBe(true);
      expect(after.some((m) => m.text.includes(BOILERPLATE_TITLE))).toBe(false);
    });
  });
}
