/**
 * What coordinators do with check-in series: schedule one (`checkin plannen` / `schedule`),
 * change, pause, resume or stop it (the sub-words, or the buttons of `checkin status`), and see
 * who answered. Every step raises the series' SEQUENCE (calendars pick the change up) and is
 * kept in its history with who did it and when. The form refuses a first check-in in the past
 * and a time that does not exist on one of its days (a DST change), next to the field.
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { card, FormSchema, text } from '../src/core/messages.js';
import {
  CADENCES,
  localParts,
  NTHS,
  nextOccurrence,
  type SeriesIssue,
  type SeriesTiming,
  seriesIssues,
  WEEKDAYS,
} from '../src/domain/cadence.js';
import type { ActionSpec, FlowContext, FormSpec } from '../src/engine/flow.js';
import { createSeries, planSeries, seriesFields } from './checkins-plan.js';
import { AUDIENCES, type Series, seriesRecords } from './checkins-record.js';
import { statusCard } from './checkins-status.js';
import {
  CHANGE_ACTION,
  cadenceText,
  calendarUrl,
  DEADLINE_DAYS,
  PAUSE_ACTION,
  RESUME_ACTION,
  SCHEDULE_FORM,
  STOP_ACTION,
  scheduleForm,
  TIMES,
  when,
} from './checkins-views.js';
import { type CheckinsT, words } from './checkins-words.js';

type Step = 'change' | 'pause' | 'resume' | 'stop';
const describe = (key: Step | 'schedule') => (locale: Locale) =>
  words.t(locale)(`checkins.describe.${key}`);
const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;

function schema(ctx: FlowContext, locale: Locale) {
  const t = words.t(locale);
  const f = formFields(t);
  const tz = ctx.alliance.timeZone;
  return z
    .object({
      every: f.select(CADENCES),
      nth: f.select(NTHS),
      weekday: f.select(WEEKDAYS),
      time: f.select(TIMES),
      startDate: f.date(),
      deadlineDays: f.select(DEADLINE_DAYS),
      deadlineTime: f.select(TIMES),
      audience: f.select(AUDIENCES),
    })
    .superRefine((v, issues) => {
      // Zod may run this after a field failed: only a complete series is checked.
      const complete =
        (CADENCES as readonly string[]).includes(v.every) &&
        (NTHS as readonly string[]).includes(v.nth) &&
        (WEEKDAYS as readonly string[]).includes(v.weekday) &&
        TIMES.includes(v.time) &&
        TIMES.includes(v.deadlineTime) &&
        (DEADLINE_DAYS as readonly string[]).includes(v.deadlineDays) &&
        /^\d{4}-\d{2}-\d{2}$/.test(String(v.startDate));
      if (!complete) return;
      for (const issue of seriesIssues(timingOfValues(v), tz, ctx.now))
        issues.addIssue({
          code: 'custom',
          path: [issue.field],
          message: issueText(issue, v, t, locale, ctx),
        });
    });
}
type Values = z.infer<ReturnType<typeof schema>>;

const timingOfValues = (v: Omit<Values, 'audience'>): SeriesTiming => ({
  cadence: { every: v.every, weekday: v.weekday, ...(v.every === 'monthly' ? { nth: v.nth } : {}) },
  time: v.time,
  startDate: v.startDate,
  deadlineDays: Number(v.deadlineDays),
  deadlineTime: v.deadlineTime,
});

function issueText(
  issue: SeriesIssue,
  v: Pick<Values, 'time' | 'deadlineTime'>,
  t: CheckinsT,
  locale: Locale,
  ctx: FlowContext,
): string {
  const day = (date: string) =>
    when(`${date}T12:00:00Z`, locale, { ...ctx.alliance, timeZone: 'UTC' }).slice(0, -6);
  switch (issue.code) {
    case 'past': {
      const { date, time } = localParts(issue.first);
      return t('checkins.error.past', { when: `${day(date)} ${time}` });
    }
    case 'none':
      return t('checkins.error.none');
    case 'nonexistent':
      return t('checkins.error.nonexistent', {
        time: issue.field === 'time' ? v.time : v.deadlineTime,
        date: day(issue.date),
      });
    case 'beforeStart':
      return t('checkins.error.beforeStart');
  }
}

const valuesOf = (s: Series) => ({
  every: s.every,
  nth: s.nth ?? '1',
  weekday: s.weekday,
  time: s.time,
  startDate: s.startDate,
  deadlineDays: String(s.deadlineDays),
  deadlineTime: s.deadlineTime,
  audience: s.audience,
});

export async function openSchedule(ctx: FlowContext, change?: Series): Promise<void> {
  const t = words.t(ctx.locale);
  ctx.showForm(
    FormSchema.parse(
      scheduleForm(ctx.alliance, t, ctx.locale, ctx.now, change ? valuesOf(change) : {}, change),
    ),
  );
}

const by = (ctx: FlowContext) => ({
  by: ctx.userId,
  ...(ctx.displayName ? { byName: ctx.displayName } : {}),
  at: ctx.now.toISOString(),
});

function changeTarget(ctx: FlowContext, event: FormSubmittedEvent): string | null | undefined {
  if (event.context === undefined) return null;
  const [allianceId, id] = event.context.split('|');
  if (allianceId !== ctx.alliance.id) return undefined;
  return id ?? null;
}

async function submitSchedule(ctx: FlowContext, v: Values, event: FormSubmittedEvent) {
  const t = words.t(ctx.locale);
  const target = changeTarget(ctx, event);
  const fields = seriesFields(timingOfValues(v), v.audience);
  if (target === undefined || !fields) {
    ctx.completeForm(text(t('checkins.gone')));
    return;
  }
  const key = eventKey(ctx);
  let written: Series | null;
  let next: Date | null = null;
  if (target === null) {
    // The path the demo seeder takes too (checkins-plan.ts).
    const made = await createSeries(ctx, fields, key, by(ctx));
    written = made?.series ?? null;
    next = made?.next ?? null;
  } else {
    written = await seriesRecords(ctx.store).mutate(ctx.alliance.id, target, (s) => {
      if (!s || s.status === 'stopped' || s.lastEvent === key) return s;
      const { nth: _n, ...rest } = s;
      return {
        ...rest,
        ...fields,
        sequence: s.sequence + 1,
        lastEvent: key,
        history: [...s.history, { action: 'changed' as const, ...by(ctx) }].slice(-500),
      };
    });
  }
  if (!written || written.status === 'stopped') {
    ctx.completeForm(text(t('checkins.gone')));
    return;
  }
  if (target !== null) {
    await ctx.audit('checkin.changed', {
      series: written.id,
      rule: written.rule,
      audience: written.audience,
      sequence: written.sequence,
    });
    next =
      written.status === 'active'
        ? await planSeries(ctx, written)
        : nextOccurrence(written.rule, ctx.alliance.timeZone, ctx.now);
  }
  const first = next ? when(next, ctx.locale, ctx.alliance) : '—';
  const calendar = calendarUrl(ctx.publicUrl, written);
  const message =
    target === null
      ? t('checkins.scheduled', {
          when: cadenceText(written, t, ctx.locale),
          first,
          audience: t(`checkins.audience.${written.audience}`),
          deadline: t('checkins.deadline.days', {
            days: written.deadlineDays,
            time: written.deadlineTime,
          }),
        })
      : t('checkins.changed', { when: cadenceText(written, t, ctx.locale), first });
  ctx.completeForm(
    calendar
      ? card({ text: message, links: [{ label: t('checkins.calendar'), url: calendar }] })
      : text(message),
  );
}

export const scheduleSpec: FormSpec<Values> = {
  id: SCHEDULE_FORM,
  roles: ['coordinator'],
  describe: describe('schedule'),
  schema: (ctx, _t, locale) => schema(ctx, locale),
  build: async (ctx, locale) => {
    const target = ctx.event.type === 'form_submitted' ? changeTarget(ctx, ctx.event) : null;
    const change = target ? await seriesRecords(ctx.store).get(ctx.alliance.id, target) : null;
    const values = change ? valuesOf(change) : {};
    return FormSchema.parse(
      scheduleForm(ctx.alliance, words.t(locale), locale, ctx.now, values, change ?? undefined),
    );
  },
  submit: submitSchedule,
};

const ALLOWED: Record<Step, readonly Series['status'][]> = {
  change: ['active', 'paused'],
  pause: ['active'],
  resume: ['paused'],
  stop: ['active', 'paused'],
};

/** Pauses, resumes or stops a series (change opens its form). */
async function step(ctx: FlowContext, what: Step, id: string): Promise<void> {
  const t = words.t(ctx.locale);
  const records = seriesRecords(ctx.store);
  const current = await records.get(ctx.alliance.id, id);
  if (!current || !ALLOWED[what].includes(current.status)) {
    ctx.reply(
      text(
        current
          ? t('checkins.nothingToDo', { what: t(`checkins.button.${what}`).toLowerCase() })
          : t('checkins.gone'),
      ),
      { purpose: 'gone' },
    );
    return;
  }
  if (what === 'change') return openSchedule(ctx, current);
  const key = eventKey(ctx);
  const status: Series['status'] =
    what === 'resume' ? 'active' : what === 'pause' ? 'paused' : 'stopped';
  const action: Series['history'][number]['action'] =
    what === 'resume' ? 'resumed' : what === 'pause' ? 'paused' : 'stopped';
  const after = await records.mutate(ctx.alliance.id, id, (s) => {
    if (!s || s.lastEvent === key || !ALLOWED[what].includes(s.status)) return s;
    const { endedAt: _e, ...rest } = s;
    return {
      ...rest,
      status,
      ...(status === 'active' ? {} : { endedAt: ctx.now.toISOString() }),
      sequence: s.sequence + 1,
      lastEvent: key,
      history: [...s.history, { action, ...by(ctx) }].slice(-500),
    } satisfies Series;
  });
  if (!after) return;
  await ctx.audit(`checkin.${action}`, { series: after.id, sequence: after.sequence });
  const whenText = cadenceText(after, t, ctx.locale);
  if (after.status === 'active') {
    const next = await planSeries(ctx, after);
    ctx.reply(
      text(t('checkins.resumed', { first: next ? when(next, ctx.locale, ctx.alliance) : '—' })),
      { purpose: 'resumed' },
    );
    return;
  }
  await ctx.schedules.remove(ctx.alliance.id, after.id);
  ctx.reply(
    text(t(after.status === 'paused' ? 'checkins.paused' : 'checkins.stopped', { when: whenText })),
    { purpose: action },
  );
}

/** A sub-word: acts on the one series it fits, or lists them with buttons. */
export async function act(ctx: FlowContext, what: Step): Promise<void> {
  const t = words.t(ctx.locale);
  const fits = (await seriesRecords(ctx.store).list(ctx.alliance.id)).filter((s) =>
    ALLOWED[what].includes(s.status),
  );
  const only = fits[0];
  if (fits.length === 1 && only) return step(ctx, what, only.id);
  if (fits.length === 0) {
    ctx.reply(
      text(t('checkins.nothingToDo', { what: t(`checkins.button.${what}`).toLowerCase() })),
      { purpose: 'nothing' },
    );
    return;
  }
  return statusCard(ctx, t('checkins.choose'));
}

const action = (id: string, what: Step): ActionSpec => ({
  id,
  roles: ['coordinator'],
  describe: describe(what),
  run: (ctx, event) => step(ctx, what, event.value ?? ''),
});

export const pauseAction = action(PAUSE_ACTION, 'pause');
export const resumeAction = action(RESUME_ACTION, 'resume');
export const changeAction = action(CHANGE_ACTION, 'change');
export const stopAction = action(STOP_ACTION, 'stop');
