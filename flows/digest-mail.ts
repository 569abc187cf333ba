/**
 * The digest by e-mail: one reminder job per person and digest occurrence (queued by
 * digest-personal.ts after the channel posts), never inside the schedule's own job, so one slow
 * or refusing mail server delays nobody else. The job reads the person's record, makes the
 * digest for the moment it was made, narrowed to what the person may see, and sends its card as
 * an e-mail with a plain-text and an HTML part (src/core/mail.ts: everything written escaped),
 * once: the record says it was sent, so the job run again sends nothing. A transient failure
 * (server unreachable, 4xx) is retried by the queue with backoff, up to MAIL_ATTEMPTS (mail-attempts.ts); a
 * permanent one (5xx: no such mailbox) marks the address as bouncing — no digest goes there
 * until the person chooses again — and the person hears it on their platform, or, for someone
 * known only by e-mail, the coordinators do.
 */
import { z } from 'zod';
import type { Locale } from '../src/core/events.js';
import type { ReminderRequest } from '../src/core/jobs.js';
import { type MailDocument, renderMail } from '../src/core/mail.js';
import { type Card, type OutboundMessage, text } from '../src/core/messages.js';
import type { PersonFacts } from '../src/domain/visibility.js';
import type { JobContext } from '../src/engine/flow.js';
import { collectDigest, type DigestFacts, forAudience } from './digest-collect.js';
import { type PersonalDigest, personalRecords } from './digest-personal-record.js';
import { type PersonalT, words } from './digest-personal-words.js';
import { unsubscribeToken, unsubscribeUrl } from './digest-unsubscribe.js';
import { personOf } from './documents-record.js';
import { type HealthChart, HealthChartSchema } from './health-chart.js';
import { mailFailure } from './mail-attempts.js';

export const PERSONAL_MAIL_KIND = 'personal-mail';

/** The digest's card for one audience in a language, with its chart (the channels' card). */
export type DigestCardOf = (
  ctx: JobContext,
  seen: DigestFacts,
  locale: Locale,
  chart: HealthChart,
) => OutboundMessage;

/** The health chart in a language: made once for all that one job shows. */
export type ChartOf = (ctx: JobContext, locale: Locale) => Promise<HealthChart>;

/** How personal digests are made: the card, and the chart they share. */
export interface DigestCards {
  card: DigestCardOf;
  chart: ChartOf;
}

/**
 * The job that sends one person's digest e-mail of one occurrence, with the chart made when it
 * was queued (one per language for everyone mailed, not one per e-mail).
 */
export function personalMailReminder(
  recordId: string,
  occurrence: string,
  now: Date,
  chart?: HealthChart,
): ReminderRequest {
  return {
    id: `digest-mail:${recordId}:${occurrence}`,
    flow: 'digest',
    kind: PERSONAL_MAIL_KIND,
    at: now,
    data: { recordId, occurrence, ...(chart ? { chart } : {}) },
  };
}

/** What the job carries (a job queued before charts travelled with it has none: made then). */
const MailJobSchema = z.object({
  recordId: z.string().min(1),
  occurrence: z.string().min(1),
  chart: HealthChartSchema.optional(),
});

/** A card's picture (a chart), read whatever else the card holds: its words and address. */
const PictureSchema = z.object({
  image: z.object({ alt: z.string().min(1), url: z.url({ protocol: /^https?$/ }) }),
});

/**
 * A card as an e-mail: its header, text, fields as sections, its picture (the HTML part shows
 * it, its text alternative as alt; the plain-text part has the words and the address), links,
 * small print.
 */
export function cardMail(
  card: Card,
  locale: Locale,
  fallbackSubject: string,
  t: PersonalT,
  footer: string,
): MailDocument {
  const heading = card.header ?? fallbackSubject;
  const picture = PictureSchema.safeParse(card);
  return {
    locale,
    subject: heading,
    heading,
    paragraphs: card.text ? [card.text] : [],
    sections: [
      ...card.fields.map((f) => ({
        title: f.label,
        items: f.value.split('\n').filter((line) => line.trim() !== ''),
      })),
      ...(picture.success
        ? [
            {
              title: t('digest.personal.mail.chart'),
              items: [picture.data.image.alt, picture.data.image.url],
              image: picture.data.image,
            },
          ]
        : []),
      ...(card.links.length > 0
        ? [
            {
              title: t('digest.personal.mail.links'),
              items: card.links.map((l) => `${l.label}: ${l.url}`),
            },
          ]
        : []),
    ],
    footer: [...card.context, footer].join(' '),
  };
}

/** What the person may see: a member by their record, an invitee by their partner. */
async function factsOf(ctx: JobContext, record: PersonalDigest): Promise<PersonFacts> {
  const { alliance } = ctx;
  if (record.personId) {
    const member = await ctx.store.members.getMember(alliance.id, record.personId);
    return personOf(alliance.id, record.personId, member);
  }
  return {
    kind: 'person',
    allianceId: alliance.id,
    userId: record.id,
    partnerId: record.partnerId,
  };
}

/** The person on their platform, or (known only by e-mail) every coordinator who is reachable. */
async function tellBounce(ctx: JobContext, record: PersonalDigest, reason: string) {
  const about = { email: record.email ?? '', reason };
  if (record.userId) {
    const t = words.t(record.locale);
    ctx.sendDirect(record.userId, text(t('digest.personal.bounced.person', about)), {
      purpose: 'digest-mail-bounced',
    });
    return;
  }
  const t = words.t(ctx.alliance.locale);
  for (const coordinator of ctx.alliance.coordinators) {
    const to = ctx.reachable(await ctx.identitiesOf(coordinator));
    if (to)
      ctx.sendDirect(to, text(t('digest.personal.bounced.coordinator', about)), {
        purpose: `digest-mail-bounced:${record.id}`,
      });
  }
}

export async function sendPersonalMail(
  ctx: JobContext,
  data: Record<string, unknown>,
  cards: DigestCards,
): Promise<void> {
  const { alliance, now } = ctx;
  const job = MailJobSchema.safeParse(data);
  if (!job.success) return;
  const { recordId: id, occurrence } = job.data;
  const records = personalRecords(ctx.store);
  const record = await records.get(alliance.id, id);
  // A later digest since, already sent or given up, or no longer by e-mail: nothing to do.
  if (!record?.email || record.mail?.occurrence !== occurrence) return;
  if (record.mail.status !== 'queued' || record.via !== 'email' || record.bounced) return;
  const attempts = record.mail.attempts + 1;
  const digestAt = record.mail.digestAt;
  const mine = (change: (r: PersonalDigest) => PersonalDigest) =>
    records.mutate(alliance.id, id, (current) =>
      current && current.mail?.occurrence === occurrence ? change(current) : current,
    );
  const failed = (reason: string) => ({
    occurrence,
    digestAt,
    status: 'failed' as const,
    attempts,
    reason,
    at: now.toISOString(),
  });
  const mailer = ctx.mailer;
  if (!mailer) {
    // E-mail was turned off since it was queued: nothing bounced, nothing to try again.
    await mine((r) => ({ ...r, mail: failed('SMTP_URL is not set') }));
    return;
  }
  const t = words.t(record.locale);
  const digest = await collectDigest(ctx.store, alliance, new Date(digestAt));
  const seen = forAudience(alliance, digest, await factsOf(ctx, record));
  const chart = job.data.chart ?? (await cards.chart(ctx, record.locale));
  const message = cards.card(ctx, seen, record.locale, chart);
  if (message.kind !== 'card') return;
  const footer = record.invitationId
    ? t('digest.personal.mail.footer.invited', { alliance: alliance.name })
    : t('digest.personal.mail.footer.chosen');
  // The way out, in the mail and as its List-Unsubscribe header (digest-unsubscribe.ts).
  const stopUrl = unsubscribeUrl(ctx.publicUrl, await unsubscribeToken(ctx, id));
  const doc = {
    ...cardMail(message.card, record.locale, alliance.name, t, footer),
    ...(stopUrl
      ? { unsubscribe: { label: t('digest.personal.mail.unsubscribe'), url: stopUrl } }
      : {}),
  };
  try {
    await mailer.send({
      to: record.email,
      subject: doc.subject,
      ...renderMail(doc),
      locale: record.locale,
      id: `digest.${id}.${occurrence}`,
      ...(stopUrl ? { unsubscribe: stopUrl } : {}),
    });
  } catch (error) {
    const { outcome, reason } = mailFailure(error, attempts);
    if (outcome === 'bounced') {
      await mine((r) => ({
        ...r,
        bounced: { at: now.toISOString(), reason },
        mail: failed(reason),
      }));
      await tellBounce(ctx, record, reason);
      return;
    }
    if (outcome === 'retry') {
      await mine((r) => ({ ...r, mail: { ...failed(reason), status: 'queued' } }));
      throw error; // the queue tries again, with backoff
    }
    // Given up for this digest; the next one tries the address again.
    await mine((r) => ({ ...r, mail: failed(reason) }));
    return;
  }
  await mine((r) => ({
    ...r,
    mail: { occurrence, digestAt, status: 'sent', attempts, at: now.toISOString() },
  }));
}
