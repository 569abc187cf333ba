/**
 * An approved success reaches every linked Slack and Teams channel exactly once — allowing for
 * the sends a SIGKILL cut off — with 429s injected on both platforms and the worker killed mid
 * fan-out (successes-scenario.ts): 40 Slack and 20 Teams channels, the first 10 posts of the
 * fan-out on each platform answered 429 with Retry-After, one kill once part of the channels
 * have it, the worker started again at once. Nothing lost, no job failed; doubles at most what
 * was in flight at the kill (neither Slack nor Teams takes an idempotency key: a send cut
 * between the platform's answer and the ledger's record goes out again, once the pacing slot it
 * held has run out: QUEUE_PENDING_MS, shortened to 10 s here from its default minute).
 */
import { describe, expect, it } from 'vitest';
import { PENDING_MS, successFanoutKills, WORKER_CONCURRENCY } from './successes-scenario.js';

describe('successes fan-out, worker killed', () => {
  it('announces an approved success in every Slack and Teams channel despite 429s and a kill', async () => {
    const f = await successFanoutKills({
      channels: 40,
      teamsChannels: 20,
      kills: 1,
      throttled: 10,
      teamsThrottled: 10,
      // The sends the kill cut off hold their channels this long before they go again.
      timeoutMs: PENDING_MS + 30_000,
    });
    expect(f.kills).toBe(1);
    // The kill came mid fan-out: some channels had it, not all.
    expect(f.deliveredAtKill).toBeGreaterThan(0);
    expect(f.deliveredAtKill).toBeLessThan(f.expected);
    expect(f.throttled).toBeGreaterThanOrEqual(10);
    expect(f.teamsThrottled).toBeGreaterThanOrEqual(10);
    expect(f.lost).toBe(0);
    expect(f.failedJobs).toBe(0);
    expect(f.doubles).toBeLessThanOrEqual(f.kills * WORKER_CONCURRENCY);
  }, 80_000);
});
