/**
 * Private answers that may not reach the person who asked. A Teams bot cannot open a chat with
 * a guest of another tenant in a shared channel, and a platform may refuse a direct message to
 * someone of another organisation for other reasons; the delivery then fails for good. So that
 * the person is not left waiting in silence, every private answer to someone who asked in a
 * channel carries what to do then (the delivery worker does it): a notice in that channel,
 * naming them, without the private content — and the content by e-mail where e-mail is on and
 * their address is known.
 */
import type { OutboundEnvelope } from '../core/adapter.js';
import type { InboundEvent, Locale } from '../core/events.js';
import { t } from '../core/i18n/index.js';
import { type MailMessage, renderMail } from '../core/mail.js';
import { cardToText, type OutboundMessage, text } from '../core/messages.js';

export interface Asker {
  name: string;
  locale: Locale;
  /** Their e-mail address, when known and e-mail is on. */
  email?: string | undefined;
  allianceName: string;
}

/** The message as plain paragraphs for an e-mail; none for a form (only the chat can fill it). */
function plainText(message: OutboundMessage): string | undefined {
  if (message.kind === 'text') return message.text;
  if (message.kind === 'card') return cardToText(message.card);
  return undefined;
}

function mailFor(envelope: OutboundEnvelope, asker: Asker): MailMessage | undefined {
  const body = asker.email ? plainText(envelope.message) : undefined;
  if (!asker.email || !body) return undefined;
  const subject = t(asker.locale, 'delivery.unreachableSubject', { alliance: asker.allianceName });
  const { text: plain, html } = renderMail({
    locale: asker.locale,
    subject,
    heading: subject,
    paragraphs: body.split(/\n{2,}/),
    sections: [],
  });
  return { to: asker.email, subject, text: plain, html, locale: asker.locale };
}

/**
 * Gives each private answer to the person who asked in a channel its fallback. Updates of
 * messages already delivered need none (they reached the person before).
 */
export function withUnreachableFallback(
  envelopes: OutboundEnvelope[],
  event: InboundEvent,
  occurrence: string,
  asker: Asker,
): void {
  if (event.conversation.kind !== 'channel') return;
  const actor = event.actor.userId;
  for (const envelope of envelopes) {
    const { to } = envelope;
    const privateToActor = (to.kind === 'direct' || to.kind === 'ephemeral') && to.userId === actor;
    if (!privateToActor || envelope.updates || envelope.replaces) continue;
    const mail = mailFor(envelope, asker);
    envelope.ifUnreachable = {
      // One notice per question, however many private answers failed.
      notice: {
        key: `unreachable:${occurrence}:${actor}`,
        to: { kind: 'conversation', id: event.conversation.id },
        message: text(
          t(asker.locale, 'delivery.unreachable', { name: asker.name, mailed: mail !== undefined }),
        ),
      },
      ...(mail ? { mail } : {}),
    };
  }
}
