/**
 * What the e-mail jobs (invitations-mail.ts, digest-mail.ts) do with a failed send: a permanent
 * failure (PermanentDeliveryError: no such mailbox, or e-mail off) bounces and is not tried
 * again; any other is thrown again, so the reminder queue retries it with backoff, until the
 * MAIL_ATTEMPTS-th attempt, after which the job gives up. Each job records the outcome itself.
 */
import { BotError, PermanentDeliveryError } from '../src/core/errors.js';

/**
 * Attempts at one e-mail before the job gives up. Below the reminder queue's own attempts (5),
 * so the last one records and reports instead of failing unseen.
 */
export const MAIL_ATTEMPTS = 4;

/** What to do after a failed attempt: record a bounce, throw to be retried, or give up. */
export type MailOutcome = 'bounced' | 'retry' | 'given-up';

export interface MailFailure {
  outcome: MailOutcome;
  /** Short, for the record and the person told: a BotError's reason, else its message. */
  reason: string;
}

/** A thrown error as a short reason: a BotError's `reason` param or message, else ≤200 chars. */
export function reasonOf(error: unknown): string {
  if (error instanceof BotError) return error.params.reason ?? error.message;
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown';
}

/** A failure of attempt number `attempt` (1 for the first send) classified, with its reason. */
export function mailFailure(error: unknown, attempt: number): MailFailure {
  const reason = reasonOf(error);
  if (error instanceof PermanentDeliveryError) return { outcome: 'bounced', reason };
  return { outcome: attempt < MAIL_ATTEMPTS ? 'retry' : 'given-up', reason };
}
