/**
 * The mail port: e-mail for people the bot cannot reach on a platform (an invitation to
 * someone on neither Slack nor Teams). A flow builds a neutral MailDocument; `renderMail`
 * turns it into the plain-text and the HTML part, with everything a person or the config
 * wrote escaped. The SMTP implementation lives outside the core (src/mail/smtp.ts) and is
 * built in src/main.ts only when SMTP_URL is set; without it flows get no mailer.
 */
import { z } from 'zod';
import { type Locale, LocaleSchema } from './events.js';

/** No line breaks in a header (a subject is one line, whatever a person typed). */
const oneLine = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/[\r\n\t]+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));

export const MailMessageSchema = z.object({
  to: z.email(),
  subject: oneLine(250),
  /** The plain-text part. */
  text: z.string().min(1),
  /** The HTML part (escaped by whoever built it: renderMail does). */
  html: z.string().min(1),
  /** The language of the words, for the Content-Language header. */
  locale: LocaleSchema.optional(),
  /**
   * A stable id for what this message is (an invitation's), so a mail client and the
   * server's logs can tell a repeated send of it apart. Letters, digits, `.`, `-`, `_`.
   */
  id: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/)
    .optional(),
  /**
   * Where the receiver stops this kind of mail (https, or http in local mode): sent as
   * `List-Unsubscribe` with `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058), so
   * a mail client's own unsubscribe button POSTs there.
   */
  unsubscribe: z.url({ protocol: /^https?$/ }).optional(),
});
export type MailMessage = z.input<typeof MailMessageSchema>;

/**
 * Sends e-mail. Throws TransientDeliveryError when it may work later (the server is down or
 * said 4xx) and PermanentDeliveryError when it will not (5xx: no such address, refused), both
 * with `params.reason` — the server's answer without the address — for the coordinator.
 */
export interface Mailer {
  /** Sends one message (parsed with MailMessageSchema first). */
  send(message: MailMessage): Promise<void>;
}

/** Text made inert for HTML, in element content and in double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return (
    text
      // Control characters (but tab and line breaks) and bidirectional overrides show
      // nothing a reader should see; they go.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
  );
}

/** A neutral e-mail: a heading, paragraphs and titled lists, in one language. */
export interface MailDocument {
  locale: z.infer<typeof LocaleSchema>;
  subject: string;
  heading: string;
  paragraphs: readonly string[];
  /**
   * Titled lists; one with an `image` shows that picture in the HTML part instead of its list
   * (its `alt` the same in words), the plain-text part keeping the list.
   */
  sections: readonly {
    title: string;
    items: readonly string[];
    image?: { url: string; alt: string };
  }[];
  /** Small print at the end (why they got this mail). */
  footer?: string;
  /** A link at the very end: where to stop getting this mail. */
  unsubscribe?: { label: string; url: string };
}

/** The plain-text and the HTML part of a document. Nothing written becomes markup. */
export function renderMail(doc: MailDocument): { text: string; html: string } {
  const text = [
    doc.heading,
    '',
    ...doc.paragraphs.flatMap((p) => [p, '']),
    ...doc.sections.flatMap((s) => [s.title, ...s.items.map((i) => `- ${i}`), '']),
    ...(doc.footer ? ['--', doc.footer] : []),
    ...(doc.unsubscribe ? [`${doc.unsubscribe.label}: ${doc.unsubscribe.url}`] : []),
  ]
    .join('\n')
    .trimEnd();
  const para = (p: string) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html>',
    `<html lang="${doc.locale}"><head><meta charset="utf-8"><title>${escapeHtml(doc.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    `<h1 style="font-size: 1.3em">${escapeHtml(doc.heading)}</h1>`,
    ...doc.paragraphs.map(para),
    ...doc.sections.flatMap((s) => [
      `<h2 style="font-size: 1.1em">${escapeHtml(s.title)}</h2>`,
      s.image
        ? `<p><img src="${escapeHtml(s.image.url)}" alt="${escapeHtml(s.image.alt)}" style="max-width: 100%; height: auto"></p>`
        : `<ul>${s.items.map((i) => `<li>${escapeHtml(i).replace(/\n/g, '<br>')}</li>`).join('')}</ul>`,
    ]),
    ...(doc.footer
      ? [`<p style="color: #555; font-size: 0.9em">${escapeHtml(doc.footer)}</p>`]
      : []),
    ...(doc.unsubscribe
      ? [
          `<p style="font-size: 0.9em"><a href="${escapeHtml(doc.unsubscribe.url)}">${escapeHtml(doc.unsubscribe.label)}</a></p>`,
        ]
      : []),
    '</body></html>',
  ].join('\n');
  return { text: `${text}\n`, html };
}

/** Where a digest e-mail's unsubscribe link points (under PUBLIC_URL, then the person's token). */
export const UNSUBSCRIBE_PATH = '/digest/unsubscribe/';

/** What the unsubscribe page says (plain words, in the person's language). */
export interface UnsubscribePage {
  locale: Locale;
  title: string;
  text: string;
  /** The button that stops it; none when it is stopped already. */
  button?: string;
}
