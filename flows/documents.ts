/**
 * Documents, on the flow kit: share a link to a document at a level of confidentiality
 * (`deel` / `share`: public, alliance, core team, named partners only; an optional review
 * date), find what you may see (`documenten [woorden]` / `docs [words]`: best match first on
 * title, summary and topics, accents and case ignored), manage what you shared (`documenten
 * mijn` / `docs mine`: change or withdraw, every announcement updated in place) and ask the
 * alliance for one (`vraag` / `ask`, documents-ask.ts). Every access decision is the policy's
 * (src/domain/visibility.ts); documents are the alliance's, whichever platform they were
 * shared from, so one shared on Slack is found on Teams when its level allows.
 */
import { text } from '../src/core/messages.js';
import { mayManage, maySee } from '../src/domain/visibility.js';
import type { Flow, FlowContext, FormSpec, Subcommand } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { answerAction, askSpec, askSubcommand } from './documents-ask.js';
import { audienceState, followAudience } from './documents-audience.js';
import { buildShareForm, shareSpec } from './documents-form.js';
import { manageActions, remindOwner } from './documents-manage.js';
import { REVIEW_KIND } from './documents-publish.js';
import { documents, facts, rank, requests, speaker } from './documents-record.js';
import { announcement, listCard, ownerButtons, partnerNames } from './documents-views.js';
import { words } from './documents-words.js';

/** At most this many documents in a list. */
export const SHOWN = 10;

async function cardFacts(ctx: FlowContext) {
  const names = partnerNames(await ctx.store.members.listPartners(ctx.alliance.id));
  return { alliance: ctx.alliance, names, t: words.t(ctx.locale), locale: ctx.locale };
}

/** `documenten [woorden]`: what this person may see, best match first. */
async function list(ctx: FlowContext, args: string): Promise<void> {
  const t = words.t(ctx.locale);
  const me = speaker(ctx);
  const all = await ctx.store.collection(documents).list(ctx.alliance.id);
  const visible = all.filter((d) => maySee(ctx.alliance, facts(d), me));
  const query = args.trim().slice(0, 200);
  const found = rank(visible, query);
  if (found.length === 0) {
    ctx.reply(
      text(query ? t('documents.list.noMatch', { words: query }) : t('documents.list.none')),
      { purpose: 'documents' },
    );
    return;
  }
  ctx.reply(listCard(found, SHOWN, { ...(await cardFacts(ctx)), words: query }), {
    purpose: 'documents',
  });
}

/** `documenten mijn`: the person's own shared documents, each with its buttons. */
async function mine(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  const me = speaker(ctx);
  const own = (await ctx.store.collection(documents).list(ctx.alliance.id))
    .filter((d) => mayManage(ctx.alliance, facts(d), me))
    .sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));
  if (own.length === 0) {
    ctx.reply(text(t('documents.mine.none')), { purpose: 'mine' });
    return;
  }
  const c = await cardFacts(ctx);
  ctx.reply(text(t('documents.mine.header', { count: own.length })), { purpose: 'mine' });
  for (const d of own.slice(0, SHOWN))
    ctx.reply(announcement(d, c, ownerButtons(d, t)), { purpose: `mine:${d.id}` });
  if (own.length > SHOWN)
    ctx.reply(text(t('documents.list.more', { count: own.length - SHOWN })), {
      purpose: 'mine-more',
    });
}

const subcommands: Subcommand[] = [
  {
    command: 'share',
    describe: (locale) => words.t(locale)('documents.describe.share'),
    async run(ctx) {
      ctx.showForm(await buildShareForm(ctx, ctx.locale));
    },
  },
  {
    command: 'docs',
    describe: (locale) => words.t(locale)('documents.describe.list'),
    run: list,
  },
  {
    command: 'docs',
    words: { nl: 'mijn', en: 'mine' },
    describe: (locale) => words.t(locale)('documents.describe.mine'),
    run: (ctx) => mine(ctx),
  },
  askSubcommand,
];

export const documentsFlow: Flow = {
  id: 'documents',
  subcommands,
  forms: [shareSpec as FormSpec<unknown>, askSpec as FormSpec<unknown>],
  actions: [...manageActions, answerAction],
  collections: [
    documents as CollectionSpec<unknown>,
    requests as CollectionSpec<unknown>,
    audienceState as CollectionSpec<unknown>,
  ],
  async onReminder(ctx, kind, data) {
    if (kind === REVIEW_KIND) await remindOwner(ctx, data);
  },
  // A channel's audience or the core team changed in the config: announcements follow.
  onStart: followAudience,
};
