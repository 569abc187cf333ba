/**
 * Who may see, share and manage a shared document: the one policy every access decision of
 * the documents flow goes through (listing, announcing in a channel, telling a person, the
 * levels a sharer may choose, changing or withdrawing). Pure: it reads the alliance config and
 * the facts it is given, nothing else.
 *
 * The rule, in short:
 * - A document belongs to one alliance: nobody and no channel of another alliance sees it,
 *   whatever its level.
 * - A withdrawn document is seen by nobody.
 * - Its owner (the person who shared it) always sees it and is the only one who may change
 *   its level or withdraw it.
 * - `public` and `alliance`: everyone in the alliance, partner or not yet (someone who has
 *   not done the intake has no partner).
 * - `core`: the people of the partners in the config's `coreTeam`.
 * - `partners`: the people of the partners named, and of the sharer's own partner.
 * - Roles (coordinator, spokesperson) give no extra sight: confidentiality follows the
 *   organisation a person works for.
 * - A channel sees a document only when everyone its `audience` admits may see it: `all`
 *   (the default) only public and alliance documents; `core` also core-team documents, and
 *   named-partner documents that name every core-team partner; a list of partners also
 *   core-team documents when each of them is in the core team, and named-partner documents
 *   that name each of them. An audience that admits no partner sees only public and alliance.
 * - A sharer may choose `public` and `alliance` always; `core` only when their own partner is
 *   in the core team; `partners` only when they have a partner (theirs is always included).
 */
import {
  type Alliance,
  allChannels,
  channelAudience,
  coreTeamIds,
  knownPartnerId,
  type Role,
} from './alliance.js';

export const LEVELS = ['public', 'alliance', 'core', 'partners'] as const;
export type Level = (typeof LEVELS)[number];

/** What the policy needs to know of a document. */
export interface DocumentFacts {
  allianceId: string;
  /** The sharer's member id (or platform id when they had no member record). */
  ownerId: string;
  /** The sharer's partner when they shared it (none before the intake). */
  ownerPartnerId?: string | undefined;
  level: Level;
  /** Partner ids, for `partners` (the sharer's own is added by the policy). */
  partners: readonly string[];
  status: 'active' | 'withdrawn';
}

/** A person asking: their alliance, their id (the member id where there is one), their partner. */
export interface PersonFacts {
  kind: 'person';
  allianceId: string;
  userId: string;
  partnerId?: string | undefined;
  /** Their roles: given so the matrix can show they change nothing (see the rule above). */
  roles?: readonly Role[];
}

/** A linked channel a document could be announced in. */
export interface ChannelFacts {
  kind: 'channel';
  allianceId: string;
  channelId: string;
}

export type AccessRequest =
  /** Whether this person or channel may see the document. */
  | { action: 'see'; document: DocumentFacts; who: PersonFacts | ChannelFacts }
  /** Whether this person may share a document at this level. */
  | { action: 'share'; level: Level; who: PersonFacts }
  /** Whether this person may change the document's level or withdraw it. */
  | { action: 'manage'; document: DocumentFacts; who: PersonFacts };

/** The partners who see a `partners` document: those named and the sharer's own. */
function namedPartners(document: DocumentFacts): Set<string> {
  const out = new Set(document.partners);
  if (document.ownerPartnerId) out.add(document.ownerPartnerId);
  return out;
}

/** The partners a channel's audience admits; `all` for everyone. */
function admitted(alliance: Alliance, channelId: string): 'all' | Set<string> {
  const audience = channelAudience(alliance, channelId);
  if (audience === 'all') return 'all';
  if (audience === 'core') return new Set(coreTeamIds(alliance));
  return new Set(audience.flatMap((name) => knownPartnerId(alliance.partners, name) ?? []));
}

const subset = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].every((x) => b.has(x));

/** The one access decision: true only when the rule above allows it. */
export function allowed(alliance: Alliance, request: AccessRequest): boolean {
  if (request.who.allianceId !== alliance.id) return false;
  if (request.action === 'share') {
    const { partnerId } = request.who;
    switch (request.level) {
      case 'public':
      case 'alliance':
        return true;
      case 'core':
        return partnerId !== undefined && coreTeamIds(alliance).includes(partnerId);
      case 'partners':
        return partnerId !== undefined;
    }
  }
  const { document } = request;
  if (document.allianceId !== alliance.id || document.status !== 'active') return false;
  if (request.action === 'manage') return request.who.userId === document.ownerId;
  const seer = request.who;
  if (seer.kind === 'person') {
    if (seer.userId === document.ownerId) return true;
    switch (document.level) {
      case 'public':
      case 'alliance':
        return true;
      case 'core':
        return seer.partnerId !== undefined && coreTeamIds(alliance).includes(seer.partnerId);
      case 'partners':
        return seer.partnerId !== undefined && namedPartners(document).has(seer.partnerId);
    }
  }
  if (!allChannels(alliance).includes(seer.channelId)) return false;
  if (document.level === 'public' || document.level === 'alliance') return true;
  const audience = admitted(alliance, seer.channelId);
  if (audience === 'all' || audience.size === 0) return false;
  if (document.level === 'core') return subset(audience, new Set(coreTeamIds(alliance)));
  return subset(audience, namedPartners(document));
}

/** May this person or channel see the document? */
export const maySee = (
  alliance: Alliance,
  document: DocumentFacts,
  who: PersonFacts | ChannelFacts,
): boolean => allowed(alliance, { action: 'see', document, who });

/** The levels this person may choose when sharing, in order. */
export const levelsFor = (alliance: Alliance, who: PersonFacts): Level[] =>
  LEVELS.filter((level) => allowed(alliance, { action: 'share', level, who }));

/** May this person change the document's level or withdraw it? */
export const mayManage = (alliance: Alliance, document: DocumentFacts, who: PersonFacts): boolean =>
  allowed(alliance, { action: 'manage', document, who });
