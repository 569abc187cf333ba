/**
 * Stopping the digest e-mails. Every digest e-mail carries a link to stop them (and the same
 * address as its `List-Unsubscribe` header, one-click per RFC 8058): `<PUBLIC_URL>/digest/
 * unsubscribe/<token>`, one unguessable token per person (made with their first digest e-mail,
 * kept in their digest record and in the token index — its digest → the record — so the link
 * reads one key per alliance, not every record; tokens made before the index are put in it by
 * one scan of an alliance's records, the first time a token is not found there). Opening it
 * shows a page that asks (a link preview or a scanner fetching it stops nothing); its button,
 * or a mail client's one-click POST, stops it. That is the way out for a person known only
 * by e-mail (invited by e-mail, on no platform), who has no `overzicht kiezen` to type. A
 * coordinator stops it for an address with `overzicht stoppen <e-mail>` / `digest stop
 * <email>` (asked to by phone, say). Either way the person's digest
 * record says so (`via` none, `stopped`: by whom and when — part of their data, exported and
 * erased with it) and the audit trail has a `digest.mail-stopped` entry. Someone who chose
 * e-mail themselves can choose it again; an invitee would need a coordinator to invite them
 * again. The HTTP side is src/http/unsubscribe.ts; this module knows the records and words.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { UNSUBSCRIBE_PATH, type UnsubscribePage } from '../src/core/mail.js';
import { text } from '../src/core/messages.js';
import { isToken, newToken } from '../src/core/tokens.js';
import type { AllianceDirectory } from '../src/domain/directory.js';
import type { FlowContext, JobContext, Subcommand } from '../src/engine/flow.js';
import type { AuditWriter } from '../src/engine/privacy.js';
import type { FlowStore } from '../src/store/index.js';
import {
  INDEXED,
  inviteeId,
  inviteeRecord,
  isTokenEntry,
  type PersonalDigest,
  personalRecords,
  tokenEntry,
  tokenKey,
  unsubscribeTokens,
} from './digest-personal-record.js';
import { words } from './digest-personal-words.js';
import { invitationRecords } from './invitations-record.js';

/** The link in a person's digest e-mails, or undefined without a public address. */
export function unsubscribeUrl(publicUrl: string | undefined, token: string): string | undefined {
  const base = publicUrl?.replace(/\/+$/, '');
  return base ? `${base}${UNSUBSCRIBE_PATH}${token}` : undefined;
}

/**
 * The person's token, made (once, kept) when their record has none yet. Its index entry is
 * written first, so every token a record holds is in the index (an entry whose record never
 * got its token is dropped here, or by the first lookup of it).
 */
export async function unsubscribeToken(ctx: JobContext, recordId: string): Promise<string> {
  const allianceId = ctx.alliance.id;
  const records = personalRecords(ctx.store);
  const current = await records.get(allianceId, recordId);
  if (current?.unsubscribe) return current.unsubscribe;
  if (!current) throw new Error('no digest record to stop');
  const token = newToken();
  const tokens = unsubscribeTokens(ctx.store);
  await tokens.put(allianceId, tokenKey(token), tokenEntry(current, token));
  const written = await records.mutate(allianceId, recordId, (r) =>
    r && !r.unsubscribe ? { ...r, unsubscribe: token } : r,
  );
  if (written?.unsubscribe !== token) await tokens.delete(allianceId, tokenKey(token));
  if (!written?.unsubscribe) throw new Error('no digest record to stop');
  return written.unsubscribe;
}

/** The record stopped: no more e-mail, and by whom (the pending e-mail job sends nothing). */
const stoppedBy = (r: PersonalDigest, by: 'link' | 'coordinator', at: Date): PersonalDigest => ({
  ...r,
  via: 'none',
  stopped: { at: at.toISOString(), by },
});

const digest = (value: string) => createHash('sha256').update(value).digest();
const sameToken = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * The record in this alliance whose token this is: through its index entry (the record read
 * to check it still holds the token; a stale entry goes). No entry and the alliance's tokens
 * not all indexed yet (tokens made before the index): one scan of its records, putting every
 * token found in the index and marking the alliance indexed.
 */
async function recordOfToken(
  store: FlowStore,
  allianceId: string,
  token: string,
  now: Date,
): Promise<PersonalDigest | null> {
  const records = personalRecords(store);
  const tokens = unsubscribeTokens(store);
  const key = tokenKey(token);
  const entry = await tokens.get(allianceId, key);
  if (isTokenEntry(entry)) {
    const record = await records.get(allianceId, entry.recordId);
    if (record?.unsubscribe && sameToken(record.unsubscribe, token)) return record;
    // The record went (erased with its person), or never got this token.
    await tokens.mutate(allianceId, key, (e) =>
      isTokenEntry(e) && e.recordId === entry.recordId ? null : e,
    );
    return null;
  }
  if (await tokens.get(allianceId, INDEXED)) return null;
  let found: PersonalDigest | null = null;
  for (const record of await records.list(allianceId)) {
    if (!record.unsubscribe) continue;
    await tokens.create(
      allianceId,
      tokenKey(record.unsubscribe),
      tokenEntry(record, record.unsubscribe),
    );
    if (sameToken(record.unsubscribe, token)) found = record;
  }
  await tokens.create(allianceId, INDEXED, { id: INDEXED, at: now.toISOString() });
  return found;
}

/**
 * For the HTTP route (wired in src/main.ts): what the link shows, and stopping it. `audit`
 * writes to an alliance's trail (no person acting on a platform: the link's holder).
 */
export function digestUnsubscriber(
  store: FlowStore,
  directory: AllianceDirectory,
  audit: (allianceId: string) => AuditWriter,
  now: () => Date = () => new Date(),
) {
  // Made now, so the index is among the holders of personal data from the start.
  unsubscribeTokens(store);
  const find = async (token: string) => {
    if (!isToken(token)) return null;
    for (const alliance of directory.all()) {
      const record = await recordOfToken(store, alliance.id, token, now());
      if (record) return { alliance, record };
    }
    return null;
  };
  /** What the page at the link says, in the person's language (plain words: the page escapes). */
  const page = (
    found: Awaited<ReturnType<typeof find>>,
    asking: boolean,
  ): UnsubscribePage | null => {
    if (!found) return null;
    const { alliance, record } = found;
    const t = words.t(record.locale);
    const email = record.email ?? '';
    const stopped = record.via !== 'email';
    return {
      locale: record.locale,
      title: t('digest.unsubscribe.title', { alliance: alliance.name }),
      text:
        stopped || !asking
          ? t('digest.unsubscribe.done', { email })
          : t('digest.unsubscribe.ask', { email }),
      ...(asking && !stopped ? { button: t('digest.unsubscribe.button') } : {}),
    };
  };
  return {
    /** GET: the page that asks (or says it is stopped already); null for an unknown token. */
    async show(token: string): Promise<UnsubscribePage | null> {
      return page(await find(token), true);
    },
    /** POST: stops it (once; again: the same answer, nothing more written). */
    async stop(token: string): Promise<UnsubscribePage | null> {
      const found = await find(token);
      if (!found) return null;
      const { alliance, record } = found;
      if (record.via !== 'email') return page(found, false);
      const at = now();
      const written = await personalRecords(store).mutate(alliance.id, record.id, (r) =>
        r && r.via === 'email' ? stoppedBy(r, 'link', at) : r,
      );
      if (written?.stopped?.at === at.toISOString())
        await audit(alliance.id)('digest.mail-stopped', {
          ...(record.userId ? { subject: record.userId } : {}),
          record: record.id,
          by: 'link',
        });
      return page(written && { alliance, record: written }, false);
    },
  };
}

/** Stops every digest e-mail to this address in the alliance; how many it stopped. */
async function stopAddress(ctx: FlowContext, email: string): Promise<number> {
  const { alliance, now } = ctx;
  const records = personalRecords(ctx.store);
  let stopped = 0;
  const stop = async (id: string, base?: PersonalDigest) => {
    const written = await records.mutate(alliance.id, id, (current) => {
      const r = current ?? base;
      return r && r.via === 'email' && r.email === email
        ? stoppedBy(r, 'coordinator', now)
        : current;
    });
    if (written?.stopped?.at !== now.toISOString() || written.stopped.by !== 'coordinator') return;
    stopped++;
    await ctx.audit('digest.mail-stopped', {
      ...(written.userId ? { subject: written.userId } : {}),
      record: id,
      by: 'coordinator',
    });
  };
  for (const record of await records.list(alliance.id))
    if (record.via === 'email' && record.email === email) await stop(record.id);
  // Invited by e-mail but not mailed a digest yet: a record that says stopped, so none goes.
  for (const invitation of await invitationRecords(ctx.store).list(alliance.id)) {
    if (invitation.via !== 'email' || invitation.email !== email) continue;
    const id = inviteeId(invitation.id);
    if (await records.get(alliance.id, id)) continue;
    await stop(id, inviteeRecord(invitation));
  }
  return stopped;
}

/** `overzicht stoppen <e-mail>` / `digest stop <email>`: coordinators only. */
export const digestStopCommand: Subcommand = {
  command: 'digest',
  words: { nl: 'stoppen', en: 'stop' },
  roles: ['coordinator'],
  describe: (locale) => words.t(locale)('digest.stop.describe'),
  async run(ctx, args) {
    const t = words.t(ctx.locale);
    const email = z.email().safeParse(args.trim().toLowerCase());
    if (!email.success) {
      ctx.reply(text(t('digest.stop.usage')), { purpose: 'digest-stop' });
      return;
    }
    const count = await stopAddress(ctx, email.data);
    ctx.reply(text(t(count > 0 ? 'digest.stop.done' : 'digest.stop.none', { email: email.data })), {
      purpose: 'digest-stop',
    });
  },
};
