/**
 * Documents through the engine against real Redis, with people on Slack, Teams and the web
 * chat in one alliance (and a second alliance beside it; see documents-setup.ts): sharing at
 * each level reaches only the channels whose audience may see it and, for the core team and
 * named partners, only the people who may; a document shared on Slack is found on Teams and
 * the other way round; the search ranks title over topics over summary, accents and case
 * ignored; bad input is answered next to the field and stores nothing; the owner changes the
 * level or withdraws and every copy is updated in place.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { press, slash, wordsOf } from '../helpers/flow-kit.js';
import {
  ALL_CHANNELS,
  CHANNEL,
  CORE_CHANNEL,
  doc,
  KEES,
  KIT,
  LEA,
  LEIDEN_CHANNEL,
  MIA,
  OTHER_CHANNEL,
  OTTO,
  PIA,
  posted,
  SLACK_CHANNEL,
  TEAMS_CHANNEL,
  TOM,
  useDocumentsKit,
} from './documents-setup.js';

const dk = useDocumentsKit();
const { handle, share, privateWords, docsSeenBy, stored, byTitle, reminders } = dk;

describe('sharing a document', () => {
  it('announces an alliance document in every channel, found on every platform', async () => {
    const result = await handle(share(PIA, doc()));
    expect(result.formErrors).toBeUndefined();
    expect(posted(dk.kit.dispatcher.all)).toEqual({
      channels: ALL_CHANNELS,
      people: [PIA], // the owner's own copy, with its buttons
    });
    const announcement = dk.kit.dispatcher.all.find(
      (e) => e.to.kind === 'conversation' && e.to.id === TEAMS_CHANNEL,
    );
    expect(wordsOf(announcement?.message ?? { kind: 'text', text: '' })).toContain(
      'Gedeeld door Pia Provincie (Provincie Zuid-Holland)',
    );
    // Shared on Slack, found on Teams (in English), on the web chat and by someone without a partner.
    expect(await docsSeenBy(TOM)).toContain('Warmtevisie Leiden');
    expect(await docsSeenBy(TOM)).toContain('Shared by Pia Provincie');
    expect(await docsSeenBy(LEA)).toContain('Warmtevisie Leiden');
    expect(await docsSeenBy(MIA)).toContain('Warmtevisie Leiden');
    // Not by the other alliance, not even in its own channel.
    expect(await docsSeenBy(OTTO)).not.toContain('Warmtevisie');
    expect(await docsSeenBy(OTTO, '', OTHER_CHANNEL)).not.toContain('Warmtevisie');
  });

  it('announces a core-team document only where everyone may see it, and tells core people privately', async () => {
    const result = await handle(
      share(TOM, doc({ title: 'Netcongestie kernteam', topics: ['netcongestie'], level: 'core' })),
    );
    expect(result.formErrors).toBeUndefined();
    expect(posted(dk.kit.dispatcher.all)).toEqual({ channels: [CORE_CHANNEL], people: [PIA, TOM] });
    // Shared on Teams, found on Slack by the core team; not by the others.
    expect(await docsSeenBy(PIA, 'netcongestie')).toContain('Netcongestie kernteam');
    expect(await docsSeenBy(LEA, 'netcongestie')).not.toContain('Netcongestie kernteam');
    expect(await docsSeenBy(MIA)).not.toContain('Netcongestie kernteam');
    expect(await docsSeenBy(OTTO)).not.toContain('Netcongestie');
  });

  it('announces a named-partner document to the named partner’s people and channel only', async () => {
    const result = await handle(
      share(
        PIA,
        doc({ title: 'Zonnedaken Leiden', level: 'partners', partners: ['gemeente-leiden'] }),
      ),
    );
    expect(result.formErrors).toBeUndefined();
    expect(posted(dk.kit.dispatcher.all)).toEqual({
      channels: [LEIDEN_CHANNEL],
      people: [LEA, PIA],
    });
    expect(await docsSeenBy(LEA, 'zonnedaken')).toContain('Zonnedaken Leiden');
    expect(await docsSeenBy(TOM, 'zonnedaken')).not.toContain('Zonnedaken');
    expect(await docsSeenBy(KEES, 'zonnedaken')).not.toContain('Zonnedaken');
  });
});

describe('finding documents', () => {
  beforeAll(async () => {
    await handle(
      share(KEES, doc({ title: 'Zonneweides', summary: 'Over velden.', topics: ['zon'] })),
    );
    await handle(
      share(KEES, doc({ title: 'Participatie', summary: 'Zonne-energie samen.', topics: [] })),
    );
    await handle(share(KEES, doc({ title: 'Windmolens', summary: 'Over wind.', topics: ['zon'] })));
    await handle(share(KEES, doc({ title: 'Energiecoöperaties', summary: 'Samen.', topics: [] })));
  });

  it('ranks title over topics over summary, and ignores accents and case', async () => {
    const seen = await docsSeenBy(LEA, 'ZON');
    const order = ['Zonneweides', 'Windmolens', 'Participatie'].map((t) => seen.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(seen).not.toContain('Energiecoöperaties');
    expect(await docsSeenBy(LEA, 'energiecooperaties')).toContain('Energiecoöperaties');
    expect(await docsSeenBy(LEA, 'geen-treffer')).toContain('Geen documenten gevonden');
  });
});

describe('bad input: a clear answer next to the field, nothing stored', () => {
  const cases: [string, string, Record<string, string | string[]>, string, string][] = [
    ['a link that is not http(s)', PIA, doc({ link: 'javascript:alert(1)' }), 'link', errorLink()],
    ['an ftp link', PIA, doc({ link: 'ftp://example.org/x' }), 'link', errorLink()],
    ['an empty title', PIA, doc({ title: '  ' }), 'title', 'Vul dit veld in.'],
    [
      'an unknown partner',
      PIA,
      doc({ level: 'partners', partners: ['gemeente-atlantis'] }),
      'partners',
      '“gemeente-atlantis” is geen partner van deze alliantie',
    ],
    [
      'the core team by someone whose partner is not in it',
      LEA,
      doc({ level: 'core' }),
      'level',
      'Voor het kernteam kan alleen iemand van een kernteampartner delen (Provincie Zuid-Holland, Stedin)',
    ],
    [
      'named partners by someone without a partner yet',
      MIA,
      doc({ level: 'partners', partners: ['stedin'] }),
      'level',
      'Je hoort nog niet bij een partner',
    ],
    [
      'a level that does not exist',
      PIA,
      doc({ level: 'geheim' }),
      'level',
      'Kies een van de opties.',
    ],
    ['a review date in the past', PIA, doc({ reviewOn: '2020-01-01' }), 'reviewOn', 'na vandaag'],
  ];
  function errorLink() {
    return 'Vul een volledige link in, die begint met https://.';
  }

  it.each(cases)('%s', async (_what, user, values, field, message) => {
    const before = await stored();
    const keys = (await dk.kit.keys()).filter((k) => !k.includes('done:{')).sort();
    const result = await handle(share(user, values));
    expect(result.formErrors?.[field]).toContain(message);
    expect(await stored()).toBe(before);
    expect((await dk.kit.keys()).filter((k) => !k.includes('done:{')).sort()).toEqual(keys);
    expect(posted(dk.kit.dispatcher.all).channels).toEqual([]);
  });

  it('offers a person without a partner only the levels they may choose', async () => {
    await handle(slash(MIA, 'share', ''));
    const form = dk.kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no form');
    const level = form.form.fields.find((f) => f.name === 'level');
    expect(level && 'options' in level ? level.options.map((o) => o.value) : []).toEqual([
      'public',
      'alliance',
    ]);
    expect(form.form.fields.map((f) => f.name)).not.toContain('partners');
  });
});

describe('the owner changes the level or withdraws', () => {
  it('narrows to the core team: copies where it may no longer be seen say so, the core team is told', async () => {
    await handle(share(PIA, doc({ title: 'Begroting 2027', reviewOn: '2099-05-01' })));
    const d = await byTitle('Begroting 2027');
    expect(reminders.waiting.get(`documents-review:${d.id}`)?.at.toISOString()).toBe(
      '2099-05-01T07:00:00.000Z', // 09:00 in Amsterdam (summer time)
    );
    // Someone else presses the owner's button: refused, nothing changes.
    dk.kit.dispatcher.clear();
    await handle(press(LEA, 'documents.change', { value: d.id }));
    expect(privateWords(LEA)).toContain('Alleen wie een document deelde');
    await handle(share(LEA, doc({ level: 'public' }), `${KIT}|${d.id}`));
    expect((await byTitle('Begroting 2027')).level).toBe('alliance');
    // The owner's button opens the form filled in as the document is now.
    dk.kit.dispatcher.clear();
    await handle(press(PIA, 'documents.change', { value: d.id }));
    const form = dk.kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no form for the owner');
    expect(form.form.context).toBe(`${KIT}|${d.id}`);
    const initial = Object.fromEntries(
      form.form.fields.map((f) => [f.name, 'initial' in f ? f.initial : undefined]),
    );
    expect(initial).toMatchObject({
      title: 'Begroting 2027',
      level: 'alliance',
      reviewOn: '2099-05-01',
    });

    dk.kit.dispatcher.clear();
    await handle(share(PIA, doc({ title: 'Begroting 2027', level: 'core' }), `${KIT}|${d.id}`));
    const updates = dk.kit.dispatcher.all.filter((e) => e.updates);
    const updated = (channel: string) =>
      updates.find((e) => e.to.kind === 'conversation' && e.to.id === channel);
    for (const channel of [CHANNEL, SLACK_CHANNEL, TEAMS_CHANNEL, LEIDEN_CHANNEL]) {
      const text = wordsOf(updated(channel)?.message ?? { kind: 'text', text: 'missing' });
      expect(text).toBe('Dit document wordt hier niet meer gedeeld.');
    }
    expect(wordsOf(updated(CORE_CHANNEL)?.message ?? { kind: 'text', text: '' })).toContain(
      'Kernteam (Provincie Zuid-Holland, Stedin)',
    );
    expect(posted(dk.kit.dispatcher.all).people).toEqual([TOM]); // newly told; Pia is the owner
    expect(await docsSeenBy(LEA, 'begroting')).not.toContain('Begroting 2027');
    expect(await docsSeenBy(TOM, 'begroting')).toContain('Begroting 2027');
  });

  it('withdraws: every copy says so, nobody finds it, the reminder is gone', async () => {
    const d = await byTitle('Begroting 2027');
    dk.kit.dispatcher.clear();
    await handle(press(PIA, 'documents.withdraw', { value: d.id }));
    const updates = dk.kit.dispatcher.all.filter((e) => e.updates);
    expect(updates.length).toBe(d.copies.length);
    for (const e of updates.filter((u) => u.to.kind === 'conversation'))
      expect(wordsOf(e.message)).toBe('Dit document is ingetrokken door wie het deelde.');
    expect(await docsSeenBy(TOM, 'begroting')).not.toContain('Begroting 2027');
    expect(await docsSeenBy(PIA, 'begroting')).not.toContain('Begroting 2027');
    expect(reminders.waiting.has(`documents-review:${d.id}`)).toBe(false);
  });

  it('lists the owner’s documents with their buttons under “documenten mijn”', async () => {
    dk.kit.dispatcher.clear();
    await handle(slash(KEES, 'docs', 'mijn'));
    const cards = dk.kit.dispatcher.all.filter((e) => e.message.kind === 'card');
    expect(cards.length).toBe(4);
    const first = cards[0]?.message;
    expect(first?.kind === 'card' ? first.card.buttons.map((b) => b.actionId) : []).toEqual([
      'documents.change',
      'documents.withdraw',
    ]);
  });
});
