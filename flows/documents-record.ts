/**
 * The records of documents: a shared document (with every copy of its announcement, so a
 * change of level or a withdrawal updates them in place) and a request for one (with its cards
 * and who answered). Plus the search: documents ranked on title, summary and topics, accents
 * and case ignored. The access rule itself is src/domain/visibility.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LocaleSchema } from '../src/core/events.js';
import { MessageHandleSchema } from '../src/core/messages.js';
import type { Member } from '../src/domain/alliance.js';
import {
  type ChannelFacts,
  type DocumentFacts,
  LEVELS,
  type PersonFacts,
} from '../src/domain/visibility.js';
import type { FlowContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';

export const LIMITS = { title: 150, link: 2000, summary: 1000, topics: 6, what: 500 } as const;

/** One place an announcement of the document went, with its handle. */
export const CopySchema = z.object({
  kind: z.enum(['channel', 'person', 'owner']),
  /** The channel id, or the person's id. */
  to: z.string().min(1),
  handle: MessageHandleSchema,
  locale: LocaleSchema.optional(),
});
export type Copy = z.infer<typeof CopySchema>;

export const DocumentSchema = z.object({
  id: z.string().min(1),
  allianceId: z.string().min(1),
  title: z.string().min(1).max(LIMITS.title),
  link: z.string().min(1).max(LIMITS.link),
  summary: z.string().max(LIMITS.summary).default(''),
  topics: z.array(z.string()).default([]),
  level: z.enum(LEVELS),
  /** Partner ids named, for the `partners` level. */
  partners: z.array(z.string()).default([]),
  ownerId: z.string().min(1),
  ownerName: z.string().max(200).optional(),
  ownerPartnerId: z.string().optional(),
  ownerLocale: LocaleSchema.optional(),
  sharedAt: z.iso.datetime(),
  changedAt: z.iso.datetime().optional(),
  /** `YYYY-MM-DD`: the owner is asked that day whether the level is still right. */
  reviewOn: z.string().optional(),
  status: z.enum(['active', 'withdrawn']).default('active'),
  /** The request it answered. */
  request: z.string().optional(),
  /** The event that shared it: the same event handled again carries on, never shares twice. */
  occurrence: z.string().max(500),
  copies: z.array(CopySchema).default([]),
});
export type SharedDocument = z.infer<typeof DocumentSchema>;

/** A review day (`YYYY-MM-DD`) as the documents' order by review day counts it. */
export const reviewScore = (day: string) => Number(day.replaceAll('-', '').slice(0, 8)) || 0;

export const documents: CollectionSpec<SharedDocument> = {
  name: 'documents.document',
  schema: DocumentSchema,
  purpose: {
    nl: 'documenten die mensen deelden (een link, titel, samenvatting, wie het mag zien en wie het deelde), zodat ieder in de alliantie vindt wat die mag zien',
    en: 'documents people shared (a link, title, summary, who may see it and who shared it), so the alliance finds what each may see',
  },
  people: (d) => [d.ownerId],
  // Active documents by their review day (20270115), so the digest finds the reviews coming
  // up without reading every document.
  score: (d) => (d.status === 'active' && d.reviewOn ? reviewScore(d.reviewOn) : null),
  // A document stays when its sharer asks to be forgotten, credited to their organisation:
  // nothing of the person is left on it (their name, language, the event that shared it, the
  // copies sent to them, a review date only they would be asked about). Without an
  // organisation there is nobody to credit, and it goes.
  anonymise: (d, ids) =>
    d.ownerPartnerId
      ? {
          ...d,
          ownerId: `partner:${d.ownerPartnerId}`,
          ownerName: undefined,
          ownerLocale: undefined,
          reviewOn: undefined,
          occurrence: 'erased',
          copies: d.copies.filter(
            (c) => c.kind === 'channel' && !ids.some((id) => JSON.stringify(c).includes(id)),
          ),
        }
      : null,
};

export const AnswerSchema = z.object({
  by: z.string().min(1),
  name: z.string().max(200).optional(),
  documentId: z.string().min(1),
  at: z.iso.datetime(),
});

export const RequestSchema = z.object({
  id: z.string().min(1),
  askerId: z.string().min(1),
  askerName: z.string().max(200).optional(),
  askerPartnerId: z.string().optional(),
  askerLocale: LocaleSchema.optional(),
  what: z.string().min(1).max(LIMITS.what),
  askedAt: z.iso.datetime(),
  occurrence: z.string().max(500),
  answers: z.array(AnswerSchema).default([]),
  cards: z.array(MessageHandleSchema).default([]),
});
export type DocumentRequest = z.infer<typeof RequestSchema>;

export const requests: CollectionSpec<DocumentRequest> = {
  name: 'documents.request',
  schema: RequestSchema,
  purpose: {
    nl: 'vragen om een document, wie vroeg en wie antwoordde, zodat de vrager hoort van een antwoord',
    en: 'requests for a document, who asked and who answered, so the asker hears of an answer',
  },
  people: (r) => [r.askerId, ...r.answers.map((a) => a.by)],
  anonymise: (r, ids) =>
    ids.includes(r.askerId)
      ? null
      : { ...r, answers: r.answers.filter((a) => !ids.includes(a.by)) },
};

/** A record id from the event that made it: a retry of the event finds the same record. */
export const recordId = (prefix: string, occurrence: string) =>
  `${prefix}-${createHash('sha256').update(occurrence).digest('hex').slice(0, 16)}`;

/** What handled this event (a retry of it finds its own records). */
export const occurrenceOf = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/**
 * The alliance's audit trail: who shared, re-levelled or withdrew which document (only its
 * owner may; written once per event however often the event is handled).
 */
export async function auditDocument(
  ctx: FlowContext,
  kind: 'document.shared' | 'document.level-changed' | 'document.withdrawn',
  d: SharedDocument,
  change?: { to: string },
): Promise<void> {
  await ctx.audit(kind, {
    document: d.id,
    title: d.title,
    ...(change ? { from: d.level, to: change.to } : { level: d.level }),
  });
}

/** The policy's view of a document. */
export const facts = (d: SharedDocument): DocumentFacts => ({
  allianceId: d.allianceId,
  ownerId: d.ownerId,
  ownerPartnerId: d.ownerPartnerId,
  level: d.level,
  partners: d.partners,
  status: d.status,
});

/** The person speaking, as the policy sees them (by member id where they have one). */
export const speaker = (ctx: FlowContext): PersonFacts => ({
  kind: 'person',
  allianceId: ctx.alliance.id,
  userId: ctx.member?.id ?? ctx.userId,
  partnerId: ctx.member?.partnerId,
  roles: ctx.roles,
});

/** A member (or someone without a member record) as the policy sees them. */
export const personOf = (allianceId: string, id: string, member: Member | null): PersonFacts => ({
  kind: 'person',
  allianceId,
  userId: member?.id ?? id,
  partnerId: member?.partnerId,
});

export const channelOf = (allianceId: string, channelId: string): ChannelFacts => ({
  kind: 'channel',
  allianceId,
  channelId,
});

/** Lower case, without accents, in words of letters and digits. */
export function wordsIn(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * How well a document matches the words: per word asked, 3 for the title, 2 for a topic, 1 for
 * the summary (a word matches a word it starts, so `zon` finds `zonnepanelen`). 0: no match.
 */
export function score(d: SharedDocument, query: readonly string[]): number {
  const title = wordsIn(d.title);
  const topics = d.topics.flatMap((t) => wordsIn(t));
  const summary = wordsIn(d.summary);
  const hit = (list: readonly string[], w: string) => list.some((x) => x.startsWith(w));
  let total = 0;
  for (const w of query) {
    const s = (hit(title, w) ? 3 : 0) + (hit(topics, w) ? 2 : 0) + (hit(summary, w) ? 1 : 0);
    total += s;
  }
  return total;
}

/** The documents matching the words, best match first (the newest first among equals). */
export function rank(list: readonly SharedDocument[], words: string): SharedDocument[] {
  const query = [...new Set(wordsIn(words))];
  const newest = (a: SharedDocument, b: SharedDocument) => b.sharedAt.localeCompare(a.sharedAt);
  if (query.length === 0) return [...list].sort(newest);
  return list
    .map((d) => ({ d, s: score(d, query) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || newest(a.d, b.d))
    .map((x) => x.d);
}
