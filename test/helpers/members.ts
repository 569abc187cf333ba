/**
 * Registers a member together with their partner organisation, the way the integration tests
 * set people up: role 'Adviseur', goals/offers/needs 'g'/'o'/'n', topic 'zon', Dutch, a partner
 * of type 'overig', joined now. Each of these can be given instead.
 */
import type { Member, Partner } from '../../src/domain/alliance.js';
import type { Store } from '../../src/store/index.js';
import type { RegisterResult } from '../../src/store/member-repo.js';

export interface MemberSetup {
  allianceId: string;
  userId: string;
  partnerId: string;
  partnerName: string;
  name: string;
  /** When both the member and the partner joined; now when not given. */
  joinedAt?: string;
  locale?: Member['locale'];
  role?: string;
  goals?: string;
  offers?: string;
  needs?: string;
  topics?: string[];
  partnerType?: Partner['type'];
}

export function registerMember(
  store: Pick<Store, 'members'>,
  setup: MemberSetup,
): Promise<RegisterResult> {
  const joinedAt = setup.joinedAt ?? new Date().toISOString();
  return store.members.register(
    {
      id: setup.userId,
      allianceId: setup.allianceId,
      partnerId: setup.partnerId,
      name: setup.name,
      role: setup.role ?? 'Adviseur',
      goals: setup.goals ?? 'g',
      offers: setup.offers ?? 'o',
      needs: setup.needs ?? 'n',
      topics: setup.topics ?? ['zon'],
      locale: setup.locale ?? 'nl',
      joinedAt,
    },
    {
      id: setup.partnerId,
      allianceId: setup.allianceId,
      name: setup.partnerName,
      type: setup.partnerType ?? 'overig',
      joinedAt,
    },
  );
}
