/**
 * Redis connections through ioredis: one server (REDIS_URL) or a cluster
 * (REDIS_CLUSTER_NODES). BullMQ and the store share the same settings.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES?: string | undefined;
}

export function createRedis(settings: RedisSettings, options: RedisOptions = {}): RedisClient {
  if (settings.REDIS_CLUSTER_NODES) {
    const nodes = settings.REDIS_CLUSTER_NODES.split(',').map((hostPort) => {
      const [host, port] = hostPort.trim().split(':');
      return { host: host ?? '127.0.0.1', port: Number(port ?? 6379) };
    });
    return new Cluster(nodes, { redisOptions: options });
  }
  return new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 3, ...options });
}

/** True when Redis answers PING within the timeout. */
export async function redisAnswers(client: RedisClient, timeoutMs = 1000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ping = client.ping().then((r) => r === 'PONG');
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    return await Promise.race([ping, timeout]);
  } catch {
    return false;
  } finally {
    if (timer) clearTimeout(timer);
  }
}
