/**
 * The digest (overzicht): what happened in the alliance in the past week — new partners and
 * people, documents shared, ideas and initiatives, successes, the last check-in, the reviews
 * coming up, and community health. Every alliance gets a weekly schedule by default (Monday
 * 09:00 in its time zone, `defaultSchedules`): the digest is posted in every linked channel on
 * every platform, each channel getting only the documents its audience may see (the documents'
 * policy, src/domain/visibility.ts). `overzicht` / `digest` shows the current one on demand,
 * to the person asking, with the documents they may see.
 */
import type { Locale } from '../src/core/events.js';
import { allChannels } from '../src/domain/alliance.js';
import type { Flow, FlowContext, JobContext } from '../src/engine/flow.js';
import { collectDigest, forAudience } from './digest-collect.js';
import { digestCard } from './digest-views.js';
import { words } from './digest-words.js';
import { channelOf, speaker } from './documents-record.js';

export const DIGEST_KIND = 'digest';
export const WEEKLY_ID = 'weekly-digest';
/** Monday 09:00 in the alliance's own time zone. */
export const WEEKLY_CRON = '0 9 * * 1';

async function show(ctx: FlowContext): Promise<void> {
  const digest = await collectDigest(ctx.store, ctx.alliance, ctx.now);
  const mine = forAudience(ctx.alliance, digest, speaker(ctx));
  const locale: Locale = ctx.locale;
  ctx.reply(digestCard(ctx.alliance, mine, words.t(locale), locale), { purpose: 'digest' });
}

/** The weekly post: one copy per linked channel, each with what its audience may see. */
export async function postDigest(ctx: JobContext): Promise<void> {
  const { alliance } = ctx;
  const digest = await collectDigest(ctx.store, alliance, ctx.now);
  const t = words.t(alliance.locale);
  for (const channel of allChannels(alliance)) {
    const seen = forAudience(alliance, digest, channelOf(alliance.id, channel));
    ctx.postToAllianceChannels(digestCard(alliance, seen, t, alliance.locale), {
      purpose: 'digest',
      only: (c) => c === channel,
    });
  }
}

export const digestFlow: Flow = {
  id: 'digest',
  subcommands: [
    {
      command: 'digest',
      describe: (locale) => words.t(locale)('digest.describe'),
      run: (ctx) => show(ctx),
    },
  ],
  defaultSchedules: () => [{ id: WEEKLY_ID, kind: DIGEST_KIND, cron: WEEKLY_CRON, data: {} }],
  async onSchedule(ctx, kind) {
    if (kind === DIGEST_KIND) await postDigest(ctx);
  },
};
