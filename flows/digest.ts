/**
 * The digest (overzicht): what happened in the alliance in the past week — new partners and
 * people, documents shared, ideas and initiatives, successes, the last check-in, the reviews
 * coming up, and community health. Every alliance gets a weekly schedule by default (Monday
 * 09:00 in its time zone, `defaultSchedules`): the digest is posted in every linked channel on
 * every platform, each channel getting only the documents its audience may see (the documents'
 * policy, src/domain/visibility.ts). `overzicht` / `digest` shows the current one on demand,
 * to the person asking, with the documents they may see. A coordinator changes the day and
 * time, or turns it off, with `overzicht plannen` / `digest schedule` (digest-schedule.ts).
 * A person chooses to get it themselves, as a direct message or by e-mail, with `overzicht
 * kiezen` / `digest choose` (digest-choose.ts); those and people known only by e-mail get it
 * after the channel posts (digest-personal.ts, digest-mail.ts).
 */
import type { Locale } from '../src/core/events.js';
import { allChannels } from '../src/domain/alliance.js';
import type { Flow, FlowContext, FormSpec, JobContext } from '../src/engine/flow.js';
import type { CollectionSpec } from '../src/store/records.js';
import { digestChooseCommand, digestChooseForm } from './digest-choose.js';
import { collectDigest, forAudience } from './digest-collect.js';
import {
  type ChartOf,
  type DigestCardOf,
  PERSONAL_MAIL_KIND,
  sendPersonalMail,
} from './digest-mail.js';
import { sendPersonalDigests } from './digest-personal.js';
import { personalDigests, unsubscribeTokenIndex } from './digest-personal-record.js';
import {
  DIGEST_KIND,
  digestScheduleCommand,
  digestScheduleForm,
  WEEKLY_CRON,
  WEEKLY_ID,
} from './digest-schedule.js';
import { digestStopCommand } from './digest-unsubscribe.js';
import { digestCard } from './digest-views.js';
import { words } from './digest-words.js';
import { channelOf, speaker } from './documents-record.js';
import { CHART_KEEP, type HealthChart, healthChartFor } from './health-chart.js';
import { type HealthInputs, readHealth } from './health-record.js';

export { DIGEST_KIND, WEEKLY_CRON, WEEKLY_ID };

async function show(ctx: FlowContext): Promise<void> {
  // Health's figures read once, for the digest's summary and its chart.
  const inputs = await readHealth(ctx.store, ctx.alliance.id, ctx.now);
  const digest = await collectDigest(ctx.store, ctx.alliance, ctx.now, inputs);
  const mine = forAudience(ctx.alliance, digest, speaker(ctx));
  const locale: Locale = ctx.locale;
  const chart = await healthChartFor(ctx, { locale, keep: CHART_KEEP.answer, inputs });
  ctx.reply(digestCard(ctx.alliance, mine, words.t(locale), locale, chart), {
    purpose: 'digest',
  });
}

/**
 * The health chart in a language, made once for everything one job shows (the channels' posts,
 * the direct messages, the e-mail jobs it queues), starting from the charts `made` already.
 */
function chartsOnce(
  made: Partial<Record<Locale, HealthChart>> = {},
  inputs?: HealthInputs,
): ChartOf {
  const charts = new Map<Locale, Promise<HealthChart>>(
    Object.entries(made).map(([l, c]) => [l as Locale, Promise.resolve(c)]),
  );
  return (ctx, locale) => {
    const chart =
      charts.get(locale) ?? healthChartFor(ctx, { locale, keep: CHART_KEEP.posted, inputs });
    charts.set(locale, chart);
    return chart;
  };
}

/** The digest's card for one person, in their language (a direct message, an e-mail). */
const personalCard: DigestCardOf = (ctx, seen, locale, chart) =>
  digestCard(ctx.alliance, seen, words.t(locale), locale, chart);

/** The weekly post: one copy per linked channel, each with what its audience may see. */
export async function postDigest(ctx: JobContext): Promise<void> {
  const { alliance } = ctx;
  const inputs = await readHealth(ctx.store, alliance.id, ctx.now);
  const digest = await collectDigest(ctx.store, alliance, ctx.now, inputs);
  const t = words.t(alliance.locale);
  // One chart for every channel's copy (the same alliance-wide figures), kept as they are.
  const keep = CHART_KEEP.posted;
  const chart = await healthChartFor(ctx, { locale: alliance.locale, keep, inputs });
  for (const channel of allChannels(alliance)) {
    const seen = forAudience(alliance, digest, channelOf(alliance.id, channel));
    ctx.postToAllianceChannels(digestCard(alliance, seen, t, alliance.locale, chart), {
      purpose: 'digest',
      only: (c) => c === channel,
    });
  }
  // Then each person who chose it, and those known only by e-mail (digest-personal.ts).
  await sendPersonalDigests(ctx, digest, {
    card: personalCard,
    chart: chartsOnce({ [alliance.locale]: chart }, inputs),
  });
}

export const digestFlow: Flow = {
  id: 'digest',
  subcommands: [
    {
      command: 'digest',
      describe: (locale) => words.t(locale)('digest.describe'),
      run: (ctx) => show(ctx),
    },
    digestScheduleCommand,
    digestChooseCommand,
    digestStopCommand,
  ],
  forms: [digestScheduleForm as FormSpec<unknown>, digestChooseForm as FormSpec<unknown>],
  collections: [
    personalDigests as CollectionSpec<unknown>,
    unsubscribeTokenIndex as CollectionSpec<unknown>,
  ],
  defaultSchedules: () => [{ id: WEEKLY_ID, kind: DIGEST_KIND, cron: WEEKLY_CRON, data: {} }],
  async onSchedule(ctx, kind) {
    if (kind === DIGEST_KIND) await postDigest(ctx);
  },
  async onReminder(ctx, kind, data) {
    if (kind === PERSONAL_MAIL_KIND)
      await sendPersonalMail(ctx, data, { card: personalCard, chart: chartsOnce() });
  },
};
