/**
 * A Redis connection whose server is gone: its errors are reported, not left unhandled (ioredis
 * prints "Unhandled error event" for each reconnect then), and at most one line per interval.
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { reportErrors } from '../../../src/store/redis.js';
import { freePort, waitFor } from '../../reliability/harness.js';

describe('reportErrors', () => {
  it('reports a dead server once per interval, with the count left out', async () => {
    const port = await freePort();
    const client = new Redis({
      port,
      host: '127.0.0.1',
      maxRetriesPerRequest: 1,
      retryStrategy: () => 20,
    });
    let errors = 0;
    client.on('error', () => {
      errors++;
    });
    const lines: { details: object; message: string }[] = [];
    reportErrors(
      client,
      { warn: (details, message) => lines.push({ details, message }) },
      'store',
      60_000,
    );
    try {
      await waitFor(() => errors >= 5 || `${errors} errors`, 10_000, 20);
      expect(lines).toHaveLength(1);
      expect(lines[0]?.message).toBe('Redis connection error; reconnecting');
      expect(lines[0]?.details).toMatchObject({ connection: 'store', skipped: 0 });
      expect(JSON.stringify(lines[0]?.details)).toContain('ECONNREFUSED');
    } finally {
      client.disconnect();
    }
  });

  it('says how many it left out on the next line', async () => {
    const port = await freePort();
    const client = new Redis({ port, host: '127.0.0.1', retryStrategy: () => 20 });
    const lines: { details: { skipped?: number } }[] = [];
    reportErrors(client, { warn: (details) => lines.push({ details }) }, 'queue', 200);
    try {
      await waitFor(() => lines.length >= 2 || `${lines.length} lines`, 10_000, 20);
      expect(lines[1]?.details.skipped).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });
});
