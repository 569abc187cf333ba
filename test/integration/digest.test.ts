/**
 * The digest against real Redis: a week of activity (two new partners and their people, an
 * older partner, documents at the alliance and the core-team level, an older document, a
 * review coming up, an idea proposed through the ideas flow, a success announced). The weekly
 * schedule is created by default for Monday 09:00; when it fires every linked channel gets the
 * digest with only the documents its audience may see; `overzicht` shows it to the person
 * asking, with what they may see. The expected lines are written out by hand.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DIGEST_KIND, digestFlow, WEEKLY_CRON, WEEKLY_ID } from '../../flows/digest.js';
import { documents, type SharedDocument } from '../../flows/documents-record.js';
import { ideasFlow } from '../../flows/ideas.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { ScheduleInfo, ScheduleRequest, Schedules } from '../../src/core/jobs.js';
import { digestFiring } from '../helpers/digest.js';
import {
  CHANNEL,
  cardOf,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const CORE_CHANNEL = 'local:kit:kernteam';
const ANNA = 'local:kit:anna'; // Gemeente Leiden, in the core team
const PIETER = 'local:kit:pieter'; // Rijnland

class RecordingSchedules implements Schedules {
  readonly upserts: { allianceId: string; schedule: ScheduleRequest }[] = [];
  async upsert(allianceId: string, schedule: ScheduleRequest): Promise<Date | null> {
    this.upserts.push({ allianceId, schedule });
    return null;
  }
  async remove(): Promise<boolean> {
    return false;
  }
  async list(): Promise<ScheduleInfo[]> {
    return [];
  }
}

let kit: Kit;
const schedules = new RecordingSchedules();

async function join(
  userId: string,
  partnerId: string,
  partner: string,
  name: string,
  days: number,
) {
  const at = ago(days);
  await registerMember(kit.store, {
    allianceId: KIT,
    userId,
    partnerId,
    partnerName: partner,
    name,
    joinedAt: at,
  });
}

async function share(
  title: string,
  level: SharedDocument['level'],
  days: number,
  reviewOn?: string,
) {
  const id = `doc-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  const d: SharedDocument = {
    id,
    allianceId: KIT,
    title,
    link: `https://example.org/${id}`,
    summary: '',
    topics: [],
    level,
    partners: [],
    ownerId: ANNA,
    ownerName: 'Anna de Vries',
    ownerPartnerId: 'leiden',
    sharedAt: ago(days),
    ...(reviewOn ? { reviewOn } : {}),
    status: 'active',
    occurrence: id,
    copies: [],
  };
  await kit.store.collection(documents).create(KIT, id, d);
  await kit.store.activity.append(KIT, {
    type: 'document.shared',
    actor: ANNA,
    partner: 'leiden',
    at: d.sharedAt,
    data: { document: id, level },
  });
}

const toChannel = (envelopes: readonly OutboundEnvelope[], channel: string) => {
  const found = envelopes.filter((e) => e.to.kind === 'conversation' && e.to.id === channel);
  expect(found, `one digest in ${channel}`).toHaveLength(1);
  return cardOf(found[0]?.message);
};
const field = (c: ReturnType<typeof cardOf>, label: string) =>
  c.fields.find((f) => f.label === label)?.value;

async function digestAs(userId: string) {
  kit.dispatcher.clear();
  await kit.engine.handle(say(userId, 'overzicht'));
  const mine = kit.dispatcher.all.filter(
    (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId,
  );
  return cardOf(mine.at(-1)?.message);
}

const inFiveDays = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  kit = await startKit({
    flows: [digestFlow, ideasFlow],
    schedules,
    config: kitConfig(
      kitAlliance({
        partners: [
          { id: 'leiden', name: 'Gemeente Leiden', type: 'gemeente' },
          { id: 'rijnland', name: 'Rijnland', type: 'waterschap' },
        ],
        coreTeam: ['Gemeente Leiden'],
        channels: {
          local: [CHANNEL, { id: CORE_CHANNEL, audience: 'core' }],
          slack: [SLACK_CHANNEL],
          teams: [],
        },
      }),
    ),
  });
  await join('local:kit:oud', 'oud', 'Oude Partner', 'Olga Oud', 20);
  await join(ANNA, 'leiden', 'Gemeente Leiden', 'Anna de Vries', 2);
  await join(PIETER, 'rijnland', 'Rijnland', 'Pieter Bakker', 1);
  await share('Openbaar plan', 'alliance', 1);
  await share('Kernteam notitie', 'core', 1);
  await share('Oud document', 'alliance', 10);
  await share('Warmteplan', 'alliance', 35, inFiveDays);
  await kit.engine.handle(say(ANNA, 'idee Samen zonnepanelen op schooldaken'));
  await kit.store.activity.append(KIT, {
    type: 'success.announced',
    partner: 'rijnland',
    at: ago(1),
    data: { successId: 's1', title: 'Eerste aquathermieproject' },
  });
});
afterAll(() => kit.stop());
beforeEach(() => kit.dispatcher.clear());

describe('the weekly digest', () => {
  it('is scheduled for every alliance by default, Mondays 09:00 in its time zone', async () => {
    await kit.engine.start();
    expect(schedules.upserts).toContainEqual({
      allianceId: KIT,
      schedule: { id: WEEKLY_ID, flow: 'digest', kind: DIGEST_KIND, cron: WEEKLY_CRON, data: {} },
    });
    expect(WEEKLY_CRON).toBe('0 9 * * 1');
  });

  it('posts the week in every linked channel, each with the documents its audience may see', async () => {
    await kit.engine.runJob(digestFiring(KIT, 'digest-week-1'));
    const all = toChannel(kit.dispatcher.all, CHANNEL);
    expect(all.header).toBe('Weekoverzicht Kit Alliantie');
    expect(field(all, 'Nieuwe partners')).toBe('Gemeente Leiden\nRijnland');
    expect(field(all, 'Nieuwe mensen')).toBe(
      'Anna de Vries (Gemeente Leiden)\nPieter Bakker (Rijnland)',
    );
    expect(field(all, 'Gedeelde documenten')).toBe('Openbaar plan (Gemeente Leiden)');
    expect(field(all, 'Ideeën en initiatieven')).toBe('Idee: Samen zonnepanelen op schooldaken');
    expect(field(all, 'Successen')).toBe('Eerste aquathermieproject');
    expect(field(all, 'Binnenkort')).toMatch(/^Herziening van Warmteplan op /);
    // Health, by hand: three partners; nobody introduced; Leiden shared in the last 30 days
    // and in the 30 before (the Warmteplan, 35 days ago), and proposed an idea this week; no
    // check-in yet.
    const [summary, trend] = (field(all, 'Gezondheid van de community') ?? '').split('\n');
    expect(summary).toBe(
      'Gezondheid: Verbonden 0/3 (gelijk), Bijdragend 1/3 (gelijk), Samenwerkend nog niet gemeten, Co-creërend 1/3 (stijgend).',
    );
    // No PUBLIC_URL here: no chart picture, its text alternative under the summary instead.
    expect(trend).toMatch(
      /^Grafiek van de laatste 8 weken \(nu, en wat het 8 weken geleden was\): Verbonden: 0 van 3 partners, was 0; Bijdragend: 1 van 3 partners, was \d; Samenwerkend: nog niet gemeten; Co-creërend: 1 van 3 partners, was 0\.$/,
    );
    expect(all.image).toBeUndefined();
    expect(all.links.map((l) => l.label)).toEqual(['Openbaar plan']);
    const core = toChannel(kit.dispatcher.all, CORE_CHANNEL);
    expect(field(core, 'Gedeelde documenten')).toBe(
      'Openbaar plan (Gemeente Leiden)\nKernteam notitie (Gemeente Leiden)',
    );
    const slack = toChannel(kit.dispatcher.all, SLACK_CHANNEL);
    expect(field(slack, 'Gedeelde documenten')).toBe('Openbaar plan (Gemeente Leiden)');
  });

  it('shows the current digest on demand, with the documents the person may see', async () => {
    const anna = await digestAs(ANNA);
    expect(field(anna, 'Gedeelde documenten')).toContain('Kernteam notitie');
    const pieter = await digestAs(PIETER);
    expect(field(pieter, 'Gedeelde documenten')).toBe('Openbaar plan (Gemeente Leiden)');
    expect(field(pieter, 'Nieuwe partners')).toBe('Gemeente Leiden\nRijnland');
  });
});
