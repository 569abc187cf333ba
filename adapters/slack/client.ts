/**
 * Sending to Slack through the Web API client: chat.postMessage, chat.postEphemeral, DMs via
 * conversations.open, chat.update, views.open, views.publish. Retries are the queue's job, so
 * the client does not retry; Slack's errors become coded errors (permanent ones never retry,
 * 429 carries its Retry-After).
 */
import { type types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';
import { TRIGGER_EXPIRED } from '../../src/core/deliver.js';
import {
  PermanentDeliveryError,
  RateLimitError,
  TransientDeliveryError,
} from '../../src/core/errors.js';
import { parseId } from '../../src/core/ids.js';
import { RefusedImages, refusedImages } from './images.js';

export const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'user_not_found',
  'user_not_in_channel',
  'cannot_dm_bot',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'team_access_not_granted',
  'restricted_action',
  'msg_too_long',
  'invalid_blocks',
]);

/**
 * A trigger_id that can no longer open anything: it lived its 3 seconds or was used once
 * already. Slack's views.open reference names `expired_trigger_id` and `exchanged_trigger_id`;
 * its interactivity guide `trigger_expired` and `trigger_exchanged`. Never worth a retry.
 */
export const DEAD_TRIGGER_ERRORS = new Set([
  'expired_trigger_id',
  'exchanged_trigger_id',
  'invalid_trigger_id',
  'trigger_expired',
  'trigger_exchanged',
]);

export function mapSlackError(error: unknown): Error {
  const e = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    statusCode?: number;
    message?: string;
  };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new RateLimitError((e.retryAfter ?? 1) * 1000, 'ratelimited', { cause: error });
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new RateLimitError(1000, code, { cause: error });
      if (DEAD_TRIGGER_ERRORS.has(code))
        return new PermanentDeliveryError(TRIGGER_EXPIRED, {
          cause: error,
          params: { slack: code },
        });
      return PERMANENT_ERRORS.has(code)
        ? new PermanentDeliveryError(code, { cause: error })
        : new TransientDeliveryError(code, { cause: error });
    }
    case webApi.ErrorCode.HTTPError:
      return (e.statusCode ?? 500) >= 500 || e.statusCode === 408
        ? new TransientDeliveryError(`HTTP ${e.statusCode}`, { cause: error })
        : new PermanentDeliveryError(`HTTP ${e.statusCode}`, { cause: error });
    default:
      return new TransientDeliveryError(e.message ?? 'network error', { cause: error });
  }
}

const PostResult = z.looseObject({
  ts: z.string().optional(),
  message_ts: z.string().optional(),
  channel: z.string().optional(),
});
const OpenResult = z.looseObject({ channel: z.looseObject({ id: z.string() }) });
const UploadUrlResult = z.looseObject({ upload_url: z.url(), file_id: z.string().min(1) });
const UserResult = z.looseObject({
  user: z.looseObject({
    id: z.string(),
    team_id: z.string().optional(),
    deleted: z.boolean().optional(),
    is_bot: z.boolean().optional(),
    profile: z.looseObject({ email: z.string().optional() }).optional(),
  }),
});

/** A person as users.info and users.lookupByEmail describe them (what we use of it). */
export interface SlackUser {
  id: string;
  /** The person's own workspace (in a Slack Connect channel, not necessarily ours). */
  teamId?: string;
  email?: string;
  deleted: boolean;
  isBot: boolean;
}

function toUser(result: unknown): SlackUser {
  const { user } = UserResult.parse(result);
  const email = user.profile?.email;
  return {
    id: user.id,
    ...(user.team_id ? { teamId: user.team_id } : {}),
    ...(email ? { email } : {}),
    deleted: user.deleted ?? false,
    isBot: user.is_bot ?? false,
  };
}

/** Slack's answers that mean "no such person" (not a failure). */
const NOBODY = new Set(['user_not_found', 'users_not_found', 'user_not_visible']);

/** Our blocks are built as plain JSON (cards.ts); Slack's client types them more narrowly. */
const asBlocks = (blocks: Record<string, unknown>[]) => blocks as unknown as types.Block[];
const asView = (view: Record<string, unknown>) => view as unknown as types.View;

export interface SlackClientOptions {
  token: string;
  /** Web API base URL; tests point it at a local stand-in. */
  apiUrl?: string | undefined;
  /** Where a picture Slack could not download is logged. */
  log?: Logger | undefined;
}

type Blocks = Record<string, unknown>[];
/** Only where a picture lives is logged: its path holds the chart's token. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '?';
  }
};

export class SlackClient {
  readonly web: InstanceType<typeof webApi.WebClient>;
  private readonly dms = new Map<string, string>();
  private readonly refused = new RefusedImages();
  private readonly log: Logger | undefined;

  constructor(options: SlackClientOptions) {
    this.web = new webApi.WebClient(options.token, {
      ...(options.apiUrl
        ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
        : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: webApi.LogLevel.ERROR,
    });
    this.log = options.log;
  }

  /**
   * Sends a message's blocks. Slack refusing a picture it could not download (images.ts):
   * the same message once more at once, without that picture and with its words in its place,
   * the URL remembered so a later attempt leaves it out. Slack posted nothing the first time,
   * so the message arrives once. Teams takes an Image it cannot load and shows it broken.
   */
  private async withPictures<T>(
    method: string,
    blocks: Blocks,
    send: (blocks: types.Block[]) => Promise<T>,
  ): Promise<T> {
    const first = this.refused.without(blocks);
    try {
      return await send(asBlocks(first));
    } catch (error) {
      const indexes = refusedImages(error);
      const urls = indexes ? this.refused.add(first, indexes) : [];
      if (urls.length === 0) throw mapSlackError(error);
      this.log?.warn(
        { method, images: urls.map(originOf), slack: 'invalid_blocks' },
        'Slack could not download a picture: the message is sent without it, in words',
      );
      return this.call(() => send(asBlocks(this.refused.without(first))));
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw mapSlackError(error);
    }
  }

  /** A group DM of several people of this workspace with the bot (conversations.open). */
  async groupChannel(users: readonly string[]): Promise<string> {
    const result = OpenResult.parse(
      await this.call(() => this.web.conversations.open({ users: users.join(',') })),
    );
    return result.channel.id;
  }

  /** The direct-message channel with a person (conversations.open, remembered). */
  async directChannel(userId: string): Promise<string> {
    const { local: user } = parseId(userId);
    const known = this.dms.get(user);
    if (known) return known;
    const result = OpenResult.parse(
      await this.call(() => this.web.conversations.open({ users: user })),
    );
    this.dms.set(user, result.channel.id);
    return result.channel.id;
  }

  async post(channel: string, text: string, blocks: Record<string, unknown>[]): Promise<string> {
    const result = PostResult.parse(
      await this.withPictures('chat.postMessage', blocks, (b) =>
        this.web.chat.postMessage({ channel, text, blocks: b }),
      ),
    );
    return result.ts ?? '';
  }

  async postEphemeral(
    channel: string,
    user: string,
    text: string,
    blocks: Record<string, unknown>[],
  ): Promise<string> {
    const result = PostResult.parse(
      await this.withPictures('chat.postEphemeral', blocks, (b) =>
        this.web.chat.postEphemeral({ channel, user, text, blocks: b }),
      ),
    );
    return result.message_ts ?? '';
  }

  async update(
    channel: string,
    ts: string,
    text: string,
    blocks: Record<string, unknown>[],
  ): Promise<void> {
    await this.withPictures('chat.update', blocks, (b) =>
      this.web.chat.update({ channel, ts, text, blocks: b }),
    );
  }

  async openView(triggerId: string, view: Record<string, unknown>): Promise<void> {
    await this.call(() => this.web.views.open({ trigger_id: triggerId, view: asView(view) }));
  }

  async publishHome(userId: string, view: Record<string, unknown>): Promise<void> {
    const blocks = Array.isArray(view.blocks) ? (view.blocks as Blocks) : [];
    await this.withPictures('views.publish', blocks, (b) =>
      this.web.views.publish({ user_id: userId, view: asView({ ...view, blocks: b }) }),
    );
  }

  /**
   * Uploads a file into a channel (a DM) the way Slack asks now: files.getUploadURLExternal
   * (name and length) → the bytes POSTed to the upload URL it gives (pre-signed: no token goes
   * there) → files.completeUploadExternal, which shares it in the channel with a comment.
   * Returns the file id. Needs the `files:write` scope.
   */
  async uploadFile(file: {
    channel: string;
    fileName: string;
    title: string;
    content: Buffer;
    comment: string;
  }): Promise<string> {
    const url = UploadUrlResult.parse(
      await this.call(() =>
        this.web.files.getUploadURLExternal({
          filename: file.fileName,
          length: file.content.length,
        }),
      ),
    );
    let status = 0;
    try {
      const answer = await fetch(url.upload_url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(file.content),
        redirect: 'error',
        signal: AbortSignal.timeout(30_000),
      });
      status = answer.status;
      await answer.arrayBuffer();
    } catch (error) {
      throw new TransientDeliveryError('file upload failed', { cause: error });
    }
    if (status !== 200) throw new PermanentDeliveryError(`file upload: HTTP ${status}`);
    await this.call(() =>
      this.web.files.completeUploadExternal({
        files: [{ id: url.file_id, title: file.title }],
        channel_id: file.channel,
        initial_comment: file.comment,
      }),
    );
    return url.file_id;
  }

  /** users.info (Tier 4); the e-mail address needs the `users:read.email` scope. */
  async userInfo(user: string): Promise<SlackUser | undefined> {
    return this.person(() => this.web.users.info({ user }));
  }

  /** users.lookupByEmail (Tier 3): the person with this address in the workspace, if any. */
  async userByEmail(email: string): Promise<SlackUser | undefined> {
    return this.person(() => this.web.users.lookupByEmail({ email }));
  }

  private async person(fn: () => Promise<unknown>): Promise<SlackUser | undefined> {
    try {
      return toUser(await this.call(fn));
    } catch (error) {
      if (error instanceof PermanentDeliveryError && NOBODY.has(error.message)) return undefined;
      if (error instanceof TransientDeliveryError && NOBODY.has(error.message)) return undefined;
      throw error;
    }
  }
}
