/**
 * The toolkit (communicatiemiddelen): key messages, boilerplate texts and links per language,
 * so partners speak with one message to their own constituencies. Seeded from the alliance
 * config (toolkit-record.ts says how the config and the chat meet), kept by the coordinators
 * in chat — `toolkit toevoegen` / `toolkit add`, and Change and Retire on each item of their
 * view (toolkit-forms.ts) — and fetched by everyone with `toolkit` (optionally followed by
 * words to search): the items in their language (the other language when there are none in
 * theirs), grouped by kind, each in a card of its own whose body is exactly the text, and a
 * button that sends the text alone as a plain message, to copy as it is.
 */
import type { Locale } from '../src/core/events.js';
import { FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import {
  auditItem,
  buildAddForm,
  by,
  describe,
  eventKey,
  itemSpec,
  lastWriter,
  valuesOf,
} from './toolkit-forms.js';
import {
  seedToolkit,
  type ToolkitRecord,
  toolkitItems,
  toolkitRecords,
  withEvent,
} from './toolkit-record.js';
import {
  ADD_ACTION,
  CHANGE_ACTION,
  COPY_ACTION,
  emptyCard,
  inKindOrder,
  itemCard,
  itemForm,
  MAX_SHOWN,
  overviewCard,
  RETIRE_ACTION,
} from './toolkit-views.js';
import { words } from './toolkit-words.js';

const isCoordinator = (ctx: FlowContext) => ctx.roles.includes('coordinator');
const other = (locale: Locale): Locale => (locale === 'nl' ? 'en' : 'nl');

/** Lower case without accents, for searching. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Whether every searched word occurs in the item (title, text, or its kind's names). */
function matches(item: ToolkitRecord, search: string[]): boolean {
  const kinds = (['nl', 'en'] as const).flatMap((l) => [
    words.t(l)(`toolkit.kind.${item.kind}`),
    words.t(l)(`toolkit.kinds.${item.kind}`),
  ]);
  const haystack = fold([item.title, item.text, ...kinds].join('\n'));
  return search.every((w) => haystack.includes(w));
}

/** `toolkit [words]`: the items this person may use, as cards to copy from. */
async function show(ctx: FlowContext, args: string): Promise<void> {
  const { alliance, locale } = ctx;
  const t = words.t(locale);
  const coordinator = isCoordinator(ctx);
  await seedToolkit(ctx.store, alliance, ctx.now);
  const active = (await toolkitRecords(ctx.store).list(alliance.id)).filter(
    (r) => r.status === 'active',
  );
  const search = fold(args)
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const found = active.filter((r) => matches(r, search));
  let items: ToolkitRecord[];
  let fallback: Locale | undefined;
  if (coordinator) {
    items = [locale, other(locale)].flatMap((l) =>
      inKindOrder(found.filter((r) => r.language === l)),
    );
  } else {
    items = inKindOrder(found.filter((r) => r.language === locale));
    if (items.length === 0) {
      items = inKindOrder(found.filter((r) => r.language === other(locale)));
      if (items.length > 0) fallback = other(locale);
    }
  }
  if (items.length === 0) {
    const message =
      search.length > 0
        ? t('toolkit.nothingFound', { words: args.trim() })
        : t(coordinator ? 'toolkit.emptyCoordinator' : 'toolkit.empty');
    ctx.reply(emptyCard(alliance, message, coordinator, t), { purpose: 'toolkit' });
    return;
  }
  const shown = items.slice(0, MAX_SHOWN);
  ctx.reply(
    overviewCard(alliance, { shown, more: items.length - shown.length, fallback, coordinator }, t),
    { purpose: 'toolkit' },
  );
  for (const item of shown) {
    ctx.reply(itemCard(item, t, { locale, timeZone: alliance.timeZone, coordinator }), {
      purpose: `item:${item.id}`,
    });
  }
}

async function openAdd(ctx: FlowContext) {
  ctx.showForm(await buildAddForm(ctx, ctx.locale));
}

const addAction: ActionSpec = {
  id: ADD_ACTION,
  roles: ['coordinator'],
  describe: describe('add'),
  run: openAdd,
};

const changeAction: ActionSpec = {
  id: CHANGE_ACTION,
  roles: ['coordinator'],
  describe: describe('change'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const record = await toolkitRecords(ctx.store).get(ctx.alliance.id, event.value ?? '');
    if (!record) {
      ctx.reply(text(t('toolkit.gone')), { purpose: 'gone' });
      return;
    }
    if (record.status === 'retired') {
      ctx.reply(
        text(t('toolkit.alreadyRetired', { title: record.title, ...lastWriter(record, ctx) })),
        { purpose: 'retired' },
      );
      return;
    }
    ctx.showForm(
      FormSchema.parse(
        itemForm(ctx.alliance, t, ctx.locale, valuesOf(record), {
          id: record.id,
          version: record.version,
        }),
      ),
    );
  },
};

const retireAction: ActionSpec = {
  id: RETIRE_ACTION,
  roles: ['coordinator'],
  describe: describe('retire'),
  async run(ctx, event) {
    const t = words.t(ctx.locale);
    const key = eventKey(ctx);
    const at = ctx.now.toISOString();
    let outcome: 'retired' | 'already' | 'gone' = 'gone';
    const after = await toolkitRecords(ctx.store).mutate(
      ctx.alliance.id,
      event.value ?? '',
      (r) => {
        outcome = !r
          ? 'gone'
          : r.lastEvent === key || r.status === 'active'
            ? 'retired'
            : 'already';
        if (!r || r.lastEvent === key || r.status === 'retired') return r;
        const version = r.version + 1;
        return {
          ...r,
          status: 'retired' as const,
          version,
          lastEvent: key,
          history: withEvent(r, { action: 'retired', ...by(ctx), at, version }),
        };
      },
    );
    const result = outcome as 'retired' | 'already' | 'gone';
    if (!after || result === 'gone') {
      ctx.reply(text(t('toolkit.gone')), { purpose: 'gone' });
      return;
    }
    if (result === 'already') {
      ctx.reply(
        text(t('toolkit.alreadyRetired', { title: after.title, ...lastWriter(after, ctx) })),
        { purpose: 'retired' },
      );
      return;
    }
    await auditItem(ctx, 'toolkit.retired', after);
    ctx.reply(text(t('toolkit.done.retired', { title: after.title })), { purpose: 'retired' });
  },
};

/** Copyable text: the item's text alone, as a plain message (what a phone can copy whole). */
const copyAction: ActionSpec = {
  id: COPY_ACTION,
  describe: describe('copy'),
  async run(ctx, event) {
    const record = await toolkitRecords(ctx.store).get(ctx.alliance.id, event.value ?? '');
    if (record?.status !== 'active') {
      ctx.reply(text(words.t(ctx.locale)('toolkit.gone')), { purpose: 'gone' });
      return;
    }
    ctx.reply(text(record.text), { purpose: `copy:${record.id}` });
  },
};

export const toolkitFlow: Flow = {
  id: 'toolkit',
  subcommands: [
    { command: 'toolkit', describe: describe('show'), run: show },
    {
      command: 'toolkit',
      words: { nl: 'toevoegen', en: 'add' },
      roles: ['coordinator'],
      describe: describe('add'),
      run: openAdd,
    },
  ],
  forms: [itemSpec as FormSpec<unknown>],
  actions: [copyAction, addAction, changeAction, retireAction],
  collections: [toolkitItems as CollectionSpec<unknown>],
};
