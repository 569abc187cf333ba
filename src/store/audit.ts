/**
 * The audit trail of an alliance: who shared, changed or withdrew a document, who approved,
 * edited or rejected a success, who changed a schedule or a toolkit item, which roles the
 * config gave or took at a restart, who exported or erased whose data. One Redis Stream per
 * alliance (`{a:<id>}:audit`), append-only: this class has no method that edits or deletes an
 * entry, no command reaches one, and the activity retention never trims it (it is kept
 * AUDIT_RETENTION_DAYS, longer than the activity history).
 *
 * Erasure never rewrites an entry. The pseudonym of a person is a keyed hash: HMAC-SHA256 of
 * their platform id under the alliance's audit secret (32 random bytes made once, kept at
 * `{a:<id>}:audit:secret`), shown as `persoon-<first 10 hex>` / `person-<…>`. Erasing a person
 * adds the keyed hashes of their ids and of the e-mail addresses the config's roles name them by
 * to `{a:<id>}:audit:erased` (never the ids themselves), each mapped to the person's one
 * pseudonym (`…:erased:as`); reading the trail shows every identity whose hash is there under
 * that pseudonym, their name left out, whatever form the entry names them in. The entry about the erasure itself names the person only by that pseudonym.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Keys } from './keys.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

/** How long the audit trail is kept by default: five years (activity: two). */
export const AUDIT_RETENTION_DAYS = 1826;

/** How long an event's entries are remembered, so that handling it again writes none twice. */
const ONCE_TTL_SECONDS = 30 * 24 * 3600;

/** Appends unless this very entry was appended for this event before (one step, atomic). */
const APPEND_ONCE = lua(`
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[1], '*', unpack(ARGV, 2))
end
return false
`);

export const AuditKindSchema = z.string().regex(/^[a-z][a-z-]*\.[a-z][a-z.-]*$/);

/** Details of an entry: flat, short values (ids, titles, levels, counts). */
export const AuditDetailsSchema = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  z.union([z.string().max(500), z.number(), z.boolean()]),
);
export type AuditDetails = z.infer<typeof AuditDetailsSchema>;

export const AuditInputSchema = z.object({
  /** `<area>.<what>`: `document.shared`, `success.approved`, `privacy.erased`. */
  kind: AuditKindSchema,
  /** Who did it (a platform id); absent for the bot itself (a restart). */
  actor: z.string().min(1).max(300).optional(),
  actorName: z.string().max(200).optional(),
  /** Whose data or role it concerns, when a person. */
  subject: z.string().min(1).max(300).optional(),
  subjectName: z.string().max(200).optional(),
  details: AuditDetailsSchema.default({}),
  at: z.iso.datetime(),
});
export type AuditInput = z.input<typeof AuditInputSchema>;
export type AuditEntry = z.infer<typeof AuditInputSchema> & { id: string };

export interface AuditFilter {
  /** Entries naming this person as actor or subject: an id, a name part or a pseudonym. */
  person?: string;
  /** Entries of this kind, or of this area (`document` matches `document.shared`). */
  kind?: string;
  /** At most this many, newest first (default 20). */
  count?: number;
  /** Only entries older than this stream id (paging). */
  before?: string;
}

function fields(input: AuditInput): string[] {
  const e = AuditInputSchema.parse(input);
  const out = ['kind', e.kind, 'at', e.at, 'details', JSON.stringify(e.details)];
  if (e.actor) out.push('actor', e.actor);
  if (e.actorName) out.push('actorName', e.actorName);
  if (e.subject) out.push('subject', e.subject);
  if (e.subjectName) out.push('subjectName', e.subjectName);
  return out;
}

function toEntry(id: string, flat: string[]): AuditEntry | null {
  const obj: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) obj[flat[i] as string] = flat[i + 1] as string;
  let details: unknown = {};
  try {
    details = obj.details ? JSON.parse(obj.details) : {};
  } catch {
    details = {};
  }
  const parsed = AuditInputSchema.safeParse({ ...obj, details });
  return parsed.success ? { id, ...parsed.data } : null;
}

/** One holder of a role the config gives, by one identity (a platform id or an e-mail). */
export interface ConfigRoleHolder {
  role: string;
  /** The identity as the config names it: `slack:T01:U02`, or an e-mail address. */
  identity: string;
  name: string;
}

/**
 * Compares the roles the config gives now with those the last start recorded (a hash per
 * alliance, `{a:<id>}:audit:roles`, field `<role>|<identity>`), records the new ones and
 * appends `role.granted` / `role.revoked` for each difference — in one step, so workers
 * starting at the same moment write each change once. No actor: the config did it.
 */
const NOTE_ROLES = lua(`
local stream, roster, at = KEYS[1], KEYS[2], ARGV[1]
local now = cjson.decode(ARGV[2])
local seen, granted, revoked = {}, 0, 0
local function append(kind, h)
  local f = {'kind', kind, 'at', at, 'subject', h.identity,
    'details', cjson.encode({role = h.role, source = 'config'})}
  if h.name and h.name ~= '' then
    f[#f + 1] = 'subjectName'
    f[#f + 1] = h.name
  end
  redis.call('XADD', stream, '*', unpack(f))
end
for _, h in ipairs(now) do
  local field = h.role .. '|' .. h.identity
  seen[field] = true
  if redis.call('HEXISTS', roster, field) == 0 then
    append('role.granted', h)
    granted = granted + 1
  end
  redis.call('HSET', roster, field, cjson.encode(h))
end
local before = redis.call('HGETALL', roster)
for i = 1, #before, 2 do
  if not seen[before[i]] then
    append('role.revoked', cjson.decode(before[i + 1]))
    redis.call('HDEL', roster, before[i])
    revoked = revoked + 1
  end
end
return {granted, revoked}
`);

/** A row of the config roles roster (`{a:<id>}:audit:roles`). */
const RosterRowSchema = z.object({ role: z.string(), identity: z.string(), name: z.string() });

export class AuditTrail {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private stream(allianceId: string): string {
    return this.keys.audit(allianceId);
  }

  private erasedKey(allianceId: string): string {
    return `${this.stream(allianceId)}:erased`;
  }

  private async secret(allianceId: string): Promise<string> {
    const key = `${this.stream(allianceId)}:secret`;
    await this.redis.set(key, randomBytes(32).toString('hex'), 'NX');
    return (await this.redis.get(key)) ?? '';
  }

  /** The keyed hash of a platform id (the pseudonym's source). */
  async keyedHash(allianceId: string, userId: string): Promise<string> {
    return createHmac('sha256', await this.secret(allianceId))
      .update(userId)
      .digest('hex');
  }

  /** A person's pseudonym in this alliance's trail: `person-<10 hex>` (stable, not reversible). */
  async pseudonym(allianceId: string, userId: string): Promise<string> {
    return `person-${(await this.keyedHash(allianceId, userId)).slice(0, 10)}`;
  }

  /** Appends one entry; returns its id. The only write to the stream there is. */
  async append(allianceId: string, input: AuditInput): Promise<string> {
    const id = await this.redis.xadd(this.stream(allianceId), '*', ...fields(input));
    if (!id) throw new Error('XADD returned no id');
    return id;
  }

  /**
   * Appends one entry once per `occasion` (the event being handled, `<platform>:<eventId>`):
   * the same event handled again after a crash appends the same entry (its kind, subject and
   * details — or `same`, when given, instead of the details) no second time. Returns the new
   * entry's id, or null when it was there already. What is remembered is a hash of the
   * occasion and the entry (30 days), no id or name.
   */
  async appendOnce(
    allianceId: string,
    input: AuditInput,
    occasion: string,
    same?: string,
  ): Promise<string | null> {
    const e = AuditInputSchema.parse(input);
    const what = JSON.stringify([
      occasion,
      e.kind,
      e.actor ?? '',
      e.subject ?? '',
      same ?? e.details,
    ]);
    const guard = `${this.stream(allianceId)}:once:${createHash('sha256').update(what).digest('hex')}`;
    const id = await runScript(
      this.redis,
      APPEND_ONCE,
      [this.stream(allianceId), guard],
      [ONCE_TTL_SECONDS, ...fields(input)],
    );
    return typeof id === 'string' ? id : null;
  }

  /**
   * The roles the config gives at this start, compared with the last start's: each identity
   * that gained or lost a role gets one `role.granted` / `role.revoked` entry (no actor: the
   * config). The first start of an alliance writes who holds which role.
   */
  async noteConfigRoles(
    allianceId: string,
    holders: readonly ConfigRoleHolder[],
    at: Date,
  ): Promise<{ granted: number; revoked: number }> {
    const unique = [...new Map(holders.map((h) => [`${h.role}|${h.identity}`, h])).values()];
    const result = await runScript(
      this.redis,
      NOTE_ROLES,
      [this.stream(allianceId), `${this.stream(allianceId)}:roles`],
      [at.toISOString(), unique.length > 0 ? JSON.stringify(unique) : '[]'],
    );
    const [granted, revoked] = Array.isArray(result) ? result.map(Number) : [0, 0];
    return { granted: granted ?? 0, revoked: revoked ?? 0 };
  }

  /**
   * The e-mail addresses the config's roles name a person by (role.granted / role.revoked
   * entries have them as subject): the roster's address rows of the same config entry as a row
   * naming one of their ids (the same name), or named as they are.
   */
  async configAddresses(
    allianceId: string,
    userIds: readonly string[],
    names: readonly string[] = [],
  ): Promise<string[]> {
    const roster = await this.redis.hvals(`${this.stream(allianceId)}:roles`);
    const rows = roster
      .map((raw) => RosterRowSchema.safeParse(JSON.parse(raw)).data)
      .filter((r) => r !== undefined);
    const fold = (n: string) => n.trim().toLowerCase();
    const theirs = new Set([
      ...names.map(fold),
      ...rows.filter((r) => userIds.includes(r.identity)).map((r) => fold(r.name)),
    ]);
    const addresses = rows
      .filter((r) => r.identity.includes('@') && theirs.has(fold(r.name)))
      .map((r) => r.identity);
    return [...new Set(addresses)];
  }

  /**
   * Marks a person erased: the keyed hashes of their ids and of the e-mail addresses they are
   * known by (`addresses`: the config's roles name people by address too) join the erased set,
   * each mapped to the one pseudonym of the person (that of their first id), so every entry
   * naming them, in whatever form, reads with that pseudonym from now on. Entries are not
   * touched.
   */
  async markErased(
    allianceId: string,
    userIds: readonly string[],
    addresses: readonly string[] = [],
  ): Promise<string> {
    const identities = [
      ...new Set([...userIds, ...addresses.map((a) => a.trim().toLowerCase()).filter(Boolean)]),
    ];
    const hashes = await Promise.all(identities.map((u) => this.keyedHash(allianceId, u)));
    const pseudonym = `person-${(hashes[0] ?? '').slice(0, 10)}`;
    if (hashes.length > 0) {
      await this.redis
        .multi()
        .sadd(this.erasedKey(allianceId), ...hashes)
        .hset(`${this.erasedKey(allianceId)}:as`, ...hashes.flatMap((h) => [h, pseudonym]))
        .exec();
    }
    return pseudonym;
  }

  /** Entries as coordinators read them: newest first, erased people under their pseudonym. */
  async read(allianceId: string, filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const want = Math.min(filter.count ?? 20, 200);
    const [erasedList, as] = await Promise.all([
      this.redis.smembers(this.erasedKey(allianceId)),
      this.redis.hgetall(`${this.erasedKey(allianceId)}:as`),
    ]);
    const erased = new Set(erasedList);
    const shown = async (id: string | undefined, name: string | undefined) => {
      if (!id) return { id, name };
      const hash = await this.keyedHash(allianceId, id.includes('@') ? id.toLowerCase() : id);
      // Erased: the person's one pseudonym (marked before there was one per person: the id's).
      return erased.has(hash)
        ? { id: as[hash] ?? `person-${hash.slice(0, 10)}`, name: undefined }
        : { id, name };
    };
    const out: AuditEntry[] = [];
    let end = filter.before ? `(${filter.before}` : '+';
    for (;;) {
      const rows = await this.redis.xrevrange(this.stream(allianceId), end, '-', 'COUNT', 200);
      for (const [id, flat] of rows) {
        const raw = toEntry(id, flat);
        if (!raw) continue;
        const actor = await shown(raw.actor, raw.actorName);
        const subject = await shown(raw.subject, raw.subjectName);
        const entry: AuditEntry = {
          id: raw.id,
          kind: raw.kind,
          at: raw.at,
          details: raw.details,
          ...(actor.id ? { actor: actor.id } : {}),
          ...(actor.name ? { actorName: actor.name } : {}),
          ...(subject.id ? { subject: subject.id } : {}),
          ...(subject.name ? { subjectName: subject.name } : {}),
        };
        if (matches(entry, filter)) out.push(entry);
        if (out.length >= want) return out;
      }
      if (rows.length < 200) return out;
      end = `(${rows.at(-1)?.[0] ?? '0'}`;
    }
  }

  async length(allianceId: string): Promise<number> {
    return this.redis.xlen(this.stream(allianceId));
  }

  /** Drops entries older than the audit retention (by stream id time); never anything newer. */
  async expire(allianceId: string, now: Date, days = AUDIT_RETENTION_DAYS): Promise<number> {
    const before = now.getTime() - days * 24 * 3600 * 1000;
    return this.redis.xtrim(this.stream(allianceId), 'MINID', String(before));
  }
}

function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  if (filter.kind) {
    const k = filter.kind.toLowerCase();
    if (entry.kind !== k && !entry.kind.startsWith(`${k}.`)) return false;
  }
  if (filter.person) {
    const p = filter.person.toLowerCase();
    const names = [entry.actor, entry.actorName, entry.subject, entry.subjectName];
    if (!names.some((n) => n?.toLowerCase().includes(p))) return false;
  }
  return true;
}
