/**
 * Answering a check-in: `checkin` (or the button on the question) shows the form with a status
 * (on track / at risk / blocked) and a note per commitment of the person's organisation, or one
 * overall when it has none. One answer per partner counts (the latest); the statuses are kept
 * on the commitments, the answer is logged (`checkin.answered`, for community health), and an
 * answer after the deadline changes the posted summary in place.
 */
import { z } from 'zod';
import type { FormSubmittedEvent } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { FlowContext, FormSpec } from '../src/engine/flow.js';
import type { FlowStore } from '../src/store/index.js';
import { type AnswerItem, type Round, roundRecords, worst } from './checkins-record.js';
import { ANSWER_FORM, answerForm, summaryCard } from './checkins-views.js';
import { words } from './checkins-words.js';
import {
  type Commitment,
  commitmentRecords,
  commitmentsOf,
  LIMITS,
  MAX_ASKED,
  STATUSES,
} from './commitments-record.js';

type Values = Record<string, string | undefined>;

export const commitmentsFor = async (store: FlowStore, allianceId: string, partnerId: string) =>
  (await commitmentsOf(store, allianceId, partnerId)).slice(0, MAX_ASKED);

/** The open round of a partner: the latest not yet closed that asked it. */
async function openRoundOf(ctx: FlowContext, partnerId: string): Promise<Round | null> {
  const rounds = (await roundRecords(ctx.store).list(ctx.alliance.id)).filter(
    (r) => !r.closed && r.partners.some((p) => p.id === partnerId),
  );
  return rounds.sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
}

export async function openAnswer(ctx: FlowContext, value: string | undefined): Promise<void> {
  const partnerId = ctx.member?.partnerId;
  const commitments = partnerId ? await commitmentsFor(ctx.store, ctx.alliance.id, partnerId) : [];
  let round: Round | null = null;
  if (partnerId) {
    const named = value ? await roundRecords(ctx.store).get(ctx.alliance.id, value) : null;
    round =
      named?.partners.some((p) => p.id === partnerId) === true
        ? named
        : await openRoundOf(ctx, partnerId);
  }
  ctx.showForm(
    FormSchema.parse(
      answerForm(
        {
          allianceId: ctx.alliance.id,
          partner: ctx.partner?.name ?? ctx.displayName ?? '',
          roundId: round?.id ?? '',
          commitments,
        },
        words.t(ctx.locale),
        ctx.locale,
      ),
    ),
  );
}

/** What the form was opened on: alliance, round (may be empty) and the commitments asked. */
function contextOf(event: FormSubmittedEvent) {
  const [allianceId = '', roundId = '', ids = ''] = (event.context ?? '').split('|');
  return {
    allianceId,
    roundId,
    ids: ids
      .split(',')
      .filter((id) => id.length > 0)
      .slice(0, MAX_ASKED),
  };
}

function schema(ctx: FlowContext, t: Parameters<typeof formFields>[0]): z.ZodType<Values> {
  const f = formFields(t);
  const n = ctx.event.type === 'form_submitted' ? contextOf(ctx.event).ids.length : 0;
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  if (n === 0) {
    shape.status = f.select(STATUSES);
    shape.note = f.optionalText(LIMITS.note);
  }
  for (let i = 1; i <= n; i++) {
    shape[`status${i}`] = f.select(STATUSES);
    shape[`note${i}`] = f.optionalText(LIMITS.note);
  }
  return z.object(shape) as unknown as z.ZodType<Values>;
}

async function submit(ctx: FlowContext, v: Values, event: FormSubmittedEvent): Promise<void> {
  const t = words.t(ctx.locale);
  const asked = contextOf(event);
  if (asked.allianceId !== ctx.alliance.id || !ctx.member) {
    ctx.completeForm(text(t('checkins.answer.notMember')));
    return;
  }
  const partnerId = ctx.member.partnerId;
  const partner = ctx.partner?.name ?? partnerId;
  const status = (key: string) => (v[key] ?? 'on-track') as AnswerItem['status'];
  const records = commitmentRecords(ctx.store);
  const found: (Commitment | null)[] = await Promise.all(
    asked.ids.map((id) => records.get(ctx.alliance.id, id)),
  );
  const items: AnswerItem[] =
    asked.ids.length === 0
      ? [{ status: status('status'), ...(v.note ? { note: v.note } : {}) }]
      : asked.ids.flatMap((id, i) => {
          const c = found[i];
          if (!c || c.partnerId !== partnerId) return [];
          const note = v[`note${i + 1}`];
          return [
            {
              commitmentId: id,
              what: c.what,
              status: status(`status${i + 1}`),
              ...(note ? { note } : {}),
            },
          ];
        });
  const at = ctx.now.toISOString();
  const key = `${ctx.event.platform}:${ctx.event.eventId}`;
  for (const item of items) {
    if (!item.commitmentId) continue;
    await records.mutate(ctx.alliance.id, item.commitmentId, (c) =>
      c
        ? {
            ...c,
            last: {
              status: item.status,
              ...(item.note ? { note: item.note } : {}),
              at,
              by: ctx.userId,
            },
          }
        : c,
    );
  }
  const rounds = roundRecords(ctx.store);
  let already = false;
  const round = asked.roundId
    ? await rounds.mutate(ctx.alliance.id, asked.roundId, (r) => {
        if (!r?.partners.some((p) => p.id === partnerId)) return r;
        already = r.answers[partnerId]?.event === key;
        return {
          ...r,
          answers: {
            ...r.answers,
            [partnerId]: {
              by: ctx.userId,
              ...(ctx.displayName ? { byName: ctx.displayName } : {}),
              at,
              event: key,
              items,
            },
          },
        };
      })
    : null;
  const counted = round?.partners.some((p) => p.id === partnerId) === true;
  if (!already && items.length > 0) {
    await ctx.store.activity.append(ctx.alliance.id, {
      type: counted ? 'checkin.answered' : 'commitment.updated',
      actor: ctx.userId,
      partner: partnerId,
      at,
      data: {
        ...(counted && round ? { round: round.id, series: round.seriesId } : {}),
        status: worst(items),
        onTrack: items.every((i) => i.status === 'on-track'),
        statuses: items.map((i) => i.status),
      },
    });
  }
  if (!counted || !round) {
    ctx.completeForm(text(t('checkins.answer.noRound')));
    return;
  }
  if (round.closed && round.summary.length > 0) {
    ctx.update(round.summary, summaryCard(ctx.alliance, round, words.t(ctx.alliance.locale)));
    ctx.completeForm(text(t('checkins.answer.late', { partner })));
    return;
  }
  ctx.completeForm(text(t('checkins.answer.thanks', { partner })));
}

export const answerSpec: FormSpec<Values> = {
  id: ANSWER_FORM,
  describe: (locale) => words.t(locale)('checkins.describe.answer'),
  schema: (ctx, t) => schema(ctx, t),
  build: async (ctx, locale) => {
    const asked = ctx.event.type === 'form_submitted' ? contextOf(ctx.event) : null;
    const records = commitmentRecords(ctx.store);
    const commitments = (
      await Promise.all((asked?.ids ?? []).map((id) => records.get(ctx.alliance.id, id)))
    ).filter((c): c is Commitment => c !== null);
    return FormSchema.parse(
      answerForm(
        {
          allianceId: ctx.alliance.id,
          partner: ctx.partner?.name ?? ctx.displayName ?? '',
          roundId: asked?.roundId ?? '',
          commitments,
        },
        words.t(locale),
        locale,
      ),
    );
  },
  submit,
};
