/**
 * How an SMTP failure is sorted: 5xx and a refused login are permanent (the coordinator is
 * told), 4xx and a server that cannot be reached are transient (tried again); the reason kept
 * for the coordinator and the log has no e-mail address in it.
 */
import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../src/core/errors.js';
import { classifySmtpError, redactReason } from '../../../src/mail/smtp.js';

const smtpError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.response ?? 'failed')), fields);

describe('classifySmtpError', () => {
  it('calls a 5xx answer permanent, with the answer as the reason (no address)', () => {
    const e = classifySmtpError(
      smtpError({
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 <eva@example.org>: Recipient address rejected',
      }),
    );
    expect(e).toBeInstanceOf(PermanentDeliveryError);
    expect(e.params.reason).toBe('550 5.1.1 <…>: Recipient address rejected');
  });

  it('calls a refused login permanent', () => {
    expect(classifySmtpError(smtpError({ code: 'EAUTH', responseCode: 535 }))).toBeInstanceOf(
      PermanentDeliveryError,
    );
  });

  it('calls a 4xx answer and an unreachable server transient', () => {
    expect(
      classifySmtpError(smtpError({ responseCode: 421, response: '421 4.3.2 try later' })),
    ).toBeInstanceOf(TransientDeliveryError);
    const down = classifySmtpError(smtpError({ code: 'ECONNECTION', response: undefined }));
    expect(down).toBeInstanceOf(TransientDeliveryError);
    expect(classifySmtpError('something odd')).toBeInstanceOf(TransientDeliveryError);
  });
});

describe('redactReason', () => {
  it('takes addresses out, bracketed or bare, and keeps it to one short line', () => {
    expect(redactReason('550 <a.b@c.example> unknown; also x+y@d.example\r\nmore')).toBe(
      '550 <…> unknown; also … more',
    );
    expect(redactReason('x'.repeat(300))).toHaveLength(200);
  });
});
