/**
 * A failed e-mail send (mailFailure): a permanent failure bounces at once, whatever the attempt;
 * any other is retried until the MAIL_ATTEMPTS-th attempt, then given up. The reason is a
 * BotError's `reason` param or its message, or another error's message cut to 200 characters.
 */
import { describe, expect, it } from 'vitest';
import { MAIL_ATTEMPTS, mailFailure, reasonOf } from '../../../flows/mail-attempts.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/core/errors.js';

describe('mailFailure', () => {
  it('bounces a permanent failure on the first attempt as on the last', () => {
    const noMailbox = new PermanentDeliveryError('550', { params: { reason: 'no such mailbox' } });
    expect(mailFailure(noMailbox, 1)).toEqual({ outcome: 'bounced', reason: 'no such mailbox' });
    expect(mailFailure(noMailbox, MAIL_ATTEMPTS)).toEqual({
      outcome: 'bounced',
      reason: 'no such mailbox',
    });
  });

  it('retries any other failure before the last attempt and gives up on it', () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:25');
    for (let attempt = 1; attempt < MAIL_ATTEMPTS; attempt++)
      expect(mailFailure(down, attempt)).toEqual({
        outcome: 'retry',
        reason: 'connect ECONNREFUSED 127.0.0.1:25',
      });
    expect(mailFailure(down, MAIL_ATTEMPTS).outcome).toBe('given-up');
    expect(mailFailure(new TransientDeliveryError('421 busy'), MAIL_ATTEMPTS)).toEqual({
      outcome: 'given-up',
      reason: '421 busy',
    });
  });
});

describe('reasonOf', () => {
  it("is a BotError's reason, else its message, else the error's message cut to 200", () => {
    expect(reasonOf(new PermanentDeliveryError('off', { params: { reason: 'no SMTP' } }))).toBe(
      'no SMTP',
    );
    expect(reasonOf(new PermanentDeliveryError('x'.repeat(300)))).toHaveLength(300);
    expect(reasonOf(new Error('y'.repeat(300)))).toBe('y'.repeat(200));
    expect(reasonOf('thrown string')).toBe('unknown');
  });
});
