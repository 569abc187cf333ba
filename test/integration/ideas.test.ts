/**
 * Ideas on the flow kit, against real Redis with fake platforms: proposing posts the idea's
 * card in every alliance channel; `idee` alone lists the open ones; members of other partners
 * co-sign once per partner and every channel copy of the card is changed to the new count;
 * the third partner makes it an initiative, announced once, and its backers are asked for an
 * owner and a first step (a form; the answer goes on the cards); a coordinator opens the
 * invitations flow's new-party form from the initiative. Every refusal says who can, and
 * stores nothing. Activity is logged once per event, also when an event is handled again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ideasFlow } from '../../flows/ideas.js';
import { type Idea, ideaRecords } from '../../flows/ideas-record.js';
import {
  COSIGN_ACTION,
  INVITE_ACTION,
  PLAN_ACTION,
  PLAN_FORM_ID,
} from '../../flows/ideas-views.js';
import { invitationsFlow } from '../../flows/invitations.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { Locale } from '../../src/core/events.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import type { ReminderRequest } from '../../src/core/jobs.js';
import { destinationId } from '../../src/core/messages.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  cardOf,
  KIT,
  type Kit,
  MIA,
  press,
  SLACK_CHANNEL,
  say,
  startKit,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';

const ANNA = 'local:kit:anna'; // Gemeente Leiden
const SANNE = 'local:kit:sanne'; // Gemeente Leiden, Anna's colleague
const PIETER = 'local:kit:pieter'; // Hoogheemraadschap van Rijnland
const EMMA = 'slack:T0KIT:U0EMMA'; // Stedin, English
const JOOST = 'local:kit:joost'; // Provincie Zuid-Holland

const scheduled: ReminderRequest[] = [];
let kit: Kit;

async function join(userId: string, partner: string, name: string, locale: Locale = 'nl') {
  const now = new Date().toISOString();
  const id = partner
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-');
  await kit.store.members.register(
    {
      id: userId,
      allianceId: KIT,
      partnerId: id,
      name,
      role: 'Adviseur',
      goals: 'g',
      offers: 'o',
      needs: 'n',
      topics: ['zon'],
      locale,
      joinedAt: now,
    },
    { id, allianceId: KIT, name: partner, type: 'overig', joinedAt: now },
  );
}

beforeAll(async () => {
  kit = await startKit({
    flows: [ideasFlow, invitationsFlow],
    reminders: {
      async schedule(_a, r) {
        scheduled.push(r);
      },
      cancel: async () => false,
    },
  });
  await join(ANNA, 'Gemeente Leiden', 'Anna de Vries');
  await join(SANNE, 'Gemeente Leiden', 'Sanne de Boer');
  await join(PIETER, 'Hoogheemraadschap van Rijnland', 'Pieter Bakker');
  await join(EMMA, 'Stedin', 'Emma Clarke', 'en');
  await join(JOOST, 'Provincie Zuid-Holland', 'Joost Vermeulen');
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
  scheduled.length = 0;
});

const allIdeas = () => ideaRecords(kit.store).list(KIT);
const ideaTitled = async (title: string): Promise<Idea> => {
  const found = (await allIdeas()).find((i) => i.title === title);
  if (!found) throw new Error(`no idea titled ${title}`);
  return found;
};
const toChannels = (envelopes: readonly OutboundEnvelope[]) =>
  envelopes.filter((e) => e.to.kind === 'conversation' && !e.updates);
const updates = (envelopes: readonly OutboundEnvelope[]) => envelopes.filter((e) => e.updates);
const activity = async (type: string) =>
  (await kit.store.activity.range(KIT)).filter((e) => e.type === type);

async function propose(title: string, by = ANNA): Promise<Idea> {
  await kit.engine.handle(say(by, `idee ${title}`));
  return ideaTitled(title.replace(/\s+/g, ' ').trim());
}
/** The plan form submitted for an idea (as the form carries its context). */
const submitPlan = (
  userId: string,
  values: Record<string, string>,
  ideaId: string,
  eventId?: string,
) =>
  kit.engine.handle({
    ...submit(userId, PLAN_FORM_ID, values, eventId ? { eventId } : {}),
    context: `${KIT}|${ideaId}`,
  } as ReturnType<typeof submit>);
const cosign = (userId: string, idea: Idea, options: { eventId?: string } = {}) =>
  kit.engine.handle(press(userId, COSIGN_ACTION, { value: idea.id, ...options }));

/** Every key of the test alliance with its value (less handled-event markers). */
async function stored(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await kit.allianceKeys()) {
    const type = await kit.redis.type(key);
    out.set(
      key,
      type === 'string'
        ? String(await kit.redis.get(key))
        : type === 'stream'
          ? String(await kit.redis.xlen(key))
          : type,
    );
  }
  return out;
}

describe('proposing', () => {
  it('asks someone without a partner to do the intake first, and stores nothing', async () => {
    const before = await stored();
    await kit.engine.handle(say(MIA, 'idee Zon op alle sporthallen'));
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Je doet nog niet mee namens een partner, dus je kunt nog geen ideeën voorstellen of ondertekenen. Typ eerst aanmelden en vul de kennismaking in; daarna kan iedereen die namens een partner meedoet ideeën voorstellen en ondertekenen.',
    ]);
    expect(toChannels(kit.dispatcher.all)).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('refuses a title over 150 characters with its length, and stores nothing', async () => {
    const before = await stored();
    await kit.engine.handle(say(ANNA, `idee ${'zonnedak '.repeat(17)}`));
    expect(answersTo(kit.dispatcher.all, ANNA)).toEqual([
      'Die titel is 152 tekens lang; de titel van een idee mag hoogstens 150 tekens zijn. Maak hem korter en probeer het opnieuw: idee gevolgd door de titel.',
    ]);
    expect(await stored()).toEqual(before);
  });

  it('posts the idea in every alliance channel for the proposer’s partner and logs it', async () => {
    const idea = await propose('Samen   zonnepanelen op schooldaken');
    expect(idea).toMatchObject({
      title: 'Samen zonnepanelen op schooldaken',
      status: 'open',
      proposal: { partnerId: 'gemeente-leiden', partnerName: 'Gemeente Leiden', by: ANNA },
      cosigners: [],
    });
    const posted = toChannels(kit.dispatcher.all);
    expect(posted.map((e) => destinationId(e.to)).sort()).toEqual([CHANNEL, SLACK_CHANNEL]);
    expect(idea.cards.map((h) => h.key)).toEqual(posted.map((e) => e.key));
    const card = cardOf(posted[0]?.message);
    expect(card.header).toBe('Idee: Samen zonnepanelen op schooldaken');
    expect(card.text).toBe('Voorgesteld door Anna de Vries (Gemeente Leiden).');
    expect(card.fields).toEqual([
      { label: 'Gesteund door 1 van de 3 partners', value: 'Gemeente Leiden (Anna de Vries)' },
    ]);
    expect(card.buttons).toEqual([
      { actionId: COSIGN_ACTION, label: 'Onderteken', value: idea.id, style: 'primary' },
    ]);
    expect(answersTo(kit.dispatcher.all, ANNA)).toEqual([
      'Je idee ‘Samen zonnepanelen op schooldaken’ staat in de alliantiekanalen, namens Gemeente Leiden. Zodra twee andere partners het ondertekenen, wordt het een initiatief. Iedereen ziet de open ideeën met idee.',
    ]);
    const logged = (await activity('idea.proposed')).filter((e) => e.data.idea === idea.id);
    expect(logged).toMatchObject([{ actor: ANNA, partner: 'gemeente-leiden' }]);
  });

  it('keeps a title with markup as written (the adapters escape it) and takes 150 characters', async () => {
    const title = `<b>Warmte</b> *uit* _water_ & <@U0ALL> ${'x'.repeat(111)}`;
    expect([...title].length).toBe(150);
    const idea = await propose(title, PIETER);
    expect(idea.title).toBe(title);
    expect(cardOf(toChannels(kit.dispatcher.all)[0]?.message).header).toBe(`Idee: ${title}`);
  });

  it('lists the open ideas, newest first, each a card to co-sign, in the person’s language', async () => {
    await kit.engine.handle(say(EMMA, 'idea'));
    const answers = kit.dispatcher.all.filter((e) => e.to.kind === 'direct');
    const [overview, ...cards] = answers.map((e) => cardOf(e.message));
    expect(overview?.header).toBe('Open ideas in Kit Alliantie');
    expect(overview?.text).toContain('There are 2 open ideas.');
    expect(cards.map((c) => c.header)).toEqual([
      expect.stringMatching(/^Idea: <b>Warmte<\/b>/),
      'Idea: Samen zonnepanelen op schooldaken',
    ]);
    expect(cards[1]?.buttons.map((b) => b.label)).toEqual(['Co-sign']);
  });
});

describe('co-signing', () => {
  let idea: Idea;
  beforeAll(async () => {
    idea = await ideaTitled('Samen zonnepanelen op schooldaken');
  });

  it('refuses the proposer and their colleagues: only other partners can co-sign', async () => {
    const before = await stored();
    await cosign(ANNA, idea);
    await cosign(SANNE, idea);
    const refusal =
      '‘Samen zonnepanelen op schooldaken’ is een idee van je eigen partner, Gemeente Leiden. Ondertekenen kunnen alleen mensen van de andere partners; wijs hen erop, of kijk met idee welke ideeën van anderen je kunt steunen.';
    expect(answersTo(kit.dispatcher.all, ANNA)).toEqual([refusal]);
    expect(answersTo(kit.dispatcher.all, SANNE)).toEqual([refusal]);
    expect(await stored()).toEqual(before);
  });

  it('refuses someone without a partner, telling them to do the intake first', async () => {
    const before = await stored();
    await cosign(MIA, idea);
    expect(answersTo(kit.dispatcher.all, MIA)[0]).toContain('Typ eerst aanmelden');
    expect(await stored()).toEqual(before);
  });

  it('counts a partner’s signature and changes every channel copy of the card', async () => {
    await cosign(PIETER, idea);
    expect(answersTo(kit.dispatcher.all, PIETER)).toEqual([
      'Ondertekend namens Hoogheemraadschap van Rijnland: ‘Samen zonnepanelen op schooldaken’ wordt nu gesteund door 2 van de 3 partners die nodig zijn voor een initiatief.',
    ]);
    const changed = updates(kit.dispatcher.all);
    expect(changed.map((e) => e.updates)).toEqual(idea.cards.map((h) => h.key));
    expect(changed.map((e) => e.to)).toEqual(idea.cards.map((h) => h.to));
    const card = cardOf(changed[0]?.message);
    expect(card.fields[0]).toEqual({
      label: 'Gesteund door 2 van de 3 partners',
      value: 'Gemeente Leiden (Anna de Vries)\nHoogheemraadschap van Rijnland (Pieter Bakker)',
    });
    expect(card.context[0]).toContain('Nog 1 partner nodig');
    // And once more a little later, with whatever the count is by then.
    expect(scheduled.map((r) => [r.id, r.kind])).toEqual([[`ideas.refresh:${idea.id}`, 'refresh']]);
    const logged = (await activity('idea.cosigned')).filter((e) => e.data.idea === idea.id);
    expect(logged).toMatchObject([{ actor: PIETER, partner: 'hoogheemraadschap-van-rijnland' }]);
  });

  it('refuses a second signature of the same person, and of the same partner', async () => {
    await join('local:kit:kees', 'Hoogheemraadschap van Rijnland', 'Kees Jansen');
    const before = await stored();
    await cosign(PIETER, idea);
    await cosign('local:kit:kees', idea);
    expect(answersTo(kit.dispatcher.all, PIETER)).toEqual([
      'Je hebt ‘Samen zonnepanelen op schooldaken’ al ondertekend namens Hoogheemraadschap van Rijnland. Elke partner ondertekent één keer; mensen van partners die nog niet tekenden, kunnen het nog ondertekenen.',
    ]);
    expect(answersTo(kit.dispatcher.all, 'local:kit:kees')).toEqual([
      'Hoogheemraadschap van Rijnland heeft ‘Samen zonnepanelen op schooldaken’ al ondertekend (door Pieter Bakker). Elke partner ondertekent één keer; mensen van partners die nog niet tekenden, kunnen het nog ondertekenen.',
    ]);
    expect(updates(kit.dispatcher.all)).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('answers a press on an idea that does not exist', async () => {
    await kit.engine.handle(press(PIETER, COSIGN_ACTION, { value: 'idea-nergens' }));
    expect(answersTo(kit.dispatcher.all, PIETER)).toEqual([
      'Dat idee ken ik niet (meer). Typ idee om de open ideeën te zien.',
    ]);
  });

  it('makes it an initiative with the third partner: announced once, backers asked for a plan', async () => {
    await cosign(EMMA, idea);
    expect(answersTo(kit.dispatcher.all, EMMA)[0]).toBe(
      'Co-signed on behalf of Stedin. “Samen zonnepanelen op schooldaken” is now backed by 3 partners and is an initiative! I am asking whoever proposed and co-signed it to name an owner and a first step.',
    );
    const announced = toChannels(kit.dispatcher.all);
    expect(announced.map((e) => destinationId(e.to)).sort()).toEqual([CHANNEL, SLACK_CHANNEL]);
    const news = cardOf(announced[0]?.message);
    expect(news.header).toBe('Nieuw initiatief: Samen zonnepanelen op schooldaken');
    expect(news.text).toContain(
      'Het idee van Anna de Vries (Gemeente Leiden) wordt nu gedragen door Gemeente Leiden, Hoogheemraadschap van Rijnland en Stedin',
    );
    // The proposer and both co-signers, each in their own language, with the plan button.
    const asked = kit.dispatcher.all.filter(
      (e) =>
        e.to.kind === 'direct' &&
        e.message.kind === 'card' &&
        e.message.card.buttons[0]?.actionId === PLAN_ACTION,
    );
    expect(asked.map((e) => (e.to.kind === 'direct' ? e.to.userId : ''))).toEqual([
      ANNA,
      PIETER,
      EMMA,
    ]);
    expect(cardOf(asked[2]?.message).text).toContain(
      'Who will own it, and what is the first step?',
    );
    expect(cardOf(asked[0]?.message).text).toContain(
      'Wie wordt eigenaar, en wat is de eerste stap?',
    );
    const card = cardOf(updates(kit.dispatcher.all)[0]?.message);
    expect(card.header).toBe('Initiatief: Samen zonnepanelen op schooldaken');
    expect(card.fields.map((f) => [f.label, f.value])).toEqual([
      [
        'Gedragen door 3 partners',
        'Gemeente Leiden (Anna de Vries)\nHoogheemraadschap van Rijnland (Pieter Bakker)\nStedin (Emma Clarke)',
      ],
      ['Eigenaar', 'nog niet vastgelegd'],
      ['Eerste stap', 'nog niet vastgelegd'],
    ]);
    expect(card.buttons.map((b) => b.actionId)).toEqual([
      COSIGN_ACTION,
      PLAN_ACTION,
      INVITE_ACTION,
    ]);
    expect(
      (await activity('idea.initiative')).filter((e) => e.data.idea === idea.id),
    ).toMatchObject([
      {
        partner: 'gemeente-leiden',
        data: { partners: ['gemeente-leiden', 'hoogheemraadschap-van-rijnland', 'stedin'] },
      },
    ]);
    expect((await ideaTitled(idea.title)).status).toBe('initiative');
  });

  it('lets a fourth partner co-sign the initiative without announcing it again', async () => {
    await cosign(JOOST, idea);
    expect(answersTo(kit.dispatcher.all, JOOST)).toEqual([
      'Ondertekend namens Provincie Zuid-Holland: het initiatief ‘Samen zonnepanelen op schooldaken’ wordt nu gedragen door 4 partners.',
    ]);
    expect(toChannels(kit.dispatcher.all)).toEqual([]);
    expect(cardOf(updates(kit.dispatcher.all)[0]?.message).fields[0]?.label).toBe(
      'Gedragen door 4 partners',
    );
    // No longer among the open ideas.
    kit.dispatcher.clear();
    await kit.engine.handle(say(ANNA, 'idee'));
    const listed = kit.dispatcher.all.map((e) => wordsOf(e.message)).join('\n');
    expect(listed).not.toContain('Idee: Samen zonnepanelen');
    expect(listed).toContain('1 idee is al een initiatief geworden.');
  });

  it('refreshes every copy from the record when the refresh is due', async () => {
    await kit.engine.runJob({
      allianceId: KIT,
      flow: 'ideas',
      kind: 'refresh',
      data: { idea: idea.id },
      key: `reminder:${KIT}:ideas.refresh:${idea.id}@1`,
      type: 'reminder',
    });
    const changed = updates(kit.dispatcher.all);
    expect(changed.map((e) => e.updates)).toEqual(idea.cards.map((h) => h.key));
    expect(cardOf(changed[0]?.message).fields[0]?.label).toBe('Gedragen door 4 partners');
    expect(scheduled).toEqual([]);
  });
});

describe('the owner and first step', () => {
  let idea: Idea;
  beforeAll(async () => {
    idea = await ideaTitled('Samen zonnepanelen op schooldaken');
  });

  it('refuses someone who did not back the initiative, saying who can', async () => {
    await join('local:kit:lotte', 'Stedin', 'Lotte Smit');
    const before = await stored();
    await kit.engine.handle(press('local:kit:lotte', PLAN_ACTION, { value: idea.id }));
    expect(answersTo(kit.dispatcher.all, 'local:kit:lotte')).toEqual([
      'Alleen wie ‘Samen zonnepanelen op schooldaken’ voorstelde of ondertekende (Anna de Vries, Pieter Bakker, Emma Clarke en Joost Vermeulen), of een coördinator, kan de eigenaar en de eerste stap vastleggen.',
    ]);
    // Also when the form is submitted by hand.
    await submitPlan('local:kit:lotte', { owner: 'Lotte', firstStep: 'Iets' }, idea.id);
    expect(answersTo(kit.dispatcher.all, 'local:kit:lotte')[1]).toContain('Alleen wie');
    expect(await stored()).toEqual(before);
  });

  it('says an open idea has no plan yet', async () => {
    const open = (await allIdeas()).find((i) => i.status === 'open');
    if (!open) throw new Error('no open idea');
    await kit.engine.handle(press(PIETER, PLAN_ACTION, { value: open.id }));
    expect(answersTo(kit.dispatcher.all, PIETER)[0]).toContain(
      'is nog geen initiatief: het wordt gesteund door 1 van de 3 partners',
    );
  });

  it('shows a backer the form, records the answer on the initiative and on every card', async () => {
    await kit.engine.handle(press(PIETER, PLAN_ACTION, { value: idea.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no form');
    expect(form.form).toMatchObject({
      id: PLAN_FORM_ID,
      context: `${KIT}|${idea.id}`,
      intro: expect.stringContaining('‘Samen zonnepanelen op schooldaken’'),
    });
    expect(form.form.fields.map((f) => f.name)).toEqual(['owner', 'firstStep']);
    kit.dispatcher.clear();
    const result = await submitPlan(PIETER, { owner: '', firstStep: 'x'.repeat(501) }, idea.id);
    expect(Object.keys(result.formErrors ?? {}).sort()).toEqual(['firstStep', 'owner']);
    expect((await ideaTitled(idea.title)).plan).toBeUndefined();
    await submitPlan(
      PIETER,
      {
        owner: 'Anna de Vries (Gemeente Leiden)',
        firstStep: 'Een rondgang langs vijf scholen, vóór de zomer.',
      },
      idea.id,
    );
    const saved = await ideaTitled(idea.title);
    expect(saved.plan).toMatchObject({
      owner: 'Anna de Vries (Gemeente Leiden)',
      firstStep: 'Een rondgang langs vijf scholen, vóór de zomer.',
      by: PIETER,
    });
    expect(answersTo(kit.dispatcher.all, PIETER).at(-1)).toBe(
      'Vastgelegd voor ‘Samen zonnepanelen op schooldaken’: eigenaar Anna de Vries (Gemeente Leiden); eerste stap: Een rondgang langs vijf scholen, vóór de zomer.. Het staat nu op de kaart van het initiatief.',
    );
    const changed = updates(kit.dispatcher.all);
    expect(changed.map((e) => e.updates)).toEqual(idea.cards.map((h) => h.key));
    const card = cardOf(changed[0]?.message);
    expect(card.fields.slice(1)).toEqual([
      { label: 'Eigenaar', value: 'Anna de Vries (Gemeente Leiden)' },
      { label: 'Eerste stap', value: 'Een rondgang langs vijf scholen, vóór de zomer.' },
    ]);
    expect(card.context).toContain('Eigenaar en eerste stap vastgelegd door Pieter Bakker.');
  });
});

describe('inviting a new party from an initiative', () => {
  it('opens the invitations flow’s new-party form for a coordinator, naming the initiative', async () => {
    const idea = await ideaTitled('Samen zonnepanelen op schooldaken');
    await kit.engine.handle(press(CARLA, INVITE_ACTION, { value: idea.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no form');
    expect(form.form.id).toBe('invitations.party');
    expect(form.form.context).toBe(KIT);
    expect(form.form.intro).toMatch(/^Voor het initiatief ‘Samen zonnepanelen op schooldaken’\. /);
  });

  it('refuses anyone else with the words of the declaration', async () => {
    const idea = await ideaTitled('Samen zonnepanelen op schooldaken');
    const result = await kit.engine.handle(press(PIETER, INVITE_ACTION, { value: idea.id }));
    expect(result.error).toBe('permission_denied');
    expect(answersTo(kit.dispatcher.all, PIETER)).toEqual([
      'Alleen een coördinator kan een nieuwe partij uitnodigen voor een initiatief.',
    ]);
  });
});

describe('handled again after a failure', () => {
  it('counts a co-signature once, logs it once and repeats the same keys', async () => {
    const idea = await propose('Warmtenet in de Merenwijk', JOOST);
    kit.dispatcher.clear();
    const event = press(PIETER, COSIGN_ACTION, { value: idea.id, eventId: 'cosign-retry' });
    kit.dispatcher.failNext = 1;
    await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
      RetryableEventError,
    );
    await kit.engine.handle(event, { lastAttempt: false });
    const [first, second] = kit.dispatcher.batches;
    expect(second?.map((e) => e.key)).toEqual(first?.map((e) => e.key));
    const stored = await ideaTitled('Warmtenet in de Merenwijk');
    expect(stored.cosigners.map((s) => s.partnerId)).toEqual(['hoogheemraadschap-van-rijnland']);
    expect((await activity('idea.cosigned')).filter((e) => e.data.idea === idea.id)).toHaveLength(
      1,
    );
  });
});

describe('personal data', () => {
  it('exports a backer’s ideas and, erased, keeps the idea credited to their partner', async () => {
    const holder = kit.store.personalData().find((h) => h.kind === 'ideas.idea');
    const anna = { allianceId: KIT, userIds: [ANNA] };
    const exported = (await holder?.exportFor(anna)) as Idea[];
    expect(exported.map((i) => i.title)).toContain('Samen zonnepanelen op schooldaken');
    expect(await holder?.eraseFor(anna)).toBe(exported.length);
    const kept = await ideaTitled('Samen zonnepanelen op schooldaken');
    expect(kept.proposal).toMatchObject({ partnerId: 'gemeente-leiden' });
    expect(kept.proposal.by).toBeUndefined();
    expect(kept.proposal.byName).toBeUndefined();
    expect(kept.cosigners).toHaveLength(3);
    expect(await holder?.countFor(anna)).toBe(0);
    // Shown credited to the partner from then on.
    await join('local:kit:wim', 'Woningcorporatie Portaal', 'Wim de Wit');
    await cosign('local:kit:wim', kept);
    const card = cardOf(updates(kit.dispatcher.all)[0]?.message);
    expect(card.text).toBe('Voorgesteld namens Gemeente Leiden.');
    expect(card.fields[0]?.value.split('\n')[0]).toBe('Gemeente Leiden');
  });
});
