/**
 * The flows write what the audit trail promises, through the engine against real Redis:
 * documents shared, re-levelled and withdrawn; successes approved, edited and rejected (the
 * proposer as subject); each entry once, also when a crash makes the same event come back;
 * newest first with the right actor and details, as a coordinator reads it with `logboek`.
 * check-in series scheduled, paused, resumed and stopped. Toolkit items: toolkit.test.ts;
 * roles the config gives or takes at a restart: audit-roles.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auditFlow } from '../../flows/audit.js';
import { checkinsFlow } from '../../flows/checkins.js';
import { seriesRecords } from '../../flows/checkins-record.js';
import { documentsFlow } from '../../flows/documents.js';
import { documents } from '../../flows/documents-record.js';
import { successesFlow } from '../../flows/successes.js';
import { successRecords } from '../../flows/successes-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import {
  answersTo,
  CARLA,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  MIA,
  press,
  SAM,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const PIA = 'local:kit:pia';
let kit: Kit;
afterEach(async () => {
  await kit?.stop();
});

/** Handles an event twice, as after a crash: the first try fails once its work is done. */
async function handledTwice(event: InboundEvent): Promise<void> {
  kit.dispatcher.failNext = 1;
  await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
    RetryableEventError,
  );
  await kit.engine.handle(event, { lastAttempt: false });
}

/** What `logboek` shows the coordinator (the card's text). */
async function logbook(args = ''): Promise<string> {
  kit.dispatcher.clear();
  await kit.engine.handle(slash(CARLA, 'audit', args));
  return answersTo(kit.dispatcher.all, CARLA).join('\n');
}

describe('documents in the audit trail', () => {
  it('shared, re-levelled and withdrawn: once each, newest first, the owner as actor', async () => {
    kit = await startKit({ flows: [documentsFlow, auditFlow] });
    const now = new Date().toISOString();
    await registerMember(kit.store, {
      allianceId: KIT,
      userId: PIA,
      partnerId: 'provincie',
      partnerName: 'Provincie',
      name: 'Pia Provincie',
      role: 'test',
      joinedAt: now,
    });
    const values = (level: string) => ({
      title: 'Warmtevisie Leiden',
      link: 'https://example.org/warmtevisie.pdf',
      summary: 'De wijkaanpak.',
      topics: [],
      level,
    });
    const shared = submit(PIA, 'documents.share', values('alliance'));
    await handledTwice({ ...shared, context: KIT } as InboundEvent);
    const [d] = await kit.store.collection(documents).list(KIT);
    if (!d) throw new Error('not shared');
    await handledTwice({
      ...submit(PIA, 'documents.share', values('public')),
      context: `${KIT}|${d.id}`,
    } as InboundEvent);
    // The form sent again unchanged changes no level: nothing more in the trail.
    await kit.engine.handle({
      ...submit(PIA, 'documents.share', values('public')),
      context: `${KIT}|${d.id}`,
    } as InboundEvent);
    await handledTwice(press(PIA, 'documents.withdraw', { value: d.id }));

    const trail = await kit.store.audit.read(KIT);
    expect(trail.map((e) => e.kind)).toEqual([
      'document.withdrawn',
      'document.level-changed',
      'document.shared',
    ]);
    for (const e of trail) expect(e).toMatchObject({ actor: PIA, actorName: 'Pia Provincie' });
    expect(trail[2]?.details).toEqual({
      document: d.id,
      title: 'Warmtevisie Leiden',
      level: 'alliance',
    });
    expect(trail[1]?.details).toEqual({
      document: d.id,
      title: 'Warmtevisie Leiden',
      from: 'alliance',
      to: 'public',
    });
    expect(trail[0]?.details).toMatchObject({ document: d.id, level: 'public' });
    // The coordinator reads it with `logboek soort:document`, newest first.
    const shown = (await logbook('soort:document')).split('\n');
    const kinds = shown.map((l) => l.match(/document\.[a-z-]+/)?.[0]).filter(Boolean);
    expect(kinds).toEqual(['document.withdrawn', 'document.level-changed', 'document.shared']);
    expect(shown.join('\n')).toContain('from=alliance, to=public');
  });
});

describe('successes in the audit trail', () => {
  const approving = () =>
    kitConfig(
      kitAlliance({
        spokespersonApproval: true,
        spokespersons: [
          { name: 'Sam Spreker', ids: [SAM] },
          { name: 'Saar Spreker', ids: ['local:kit:saar'] },
        ],
      }),
    );
  const FORM = 'successes.propose';
  const values = (extra: Record<string, string> = {}) => ({
    title: 'Zonnepark Valkenburg levert stroom',
    story: 'Sinds maandag levert het zonnepark stroom aan 3.000 huishoudens.',
    otherPartners: 'Gemeente Katwijk',
    impactValue: '12',
    impactUnit: 'MW',
    link: 'https://example.org/valkenburg',
    ...extra,
  });
  async function proposed(title: string) {
    await kit.engine.handle(submit(MIA, FORM, values({ title }), { eventId: `propose-${title}` }));
    const all = await successRecords(kit.store).list(KIT);
    const s = all.find((x) => x.title === title);
    if (!s) throw new Error('not proposed');
    return s;
  }

  it('edited, approved and rejected by a spokesperson: once each, about the proposer', async () => {
    kit = await startKit({ flows: [successesFlow, auditFlow], config: approving() });
    const a = await proposed('Zonnepark');
    const b = await proposed('Windpark');
    // Nothing is in the trail for a proposal: no decision yet.
    expect(await kit.store.audit.length(KIT)).toBe(0);

    await kit.engine.handle(press(SAM, 'successes.edit', { value: a.id }));
    const form = kit.dispatcher.all.find((e) => e.message.kind === 'form')?.message;
    if (form?.kind !== 'form') throw new Error('no edit form');
    await handledTwice({
      ...submit(SAM, FORM, values({ title: 'Zonnepark', impactValue: '14' })),
      context: form.form.context,
    } as InboundEvent);
    await handledTwice(press(SAM, 'successes.approve', { value: a.id }));
    // A second spokesperson deciding later decides nothing, and writes nothing.
    await kit.engine.handle(press('local:kit:saar', 'successes.approve', { value: a.id }));
    await handledTwice(press('local:kit:saar', 'successes.reason.1', { value: `${b.id}|timing` }));

    const trail = await kit.store.audit.read(KIT);
    expect(trail.map((e) => [e.kind, e.actor, e.subject])).toEqual([
      ['success.rejected', 'local:kit:saar', MIA],
      ['success.approved', SAM, MIA],
      ['success.edited', SAM, MIA],
    ]);
    expect(trail[0]?.details).toEqual({ success: b.id, title: 'Windpark', reason: 'timing' });
    expect(trail[1]?.details).toEqual({ success: a.id, title: 'Zonnepark' });
    expect(trail[2]?.details).toEqual({ success: a.id, title: 'Zonnepark', version: 2 });
    expect(trail[1]?.actorName).toBe('Sam Spreker');

    const shown = await logbook('soort:success');
    expect(shown).toContain('Sam Spreker · success.approved');
    expect(shown.indexOf('success.rejected')).toBeLessThan(shown.indexOf('success.approved'));
  });
});

describe('check-in series in the audit trail', () => {
  it('scheduled, paused, resumed and stopped by the coordinator: once each, newest first', async () => {
    kit = await startKit({ flows: [checkinsFlow, auditFlow] });
    await handledTwice(
      submit(CARLA, 'checkins.schedule-form', {
        every: 'weekly',
        nth: '1',
        weekday: 'FR',
        time: '10:00',
        startDate: '2099-03-20',
        deadlineDays: '3',
        deadlineTime: '12:00',
        audience: 'all',
      }),
    );
    const [series] = await seriesRecords(kit.store).list(KIT);
    if (!series) throw new Error('not scheduled');
    await handledTwice(press(CARLA, 'checkins.pause', { value: series.id }));
    await handledTwice(press(CARLA, 'checkins.resume', { value: series.id }));
    await handledTwice(press(CARLA, 'checkins.stop', { value: series.id }));

    const trail = await kit.store.audit.read(KIT);
    expect(trail.map((e) => [e.kind, e.actor, e.details.series, e.details.sequence])).toEqual([
      ['checkin.stopped', CARLA, series.id, 3],
      ['checkin.resumed', CARLA, series.id, 2],
      ['checkin.paused', CARLA, series.id, 1],
      ['checkin.scheduled', CARLA, series.id, 0],
    ]);
    expect(trail[3]?.details).toMatchObject({ audience: 'all' });
    expect(String(trail[3]?.details.rule)).toContain('FREQ=WEEKLY');
    expect(await logbook('soort:checkin')).toContain('Carla Coördinator · checkin.stopped');
  });
});
