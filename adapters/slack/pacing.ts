/**
 * Slack's rate limits per Web API method, and the bucket each delivery spends a slot of.
 * Slack limits each method on its own: chat.postMessage about 1 a second per channel (short
 * bursts tolerated; we do not rely on them) plus "several hundred a minute" per workspace;
 * the others by tier, per method and workspace: Tier 4 (100+ a minute) for chat.postEphemeral,
 * views.open, views.publish, views.update, users.info, files.getUploadURLExternal and
 * files.completeUploadExternal (a file for a person: docs.slack.dev method reference); Tier 3 (50+ a minute) for
 * chat.update, conversations.open and users.lookupByEmail (docs.slack.dev rate limits;
 * slackapi/java-slack-sdk MethodsRateLimits). An answer through a response_url spends none.
 * The lower bound of each tier is used.
 */
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { PaceBucket, PaceWindow } from '../../src/core/deliver.js';
import { workspaceOf } from '../../src/core/ids.js';
import { destinationId } from '../../src/core/messages.js';

const TIER_3: PaceWindow[] = [{ limit: 50, ms: 60_000 }];
const TIER_4: PaceWindow[] = [{ limit: 100, ms: 60_000 }];

/** Per-workspace windows of the tiered methods the bot calls. */
export const SLACK_TIERS = {
  'chat.postEphemeral': TIER_4,
  'views.open': TIER_4,
  'views.publish': TIER_4,
  'views.update': TIER_4,
  'users.info': TIER_4,
  'files.getUploadURLExternal': TIER_4,
  'files.completeUploadExternal': TIER_4,
  'chat.update': TIER_3,
  'conversations.open': TIER_3,
  'users.lookupByEmail': TIER_3,
} satisfies Record<string, PaceWindow[]>;
export type SlackTieredMethod = keyof typeof SLACK_TIERS;

/** chat.postMessage: per channel, and per workspace (300 a minute of "several hundred"). */
export const POST_MESSAGE = {
  destination: [{ limit: 1, ms: 1000 }],
  workspace: [{ limit: 300, ms: 60_000 }],
} satisfies PaceBucket['windows'];

/** The bucket of a tiered method in the workspace of `id` (`slack:T…#views.open`). */
export function tierBucket(id: string, method: SlackTieredMethod): PaceBucket {
  const key = `${workspaceOf(id)}#${method}`;
  return {
    destination: key,
    workspace: key,
    windows: { destination: [], workspace: [...SLACK_TIERS[method]] },
  };
}

/**
 * The buckets delivering this envelope spends, by the method the adapter will use for it
 * (keep in step with SlackAdapter.answer, send, update, publishHome and openForm).
 * chat.postMessage keeps the keys the queue always used (the channel, or the person for their
 * direct chat, and the workspace). conversations.open is called once per person and process
 * (remembered) and is not paced ahead; a 429 from it defers the message like any other.
 */
export function slackPace(envelope: OutboundEnvelope, viaResponseUrl: boolean): PaceBucket[] {
  const { to, message } = envelope;
  const id = destinationId(to);
  if (envelope.trigger && message.kind === 'form' && to.kind !== 'conversation')
    return [tierBucket(id, 'views.open')];
  // A file for a person (a privacy export): the two tiered upload methods, then its card.
  if (message.kind === 'card' && message.file && to.kind === 'direct')
    return [
      tierBucket(id, 'files.getUploadURLExternal'),
      tierBucket(id, 'files.completeUploadExternal'),
      ...postMessage(id),
    ];
  if (viaResponseUrl) return [];
  if (to.kind === 'home') return [tierBucket(id, 'views.publish')];
  if (envelope.replaces) return [tierBucket(id, 'chat.update')];
  if (to.kind === 'ephemeral') return [tierBucket(id, 'chat.postEphemeral')];
  return postMessage(id);
}

/** chat.postMessage's bucket for a channel or a person's DM. */
function postMessage(id: string): PaceBucket[] {
  return [
    {
      destination: id,
      workspace: workspaceOf(id),
      windows: {
        destination: [...POST_MESSAGE.destination],
        workspace: [...POST_MESSAGE.workspace],
      },
    },
  ];
}
