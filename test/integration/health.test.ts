/**
 * Community health against real Redis: four partners, a history of activity written the way
 * the flows write it (joins through the member repository, shares, ideas and introductions in
 * the activity log, check-in rounds in the check-ins' own records), each at a known day. The
 * expected figures are worked out by hand below from those events, not through the code under
 * test. A coordinator sees every partner, a partner's member the alliance and their own; new
 * activity is counted once, also when two people look at the same moment.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { roundRecords } from '../../flows/checkins-record.js';
import { healthFlow } from '../../flows/health.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { ActivityType } from '../../src/store/activity-log.js';
import { CARLA, cardOf, KIT, type Kit, say, startKit } from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

const ANNA = 'local:kit:anna'; // Gemeente Leiden (A)
const PIETER = 'local:kit:pieter'; // Rijnland (B)
const EMMA = 'local:kit:emma'; // Stedin (C)
const JOOST = 'local:kit:joost'; // Provincie (D)

let kit: Kit;

async function join(userId: string, partnerId: string, name: string, daysAgo: number) {
  const at = ago(daysAgo);
  await registerMember(kit.store, {
    allianceId: KIT,
    userId,
    partnerId,
    partnerName: name,
    name: `${name} persoon`,
    joinedAt: at,
  });
}

const log = (type: ActivityType, partner: string, daysAgo: number) =>
  kit.store.activity.append(KIT, { type, partner, at: ago(daysAgo), data: {} });

async function round(
  id: string,
  daysAgo: number,
  closed: boolean,
  partners: string[],
  answers: Record<string, string[]>,
) {
  await roundRecords(kit.store).create(KIT, id, {
    id,
    seriesId: 'checkin-000000000000',
    at: ago(daysAgo),
    deadline: ago(daysAgo - 2),
    audience: 'all',
    partners: partners.map((p) => ({ id: p, name: p, contacts: [] })),
    answers: Object.fromEntries(
      Object.entries(answers).map(([p, statuses]) => [
        p,
        {
          at: ago(daysAgo),
          items: statuses.map((s) => ({ status: s as 'on-track' | 'at-risk' | 'blocked' })),
        },
      ]),
    ),
    closed,
    summary: [],
  });
}

const lastCardTo = (envelopes: readonly OutboundEnvelope[], userId: string) => {
  const mine = envelopes.filter(
    (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId,
  );
  return cardOf(mine.at(-1)?.message);
};

async function healthAs(userId: string) {
  kit.dispatcher.clear();
  await kit.engine.handle(say(userId, 'gezondheid'));
  return lastCardTo(kit.dispatcher.all, userId);
}

const field = (c: ReturnType<typeof cardOf>, starts: string) =>
  c.fields.find((f) => f.label.startsWith(starts))?.value;

beforeAll(async () => {
  kit = await startKit({ flows: [healthFlow] });
  // A and B joined 100 days ago, C 10 days ago, D 45 days ago.
  await join(ANNA, 'leiden', 'Gemeente Leiden', 100);
  await join(PIETER, 'rijnland', 'Rijnland', 100);
  await join(EMMA, 'stedin', 'Stedin', 10);
  await join(JOOST, 'provincie', 'Provincie', 45);
  // Introductions: A and B 50 days ago, C 5 days ago, D never.
  await log('introduction.connected', 'leiden', 50);
  await log('introduction.connected', 'rijnland', 50);
  await log('introduction.connected', 'stedin', 5);
  // Documents: A 10 days ago, B 40 days ago, C 2 and 3 days ago, D never.
  await log('document.shared', 'leiden', 10);
  await log('document.shared', 'rijnland', 40);
  await log('document.shared', 'stedin', 2);
  await log('document.shared', 'stedin', 3);
  // Ideas: A proposed 100 days ago, B co-signed 20 days ago, D co-signed 120 days ago.
  await log('idea.proposed', 'leiden', 100);
  await log('idea.cosigned', 'rijnland', 20);
  await log('idea.cosigned', 'provincie', 120);
  // Check-ins: r1 (20 days ago, closed; A on track, B at risk, C silent),
  // r2 (6 days ago, closed; A, B and D on track, C silent), r3 (open; only B answered: blocked).
  await round('r1', 20, true, ['leiden', 'rijnland', 'stedin'], {
    leiden: ['on-track'],
    rijnland: ['at-risk'],
  });
  await round('r2', 6, true, ['leiden', 'rijnland', 'stedin', 'provincie'], {
    leiden: ['on-track', 'on-track'],
    rijnland: ['on-track'],
    provincie: ['on-track'],
  });
  await round('r3', 0.1, false, ['leiden', 'rijnland', 'stedin', 'provincie'], {
    rijnland: ['blocked'],
  });
});
afterAll(() => kit.stop());
beforeEach(() => kit.dispatcher.clear());

describe('gezondheid / health', () => {
  it('shows a coordinator the four blocks for the alliance, with their trend, worked out by hand', async () => {
    const c = await healthAs(CARLA);
    // Connected now: A, B, C (C introduced 5 days ago); 30 days ago: A, B. Rising.
    expect(field(c, 'Verbonden')).toBe('3 van 4 partners, was 2 (stijgend)');
    // Contributing, last 30 days: A (10), C (2, 3); the 30 before: B (40). Rising.
    expect(field(c, 'Bijdragend')).toBe('2 van 4 partners, was 1 (stijgend)');
    // Collaborating: A on track in r2 (and r1); B blocked in r3 (r2 on track); C silent in
    // r2 (and r1); D on track in r2 (not asked before). Now A, D; before A, B. Steady.
    expect(field(c, 'Samenwerkend')).toBe('2 van 4 partners, was 2 (gelijk)');
    // Co-creating, last 90 days: B (20); the 90 before: A (100), D (120). Falling.
    expect(field(c, 'Co-creërend')).toBe('1 van 4 partners, was 2 (dalend)');
  });

  it('lists every partner to a coordinator, those slipping back first', async () => {
    const c = await healthAs(CARLA);
    const lines = (c.text ?? '').split('\n').filter((l) => l.includes(': Verbonden'));
    // Slipping back: B in two blocks (contributing, collaborating), A and D in one each
    // (co-creating; D first, it does less now: one block against A's three), C in none.
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'Rijnland',
      'Provincie',
      'Gemeente Leiden',
      'Stedin',
    ]);
    expect(lines[0]).toBe(
      'Rijnland: Verbonden: ja · Bijdragend: nee (was ja) · Samenwerkend: nee (was ja) · Co-creërend: ja (was nee)',
    );
    expect(lines[3]).toBe(
      'Stedin: Verbonden: ja (was nee) · Bijdragend: ja (was nee) · Samenwerkend: nee · Co-creërend: nee',
    );
  });

  it("shows a partner's member the alliance and only their own partner", async () => {
    const c = await healthAs(JOOST);
    expect(field(c, 'Verbonden')).toBe('3 van 4 partners, was 2 (stijgend)');
    const body = c.text ?? '';
    expect(body).toContain('Jouw organisatie');
    expect(body).toContain(
      'Provincie: Verbonden: nee · Bijdragend: nee · Samenwerkend: ja · Co-creërend: nee (was ja)',
    );
    for (const other of ['Gemeente Leiden', 'Rijnland', 'Stedin'])
      expect(body).not.toContain(other);
  });

  it('counts new activity once, also when two people look at the same moment', async () => {
    await healthAs(CARLA);
    await log('document.shared', 'provincie', 0);
    await log('document.shared', 'rijnland', 0);
    kit.dispatcher.clear();
    await Promise.all([
      kit.engine.handle(say(CARLA, 'gezondheid')),
      kit.engine.handle(say(JOOST, 'gezondheid')),
    ]);
    // Contributing now: A, C, D and B: 4 of 4, was 1.
    const both = [lastCardTo(kit.dispatcher.all, CARLA), lastCardTo(kit.dispatcher.all, JOOST)];
    for (const c of both) expect(field(c, 'Bijdragend')).toBe('4 van 4 partners, was 1 (stijgend)');
    const again = await healthAs(CARLA);
    expect(field(again, 'Bijdragend')).toBe('4 van 4 partners, was 1 (stijgend)');
  });
});
