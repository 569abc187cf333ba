/**
 * The spokespersons' side of a success: the buttons on their approval card — approve, edit
 * (the proposal form, filled in, for the version it was opened on), reject (the card then
 * offers quick reasons, and a form for their own words: successes-reject.ts; the reason is the
 * proposer's answer, with the spokesperson's name to get in touch) and back — and the edit's
 * submission. Only a spokesperson may (declared on each button, so the engine refuses anyone
 * else and says who can; the shared form checks it itself). The first decision counts
 * (successes-decide.ts).
 */
import type { FormSubmittedEvent } from '../src/core/events.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, FlowContext } from '../src/engine/flow.js';
import { eventKey, knownPartners, localeOf, updateCards } from './successes-announce.js';
import {
  alreadyText,
  auditSuccess,
  by,
  decide,
  describe,
  pendingOrAnswer,
  showOwn,
} from './successes-decide.js';
import {
  type Credit,
  RejectReasonSchema,
  type Success,
  successRecords,
  withEvent,
} from './successes-record.js';
import {
  APPROVE_ACTION,
  approvalCard,
  BACK_ACTION,
  EDIT_ACTION,
  type FormValues,
  REASON_ACTION,
  REJECT_ACTION,
  successForm,
} from './successes-views.js';
import { words } from './successes-words.js';

export { describe };

/** The form's values for a success (credited partners the list knows, the others as text). */
function valuesOf(s: Success, known: readonly { id: string }[]): FormValues {
  const listed = s.partners.filter((p) => p.id && known.some((k) => k.id === p.id));
  const others = s.partners.filter((p) => !listed.includes(p));
  return {
    title: s.title,
    story: s.story,
    partners: listed.flatMap((p) => (p.id ? [p.id] : [])),
    ...(others.length > 0 ? { otherPartners: others.map((p) => p.name).join(', ') } : {}),
    impactValue: s.impact.value,
    impactUnit: s.impact.unit,
    link: s.link,
    ...(s.photo ? { photo: s.photo } : {}),
  };
}

export const reviewActions: ActionSpec[] = [
  {
    id: APPROVE_ACTION,
    roles: ['spokesperson'],
    describe: describe('approve'),
    run: (ctx, event) => decide(ctx, event.value ?? '', { kind: 'approved' }),
  },
  {
    id: REASON_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const [id = '', reason] = (event.value ?? '').split('|');
      const parsed = RejectReasonSchema.safeParse(reason);
      if (!parsed.success) {
        ctx.reply(text(words.t(ctx.locale)('successes.gone')), { purpose: 'gone' });
        return;
      }
      await decide(ctx, id, { kind: 'rejected', reason: parsed.data });
    },
  },
  {
    id: REJECT_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (s) showOwn(ctx, s, 'reasons');
    },
  },
  {
    id: BACK_ACTION,
    roles: ['spokesperson'],
    describe: describe('reject'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (s) showOwn(ctx, s, 'decide');
    },
  },
  {
    id: EDIT_ACTION,
    roles: ['spokesperson'],
    describe: describe('edit'),
    async run(ctx, event) {
      const s = await pendingOrAnswer(ctx, event.value ?? '');
      if (!s) return;
      const partners = await knownPartners(ctx);
      ctx.showForm(
        FormSchema.parse(
          successForm(ctx.alliance, ctx.locale, {
            partners,
            values: valuesOf(s, partners),
            edit: { id: s.id, version: s.version },
          }),
        ),
      );
    },
  },
];

/** The edit form's context: the success and the version it was opened on. */
export function editContext(
  ctx: FlowContext,
  event: FormSubmittedEvent,
): { id: string; version: number } | undefined {
  const [allianceId, id, version] = (event.context ?? '').split('|');
  const n = Number(version);
  if (allianceId !== ctx.alliance.id || !id || !Number.isInteger(n) || n < 1) return undefined;
  return { id, version: n };
}

export interface Changes {
  title: string;
  story: string;
  partners: Credit[];
  impact: { value: number; unit: string };
  link: string;
  photo?: string | undefined;
}

type EditOutcome = 'changed' | 'unchanged' | 'gone' | 'decided' | 'conflict';

/** The success with the changes made (a photo left out goes). */
function edited(r: Success, changes: Changes): Success {
  const { photo: _old, ...rest } = r;
  return {
    ...rest,
    title: changes.title,
    story: changes.story,
    partners: changes.partners,
    impact: changes.impact,
    link: changes.link,
    ...(changes.photo ? { photo: changes.photo } : {}),
  };
}

/** What an edit made on `version` does to the success as it is now. */
function editOutcome(
  r: Success | null,
  key: string,
  version: number,
  changes: Changes,
): EditOutcome {
  if (!r) return 'gone';
  if (r.lastEvent === key) return 'changed'; // this very event, handled before a crash
  if (r.status !== 'pending') return 'decided';
  if (r.version !== version) return 'conflict';
  const facts = (x: Success) =>
    JSON.stringify([x.title, x.story, x.partners, x.impact, x.link, x.photo ?? ''], null, 0);
  return facts(edited(r, changes)) === facts(r) ? 'unchanged' : 'changed';
}

/** A spokesperson's edit (the version it was opened on must still be the current one). */
export async function submitEdit(
  ctx: FlowContext,
  changes: Changes,
  event: FormSubmittedEvent,
): Promise<void> {
  ctx.requireRole(['spokesperson'], describe('edit'));
  const t = words.t(ctx.locale);
  const target = editContext(ctx, event);
  if (!target) {
    ctx.completeForm(text(t('successes.gone')));
    return;
  }
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  let outcome = 'gone' as EditOutcome;
  const after = await successRecords(ctx.store).mutate(ctx.alliance.id, target.id, (r) => {
    outcome = editOutcome(r, key, target.version, changes);
    if (!r || outcome !== 'changed' || r.lastEvent === key) return r;
    const version = r.version + 1;
    return {
      ...edited(r, changes),
      edited: true,
      version,
      lastEvent: key,
      history: withEvent(r, { action: 'edited', ...by(ctx), at, version }),
    };
  });
  if (!after || outcome === 'gone') {
    ctx.completeForm(text(t('successes.gone')));
    return;
  }
  if (outcome === 'decided') {
    ctx.completeForm(text(alreadyText(ctx.locale, after)));
    return;
  }
  if (outcome === 'conflict') {
    const last = [...after.history].reverse().find((h) => h.action === 'edited');
    ctx.completeForm(
      text(
        t('successes.conflict', {
          title: after.title,
          who: last?.byName ?? t('common.unknownPerson'),
        }),
      ),
    );
    return;
  }
  if (outcome === 'unchanged') {
    ctx.completeForm(text(t('successes.done.unchanged', { title: after.title })));
    return;
  }
  await auditSuccess(ctx, 'success.edited', after, { version: after.version });
  await updateCards(ctx, after);
  ctx.completeForm(text(t('successes.done.edited', { title: after.title })));
}

/** `succes wachtend` / `success pending`: the successes waiting, each with a card to decide on. */
export async function showPending(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  const records = successRecords(ctx.store);
  const pending = (await records.list(ctx.alliance.id)).filter((s) => s.status === 'pending');
  if (pending.length === 0) {
    ctx.reply(text(t('successes.pendingNone')), { purpose: 'pending' });
    return;
  }
  ctx.reply(text(t('successes.pendingSome', { count: pending.length })), { purpose: 'pending' });
  for (const s of pending.slice(0, 20)) {
    const locale = await localeOf(ctx.store, ctx.alliance, ctx.userId);
    const handle = ctx.sendDirect(ctx.userId, approvalCard(ctx.alliance, s, locale), {
      purpose: `pending:${s.id}`,
    });
    // This card changes with the others when someone decides.
    await records.mutate(ctx.alliance.id, s.id, (r) =>
      r && !r.cards.some((c) => c.key === handle.key)
        ? { ...r, cards: [...r.cards, handle].slice(-100) }
        : r,
    );
  }
}
