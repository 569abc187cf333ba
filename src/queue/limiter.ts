/**
 * Pacing per destination within the platforms' documented limits, shared by every worker
 * through Redis. A sliding-window log per destination (a sorted set of send times) checked
 * against one or more windows atomically in Lua: `acquire` either takes a slot now or says
 * how long to wait. A platform's Retry-After blocks the destination until it has passed.
 */

import type { RedisClient } from '../store/redis.js';
import { lua, runScript } from '../store/scripts.js';

export interface Window {
  /** At most `limit` sends ... */
  limit: number;
  /** ... in any `ms` milliseconds. */
  ms: number;
}

export interface PacingPolicy {
  /** Windows per destination (channel, conversation, person). */
  destination: Window[];
  /** Windows per workspace or tenant (all its destinations together). */
  workspace: Window[];
}

/**
 * Documented limits. Slack: chat.postMessage about 1 message a second per channel (short
 * bursts tolerated, we do not rely on them) and a workspace-wide limit of "several hundred
 * messages per minute" — 300 a minute here. Teams: 7 a second and 60 per 30 seconds per
 * conversation; the per-tenant ceiling is not published as one number, 50 a second is the
 * conservative value used here. The local web chat has no limits.
 */
export const PACING: Record<'slack' | 'teams' | 'local', PacingPolicy> = {
  slack: { destination: [{ limit: 1, ms: 1000 }], workspace: [{ limit: 300, ms: 60_000 }] },
  teams: {
    destination: [
      { limit: 7, ms: 1000 },
      { limit: 60, ms: 30_000 },
    ],
    workspace: [{ limit: 50, ms: 1000 }],
  },
  local: { destination: [], workspace: [] },
};

/**
 * Windows are taken a little wider than the platform's, for clock differences between the
 * workers' hosts and Redis (the time a send is recorded is already after it arrived).
 */
export const SAFETY_MARGIN = 0.01;

const ACQUIRE = lua(`
-- KEYS: 1 destination log, 2 workspace log, 3 destination block, 4 workspace block
-- ARGV: 1 now(ms), 2 member, 3 n destination windows, then limit,ms pairs, then n workspace windows, pairs
local now = tonumber(ARGV[1])
local wait = 0
for i = 3, 4 do
  local blocked = tonumber(redis.call('GET', KEYS[i]) or '0')
  if blocked > now and blocked - now > wait then wait = blocked - now end
end
local function check(key, first, n)
  local longest = 0
  for w = 0, n - 1 do
    local limit = tonumber(ARGV[first + w * 2])
    local ms = tonumber(ARGV[first + w * 2 + 1])
    if ms > longest then longest = ms end
    local recent = redis.call('ZREVRANGEBYSCORE', key, '+inf', '(' .. (now - ms), 'LIMIT', limit - 1, 1, 'WITHSCORES')
    if #recent == 2 then
      local free = tonumber(recent[2]) + ms - now
      if free > wait then wait = free end
    end
  end
  return longest
end
local nd = tonumber(ARGV[3])
local wsStart = 4 + nd * 2
local nw = tonumber(ARGV[wsStart])
local dLongest = check(KEYS[1], 4, nd)
local wLongest = check(KEYS[2], wsStart + 1, nw)
if wait > 0 then return wait end
if nd > 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[2])
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - dLongest)
  redis.call('PEXPIRE', KEYS[1], dLongest + 1000)
end
if nw > 0 then
  redis.call('ZADD', KEYS[2], now, ARGV[2])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - wLongest)
  redis.call('PEXPIRE', KEYS[2], wLongest + 1000)
end
return 0
`);

/** Moves a send's entry to when the platform had surely received it (the answer came). */
const SETTLE = lua(`
for i = 1, 2 do
  if redis.call('ZSCORE', KEYS[i], ARGV[1]) then redis.call('ZADD', KEYS[i], 'XX', ARGV[2], ARGV[1]) end
end
return 0
`);

const BLOCK = lua(`
local untilMs = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', math.max(1, untilMs - tonumber(ARGV[2]))) end
return 0
`);

function widen(windows: readonly Window[]): (string | number)[] {
  return windows.flatMap((w) => [w.limit, Math.ceil(w.ms * (1 + SAFETY_MARGIN))]);
}

export class DeliveryLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private keys(destination: string, workspace: string) {
    // One hash tag per destination; the workspace log is checked in the same script only
    // when the policy has workspace windows, so both share the workspace's tag.
    const tag = `{pace:${workspace}}`;
    return [
      `${this.prefix}${tag}:dest:${destination}`,
      `${this.prefix}${tag}:ws`,
      `${this.prefix}${tag}:block:${destination}`,
      `${this.prefix}${tag}:block`,
    ];
  }

  /**
   * Takes a send slot now (wait 0, with the log entry to settle after the send) or says how
   * many milliseconds to wait.
   */
  async acquire(
    policy: PacingPolicy,
    destination: string,
    workspace: string,
    id: string,
    now = Date.now(),
  ): Promise<{ wait: number; entry: string }> {
    const entry = `${now}:${id}`;
    return { wait: await this.take(policy, destination, workspace, entry, now), entry };
  }

  /**
   * After a send: the platform counts the message when it arrives, which is after we took the
   * slot. Recording the time the answer came (an upper bound of the arrival) keeps every later
   * decision on the safe side of the platform's own window.
   */
  async settle(
    destination: string,
    workspace: string,
    entry: string,
    at = Date.now(),
  ): Promise<void> {
    const keys = this.keys(destination, workspace).slice(0, 2);
    await runScript(this.redis, SETTLE, keys, [entry, at]);
  }

  private async take(
    policy: PacingPolicy,
    destination: string,
    workspace: string,
    entry: string,
    now: number,
  ): Promise<number> {
    if (policy.destination.length === 0 && policy.workspace.length === 0) {
      const blocked = await this.redis.mget(this.keys(destination, workspace).slice(2));
      const until = Math.max(...blocked.map((b) => Number(b ?? 0)));
      return until > now ? until - now : 0;
    }
    const result = await runScript(this.redis, ACQUIRE, this.keys(destination, workspace), [
      now,
      entry,
      policy.destination.length,
      ...widen(policy.destination),
      policy.workspace.length,
      ...widen(policy.workspace),
    ]);
    return Number(result);
  }

  /** The platform said Retry-After: nothing goes to this destination until then. */
  async block(
    destination: string,
    workspace: string,
    untilMs: number,
    scope: 'destination' | 'workspace' = 'destination',
    now = Date.now(),
  ): Promise<void> {
    const keys = this.keys(destination, workspace);
    await runScript(
      this.redis,
      BLOCK,
      [scope === 'destination' ? (keys[2] as string) : (keys[3] as string)],
      [untilMs, now],
    );
  }
}
