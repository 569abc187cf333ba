/**
 * The shapes of check-ins: the coordinators' schedule form and status card, the question a
 * partner contact gets privately, the reminder, the answer form (a status and a note per
 * commitment) and the summary posted in the alliance channels (per partner, blocked and at
 * risk first). Pure functions of their input.
 */
import type { Locale } from '../src/core/events.js';
import { formatDate, weekdayName } from '../src/core/i18n/index.js';
import { card, type FormInput, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import { CADENCES, NTHS, WEEKDAYS } from '../src/domain/cadence.js';
import { AUDIENCES, type Round, type Series, worst } from './checkins-record.js';
import type { CheckinsT } from './checkins-words.js';
import { type Commitment, LIMITS, MAX_ASKED, STATUSES } from './commitments-record.js';
import { words as commitmentWords } from './commitments-words.js';

export const SCHEDULE_FORM = 'checkins.schedule-form';
export const ANSWER_FORM = 'checkins.answer-form';
export const ANSWER_ACTION = 'checkins.answer';
export const PAUSE_ACTION = 'checkins.pause';
export const RESUME_ACTION = 'checkins.resume';
export const CHANGE_ACTION = 'checkins.change';
export const STOP_ACTION = 'checkins.stop';

/** Times offered: every quarter of an hour. */
export const TIMES = Array.from({ length: 96 }, (_, i) => {
  const h = String(Math.floor(i / 4)).padStart(2, '0');
  return `${h}:${String((i % 4) * 15).padStart(2, '0')}`;
}) as [string, ...string[]];
/** First dates offered: today and the next 89 days. */
export const START_DAYS = 90;
export const DEADLINE_DAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;

export const statusName = (locale: Locale, status: (typeof STATUSES)[number]) =>
  commitmentWords.t(locale)(`commitments.status.${status}`);

export const when = (instant: Date | string, locale: Locale, alliance: Alliance) =>
  formatDate(instant, locale, alliance.timeZone, 'dateTime');

/** "every other Monday at 10:00" */
export function cadenceText(s: Series, t: CheckinsT, locale: Locale): string {
  const day = weekdayName(s.weekday, locale);
  if (s.every === 'monthly')
    return t('checkins.when.monthly', {
      nth: t(`checkins.nth.${s.nth ?? '1'}`),
      day,
      time: s.time,
    });
  return t(`checkins.when.${s.every}`, { day, time: s.time });
}

export interface ScheduleValues {
  every?: string;
  nth?: string;
  weekday?: string;
  time?: string;
  startDate?: string;
  deadlineDays?: string;
  deadlineTime?: string;
  audience?: string;
}

export function scheduleForm(
  alliance: Alliance,
  t: CheckinsT,
  locale: Locale,
  now: Date,
  values: ScheduleValues,
  change?: { id: string },
): FormInput {
  const dates = Array.from({ length: START_DAYS }, (_, i) =>
    formatDate(now.getTime() + i * 86_400_000, 'en', alliance.timeZone, 'yyyy-MM-dd'),
  );
  const select = (
    name: string,
    label: string,
    options: { value: string; label: string }[],
    initial: string | undefined,
    hint?: string,
  ) => ({
    type: 'select' as const,
    name,
    label,
    options,
    ...(initial ? { initial } : {}),
    ...(hint ? { hint } : {}),
  });
  return {
    id: SCHEDULE_FORM,
    locale,
    title: t(change ? 'checkins.form.changeTitle' : 'checkins.form.newTitle'),
    intro: t('checkins.form.intro', { timeZone: alliance.timeZone }),
    submitLabel: t(change ? 'checkins.form.submitChange' : 'checkins.form.submit'),
    context: change ? `${alliance.id}|${change.id}` : alliance.id,
    fields: [
      select(
        'every',
        t('checkins.field.cadence'),
        CADENCES.map((c) => ({ value: c, label: t(`checkins.every.${c}`) })),
        values.every ?? 'biweekly',
      ),
      select(
        'nth',
        t('checkins.field.nth'),
        NTHS.map((n) => ({ value: n, label: t(`checkins.nth.${n}`) })),
        values.nth ?? '1',
        t('checkins.field.nth.hint'),
      ),
      select(
        'weekday',
        t('checkins.field.weekday'),
        WEEKDAYS.map((d) => ({ value: d, label: weekdayName(d, locale) })),
        values.weekday ?? 'MO',
      ),
      select(
        'time',
        t('checkins.field.time'),
        TIMES.map((v) => ({ value: v, label: v })),
        values.time ?? '10:00',
      ),
      select(
        'startDate',
        t('checkins.field.startDate'),
        dates.map((d) => ({
          value: d,
          label: formatDate(`${d}T12:00:00Z`, locale, 'UTC', 'EEEEEE d MMMM yyyy'),
        })),
        values.startDate && dates.includes(values.startDate) ? values.startDate : dates[1],
        t('checkins.field.startDate.hint'),
      ),
      select(
        'deadlineDays',
        t('checkins.field.deadlineDays'),
        DEADLINE_DAYS.map((d) => ({ value: d, label: t('checkins.days', { days: Number(d) }) })),
        values.deadlineDays ?? '2',
      ),
      select(
        'deadlineTime',
        t('checkins.field.deadlineTime'),
        TIMES.map((v) => ({ value: v, label: v })),
        values.deadlineTime ?? '17:00',
      ),
      select(
        'audience',
        t('checkins.field.audience'),
        AUDIENCES.map((a) => ({ value: a, label: t(`checkins.audience.${a}`) })),
        values.audience ?? 'all',
      ),
    ],
  };
}

/** The calendar address of a series, where the deployment has a public URL. */
export const calendarUrl = (publicUrl: string | undefined, s: Series) =>
  publicUrl ? `${publicUrl.replace(/\/+$/, '')}/calendar/${s.token}.ics` : undefined;

/** The question to one contact of a partner. */
export function askCard(
  facts: {
    alliance: Alliance;
    partner: string;
    round: Round;
    commitments: readonly Commitment[];
    calendar: string | undefined;
  },
  t: CheckinsT,
  locale: Locale,
  reminder = false,
): OutboundMessage {
  const deadline = when(facts.round.deadline, locale, facts.alliance);
  const body = reminder
    ? t('checkins.remind.text', { partner: facts.partner, deadline })
    : facts.commitments.length > 0
      ? t('checkins.ask.text', { partner: facts.partner, deadline })
      : t('checkins.ask.noCommitments', { partner: facts.partner, deadline });
  return card({
    header: t('checkins.ask.header', { alliance: facts.alliance.name }),
    text: body,
    fields: facts.commitments.slice(0, MAX_ASKED).map((c) => ({
      label: c.what,
      value: c.last ? statusName(locale, c.last.status) : '—',
    })),
    buttons: [
      {
        actionId: ANSWER_ACTION,
        label: t('checkins.ask.button'),
        value: facts.round.id,
        style: 'primary',
      },
    ],
    links:
      facts.calendar && !reminder ? [{ label: t('checkins.calendar'), url: facts.calendar }] : [],
  });
}

/** The answer form: a status and a note per commitment, or one overall when there are none. */
export function answerForm(
  facts: {
    allianceId: string;
    partner: string;
    roundId: string;
    commitments: readonly Commitment[];
  },
  t: CheckinsT,
  locale: Locale,
): FormInput {
  const asked = facts.commitments.slice(0, MAX_ASKED);
  const statusOptions = STATUSES.map((s) => ({ value: s, label: statusName(locale, s) }));
  const fields =
    asked.length === 0
      ? [
          {
            type: 'select' as const,
            name: 'status',
            label: t('checkins.field.status'),
            options: statusOptions,
          },
          {
            type: 'longText' as const,
            name: 'note',
            label: t('checkins.field.note'),
            maxLength: LIMITS.note,
            required: false,
          },
        ]
      : asked.flatMap((c, i) => [
          {
            type: 'select' as const,
            name: `status${i + 1}`,
            label: c.what,
            options: statusOptions,
          },
          {
            type: 'longText' as const,
            name: `note${i + 1}`,
            label: t('checkins.field.noteFor', { what: [...c.what].slice(0, 60).join('') }),
            maxLength: LIMITS.note,
            required: false,
          },
        ]);
  return {
    id: ANSWER_FORM,
    locale,
    title: t('checkins.answer.title'),
    intro: t('checkins.answer.intro', { partner: facts.partner }),
    submitLabel: t('checkins.answer.submit'),
    context: [facts.allianceId, facts.roundId, asked.map((c) => c.id).join(',')].join('|'),
    fields,
  };
}

const RANK = { blocked: 0, 'at-risk': 1, 'on-track': 2 } as const;

/** The summary: per partner, blocked and at risk first, then on track, then no answer. */
export function summaryCard(alliance: Alliance, round: Round, t: CheckinsT): OutboundMessage {
  const locale = alliance.locale;
  const rows = round.partners.map((p) => ({ partner: p, answer: round.answers[p.id] }));
  const rank = (r: (typeof rows)[number]) => (r.answer ? RANK[worst(r.answer.items)] : 3);
  const sorted = [...rows].sort(
    (a, b) => rank(a) - rank(b) || a.partner.name.localeCompare(b.partner.name, 'nl'),
  );
  const answered = rows.filter((r) => r.answer).length;
  return card({
    header: t('checkins.summary.header', {
      alliance: alliance.name,
      date: formatDate(round.at, locale, alliance.timeZone),
    }),
    text: t('checkins.summary.text', { answered, asked: rows.length }),
    fields: sorted.slice(0, 25).map(({ partner, answer }) => ({
      label: answer ? `${partner.name}: ${statusName(locale, worst(answer.items))}` : partner.name,
      value: answer
        ? [
            ...answer.items.map(
              (i) =>
                `${i.what ?? t('checkins.overall')}: ${statusName(locale, i.status)}${i.note ? ` — ${i.note}` : ''}`,
            ),
            ...(answer.byName ? [t('checkins.summary.by', { who: answer.byName })] : []),
          ].join('\n')
        : t('checkins.summary.noAnswer'),
    })),
  });
}
