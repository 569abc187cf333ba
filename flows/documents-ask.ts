/**
 * Asking the alliance for a document (`vraag` / `ask`): `vraag <wat je zoekt>` at once, or
 * `vraag` alone for a small form. The request goes to every alliance channel (it says only
 * what is sought, which the whole alliance may read) with a button "I have one" that opens the
 * share form for it; whoever shares one is credited on the request's cards and the asker is
 * told privately — at a level the asker may see (the share form makes sure of that).
 */
import { z } from 'zod';
import { formFields } from '../src/core/form-schema.js';
import type { Translator } from '../src/core/i18n/index.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, FlowContext, FormSpec, Subcommand } from '../src/engine/flow.js';
import { buildShareForm, contextRecord, formContext } from './documents-form.js';
import {
  type DocumentRequest,
  LIMITS,
  occurrenceOf,
  recordId,
  requests,
  speaker,
} from './documents-record.js';
import { ANSWER_ACTION, ASK_FORM_ID, askForm, requestCard } from './documents-views.js';
import { words } from './documents-words.js';

/** Stores the request once and posts it in the alliance channels; tells the asker where. */
async function postRequest(ctx: FlowContext, what: string): Promise<string> {
  const { alliance } = ctx;
  const t = words.t(ctx.locale);
  const me = speaker(ctx);
  const occurrence = occurrenceOf(ctx);
  const draft: DocumentRequest = {
    id: recordId('req', occurrence),
    askerId: me.userId,
    ...(ctx.displayName ? { askerName: ctx.displayName } : {}),
    ...(me.partnerId ? { askerPartnerId: me.partnerId } : {}),
    askerLocale: ctx.locale,
    what,
    askedAt: ctx.now.toISOString(),
    occurrence,
    answers: [],
    cards: [],
  };
  const collection = ctx.store.collection(requests);
  await collection.create(alliance.id, draft.id, draft);
  const cards = ctx.postToAllianceChannels(requestCard(draft, words.t(alliance.locale), []), {
    purpose: `request:${draft.id}`,
  });
  await collection.mutate(alliance.id, draft.id, (r) => r && { ...r, cards });
  return cards.length > 0
    ? t('documents.ask.posted', { channels: cards.length })
    : t('documents.ask.nowhere');
}

const askSchema = (t: Translator) => z.object({ what: formFields(t).text(LIMITS.what) });
type AskValues = z.infer<ReturnType<typeof askSchema>>;

const buildAskForm = async (ctx: FlowContext, locale = ctx.locale) =>
  FormSchema.parse(askForm(words.t(locale), locale, formContext(ctx.alliance.id)));

export const askSpec: FormSpec<AskValues> = {
  id: ASK_FORM_ID,
  describe: (locale) => words.t(locale)('documents.describe.ask'),
  schema: (_ctx, t) => askSchema(t),
  build: buildAskForm,
  async submit(ctx, v, event) {
    contextRecord(ctx, event);
    ctx.completeForm(text(await postRequest(ctx, v.what)));
  },
};

export const askSubcommand: Subcommand = {
  command: 'ask',
  describe: (locale) => words.t(locale)('documents.describe.ask'),
  async run(ctx, args) {
    const what = args.trim();
    if (what === '') {
      ctx.showForm(await buildAskForm(ctx));
      return;
    }
    if ([...what].length > LIMITS.what) {
      ctx.reply(text(ctx.t('form.tooLong', { max: LIMITS.what })), { purpose: 'too-long' });
      return;
    }
    ctx.reply(text(await postRequest(ctx, what)), { purpose: 'asked' });
  },
};

export const answerAction: ActionSpec = {
  id: ANSWER_ACTION,
  describe: (locale) => words.t(locale)('documents.describe.answer'),
  async run(ctx, event) {
    const r = await ctx.store.collection(requests).get(ctx.alliance.id, event.value ?? '');
    if (!r) {
      ctx.reply(text(words.t(ctx.locale)('documents.ask.gone')), { purpose: 'gone' });
      return;
    }
    ctx.showForm(await buildShareForm(ctx, ctx.locale, formContext(ctx.alliance.id, r.id)));
  },
};
