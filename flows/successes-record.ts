/**
 * The successes' records. One per success (a Collection, changed by compare-and-set): what it
 * is (title, story, credited partners, impact with its unit, links), who proposed it, where it
 * stands (pending, approved, rejected), the spokespersons' approval cards and the announcement's
 * copies in the channels (handles, for updates), who celebrates it, and its history — who
 * proposed, edited, approved or rejected it and when — for the audit trail.
 *
 * And one tally per alliance: how many successes were announced, the impact per unit, and the
 * milestones reached, each with the event that reached it. Counting a success and claiming a
 * milestone is one compare-and-set on the tally, so two approvals at the same moment that
 * together cross a threshold celebrate it once; the event that claimed it, handled again after
 * a crash, finds its claim and posts the same (idempotent) messages again.
 *
 * After a person asks to be forgotten a success stays, credited to its partners: their id and
 * name go from it (proposer, history, approval cards), their celebration still counts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LocaleSchema } from '../src/core/events.js';
import { MessageHandleSchema } from '../src/core/messages.js';
import { type Alliance, SlugSchema } from '../src/domain/alliance.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';

/** Limits of what a person types. */
export const LIMITS = {
  title: 150,
  story: 2000,
  partner: 150,
  otherPartners: 500,
  /** A spokesperson's own reason to reject. */
  reason: 500,
  unit: 40,
  link: 2000,
} as const;
/** At most this many partners credited, history entries, approval cards. */
const MAX_PARTNERS = 30;
const MAX_HISTORY = 200;
const MAX_CARDS = 100;

/** The 10th, 25th, 50th … announced success is celebrated. */
export const COUNT_MILESTONES = [10, 25, 50, 100, 250, 500, 1000] as const;

export const REJECT_REASONS = ['unconfirmed', 'partners', 'timing', 'scope'] as const;
export const RejectReasonSchema = z.enum(REJECT_REASONS);
export type RejectReason = z.infer<typeof RejectReasonSchema>;

export const CreditSchema = z.object({
  /** The partner's id in the store or the config, when it is one the alliance knows. */
  id: SlugSchema.optional(),
  name: z.string().min(1).max(400),
});
export type Credit = z.infer<typeof CreditSchema>;

export const SuccessEventSchema = z.object({
  action: z.enum(['proposed', 'edited', 'approved', 'rejected', 'announced']),
  /** The person who did it (none for the announcement; gone when they asked to be forgotten). */
  by: z.string().optional(),
  byName: z.string().max(400).optional(),
  at: z.iso.datetime(),
  reason: RejectReasonSchema.optional(),
  /** The spokesperson's own words, when they rejected it in their own words. */
  reasonNote: z.string().min(1).max(LIMITS.reason).optional(),
  version: z.number().int().min(1),
});
export type SuccessEvent = z.infer<typeof SuccessEventSchema>;

export const SuccessSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(600),
  story: z.string().min(1).max(8000),
  partners: z.array(CreditSchema).min(1).max(MAX_PARTNERS),
  impact: z.object({ value: z.number().finite(), unit: z.string().min(1).max(160) }),
  link: z.string().max(8000),
  photo: z.string().max(8000).optional(),
  /** The person who proposed it (gone when they asked to be forgotten). */
  proposer: z.string().optional(),
  proposerName: z.string().max(400).optional(),
  proposerLocale: LocaleSchema.optional(),
  /** The proposer's partner: the success stays credited to it. */
  proposerPartner: CreditSchema.optional(),
  proposedAt: z.iso.datetime(),
  status: z.enum(['pending', 'approved', 'rejected']),
  approvalRequired: z.boolean(),
  decidedBy: z.string().optional(),
  decidedByName: z.string().max(400).optional(),
  decidedAt: z.iso.datetime().optional(),
  /** The event that decided (or, without approval, proposed): handled again, it carries on. */
  decidedEvent: z.string().max(500).optional(),
  reason: RejectReasonSchema.optional(),
  /** The spokesperson's own words, when they rejected it in their own words. */
  reasonNote: z.string().min(1).max(LIMITS.reason).optional(),
  /** Edits made before the decision (the proposer hears it was approved with changes). */
  edited: z.boolean().default(false),
  version: z.number().int().min(1),
  /** The event that wrote the last version (an edit handled again finds its own write). */
  lastEvent: z.string().max(500).optional(),
  /** The spokespersons' approval cards, changed in place when someone decides or edits. */
  cards: z.array(MessageHandleSchema).max(MAX_CARDS).default([]),
  /** The announcement's copies, one per linked channel (for the celebrate count). */
  announcements: z.array(MessageHandleSchema).default([]),
  announcedAt: z.iso.datetime().optional(),
  /** Whether its activity entries were written (once). */
  logged: z.boolean().default(false),
  celebratedBy: z.array(z.string()).default([]),
  /** Celebrations of people who asked to be forgotten since: still counted. */
  formerCelebrations: z.number().int().min(0).default(0),
  history: z.array(SuccessEventSchema).max(MAX_HISTORY),
});
export type Success = z.infer<typeof SuccessSchema>;

export const celebrations = (s: Success) => s.celebratedBy.length + s.formerCelebrations;

const withoutPerson = (h: SuccessEvent, ids: readonly string[]): SuccessEvent => {
  if (!h.by || !ids.includes(h.by)) return h;
  const { by: _by, byName: _name, ...rest } = h;
  return rest;
};

export const successItems: CollectionSpec<Success> = {
  name: 'successes.success',
  schema: SuccessSchema,
  purpose: {
    nl: 'successen voorgesteld om aan te kondigen: wie elk succes voorstelde, bewerkte, goedkeurde of afwees en wanneer (voor het logboek), de gevraagde woordvoerders, en wie het viert',
    en: 'successes proposed for announcement: who proposed, edited, approved or rejected each one and when (for the audit trail), the spokespersons asked, and who celebrates it',
  },
  people: (s) => [
    ...new Set([
      ...(s.proposer ? [s.proposer] : []),
      ...(s.decidedBy ? [s.decidedBy] : []),
      ...s.history.flatMap((h) => (h.by ? [h.by] : [])),
      ...s.cards.flatMap((c) => (c.to.kind === 'conversation' ? [] : [c.to.userId])),
      ...s.celebratedBy,
    ]),
  ],
  // The success stays, credited to its partners; only the person's traces go.
  anonymise: (s, ids) => {
    const mine = (id: string | undefined) => id !== undefined && ids.includes(id);
    const { proposer, proposerName, proposerLocale, decidedBy, decidedByName, ...rest } = s;
    const gone = s.celebratedBy.filter((id) => ids.includes(id)).length;
    return {
      ...rest,
      ...(proposer && !mine(proposer)
        ? {
            proposer,
            ...(proposerName ? { proposerName } : {}),
            ...(proposerLocale ? { proposerLocale } : {}),
          }
        : {}),
      ...(decidedBy && !mine(decidedBy)
        ? { decidedBy, ...(decidedByName ? { decidedByName } : {}) }
        : {}),
      history: s.history.map((h) => withoutPerson(h, ids)),
      cards: s.cards.filter((c) => c.to.kind === 'conversation' || !ids.includes(c.to.userId)),
      celebratedBy: s.celebratedBy.filter((id) => !ids.includes(id)),
      formerCelebrations: s.formerCelebrations + gone,
    };
  },
};

export const successRecords = (store: FlowStore) => store.collection(successItems);

export const MilestoneSchema = z.object({
  /** `count:10`, `unit:MW:100`. */
  key: z.string().min(1).max(300),
  kind: z.enum(['count', 'unit']),
  threshold: z.number(),
  unit: z.string().max(160).optional(),
  /** The total when it was reached. */
  total: z.number(),
  successId: z.string().min(1).max(100),
  /** The event that reached it (it posts the celebration). */
  event: z.string().max(500),
  at: z.iso.datetime(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const TallySchema = z.object({
  count: z.number().int().min(0),
  /** The successes counted (each once). */
  counted: z.array(z.string()),
  /** Impact per unit (the config's spelling of a unit where it names one). */
  totals: z.record(z.string(), z.number()),
  reached: z.array(MilestoneSchema),
});
export type Tally = z.infer<typeof TallySchema>;

export const tallyItems: CollectionSpec<Tally> = {
  name: 'successes.tally',
  schema: TallySchema,
  purpose: {
    nl: 'hoeveel successen zijn aangekondigd en hun impact per eenheid, voor mijlpalen',
    en: 'how many successes were announced and their impact per unit, for milestones',
  },
  people: () => [],
  anonymise: (t) => t,
};

export const TALLY_ID = 'tally';
export const tallyRecords = (store: FlowStore) => store.collection(tallyItems);

const fold = (s: string) => s.normalize('NFKC').trim().toLocaleLowerCase('nl');

/** A unit as the tally counts it: the config's spelling when it names the unit, else as typed. */
export function unitKey(alliance: Alliance, unit: string, totals: Tally['totals'] = {}): string {
  const wanted = fold(unit);
  const named = Object.keys(alliance.milestones).find((u) => fold(u) === wanted);
  if (named) return named;
  return Object.keys(totals).find((u) => fold(u) === wanted) ?? unit.trim();
}

/**
 * Counts a success into the tally (once) and claims the milestones it reaches for `event`.
 * Pure: the compare-and-set around it makes it one atomic step.
 */
export function countIn(
  tally: Tally | null,
  alliance: Alliance,
  success: Success,
  event: string,
  at: string,
): Tally {
  const current: Tally = tally ?? { count: 0, counted: [], totals: {}, reached: [] };
  if (current.counted.includes(success.id)) return current;
  const count = current.count + 1;
  const unit = unitKey(alliance, success.impact.unit, current.totals);
  const before = current.totals[unit] ?? 0;
  const after = before + success.impact.value;
  const known = new Set(current.reached.map((m) => m.key));
  const reached: Milestone[] = [];
  const base = { successId: success.id, event, at };
  if ((COUNT_MILESTONES as readonly number[]).includes(count) && !known.has(`count:${count}`))
    reached.push({ key: `count:${count}`, kind: 'count', threshold: count, total: count, ...base });
  for (const threshold of alliance.milestones[unit] ?? []) {
    const key = `unit:${unit}:${threshold}`;
    if (before < threshold && after >= threshold && !known.has(key))
      reached.push({ key, kind: 'unit', threshold, unit, total: after, ...base });
  }
  return {
    count,
    counted: [...current.counted, success.id],
    totals: { ...current.totals, [unit]: after },
    reached: [...current.reached, ...reached],
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 20);

/** The record id of a success: from the event that proposed it, so a retry creates it once. */
export const successId = (eventKey: string) => `s-${digest(eventKey)}`;

/** The history with one more entry (the oldest dropped past the limit). */
export function withEvent(s: Success, event: SuccessEvent): SuccessEvent[] {
  return [...s.history, event].slice(-MAX_HISTORY);
}
