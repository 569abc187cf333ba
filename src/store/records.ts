/**
 * Records of a flow (documents, ideas, successes, check-ins) kept per alliance as JSON, with
 * per-item atomic steps: `mutate` reads a record, lets the flow change it and writes it back
 * only if nobody changed it meanwhile (a compare-and-set in Lua, retried), so two partners
 * co-signing one idea at the same moment both count. Every collection says which people a
 * record mentions and how to anonymise them, so it implements the personal-data interface.
 */
import type { z } from 'zod';
import type { Keys } from './keys.js';
import type { BothLanguages, PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

/**
 * KEYS: 1 record, 2 index, 3 the order by score (optional). ARGV: 1 expected (empty: absent),
 * 2 new (empty: delete), 3 id, 4 the record's score in that order (empty: not in it).
 */
const CAS = lua(`
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
  if redis.call('ZSCORE', KEYS[2], ARGV[3]) == false then
    -- After the last one written (not the count: after a deletion that would tie with it).
    local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
    local score = 0
    if last[2] then score = tonumber(last[2]) + 1 end
    redis.call('ZADD', KEYS[2], score, ARGV[3])
  end
end
if KEYS[3] then
  if ARGV[4] == nil or ARGV[4] == '' then
    redis.call('ZREM', KEYS[3], ARGV[3])
  else
    redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
  end
end
return 1
`);

/**
 * KEYS: 1 the order by score, 2 its "complete" marker, then records. ARGV: 1 whether this is the
 * last batch (sets the marker), then per record: as read, its score (empty: not in the order),
 * its id. Puts records written before the order existed in it, each only if unchanged since it
 * was read (a write since placed it itself).
 */
const FILL = lua(`
for i = 3, #KEYS do
  local at = 2 + (i - 3) * 3
  if redis.call('GET', KEYS[i]) == ARGV[at] and ARGV[at + 1] ~= '' then
    redis.call('ZADD', KEYS[1], ARGV[at + 1], ARGV[at + 2])
  end
end
if ARGV[1] == '1' then redis.call('SET', KEYS[2], '1') end
return 1
`);

export interface CollectionSpec<T> {
  /** `<flow>.<kind>`, part of the keys (`ideas.idea`). */
  name: string;
  schema: z.ZodType<T>;
  /** Why these records are kept (for the register of processing). */
  purpose: BothLanguages;
  /**
   * The platform identities a record mentions (author, co-signers, owner), and the e-mail
   * addresses (lower-case) it keeps of people who may be known by nothing else (an invitee):
   * those are matched against the subject's `emails`.
   */
  people(record: T): readonly string[];
  /**
   * The record with this person's traces removed (their id and name replaced by their
   * organisation's), or null when the record is theirs alone and goes. `userIds`: the person's
   * identities and the addresses they were named by.
   */
  anonymise(record: T, userIds: readonly string[]): T | null;
  /**
   * A second order of the records, by this score (null: not in it), kept with every write, so
   * a reader finds the records in a range of scores without reading them all (documents by
   * their review day).
   */
  score?(record: T): number | null;
}

/** A subject's platform identities and the addresses they were named by (what `people` holds). */
const identitiesOf = (subject: PersonalDataSubject): readonly string[] => [
  ...subject.userIds,
  ...(subject.emails ?? []),
];

/** Records read and placed per step while an order by score is filled the first time. */
const FILL_STEP = 500;

/** Thrown when a record kept changing under a `mutate` (very busy record). */
export class ContendedRecordError extends Error {}

export class Collection<T> implements PersonalDataHolder {
  readonly kind: string;
  readonly purpose: BothLanguages;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly spec: CollectionSpec<T>,
  ) {
    this.kind = spec.name;
    this.purpose = spec.purpose;
  }

  private key(allianceId: string, id: string): string {
    return this.keys.record(allianceId, this.spec.name, id);
  }

  private index(allianceId: string): string {
    return this.keys.recordIndex(allianceId, this.spec.name);
  }

  private order(allianceId: string): string[] {
    return this.spec.score ? [this.keys.recordOrder(allianceId, this.spec.name)] : [];
  }

  private scoreOf(record: T | null): string {
    const score = record && this.spec.score ? this.spec.score(record) : null;
    return score === null ? '' : String(score);
  }

  private parse(raw: string): T {
    return this.spec.schema.parse(JSON.parse(raw));
  }

  async get(allianceId: string, id: string): Promise<T | null> {
    const raw = await this.redis.get(this.key(allianceId, id));
    return raw ? this.parse(raw) : null;
  }

  /** Ids in the order they were first written. */
  async ids(allianceId: string): Promise<string[]> {
    return this.redis.zrange(this.index(allianceId), 0, -1);
  }

  /** The ids of the last `count` records first written, in that order. */
  async lastIds(allianceId: string, count: number): Promise<string[]> {
    return count > 0 ? this.redis.zrange(this.index(allianceId), -count, -1) : [];
  }

  /**
   * The records whose score (the spec's `score`) is between `min` and `max` (inclusive), by
   * score. The first call for an alliance puts records written before the order existed in it.
   */
  async byScore(allianceId: string, min: number, max: number): Promise<T[]> {
    const [order] = this.order(allianceId);
    if (!order) throw new Error(`collection ${this.spec.name} has no order by score`);
    if ((await this.redis.exists(`${order}:complete`)) === 0) await this.fillOrder(allianceId);
    const ids = await this.redis.zrangebyscore(order, min, max);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.key(allianceId, id)));
    return raws.filter((r): r is string => r !== null).map((r) => this.parse(r));
  }

  private async fillOrder(allianceId: string): Promise<void> {
    const [order] = this.order(allianceId);
    if (!order) return;
    const ids = await this.ids(allianceId);
    for (let i = 0; i === 0 || i < ids.length; i += FILL_STEP) {
      const batch = ids.slice(i, i + FILL_STEP);
      const keys = batch.map((id) => this.key(allianceId, id));
      const raws = keys.length > 0 ? await this.redis.mget(...keys) : [];
      const args = batch.flatMap((id, n) => {
        const raw = raws[n] ?? null;
        return [raw ?? '', raw === null ? '' : this.scoreOf(this.parse(raw)), id];
      });
      const last = i + FILL_STEP >= ids.length ? '1' : '0';
      await runScript(this.redis, FILL, [order, `${order}:complete`, ...keys], [last, ...args]);
    }
  }

  async list(allianceId: string): Promise<T[]> {
    const ids = await this.ids(allianceId);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.key(allianceId, id)));
    return raws.filter((r): r is string => r !== null).map((r) => this.parse(r));
  }

  /** Writes a record as a whole (last writer wins); use `mutate` to change one in place. */
  async put(allianceId: string, id: string, record: T): Promise<void> {
    await this.mutate(allianceId, id, () => record);
  }

  /** Creates the record only if it does not exist; false when it did. */
  async create(allianceId: string, id: string, record: T): Promise<boolean> {
    const parsed = this.spec.schema.parse(record);
    const done = await runScript(
      this.redis,
      CAS,
      [this.key(allianceId, id), this.index(allianceId), ...this.order(allianceId)],
      ['', JSON.stringify(parsed), id, this.scoreOf(parsed)],
    );
    return Number(done) === 1;
  }

  /**
   * Changes one record atomically: `change` gets the current record (null when absent) and
   * returns the new one (null deletes it). Retried when someone else wrote in between, so
   * `change` must be a pure function of its input. Returns what was written.
   */
  async mutate(
    allianceId: string,
    id: string,
    change: (current: T | null) => T | null,
    attempts = 50,
  ): Promise<T | null> {
    const key = this.key(allianceId, id);
    for (let i = 0; i < attempts; i++) {
      const raw = await this.redis.get(key);
      const next = change(raw ? this.parse(raw) : null);
      const parsed = next === null ? null : this.spec.schema.parse(next);
      const value = parsed === null ? '' : JSON.stringify(parsed);
      if (value === (raw ?? '')) return next;
      const done = await runScript(
        this.redis,
        CAS,
        [key, this.index(allianceId), ...this.order(allianceId)],
        [raw ?? '', value, id, this.scoreOf(parsed)],
      );
      if (Number(done) === 1) return next;
    }
    throw new ContendedRecordError(`record ${this.spec.name}/${id} kept changing`);
  }

  async delete(allianceId: string, id: string): Promise<void> {
    await this.mutate(allianceId, id, () => null);
  }

  private async mentioning(subject: PersonalDataSubject): Promise<{ id: string; record: T }[]> {
    const ids = await this.ids(subject.allianceId);
    const theirs = identitiesOf(subject);
    const out: { id: string; record: T }[] = [];
    for (const id of ids) {
      const record = await this.get(subject.allianceId, id);
      if (record && this.spec.people(record).some((p) => theirs.includes(p)))
        out.push({ id, record });
    }
    return out;
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.mentioning(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    return (await this.mentioning(subject)).map((m) => m.record);
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const found = await this.mentioning(subject);
    for (const { id } of found) {
      await this.mutate(subject.allianceId, id, (current) =>
        current ? this.spec.anonymise(current, identitiesOf(subject)) : null,
      );
    }
    return found.length;
  }
}
