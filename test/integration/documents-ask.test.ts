/**
 * Documents asked for and reviewed, against real Redis (the alliance of documents-setup.ts):
 * a request goes to every channel, whoever answers is credited on its cards in place and the
 * asker is told — at a level the asker may see, or the form says so and nothing is stored;
 * the review date reminds the owner with the buttons to change or withdraw; the other alliance
 * finds none of it and cannot touch it.
 */
import { describe, expect, it } from 'vitest';
import { requests } from '../../flows/documents-record.js';
import { press, slash, wordsOf } from '../helpers/flow-kit.js';
import { ALL_CHANNELS, doc, KIT, LEA, OTTO, TOM, useDocumentsKit } from './documents-setup.js';

const dk = useDocumentsKit();
const { handle, share, privateWords, docsSeenBy, stored, byTitle, reminders } = dk;

describe('asking the alliance for a document', () => {
  it('posts the request, credits whoever answers and tells the asker', async () => {
    await handle(slash(LEA, 'ask', 'de warmtetransitievisie van Stedin'));
    expect(privateWords(LEA)).toContain('Je vraag staat in 5 alliantiekanalen');
    const request = (await dk.kit.store.collection(requests).list(KIT))[0];
    if (!request) throw new Error('no request');
    expect(request.cards.map((c) => (c.to.kind === 'conversation' ? c.to.id : '')).sort()).toEqual(
      ALL_CHANNELS,
    );
    // Tom presses "I have one": the share form for this request.
    dk.kit.dispatcher.clear();
    await handle(press(TOM, 'documents.answer', { value: request.id }));
    const form = dk.kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
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
    dk.kit.dispatcher.clear();
    await handle(share(TOM, doc({ title: 'Transitievisie' }), context));
    expect(privateWords(LEA)).toContain(
      'Tom Stedin deelde een document op je vraag: Transitievisie',
    );
    const credited = dk.kit.dispatcher.all.filter(
      (e) => e.updates && request.cards.some((c) => c.key === e.updates),
    );
    expect(credited).toHaveLength(5);
    for (const e of credited) expect(wordsOf(e.message)).toContain('Beantwoord door Tom Stedin');
    expect((await dk.kit.store.collection(requests).get(KIT, request.id))?.answers).toHaveLength(1);
  });
});

describe('the review date', () => {
  it('reminds the owner that day, with the buttons to change or withdraw', async () => {
    await handle(share(TOM, doc({ title: 'Netkaart', reviewOn: '2099-01-15' })));
    const d = await byTitle('Netkaart');
    const r = reminders.waiting.get(`documents-review:${d.id}`);
    if (!r) throw new Error('no reminder');
    dk.kit.dispatcher.clear();
    await dk.kit.engine.runJob({
      allianceId: KIT,
      flow: r.flow,
      kind: r.kind,
      data: r.data ?? {},
      key: `reminder:${KIT}:${r.id}@1`,
      type: 'reminder',
    });
    const card = dk.kit.dispatcher.all.find((e) => e.to.kind === 'direct' && e.to.userId === TOM);
    expect(wordsOf(card?.message ?? { kind: 'text', text: '' })).toContain('Netkaart');
    expect(card?.message.kind === 'card' ? card.message.card.buttons.length : 0).toBe(2);
  });
});

describe('the other alliance', () => {
  it('finds none of it and cannot touch it', async () => {
    const d = await byTitle('Netkaart');
    expect(await docsSeenBy(OTTO)).toContain('nog geen documenten');
    dk.kit.dispatcher.clear();
    await handle(press(OTTO, 'documents.withdraw', { value: d.id }));
    expect(privateWords(OTTO)).toContain('bestaat niet');
    expect((await byTitle('Netkaart')).status).toBe('active');
    expect(dk.kit.dispatcher.all.every((e) => e.to.kind !== 'conversation')).toBe(true);
  });
});
