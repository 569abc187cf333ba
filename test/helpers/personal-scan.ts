/**
 * Finds a person in Redis: every key under a test's prefix — the alliance's records, BullMQ's
 * queues, jobs and event streams, the delivery ledger, the platforms' references, the local
 * chat log — read whole whatever its type, and searched (name and value, case-insensitive, JSON
 * escapes undone) for the person's marks: their namespaced ids, the platform's own part of a
 * Slack or Teams id (`U0MIA` sits alone in some keys), their names and any extra mark (an
 * e-mail address). The audit trail is left out by default: it keeps its entries and shows an
 * erased person under a pseudonym.
 *
 * Use it in every flow's erasure test:
 *
 *   const left = await personalTraces(redis, prefix, { ids: [MIA], names: ['Mia de Wit'] });
 *   expect(left).toEqual([]);
 */
import type { RedisClient } from '../../src/store/redis.js';
import { keysWithPrefix } from './redis.js';

export interface PersonMarks {
  /** Namespaced ids (`local:kit:mia`, `slack:T0KIT:U0MIA`). */
  ids: readonly string[];
  names?: readonly string[];
  /** Anything else that must be gone (an e-mail address). */
  extra?: readonly string[];
}

export interface ScanOptions {
  /** Keys left out (default: the audit trail's keys). */
  skip?: (key: string) => boolean;
}

/** A key still naming the person, with what of it did. */
export interface Trace {
  key: string;
  mark: string;
  /** A little of the value around the mark, to see what it is. */
  excerpt: string;
}

/** The audit trail's keys (`{a:<id>}:audit`, its erased pseudonyms and its secret). */
export const isAuditKey = (key: string): boolean => /\}:audit(:|$)/.test(key);

/** The strings that name the person. */
export function marksOf(person: PersonMarks): string[] {
  const parts = person.ids
    .filter((id) => id.startsWith('slack:') || id.startsWith('teams:'))
    .map((id) => id.split(':').slice(2).join(':'))
    .filter((local) => local.length >= 5);
  const all = [...person.ids, ...parts, ...(person.names ?? []), ...(person.extra ?? [])];
  return [...new Set(all.filter((m) => m.trim().length >= 3).map((m) => m.toLowerCase()))];
}

/** A key's whole value as text, whatever its type. */
export async function keyText(redis: RedisClient, key: string): Promise<string> {
  const type = await redis.type(key);
  let value: unknown;
  if (type === 'string') value = await redis.get(key);
  else if (type === 'set') value = await redis.smembers(key);
  else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
  else if (type === 'hash') value = await redis.hgetall(key);
  else if (type === 'list') value = await redis.lrange(key, 0, -1);
  else if (type === 'stream') value = await redis.xrange(key, '-', '+');
  else if (type === 'none') value = '';
  else value = `<${type}>`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function unescaped(text: string): string {
  // Values are often JSON inside JSON: undo the escapes until nothing changes.
  let out = text;
  for (let i = 0; i < 3 && out.includes('\\'); i++) {
    out = out.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    out = out.replace(/\\(["\\/])/g, '$1');
  }
  return out;
}

/** Every key under the prefix (outside the audit trail) that still names the person. */
export async function personalTraces(
  redis: RedisClient,
  prefix: string,
  person: PersonMarks,
  options: ScanOptions = {},
): Promise<Trace[]> {
  const marks = marksOf(person);
  const skip = options.skip ?? isAuditKey;
  const traces: Trace[] = [];
  for (const key of (await keysWithPrefix(redis, prefix)).sort()) {
    if (skip(key)) continue;
    const value = await keyText(redis, key);
    const text = unescaped(`${key}\n${value}`).toLowerCase();
    const mark = marks.find((m) => text.includes(m));
    if (!mark) continue;
    const at = text.indexOf(mark);
    traces.push({ key, mark, excerpt: text.slice(Math.max(0, at - 60), at + mark.length + 60) });
  }
  return traces;
}
