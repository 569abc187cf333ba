/**
 * Commitments (afspraken): what a partner does for the shared ambition, by when, and who owns
 * it, one record per commitment and alliance (a Collection, changed by compare-and-set). The
 * last status a check-in answer gave (on track / at risk / blocked, with a note) is kept on it,
 * and its history says who registered and changed it and when (for the audit trail).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatDate } from '../src/core/i18n/index.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';

export const STATUSES = ['on-track', 'at-risk', 'blocked'] as const;
export const StatusSchema = z.enum(STATUSES);
export type CommitmentStatus = z.infer<typeof StatusSchema>;

export const LIMITS = { what: 300, note: 500 } as const;
/** At most this many commitments are asked about in one check-in answer. */
export const MAX_ASKED = 10;

export const CommitmentSchema = z.object({
  id: z.string().min(1).max(100),
  /** The partner it belongs to (none: the coordination's own). */
  partnerId: z.string().max(100).optional(),
  what: z.string().min(1).max(1000),
  /** `YYYY-MM-DD`: the last day it should be done by. */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The person who owns it (a platform identity); gone when they asked to be forgotten. */
  owner: z.string().optional(),
  ownerName: z.string().max(200).optional(),
  last: z
    .object({
      status: StatusSchema,
      note: z.string().max(2000).optional(),
      at: z.iso.datetime(),
      by: z.string().optional(),
    })
    .optional(),
  version: z.number().int().min(1),
  lastEvent: z.string().max(500).optional(),
  history: z
    .array(
      z.object({
        action: z.enum(['created', 'changed']),
        by: z.string().optional(),
        byName: z.string().max(200).optional(),
        at: z.iso.datetime(),
      }),
    )
    .max(200),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const commitmentItems: CollectionSpec<Commitment> = {
  name: 'commitments.commitment',
  schema: CommitmentSchema,
  purpose: {
    nl: 'de afspraken van elke partner over de gedeelde ambitie (wat, wanneer, wie eigenaar is, hoe het gaat) en wie ze vastlegde of wijzigde, voor check-ins en de gezondheid van de gemeenschap',
    en: "each partner's commitments to the shared ambition (what, by when, who owns it, how it is going) and who registered or changed them, for check-ins and community health",
  },
  people: (c) => [
    ...new Set([
      ...(c.owner ? [c.owner] : []),
      ...(c.last?.by ? [c.last.by] : []),
      ...c.history.flatMap((h) => (h.by ? [h.by] : [])),
    ]),
  ],
  // The commitment is the organisation's: only the person's traces go.
  anonymise: (c, ids) => {
    const { owner, ownerName, last, ...rest } = c;
    const mine = owner !== undefined && ids.includes(owner);
    return {
      ...rest,
      ...(mine ? {} : { ...(owner ? { owner } : {}), ...(ownerName ? { ownerName } : {}) }),
      ...(last
        ? {
            last:
              last.by && ids.includes(last.by)
                ? { status: last.status, ...(last.note ? { note: last.note } : {}), at: last.at }
                : last,
          }
        : {}),
      history: c.history.map((h) =>
        h.by && ids.includes(h.by) ? { action: h.action, at: h.at } : h,
      ),
    };
  },
};

export const commitmentRecords = (store: FlowStore) => store.collection(commitmentItems);

export const commitmentId = (eventKey: string) =>
  `c-${createHash('sha256').update(eventKey).digest('hex').slice(0, 16)}`;

/** The commitments of a partner (or of the coordination: no partner), oldest first. */
export async function commitmentsOf(
  store: FlowStore,
  allianceId: string,
  partnerId: string | undefined,
): Promise<Commitment[]> {
  return (await commitmentRecords(store).list(allianceId)).filter((c) => c.partnerId === partnerId);
}

/**
 * The last day of the month `months` after the one `from` is in: `YYYY-MM-DD` (`from` a
 * date, `YYYY-MM-DD`, or an instant read in UTC).
 */
export function monthEnd(from: Date | string, months: number): string {
  const now = typeof from === 'string' ? new Date(`${from}T12:00:00Z`) : from;
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months + 1, 0));
  return d.toISOString().slice(0, 10);
}

/** The calendar date it is at `now` in the time zone: `YYYY-MM-DD`. */
export function todayIn(now: Date, timeZone: string): string {
  return formatDate(now, 'en', timeZone, 'yyyy-MM-dd');
}

/** A due date may lie at most this many years ahead. */
export const MAX_DUE_YEARS = 10;

/**
 * What is wrong with a due date (a real `YYYY-MM-DD`) given today's date in the alliance's
 * time zone: `pastDue` before today (today itself is fine), `farDue` more than
 * MAX_DUE_YEARS ahead; undefined when it is fine.
 */
export function dueDateError(due: string, today: string): 'pastDue' | 'farDue' | undefined {
  if (due < today) return 'pastDue';
  const year = String(Number(today.slice(0, 4)) + MAX_DUE_YEARS).padStart(4, '0');
  if (due > `${year}${today.slice(4)}`) return 'farDue';
  return undefined;
}
