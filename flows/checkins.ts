/**
 * Check-ins: a coordinator schedules recurring check-ins (`checkin plannen` / `checkin
 * schedule`: every week, two or four weeks, or monthly on the n-th weekday, at a time, an
 * answer deadline, all partners or the core team) in the alliance's time zone. Each occurrence
 * (an RRULE schedule on the queue) asks every contact of every partner in the audience
 * privately how their organisation's commitments are going; halfway to the deadline it
 * reminds the contacts of partners that have not answered; at the deadline it posts a summary
 * in the alliance channels (per partner, blocked and at risk first). One answer per partner
 * counts (`checkin`, or the button on the question); a late one changes the summary in place.
 * Coordinators change, pause, resume or stop a series and see who answered (`checkin status`);
 * every series is also an iCalendar series (checkins-calendar.ts), changed with it.
 */
import type { Locale } from '../src/core/events.js';
import { channelAudience, coreTeamIds } from '../src/domain/alliance.js';
import { deadlineAfter } from '../src/domain/cadence.js';
import type { Flow, FormSpec, JobContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { answerSpec, commitmentsFor, openAnswer } from './checkins-answer.js';
import {
  act,
  changeAction,
  openSchedule,
  pauseAction,
  resumeAction,
  scheduleSpec,
  stopAction,
} from './checkins-manage.js';
import {
  type Round,
  roundId,
  roundItems,
  roundRecords,
  type Series,
  seriesItems,
  seriesRecords,
  timingOf,
} from './checkins-record.js';
import { statusCard } from './checkins-status.js';
import { askCard, calendarUrl, summaryCard } from './checkins-views.js';
import { words } from './checkins-words.js';

const describe =
  (key: 'answer' | 'schedule' | 'change' | 'pause' | 'resume' | 'stop' | 'status') =>
  (locale: Locale) =>
    words.t(locale)(`checkins.describe.${key}`);

/** The partners a series asks, with their contacts (the members of each). */
async function audienceOf(ctx: JobContext, series: Series): Promise<Round['partners']> {
  const partners = await ctx.store.members.listPartners(ctx.alliance.id);
  const core = new Set(coreTeamIds(ctx.alliance));
  const chosen = series.audience === 'core' ? partners.filter((p) => core.has(p.id)) : partners;
  const out: Round['partners'] = [];
  for (const p of chosen) {
    const contacts = (await ctx.store.members.membersOfPartner(ctx.alliance.id, p.id)).sort();
    out.push({ id: p.id, name: p.name, contacts: contacts.slice(0, 200) });
  }
  return out;
}

async function localeOf(ctx: JobContext, userId: string): Promise<Locale> {
  return (
    (await ctx.store.members.getMember(ctx.alliance.id, userId))?.locale ?? ctx.alliance.locale
  );
}

/**
 * The question (or, with `reminder`, the reminder) to every contact of the round's partners —
 * of those without an answer yet, for a reminder — each in their own language, about their
 * organisation's commitments. A reminder carries no calendar link.
 */
async function askPartners(
  ctx: JobContext,
  round: Round,
  options: { reminder: boolean; calendar?: string | undefined },
): Promise<void> {
  const { reminder } = options;
  for (const partner of round.partners) {
    if (reminder && round.answers[partner.id]) continue;
    const commitments = await commitmentsFor(ctx.store, ctx.alliance.id, partner.id);
    const facts = {
      alliance: ctx.alliance,
      partner: partner.name,
      round,
      commitments,
      calendar: reminder ? undefined : options.calendar,
    };
    for (const contact of partner.contacts) {
      const locale = await localeOf(ctx, contact);
      ctx.sendDirect(contact, askCard(facts, words.t(locale), locale, reminder), {
        purpose: `${reminder ? 'remind' : 'ask'}-${round.id}`,
      });
    }
  }
}

/** An occurrence: the round, the question to every contact, the reminder and the deadline. */
async function ask(ctx: JobContext, data: Record<string, unknown>): Promise<void> {
  const series = await seriesRecords(ctx.store).get(ctx.alliance.id, String(data.series ?? ''));
  if (series?.status !== 'active') return;
  const at = new Date(typeof data.occurrenceAt === 'string' ? data.occurrenceAt : ctx.now);
  const deadline = deadlineAfter(at, timingOf(series), ctx.alliance.timeZone);
  const id = roundId(series.id, at);
  const rounds = roundRecords(ctx.store);
  await rounds.create(ctx.alliance.id, id, {
    id,
    seriesId: series.id,
    at: at.toISOString(),
    deadline: deadline.toISOString(),
    audience: series.audience,
    partners: await audienceOf(ctx, series),
    answers: {},
    closed: false,
    summary: [],
  });
  const round = await rounds.get(ctx.alliance.id, id);
  if (!round) return;
  await askPartners(ctx, round, {
    reminder: false,
    calendar: calendarUrl(ctx.publicUrl, series),
  });
  const remindAt = new Date((at.getTime() + deadline.getTime()) / 2);
  const reminder = { flow: 'checkins', data: { round: round.id } };
  await ctx.reminders.schedule(ctx.alliance.id, {
    ...reminder,
    id: `${round.id}-remind`,
    kind: 'remind',
    at: remindAt,
  });
  await ctx.reminders.schedule(ctx.alliance.id, {
    ...reminder,
    id: `${round.id}-close`,
    kind: 'close',
    at: deadline,
  });
}

/** Halfway: the contacts of partners without an answer hear once more. */
async function remind(ctx: JobContext, round: Round): Promise<void> {
  if (!round.closed) await askPartners(ctx, round, { reminder: true });
}

/**
 * Which channels a summary may go to: every one for all partners; for the core team only
 * those whose audience is the core team.
 */
function channelFilter(ctx: JobContext, round: Round) {
  if (round.audience === 'all') return undefined;
  return (channel: string) => channelAudience(ctx.alliance, channel) === 'core';
}

/** The deadline: the round closes and its summary goes to the channels. */
async function close(ctx: JobContext, round: Round): Promise<void> {
  const rounds = roundRecords(ctx.store);
  const closed = await rounds.mutate(ctx.alliance.id, round.id, (r) => r && { ...r, closed: true });
  if (!closed) return;
  const only = channelFilter(ctx, closed);
  const handles = ctx.postToAllianceChannels(
    summaryCard(ctx.alliance, closed, words.t(ctx.alliance.locale)),
    { purpose: `summary-${closed.id}`, ...(only ? { only } : {}) },
  );
  await rounds.mutate(
    ctx.alliance.id,
    round.id,
    (r) => r && { ...r, summary: handles.slice(0, 50) },
  );
}

export const checkinsFlow: Flow = {
  id: 'checkins',
  subcommands: [
    { command: 'checkin', describe: describe('answer'), run: (ctx) => openAnswer(ctx, undefined) },
    {
      command: 'checkin',
      words: { nl: 'plannen', en: 'schedule' },
      roles: ['coordinator'],
      describe: describe('schedule'),
      run: (ctx) => openSchedule(ctx),
    },
    {
      command: 'checkin',
      words: { nl: 'wijzigen', en: 'change' },
      roles: ['coordinator'],
      describe: describe('change'),
      run: (ctx) => act(ctx, 'change'),
    },
    {
      command: 'checkin',
      words: { nl: 'pauzeren', en: 'pause' },
      roles: ['coordinator'],
      describe: describe('pause'),
      run: (ctx) => act(ctx, 'pause'),
    },
    {
      command: 'checkin',
      words: { nl: 'hervatten', en: 'resume' },
      roles: ['coordinator'],
      describe: describe('resume'),
      run: (ctx) => act(ctx, 'resume'),
    },
    {
      command: 'checkin',
      words: { nl: 'stoppen', en: 'stop' },
      roles: ['coordinator'],
      describe: describe('stop'),
      run: (ctx) => act(ctx, 'stop'),
    },
    {
      command: 'checkin',
      words: { nl: 'status', en: 'status' },
      roles: ['coordinator'],
      describe: describe('status'),
      run: (ctx) => statusCard(ctx),
    },
  ],
  forms: [scheduleSpec as FormSpec<unknown>, answerSpec as FormSpec<unknown>],
  actions: [
    {
      id: 'checkins.answer',
      describe: describe('answer'),
      run: (ctx, e) => openAnswer(ctx, e.value),
    },
    changeAction,
    pauseAction,
    resumeAction,
    stopAction,
  ],
  collections: [seriesItems as CollectionSpec<unknown>, roundItems as CollectionSpec<unknown>],
  async onSchedule(ctx, kind, data) {
    if (kind === 'ask') await ask(ctx, data);
  },
  async onReminder(ctx, kind, data) {
    const round = await roundRecords(ctx.store).get(ctx.alliance.id, String(data.round ?? ''));
    if (!round) return;
    if (kind === 'remind') await remind(ctx, round);
    if (kind === 'close') await close(ctx, round);
  },
};
