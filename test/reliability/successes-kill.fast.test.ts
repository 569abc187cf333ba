/**
 * An approved success reaches every linked Slack channel exactly once — allowing for the
 * sends a SIGKILL cut off — with 429s injected and the worker killed mid fan-out
 * (successes-scenario.ts): 60 channels, the first 15 posts of the fan-out answered 429 with
 * Retry-After, one kill once part of the channels have it, the worker started again at once.
 * Nothing lost, no job failed; doubles at most what was in flight at the kill (neither Slack
 * nor Teams takes an idempotency key: a send cut between the platform's answer and the
 * ledger's record goes out again, once the pacing slot it held has run out: a minute, which
 * is most of this test's 70–80 s).
 *
 * Slack only: Teams needs a fake Microsoft login (token issuer and keys) the child process
 * does not have; the Teams side of the fan-out, with 429s, is
 * test/integration/successes-fanout.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PENDING_MS } from '../../src/queue/limiter.js';
import { slackSuccessFanoutKills, WORKER_CONCURRENCY } from './successes-scenario.js';

describe('successes fan-out, worker killed', () => {
  it('announces an approved success in every one of 60 Slack channels despite 429s and a kill', async () => {
    const f = await slackSuccessFanoutKills({
      channels: 60,
      kills: 1,
      throttled: 15,
      // The sends the kill cut off hold their channels this long before they go again.
      timeoutMs: MAX_PENDING_MS + 15_000,
    });
    expect(f.kills).toBe(1);
    // The kill came mid fan-out: some channels had it, not all.
    expect(f.deliveredAtKill).toBeGreaterThan(0);
    expect(f.deliveredAtKill).toBeLessThan(f.expected);
    expect(f.throttled).toBeGreaterThanOrEqual(15);
    expect(f.lost).toBe(0);
    expect(f.failedJobs).toBe(0);
    expect(f.doubles).toBeLessThanOrEqual(f.kills * WORKER_CONCURRENCY);
  }, 90_000);
});
