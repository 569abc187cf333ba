/**
 * The Mailer port on SMTP (nodemailer), built in src/main.ts when SMTP_URL is set. Every
 * failure is sorted for the caller: transient (the server is unreachable, slow or said 4xx:
 * try again later) or permanent (5xx: no such mailbox, refused, a login the server does not
 * accept), with the server's answer as the reason — addresses taken out, so it can be shown
 * to a coordinator and logged.
 */
import { createTransport } from 'nodemailer';
import type { Logger } from 'pino';
import { PermanentDeliveryError, TransientDeliveryError } from '../core/errors.js';
import { type Mailer, type MailMessage, MailMessageSchema } from '../core/mail.js';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer's connection URL). */
  url: string;
  /** The From header: `Alliantiebot <bot@example.org>`. */
  from: string;
  log: Logger;
}

/** Waits on a server that does not answer: short, so a job does not hang on it. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Error codes of nodemailer that mean the server or the network failed for now. */
const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPROTOCOL',
  'ETLS',
]);

interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  response?: unknown;
  message?: unknown;
}

/** A server's answer without any e-mail address in it, one line, at most 200 characters. */
export function redactReason(answer: string): string {
  return answer
    .replace(/<[^<>\s]*@[^<>\s]*>/g, '<…>')
    .replace(/[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** Sorts a nodemailer failure into a transient or a permanent delivery error. */
export function classifySmtpError(error: unknown): TransientDeliveryError | PermanentDeliveryError {
  const e: SmtpFailure = typeof error === 'object' && error !== null ? error : {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const answer =
    typeof e.response === 'string'
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  const params = { reason: redactReason(answer) || (code ?? 'unknown') };
  const options = { cause: error, params };
  if (code === 'EAUTH')
    return new PermanentDeliveryError('the mail server refused the login', options);
  if (status !== undefined && status >= 500)
    return new PermanentDeliveryError(`the mail server refused (${status})`, options);
  if (status !== undefined && status >= 400)
    return new TransientDeliveryError(`the mail server deferred (${status})`, options);
  if (code && TRANSIENT_CODES.has(code))
    return new TransientDeliveryError(`the mail server could not be reached (${code})`, options);
  // Unknown: the message could not be sent now; trying again does no harm.
  return new TransientDeliveryError('sending the e-mail failed', options);
}

export function createSmtpMailer(options: SmtpMailerOptions): Mailer & { close(): void } {
  const transport = createTransport({ url: options.url, ...TIMEOUTS });
  return {
    async send(input: MailMessage) {
      const message = MailMessageSchema.parse(input);
      try {
        await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: {
            ...(message.locale ? { 'Content-Language': message.locale } : {}),
            // RFC 2369 and RFC 8058: the mail client's own button stops it with one POST.
            ...(message.unsubscribe
              ? {
                  'List-Unsubscribe': `<${message.unsubscribe}>`,
                  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
                }
              : {}),
          },
          ...(message.id ? { messageId: `<${message.id}@alliantiebot>` } : {}),
        });
      } catch (error) {
        const failure = classifySmtpError(error);
        options.log.warn(
          { code: failure.code, reason: failure.params.reason, id: message.id },
          'e-mail not sent',
        );
        throw failure;
      }
    },
    close: () => transport.close(),
  };
}
