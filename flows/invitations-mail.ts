/**
 * The invitation e-mail, sent by a reminder job (never while the coordinator's event holds
 * their lock): the job reads the invitation record, sends the mail once for the occurrence
 * that queued it, and records the outcome. A transient failure (server unreachable, 4xx) is
 * thrown, so the queue tries again with backoff; after MAIL_ATTEMPTS, or at once for a
 * permanent failure (5xx: no such mailbox), the coordinator who invited is told why.
 * A job run again after the mail went out (a crash after sending, a retried event) finds the
 * record marked sent and sends nothing.
 */
import { createHash } from 'node:crypto';
import { PermanentDeliveryError } from '../src/core/errors.js';
import type { ReminderRequest } from '../src/core/jobs.js';
import { renderMail } from '../src/core/mail.js';
import { text } from '../src/core/messages.js';
import type { JobContext } from '../src/engine/flow.js';
import { type Invitation, invitationRecords } from './invitations-record.js';
import { invitationMail } from './invitations-views.js';
import { words } from './invitations-words.js';
import { mailFailure } from './mail-attempts.js';

export const MAIL_KIND = 'mail';

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

/** The job that sends an invitation's e-mail: one per invitation and occurrence. */
export function mailReminder(record: Invitation, now: Date): ReminderRequest {
  return {
    id: `invitation-mail:${record.id}:${digest(record.occurrence)}`,
    flow: 'invitations',
    kind: MAIL_KIND,
    at: now,
    data: { invitationId: record.id, occurrence: record.occurrence },
  };
}

export async function sendInvitationMail(
  ctx: JobContext,
  data: Record<string, unknown>,
): Promise<void> {
  const { alliance, now } = ctx;
  const id = typeof data.invitationId === 'string' ? data.invitationId : undefined;
  const occurrence = typeof data.occurrence === 'string' ? data.occurrence : undefined;
  if (!id || !occurrence) return;
  const records = invitationRecords(ctx.store);
  const record = await records.get(alliance.id, id);
  // Invited again since (another occurrence), or already sent or given up: nothing to do.
  if (!record || record.occurrence !== occurrence || record.mail?.status !== 'queued') return;
  const attempts = record.mail.attempts + 1;
  const mine = (change: (r: Invitation) => Invitation) =>
    records.mutate(alliance.id, id, (current) =>
      current && current.occurrence === occurrence ? change(current) : current,
    );
  const t = words.t(record.locale);
  const doc = invitationMail(
    alliance,
    {
      name: record.name,
      organisation: record.organisation,
      coordinator: record.invitedByName ?? t('common.unknownPerson'),
    },
    t,
    record.locale,
  );
  try {
    if (!ctx.mailer)
      throw new PermanentDeliveryError('e-mail is off', {
        params: { reason: 'SMTP_URL is not set' },
      });
    await ctx.mailer.send({
      to: record.email,
      subject: doc.subject,
      ...renderMail(doc),
      locale: record.locale,
      id: `${record.id}.${digest(occurrence)}`,
    });
  } catch (error) {
    const { outcome, reason } = mailFailure(error, attempts);
    if (outcome === 'retry') {
      await mine((r) => ({ ...r, mail: { status: 'queued', attempts, reason } }));
      throw error; // the queue tries again, with backoff
    }
    await mine((r) => ({
      ...r,
      mail: { status: 'failed', attempts, reason, at: now.toISOString() },
    }));
    if (record.invitedBy) {
      const ct = words.t(record.invitedByLocale);
      const about = { name: record.name, email: record.email, reason };
      ctx.sendDirect(
        record.invitedBy,
        text(
          outcome === 'bounced'
            ? ct('invitations.mail.failed', about)
            : ct('invitations.mail.gaveUp', { ...about, attempts }),
        ),
        { purpose: `mail-failed:${record.id}` },
      );
    }
    return;
  }
  await mine((r) => ({ ...r, mail: { status: 'sent', attempts, at: now.toISOString() } }));
}
