/**
 * The toolkit's config key and how the config meets the chat: old configs stay valid; the
 * config's items are stored on first use; after a restart with a changed config, what
 * coordinators changed or retired in chat stays as they left it, items nobody touched follow
 * the config, new ones are added and left-out ones stay; two entries that are one item do not
 * overwrite each other; several people opening the toolkit at once store a new item once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolkitFlow } from '../../flows/toolkit.js';
import { toolkitRecords } from '../../flows/toolkit-record.js';
import { ITEM_FORM_ID, RETIRE_ACTION } from '../../flows/toolkit-views.js';
import { ToolkitItemSchema } from '../../src/domain/alliance.js';
import {
  CARLA,
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
import { alliance, COR, EVA, inForm, itemValues } from './toolkit-setup.js';

describe('the toolkit config key', () => {
  it('keeps existing configs valid and checks the new fields', () => {
    // As configs had it: a key message in the alliance's language.
    expect(ToolkitItemSchema.parse({ title: 'T', text: 'x', link: 'https://a.example/' })).toEqual({
      title: 'T',
      text: 'x',
      link: 'https://a.example/',
      kind: 'key-message',
    });
    expect(
      ToolkitItemSchema.parse({ title: 'T', text: 'x', kind: 'boilerplate', language: 'en' }),
    ).toMatchObject({ kind: 'boilerplate', language: 'en' });
    expect(
      ToolkitItemSchema.safeParse({ title: 'T', text: 'x', link: 'mailto:pers@a.example' }).success,
    ).toBe(true);
    for (const bad of [
      { title: 'T', text: 'x', kind: 'link' }, // a link item without its link
      { title: 'T', text: 'x', link: 'javascript:alert(1)' },
      { title: 'T', text: 'x', kind: 'poster' },
      { title: 'T', text: 'x', language: 'de' },
      { title: 'T', text: 'x', id: 'Not A Slug' },
    ])
      expect(ToolkitItemSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({ flows: [toolkitFlow], config: kitConfig(alliance()) });
  // Seeded on first use; then the chat: a change, a retirement, an item of its own.
  await kit.engine.handle(slash(MIA, 'toolkit', ''));
  const byTitle = async (title: string) =>
    (await toolkitRecords(kit.store).list(KIT)).find((r) => r.title === title);
  const kern = await byTitle('Kernboodschap');
  await kit.engine.handle(
    inForm(
      submit(
        CARLA,
        ITEM_FORM_ID,
        itemValues({ title: 'Kernboodschap', kind: 'key-message', text: 'Versie van Carla.' }),
      ),
      `${KIT}|${kern?.id}|${kern?.version}`,
    ),
  );
  await kit.engine.handle(
    press(CARLA, RETIRE_ACTION, { value: (await byTitle('Website'))?.id ?? '' }),
  );
  await kit.engine.handle(submit(COR, ITEM_FORM_ID, itemValues()));
});
afterAll(async () => {
  await kit.stop();
});

describe('a restart with a changed config', () => {
  let again: Kit;
  afterAll(async () => {
    await again?.stop();
  });

  it('adds what the config added, follows it where nobody changed an item, and keeps what the chat made', async () => {
    const before = new Map((await toolkitRecords(kit.store).list(KIT)).map((r) => [r.title, r]));
    const changedConfig = [
      // Changed in chat (Carla's version): stays hers.
      { id: 'kern', title: 'Kernboodschap', text: 'Een nieuwe tekst uit de config.' },
      // Nobody touched it in chat: follows the config.
      {
        title: 'Boilerplate voor persberichten',
        text: 'Config-versie.',
        kind: 'boilerplate',
        link: 'https://kit.example/over',
      },
      // Retired in chat: stays retired, as it was.
      {
        title: 'Website',
        text: 'Nieuwe omschrijving.',
        kind: 'link',
        link: 'https://kit.example/',
      },
      // New.
      { title: 'Nieuw uit de config', text: 'Een tekst die er nog niet was.' },
      // ('Key message' is left out.)
    ];
    again = await startKit({
      flows: [toolkitFlow],
      config: kitConfig(alliance(changedConfig)),
      prefix: kit.prefix,
    });
    await again.engine.handle(slash(SAM, 'toolkit', ''));
    const after = new Map((await toolkitRecords(again.store).list(KIT)).map((r) => [r.title, r]));
    expect(after.get('Kernboodschap')).toEqual(before.get('Kernboodschap'));
    expect(after.get('Kernboodschap')?.text).toBe('Versie van Carla.');
    expect(after.get('Website')).toEqual(before.get('Website'));
    expect(after.get('Website')?.status).toBe('retired');
    const boilerplate = after.get('Boilerplate voor persberichten');
    expect(boilerplate?.text).toBe('Config-versie.');
    expect(boilerplate?.history.map((h) => h.action)).toEqual(['seeded', 'config']);
    expect(after.get('Oproep voor de nieuwsbrief')).toEqual(
      before.get('Oproep voor de nieuwsbrief'),
    );
    expect(after.get('Nieuw uit de config')).toMatchObject({ origin: 'config', status: 'active' });
    // Left out of the config: still there as it was.
    expect(after.get('Key message')).toEqual(before.get('Key message'));
    expect(after.size).toBe(before.size + 1);
  });

  it('takes the first of two config entries that are one item, and writes nothing on later uses', async () => {
    const twice = await startKit({
      flows: [toolkitFlow],
      config: kitConfig(
        alliance([
          { title: 'Dubbel', text: 'De eerste.' },
          { title: 'Dubbel', text: 'De tweede.' },
        ]),
      ),
      prefix: kit.prefix,
    });
    try {
      await twice.engine.handle(slash(MIA, 'toolkit', ''));
      const first = (await toolkitRecords(twice.store).list(KIT)).find((r) => r.title === 'Dubbel');
      expect(first?.text).toBe('De eerste.');
      await twice.engine.handle(slash(EVA, 'toolkit', ''));
      const later = (await toolkitRecords(twice.store).list(KIT)).find((r) => r.title === 'Dubbel');
      expect(later).toEqual(first);
    } finally {
      await twice.redis.quit();
    }
  });

  it('stores a new config item once when several people open the toolkit at the same moment', async () => {
    const fourth = await startKit({
      flows: [toolkitFlow],
      config: kitConfig(alliance([{ title: 'Gelijktijdig', text: 'Eén keer opgeslagen.' }])),
      prefix: kit.prefix,
    });
    try {
      await Promise.all(
        [MIA, EVA, CARLA, COR, SAM].map((who) => fourth.engine.handle(slash(who, 'toolkit', ''))),
      );
      const found = (await toolkitRecords(fourth.store).list(KIT)).filter(
        (r) => r.title === 'Gelijktijdig',
      );
      expect(found).toHaveLength(1);
      expect(found[0]?.history.map((h) => h.action)).toEqual(['seeded']);
    } finally {
      await fourth.redis.quit();
    }
  });
});
