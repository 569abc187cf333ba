/**
 * Ideas on the flow kit, against real Redis with fake platforms: proposing posts the idea's
 * card in every alliance channel; `idee` alone lists the open ones; members of other partners
 * co-sign once per partner and every channel copy of the card is changed to the new count;
 * the third partner makes it an initiative, announced once, and its backers are asked for an
 * owner and a first step; a due refresh draws every copy again from the record. Every refusal
 * says who can, and stores nothing. (After the initiative: ideas-plan.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Idea } from '../../flows/ideas-record.js';
import { COSIGN_ACTION, INVITE_ACTION, PLAN_ACTION } from '../../flows/ideas-views.js';
import { destinationId } from '../../src/core/messages.js';
import {
  answersTo,
  CHANNEL,
  cardOf,
  KIT,
  MIA,
  press,
  SLACK_CHANNEL,
  say,
  wordsOf,
} from '../helpers/flow-kit.js';
import {
  ANNA,
  activity,
  clear,
  cosign,
  EMMA,
  ideaTitled,
  JOOST,
  join,
  kit,
  PIETER,
  propose,
  SANNE,
  scheduled,
  setUp,
  stored,
  toChannels,
  updates,
} from './ideas-setup.js';

beforeAll(setUp);
afterAll(async () => {
  await kit.stop();
});
beforeEach(clear);

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
