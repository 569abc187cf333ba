/**
 * Real Redis for tests: a fresh key prefix per test (or suite), and every key under it
 * deleted afterwards. REDIS_URL is set by scripts/with-redis.mjs (npm test); with
 * REDIS_CLUSTER_NODES set (the cluster project, vitest.cluster.config.ts) the same tests run
 * against a Redis Cluster, through the same createRedis the app uses.
 */
import { randomBytes } from 'node:crypto';
import { Cluster, type Redis } from 'ioredis';
import { createRedis, type RedisClient, type RedisSettings } from '../../src/store/redis.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES || undefined;

/** The settings the app and the queues take: one server, or the cluster when set. */
export const REDIS_SETTINGS: RedisSettings = {
  REDIS_URL,
  ...(REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES } : {}),
};

export function freshPrefix(label = 't'): string {
  return `test:${label}:${randomBytes(6).toString('hex')}:`;
}

export function testRedis(): RedisClient {
  return createRedis(REDIS_SETTINGS, { maxRetriesPerRequest: 2 });
}

/** The servers holding keys: the one server, or every master of the cluster. */
async function servers(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  if (redis.status !== 'ready') await redis.ping(); // the slots are known before nodes()
  return redis.nodes('master');
}

/** Each server with the keys under the prefix it holds (SCAN: safe on a shared Redis). */
async function scanAll(redis: RedisClient, prefix: string): Promise<[Redis, string[]][]> {
  const found: [Redis, string[]][] = [];
  for (const server of await servers(redis)) {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await server.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    found.push([server, keys]);
  }
  return found;
}

/**
 * Deletes every key that starts with the prefix. On a cluster each master is scanned and its
 * keys deleted there one by one (they may sit in different slots).
 */
export async function deletePrefix(redis: RedisClient, prefix: string): Promise<number> {
  let deleted = 0;
  for (const [server, keys] of await scanAll(redis, prefix)) {
    for (let i = 0; i < keys.length; i += 500) {
      const pipeline = server.pipeline();
      for (const key of keys.slice(i, i + 500)) pipeline.del(key);
      for (const [error, n] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        deleted += Number(n);
      }
    }
  }
  return deleted;
}

export async function keysWithPrefix(redis: RedisClient, prefix: string): Promise<string[]> {
  return (await scanAll(redis, prefix)).flatMap(([, keys]) => keys).sort();
}
