/**
 * The demo region's successes (scripts/demo-region-write.ts writes the rest): proposed, then
 * approved by the spokesperson and announced, with the successes' tally (milestones), as the
 * successes flow writes them.
 */
import {
  countIn,
  successId,
  successItems,
  TALLY_ID,
  tallyItems,
  withEvent,
} from '../flows/successes-record.js';
import type { Alliance } from '../src/domain/alliance.js';
import type { ActivityInput } from '../src/store/activity-log.js';
import type { FlowStore } from '../src/store/index.js';
import type { SeedEventOf, SeedPerson } from './demo-region.js';

/** The event key a flow would have (`<platform>:<event id>`). */
export const keyOf = (key: string) => `local:${key}`;

/** What writing an event needs. */
export interface WriteContext {
  store: FlowStore;
  alliance: Alliance;
  a: string;
  spokesperson: string | undefined;
  person(id: string): SeedPerson;
  partnerName(id: string): string;
  log(input: ActivityInput): Promise<void>;
}

export async function writeSuccess(ctx: WriteContext, e: SeedEventOf<'success'>): Promise<void> {
  const { store, alliance, a, person, partnerName, log } = ctx;
  const p = person(e.person);
  const id = successId(keyOf(e.key));
  await store.collection(successItems).create(a, id, {
    id,
    title: e.title,
    story: `${e.title}: samen bereikt door ${e.partners.map(partnerName).join(', ')}.`,
    partners: e.partners.map((x) => ({ id: x, name: partnerName(x) })),
    impact: { value: e.value, unit: e.unit },
    link: '',
    proposer: p.id,
    proposerName: p.name,
    proposerLocale: p.locale,
    proposerPartner: { id: p.partnerId, name: partnerName(p.partnerId) },
    proposedAt: e.at,
    status: 'pending',
    approvalRequired: alliance.spokespersonApproval,
    edited: false,
    version: 1,
    lastEvent: keyOf(e.key),
    cards: [],
    announcements: [],
    logged: false,
    celebratedBy: [],
    formerCelebrations: 0,
    history: [{ action: 'proposed', by: p.id, byName: p.name, at: e.at, version: 1 }],
  });
  await log({
    type: 'success.proposed',
    actor: p.id,
    partner: p.partnerId,
    at: e.at,
    data: { successId: id, title: e.title },
  });
}
export async function writeAnnounce(ctx: WriteContext, e: SeedEventOf<'announce'>): Promise<void> {
  const { store, alliance, a, log } = ctx;
  const id = successId(keyOf(e.success));
  const event = keyOf(e.key);
  const by = ctx.spokesperson;
  const s = await store.collection(successItems).mutate(a, id, (r) => {
    if (r?.status !== 'pending') return r;
    const approved = withEvent(r, {
      action: 'approved',
      ...(by ? { by } : {}),
      at: e.at,
      version: r.version,
    });
    return {
      ...r,
      status: 'approved',
      ...(by ? { decidedBy: by } : {}),
      decidedAt: e.at,
      decidedEvent: event,
      announcedAt: e.at,
      logged: true,
      history: [...approved, { action: 'announced' as const, at: e.at, version: r.version }],
    };
  });
  if (!s || s.decidedEvent !== event) return;
  const data = {
    successId: s.id,
    title: s.title,
    value: s.impact.value,
    unit: s.impact.unit,
    partners: s.partners.map((x) => x.name),
  };
  for (const credit of s.partners)
    await log({
      type: 'success.announced',
      at: e.at,
      data,
      ...(credit.id ? { partner: credit.id } : {}),
    });
  await store
    .collection(tallyItems)
    .mutate(a, TALLY_ID, (t) => countIn(t, alliance, s, event, e.at));
}
