/**
 * Pacing per destination within the platforms' documented limits, shared by every worker
 * through Redis. A sliding-window log per destination and per workspace (a sorted set of send
 * times) checked against one or more windows atomically in Lua: `acquire` either takes a slot
 * or says how long to wait. A platform's Retry-After blocks the destination until it has passed.
 *
 * What the platform counts is a request's arrival, which lies between the moment we took the
 * slot and the moment its answer came. So a send is logged at its start (the earliest it can
 * arrive: later sends are checked against that) and moved to its answer when it comes (the
 * latest it can have arrived: `settle`). A send still without an answer stays inside every
 * window until it has one (or MAX_PENDING_MS has passed), so a slow request can never let
 * a later one through too early.
 *
 * Waiting is done in line, not in a crowd: a send that has to wait gets a place in a line per
 * destination and per workspace, and the wait it is told is the time the slot for its place
 * comes free, so 1,000 waiting messages come back one window's worth at a time instead of all
 * at once each time a slot frees. A short wait (up to `holdMs`) is waited here, to the
 * millisecond; a longer one is handed to the caller (the queue's delay) less `leadMs`, so the
 * job is back just before its slot.
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
 * messages per minute" — 300 a minute here. Teams, per bot and conversation: 7 a second, 8
 * per 2 seconds, 60 per 30 seconds and 1,800 an hour (msteams-docs, bots/how-to/rate-limit);
 * the per-tenant ceiling is not published as one number, 50 a second is the conservative
 * value used here. The local web chat has no limits.
 */
export const PACING: Record<'slack' | 'teams' | 'local', PacingPolicy> = {
  slack: { destination: [{ limit: 1, ms: 1000 }], workspace: [{ limit: 300, ms: 60_000 }] },
  teams: {
    destination: [
      { limit: 7, ms: 1000 },
      { limit: 8, ms: 2000 },
      { limit: 60, ms: 30_000 },
      { limit: 1800, ms: 3_600_000 },
    ],
    workspace: [{ limit: 50, ms: 1000 }],
  },
  local: { destination: [], workspace: [] },
};

/**
 * Windows are taken a little wider than the platform's, for clock differences between the
 * workers' hosts (each logs sends by its own clock).
 */
export const SAFETY_MARGIN = 0.01;

/**
 * A send without an answer after this long is taken as lost and left to age out of the
 * windows (the adapters' HTTP clients give up well before). Until then it holds its slot.
 */
export const MAX_PENDING_MS = 60_000;

/** A place in line whose slot time passed this long ago without its sender coming back is dropped. */
export const LINE_GRACE_MS = 10_000;

/** A sender that had a slot this recently and asks again is a retry: it goes to the front. */
const RETRY_MEMORY_MS = 600_000;

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface LimiterOptions {
  /** Waits up to this long in-process for a slot (default 300 ms); longer ones are returned. */
  holdMs?: number;
  /** A longer wait is returned this much shorter, so the job is back before its slot (default 100 ms). */
  leadMs?: number;
  /** The clock (tests use a virtual one). */
  clock?: LimiterClock;
  /** How long a send without an answer holds its slot (default MAX_PENDING_MS; QUEUE_PENDING_MS). */
  maxPendingMs?: number;
}

/** One decision at an explicit time, for simulations and tests. */
export interface AcquireAt {
  now: number;
  /**
   * Keep the slot until `settle` or `release` and take a place in line when told to wait, as
   * `acquire` on the clock does (default false: the send counts at `now`, unless settled).
   */
  tracked?: boolean;
}

const ACQUIRE = lua(`
-- KEYS: 1 destination log, 2 workspace log, 3 destination block, 4 workspace block,
--       5 destination pending, 6 workspace pending, 7 destination line, 8 workspace line,
--       9 destination line's slot times, 10 workspace line's slot times, 11 sent recently
--       (the workspace's: a sender found there is a retry and goes to the front of the line)
-- ARGV: 1 now, 2 entry, 3 id, 4 tracked (1/0), 5 refresh, 6 max pending, 7 line grace,
--       8 n destination windows, then limit,ms pairs, then n workspace windows, pairs
local now = tonumber(ARGV[1])
local entry, id = ARGV[2], ARGV[3]
local tracked = ARGV[4] == '1'
local refresh, maxPending, grace = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local function windows(at)
  local n = tonumber(ARGV[at])
  local list, longest = {}, 0
  for w = 1, n do
    local ms = tonumber(ARGV[at + w * 2])
    list[w] = { limit = tonumber(ARGV[at + w * 2 - 1]), ms = ms }
    if ms > longest then longest = ms end
  end
  return list, longest, at + n * 2 + 1
end
local dw, dLongest, nextAt = windows(8)
local ww, wLongest = windows(nextAt)
local logs = {
  { log = KEYS[1], block = KEYS[3], pending = KEYS[5], line = KEYS[7], due = KEYS[9], windows = dw, longest = dLongest },
  { log = KEYS[2], block = KEYS[4], pending = KEYS[6], line = KEYS[8], due = KEYS[10], windows = ww, longest = wLongest },
}
local earliest = now
for _, l in ipairs(logs) do
  local blocked = tonumber(redis.call('GET', l.block) or '0')
  if blocked > earliest then earliest = blocked end
end
-- A send still without an answer may arrive any time: keep it inside every window.
for _, l in ipairs(logs) do
  if #l.windows > 0 then
    local stale = redis.call('ZRANGEBYSCORE', l.pending, '-inf', now - refresh)
    for _, m in ipairs(stale) do
      local started = tonumber(string.match(m, '^(%d+):')) or 0
      if now - started > maxPending then
        redis.call('ZREM', l.pending, m)
      else
        redis.call('ZADD', l.log, 'GT', now, m)
        redis.call('ZADD', l.pending, now, m)
      end
    end
    if #stale > 0 then redis.call('PEXPIRE', l.log, l.longest + 1000) end
  end
end
for _, l in ipairs(logs) do
  for _, w in ipairs(l.windows) do
    local recent = redis.call('ZREVRANGEBYSCORE', l.log, '+inf', '(' .. (now - w.ms), 'LIMIT', w.limit - 1, 1, 'WITHSCORES')
    if #recent == 2 then
      local free = tonumber(recent[2]) + w.ms
      if free > earliest then earliest = free end
    end
  end
end
local served = KEYS[11]
if earliest <= now then
  if tracked and #dw + #ww > 0 then
    redis.call('ZADD', served, now, id)
    redis.call('ZREMRANGEBYSCORE', served, '-inf', now - ${RETRY_MEMORY_MS})
    redis.call('PEXPIRE', served, ${RETRY_MEMORY_MS})
  end
  for _, l in ipairs(logs) do
    if #l.windows > 0 then
      redis.call('ZADD', l.log, now, entry)
      redis.call('ZREMRANGEBYSCORE', l.log, '-inf', now - l.longest)
      redis.call('PEXPIRE', l.log, l.longest + 1000)
      if tracked then
        redis.call('ZADD', l.pending, now, entry)
        redis.call('PEXPIRE', l.pending, maxPending + 1000)
        redis.call('ZREM', l.line, id)
        redis.call('ZREM', l.due, id)
      end
    end
  end
  return 0
end
if not tracked then return earliest - now end
-- In line: the wait is until the slot of this sender's place comes free. The line keeps the
-- order senders joined it in; the k-th (from 0) takes, in each window, the slot of the
-- (k mod limit)-th send in it from the oldest that has to leave, floor(k / limit) windows
-- later. A sender that did not come back within the grace after its slot leaves the line.
local at = earliest
for _, l in ipairs(logs) do
  if #l.windows > 0 then
    for _, gone in ipairs(redis.call('ZRANGEBYSCORE', l.due, '-inf', '(' .. (now - grace))) do
      redis.call('ZREM', l.due, gone)
      redis.call('ZREM', l.line, gone)
    end
    local place = redis.call('ZRANK', l.line, id)
    if not place then
      -- A retry (sent before, failed) goes first: it was in line before the others.
      local joined = now
      if redis.call('ZSCORE', served, id) then joined = 0 end
      redis.call('ZADD', l.line, joined, id)
      place = redis.call('ZRANK', l.line, id)
    end
    for _, w in ipairs(l.windows) do
      local lower = '(' .. (now - w.ms)
      local index = redis.call('ZCOUNT', l.log, lower, '+inf') + (place % w.limit) - w.limit
      local slot = now
      if index >= 0 then
        local e = redis.call('ZRANGEBYSCORE', l.log, lower, '+inf', 'WITHSCORES', 'LIMIT', index, 1)
        if #e == 2 then slot = tonumber(e[2]) + w.ms end
      end
      slot = slot + math.floor(place / w.limit) * w.ms
      if slot > at then at = slot end
    end
  end
end
for _, l in ipairs(logs) do
  if #l.windows > 0 then
    redis.call('ZADD', l.due, at, id)
    local ttl = math.max(redis.call('PTTL', l.line), at - now + grace + 1000)
    redis.call('PEXPIRE', l.line, ttl)
    redis.call('PEXPIRE', l.due, ttl)
  end
end
return at - now
`);

/**
 * Moves a send's entry to when the platform had surely received it (the answer came), and
 * ends its pending state.
 */
const SETTLE = lua(`
-- KEYS: 1 destination log, 2 workspace log, 3 destination pending, 4 workspace pending
for i = 1, 2 do
  local pending = redis.call('ZREM', KEYS[i + 2], ARGV[1]) == 1
  if pending or redis.call('ZSCORE', KEYS[i], ARGV[1]) then
    redis.call('ZADD', KEYS[i], 'GT', ARGV[2], ARGV[1])
  end
end
return 0
`);

/** Gives back a slot that was not used (nothing was sent). */
const RELEASE = lua(`
for i = 1, 4 do redis.call('ZREM', KEYS[i], ARGV[1]) end
return 0
`);

const BLOCK = lua(`
local untilMs = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then redis.call('SET', KEYS[1], untilMs, 'PX', math.max(1, untilMs - tonumber(ARGV[2]))) end
return 0
`);

function widen(windows: readonly Window[]): (string | number)[] {
  return [
    windows.length,
    ...windows.flatMap((w) => [w.limit, Math.ceil(w.ms * (1 + SAFETY_MARGIN))]),
  ];
}

/** How often a send without an answer is moved up to now: well inside the shortest window. */
function refreshMs(policy: PacingPolicy): number {
  const shortest = Math.min(...[...policy.destination, ...policy.workspace].map((w) => w.ms));
  return Math.max(1, Math.min(250, Math.floor(shortest / 4)));
}

export class DeliveryLimiter {
  private readonly holdMs: number;
  private readonly leadMs: number;
  private readonly clock: LimiterClock;
  private readonly maxPendingMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    options: LimiterOptions = {},
  ) {
    this.holdMs = options.holdMs ?? 300;
    this.leadMs = Math.min(options.leadMs ?? 100, this.holdMs);
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.maxPendingMs = options.maxPendingMs ?? MAX_PENDING_MS;
  }

  private keys(destination: string, workspace: string) {
    // One hash tag per workspace: every key a script touches is in the workspace's slot.
    const base = `${this.prefix}{pace:${workspace}}`;
    return {
      log: [`${base}:dest:${destination}`, `${base}:ws`],
      block: [`${base}:block:${destination}`, `${base}:block`],
      pending: [`${base}:pending:dest:${destination}`, `${base}:pending:ws`],
      line: [`${base}:line:dest:${destination}`, `${base}:line:ws`],
      due: [`${base}:due:dest:${destination}`, `${base}:due:ws`],
      served: `${base}:served`,
    };
  }

  /**
   * Takes a send slot (wait 0, with the log entry to `settle` after the send) or says how many
   * milliseconds to wait. On the clock, a wait up to `holdMs` is waited here and a longer one
   * comes back `leadMs` early; the send keeps a place in line (by `id`, the same on every try)
   * and, once it has a slot, holds it until `settle` or `release`. With an explicit time it is
   * one decision at that time.
   */
  async acquire(
    policy: PacingPolicy,
    destination: string,
    workspace: string,
    id: string,
    at?: number | AcquireAt,
  ): Promise<{ wait: number; entry: string }> {
    if (at !== undefined) {
      const { now, tracked = false } = typeof at === 'number' ? { now: at } : at;
      const entry = `${now}:${id}`;
      const wait = await this.take(policy, destination, workspace, id, entry, now, tracked);
      return { wait, entry };
    }
    const start = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      const entry = `${now}:${id}`;
      const wait = await this.take(policy, destination, workspace, id, entry, now, true);
      if (wait <= 0) return { wait: 0, entry };
      if (now - start + wait > this.holdMs) return { wait: Math.max(1, wait - this.leadMs), entry };
      await this.clock.sleep(wait);
    }
  }

  /**
   * After a send: the platform counted the message when it arrived, which is after we took the
   * slot and before the answer came. Recording the time the answer came (an upper bound of the
   * arrival) keeps every later decision on the safe side of the platform's own window.
   */
  async settle(
    destination: string,
    workspace: string,
    entry: string,
    at = this.clock.now(),
  ): Promise<void> {
    const k = this.keys(destination, workspace);
    await runScript(this.redis, SETTLE, [...k.log, ...k.pending], [entry, at]);
  }

  /** Gives back a slot that was taken but not used: nothing was sent with it. */
  async release(destination: string, workspace: string, entry: string): Promise<void> {
    const k = this.keys(destination, workspace);
    await runScript(this.redis, RELEASE, [...k.log, ...k.pending], [entry]);
  }

  private async take(
    policy: PacingPolicy,
    destination: string,
    workspace: string,
    id: string,
    entry: string,
    now: number,
    tracked: boolean,
  ): Promise<number> {
    const k = this.keys(destination, workspace);
    const result = await runScript(
      this.redis,
      ACQUIRE,
      [...k.log, ...k.block, ...k.pending, ...k.line, ...k.due, k.served],
      [
        now,
        entry,
        id,
        tracked ? 1 : 0,
        refreshMs(policy),
        this.maxPendingMs,
        LINE_GRACE_MS,
        ...widen(policy.destination),
        ...widen(policy.workspace),
      ],
    );
    return Number(result);
  }

  /** The platform said Retry-After: nothing goes to this destination until then. */
  async block(
    destination: string,
    workspace: string,
    untilMs: number,
    scope: 'destination' | 'workspace' = 'destination',
    now = this.clock.now(),
  ): Promise<void> {
    const k = this.keys(destination, workspace);
    const key = scope === 'destination' ? k.block[0] : k.block[1];
    await runScript(this.redis, BLOCK, [key as string], [untilMs, now]);
  }
}
