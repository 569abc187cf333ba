/**
 * Where a document's announcement goes, and keeping every copy right: the channels whose
 * audience may see it, and — for the core-team and named-partner levels — each person who may
 * see it, privately. After a change of level or a withdrawal every earlier copy is updated in
 * place (the announcement as it is now, or only "no longer shared here" / "withdrawn" where
 * it may no longer be seen), and places that may see it now and had no copy get one. Every
 * decision is the policy's (src/domain/visibility.ts).
 */
import { TZDate } from '@date-fns/tz';
import type { Locale } from '../src/core/events.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { Member } from '../src/domain/alliance.js';
import { maySee } from '../src/domain/visibility.js';
import type { FlowContext } from '../src/engine/flow.js';
import {
  type Copy,
  channelOf,
  documents,
  facts,
  personOf,
  requests,
  type SharedDocument,
} from './documents-record.js';
import {
  announcement,
  type CardFacts,
  goneCard,
  ownerCard,
  type PartnerNames,
  partnerNames,
  requestCard,
} from './documents-views.js';
import { words } from './documents-words.js';

export interface Published {
  copies: Copy[];
  /** Where it may be seen now. */
  channels: number;
  people: number;
}

/** What the cards need, read once. */
export async function cardContext(ctx: Pick<FlowContext, 'alliance' | 'store'>, d: SharedDocument) {
  const { alliance, store } = ctx;
  const names: PartnerNames = partnerNames(await store.members.listPartners(alliance.id));
  const askerName = d.request
    ? (await store.collection(requests).get(alliance.id, d.request))?.askerName
    : undefined;
  return (locale: Locale): CardFacts => ({
    alliance,
    names,
    t: words.t(locale),
    locale,
    askerName,
  });
}

/**
 * Sends what the document's state asks for: updates of its copies, new copies where it may be
 * seen now. Returns every copy (the owner's left as it was) and where it may be seen.
 */
export async function publish(
  ctx: FlowContext,
  d: SharedDocument,
  /** People told another way (the asker of a request it answers). */
  skip: ReadonlySet<string> = new Set(),
): Promise<Published> {
  const { alliance, store } = ctx;
  const cards = await cardContext(ctx, d);
  const members = await store.members.listMembers(alliance.id);
  const byId = new Map<string, Member>(members.map((m) => [m.id, m]));
  const f = facts(d);
  const visibleTo = (copy: Pick<Copy, 'kind' | 'to'>) =>
    copy.kind === 'channel'
      ? maySee(alliance, f, channelOf(alliance.id, copy.to))
      : maySee(alliance, f, personOf(alliance.id, copy.to, byId.get(copy.to) ?? null));
  const shown = (locale: Locale): OutboundMessage => announcement(d, cards(locale));
  const purpose = `document:${d.id}`;

  const copies: Copy[] = [...d.copies];
  for (const copy of d.copies) {
    if (copy.kind === 'owner') continue;
    const locale = copy.locale ?? alliance.locale;
    ctx.update(copy.handle, visibleTo(copy) ? shown(locale) : goneCard(d, words.t(locale)));
  }
  if (d.status === 'active') {
    const have = new Set(d.copies.map((c) => `${c.kind}:${c.to}`));
    const handles = ctx.postToAllianceChannels(shown(alliance.locale), {
      purpose,
      only: (channel) =>
        !have.has(`channel:${channel}`) && visibleTo({ kind: 'channel', to: channel }),
    });
    for (const handle of handles)
      if (handle.to.kind === 'conversation')
        copies.push({ kind: 'channel', to: handle.to.id, handle, locale: alliance.locale });
    // The restricted levels reach each person who may see it, privately (no channel may fit).
    if (d.level === 'core' || d.level === 'partners') {
      for (const m of members) {
        if (m.id === d.ownerId || skip.has(m.id) || have.has(`person:${m.id}`)) continue;
        if (!visibleTo({ kind: 'person', to: m.id })) continue;
        const locale = m.locale ?? alliance.locale;
        const handle = ctx.sendDirect(m.id, shown(locale), { purpose });
        copies.push({ kind: 'person', to: m.id, handle, locale });
      }
    }
  }
  const live = copies.filter((c) => c.kind !== 'owner' && visibleTo(c));
  return {
    copies,
    channels: live.filter((c) => c.kind === 'channel').length,
    people: live.filter((c) => c.kind === 'person').length,
  };
}

/** The owner's copy, sent (first time) or updated; returns the copies with it. */
export async function showOwner(
  ctx: FlowContext,
  d: SharedDocument,
  published: Published,
): Promise<Copy[]> {
  const locale = d.ownerLocale ?? ctx.locale;
  const message = ownerCard(d, (await cardContext(ctx, d))(locale), published);
  const existing = published.copies.find((c) => c.kind === 'owner');
  if (existing) {
    ctx.update(existing.handle, message);
    return published.copies;
  }
  const handle = ctx.sendDirect(ctx.userId, message, { purpose: `document-owner:${d.id}` });
  return [...published.copies, { kind: 'owner', to: ctx.userId, handle, locale }];
}

/** The asker of a request hears of the answer privately (a copy kept like the others). */
export async function tellAsker(
  ctx: FlowContext,
  d: SharedDocument,
  asker: { id: string; locale: Locale },
  answerer: string,
): Promise<Copy> {
  const facts = (await cardContext(ctx, d))(asker.locale);
  const base = announcement(d, facts);
  const message =
    base.kind === 'card'
      ? card({
          ...base.card,
          header: facts.t('documents.ask.answered', { name: answerer, title: d.title }),
        })
      : base;
  const handle = ctx.sendDirect(asker.id, message, { purpose: `document-answer:${d.id}` });
  return { kind: 'person', to: asker.id, handle, locale: asker.locale };
}

export const REVIEW_KIND = 'review';
export const reviewId = (documentId: string) => `documents-review:${documentId}`;

/** Changes the document, then every copy of it (the owner's too). */
export async function change(
  ctx: FlowContext,
  id: string,
  step: (d: SharedDocument) => SharedDocument,
): Promise<SharedDocument | null> {
  const collection = ctx.store.collection(documents);
  const changed = await collection.mutate(ctx.alliance.id, id, (d) => d && step(d));
  if (!changed) return null;
  const published = await publish(ctx, changed);
  const copies = await showOwner(ctx, changed, published);
  return collection.mutate(ctx.alliance.id, id, (d) => d && { ...d, copies });
}

/** Schedules the review reminder (the review date, 09:00 in the alliance's time zone), or cancels it. */
export async function scheduleReview(ctx: FlowContext, d: SharedDocument): Promise<void> {
  if (!d.reviewOn || d.status !== 'active') {
    await ctx.reminders.cancel(ctx.alliance.id, reviewId(d.id));
    return;
  }
  const [y, m, day] = d.reviewOn.split('-').map(Number);
  const at = new TZDate(y ?? 1970, (m ?? 1) - 1, day ?? 1, 9, 0, 0, ctx.alliance.timeZone);
  await ctx.reminders.schedule(ctx.alliance.id, {
    id: reviewId(d.id),
    flow: 'documents',
    kind: REVIEW_KIND,
    at: new Date(at.getTime()),
    data: { documentId: d.id, reviewOn: d.reviewOn },
  });
}

/** Whoever answered a request is credited on its cards (in every channel, in place). */
export async function creditAnswer(
  ctx: FlowContext,
  requestId: string,
  d: SharedDocument,
): Promise<void> {
  const { alliance } = ctx;
  const r = await ctx.store.collection(requests).mutate(alliance.id, requestId, (x) => {
    if (!x || x.answers.some((a) => a.documentId === d.id)) return x;
    const answer = {
      by: d.ownerId,
      ...(d.ownerName ? { name: d.ownerName } : {}),
      documentId: d.id,
      at: ctx.now.toISOString(),
    };
    return { ...x, answers: [...x.answers, answer] };
  });
  if (!r) return;
  const t = words.t(alliance.locale);
  const names = [...new Set(r.answers.map((a) => a.name ?? t('common.unknownPerson')))];
  ctx.update(r.cards, requestCard(r, t, names));
}
