/**
 * The invitation record: one per invited address and alliance (its id a digest of the
 * address, never the address itself), kept so a retry sends nothing twice, the e-mail job
 * knows what to send, and the coordinators' onboarding status can show who was invited and
 * who joined since (`invitationStatus`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LocaleSchema } from '../src/core/events.js';
import { SlugSchema } from '../src/domain/alliance.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';

export const InvitationSchema = z.object({
  id: z.string().min(1),
  /** Lower-case. */
  email: z.email(),
  name: z.string().min(1).max(100),
  partnerId: SlugSchema,
  organisation: z.string().min(1).max(150),
  /** The language of the invitation (the invitee's). */
  locale: LocaleSchema,
  /** The coordinator who invited (gone when they asked to be forgotten). */
  invitedBy: z.string().optional(),
  invitedByName: z.string().optional(),
  invitedByLocale: LocaleSchema,
  invitedAt: z.iso.datetime(),
  /** Whether this invitation brought a new organisation in (announced with it). */
  newPartner: z.boolean().default(false),
  /** The event that sent it: the same event handled again sends nothing new. */
  occurrence: z.string().min(1),
  /** How it went out: on a platform, by e-mail, or not at all (neither was possible). */
  via: z.enum(['platform', 'email', 'none']),
  /** The platform identity it went to (platform), or that was found for the address. */
  userId: z.string().optional(),
  mail: z
    .object({
      status: z.enum(['queued', 'sent', 'failed']),
      attempts: z.number().int().min(0),
      /** The mail server's answer (no addresses) when it failed. */
      reason: z.string().max(200).optional(),
      at: z.iso.datetime().optional(),
    })
    .optional(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const invitations: CollectionSpec<Invitation> = {
  name: 'invitations.invitation',
  schema: InvitationSchema,
  purpose: {
    nl: 'wie een coördinator uitnodigde (naam, e-mailadres, organisatie, taal) en hoe de uitnodiging verstuurd is, zodat die één keer gaat en coördinatoren zien wie is uitgenodigd en wie lid werd',
    en: 'whom a coordinator invited (name, e-mail address, organisation, language) and how the invitation went out, so it is sent once and coordinators see who was invited and who joined',
  },
  // The invitee's address too: someone invited by e-mail may be known by nothing else.
  people: (r) => [...(r.invitedBy ? [r.invitedBy] : []), ...(r.userId ? [r.userId] : []), r.email],
  anonymise: (r, ids) =>
    (r.userId && ids.includes(r.userId)) || ids.includes(r.email)
      ? null
      : { ...r, invitedBy: undefined, invitedByName: undefined },
};

/** The record's id: a digest of the address (addresses stay out of keys). */
export function invitationId(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return `inv-${digest.slice(0, 24)}`;
}

export const invitationRecords = (store: FlowStore) => store.collection(invitations);

export interface InvitationStatus {
  invitation: Invitation;
  /** invited: sent, not joined yet; joined: a member now; undelivered: it never reached them. */
  status: 'invited' | 'joined' | 'undelivered';
}

/**
 * Every invitation of an alliance with where it stands, newest first: joined once the
 * identity it went to (or one the address is known by) is a member.
 */
export async function invitationStatus(
  store: FlowStore,
  allianceId: string,
  identitiesOf: (email: string) => Promise<readonly string[]>,
): Promise<InvitationStatus[]> {
  const all = await invitationRecords(store).list(allianceId);
  const out: InvitationStatus[] = [];
  for (const invitation of all) {
    const ids = new Set([
      ...(invitation.userId ? [invitation.userId] : []),
      ...(await identitiesOf(invitation.email)),
    ]);
    let joined = false;
    for (const id of ids) {
      if (await store.members.getMember(allianceId, id)) joined = true;
    }
    const undelivered = invitation.via === 'none' || invitation.mail?.status === 'failed';
    out.push({
      invitation,
      status: joined ? 'joined' : undelivered ? 'undelivered' : 'invited',
    });
  }
  return out.sort((a, b) => b.invitation.invitedAt.localeCompare(a.invitation.invitedAt));
}
