import { describe, expect, it } from 'vitest';
import { INBOUND_LANE_SIZE, inboundLanes } from '../../../src/queue/limits.js';

describe('inbound lanes', () => {
  it('split the concurrency into lanes of a few jobs that add up to it', () => {
    for (const concurrency of [1, 3, 4, 5, 10, 50, 97]) {
      const lanes = inboundLanes(concurrency);
      expect(lanes.reduce((a, b) => a + b, 0)).toBe(concurrency);
      expect(Math.max(...lanes)).toBeLessThanOrEqual(INBOUND_LANE_SIZE);
      expect(Math.max(...lanes) - Math.min(...lanes)).toBeLessThanOrEqual(1);
    }
    expect(inboundLanes(10)).toEqual([4, 3, 3]);
  });
});
