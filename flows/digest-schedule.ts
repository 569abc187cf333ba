/**
 * When the digest comes (`overzicht plannen` / `digest schedule`, coordinators only): a form
 * with the weekday — or off — and the time, in the alliance's time zone. Every alliance starts
 * with the default (Monday 09:00, a cron schedule created once at start-up, digest.ts); a
 * coordinator's choice replaces that same schedule in the queue as a weekly series
 * (src/domain/cadence.ts), so it is kept in Redis, a restart does not put the default back
 * (the engine creates a default only where the alliance never had it), and it takes effect at
 * its next occurrence. Off removes the schedule. Every change is in the audit trail. The form
 * refuses a time that is not one and a time the clocks skip on one of its days within two
 * years (a DST change: 02:30 on the last Sunday of March in Europe/Amsterdam); the answer names
 * the next digest in the alliance's local time.
 */
import { z } from 'zod';
import type { Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { formatDate, weekdayName } from '../src/core/i18n/index.js';
import type { ScheduleInfo } from '../src/core/jobs.js';
import { type FormInput, FormSchema, text } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import {
  firstGap,
  firstOnOrAfter,
  localOf,
  localParts,
  parseSeries,
  seriesRule,
  WEEKDAYS,
  type Weekday,
} from '../src/domain/cadence.js';
import type { FlowContext, FormSpec, Subcommand } from '../src/engine/flow.js';
import { type DigestScheduleT, words } from './digest-schedule-words.js';

export const DIGEST_KIND = 'digest';
/** The alliance's digest schedule: the default and a coordinator's choice share this id. */
export const WEEKLY_ID = 'weekly-digest';
/** Monday 09:00 in the alliance's own time zone. */
export const WEEKLY_CRON = '0 9 * * 1';
export const SCHEDULE_FORM = 'digest.schedule-form';

const CHOICES = [...WEEKDAYS, 'off'] as const;
type Choice = (typeof CHOICES)[number];

/** A coordinator's choice: a weekly digest at a local time, or none. */
export type DigestPlan = { off: true } | { off: false; weekday: Weekday; time: string };

/** `9:00`, `09.00`, `09:00` → `09:00`; anything else undefined. */
export function readTime(input: string): string | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(input.trim());
  if (!match) return undefined;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The weekly series of a plan, from today (local) on: `DTSTART:…\nRRULE:FREQ=WEEKLY;BYDAY=…`. */
export function digestRule(
  plan: { weekday: Weekday; time: string },
  timeZone: string,
  now: Date,
): string {
  const cadence = { every: 'weekly' as const, weekday: plan.weekday };
  const first = firstOnOrAfter(cadence, localOf(now, timeZone).date, plan.time);
  if (first === null) throw new TypeError('a weekly series always has a first day');
  return seriesRule(first, cadence);
}

const CRON_RE = /^(\d{1,2}) (\d{1,2}) \* \* ([0-7])$/;
const BYDAY_RE = /BYDAY=(MO|TU|WE|TH|FR|SA|SU)(?:;|$)/;

/** What the queue has now: the default's cron or a coordinator's series, read back. */
export function planOf(info: ScheduleInfo | undefined): DigestPlan | { off: false } {
  if (!info) return { off: true };
  const pad = (n: string | undefined) => String(Number(n ?? 0)).padStart(2, '0');
  const cron = CRON_RE.exec(info.cron);
  if (cron) {
    const weekday = WEEKDAYS[(Number(cron[3]) + 6) % 7];
    if (weekday) return { off: false, weekday, time: `${pad(cron[2])}:${pad(cron[1])}` };
  }
  if (info.rrule) {
    const day = BYDAY_RE.exec(parseSeries(info.rrule).rrule)?.[1] as Weekday | undefined;
    const { time } = localParts(parseSeries(info.rrule).start);
    if (day) return { off: false, weekday: day, time };
  }
  return { off: false };
}

const nextText = (at: Date, locale: Locale, alliance: Alliance) =>
  formatDate(at, locale, alliance.timeZone, 'EEEE d MMMM yyyy HH:mm');

function currentText(
  t: DigestScheduleT,
  locale: Locale,
  alliance: Alliance,
  info: ScheduleInfo | undefined,
): string {
  const plan = planOf(info);
  if (plan.off) return t('digest.schedule.currentOff');
  const next = info?.next ? nextText(info.next, locale, alliance) : '—';
  if (!('weekday' in plan)) return t('digest.schedule.currentOther', { next });
  const when = t('digest.schedule.every', {
    day: weekdayName(plan.weekday, locale),
    time: plan.time,
  });
  return t('digest.schedule.current', { when, next });
}

async function current(ctx: FlowContext): Promise<ScheduleInfo | undefined> {
  return (await ctx.schedules.list(ctx.alliance.id)).find((s) => s.id === WEEKLY_ID);
}

export async function scheduleForm(ctx: FlowContext, locale: Locale): Promise<FormInput> {
  const t = words.t(locale);
  const { alliance } = ctx;
  const info = await current(ctx);
  const plan = planOf(info);
  const choice: Choice = plan.off ? 'off' : 'weekday' in plan ? plan.weekday : 'MO';
  const time = !plan.off && 'time' in plan ? plan.time : '09:00';
  return {
    id: SCHEDULE_FORM,
    locale,
    title: t('digest.schedule.title'),
    intro: t('digest.schedule.intro', {
      timeZone: alliance.timeZone,
      current: currentText(t, locale, alliance, info),
    }),
    submitLabel: t('digest.schedule.submit'),
    context: alliance.id,
    fields: [
      {
        type: 'select',
        name: 'weekday',
        label: t('digest.schedule.field.weekday'),
        options: CHOICES.map((c) => ({
          value: c,
          label: c === 'off' ? t('digest.schedule.off') : weekdayName(c, locale),
        })),
        initial: choice,
      },
      {
        type: 'text',
        name: 'time',
        label: t('digest.schedule.field.time'),
        hint: t('digest.schedule.field.time.hint', { timeZone: alliance.timeZone }),
        required: false,
        maxLength: 20,
        initial: time,
      },
    ],
  };
}

/** The dates of the form's errors: "zondag 28 maart 2027". */
const dayText = (date: string, locale: Locale) =>
  formatDate(`${date}T12:00:00Z`, locale, 'UTC', 'EEEE d MMMM yyyy');

function schema(ctx: FlowContext, locale: Locale) {
  const t = words.t(locale);
  const f = formFields(t);
  const tz = ctx.alliance.timeZone;
  return z
    .object({ weekday: f.select(CHOICES), time: f.optionalText(20) })
    .superRefine((v, issues) => {
      if (v.weekday === 'off' || !(CHOICES as readonly string[]).includes(v.weekday)) return;
      const add = (message: string) => issues.addIssue({ code: 'custom', path: ['time'], message });
      if (v.time === undefined) return add(t('form.required'));
      const time = readTime(v.time);
      if (!time) return add(t('digest.schedule.error.time'));
      const gap = firstGap(digestRule({ weekday: v.weekday, time }, tz, ctx.now), tz);
      if (gap)
        add(
          t('digest.schedule.error.nonexistent', {
            time,
            date: dayText(gap, locale),
            timeZone: tz,
          }),
        );
    })
    .transform((v): Values => {
      const time = v.weekday === 'off' ? undefined : readTime(v.time ?? '');
      return { weekday: v.weekday, ...(time ? { time } : {}) };
    });
}

/** The form's values as submit gets them: the time read as `HH:MM` (none when off). */
interface Values {
  weekday: Choice;
  time?: string;
}

const planOfValues = (v: Values): DigestPlan =>
  v.weekday === 'off' ? { off: true } : { off: false, weekday: v.weekday, time: v.time ?? '' };

async function submit(ctx: FlowContext, values: Values): Promise<void> {
  const plan = planOfValues(values);
  const t = words.t(ctx.locale);
  const { alliance } = ctx;
  if (plan.off) {
    await ctx.schedules.remove(alliance.id, WEEKLY_ID);
    await ctx.audit('digest.stopped', { schedule: WEEKLY_ID });
    ctx.completeForm(text(t('digest.schedule.stopped')));
    return;
  }
  const rrule = digestRule(plan, alliance.timeZone, ctx.now);
  const next = await ctx.schedules.upsert(alliance.id, {
    id: WEEKLY_ID,
    flow: 'digest',
    kind: DIGEST_KIND,
    rrule,
    data: {},
  });
  await ctx.audit('digest.scheduled', {
    schedule: WEEKLY_ID,
    weekday: plan.weekday,
    time: plan.time,
    timeZone: alliance.timeZone,
    ...(next ? { next: next.toISOString() } : {}),
  });
  const when = t('digest.schedule.every', {
    day: weekdayName(plan.weekday, ctx.locale),
    time: plan.time,
  });
  ctx.completeForm(
    text(
      t('digest.schedule.done', {
        when,
        next: next ? nextText(next, ctx.locale, alliance) : '—',
        timeZone: alliance.timeZone,
      }),
    ),
  );
}

const describe = (locale: Locale) => words.t(locale)('digest.schedule.describe');

export const digestScheduleForm: FormSpec<Values> = {
  id: SCHEDULE_FORM,
  roles: ['coordinator'],
  describe,
  schema: (ctx, _t, locale) => schema(ctx, locale),
  build: async (ctx, locale) => FormSchema.parse(await scheduleForm(ctx, locale)),
  submit: (ctx, values) => submit(ctx, values),
};

/** `overzicht plannen` / `digest schedule`: opens the form. */
export const digestScheduleCommand: Subcommand = {
  command: 'digest',
  words: { nl: 'plannen', en: 'schedule' },
  roles: ['coordinator'],
  describe,
  async run(ctx) {
    ctx.showForm(FormSchema.parse(await scheduleForm(ctx, ctx.locale)));
  },
};
