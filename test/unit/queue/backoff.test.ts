/**
 * The retry backoff of deliveries and inbound events: a first retry within a quarter second,
 * then four times longer each time (with jitter), capped at five minutes; eight attempts span
 * several minutes of a platform's outage.
 */
import { describe, expect, it } from 'vitest';
import { jitterBackoff } from '../../../src/queue/delivery-worker.js';

const range = (attempt: number) => {
  const samples = Array.from({ length: 200 }, () => jitterBackoff(attempt));
  return { min: Math.min(...samples), max: Math.max(...samples) };
};

describe('jitterBackoff', () => {
  it('retries the first failure within 250 ms, and no sooner than 125 ms', () => {
    const { min, max } = range(1);
    expect(min).toBeGreaterThanOrEqual(125);
    expect(max).toBeLessThanOrEqual(250);
  });

  it('waits four times longer each time, capped at five minutes', () => {
    expect(range(2).max).toBeLessThanOrEqual(1_000);
    expect(range(2).min).toBeGreaterThanOrEqual(500);
    expect(range(4).min).toBeGreaterThanOrEqual(8_000);
    expect(range(10).max).toBeLessThanOrEqual(300_000);
    expect(range(10).min).toBeGreaterThanOrEqual(150_000);
  });

  it('spans several minutes over the seven waits of eight attempts', () => {
    const least = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + range(n).min, 0);
    expect(least).toBeGreaterThan(150_000);
  });
});
