/**
 * Privacy's helpers: whom a command is about (the person speaking, or the member — or address —
 * a coordinator names) and the readable lines of a summary (kind, count, what it is for).
 */
import { z } from 'zod';
import { NamespacedIdSchema } from '../src/core/ids.js';
import type { PersonalDataSubject } from '../src/core/personal-data.js';
import type { FlowContext } from '../src/engine/flow.js';
import { words } from './privacy-words.js';

export interface Target {
  /** Their first identity (a member's id), or the address they were named by if none. */
  id: string;
  name: string | undefined;
  subject: PersonalDataSubject;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** An argument that is an e-mail address (lower-cased), else undefined. */
export const addressIn = (named: string): string | undefined =>
  z.email().safeParse(named).success ? named.toLowerCase() : undefined;

/**
 * A person named by e-mail address: the member (or identities) known by it plus the address,
 * or the address alone when the bot keeps something under it (an invitation, a digest by
 * e-mail). Undefined when nobody is known by it.
 */
async function byAddress(ctx: FlowContext, address: string): Promise<Target | undefined> {
  const subject = await ctx.privacy.subjectOfEmail(address);
  // A member's name, if the address is theirs (the address itself is among the names too).
  const name = subject.names?.find((n) => n !== address);
  if (!name) {
    const counts = await ctx.privacy.countFor(subject);
    if (!Object.values(counts).some((n) => n > 0)) return undefined;
  }
  return { id: subject.userIds[0] ?? address, name: name ?? address, subject };
}

/**
 * The person a command is about: the one speaking when `named` is empty, else a member of the
 * alliance by id, by e-mail address (or the person known only by it) or by name (exact, else
 * the one whose name contains it). A string is the answer to give when nobody (or more than
 * one) fits.
 */
export async function resolveTarget(ctx: FlowContext, named: string): Promise<Target | string> {
  const t = words.t(ctx.locale);
  if (!named) {
    const subject = await ctx.privacy.subjectOf(ctx.userId, [ctx.member?.name, ctx.displayName]);
    const id = subject.userIds[0] ?? ctx.userId;
    return { id, name: ctx.member?.name ?? ctx.displayName, subject };
  }
  if (NamespacedIdSchema.safeParse(named).success) {
    const subject = await ctx.privacy.subjectOf(named);
    return { id: subject.userIds[0] ?? named, name: subject.names?.[0], subject };
  }
  const address = addressIn(named);
  if (address) return (await byAddress(ctx, address)) ?? t('privacy.unknownPerson', { who: named });
  const members = await ctx.store.members.listMembers(ctx.alliance.id);
  const want = fold(named);
  const exact = members.filter((m) => fold(m.name) === want);
  const fits = exact.length > 0 ? exact : members.filter((m) => fold(m.name).includes(want));
  if (fits.length === 0) return t('privacy.unknownPerson', { who: named });
  if (fits.length > 1) {
    const names = fits
      .map((m) => m.name)
      .sort()
      .join(', ');
    return t('privacy.ambiguous', { who: named, names });
  }
  const member = fits[0];
  if (!member) return t('privacy.unknownPerson', { who: named });
  const subject = await ctx.privacy.subjectOf(member.id, [member.name]);
  return { id: member.id, name: member.name, subject };
}

/** One line per kind, in the asker's language: `• members (1): wie iemand is in de alliantie…`. */
export function lines(ctx: FlowContext, counts: Record<string, number>): string[] {
  const t = words.t(ctx.locale);
  // Each kind's purpose in the asker's language (every holder gives both).
  const purposes = new Map(ctx.privacy.holders().map((h) => [h.kind, h.purpose[ctx.locale]]));
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) =>
      t('privacy.kindCount', { kind, count, purpose: purposes.get(kind) ?? '' }),
    );
}

export const overviewLines = lines;
