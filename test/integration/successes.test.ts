/**
 * Successes through the engine (the flow kit against real Redis, envelopes recorded): a
 * proposal announced at once or after a spokesperson's approval, in every linked channel,
 * worded per positioning; approve, edit and reject with a reason, the first decision counting;
 * refusals that say who can; no spokesperson to ask; celebrations once per person, counted
 * atomically, on every copy; milestones celebrated once, also when two approvals cross a
 * threshold at the same moment; bad input stores nothing; erasure keeps the success.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { successesFlow } from '../../flows/successes.js';
import { successRecords, TALLY_ID, tallyRecords } from '../../flows/successes-record.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  cardOf,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  MIA,
  press,
  SAM,
  SLACK_CHANNEL,
  slash,
  startKit,
  submit,
  wordsOf,
} from '../helpers/flow-kit.js';

const FORM = 'successes.propose';
const values = (extra: Record<string, string | string[]> = {}) => ({
  title: 'Zonnepark Valkenburg levert stroom',
  story: 'Sinds maandag levert het zonnepark stroom aan 3.000 huishoudens.',
  otherPartners: 'Gemeente Katwijk, Energiecoöperatie Rijnland',
  impactValue: '12',
  impactUnit: 'MW',
  link: 'https://example.org/valkenburg',
  ...extra,
});

let kit: Kit;
afterEach(async () => {
  await kit?.stop();
});

const inChannels = (envelopes: readonly OutboundEnvelope[]) =>
  envelopes.filter((e) => e.to.kind === 'conversation' && !e.updates);
const cardsTo = (envelopes: readonly OutboundEnvelope[], userId: string) =>
  envelopes.filter(
    (e) => e.to.kind === 'direct' && e.to.userId === userId && e.message.kind === 'card',
  );

describe('successes without approval', () => {
  it('announces at once in every linked channel, in the alliance’s name (visible)', async () => {
    kit = await startKit({ flows: [successesFlow] });
    const shown = await kit.engine.handle(slash(MIA, 'success', 'Zonnepark'));
    expect(shown.error).toBeUndefined();
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form');
    expect(form?.message.kind === 'form' && form.message.form.id).toBe(FORM);
    kit.dispatcher.clear();
    await kit.engine.handle(submit(MIA, FORM, values(), {}));
    const posts = inChannels(kit.dispatcher.all);
    expect(posts.map((e) => (e.to.kind === 'conversation' ? e.to.id : '')).sort()).toEqual(
      [CHANNEL, SLACK_CHANNEL].sort(),
    );
    const announced = cardOf(posts[0]?.message);
    expect(announced.header).toBe('🎉 Kit Alliantie: Zonnepark Valkenburg levert stroom');
    expect(announced.fields.map((f) => f.value)).toContain('12 MW');
    expect(announced.context.join(' ')).toContain('Samen testen we de flow kit.');
    expect(announced.buttons.map((b) => b.actionId)).toEqual([
      'successes.celebrate',
      'successes.press',
    ]);
    const told = answersTo(kit.dispatcher.all, MIA);
    expect(told.some((m) => m.includes('Gedeeld!'))).toBe(true);
    // The press text comes with it, the alliance's ambition as its boilerplate.
    expect(told.some((m) => m.includes('Kit Alliantie meldt een nieuw gezamenlijk succes.'))).toBe(
      true,
    );
    const activity = await kit.store.activity.range(KIT);
    expect(activity.map((a) => a.type)).toEqual(['success.proposed', 'success.announced']);
    expect(activity[1]?.actor).toBeUndefined();
  });

  it('credits the partners by name, the alliance in the background (quiet)', async () => {
    kit = await startKit({
      flows: [successesFlow],
      config: kitConfig(kitAlliance({ positioning: 'quiet' })),
    });
    await kit.engine.handle(submit(MIA, FORM, values(), {}));
    const announced = cardOf(inChannels(kit.dispatcher.all)[0]?.message);
    expect(announced.header).toBe(
      '🎉 Gemeente Katwijk en Energiecoöperatie Rijnland: Zonnepark Valkenburg levert stroom',
    );
    expect(announced.context.join(' ')).toContain('Gedeeld via Kit Alliantie');
    expect(announced.context.join(' ')).not.toContain('Samen testen we');
  });

  it('refuses bad input in the person’s language and stores nothing', async () => {
    kit = await startKit({ flows: [successesFlow] });
    const before = await kit.allianceKeys();
    const result = await kit.engine.handle(
      submit(
        MIA,
        FORM,
        values({ link: 'javascript:alert(1)', otherPartners: '', impactValue: 'veel' }),
        { locale: 'en' },
      ),
    );
    expect(result.formErrors).toMatchObject({
      link: expect.stringContaining('https://'),
      otherPartners: 'Name at least one partner.',
      impactValue: expect.any(String),
    });
    expect(await kit.allianceKeys()).toEqual(before);
    expect(inChannels(kit.dispatcher.all)).toHaveLength(0);
  });

  it('counts each person’s celebration once, also at the same moment, on every copy', async () => {
    kit = await startKit({ flows: [successesFlow] });
    await kit.engine.handle(submit(MIA, FORM, values(), {}));
    const [s] = await successRecords(kit.store).list(KIT);
    if (!s) throw new Error('no success');
    const people = Array.from({ length: 6 }, (_, i) => `local:kit:fan${i}`);
    kit.dispatcher.clear();
    await Promise.all([
      ...people.map((p) => kit.engine.handle(press(p, 'successes.celebrate', { value: s.id }))),
      kit.engine.handle(press(people[0] as string, 'successes.celebrate', { value: s.id })),
    ]);
    const after = await successRecords(kit.store).get(KIT, s.id);
    expect(after?.celebratedBy.sort()).toEqual(people.sort());
    const updates = kit.dispatcher.all.filter((e) => e.updates);
    // Every copy is updated by each celebration; the highest count reaches both.
    for (const channel of [CHANNEL, SLACK_CHANNEL]) {
      const labels = updates
        .filter((e) => e.to.kind === 'conversation' && e.to.id === channel)
        .map((e) => cardOf(e.message).buttons[0]?.label);
      expect(labels).toContain('🎉 Vier mee (6)');
      expect(labels).toHaveLength(6);
    }
    expect(answersTo(kit.dispatcher.all, people[0] as string)).toContain(
      'Je viert al mee met “Zonnepark Valkenburg levert stroom”.',
    );
  });
});

describe('successes with a spokesperson’s approval', () => {
  const approving = () =>
    kitConfig(
      kitAlliance({
        spokespersonApproval: true,
        spokespersons: [
          { name: 'Sam Spreker', ids: [SAM] },
          { name: 'Saar Spreker', ids: ['local:kit:saar'] },
        ],
        milestones: { MW: [100] },
      }),
    );

  async function proposed(extra: Record<string, string | string[]> = {}, who = MIA) {
    kit.dispatcher.clear();
    await kit.engine.handle(submit(who, FORM, values(extra), {}));
    const ids = await successRecords(kit.store).ids(KIT);
    const s = await successRecords(kit.store).get(KIT, ids.at(-1) ?? '');
    if (!s) throw new Error('not stored');
    return s;
  }

  it('sends nothing out before a spokesperson approves; the first decision counts', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const s = await proposed();
    expect(inChannels(kit.dispatcher.all)).toHaveLength(0);
    expect(cardsTo(kit.dispatcher.all, SAM)).toHaveLength(1);
    expect(cardsTo(kit.dispatcher.all, 'local:kit:saar')).toHaveLength(1);
    expect(answersTo(kit.dispatcher.all, MIA).join('\n')).toContain(
      'ter goedkeuring naar Sam Spreker en Saar Spreker gestuurd',
    );

    // Someone who is no spokesperson: refused, worded from the declaration.
    kit.dispatcher.clear();
    const refused = await kit.engine.handle(press(CARLA, 'successes.approve', { value: s.id }));
    expect(refused.error).toBe('permission_denied');
    expect(answersTo(kit.dispatcher.all, CARLA)).toEqual([
      'Alleen een woordvoerder kan een succes goedkeuren.',
    ]);

    // Two spokespersons at once: one decides, the other hears it was decided.
    kit.dispatcher.clear();
    const approve = press(SAM, 'successes.approve', { value: s.id });
    await Promise.all([
      kit.engine.handle(approve),
      kit.engine.handle(press('local:kit:saar', 'successes.reason.1', { value: `${s.id}|timing` })),
    ]);
    const after = await successRecords(kit.store).get(KIT, s.id);
    const posts = inChannels(kit.dispatcher.all);
    if (after?.status === 'approved') expect(posts).toHaveLength(2);
    else expect(posts).toHaveLength(0);
    const heard = answersTo(kit.dispatcher.all, MIA).join('\n');
    expect(heard).toMatch(after?.status === 'approved' ? /keurde je succes/ : /niet goedgekeurd/);
    expect(after?.history.map((h) => h.action)).toContain(after?.status);

    // The approving event handled again (a crash before it was marked): the same keys.
    const keys = new Set(posts.map((e) => e.key));
    kit.dispatcher.clear();
    await kit.store.redis.del(`${kit.prefix}done:{local:${approve.eventId}}`);
    await kit.engine.handle(approve);
    for (const e of inChannels(kit.dispatcher.all)) expect(keys).toContain(e.key);
  });

  it('rejects with a reason: the proposer hears it and who to ask; nothing is posted', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const s = await proposed();
    kit.dispatcher.clear();
    await kit.engine.handle(press(SAM, 'successes.reject', { value: s.id }));
    const reasons = kit.dispatcher.all.find((e) => e.updates);
    expect(cardOf(reasons?.message).buttons.map((b) => b.actionId)).toEqual([
      'successes.reason.1',
      'successes.reason.2',
      'successes.reason.3',
      'successes.reason.4',
      'successes.own-reason',
      'successes.back',
    ]);
    kit.dispatcher.clear();
    await kit.engine.handle(press(SAM, 'successes.reason.2', { value: `${s.id}|partners` }));
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Sam Spreker heeft je succes “Zonnepark Valkenburg levert stroom” niet goedgekeurd. Reden: niet alle genoemde partners zijn akkoord. Vragen? Neem contact op met Sam Spreker.',
    ]);
    expect(inChannels(kit.dispatcher.all)).toHaveLength(0);
    const after = await successRecords(kit.store).get(KIT, s.id);
    expect(after).toMatchObject({ status: 'rejected', reason: 'partners', decidedBy: SAM });
    // Both spokespersons' cards now say who rejected it, without buttons.
    const cards = kit.dispatcher.all.filter((e) => e.updates);
    expect(cards).toHaveLength(2);
    for (const c of cards) expect(cardOf(c.message).buttons).toHaveLength(0);
  });

  it('rejects in the spokesperson’s own words: required, at most 500 characters, told as typed', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const s = await proposed();
    kit.dispatcher.clear();
    await kit.engine.handle(press(SAM, 'successes.own-reason', { value: s.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form');
    if (form?.message.kind !== 'form') throw new Error('no form');
    expect(form.message.form.id).toBe('successes.reject');
    expect(form.message.form.fields.map((f) => [f.name, f.type])).toEqual([['reason', 'longText']]);
    const context = form.message.form.context ?? '';
    const reject = (who: string, reason: string, locale: 'nl' | 'en' = 'nl') =>
      kit.engine.handle({
        ...submit(who, 'successes.reject', { reason }, { locale }),
        context,
      } as never);
    // Empty, or too long: answered next to the field, nothing decided.
    expect((await reject(SAM, '   ')).formErrors).toEqual({ reason: 'Vul dit veld in.' });
    expect((await reject(SAM, 'x'.repeat(501), 'en')).formErrors).toEqual({
      reason: 'At most 500 characters.',
    });
    // Someone who is no spokesperson: refused.
    expect((await reject(MIA, 'Niet goed genoeg')).error).toBe('permission_denied');
    expect((await successRecords(kit.store).get(KIT, s.id))?.status).toBe('pending');
    kit.dispatcher.clear();
    const words = 'Eerst <b>afstemmen</b> met *Stedin* & de gemeente. <!channel>';
    const done = await reject(SAM, words);
    expect(done.formErrors).toBeUndefined();
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      `Sam Spreker heeft je succes “Zonnepark Valkenburg levert stroom” niet goedgekeurd, met deze reden:\n“${words}”\nVragen? Neem contact op met Sam Spreker.`,
    ]);
    expect(inChannels(kit.dispatcher.all)).toHaveLength(0);
    const after = await successRecords(kit.store).get(KIT, s.id);
    expect(after).toMatchObject({ status: 'rejected', reasonNote: words, decidedBy: SAM });
    expect(after?.reason).toBeUndefined();
    // The spokespersons' cards say why, in the words typed.
    const cards = kit.dispatcher.all.filter((e) => e.updates);
    expect(cards).toHaveLength(2);
    for (const c of cards) expect(cardOf(c.message).context.join(' ')).toContain(words);
    // The form sent again (a second spokesperson, a redelivery): decided already, once.
    kit.dispatcher.clear();
    await kit.engine.handle({
      ...submit('local:kit:saar', 'successes.reject', { reason: 'Ander' }),
      context,
    } as never);
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([]);
    expect((await successRecords(kit.store).get(KIT, s.id))?.reasonNote).toBe(words);
  });

  it('lets a spokesperson edit before approving; the proposer hears it changed', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const s = await proposed();
    kit.dispatcher.clear();
    await kit.engine.handle(press(SAM, 'successes.edit', { value: s.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form');
    if (form?.message.kind !== 'form') throw new Error('no form');
    expect(form.message.form.fields.find((f) => f.name === 'title')).toMatchObject({
      initial: 'Zonnepark Valkenburg levert stroom',
    });
    // Someone else sending the edit form: refused, nothing changed.
    const context = form.message.form.context ?? '';
    const refused = await kit.engine.handle(submit(MIA, FORM, values({ title: 'Anders' }), {}));
    expect(refused.error).toBeUndefined();
    const sneaky = await kit.engine.handle({
      ...submit(MIA, FORM, values({ title: 'Anders' })),
      context,
    } as never);
    expect(sneaky.error).toBe('permission_denied');
    await kit.engine.handle({
      ...submit(SAM, FORM, values({ impactValue: '14' })),
      context,
    } as never);
    expect((await successRecords(kit.store).get(KIT, s.id))?.impact.value).toBe(14);
    // An edit made on the old version is not saved.
    kit.dispatcher.clear();
    await kit.engine.handle({
      ...submit('local:kit:saar', FORM, values({ impactValue: '99' })),
      context,
    } as never);
    expect(answersTo(kit.dispatcher.all, 'local:kit:saar').join()).toContain('intussen aangepast');
    kit.dispatcher.clear();
    await kit.engine.handle(press(SAM, 'successes.approve', { value: s.id }));
    expect(answersTo(kit.dispatcher.all, MIA).join('\n')).toContain('met enkele aanpassingen');
    expect(cardOf(inChannels(kit.dispatcher.all)[0]?.message).fields[0]?.value).toBe('14 MW');
  });

  it('celebrates a threshold once when two approvals cross it at the same moment', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const a = await proposed({ impactValue: '60' });
    const b = await proposed({ impactValue: '60', title: 'Windpark' });
    kit.dispatcher.clear();
    await Promise.all([
      kit.engine.handle(press(SAM, 'successes.approve', { value: a.id })),
      kit.engine.handle(press('local:kit:saar', 'successes.approve', { value: b.id })),
    ]);
    const milestones = inChannels(kit.dispatcher.all).filter((e) =>
      wordsOf(e.message).includes('samen 100 MW'),
    );
    expect(milestones).toHaveLength(2); // one per channel
    const tally = await tallyRecords(kit.store).get(KIT, TALLY_ID);
    expect(tally).toMatchObject({ count: 2, totals: { MW: 120 } });
    expect(tally?.reached.map((m) => m.key)).toEqual(['unit:MW:100']);
  });

  it('says so clearly when no spokesperson can be asked, to the proposer and coordinators', async () => {
    kit = await startKit({
      flows: [successesFlow],
      config: kitConfig(kitAlliance({ spokespersonApproval: true, spokespersons: [] })),
    });
    await proposed();
    expect(inChannels(kit.dispatcher.all)).toHaveLength(0);
    expect(answersTo(kit.dispatcher.all, MIA).join()).toContain('nog geen woordvoerder');
    expect(answersTo(kit.dispatcher.all, CARLA).join()).toContain('geen woordvoerder');
  });

  it('keeps a success after its proposer is forgotten, credited to the partners', async () => {
    kit = await startKit({ flows: [successesFlow], config: approving() });
    const s = await proposed();
    await kit.engine.handle(press(SAM, 'successes.approve', { value: s.id }));
    await kit.engine.handle(press(MIA, 'successes.celebrate', { value: s.id }));
    for (const holder of kit.store.personalData())
      await holder.eraseFor({ allianceId: KIT, userIds: [MIA] });
    const after = await successRecords(kit.store).get(KIT, s.id);
    expect(after?.status).toBe('approved');
    expect(after?.proposer).toBeUndefined();
    expect(after?.partners.map((p) => p.name)).toEqual([
      'Gemeente Katwijk',
      'Energiecoöperatie Rijnland',
    ]);
    expect(JSON.stringify(after)).not.toContain(MIA);
    expect(after?.formerCelebrations).toBe(1);
    expect(after?.history.find((h) => h.action === 'approved')?.by).toBe(SAM);
  });
});
