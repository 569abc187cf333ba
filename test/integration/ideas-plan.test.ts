/**
 * Ideas on the flow kit, after the initiative: its backers (or a coordinator) name an owner and
 * a first step with a form and the answer goes on every card; anyone else is refused, saying
 * who can; a coordinator opens the invitations flow's new-party form from the initiative; an
 * event handled again after a failure counts and logs once; erasing a person keeps the idea,
 * credited to their partner.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Idea } from '../../flows/ideas-record.js';
import {
  COSIGN_ACTION,
  INVITE_ACTION,
  PLAN_ACTION,
  PLAN_FORM_ID,
} from '../../flows/ideas-views.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import { answersTo, CARLA, cardOf, KIT, press } from '../helpers/flow-kit.js';
import {
  ANNA,
  activity,
  allIdeas,
  clear,
  cosign,
  EMMA,
  ideaTitled,
  JOOST,
  join,
  kit,
  PIETER,
  propose,
  setUp,
  stored,
  submitPlan,
  updates,
} from './ideas-setup.js';

const TITLE = 'Samen zonnepanelen op schooldaken';

beforeAll(setUp);
afterAll(async () => {
  await kit.stop();
});
beforeEach(clear);

/** An initiative: Anna proposed, Pieter, Emma and Joost co-signed. */
let initiative: Idea;
beforeAll(async () => {
  initiative = await propose(TITLE);
  for (const who of [PIETER, EMMA, JOOST]) await cosign(who, initiative);
  await propose('Nog een open idee', PIETER);
  initiative = await ideaTitled(TITLE);
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
