/**
 * Announcing a success, shared by the two ways one goes out (at once when the alliance needs
 * no approval, or when a spokesperson approves): one copy in every linked channel on every
 * platform, each an outbox job keyed by the deciding event, the success and the channel, so a
 * retried event, a doubled trigger or a worker killed mid fan-out posts each copy once; the
 * copies' handles kept for the celebrate count; the activity entries (once); the tally and the
 * milestones this event reached (one atomic step on the tally); and the press text for the
 * proposer. Also the small helpers the flow's parts share.
 */
import type { Locale } from '../src/core/events.js';
import { slugify } from '../src/core/ids.js';
import { type MessageHandle, text } from '../src/core/messages.js';
import { type Alliance, SlugSchema } from '../src/domain/alliance.js';
import type { FlowContext, JobContext } from '../src/engine/flow.js';
import type { FlowStore } from '../src/store/index.js';
import { pressCard } from './successes-press.js';
import {
  countIn,
  type Success,
  successRecords,
  TALLY_ID,
  tallyRecords,
  withEvent,
} from './successes-record.js';
import { announcementCard, approvalCard, milestoneCard } from './successes-views.js';
import { words } from './successes-words.js';

/** What this event is: handled again after a crash, it finds its own writes. */
export const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

/** A person's language in this alliance: the one they chose, else the alliance's. */
export async function localeOf(
  store: FlowStore,
  alliance: Alliance,
  userId: string,
): Promise<Locale> {
  return (await store.members.getMember(alliance.id, userId))?.locale ?? alliance.locale;
}

/** The partners the alliance knows: those in the store, and those its config names. */
export async function knownPartners(ctx: FlowContext): Promise<{ id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }>();
  for (const p of await ctx.store.members.listPartners(ctx.alliance.id))
    out.set(p.id, { id: p.id, name: p.name });
  for (const p of ctx.alliance.partners) {
    const id = p.id ?? slugify(p.name);
    if (SlugSchema.safeParse(id).success && !out.has(id)) out.set(id, { id, name: p.name });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Every approval card of a success shows where it stands now, each in its reader's language. */
export async function updateCards(ctx: FlowContext, s: Success): Promise<void> {
  for (const handle of s.cards) {
    const reader = handle.to.kind === 'conversation' ? undefined : handle.to.userId;
    const locale = reader ? await localeOf(ctx.store, ctx.alliance, reader) : ctx.alliance.locale;
    ctx.update(handle, approvalCard(ctx.alliance, s, locale));
  }
}

/** Reminder kind: the copies show the latest celebrate count (see `refreshLater`). */
export const REFRESH_KIND = 'refresh';
/** Celebrations within one window share one refresh, which fires a second after it. */
const REFRESH_WINDOW_MS = 5000;

/**
 * After celebrations, one more update of every copy with the count as it is then: the
 * updates of presses at nearly the same moment may reach a channel in either order, and the
 * last one to arrive must not show an older count.
 */
export async function refreshLater(ctx: FlowContext, s: Success): Promise<void> {
  const window = Math.floor(ctx.now.getTime() / REFRESH_WINDOW_MS);
  await ctx.reminders.schedule(ctx.alliance.id, {
    id: `successes-refresh-${s.id}-${window}`,
    flow: 'successes',
    kind: REFRESH_KIND,
    at: new Date((window + 1) * REFRESH_WINDOW_MS + 1000),
    data: { successId: s.id },
  });
}

export async function refreshCopies(ctx: JobContext, id: string): Promise<void> {
  const s = await successRecords(ctx.store).get(ctx.alliance.id, id);
  if (s && s.announcements.length > 0)
    ctx.update(s.announcements, announcementCard(ctx.alliance, s));
}

/**
 * Announces an approved success (the event `key` decided it). Safe to run again for the same
 * event: every message has the same key, the record and the tally are changed once.
 */
export async function announce(ctx: FlowContext, given: Success, key: string): Promise<Success> {
  const { alliance, store } = ctx;
  const at = ctx.now.toISOString();
  const handles: MessageHandle[] = ctx.postToAllianceChannels(announcementCard(alliance, given), {
    purpose: `success:${given.id}`,
  });
  const records = successRecords(store);
  const s =
    (await records.mutate(alliance.id, given.id, (r) =>
      r
        ? {
            ...r,
            announcements: handles,
            announcedAt: r.announcedAt ?? at,
            history: r.announcedAt
              ? r.history
              : withEvent(r, { action: 'announced', at, version: r.version }),
          }
        : r,
    )) ?? given;
  if (!s.logged) {
    // Credited to the partners (no person: it stays when the proposer asks to be forgotten).
    const data = {
      successId: s.id,
      title: s.title,
      value: s.impact.value,
      unit: s.impact.unit,
      partners: s.partners.map((p) => p.name),
    };
    const credited = s.partners.flatMap((p) => (p.id ? [p.id] : []));
    for (const partner of credited.length > 0 ? credited : [undefined])
      await store.activity.append(alliance.id, {
        type: 'success.announced',
        at,
        data,
        ...(partner ? { partner } : {}),
      });
    await records.mutate(alliance.id, s.id, (r) => (r ? { ...r, logged: true } : r));
  }
  const tally = await tallyRecords(store).mutate(alliance.id, TALLY_ID, (t) =>
    countIn(t, alliance, s, key, at),
  );
  for (const m of tally?.reached.filter((r) => r.event === key) ?? [])
    ctx.postToAllianceChannels(milestoneCard(alliance, m, s), { purpose: `milestone:${m.key}` });
  if (s.proposer) {
    const locale = s.proposerLocale ?? alliance.locale;
    ctx.sendDirect(s.proposer, await pressCard(store, alliance, s, locale, ctx.now), {
      purpose: `press:${s.id}`,
    });
  }
  return s;
}

/** Tells the coordinators a success waits for a spokesperson the alliance does not have. */
export async function tellCoordinators(ctx: FlowContext, s: Success): Promise<void> {
  const { alliance } = ctx;
  for (const coordinator of alliance.coordinators) {
    const to = ctx.reachable(await ctx.identitiesOf(coordinator));
    if (!to) continue;
    const t = words.t(await localeOf(ctx.store, alliance, to));
    ctx.sendDirect(
      to,
      text(
        t('successes.noSpokesperson.coordinator', {
          title: s.title,
          name: s.proposerName ?? t('common.unknownPerson'),
          alliance: alliance.name,
        }),
      ),
      { purpose: `no-spokesperson:${s.id}` },
    );
  }
}
