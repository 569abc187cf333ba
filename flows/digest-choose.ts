/**
 * Choosing a personal digest (`overzicht kiezen` / `digest choose`, everyone in the alliance):
 * a form with how — not separately, as a direct message from the bot, or by e-mail — and the
 * address, prefilled with the one chosen before or else the one the person's platform gives.
 * The choice is kept per person (digest-personal-record.ts) and applies from the next digest;
 * choosing again clears a bounce. Where e-mail is off (no SMTP_URL) choosing it is answered next
 * to the field.
 */
import { z } from 'zod';
import type { FormSubmittedEvent, Locale } from '../src/core/events.js';
import { formFields } from '../src/core/form-schema.js';
import { type FormInput, FormSchema, text } from '../src/core/messages.js';
import type { FlowContext, FormSpec, Subcommand } from '../src/engine/flow.js';
import {
  type PersonalDigest,
  personalId,
  personalRecords,
  VIAS,
  type Via,
} from './digest-personal-record.js';
import { type PersonalT, words } from './digest-personal-words.js';

export const CHOOSE_FORM = 'digest.choose-form';
const EMAIL_MAX = 254;

/** Whose record: the member (over every linked identity), else this identity. */
const personOf = (ctx: FlowContext) => ctx.member?.id ?? ctx.userId;

export async function currentChoice(ctx: FlowContext): Promise<PersonalDigest | null> {
  return personalRecords(ctx.store).get(ctx.alliance.id, personalId(personOf(ctx)));
}

function currentText(t: PersonalT, choice: PersonalDigest | null): string {
  if (!choice || choice.via === 'none') return t('digest.personal.current.none');
  if (choice.via === 'dm') return t('digest.personal.current.dm');
  const email = choice.email ?? '';
  return choice.bounced
    ? t('digest.personal.current.bounced', { email })
    : t('digest.personal.current.email', { email });
}

async function chooseForm(ctx: FlowContext, locale: Locale): Promise<FormInput> {
  const t = words.t(locale);
  const choice = await currentChoice(ctx);
  const known = choice?.email ?? (await ctx.emailOf());
  return {
    id: CHOOSE_FORM,
    locale,
    title: t('digest.personal.title'),
    intro: `${t('digest.personal.intro')} ${currentText(t, choice)}`,
    submitLabel: t('digest.personal.submit'),
    context: ctx.alliance.id,
    fields: [
      {
        type: 'select',
        name: 'via',
        label: t('digest.personal.field.via'),
        options: VIAS.map((v) => ({ value: v, label: t(`digest.personal.via.${v}`) })),
        initial: choice?.via ?? 'none',
      },
      {
        type: 'text',
        name: 'email',
        label: t('digest.personal.field.email'),
        hint: t('digest.personal.field.email.hint'),
        required: false,
        maxLength: EMAIL_MAX,
        ...(known ? { initial: known } : {}),
      },
    ],
  };
}

export type Choice = { via: 'none' | 'dm' } | { via: 'email'; email: string };

function schema(ctx: FlowContext, locale: Locale) {
  const t = words.t(locale);
  const f = formFields(t);
  return z
    .object({ via: f.select(VIAS), email: f.optionalText(EMAIL_MAX) })
    .superRefine((v, issues) => {
      if (v.via !== 'email') return;
      const add = (path: 'via' | 'email', message: string) =>
        issues.addIssue({ code: 'custom', path: [path], message });
      if (!ctx.mailer) return add('via', t('digest.personal.error.noMail'));
      if (v.email === undefined) return add('email', t('form.required'));
      if (!z.email().safeParse(v.email).success) add('email', t('digest.personal.error.email'));
    })
    .transform(
      (v): Choice =>
        v.via === 'email'
          ? { via: 'email', email: (v.email ?? '').toLowerCase() }
          : { via: v.via as Exclude<Via, 'email'> },
    );
}

async function submit(ctx: FlowContext, choice: Choice, event: FormSubmittedEvent) {
  const t = words.t(ctx.locale);
  const { alliance } = ctx;
  // A form of another alliance (the person is in two): its choice is not this one's.
  if (event.context !== undefined && event.context !== alliance.id) return;
  const personId = personOf(ctx);
  const id = personalId(personId);
  await personalRecords(ctx.store).mutate(alliance.id, id, (current) => ({
    id,
    userId: ctx.userId,
    personId,
    via: choice.via,
    ...(choice.via === 'email'
      ? { email: choice.email }
      : current?.email
        ? { email: current.email }
        : {}),
    locale: ctx.locale,
    chosenAt: ctx.now.toISOString(),
    // Choosing again starts afresh: a new address (or the same one) is tried again.
    ...(current?.mail ? { mail: current.mail } : {}),
    // The link in their e-mails stays the same one.
    ...(current?.unsubscribe ? { unsubscribe: current.unsubscribe } : {}),
  }));
  ctx.completeForm(
    text(
      choice.via === 'email'
        ? t('digest.personal.done.email', { email: choice.email })
        : t(`digest.personal.done.${choice.via}`),
    ),
  );
}

const describe = (locale: Locale) => words.t(locale)('digest.personal.describe');

export const digestChooseForm: FormSpec<Choice> = {
  id: CHOOSE_FORM,
  describe,
  schema: (ctx, _t, locale) => schema(ctx, locale),
  build: async (ctx, locale) => FormSchema.parse(await chooseForm(ctx, locale)),
  submit,
};

/** `overzicht kiezen` / `digest choose`: opens the form. */
export const digestChooseCommand: Subcommand = {
  command: 'digest',
  words: { nl: 'kiezen', en: 'choose' },
  describe,
  async run(ctx) {
    ctx.showForm(FormSchema.parse(await chooseForm(ctx, ctx.locale)));
  },
};
