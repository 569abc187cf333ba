/**
 * The personal-data interface every repository implements: what it holds about a person, an
 * export of it, and its erasure (the interface itself is in `src/core/personal-data.ts`, so the
 * platform port can name it). The store lists its holders in one place (`Store.personalData`):
 * its own repositories, every flow's collections as they are made, and what the registry
 * below gathers from the rest of the app (the job queue, each platform adapter's references
 * and the local chat log). The privacy flow exports and erases through all of them, so no
 * store can be forgotten (a test checks every repository is listed).
 *
 * `KeyScanHolder` covers what is kept as free-form keys rather than records (delivered-message
 * ledger, chat log, platform caches): it scans its key patterns and removes every key, member
 * or stream entry whose name or value names the person (an id or a name).
 */
import { Cluster, type Redis } from 'ioredis';
import type {
  BothLanguages,
  PersonalDataHolder,
  PersonalDataSubject,
} from '../core/personal-data.js';
import type { RedisClient } from './redis.js';

export type {
  BothLanguages,
  PersonalDataHolder,
  PersonalDataSubject,
} from '../core/personal-data.js';

/** Where more holders come from (a queue, the adapters): asked each time the list is read. */
export type HolderSource = () => readonly PersonalDataHolder[];

/** The holders outside the store's own repositories, registered by the parts that keep them. */
export class PersonalDataRegistry {
  private readonly sources: HolderSource[] = [];

  /** Registers fixed holders or a source read each time (adapters added later are covered). */
  add(source: HolderSource | readonly PersonalDataHolder[]): void {
    this.sources.push(typeof source === 'function' ? source : () => source);
  }

  holders(): PersonalDataHolder[] {
    const seen = new Set<PersonalDataHolder>();
    for (const source of this.sources) for (const h of source()) seen.add(h);
    return [...seen];
  }
}

/** One holder's part of an export. */
export interface ExportPart {
  kind: string;
  purpose: BothLanguages;
  records: unknown[];
}

/** Everything every holder keeps about the person (holders with nothing left out). */
export async function exportAll(
  holders: readonly PersonalDataHolder[],
  subject: PersonalDataSubject,
): Promise<ExportPart[]> {
  const parts: ExportPart[] = [];
  for (const holder of holders) {
    const records = await holder.exportFor(subject);
    if (records.length > 0) parts.push({ kind: holder.kind, purpose: holder.purpose, records });
  }
  return parts;
}

/** Erases through every holder; how many records each erased or anonymised (0s left out). */
export async function eraseAll(
  holders: readonly PersonalDataHolder[],
  subject: PersonalDataSubject,
): Promise<Record<string, number>> {
  const erased: Record<string, number> = {};
  for (const holder of holders) {
    const n = await holder.eraseFor(subject);
    if (n > 0) erased[holder.kind] = (erased[holder.kind] ?? 0) + n;
  }
  return erased;
}

/** Names shorter than this are not searched for in free text (too many false finds). */
const MIN_NAME = 3;

/** The marks of a person in free-form data: their ids and names, lower case. */
export function marksOf(subject: PersonalDataSubject): string[] {
  const names = (subject.names ?? []).map((n) => n.trim()).filter((n) => n.length >= MIN_NAME);
  return [...new Set([...subject.userIds, ...names].map((m) => m.toLowerCase()))];
}

/** Whether a text names the person (any mark, case-insensitive; JSON escapes undone first). */
export function mentions(text: string, marks: readonly string[]): boolean {
  if (marks.length === 0) return false;
  const lower = text.toLowerCase();
  if (marks.some((m) => lower.includes(m))) return true;
  // A name with accents or quotes may sit JSON-escaped inside a value.
  if (!text.includes('\\')) return false;
  try {
    const unescaped = JSON.parse(`"${text.replace(/"/g, '\\"')}"`) as string;
    return marks.some((m) => unescaped.toLowerCase().includes(m));
  } catch {
    return false;
  }
}

/** The servers holding keys: the one server, or every master of a cluster. */
async function servers(redis: RedisClient): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  if (redis.status !== 'ready') await redis.ping();
  return redis.nodes('master');
}

/** Every key matching a SCAN pattern (on every master of a cluster). */
export async function scanKeys(redis: RedisClient, match: string): Promise<string[]> {
  const keys: string[] = [];
  for (const server of await servers(redis)) {
    let cursor = '0';
    do {
      const [next, batch] = await server.scan(cursor, 'MATCH', match, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
  }
  return [...new Set(keys)];
}

/** What of one key names the person: the whole key, or some of its members or entries. */
interface Found {
  key: string;
  type: string;
  whole: boolean;
  items: string[];
  values: unknown[];
}

async function inspect(redis: RedisClient, key: string, marks: string[]): Promise<Found | null> {
  const type = await redis.type(key);
  const byName = mentions(key, marks);
  const found = (whole: boolean, items: string[], values: unknown[]): Found | null =>
    whole || items.length > 0 ? { key, type, whole, items, values } : null;
  switch (type) {
    case 'string': {
      const value = (await redis.get(key)) ?? '';
      return found(byName || mentions(value, marks), [], [value]);
    }
    case 'hash': {
      const value = await redis.hgetall(key);
      return found(byName || mentions(JSON.stringify(value), marks), [], [value]);
    }
    case 'set':
    case 'list':
    case 'zset': {
      const members =
        type === 'set'
          ? await redis.smembers(key)
          : type === 'list'
            ? await redis.lrange(key, 0, -1)
            : await redis.zrange(key, 0, -1);
      if (byName) return found(true, [], members);
      const hits = members.filter((m) => mentions(m, marks));
      return found(false, hits, hits);
    }
    case 'stream': {
      const entries = await redis.xrange(key, '-', '+');
      if (byName) return found(true, [], entries);
      const hits = entries.filter(([, fields]) => mentions(JSON.stringify(fields), marks));
      return found(
        false,
        hits.map(([id]) => id),
        hits.map(([id, fields]) => ({ id, fields })),
      );
    }
    default:
      return found(byName, [], []);
  }
}

async function remove(redis: RedisClient, f: Found): Promise<void> {
  if (f.whole) {
    await redis.del(f.key);
    return;
  }
  if (f.items.length === 0) return;
  if (f.type === 'set') await redis.srem(f.key, ...f.items);
  else if (f.type === 'zset') await redis.zrem(f.key, ...f.items);
  else if (f.type === 'stream') await redis.xdel(f.key, ...f.items);
  else if (f.type === 'list') for (const item of f.items) await redis.lrem(f.key, 0, item);
}

export interface KeyScanSpec {
  kind: string;
  purpose: BothLanguages;
  /** SCAN patterns of the keys this holder keeps (with the deployment's prefix). */
  patterns: readonly string[];
  /** Keys never touched though they match (a workspace's installation). */
  keep?: (key: string) => boolean;
}

/** A holder of free-form keys: whatever of them names the person is exported and removed. */
export class KeyScanHolder implements PersonalDataHolder {
  readonly kind: string;
  readonly purpose: BothLanguages;

  constructor(
    private readonly redis: RedisClient,
    private readonly spec: KeyScanSpec,
  ) {
    this.kind = spec.kind;
    this.purpose = spec.purpose;
  }

  private async found(subject: PersonalDataSubject): Promise<Found[]> {
    const marks = marksOf(subject);
    const out: Found[] = [];
    for (const pattern of this.spec.patterns) {
      for (const key of await scanKeys(this.redis, pattern)) {
        if (this.spec.keep?.(key)) continue;
        const f = await inspect(this.redis, key, marks);
        if (f) out.push(f);
      }
    }
    return out;
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.found(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    return (await this.found(subject)).map((f) => ({ key: f.key, values: f.values }));
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const found = await this.found(subject);
    for (const f of found) await remove(this.redis, f);
    return found.length;
  }
}
