/**
 * Privacy (AVG/GDPR): `privacy` shows what the bot keeps about the person (per kind, how much
 * and why); `privacy inzien` / `privacy export` sends them, privately, everything as a JSON
 * file (a Slack file in their DM, a Teams file consent card; in the web chat, or when the
 * upload fails or is declined, a one-time download link) and a readable summary;
 * `privacy vergeten` / `privacy forget` asks for a confirmation (a button) and then erases it through every holder of personal data
 * — shared records keep their content, credited to the organisation — and says what went. A
 * coordinator can do both for a person who left (`privacy inzien <naam>`), or one known only by
 * e-mail (`privacy vergeten <e-mailadres>`: an invitee, a digest reader); every export and
 * erasure is written in the audit trail, the erased person under their pseudonym.
 *
 * An erasure's own answer leaves traces (the delivered message, its ledger entry, the chat
 * log): a sweep a minute later erases again, so nothing of the person stays.
 */

import { card, cardWithFile, text } from '../src/core/messages.js';
import type { PersonalDataSubject } from '../src/core/personal-data.js';
import type { ActionSpec, Flow, FlowContext, JobContext } from '../src/engine/flow.js';
import { lines, overviewLines, resolveTarget, type Target } from './privacy-views.js';
import { words } from './privacy-words.js';

/** How long after an erasure the sweep erases what its answer left. */
export const SWEEP_DELAY_MS = 60_000;

const describe = (what: 'overview' | 'export' | 'forget' | 'other') => (l: 'nl' | 'en') =>
  words.t(l)(`privacy.describe.${what}`);

/** The person to act on: the one speaking, or (coordinators only) the one named. */
async function targetOf(ctx: FlowContext, args: string): Promise<Target | undefined> {
  const named = args.trim();
  if (named) ctx.requireRole(['coordinator'], describe('other'));
  const target = await resolveTarget(ctx, named);
  if (typeof target === 'string') {
    ctx.reply(text(target), { purpose: 'unknown-person' });
    return undefined;
  }
  return target;
}

/**
 * The target of a button: the person pressing it (whatever its value says), or — only for the
 * coordinator's own button, `privacy.other-forget` — the person its value names.
 */
async function pressedTarget(ctx: FlowContext, value?: string): Promise<Target | undefined> {
  return targetOf(ctx, value ?? '');
}

async function overview(ctx: FlowContext): Promise<void> {
  const target = await targetOf(ctx, '');
  if (!target) return;
  const t = words.t(ctx.locale);
  const counts = await ctx.privacy.countFor(target.subject);
  const body = overviewLines(ctx, counts);
  ctx.reply(
    card({
      header: t('privacy.overview.header'),
      text:
        body.length > 0
          ? `${t('privacy.overview.intro')}\n${body.join('\n')}`
          : t('privacy.overview.none'),
      buttons: [
        { actionId: 'privacy.export', label: t('privacy.button.export') },
        { actionId: 'privacy.ask', label: t('privacy.button.forget'), style: 'danger' },
      ],
      context: [t('privacy.overview.context')],
    }),
    { purpose: 'overview' },
  );
}

async function exportData(ctx: FlowContext, target: Target): Promise<void> {
  const t = words.t(ctx.locale);
  const parts = await ctx.privacy.exportFor(target.subject);
  const file = JSON.stringify(
    {
      alliance: ctx.alliance.id,
      exportedAt: ctx.now.toISOString(),
      person: {
        ids: target.subject.userIds,
        names: target.subject.names ?? [],
        ...(target.subject.emails ? { emails: target.subject.emails } : {}),
      },
      data: parts,
    },
    null,
    2,
  );
  const fileName = `alliantiebot-${ctx.alliance.id}-export.json`;
  const { token, link } = await ctx.privacy.offerDownload(target.subject.userIds, fileName, file);
  const counts = Object.fromEntries(parts.map((p) => [p.kind, p.records.length]));
  await ctx.audit('privacy.exported', {
    subject: target.id,
    ...(target.name ? { subjectName: target.name } : {}),
    kinds: parts.length,
  });
  const summary = {
    header: t('privacy.export.header', { name: target.name ?? target.id }),
    text: lines(ctx, counts).join('\n') || t('privacy.overview.none'),
  };
  // Slack and Teams hand the JSON over as a file; the web chat (and a failed or declined
  // upload) gets the card with the one-time download link instead.
  ctx.sendDirect(
    ctx.userId,
    cardWithFile(
      { ...summary, context: [t('privacy.export.fileContext')] },
      {
        token,
        fileName,
        title: t('privacy.export.fileTitle', { name: target.name ?? target.id }),
        instead: {
          ...summary,
          links: link ? [{ label: t('privacy.export.download'), url: link }] : [],
          context: [link ? t('privacy.export.context') : t('privacy.export.noLink')],
        },
      },
    ),
    { purpose: `export:${target.id}` },
  );
}

async function askForget(ctx: FlowContext, target: Target): Promise<void> {
  const t = words.t(ctx.locale);
  // Named by address: the coordinator's button names the address (it finds the same person
  // and what is kept under the address), even when it is their own.
  const address = target.subject.emails?.[0];
  const self = !address && target.subject.userIds.includes(ctx.userId);
  ctx.reply(
    card({
      header: t('privacy.forget.header'),
      text: t('privacy.forget.text', { name: target.name ?? target.id }),
      buttons: [
        self
          ? { actionId: 'privacy.forget', label: t('privacy.forget.confirm'), style: 'danger' }
          : {
              actionId: 'privacy.other-forget',
              label: t('privacy.forget.confirm'),
              value: address ?? target.id,
              style: 'danger',
            },
        { actionId: 'privacy.cancel', label: t('privacy.forget.cancel') },
      ],
    }),
    { purpose: `forget-ask:${target.id}` },
  );
}

/** Erases and schedules the sweep; the answer names what went. */
async function forget(ctx: FlowContext, target: Target): Promise<void> {
  const t = words.t(ctx.locale);
  const self = target.subject.userIds.includes(ctx.userId);
  const { pseudonym, erased } = await ctx.privacy.eraseFor(target.subject);
  // The entry names the erased person only by their pseudonym.
  // Once per erasure: handled again, the erasure finds less (or nothing) to count.
  await ctx.audit(
    'privacy.erased',
    { subject: pseudonym, records: total(erased), self },
    { once: pseudonym },
  );
  await scheduleSweep(ctx, target.subject);
  const body = lines(ctx, erased);
  const answer = card({
    header:
      body.length > 0
        ? t('privacy.forget.done', { name: target.name ?? pseudonym })
        : t('privacy.forget.nothing'),
    text: body.join('\n') || t('privacy.forget.nothing'),
    context: [t('privacy.forget.doneContext', { pseudonym })],
  });
  ctx.reply(answer, { purpose: 'forgotten' });
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

async function scheduleSweep(ctx: FlowContext, subject: PersonalDataSubject): Promise<void> {
  await ctx.reminders.schedule(ctx.alliance.id, {
    id: `privacy-sweep-${ctx.event.eventId.replace(/[^A-Za-z0-9-]/g, '').slice(-40)}`,
    flow: 'privacy',
    kind: 'sweep',
    at: new Date(ctx.now.getTime() + SWEEP_DELAY_MS),
    data: {
      userIds: [...subject.userIds],
      names: [...(subject.names ?? [])],
      emails: [...(subject.emails ?? [])],
    },
  });
}

async function sweep(ctx: JobContext, data: Record<string, unknown>): Promise<void> {
  const ids = Array.isArray(data.userIds)
    ? data.userIds.filter((x): x is string => typeof x === 'string')
    : [];
  const names = Array.isArray(data.names)
    ? data.names.filter((x): x is string => typeof x === 'string')
    : [];
  const emails = Array.isArray(data.emails)
    ? data.emails.filter((x): x is string => typeof x === 'string')
    : [];
  if (ids.length === 0 && emails.length === 0) return;
  await ctx.privacy.eraseFor({ allianceId: ctx.alliance.id, userIds: ids, names, emails });
}

const exportAction: ActionSpec = {
  id: 'privacy.export',
  describe: describe('export'),
  run: async (ctx) => {
    const target = await pressedTarget(ctx);
    if (target) await exportData(ctx, target);
  },
};
const askAction: ActionSpec = {
  id: 'privacy.ask',
  describe: describe('forget'),
  run: async (ctx) => {
    const target = await pressedTarget(ctx);
    if (target) await askForget(ctx, target);
  },
};
const forgetAction: ActionSpec = {
  id: 'privacy.forget',
  describe: describe('forget'),
  run: async (ctx) => {
    const target = await pressedTarget(ctx);
    if (target) await forget(ctx, target);
  },
};
/** A coordinator confirms erasing another person (who left): the value names them. */
const forgetOtherAction: ActionSpec = {
  id: 'privacy.other-forget',
  roles: ['coordinator'],
  describe: describe('other'),
  run: async (ctx, event) => {
    const target = await pressedTarget(ctx, event.value);
    if (target) await forget(ctx, target);
  },
};
const cancelAction: ActionSpec = {
  id: 'privacy.cancel',
  describe: describe('forget'),
  run: async (ctx) => {
    ctx.reply(text(words.t(ctx.locale)('privacy.forget.cancelled')), { purpose: 'cancelled' });
  },
};

export const privacyFlow: Flow = {
  id: 'privacy',
  subcommands: [
    { command: 'privacy', describe: describe('overview'), run: (ctx) => overview(ctx) },
    {
      command: 'privacy',
      words: { nl: 'inzien', en: 'export' },
      describe: describe('export'),
      run: async (ctx, args) => {
        const target = await targetOf(ctx, args);
        if (target) await exportData(ctx, target);
      },
    },
    {
      command: 'privacy',
      words: { nl: 'vergeten', en: 'forget' },
      describe: describe('forget'),
      run: async (ctx, args) => {
        const target = await targetOf(ctx, args);
        if (target) await askForget(ctx, target);
      },
    },
  ],
  actions: [exportAction, askAction, forgetAction, forgetOtherAction, cancelAction],
  onReminder: async (ctx, kind, data) => {
    if (kind === 'sweep') await sweep(ctx, data);
  },
};
