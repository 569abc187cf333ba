/**
 * Documents through the engine against real Redis, with people on Slack, Teams and the web
 * chat in one alliance (and a second alliance beside it): sharing at each level reaches only
 * the channels whose audience may see it and, for the core team and named partners, only the
 * people who may; a document shared on Slack is found on Teams and the other way round; the
 * search ranks title over topics over summary, accents and case ignored; bad input is answered
 * next to the field and stores nothing; the owner changes the level or withdraws and every copy
 * is updated in place; a request is answered, the answerer credited and the asker told; the
 * review date reminds the owner. Nobody of the other alliance sees anything of it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { documentsFlow } from '../../flows/documents.js';
import { documents, requests } from '../../flows/documents-record.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { InboundEvent } from '../../src/core/events.js';
import { slugify } from '../../src/core/ids.js';
import type { ReminderRequest, Reminders } from '../../src/core/jobs.js';
import {
  CHANNEL,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  press,
  SLACK_CHANNEL,
  slash,
  startKit,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';

const TENANT = '11111111-0000-0000-0000-00000000d0c5';
const TEAMS_CHANNEL = `teams:${TENANT}:19:kit@thread.tacv2`;
const CORE_CHANNEL = 'local:kit:kernteam';
const LEIDEN_CHANNEL = 'slack:T0KIT:C0LEIDEN';
const OTHER_CHANNEL = 'local:ander:kanaal';

const PZH = 'Provincie Zuid-Holland';
const STEDIN = 'Stedin';
const LEIDEN = 'Gemeente Leiden';
const COOP = 'Energiecoöperatie Rijnland';

/** People: on Slack of the Province (core team), on Teams of Stedin (core team), … */
const PIA = 'slack:T0KIT:U0PIA';
const TOM = `teams:${TENANT}:29:tom`;
const LEA = 'local:kit:lea'; // Gemeente Leiden, not in the core team
const KEES = 'local:kit:kees'; // the co-operative, not in the core team
const MIA = 'local:kit:mia'; // no intake yet: no partner
const OTTO = 'local:ander:otto'; // coordinator of the other alliance

class RecordingReminders implements Reminders {
  readonly waiting = new Map<string, ReminderRequest>();
  async schedule(_allianceId: string, r: ReminderRequest): Promise<void> {
    this.waiting.set(r.id, r);
  }
  async cancel(_allianceId: string, id: string): Promise<boolean> {
    return this.waiting.delete(id);
  }
}

let kit: Kit;
const reminders = new RecordingReminders();

beforeAll(async () => {
  kit = await startKit({
    flows: [documentsFlow],
    reminders,
    config: kitConfig(
      kitAlliance({
        partners: [PZH, STEDIN, LEIDEN, COOP].map((name) => ({ name, type: 'overig' })),
        coreTeam: [PZH, STEDIN],
        topics: ['zon', 'wind', 'warmte', 'netcongestie'],
        channels: {
          local: [CHANNEL, { id: CORE_CHANNEL, audience: 'core' }],
          slack: [SLACK_CHANNEL, { id: LEIDEN_CHANNEL, audience: [LEIDEN] }],
          teams: [TEAMS_CHANNEL],
        },
      }),
      kitAlliance({
        id: 'ander-verband',
        name: 'Ander Verband',
        coordinators: [{ name: 'Otto', ids: [OTTO] }],
        spokespersons: [],
        channels: { local: [OTHER_CHANNEL], slack: [], teams: [] },
      }),
    ),
    adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
  });
  const now = new Date().toISOString();
  const people: [string, string, string][] = [
    [PIA, 'Pia Provincie', PZH],
    [TOM, 'Tom Stedin', STEDIN],
    [LEA, 'Léa Leiden', LEIDEN],
    [KEES, 'Kees Coöperatie', COOP],
  ];
  for (const [id, name, partner] of people) {
    await kit.store.members.register(
      {
        id,
        allianceId: KIT,
        partnerId: slugify(partner),
        name,
        role: 'test',
        goals: 'g',
        offers: 'o',
        needs: 'n',
        topics: ['zon'],
        locale: id === TOM ? 'en' : 'nl',
        joinedAt: now,
      },
      { id: slugify(partner), allianceId: KIT, name: partner, type: 'overig', joinedAt: now },
    );
  }
});
afterAll(async () => {
  await kit?.stop();
});
beforeEach(() => kit.dispatcher.clear());

const handle = (event: InboundEvent) => kit.engine.handle(event);
const share = (
  user: string,
  values: Record<string, string | string[]>,
  context: string = KIT,
): InboundEvent => {
  const event = submit(user, 'documents.share', values);
  if (event.type !== 'form_submitted') throw new Error('not a submission');
  return { ...event, context };
};
const doc = (over: Record<string, string | string[]> = {}) => ({
  title: 'Warmtevisie Leiden',
  link: 'https://example.org/warmtevisie.pdf',
  summary: 'De wijkaanpak voor aardgasvrij.',
  topics: ['warmte'],
  level: 'alliance',
  ...over,
});

/** Where the messages went: channel ids and people (direct), new messages only. */
const posted = (all: readonly OutboundEnvelope[]) => ({
  channels: all
    .filter((e) => e.to.kind === 'conversation' && !e.updates)
    .map((e) => (e.to.kind === 'conversation' ? e.to.id : ''))
    .sort(),
  people: all
    .filter((e) => e.to.kind === 'direct' && !e.updates && e.message.kind === 'card')
    .map((e) => (e.to.kind === 'direct' ? e.to.userId : ''))
    .sort(),
});
const privateWords = (user: string) =>
  kit.dispatcher.all
    .filter((e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === user)
    .map((e) => wordsOf(e.message))
    .join('\n');
const docsSeenBy = async (user: string, words = '', channel?: string) => {
  kit.dispatcher.clear();
  await handle(slash(user, 'docs', words, channel ? { channel } : {}));
  return privateWords(user);
};
const stored = async () => (await kit.store.collection(documents).list(KIT)).length;
const byTitle = async (title: string) => {
  const found = (await kit.store.collection(documents).list(KIT)).find((d) => d.title === title);
  if (!found) throw new Error(`no document ${title}`);
  return found;
};

describe('sharing a document', () => {
  it('announces an alliance document in every channel, found on every platform', async () => {
    const result = await handle(share(PIA, doc()));
    expect(result.formErrors).toBeUndefined();
    expect(posted(kit.dispatcher.all)).toEqual({
      channels: [CORE_CHANNEL, CHANNEL, LEIDEN_CHANNEL, SLACK_CHANNEL, TEAMS_CHANNEL].sort(),
      people: [PIA], // the owner's own copy, with its buttons
    });
    const announcement = kit.dispatcher.all.find(
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
    expect(posted(kit.dispatcher.all)).toEqual({ channels: [CORE_CHANNEL], people: [PIA, TOM] });
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
    expect(posted(kit.dispatcher.all)).toEqual({ channels: [LEIDEN_CHANNEL], people: [LEA, PIA] });
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
    const keys = (await kit.keys()).filter((k) => !k.includes('done:{')).sort();
    const result = await handle(share(user, values));
    expect(result.formErrors?.[field]).toContain(message);
    expect(await stored()).toBe(before);
    expect((await kit.keys()).filter((k) => !k.includes('done:{')).sort()).toEqual(keys);
    expect(posted(kit.dispatcher.all).channels).toEqual([]);
  });

  it('offers a person without a partner only the levels they may choose', async () => {
    await handle(slash(MIA, 'share', ''));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
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
    kit.dispatcher.clear();
    await handle(press(LEA, 'documents.change', { value: d.id }));
    expect(privateWords(LEA)).toContain('Alleen wie een document deelde');
    await handle(share(LEA, doc({ level: 'public' }), `${KIT}|${d.id}`));
    expect((await byTitle('Begroting 2027')).level).toBe('alliance');

    kit.dispatcher.clear();
    await handle(share(PIA, doc({ title: 'Begroting 2027', level: 'core' }), `${KIT}|${d.id}`));
    const updates = kit.dispatcher.all.filter((e) => e.updates);
    const updated = (channel: string) =>
      updates.find((e) => e.to.kind === 'conversation' && e.to.id === channel);
    for (const channel of [CHANNEL, SLACK_CHANNEL, TEAMS_CHANNEL, LEIDEN_CHANNEL]) {
      const text = wordsOf(updated(channel)?.message ?? { kind: 'text', text: 'missing' });
      expect(text).toBe('Dit document wordt hier niet meer gedeeld.');
    }
    expect(wordsOf(updated(CORE_CHANNEL)?.message ?? { kind: 'text', text: '' })).toContain(
      'Kernteam (Provincie Zuid-Holland, Stedin)',
    );
    expect(posted(kit.dispatcher.all).people).toEqual([TOM]); // newly told; Pia is the owner
    expect(await docsSeenBy(LEA, 'begroting')).not.toContain('Begroting 2027');
    expect(await docsSeenBy(TOM, 'begroting')).toContain('Begroting 2027');
  });

  it('withdraws: every copy says so, nobody finds it, the reminder is gone', async () => {
    const d = await byTitle('Begroting 2027');
    kit.dispatcher.clear();
    await handle(press(PIA, 'documents.withdraw', { value: d.id }));
    const updates = kit.dispatcher.all.filter((e) => e.updates);
    expect(updates.length).toBe(d.copies.length);
    for (const e of updates.filter((u) => u.to.kind === 'conversation'))
      expect(wordsOf(e.message)).toBe('Dit document is ingetrokken door wie het deelde.');
    expect(await docsSeenBy(TOM, 'begroting')).not.toContain('Begroting 2027');
    expect(await docsSeenBy(PIA, 'begroting')).not.toContain('Begroting 2027');
    expect(reminders.waiting.has(`documents-review:${d.id}`)).toBe(false);
  });

  it('lists the owner’s documents with their buttons under “documenten mijn”', async () => {
    kit.dispatcher.clear();
    await handle(slash(KEES, 'docs', 'mijn'));
    const cards = kit.dispatcher.all.filter((e) => e.message.kind === 'card');
    expect(cards.length).toBe(4);
    const first = cards[0]?.message;
    expect(first?.kind === 'card' ? first.card.buttons.map((b) => b.actionId) : []).toEqual([
      'documents.change',
      'documents.withdraw',
    ]);
  });
});

describe('asking the alliance for a document', () => {
  it('posts the request, credits whoever answers and tells the asker', async () => {
    await handle(slash(LEA, 'ask', 'de warmtetransitievisie van Stedin'));
    expect(privateWords(LEA)).toContain('Je vraag staat in 5 alliantiekanalen');
    const request = (await kit.store.collection(requests).list(KIT))[0];
    if (!request) throw new Error('no request');
    expect(request.cards.map((c) => (c.to.kind === 'conversation' ? c.to.id : '')).sort()).toEqual(
      [CORE_CHANNEL, CHANNEL, LEIDEN_CHANNEL, SLACK_CHANNEL, TEAMS_CHANNEL].sort(),
    );
    // Tom presses "I have one": the share form for this request.
    kit.dispatcher.clear();
    await handle(press(TOM, 'documents.answer', { value: request.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    expect(form?.kind === 'form' ? form.form.context : '').toBe(`${KIT}|${request.id}`);
    // At a level Léa may not see: refused, nothing stored.
    const context = `${KIT}|${request.id}`;
    const before = await stored();
    const refused = await handle(
      share(TOM, doc({ title: 'Transitievisie', level: 'core' }), context),
    );
    expect(refused.formErrors?.level).toContain('Léa Leiden asked for this document');
    expect(await stored()).toBe(before);
    // At the alliance level: shared, Léa told, Tom credited on every request card.
    kit.dispatcher.clear();
    await handle(share(TOM, doc({ title: 'Transitievisie' }), context));
    expect(privateWords(LEA)).toContain(
      'Tom Stedin deelde een document op je vraag: Transitievisie',
    );
    const credited = kit.dispatcher.all.filter(
      (e) => e.updates && request.cards.some((c) => c.key === e.updates),
    );
    expect(credited).toHaveLength(5);
    for (const e of credited) expect(wordsOf(e.message)).toContain('Beantwoord door Tom Stedin');
    expect((await kit.store.collection(requests).get(KIT, request.id))?.answers).toHaveLength(1);
  });
});

describe('the review date', () => {
  it('reminds the owner that day, with the buttons to change or withdraw', async () => {
    await handle(share(TOM, doc({ title: 'Netkaart', reviewOn: '2099-01-15' })));
    const d = await byTitle('Netkaart');
    const r = reminders.waiting.get(`documents-review:${d.id}`);
    if (!r) throw new Error('no reminder');
    kit.dispatcher.clear();
    await kit.engine.runJob({
      allianceId: KIT,
      flow: r.flow,
      kind: r.kind,
      data: r.data ?? {},
      key: `reminder:${KIT}:${r.id}@1`,
      type: 'reminder',
    });
    const card = kit.dispatcher.all.find((e) => e.to.kind === 'direct' && e.to.userId === TOM);
    expect(wordsOf(card?.message ?? { kind: 'text', text: '' })).toContain('Netkaart');
    expect(card?.message.kind === 'card' ? card.message.card.buttons.length : 0).toBe(2);
  });
});

describe('the other alliance', () => {
  it('finds none of it and cannot touch it', async () => {
    const d = await byTitle('Netkaart');
    expect(await docsSeenBy(OTTO)).toContain('nog geen documenten');
    kit.dispatcher.clear();
    await handle(press(OTTO, 'documents.withdraw', { value: d.id }));
    expect(privateWords(OTTO)).toContain('bestaat niet');
    expect((await byTitle('Netkaart')).status).toBe('active');
    expect(kit.dispatcher.all.every((e) => e.to.kind !== 'conversation')).toBe(true);
  });
});
