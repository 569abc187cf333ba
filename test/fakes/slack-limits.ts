/**
 * Slack's rate limits as the Web API stand-in enforces them: each method on its own.
 * chat.postMessage about 1 a second per channel (a short burst tolerated: a bucket of 3
 * refilled at 1 a second) and 300 a minute per workspace; tiered methods per method and
 * workspace: Tier 4 100 a minute (chat.postEphemeral, views.*, users.info), Tier 3 50 a minute
 * (chat.update, conversations.open, users.lookupByEmail). A refused call gets 429 with the
 * seconds until a slot frees in Retry-After, as Slack does.
 */

export interface Window {
  limit: number;
  ms: number;
}

export const TIER_3: Window = { limit: 50, ms: 60_000 };
export const TIER_4: Window = { limit: 100, ms: 60_000 };

export const METHOD_TIERS: Record<string, Window> = {
  'chat.postEphemeral': TIER_4,
  'views.open': TIER_4,
  'views.publish': TIER_4,
  'views.update': TIER_4,
  'views.push': TIER_4,
  'users.info': TIER_4,
  'files.getUploadURLExternal': TIER_4,
  'files.completeUploadExternal': TIER_4,
  'chat.update': TIER_3,
  'conversations.open': TIER_3,
  'users.lookupByEmail': TIER_3,
};

export interface SlackLimitsOptions {
  /** chat.postMessage per channel: sustained per second, and the burst tolerated. */
  perChannelPerSecond?: number;
  channelBurst?: number;
  /** chat.postMessage per workspace. */
  workspace?: Window;
  /** Tier overrides per method (tests that need a tight limit). */
  tiers?: Record<string, Window>;
}

/** Sliding-window logs and token buckets, keyed by workspace (token), method and channel. */
export class SlackLimits {
  private readonly logs = new Map<string, number[]>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly workspace: Window;
  private readonly tiers: Record<string, Window>;

  constructor(options: SlackLimitsOptions = {}) {
    this.rate = options.perChannelPerSecond ?? 1;
    this.burst = options.channelBurst ?? 3;
    this.workspace = options.workspace ?? { limit: 300, ms: 60_000 };
    this.tiers = { ...METHOD_TIERS, ...options.tiers };
  }

  /**
   * Counts a call if it is within the limits and returns 0, or returns the seconds to wait
   * (Retry-After) without counting it.
   */
  take(workspace: string, method: string, channel: string, now: number): number {
    if (method === 'chat.postMessage') {
      const key = `${workspace}#${channel}`;
      const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
      const tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
      if (tokens < 1) return Math.max(1, Math.ceil((1 - tokens) / this.rate));
      const wait = this.windowWait(`${workspace}#postMessage`, this.workspace, now);
      if (wait > 0) return wait;
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.record(`${workspace}#postMessage`, this.workspace, now);
      return 0;
    }
    const tier = this.tiers[method];
    if (!tier) return 0;
    const wait = this.windowWait(`${workspace}#${method}`, tier, now);
    if (wait > 0) return wait;
    this.record(`${workspace}#${method}`, tier, now);
    return 0;
  }

  private windowWait(key: string, window: Window, now: number): number {
    const log = (this.logs.get(key) ?? []).filter((t) => t > now - window.ms);
    this.logs.set(key, log);
    if (log.length < window.limit) return 0;
    const oldest = log[log.length - window.limit] ?? now;
    return Math.max(1, Math.ceil((oldest + window.ms - now) / 1000));
  }

  private record(key: string, _window: Window, now: number): void {
    const log = this.logs.get(key) ?? [];
    log.push(now);
    this.logs.set(key, log);
  }
}
