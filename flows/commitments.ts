/**
 * Commitments (afspraken): each partner registers what it does for the shared ambition — what,
 * done by when, who owns it — with `afspraak` / `commitment` (the list of their organisation's
 * commitments, a button for a new one and Change on each), in a typed form whose due date is
 * a date input on every surface (a date in the past, one more than ten years ahead or one
 * that is no date is answered next to the field, "today" in the alliance's time zone). A
 * coordinator sees
 * every partner's and may register or change one for any partner (the owner's organisation is
 * the commitment's). Check-ins (checkins.ts) ask about them; each answer's status is kept on
 * the commitment. Every change is logged (`commitment.updated`) with who did it and when.
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { formatDate } from '../src/core/i18n/index.js';
import { card, type FormInput, FormSchema, text } from '../src/core/messages.js';
import type { ActionSpec, Flow, FlowContext, FormSpec } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import {
  type Commitment,
  commitmentId,
  commitmentItems,
  commitmentRecords,
  dueDateError,
  LIMITS,
  monthEnd,
  todayIn,
} from './commitments-record.js';
import { type CommitmentsT, words } from './commitments-words.js';

export const FORM_ID = 'commitments.form';
export const NEW_ACTION = 'commitments.new';
export const CHANGE_ACTION = 'commitments.change';

const describe = (key: 'show' | 'new' | 'change') => (locale: Locale) =>
  words.t(locale)(`commitments.describe.${key}`);
const eventKey = (ctx: FlowContext) => `${ctx.event.platform}:${ctx.event.eventId}`;
const isCoordinator = (ctx: FlowContext) => ctx.roles.includes('coordinator');

/** A due date as people write it: "31 maart 2027" / "31 March 2027" (a calendar date, no zone). */
function dueLabel(due: string, locale: Locale): string {
  return formatDate(`${due}T12:00:00Z`, locale, 'UTC', 'd MMMM yyyy');
}

/** The people a commitment may be owned by: value (identity) and label. */
async function ownerOptions(ctx: FlowContext, t: CommitmentsT) {
  const self = {
    value: ctx.userId,
    label: `${ctx.displayName ?? ctx.userId} (${ctx.partner?.name ?? t('commitments.coordination')})`,
  };
  const partners = new Map(
    (await ctx.store.members.listPartners(ctx.alliance.id)).map((p) => [p.id, p.name]),
  );
  const members = (await ctx.store.members.listMembers(ctx.alliance.id)).filter(
    (m) =>
      m.id !== ctx.userId &&
      m.id !== ctx.member?.id &&
      (isCoordinator(ctx) || m.partnerId === ctx.member?.partnerId),
  );
  const others = members
    .map((m) => ({ value: m.id, label: `${m.name} (${partners.get(m.partnerId) ?? m.partnerId})` }))
    .sort((a, b) => a.label.localeCompare(b.label, 'nl'));
  return [self, ...others].slice(0, 100);
}

async function commitmentForm(
  ctx: FlowContext,
  locale: Locale,
  existing?: Commitment,
): Promise<FormInput> {
  const t = words.t(locale);
  return {
    id: FORM_ID,
    locale,
    title: t(existing ? 'commitments.form.changeTitle' : 'commitments.form.newTitle'),
    intro: t('commitments.form.intro'),
    submitLabel: t('commitments.form.submit'),
    context: existing ? `${ctx.alliance.id}|${existing.id}` : ctx.alliance.id,
    fields: [
      {
        type: 'text',
        name: 'what',
        label: t('commitments.field.what'),
        hint: t('commitments.field.what.hint'),
        maxLength: LIMITS.what,
        ...(existing ? { initial: existing.what } : {}),
      },
      {
        type: 'date',
        name: 'due',
        label: t('commitments.field.due'),
        hint: t('commitments.field.due.hint'),
        initial: existing?.due ?? monthEnd(todayIn(ctx.now, ctx.alliance.timeZone), 2),
      },
      {
        type: 'select',
        name: 'owner',
        label: t('commitments.field.owner'),
        options: await ownerOptions(ctx, t),
        initial: existing?.owner ?? ctx.userId,
      },
    ],
  };
}

function schema(ctx: FlowContext, locale: Locale) {
  const t = words.t(locale);
  const f = formFields(t);
  const today = todayIn(ctx.now, ctx.alliance.timeZone);
  return z.object({
    what: f.text(LIMITS.what),
    due: f.date().superRefine((d, issue) => {
      const error = dueDateError(d, today);
      if (error) issue.addIssue({ code: 'custom', message: t(`commitments.error.${error}`) });
    }),
    owner: f.text(200),
  });
}
type Values = z.infer<ReturnType<typeof schema>>;

function commitmentCard(c: Commitment, partner: string, ctx: FlowContext, t: CommitmentsT) {
  const status = c.last
    ? t('commitments.item.status', {
        status: t(`commitments.status.${c.last.status}`),
        when: formatDate(c.last.at, ctx.locale, ctx.alliance.timeZone),
      })
    : undefined;
  return {
    label: `${c.what}`,
    value: [
      t('commitments.item', {
        due: dueLabel(c.due, ctx.locale),
        owner: c.ownerName ?? partner,
      }),
      ...(status ? [status] : []),
    ].join('\n'),
  };
}

/** `afspraak`: the commitments of the person's organisation (a coordinator: everyone's). */
async function show(ctx: FlowContext): Promise<void> {
  const t = words.t(ctx.locale);
  if (!ctx.member && !isCoordinator(ctx)) {
    ctx.reply(text(t('commitments.notMember')), { purpose: 'not-member' });
    return;
  }
  const partners = new Map(
    (await ctx.store.members.listPartners(ctx.alliance.id)).map((p) => [p.id, p.name]),
  );
  const all = await commitmentRecords(ctx.store).list(ctx.alliance.id);
  const mine = isCoordinator(ctx) ? all : all.filter((c) => c.partnerId === ctx.member?.partnerId);
  const partnerName = (c: Commitment) =>
    c.partnerId ? (partners.get(c.partnerId) ?? c.partnerId) : t('commitments.coordination');
  ctx.reply(
    card({
      header: isCoordinator(ctx)
        ? t('commitments.headerAll')
        : t('commitments.header', { partner: ctx.partner?.name ?? '' }),
      text:
        mine.length === 0
          ? t('commitments.none')
          : t('commitments.intro', { ambition: ctx.alliance.ambition }),
      fields: mine.slice(0, 25).map((c) => {
        const field = commitmentCard(c, partnerName(c), ctx, t);
        return isCoordinator(ctx)
          ? { ...field, label: `${partnerName(c)}: ${field.label}` }
          : field;
      }),
      buttons: [
        { actionId: NEW_ACTION, label: t('commitments.new'), style: 'primary' as const },
        ...mine.slice(0, 20).map((c) => ({
          actionId: CHANGE_ACTION,
          label: `${t('commitments.change')}: ${[...c.what].slice(0, 40).join('')}`,
          value: c.id,
        })),
      ],
    }),
    { purpose: 'commitments' },
  );
}

const mayChange = (ctx: FlowContext, c: Commitment) =>
  isCoordinator(ctx) || (ctx.member !== null && c.partnerId === ctx.member.partnerId);

async function openForm(ctx: FlowContext, id?: string): Promise<void> {
  const t = words.t(ctx.locale);
  if (!ctx.member && !isCoordinator(ctx)) {
    ctx.reply(text(t('commitments.notMember')), { purpose: 'not-member' });
    return;
  }
  const existing = id ? await commitmentRecords(ctx.store).get(ctx.alliance.id, id) : null;
  if (id && !existing) {
    ctx.reply(text(t('commitments.gone')), { purpose: 'gone' });
    return;
  }
  if (existing && !mayChange(ctx, existing)) {
    ctx.reply(text(t('commitments.notYours')), { purpose: 'not-yours' });
    return;
  }
  ctx.showForm(FormSchema.parse(await commitmentForm(ctx, ctx.locale, existing ?? undefined)));
}

function target(ctx: FlowContext, event: FormSubmittedEvent): string | null | undefined {
  if (event.context === undefined) return null;
  const [allianceId, id] = event.context.split('|');
  if (allianceId !== ctx.alliance.id) return undefined;
  return id ?? null;
}

async function submit(ctx: FlowContext, v: Values, event: FormSubmittedEvent): Promise<void> {
  const t = words.t(ctx.locale);
  const id = target(ctx, event);
  if (id === undefined) {
    ctx.completeForm(text(t('commitments.gone')));
    return;
  }
  if (!ctx.member && !isCoordinator(ctx)) {
    ctx.completeForm(text(t('commitments.notMember')));
    return;
  }
  // The owner: the person themself, or a member (of their own organisation, unless coordinator).
  const self = v.owner === ctx.userId || (ctx.member !== null && v.owner === ctx.member.id);
  const member = self ? ctx.member : await ctx.store.members.getMember(ctx.alliance.id, v.owner);
  // A coordinator may also name someone of the config (the coordination's own commitment).
  const configName = isCoordinator(ctx) && !member ? ctx.directory.nameOf(v.owner) : undefined;
  const known = member
    ? isCoordinator(ctx) || member.partnerId === ctx.member?.partnerId
    : configName;
  if (!self && !known) {
    ctx.rejectForm(FormSchema.parse(await commitmentForm(ctx, ctx.locale)), event.values, {
      owner: t('commitments.error.owner'),
    });
    return;
  }
  const owner = self ? ctx.userId : v.owner;
  const ownerName = self ? ctx.displayName : (member?.name ?? configName);
  const partnerId = member?.partnerId;
  const key = eventKey(ctx);
  const at = ctx.now.toISOString();
  const by = { by: ctx.userId, ...(ctx.displayName ? { byName: ctx.displayName } : {}), at };
  const records = commitmentRecords(ctx.store);
  const fields = {
    what: v.what,
    due: v.due,
    owner,
    ...(ownerName ? { ownerName } : {}),
    ...(partnerId ? { partnerId } : {}),
  };
  let written: Commitment | null;
  if (id === null) {
    const newId = commitmentId(key);
    await records.create(ctx.alliance.id, newId, {
      id: newId,
      ...fields,
      version: 1,
      lastEvent: key,
      history: [{ action: 'created', ...by }],
    });
    written = await records.get(ctx.alliance.id, newId);
  } else {
    let refused = false;
    written = await records.mutate(ctx.alliance.id, id, (c) => {
      refused = c !== null && !mayChange(ctx, c);
      if (!c || refused || c.lastEvent === key) return c;
      const { owner: _o, ownerName: _n, partnerId: _p, ...rest } = c;
      return {
        ...rest,
        ...fields,
        version: c.version + 1,
        lastEvent: key,
        history: [...c.history, { action: 'changed' as const, ...by }].slice(-200),
      };
    });
    if (refused) {
      ctx.completeForm(text(t('commitments.notYours')));
      return;
    }
  }
  if (!written) {
    ctx.completeForm(text(t('commitments.gone')));
    return;
  }
  if (written.lastEvent === key) {
    await ctx.audit(id === null ? 'commitment.created' : 'commitment.changed', {
      commitment: written.id,
      ...(written.partnerId ? { partner: written.partnerId } : {}),
      due: written.due,
    });
    await ctx.store.activity.append(ctx.alliance.id, {
      type: 'commitment.updated',
      actor: ctx.userId,
      ...(written.partnerId ? { partner: written.partnerId } : {}),
      at,
      data: {
        commitment: written.id,
        action: id === null ? 'created' : 'changed',
        due: written.due,
      },
    });
  }
  ctx.completeForm(
    text(t(id === null ? 'commitments.done.new' : 'commitments.done.changed', { what: v.what })),
  );
}

const newAction: ActionSpec = {
  id: NEW_ACTION,
  describe: describe('new'),
  run: (ctx) => openForm(ctx),
};

const changeAction: ActionSpec = {
  id: CHANGE_ACTION,
  describe: describe('change'),
  run: (ctx, event) => openForm(ctx, event.value ?? ''),
};

const formSpec: FormSpec<Values> = {
  id: FORM_ID,
  describe: describe('new'),
  schema: (ctx, _t, locale) => schema(ctx, locale),
  build: async (ctx, locale) => {
    const id = ctx.event.type === 'form_submitted' ? target(ctx, ctx.event) : null;
    const existing = id ? await commitmentRecords(ctx.store).get(ctx.alliance.id, id) : null;
    return FormSchema.parse(await commitmentForm(ctx, locale, existing ?? undefined));
  },
  submit,
};

export const commitmentsFlow: Flow = {
  id: 'commitments',
  subcommands: [
    { command: 'commitment', describe: describe('show'), run: show },
    {
      command: 'commitment',
      words: { nl: 'nieuw', en: 'new' },
      describe: describe('new'),
      run: (ctx) => openForm(ctx),
    },
  ],
  forms: [formSpec as FormSpec<unknown>],
  actions: [newAction, changeAction],
  collections: [commitmentItems as CollectionSpec<unknown>],
};
