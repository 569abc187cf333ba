/**
 * The personal digest's record: one per person and alliance — how they chose to get the digest
 * (`overzicht kiezen` / `digest choose`: not personally, as a direct message, or by e-mail to an
 * address), whether that address bounced, and the e-mail of the latest digest occurrence
 * (queued, sent, failed), so a retried job sends nothing twice. A person known only by e-mail
 * (invited by e-mail, on neither platform) gets a record the first time the digest is mailed to
 * them. Ids are digests (no addresses or platform ids in keys). Beside them, the index of the
 * e-mails' unsubscribe tokens (`digest.unsubscribe`): a token's digest → its record's id, so the
 * link finds its record by one key (digest-unsubscribe.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LocaleSchema } from '../src/core/events.js';
import { isToken } from '../src/core/tokens.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';
import type { Invitation } from './invitations-record.js';

export const VIAS = ['none', 'dm', 'email'] as const;
export type Via = (typeof VIAS)[number];

export const PersonalDigestSchema = z.object({
  id: z.string().min(1),
  /** The platform identity that chose (where the direct message goes); none for an invitee. */
  userId: z.string().optional(),
  /** Their member id (or platform id), for what they may see; none for an invitee. */
  personId: z.string().optional(),
  /** The invitation that made them known by e-mail alone (its id). */
  invitationId: z.string().optional(),
  /** Their partner, for an invitee (the one they were invited for). */
  partnerId: z.string().optional(),
  via: z.enum(VIAS),
  /** Lower-case; for `email`. */
  email: z.email().optional(),
  locale: LocaleSchema,
  chosenAt: z.iso.datetime().optional(),
  /** The mail server refused the address for good: no digest goes there until chosen again. */
  bounced: z.object({ at: z.iso.datetime(), reason: z.string().max(200) }).optional(),
  /**
   * The unguessable token of the link in its e-mails that stops them (digest-unsubscribe.ts):
   * one per person, made with their first digest e-mail and kept.
   */
  unsubscribe: z.string().refine(isToken).optional(),
  /** The e-mail digest was stopped (`via` none since): by the mail's link or by a coordinator. */
  stopped: z.object({ at: z.iso.datetime(), by: z.enum(['link', 'coordinator']) }).optional(),
  /** The e-mail of the latest digest occurrence. */
  mail: z
    .object({
      /** A digest of the schedule's firing. */
      occurrence: z.string().min(1),
      /** When the digest was made (its period ends here). */
      digestAt: z.iso.datetime(),
      status: z.enum(['queued', 'sent', 'failed']),
      attempts: z.number().int().min(0),
      reason: z.string().max(200).optional(),
      at: z.iso.datetime().optional(),
    })
    .optional(),
});
export type PersonalDigest = z.infer<typeof PersonalDigestSchema>;

export const personalDigests: CollectionSpec<PersonalDigest> = {
  name: 'digest.personal',
  schema: PersonalDigestSchema,
  purpose: {
    nl: 'hoe iemand het overzicht wil krijgen (privébericht of e-mail, en het adres), of dat adres onbestelbaar was, of de e-mail gestopt is (met de link erin, of door een coördinator), en of het laatste overzicht al verstuurd is, zodat het één keer gaat; bewaard tot diegene anders kiest of wordt vergeten',
    en: 'how a person chose to get the digest (direct message or e-mail, and the address), whether that address bounced, whether they stopped the e-mail (its link, or a coordinator for them), and whether the latest digest was sent to them, so it is sent once; kept until they choose otherwise or are forgotten',
  },
  // The address too: an invitee's record names them by nothing else.
  people: (r) => [
    ...new Set([
      ...(r.userId ? [r.userId] : []),
      ...(r.personId ? [r.personId] : []),
      ...(r.email ? [r.email] : []),
    ]),
  ],
  // The record is the person's alone.
  anonymise: () => null,
};

const hash = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 24);

/** The record of a person on a platform: a digest of their member id (or platform id). */
export const personalId = (personId: string) => `pd-${hash(personId)}`;

/** The record of a person known only by e-mail: from their invitation. */
export const inviteeId = (invitationId: string) => `pe-${hash(invitationId)}`;

/** The record of a person known only by e-mail, as their invitation makes it (by e-mail). */
export const inviteeRecord = (
  invitation: Pick<Invitation, 'id' | 'partnerId' | 'email' | 'locale'>,
): PersonalDigest => ({
  id: inviteeId(invitation.id),
  invitationId: invitation.id,
  partnerId: invitation.partnerId,
  via: 'email',
  email: invitation.email,
  locale: invitation.locale,
});

/** A short, stable digest of a job's firing (for ids of records and reminders). */
export const occurrenceId = (occurrence: string) => hash(occurrence).slice(0, 16);

export const personalRecords = (store: FlowStore) => store.collection(personalDigests);

/** A token's entry in the index: the record it belongs to, and that record's people. */
const TokenEntrySchema = z.object({
  id: z.string().regex(/^ut-[a-f0-9]{24}$/),
  recordId: z.string().min(1),
  /**
   * The record's people when the token was made, its address among them (so erasing them, by
   * identity or by address, takes the entry too).
   */
  people: z.array(z.string()),
});
/** The alliance's tokens are all in the index (those made before it were put in, once). */
const IndexedSchema = z.object({ id: z.literal('indexed'), at: z.iso.datetime() });
const TokenIndexSchema = z.union([TokenEntrySchema, IndexedSchema]);
export type TokenEntry = z.infer<typeof TokenEntrySchema>;
export type TokenIndex = z.infer<typeof TokenIndexSchema>;

/** The index entry's id saying every token of the alliance is in the index. */
export const INDEXED = 'indexed';

/** A token's entry id: a digest (no token in keys). */
export const tokenKey = (token: string) => `ut-${hash(token)}`;

export const isTokenEntry = (entry: TokenIndex | null): entry is TokenEntry =>
  entry !== null && 'recordId' in entry;

/** The index entry of a record's token. */
export const tokenEntry = (record: PersonalDigest, token: string): TokenEntry => ({
  id: tokenKey(token),
  recordId: record.id,
  people: personalDigests.people(record).slice(),
});

export const unsubscribeTokenIndex: CollectionSpec<TokenIndex> = {
  name: 'digest.unsubscribe',
  schema: TokenIndexSchema,
  purpose: {
    nl: 'bij welke overzichtsinstelling de stoplink in de e-mails van het overzicht hoort (een digest van de link, niet de link zelf), zodat de link die snel vindt; bewaard zolang die instelling bestaat of tot diegene wordt vergeten',
    en: "which digest setting the stop link in the digest's e-mails belongs to (a digest of the link, not the link itself), so the link finds it quickly; kept as long as that setting exists or until the person is forgotten",
  },
  people: (r) => ('people' in r ? r.people : []),
  anonymise: () => null,
};

export const unsubscribeTokens = (store: FlowStore) => store.collection(unsubscribeTokenIndex);
