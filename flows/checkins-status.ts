/**
 * `checkin status` for coordinators: every series that is not stopped, with its next check-in,
 * who answered the last one and who has not, who last scheduled or changed it, and the buttons
 * to pause or resume, change and stop it.
 */
import { card, text } from '../src/core/messages.js';
import { nextOccurrence } from '../src/domain/cadence.js';
import type { FlowContext } from '../src/engine/flow.js';
import { roundRecords, seriesRecords } from './checkins-record.js';
import {
  CHANGE_ACTION,
  cadenceText,
  calendarUrl,
  PAUSE_ACTION,
  RESUME_ACTION,
  STOP_ACTION,
  when,
} from './checkins-views.js';
import { words } from './checkins-words.js';

/** `checkin status`: every series with its next check-in, the last one's answers, buttons. */
export async function statusCard(ctx: FlowContext, intro?: string): Promise<void> {
  const t = words.t(ctx.locale);
  const all = (await seriesRecords(ctx.store).list(ctx.alliance.id)).filter(
    (s) => s.status !== 'stopped',
  );
  if (all.length === 0) {
    ctx.reply(text(t('checkins.nothing')), { purpose: 'status' });
    return;
  }
  const rounds = await roundRecords(ctx.store).list(ctx.alliance.id);
  ctx.reply(text(intro ?? t('checkins.status.header', { alliance: ctx.alliance.name })), {
    purpose: 'status',
  });
  for (const s of all.slice(0, 10)) {
    const next =
      s.status === 'active' ? nextOccurrence(s.rule, ctx.alliance.timeZone, ctx.now) : null;
    const last = rounds
      .filter((r) => r.seriesId === s.id)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    const answered = last ? last.partners.filter((p) => last.answers[p.id]).map((p) => p.name) : [];
    const waiting = last ? last.partners.filter((p) => !last.answers[p.id]).map((p) => p.name) : [];
    const latest = s.history.at(-1);
    const calendar = calendarUrl(ctx.publicUrl, s);
    ctx.reply(
      card({
        header: t('checkins.status.series', {
          when: cadenceText(s, t, ctx.locale),
          audience: t(`checkins.audience.${s.audience}`),
          state: t(`checkins.status.state.${s.status}`),
        }),
        text: [
          ...(next
            ? [t('checkins.status.next', { when: when(next, ctx.locale, ctx.alliance) })]
            : []),
          last
            ? t('checkins.status.last', {
                when: when(last.at, ctx.locale, ctx.alliance),
                answered: answered.join(', ') || t('checkins.status.nobody'),
                waiting: waiting.join(', ') || t('checkins.status.nobody'),
              })
            : t('checkins.status.noRound'),
        ].join('\n'),
        links: calendar ? [{ label: t('checkins.calendar'), url: calendar }] : [],
        buttons: [
          s.status === 'active'
            ? { actionId: PAUSE_ACTION, label: t('checkins.button.pause'), value: s.id }
            : { actionId: RESUME_ACTION, label: t('checkins.button.resume'), value: s.id },
          { actionId: CHANGE_ACTION, label: t('checkins.button.change'), value: s.id },
          {
            actionId: STOP_ACTION,
            label: t('checkins.button.stop'),
            value: s.id,
            style: 'danger' as const,
          },
        ],
        context: latest
          ? [
              t('checkins.history', {
                action: t(`checkins.action.${latest.action}`),
                who: latest.byName ?? t('common.unknownPerson'),
                when: when(latest.at, ctx.locale, ctx.alliance),
              }),
            ]
          : [],
      }),
      { purpose: `status-${s.id}` },
    );
  }
}
