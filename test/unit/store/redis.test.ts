import { describe, expect, it } from 'vitest';
import { parseClusterNodes } from '../../../src/store/redis.js';

describe('REDIS_CLUSTER_NODES', () => {
  it('reads host:port entries', () => {
    expect(parseClusterNodes('10.0.0.1:7000, 10.0.0.2:7001,redis-3')).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'redis-3', port: 6379 },
      ],
      options: {},
    });
  });

  it('takes the user name, password and TLS of URL entries for every node', () => {
    const { nodes, options } = parseClusterNodes(
      'rediss://bot:s%40cret@redis-1.internal:6380,redis-2.internal:6380,[::1]:7000',
    );
    expect(nodes).toEqual([
      { host: 'redis-1.internal', port: 6380 },
      { host: 'redis-2.internal', port: 6380 },
      { host: '::1', port: 7000 },
    ]);
    expect(options).toEqual({ username: 'bot', password: 's@cret', tls: {} });
  });

  it('refuses an entry that is not host:port, and an empty list', () => {
    expect(() => parseClusterNodes('10.0.0.1:port')).toThrow(/not host:port/);
    expect(() => parseClusterNodes(' , ')).toThrow(/names no node/);
  });
});
