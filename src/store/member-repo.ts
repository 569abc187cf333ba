/**
 * Partners and members. Registering a member (and, for a new organisation, its partner)
 * is one Lua script: the partner, the member, the indexes, the activity entries and the
 * end of the person's intake state are written together or not at all.
 */
import { type Member, MemberSchema, type Partner, PartnerSchema } from '../domain/alliance.js';
import { activityFields } from './activity-log.js';
import type { Keys } from './keys.js';
import type { PersonalDataHolder, PersonalDataSubject } from './personal-data.js';
import type { RedisClient } from './redis.js';
import { lua, runScript } from './scripts.js';

const REGISTER = lua(`
-- KEYS: 1 partner, 2 partners set, 3 member, 4 members set, 5 partner members,
--       6 previous partner members, 7 activity stream, 8 conversation state
-- ARGV: 1 partner id, 2 partner json, 3 member id, 4 member json,
--       5 n partner activity fields, 6 n joined fields, 7 n updated fields, then the fields
--       (whether the person joined or updated is decided here, so two registrations of
--       one person at the same moment log one join and one update)
local newPartner = 0
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  newPartner = 1
end
local existed = redis.call('EXISTS', KEYS[3])
if existed == 1 and KEYS[6] ~= KEYS[5] then
  redis.call('SREM', KEYS[6], ARGV[3])
end
redis.call('SET', KEYS[3], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[3])
local np = tonumber(ARGV[5])
local nj = tonumber(ARGV[6])
local nu = tonumber(ARGV[7])
if newPartner == 1 and np > 0 then
  redis.call('XADD', KEYS[7], '*', unpack(ARGV, 8, 7 + np))
end
if existed == 1 then
  redis.call('XADD', KEYS[7], '*', unpack(ARGV, 8 + np + nj, 7 + np + nj + nu))
else
  redis.call('XADD', KEYS[7], '*', unpack(ARGV, 8 + np, 7 + np + nj))
end
redis.call('DEL', KEYS[8])
return {newPartner, existed}
`);

const ADD_PARTNER = lua(`
-- KEYS: 1 partner, 2 partners set, 3 activity stream. ARGV: 1 partner id, 2 partner json,
--       then the activity fields. Only a partner that does not exist yet is written (and logged).
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], '*', unpack(ARGV, 3))
return 1
`);

export interface RegisterResult {
  newPartner: boolean;
  /** The person was a member already (their details were updated). */
  updated: boolean;
}

export class MemberRepo implements PersonalDataHolder {
  readonly kind = 'members';
  readonly purpose = {
    nl: 'wie iemand is in de alliantie (naam, organisatie, rol, doelen, aanbod, behoeften, onderwerpen, taal), om diegene voor te stellen en partners te verbinden; bewaard zolang die meedoet',
    en: 'who a person is in the alliance (name, organisation, role, goals, offers, needs, topics, language), to introduce them and connect partners; kept while they take part',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async getMember(allianceId: string, memberId: string): Promise<Member | null> {
    const raw = await this.redis.get(this.keys.member(allianceId, memberId));
    return raw ? MemberSchema.parse(JSON.parse(raw)) : null;
  }

  async getPartner(allianceId: string, partnerId: string): Promise<Partner | null> {
    const raw = await this.redis.get(this.keys.partner(allianceId, partnerId));
    return raw ? PartnerSchema.parse(JSON.parse(raw)) : null;
  }

  async listPartners(allianceId: string): Promise<Partner[]> {
    const ids = await this.redis.smembers(this.keys.partners(allianceId));
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.keys.partner(allianceId, id)));
    return raws
      .filter((r): r is string => r !== null)
      .map((r) => PartnerSchema.parse(JSON.parse(r)))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }

  async listMembers(allianceId: string): Promise<Member[]> {
    const ids = await this.redis.smembers(this.keys.members(allianceId));
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map((id) => this.keys.member(allianceId, id)));
    return raws
      .filter((r): r is string => r !== null)
      .map((r) => MemberSchema.parse(JSON.parse(r)));
  }

  async membersOfPartner(allianceId: string, partnerId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.partnerMembers(allianceId, partnerId));
  }

  /** The alliances this platform identity belongs to. */
  async alliancesOf(userId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.userAlliances(userId));
  }

  /**
   * Stores a member and (when new) its partner in one atomic step, logs it in the activity
   * stream and ends the person's intake state. `partner` is used only if it does not exist.
   */
  async register(member: Member, partner: Partner): Promise<RegisterResult> {
    const m = MemberSchema.parse(member);
    const p = PartnerSchema.parse(partner);
    if (m.partnerId !== p.id || m.allianceId !== p.allianceId) {
      throw new Error('member and partner do not belong together');
    }
    const a = m.allianceId;
    const previous = await this.getMember(a, m.id);
    const previousPartner = previous?.partnerId ?? p.id;
    const partnerFields = activityFields({
      type: 'partner.joined',
      actor: m.id,
      partner: p.id,
      at: m.joinedAt,
      data: { name: p.name, partnerType: p.type },
    });
    const memberFields = (type: 'member.joined' | 'member.updated', at: string) =>
      activityFields({ type, actor: m.id, partner: p.id, at, data: { topics: m.topics } });
    const joinedFields = memberFields('member.joined', m.joinedAt);
    const updatedFields = memberFields('member.updated', new Date().toISOString());
    // The per-person index lives in another slot; written first, verified on read.
    await this.redis.sadd(this.keys.userAlliances(m.id), a);
    const stored: Member = previous
      ? {
          ...m,
          joinedAt: previous.joinedAt,
          ...(previous.joinedBy ? { joinedBy: previous.joinedBy } : {}),
        }
      : m;
    const result = (await runScript(
      this.redis,
      REGISTER,
      [
        this.keys.partner(a, p.id),
        this.keys.partners(a),
        this.keys.member(a, m.id),
        this.keys.members(a),
        this.keys.partnerMembers(a, p.id),
        this.keys.partnerMembers(a, previousPartner),
        this.keys.activity(a),
        this.keys.state(a, m.id),
      ],
      [
        p.id,
        JSON.stringify(p),
        m.id,
        JSON.stringify(stored),
        partnerFields.length,
        joinedFields.length,
        updatedFields.length,
        ...partnerFields,
        ...joinedFields,
        ...updatedFields,
      ],
    )) as [number, number];
    // The same registering event run again is the first registration, finished.
    const again = previous?.joinedBy !== undefined && previous.joinedBy === m.joinedBy;
    return { newPartner: result[0] === 1, updated: result[1] === 1 && !again };
  }

  /**
   * Adds a partner before anyone of it joined (a coordinator invites a new organisation), with
   * its `partner.joined` entry in the activity stream, atomically. False when it existed (left
   * as it was); a later `register` of its first member then logs no second join.
   */
  async addPartner(partner: Partner, actor?: string): Promise<boolean> {
    const p = PartnerSchema.parse(partner);
    const fields = activityFields({
      type: 'partner.joined',
      ...(actor ? { actor } : {}),
      partner: p.id,
      at: p.joinedAt,
      data: { name: p.name, partnerType: p.type, invited: true },
    });
    const added = await runScript(
      this.redis,
      ADD_PARTNER,
      [
        this.keys.partner(p.allianceId, p.id),
        this.keys.partners(p.allianceId),
        this.keys.activity(p.allianceId),
      ],
      [p.id, JSON.stringify(p), ...fields],
    );
    return Number(added) === 1;
  }

  private async found(subject: PersonalDataSubject): Promise<Member[]> {
    const out: Member[] = [];
    for (const userId of subject.userIds) {
      const member = await this.getMember(subject.allianceId, userId);
      if (member) out.push(member);
    }
    return out;
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.found(subject)).length;
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    return this.found(subject);
  }

  /** The member record and the indexes that name the person go; the partner stays. */
  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    const members = await this.found(subject);
    const a = subject.allianceId;
    for (const m of members) {
      const tx = this.redis.multi();
      tx.del(this.keys.member(a, m.id));
      tx.srem(this.keys.members(a), m.id);
      tx.srem(this.keys.partnerMembers(a, m.partnerId), m.id);
      await tx.exec();
      await this.redis.srem(this.keys.userAlliances(m.id), a);
    }
    return members.length;
  }
}
