/**
 * The toolkit on the flow kit, against real Redis: the config's items are stored on first use
 * and partners fetch them with `toolkit` in their own language (the other one when theirs has
 * none), grouped by kind, one card per item whose text is exactly the item's; coordinators see
 * every item with Change and Retire, add items with a checked form (bad input: an answer next
 * to the field, nothing stored), change them (two coordinators on one version: the later one
 * is told and nothing of theirs is stored) and retire them (gone for partners, kept with who
 * did it, here and in the audit trail). The records answer for personal data like every
 * repository. The config key and restarts: toolkit-config.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toolkitFlow } from '../../flows/toolkit.js';
import { type ToolkitRecord, toolkitRecords } from '../../flows/toolkit-record.js';
import {
  ADD_ACTION,
  CHANGE_ACTION,
  COPY_ACTION,
  ITEM_FORM_ID,
  RETIRE_ACTION,
} from '../../flows/toolkit-views.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import type { Card } from '../../src/core/messages.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import {
  CARLA,
  CHANNEL,
  KIT,
  type Kit,
  kitConfig,
  MIA,
  press,
  SAM,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';
import {
  alliance,
  COR,
  cardsTo,
  EVA,
  formTo,
  inForm,
  itemValues,
  KERN_TEXT,
  textsTo,
} from './toolkit-setup.js';

let kit: Kit;
beforeAll(async () => {
  const config = kitConfig(alliance());
  kit = await startKit({ flows: [toolkitFlow], config });
  const a = new AllianceDirectory(config).get(KIT);
  if (a) await kit.store.alliances.syncFromConfig(a);
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
});

const records = () => toolkitRecords(kit.store).list(KIT);
const recordTitled = async (title: string): Promise<ToolkitRecord> => {
  const found = (await records()).find((r) => r.title === title);
  if (!found) throw new Error(`no record titled ${title}`);
  return found;
};

async function toolkitOf(userId: string, args = '', locale?: 'nl' | 'en'): Promise<Card[]> {
  kit.dispatcher.clear();
  await kit.engine.handle(slash(userId, 'toolkit', args, locale ? { locale } : {}));
  return cardsTo(kit.dispatcher.all, userId);
}

describe('the toolkit for partners', () => {
  it('stores the config items on first use and shows a partner those in their language, by kind', async () => {
    const cards = await toolkitOf(MIA);
    const [overview, ...items] = cards;
    expect(overview?.header).toBe('Toolkit van Kit Alliantie');
    expect(overview?.fields.map((f) => f.label)).toEqual([
      'Kernboodschappen (1)',
      'Boilerplates (1)',
      'Links (1)',
    ]);
    expect(overview?.buttons).toEqual([]);
    // One card per item, key messages first; the text exactly as configured.
    expect(items.map((c) => c.header)).toEqual([
      'Kernboodschap',
      'Boilerplate voor persberichten',
      'Website',
    ]);
    expect(items[0]?.text).toBe(KERN_TEXT);
    expect(items[0]?.context).toEqual(['Kernboodschap · Nederlands']);
    expect(items[1]?.links).toEqual([{ label: 'Openen', url: 'https://kit.example/over' }]);
    // A partner can only copy, not change.
    expect(items.map((c) => c.buttons.map((b) => b.actionId))).toEqual([
      [COPY_ACTION],
      [COPY_ACTION],
      [COPY_ACTION],
    ]);
    const stored = await records();
    expect(stored).toHaveLength(4);
    expect(stored.every((r) => r.origin === 'config' && r.history[0]?.action === 'seeded')).toBe(
      true,
    );
  });

  it('shows an English-speaking partner the English items, and copies a text as a plain message', async () => {
    const cards = await toolkitOf(EVA, '', 'en');
    expect(cards[0]?.header).toBe('Toolkit of Kit Alliantie');
    expect(cards.slice(1).map((c) => [c.header, c.text])).toEqual([
      ['Key message', 'Together we generate clean energy close to home.'],
    ]);
    const kern = await recordTitled('Kernboodschap');
    expect(kern.id).toBe('cfg-kern');
    kit.dispatcher.clear();
    await kit.engine.handle(press(MIA, COPY_ACTION, { value: kern.id, channel: CHANNEL }));
    // Only to her, in the channel, and nothing but the text.
    const [copy] = kit.dispatcher.all;
    expect(copy?.to).toEqual({ kind: 'ephemeral', conversationId: CHANNEL, userId: MIA });
    expect(copy?.message).toEqual({ kind: 'text', text: KERN_TEXT });
  });

  it('finds items by a word, in the title, the text or the kind', async () => {
    const found = await toolkitOf(MIA, 'boilerplate');
    expect(found.slice(1).map((c) => c.header)).toEqual(['Boilerplate voor persberichten']);
    const byText = await toolkitOf(MIA, 'DUURZAME');
    expect(byText.slice(1).map((c) => c.header)).toEqual(['Kernboodschap']);
    const none = await toolkitOf(MIA, 'kernfusie');
    expect(none.map((c) => c.text)).toEqual([
      'Geen toolkit-items gevonden met ‘kernfusie’. Typ toolkit voor alle items.',
    ]);
  });
});

describe('the toolkit for coordinators', () => {
  it('shows every item in both languages with Change and Retire, and the Add button', async () => {
    const cards = await toolkitOf(CARLA);
    expect(cards[0]?.buttons.map((b) => b.actionId)).toEqual([ADD_ACTION]);
    expect(cards.slice(1).map((c) => c.header)).toEqual([
      'Kernboodschap',
      'Boilerplate voor persberichten',
      'Website',
      'Key message',
    ]);
    for (const c of cards.slice(1))
      expect(c.buttons.map((b) => b.actionId)).toEqual([COPY_ACTION, CHANGE_ACTION, RETIRE_ACTION]);
    expect(cards[1]?.context).toEqual([
      'Kernboodschap · Nederlands',
      'Uit de instellingen van de alliantie',
    ]);
  });

  it('adds an item from the form; a partner sees it; the record says who added it', async () => {
    kit.dispatcher.clear();
    await kit.engine.handle(slash(CARLA, 'toolkit', 'toevoegen'));
    const form = formTo(kit.dispatcher.all, CARLA);
    expect(form.id).toBe(ITEM_FORM_ID);
    expect(form.fields.map((f) => f.name)).toEqual(['title', 'kind', 'language', 'text', 'link']);
    kit.dispatcher.clear();
    await kit.engine.handle(submit(CARLA, ITEM_FORM_ID, itemValues(), { eventId: 'add-1' }));
    expect(textsTo(kit.dispatcher.all, CARLA)).toEqual([
      'Toegevoegd aan de toolkit: ‘Oproep voor de nieuwsbrief’ (Nederlands). Partners zien het als ze toolkit typen.',
    ]);
    const added = await recordTitled('Oproep voor de nieuwsbrief');
    expect(added).toMatchObject({
      origin: 'chat',
      status: 'active',
      kind: 'boilerplate',
      version: 1,
      text: 'Doe mee met de regionale energiestrategie!\nKijk op de site.',
    });
    expect(added.link).toBeUndefined();
    expect(added.history).toEqual([
      expect.objectContaining({ action: 'created', by: CARLA, byName: 'Carla Coördinator' }),
    ]);
    const seen = await toolkitOf(MIA, 'nieuwsbrief');
    expect(seen[1]?.text).toBe(added.text);
    // And in the alliance's audit trail.
    const [entry] = await kit.store.audit.read(KIT, { kind: 'toolkit' });
    expect(entry).toMatchObject({
      kind: 'toolkit.added',
      actor: CARLA,
      details: { item: added.id, title: 'Oproep voor de nieuwsbrief', version: 1 },
    });
  });

  it('adds once when the same submission is handled again after a failure', async () => {
    const event = submit(CARLA, ITEM_FORM_ID, itemValues({ title: 'Eenmalig' }), {
      eventId: 'add-retry',
    });
    kit.dispatcher.failNext = 1;
    await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
      RetryableEventError,
    );
    await kit.engine.handle(event, { lastAttempt: false });
    expect((await records()).filter((r) => r.title === 'Eenmalig')).toHaveLength(1);
    const trail = await kit.store.audit.read(KIT, { kind: 'toolkit.added' });
    // In the trail once: the entry is written once per event (ctx.audit keys on it).
    expect(trail.filter((e) => e.details.title === 'Eenmalig')).toHaveLength(1);
  });

  it('answers bad input next to the field and stores nothing', async () => {
    const before = await records();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{ title: '   ' }, { title: 'Vul dit veld in.' }],
      [
        { link: 'javascript:alert(1)' },
        { link: 'Vul een volledige link in, die begint met https://.' },
      ],
      [
        { link: 'ftp://kit.example/x' },
        { link: 'Vul een volledige link in, die begint met https://.' },
      ],
      [{ text: 'x'.repeat(3001) }, { text: 'Maximaal 3000 tekens.' }],
      [{ kind: 'link' }, { link: 'Een item van de soort Link heeft een link nodig.' }],
      [{ kind: 'poster' }, { kind: 'Kies een van de opties.' }],
    ];
    for (const [values, errors] of cases) {
      const back = await kit.engine.handle(submit(CARLA, ITEM_FORM_ID, itemValues(values)));
      expect(back.formErrors, JSON.stringify(values)).toEqual(errors);
    }
    // In English for an English-speaking coordinator.
    const en = await kit.engine.handle(
      submit(CARLA, ITEM_FORM_ID, itemValues({ kind: 'link' }), { locale: 'en' }),
    );
    expect(en.formErrors).toEqual({ link: 'An item of kind Link needs a link.' });
    expect(await records()).toEqual(before);
  });

  it('refuses a partner who presses Change or Retire or sends the form, and changes nothing', async () => {
    const before = await records();
    const kern = await recordTitled('Kernboodschap');
    kit.dispatcher.clear();
    await kit.engine.handle(press(MIA, CHANGE_ACTION, { value: kern.id }));
    await kit.engine.handle(press(SAM, RETIRE_ACTION, { value: kern.id, locale: 'en' }));
    await kit.engine.handle(submit(MIA, ITEM_FORM_ID, itemValues()));
    await kit.engine.handle(slash(MIA, 'toolkit', 'add'));
    expect(textsTo(kit.dispatcher.all, MIA)).toEqual([
      'Alleen een coördinator kan een toolkit-item wijzigen.',
      'Alleen een coördinator kan een toolkit-item toevoegen of wijzigen.',
      // The English sub-word: answered in English.
      'Only a coordinator can add a toolkit item.',
    ]);
    expect(textsTo(kit.dispatcher.all, SAM)).toEqual([
      'Only a coordinator can retire a toolkit item.',
    ]);
    expect(await records()).toEqual(before);
  });

  it('changes an item from its prefilled form; partners see the new text; the record says who', async () => {
    const kern = await recordTitled('Kernboodschap');
    kit.dispatcher.clear();
    await kit.engine.handle(press(CARLA, CHANGE_ACTION, { value: kern.id }));
    const form = formTo(kit.dispatcher.all, CARLA);
    expect(form.id).toBe(ITEM_FORM_ID);
    expect(form.context).toBe(`${KIT}|${kern.id}|${kern.version}`);
    expect(Object.fromEntries(form.fields.map((f) => [f.name, f.initial]))).toEqual({
      title: 'Kernboodschap',
      kind: 'key-message',
      language: 'nl',
      text: KERN_TEXT,
      link: undefined,
    });
    kit.dispatcher.clear();
    const changed = 'Samen wekken we duurzame energie op, met inwoners als mede-eigenaar.';
    await kit.engine.handle(
      inForm(
        submit(
          COR,
          ITEM_FORM_ID,
          itemValues({ title: 'Kernboodschap', kind: 'key-message', text: changed }),
        ),
        form.context,
      ),
    );
    expect(textsTo(kit.dispatcher.all, COR)).toEqual([
      'Gewijzigd: ‘Kernboodschap’. Partners zien voortaan de nieuwe versie.',
    ]);
    const after = await recordTitled('Kernboodschap');
    expect(after.version).toBe(kern.version + 1);
    expect(after.history.at(-1)).toMatchObject({ action: 'changed', by: COR });
    expect((await toolkitOf(MIA, 'kernboodschap'))[1]?.text).toBe(changed);
    // The coordinator's view says who changed it.
    const coordinatorView = await toolkitOf(CARLA, 'kernboodschap');
    expect(coordinatorView[1]?.context[1]).toMatch(/^Laatst gewijzigd door Cor Coördinator op /);
  });

  it('tells the later of two coordinators changing one version that it changed meanwhile, and stores nothing of theirs', async () => {
    const item = await recordTitled('Boilerplate voor persberichten');
    const context = `${KIT}|${item.id}|${item.version}`;
    const values = (text: string) =>
      itemValues({ title: item.title, text, link: 'https://kit.example/over' });
    kit.dispatcher.clear();
    await kit.engine.handle(
      inForm(submit(CARLA, ITEM_FORM_ID, values('Versie van Carla.')), context),
    );
    const afterFirst = await recordTitled(item.title);
    expect(afterFirst.text).toBe('Versie van Carla.');
    kit.dispatcher.clear();
    await kit.engine.handle(inForm(submit(COR, ITEM_FORM_ID, values('Versie van Cor.')), context));
    const [told] = textsTo(kit.dispatcher.all, COR);
    expect(told).toMatch(
      /^Carla Coördinator heeft ‘Boilerplate voor persberichten’ intussen gewijzigd \(.+\)\. Je wijziging is niet opgeslagen/,
    );
    const [current, theirs] = cardsTo(kit.dispatcher.all, COR);
    expect(current?.text).toBe('Versie van Carla.');
    expect(current?.buttons.map((b) => b.actionId)).toContain(CHANGE_ACTION);
    expect(theirs?.header).toBe('Jouw versie (niet opgeslagen): Boilerplate voor persberichten');
    expect(theirs?.text).toBe('Versie van Cor.');
    expect(await recordTitled(item.title)).toEqual(afterFirst);
  });

  it('lets exactly one of two coordinators saving one version at the same moment win', async () => {
    const item = await recordTitled('Oproep voor de nieuwsbrief');
    const context = `${KIT}|${item.id}|${item.version}`;
    const change = (who: string, body: string) =>
      kit.engine.handle(
        inForm(submit(who, ITEM_FORM_ID, itemValues({ title: item.title, text: body })), context),
      );
    kit.dispatcher.clear();
    await Promise.all([change(CARLA, 'Tekst van Carla.'), change(COR, 'Tekst van Cor.')]);
    const after = await recordTitled(item.title);
    expect(after.version).toBe(item.version + 1);
    const winner = after.text === 'Tekst van Carla.' ? CARLA : COR;
    const loser = winner === CARLA ? COR : CARLA;
    expect(after.history.at(-1)).toMatchObject({ action: 'changed', by: winner });
    expect(textsTo(kit.dispatcher.all, winner)).toEqual([
      'Gewijzigd: ‘Oproep voor de nieuwsbrief’. Partners zien voortaan de nieuwe versie.',
    ]);
    expect(textsTo(kit.dispatcher.all, loser)[0]).toContain('intussen gewijzigd');
  });

  it('retires an item: gone for partners, kept in the record with who retired it', async () => {
    const site = await recordTitled('Website');
    kit.dispatcher.clear();
    await kit.engine.handle(press(CARLA, RETIRE_ACTION, { value: site.id }));
    expect(textsTo(kit.dispatcher.all, CARLA)).toEqual([
      'Ingetrokken: ‘Website’. Partners zien het niet meer in de toolkit; het blijft bewaard in het logboek.',
    ]);
    const retired = await recordTitled('Website');
    expect(retired.status).toBe('retired');
    expect(retired.history.at(-1)).toMatchObject({ action: 'retired', by: CARLA });
    const trail = await kit.store.audit.read(KIT, { kind: 'toolkit' });
    expect(trail[0]).toMatchObject({
      kind: 'toolkit.retired',
      actor: CARLA,
      details: { item: site.id, title: 'Website' },
    });
    expect(trail.map((e) => e.kind)).toContain('toolkit.changed');
    expect((await toolkitOf(MIA)).some((c) => c.header === 'Website')).toBe(false);
    // Pressed again, or Change on it, or copied: it says so and changes nothing.
    kit.dispatcher.clear();
    await kit.engine.handle(press(COR, RETIRE_ACTION, { value: site.id }));
    await kit.engine.handle(press(COR, CHANGE_ACTION, { value: site.id }));
    const said = textsTo(kit.dispatcher.all, COR);
    expect(said).toHaveLength(2);
    for (const s of said)
      expect(s).toMatch(/^‘Website’ is al ingetrokken door Carla Coördinator op /);
    expect(await recordTitled('Website')).toEqual(retired);
  });

  it('falls back to the other language when a partner has none in theirs', async () => {
    const en = await recordTitled('Key message');
    await kit.engine.handle(press(CARLA, RETIRE_ACTION, { value: en.id }));
    const cards = await toolkitOf(EVA, '', 'en');
    expect(cards[0]?.context).toEqual([
      'There are no items in your language yet; these are the items in Dutch.',
    ]);
    expect(cards.slice(1).map((c) => c.header)).toContain('Kernboodschap');
  });

  it('holds personal data like every repository: the editors are exported, and anonymised on erasure', async () => {
    const holder = kit.store.personalData().find((h) => h.kind === 'toolkit.item');
    const carla = { allianceId: KIT, userIds: [CARLA] };
    expect(await holder?.countFor(carla)).toBeGreaterThanOrEqual(3);
    await holder?.eraseFor(carla);
    expect(await holder?.countFor(carla)).toBe(0);
    const site = await recordTitled('Website');
    expect(site.status).toBe('retired');
    expect(site.history.at(-1)).toEqual({
      action: 'retired',
      at: expect.any(String),
      version: site.version,
    });
  });
});
