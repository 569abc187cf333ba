/**
 * Privacy's helpers: whom a command is about (the person speaking, or the member a
 * coordinator names) and the readable lines of a summary (kind, count, what it is for).
 */
import { NamespacedIdSchema } from '../src/core/ids.js';
import type { PersonalDataSubject } from '../src/core/personal-data.js';
import type { FlowContext } from '../src/engine/flow.js';
import { words } from './privacy-words.js';

export interface Target {
  /** Their first identity (a member's id). */
  id: string;
  name: string | undefined;
  subject: PersonalDataSubject;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * The person a command is about: the one speaking when `named` is empty, else a member of the
 * alliance by id or by name (exact, else the one whose name contains it). A string is the
 * answer to give when nobody (or more than one) fits.
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
