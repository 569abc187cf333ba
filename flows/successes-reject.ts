/**
 * Rejecting a success in one's own words: the "Own reason…" button among the quick reasons on
 * the approval card opens a form with one text input (required, at most LIMITS.reason
 * characters; on Slack a modal, on Teams a card with its input, in the web chat a form); its
 * submission rejects the success as the quick reasons do (successes-decide.ts: the first
 * decision counts) and the proposer hears those words as typed — each adapter escapes them for
 * its surface. Only a spokesperson may.
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { type FormInput, FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, FlowContext, FormSpec } from '../src/engine/flow.js';
import { decide, describe, pendingOrAnswer } from './successes-decide.js';
import { LIMITS, successRecords } from './successes-record.js';
import { OWN_REASON_ACTION, REJECT_FORM_ID } from './successes-views.js';
import { words } from './successes-words.js';

/** The form: the success it rejects in its context, with the alliance. */
export function rejectForm(
  allianceId: string,
  s: { id: string; title: string },
  locale: Locale,
): FormInput {
  const t = words.t(locale);
  return {
    id: REJECT_FORM_ID,
    locale,
    title: t('successes.rejectForm.title'),
    intro: t('successes.rejectForm.intro', { title: s.title }),
    submitLabel: t('successes.rejectForm.submit'),
    context: `${allianceId}|${s.id}`,
    fields: [
      {
        type: 'longText',
        name: 'reason',
        label: t('successes.rejectForm.reason'),
        hint: t('successes.rejectForm.reason.hint'),
        maxLength: LIMITS.reason,
      },
    ],
  };
}

/** The success a submission is about, if the form is this alliance's. */
function target(ctx: FlowContext, event: FormSubmittedEvent | undefined): string | undefined {
  const [allianceId, id] = (event?.context ?? '').split('|');
  return allianceId === ctx.alliance.id && id ? id : undefined;
}

export const ownReasonAction: ActionSpec = {
  id: OWN_REASON_ACTION,
  roles: ['spokesperson'],
  describe: describe('reject'),
  async run(ctx, event) {
    const s = await pendingOrAnswer(ctx, event.value ?? '');
    if (s) ctx.showForm(FormSchema.parse(rejectForm(ctx.alliance.id, s, ctx.locale)));
  },
};

/** What the reject form gives (its schema is the form's own, below). */
interface RejectValues {
  reason: string;
}

export const rejectFormSpec: FormSpec<RejectValues> = {
  id: REJECT_FORM_ID,
  roles: ['spokesperson'],
  describe: describe('reject'),
  schema: (_ctx, t) => z.object({ reason: formFields(t).text(LIMITS.reason) }),
  async build(ctx, locale) {
    const event = ctx.event.type === 'form_submitted' ? ctx.event : undefined;
    const id = target(ctx, event) ?? '';
    const s = id ? await successRecords(ctx.store).get(ctx.alliance.id, id) : null;
    return FormSchema.parse(rejectForm(ctx.alliance.id, s ?? { id, title: '' }, locale));
  },
  async submit(ctx, values, event) {
    const id = target(ctx, event);
    if (!id) {
      ctx.completeForm(text(words.t(ctx.locale)('successes.gone')));
      return;
    }
    await decide(ctx, id, { kind: 'rejected', note: values.reason }, (m) => ctx.completeForm(m));
  },
};
