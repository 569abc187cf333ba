/**
 * The Redis key scheme. Everything about one alliance carries the hash tag `{a:<id>}` so it
 * lives in one Redis Cluster slot and can be written atomically (MULTI, Lua). Per-person
 * indexes carry `{u:<id>}`. An optional prefix keeps tests and deployments apart.
 */
export class Keys {
  constructor(readonly prefix = '') {}

  private a(allianceId: string): string {
    return `${this.prefix}{a:${allianceId}}`;
  }

  alliance(allianceId: string): string {
    return `${this.a(allianceId)}:alliance`;
  }
  partners(allianceId: string): string {
    return `${this.a(allianceId)}:partners`;
  }
  partner(allianceId: string, partnerId: string): string {
    return `${this.a(allianceId)}:partner:${partnerId}`;
  }
  partnerMembers(allianceId: string, partnerId: string): string {
    return `${this.a(allianceId)}:partner:${partnerId}:members`;
  }
  members(allianceId: string): string {
    return `${this.a(allianceId)}:members`;
  }
  member(allianceId: string, memberId: string): string {
    return `${this.a(allianceId)}:member:${memberId}`;
  }
  /** Append-only activity log (a Redis Stream) read by digests and health metrics. */
  activity(allianceId: string): string {
    return `${this.a(allianceId)}:activity`;
  }
  /** The audit trail (a Redis Stream, append-only); `:erased`, `:secret` beside it. */
  audit(allianceId: string): string {
    return `${this.a(allianceId)}:audit`;
  }
  /** Per-person conversation state (JSON, with a TTL). */
  state(allianceId: string, userId: string): string {
    return `${this.a(allianceId)}:state:${userId}`;
  }
  /** Per-person lock so two events of one person are handled one after the other. */
  lock(allianceId: string, userId: string): string {
    return `${this.a(allianceId)}:lock:${userId}`;
  }
  /** One record of a flow's collection (`ideas.idea`), JSON. */
  record(allianceId: string, collection: string, id: string): string {
    return `${this.a(allianceId)}:rec:${collection}:${id}`;
  }
  /** The ids of a collection's records, in the order they were written (a sorted set). */
  recordIndex(allianceId: string, collection: string): string {
    return `${this.a(allianceId)}:rec:${collection}`;
  }
  /** A second order of a collection's records, by a score its spec gives (a sorted set). */
  recordOrder(allianceId: string, collection: string): string {
    return `${this.a(allianceId)}:rec-by:${collection}`;
  }
  /** Start-up defaults (schedules) once created for an alliance, never created again. */
  defaultsApplied(allianceId: string): string {
    return `${this.a(allianceId)}:defaults`;
  }
  /** The digest of an alliance's config and its generation (start hooks' occurrence). */
  configGeneration(allianceId: string): string {
    return `${this.alliance(allianceId)}:config-generation`;
  }
  /** What a platform says a person's e-mail address is ('' when it cannot tell). */
  email(userId: string): string {
    return `${this.prefix}{u:${userId}}:email`;
  }
  /** The platform identities seen or found for an e-mail address (lower case). */
  identitiesOfEmail(email: string): string {
    return `${this.prefix}{e:${email.toLowerCase()}}:ids`;
  }
  /** A platform identity linked to a person's first one in an alliance (JSON: to whom, when). */
  identityLink(allianceId: string, userId: string): string {
    return `${this.a(allianceId)}:link:${userId}`;
  }
  /** The identities linked to a person's first one (a set), in an alliance. */
  identityLinks(allianceId: string, primaryId: string): string {
    return `${this.a(allianceId)}:links:${primaryId}`;
  }
  /** The alliances in which a platform identity is linked to another (verified on read). */
  linkedAlliances(userId: string): string {
    return `${this.prefix}{u:${userId}}:linked-in`;
  }
  /** A one-time link code, under a digest of the code (a hash: owner, alliance, redeemer). */
  linkCode(digest: string): string {
    return `${this.prefix}{lc:${digest}}`;
  }
  /** The digests of the link codes a person opened (a set that expires with the last one). */
  openLinkCode(userId: string): string {
    return `${this.prefix}{u:${userId}}:link-code`;
  }
  /** Wrong link codes a person typed in the current window (a counter with a TTL). */
  linkTries(userId: string): string {
    return `${this.prefix}{u:${userId}}:link-tries`;
  }
  /** An inbound event whose handling finished (set only after its flow and dispatch). */
  handledEvent(eventId: string): string {
    return `${this.prefix}done:{${eventId}}`;
  }
  /** The alliances a platform identity is a member of. */
  userAlliances(userId: string): string {
    return `${this.prefix}{u:${userId}}:alliances`;
  }
  /** An inbound platform event already handled (dedupe of retried deliveries). */
  inboundEvent(eventId: string): string {
    return `${this.prefix}evt:{${eventId}}`;
  }
  /** An outbound message already delivered (idempotency key). */
  delivered(key: string): string {
    return `${this.prefix}out:{${key}}`;
  }
  /** Local web chat: the messages of one conversation. */
  localConversation(conversationId: string): string {
    return `${this.prefix}{local}:conv:${conversationId}`;
  }
  /** Local web chat: pub/sub channel for new messages. */
  localChannel(): string {
    return `${this.prefix}local:messages`;
  }
}
