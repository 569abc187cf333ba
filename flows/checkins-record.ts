/**
 * The check-ins' records: a series per schedule a coordinator made (its cadence, deadline,
 * audience, state, calendar token and SEQUENCE, and who scheduled, changed, paused or stopped
 * it and when, for the audit trail), and a round per occurrence (the partners and contacts
 * asked, each partner's answer, and the summary's message handles, so a late answer changes
 * the summary in place).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MessageHandleSchema } from '../src/core/messages.js';
import { CADENCES, NTHS, type SeriesTiming, WEEKDAYS } from '../src/domain/cadence.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';
import { StatusSchema } from './commitments-record.js';

export const AUDIENCES = ['all', 'core'] as const;

const HistorySchema = z.object({
  action: z.enum(['scheduled', 'changed', 'paused', 'resumed', 'stopped']),
  by: z.string().optional(),
  byName: z.string().max(200).optional(),
  at: z.iso.datetime(),
});

export const SeriesSchema = z.object({
  id: z.string().regex(/^checkin-[a-f0-9]{12}$/),
  every: z.enum(CADENCES),
  weekday: z.enum(WEEKDAYS),
  nth: z.enum(NTHS).optional(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  deadlineDays: z.number().int().min(0).max(6),
  deadlineTime: z.string().regex(/^\d{2}:\d{2}$/),
  audience: z.enum(AUDIENCES),
  /** The iCalendar series (DTSTART local, RRULE) the queue and the .ics share. */
  rule: z.string().min(1),
  status: z.enum(['active', 'paused', 'stopped']),
  /** When it was paused or stopped (the calendar's series ends there). */
  endedAt: z.iso.datetime().optional(),
  /** The unguessable part of its calendar address. */
  token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/),
  /** iCalendar SEQUENCE: one up with every change. */
  sequence: z.number().int().min(0),
  lastEvent: z.string().max(500).optional(),
  history: z.array(HistorySchema).max(500),
});
export type Series = z.infer<typeof SeriesSchema>;

const AnswerItemSchema = z.object({
  commitmentId: z.string().optional(),
  what: z.string().max(1000).optional(),
  status: StatusSchema,
  note: z.string().max(2000).optional(),
});
export type AnswerItem = z.infer<typeof AnswerItemSchema>;

export const RoundSchema = z.object({
  id: z.string().min(1).max(100),
  seriesId: z.string().min(1),
  at: z.iso.datetime(),
  deadline: z.iso.datetime(),
  audience: z.enum(AUDIENCES),
  partners: z.array(
    z.object({ id: z.string(), name: z.string(), contacts: z.array(z.string()).max(200) }),
  ),
  answers: z.record(
    z.string(),
    z.object({
      by: z.string().optional(),
      byName: z.string().max(200).optional(),
      at: z.iso.datetime(),
      event: z.string().max(500).optional(),
      items: z.array(AnswerItemSchema).max(20),
    }),
  ),
  closed: z.boolean(),
  summary: z.array(MessageHandleSchema).max(50).default([]),
});
export type Round = z.infer<typeof RoundSchema>;

export const seriesItems: CollectionSpec<Series> = {
  name: 'checkins.series',
  schema: SeriesSchema,
  purpose: {
    nl: 'de check-inschema’s van de alliantie en welke coördinator ze plande, wijzigde, pauzeerde of stopte en wanneer (voor het logboek)',
    en: "the alliance's check-in schedules and which coordinator scheduled, changed, paused or stopped them and when (for the audit trail)",
  },
  people: (s) => [...new Set(s.history.flatMap((h) => (h.by ? [h.by] : [])))],
  anonymise: (s, ids) => ({
    ...s,
    history: s.history.map((h) =>
      h.by && ids.includes(h.by) ? { action: h.action, at: h.at } : h,
    ),
  }),
};

export const roundItems: CollectionSpec<Round> = {
  name: 'checkins.round',
  schema: RoundSchema,
  purpose: {
    nl: 'wie bij elke check-in is gevraagd en wat elke partner antwoordde (status en toelichting per afspraak), voor de samenvatting, herinneringen en de gezondheid van de gemeenschap',
    en: 'who was asked in each check-in and what each partner answered (status and note per commitment), for the summary, reminders and community health',
  },
  people: (r) => [
    ...new Set([
      ...r.partners.flatMap((p) => p.contacts),
      ...Object.values(r.answers).flatMap((a) => (a.by ? [a.by] : [])),
    ]),
  ],
  // The answers are the partners': the person's id and name go, the answer stays.
  anonymise: (r, ids) => ({
    ...r,
    partners: r.partners.map((p) => ({
      ...p,
      contacts: p.contacts.filter((c) => !ids.includes(c)),
    })),
    answers: Object.fromEntries(
      Object.entries(r.answers).map(([partner, a]) => [
        partner,
        a.by && ids.includes(a.by) ? { at: a.at, items: a.items } : a,
      ]),
    ),
  }),
};

export const seriesRecords = (store: FlowStore) => store.collection(seriesItems);
export const roundRecords = (store: FlowStore) => store.collection(roundItems);

export const seriesId = (eventKey: string) =>
  `checkin-${createHash('sha256').update(eventKey).digest('hex').slice(0, 12)}`;
/** A round's id: its series and the occurrence's instant (`checkin-…-20270326t0900`). */
export const roundId = (series: string, at: Date) =>
  `${series}-${at.toISOString().slice(0, 16).replace(/[-:]/g, '').toLowerCase()}`;

export const timingOf = (s: Series): SeriesTiming => ({
  cadence: { every: s.every, weekday: s.weekday, ...(s.nth ? { nth: s.nth } : {}) },
  time: s.time,
  startDate: s.startDate,
  deadlineDays: s.deadlineDays,
  deadlineTime: s.deadlineTime,
});

/** The worst status of an answer (blocked before at risk before on track). */
export function worst(items: readonly AnswerItem[]): AnswerItem['status'] {
  if (items.some((i) => i.status === 'blocked')) return 'blocked';
  if (items.some((i) => i.status === 'at-risk')) return 'at-risk';
  return 'on-track';
}
