/**
 * Redis connections through ioredis: one server (REDIS_URL) or a cluster
 * (REDIS_CLUSTER_NODES). BullMQ and the store share the same settings.
 */
import { Cluster, type ClusterNode, Redis, type RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisSettings {
  REDIS_URL: string;
  /**
   * Some of the cluster's nodes (the client finds the others): `host:port` entries separated by
   * commas, or `redis://` / `rediss://` URLs, whose user name, password and TLS apply to
   * every node (`rediss://:secret@10.0.0.1:6379,10.0.0.2:6379`).
   */
  REDIS_CLUSTER_NODES?: string | undefined;
}

/** Nodes and connection options (credentials, TLS) from REDIS_CLUSTER_NODES. */
export function parseClusterNodes(value: string): { nodes: ClusterNode[]; options: RedisOptions } {
  const options: RedisOptions = {};
  const nodes = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      if (/^rediss?:\/\//.test(entry)) {
        const url = new URL(entry);
        if (url.username) options.username = decodeURIComponent(url.username);
        if (url.password) options.password = decodeURIComponent(url.password);
        if (url.protocol === 'rediss:') options.tls = {};
        return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 6379) };
      }
      const at = entry.lastIndexOf(':');
      const host = at > 0 ? entry.slice(0, at).replace(/^\[(.*)\]$/, '$1') : entry;
      const port = at > 0 ? Number(entry.slice(at + 1)) : 6379;
      if (!Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
      }
      return { host, port };
    });
  if (nodes.length === 0) throw new Error('REDIS_CLUSTER_NODES names no node');
  return { nodes, options };
}

/**
 * A connection. Commands issued in the same tick go to Redis in one write (ioredis's
 * auto-pipelining): thirty people answered at once send a third of the socket writes, each of
 * which costs CPU on the path they wait on. Connections for blocking reads are duplicates of
 * their own (the journal pump) or BullMQ's, which ask for it off.
 */
export function createRedis(settings: RedisSettings, options: RedisOptions = {}): RedisClient {
  if (settings.REDIS_CLUSTER_NODES) {
    const { nodes, options: fromNodes } = parseClusterNodes(settings.REDIS_CLUSTER_NODES);
    return new Cluster(nodes, {
      // The same defaults as one server: a command gives up after a few retries (BullMQ's
      // connections ask for null: retry until Redis is back).
      redisOptions: { maxRetriesPerRequest: 3, ...fromNodes, ...options },
      enableAutoPipelining: options.enableAutoPipelining ?? true,
      // Hostnames of TLS nodes must be checked against their certificates: keep the name.
      ...(fromNodes.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
    });
  }
  return new Redis(settings.REDIS_URL, {
    maxRetriesPerRequest: 3,
    enableAutoPipelining: true,
    ...options,
  });
}

/**
 * A connection of its own for blocking reads (XREADGROUP BLOCK): without auto-pipelining, so
 * nothing queues behind the read and disconnecting ends it at once.
 */
export function blockingDuplicate(client: RedisClient): RedisClient {
  return client instanceof Cluster
    ? client.duplicate([], { enableAutoPipelining: false })
    : client.duplicate({ enableAutoPipelining: false });
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

/** Where a connection's errors are reported (a pino logger fits). */
export interface ErrorLog {
  warn(details: object, message: string): void;
}

/**
 * Reports a connection's errors instead of leaving them unhandled (ioredis then prints
 * "Unhandled error event" for every reconnect attempt while Redis is down): the first error
 * at once, then at most one line per `everyMs` with how many were left out. The client keeps
 * reconnecting on its own; commands fail or wait as their options say.
 */
export function reportErrors(
  client: { on(event: 'error', listener: (error: Error) => void): unknown },
  log: ErrorLog,
  name: string,
  everyMs = 10_000,
): void {
  let last = 0;
  let skipped = 0;
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    log.warn(
      { connection: name, err: { message: error.message }, skipped },
      'Redis connection error; reconnecting',
    );
    last = now;
    skipped = 0;
  });
}
