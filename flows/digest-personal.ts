/**
 * The personal digests, sent on the digest's schedule after the channel posts: each person who
 * chose a direct message gets the digest with the documents they may see, on the platform they
 * chose it from (through the outbox, keyed by the schedule's firing, the flow, `digest-personal`
 * and the person: once per occurrence); each who chose e-mail, and each person known only by
 * e-mail (invited by e-mail, the invitation delivered, on no platform the bot can reach), gets
 * an e-mail job (digest-mail.ts), queued once per person and occurrence. A bouncing address gets
 * nothing until the person chooses again; without SMTP_URL nobody is mailed.
 */
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { JobContext } from '../src/engine/flow.js';
import { type DigestFacts, forAudience } from './digest-collect.js';
import { type DigestCards, personalMailReminder } from './digest-mail.js';
import {
  inviteeId,
  inviteeRecord,
  occurrenceId,
  type PersonalDigest,
  personalRecords,
} from './digest-personal-record.js';
import { words } from './digest-personal-words.js';
import { personOf } from './documents-record.js';
import { invitationRecords } from './invitations-record.js';

/** The card with a line of small print saying why the person got it. */
function withContext(message: OutboundMessage, line: string): OutboundMessage {
  if (message.kind !== 'card') return message;
  return card({ ...message.card, context: [...message.card.context, line] });
}

/**
 * Marks the record's e-mail of this occurrence as queued (creating the record from `base` when
 * there is none) and schedules its job; a retry of the schedule's job finds it queued or sent.
 */
async function queueMail(
  ctx: JobContext,
  cards: DigestCards,
  id: string,
  occurrence: string,
  base?: PersonalDigest,
): Promise<void> {
  const records = personalRecords(ctx.store);
  const written = await records.mutate(ctx.alliance.id, id, (current) => {
    const record = current ?? base;
    if (!record || record.mail?.occurrence === occurrence) return current;
    return {
      ...record,
      mail: { occurrence, digestAt: ctx.now.toISOString(), status: 'queued', attempts: 0 },
    };
  });
  if (written?.mail?.occurrence !== occurrence || written.mail.status !== 'queued') return;
  const chart = await cards.chart(ctx, written.locale);
  await ctx.reminders.schedule(
    ctx.alliance.id,
    personalMailReminder(id, occurrence, ctx.now, chart),
  );
}

/** A person who chose the digest as a direct message (on the platform they chose it from). */
const byDirectMessage = (
  r: PersonalDigest,
): r is PersonalDigest & { userId: string; personId: string } =>
  r.via === 'dm' && Boolean(r.userId) && Boolean(r.personId) && !r.invitationId;

export async function sendPersonalDigests(
  ctx: JobContext,
  digest: DigestFacts,
  cards: DigestCards,
): Promise<void> {
  const { alliance } = ctx;
  const occurrence = occurrenceId(ctx.occurrence);
  const chosen = await personalRecords(ctx.store).list(alliance.id);
  // An address someone chose for themselves is theirs: never mailed again as an invitee's.
  const chosenAddresses = new Set(
    chosen.flatMap((r) => (r.email && !r.invitationId ? [r.email] : [])),
  );
  // The members (what each may see depends on their organisation): read once, when any of
  // them gets a direct message.
  const dms = chosen.filter(byDirectMessage).filter((r) => ctx.reachable([r.userId]));
  const members = new Map(
    dms.length > 0 ? (await ctx.store.members.listMembers(alliance.id)).map((m) => [m.id, m]) : [],
  );
  for (const record of chosen) {
    if (byDirectMessage(record)) {
      if (!ctx.reachable([record.userId])) continue;
      const member = members.get(record.personId) ?? null;
      const seen = forAudience(alliance, digest, personOf(alliance.id, record.personId, member));
      const t = words.t(record.locale);
      const chart = await cards.chart(ctx, record.locale);
      const message = withContext(
        cards.card(ctx, seen, record.locale, chart),
        t('digest.personal.context'),
      );
      ctx.sendDirect(record.userId, message, { purpose: 'digest-personal' });
    } else if (record.via === 'email' && record.email && !record.bounced && ctx.mailer) {
      await queueMail(ctx, cards, record.id, occurrence);
    }
  }
  if (!ctx.mailer) return;
  // People known only by e-mail: their invitation went out by e-mail and arrived, and the bot
  // knows them on no platform it can reach (once it does, they choose for themselves).
  const byId = new Map(chosen.map((r) => [r.id, r]));
  for (const invitation of await invitationRecords(ctx.store).list(alliance.id)) {
    if (invitation.via !== 'email' || invitation.mail?.status !== 'sent') continue;
    if (chosenAddresses.has(invitation.email)) continue;
    const ids = await ctx.identitiesOf({
      email: invitation.email,
      ids: invitation.userId ? [invitation.userId] : [],
    });
    if (ctx.reachable(ids)) continue;
    const id = inviteeId(invitation.id);
    const known = byId.get(id);
    if (known && (known.bounced || known.via !== 'email')) continue;
    await queueMail(ctx, cards, id, occurrence, inviteeRecord(invitation));
  }
}
