/**
 * The append-only activity log of an alliance, a Redis Stream. Every meaningful step
 * (a partner joins, a document is shared, a check-in answered) is one entry; digests and
 * community-health metrics read it back by time range.
 */
import { z } from 'zod';
import type { Keys } from './keys.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';

export const ACTIVITY_TYPES = [
  'partner.joined',
  'member.joined',
  'member.updated',
  'document.shared',
  'document.requested',
  'checkin.answered',
  'commitment.updated',
  'idea.proposed',
  'idea.cosigned',
  /** An idea backed by three partners became an initiative (no actor: the partners did). */
  'idea.initiative',
  /** Two people of different partners both accepted an introduction (one entry per partner). */
  'introduction.connected',
  'success.proposed',
  'success.announced',
  'privacy.erased',
] as const;
export const ActivityTypeSchema = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof ActivityTypeSchema>;

export const ActivityInputSchema = z.object({
  type: ActivityTypeSchema,
  /** The person who did it (namespaced id), if a person did. */
  actor: z.string().optional(),
  /** The partner it counts for (community health is measured per partner). */
  partner: z.string().optional(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type ActivityInput = z.input<typeof ActivityInputSchema>;
export type ActivityEntry = z.infer<typeof ActivityInputSchema> & { id: string };

/** Stream fields, flat: type, actor, partner, at, data (JSON). */
export function activityFields(input: ActivityInput): string[] {
  const entry = ActivityInputSchema.parse(input);
  const fields = ['type', entry.type, 'at', entry.at, 'data', JSON.stringify(entry.data)];
  if (entry.actor) fields.push('actor', entry.actor);
  if (entry.partner) fields.push('partner', entry.partner);
  return fields;
}

/** A stream entry's field list as an object, leaving out the fields named in `skip`. */
function fieldsOf(flat: string[], skip?: string): Record<string, string> {
  const obj: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2)
    if (flat[i] !== skip) obj[flat[i] as string] = flat[i + 1] as string;
  return obj;
}

function toEntry(id: string, flat: string[]): ActivityEntry {
  const obj = fieldsOf(flat);
  const parsed = ActivityInputSchema.parse({
    type: obj.type,
    at: obj.at,
    data: obj.data ? (JSON.parse(obj.data) as unknown) : {},
    ...(obj.actor ? { actor: obj.actor } : {}),
    ...(obj.partner ? { partner: obj.partner } : {}),
  });
  return { id, ...parsed };
}

/** What counting needs of an entry: its id, type, partner and instant (no data, no person). */
const FactSchema = z.object({
  type: ActivityTypeSchema,
  at: z.iso.datetime(),
  partner: z.string().optional(),
});
export type ActivityFactEntry = z.infer<typeof FactSchema> & { id: string };

export class ActivityLog implements PersonalDataHolder {
  readonly kind = 'activity';
  readonly purpose = {
    nl: 'wat er in de alliantie gebeurde en wie het deed (aanmeldingen, gedeelde documenten, antwoorden, ideeën), voor de overzichten en de gezondheid van de gemeenschap',
    en: 'what happened in the alliance and who did it (joins, shares, answers, ideas), for digests and community health',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async append(allianceId: string, input: ActivityInput): Promise<string> {
    const id = await this.redis.xadd(this.keys.activity(allianceId), '*', ...activityFields(input));
    if (!id) throw new Error('XADD returned no id');
    return id;
  }

  /** Entries between two instants (inclusive), oldest first. */
  async range(
    allianceId: string,
    options: { from?: Date; to?: Date; count?: number } = {},
  ): Promise<ActivityEntry[]> {
    const start = options.from ? String(options.from.getTime()) : '-';
    const end = options.to ? String(options.to.getTime()) : '+';
    const rows = options.count
      ? await this.redis.xrange(this.keys.activity(allianceId), start, end, 'COUNT', options.count)
      : await this.redis.xrange(this.keys.activity(allianceId), start, end);
    return rows.map(([id, flat]) => toEntry(id, flat));
  }

  /**
   * Like `range` from an instant, `count` at most, but only the fields counting needs: what
   * community health folds in, without reading each entry's data (much cheaper per entry).
   */
  async facts(allianceId: string, from: Date, count: number): Promise<ActivityFactEntry[]> {
    const rows = await this.redis.xrange(
      this.keys.activity(allianceId),
      String(from.getTime()),
      '+',
      'COUNT',
      count,
    );
    return rows.map(([id, flat]) => ({ id, ...FactSchema.parse(fieldsOf(flat, 'data')) }));
  }

  async length(allianceId: string): Promise<number> {
    return this.redis.xlen(this.keys.activity(allianceId));
  }

  private async byActor(subject: PersonalDataSubject): Promise<ActivityEntry[]> {
    const all = await this.range(subject.allianceId);
    return all.filter((e) => e.actor !== undefined && subject.userIds.includes(e.actor));
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.byActor(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    return this.byActor(subject);
  }

  /**
   * The person's entries go (a stream entry cannot be rewritten in place, and a copy at the
   * end would fall outside the time ranges digests read). Entries of others stay.
   */
  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const found = await this.byActor(subject);
    if (found.length > 0)
      await this.redis.xdel(this.keys.activity(subject.allianceId), ...found.map((e) => e.id));
    return found.length;
  }
}
