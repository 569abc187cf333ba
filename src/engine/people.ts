/**
 * Who is speaking: the alliance an event belongs to, the person's roles (by platform id, or by
 * the e-mail address their platform gives for people the config names by e-mail alone), their
 * name and language. Addresses are asked of the adapters once and cached in the store.
 */
import type { Logger } from 'pino';
import type { AdapterRegistry } from '../core/deliver.js';
import type { InboundEvent, Locale } from '../core/events.js';
import { parseId, platformOf, workspaceOf } from '../core/ids.js';
import {
  type Alliance,
  allChannels,
  allowedWorkspaces,
  isPerson,
  type Member,
  type PersonRef,
  type Role,
  rolesOf,
} from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';

/** How long an adapter may take to say a person's address before we go on without it. */
const LOOKUP_TIMEOUT_MS = 1500;

/** What `within` gives when the answer did not come in time (not an answer: not cached). */
const LATE = Symbol('late');

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function samePerson(id: string, platform: string, local: string): boolean {
  const other = parseId(id);
  return other.platform === platform && other.local === local;
}

export class People {
  constructor(
    private readonly directory: AllianceDirectory,
    private readonly store: Store,
    private readonly adapters: AdapterRegistry,
    private readonly log: Logger,
  ) {}

  /** The alliance an event belongs to: its channel, the config, membership, the workspace. */
  async allianceOf(event: InboundEvent): Promise<Alliance | undefined> {
    const { directory, store } = this;
    const byChannel = directory.forChannel(event.conversation.id);
    if (byChannel) return byChannel;
    const userId = event.actor.userId;
    const named = directory.forPerson(userId);
    if (named.length === 1) return named[0];
    for (const allianceId of await store.members.alliancesOf(userId)) {
      const alliance = directory.get(allianceId);
      if (alliance && (await store.members.getMember(allianceId, userId))) return alliance;
    }
    // An identity linked to a person's other one (`koppel`) belongs where that one does.
    for (const allianceId of await store.links.alliancesOf(userId)) {
      const alliance = directory.get(allianceId);
      if (alliance) return alliance;
    }
    return directory.forWorkspaceOf(userId) ?? named[0];
  }

  /**
   * The address by which the config may name the person, when it names anyone by e-mail (else
   * none is asked). Where their platform finds people by address (Slack's users.lookupByEmail,
   * its answers cached per workspace), each address the config names is looked up in the
   * person's workspace: a few lookups a day shared by everyone there, instead of asking every
   * new person's own address before their first answer (a users.info each). When such a
   * lookup fails or is late, or the platform cannot look addresses up, their own address.
   */
  async emailOf(alliance: Alliance, userId: string): Promise<string | undefined> {
    const named = new Set(
      [...alliance.coordinators, ...alliance.spokespersons].flatMap((p) =>
        p.email ? [p.email.trim().toLowerCase()] : [],
      ),
    );
    if (named.size === 0) return undefined;
    if (!this.adapters.get(platformOf(userId))?.userByEmail) return this.addressOf(userId);
    const found = await Promise.all(
      [...named].map(async (address) => ({
        address,
        ...(await this.findInWorkspace(workspaceOf(userId), address)),
      })),
    );
    // A lookup that failed or was late cannot rule anyone out: their own address, then.
    if (found.some((f) => !f.answered)) return this.addressOf(userId);
    // The same person: the same user (a Slack user id is one across workspaces).
    const { platform, local } = parseId(userId);
    const match = found.find((f) => f.id !== undefined && samePerson(f.id, platform, local));
    if (!match) return undefined;
    await this.store.identities.remember(userId, match.address);
    return match.address;
  }

  /**
   * The address the person's platform gives, asked whatever the config names (a person
   * choosing an e-mail digest): cached a day like `emailOf`; undefined when it cannot tell.
   */
  async addressOf(userId: string): Promise<string | undefined> {
    const cached = await this.store.identities.cachedEmail(userId);
    if (cached !== undefined) return cached || undefined;
    const adapter = this.adapters.get(platformOf(userId));
    if (!adapter?.emailOf) return undefined;
    try {
      const email = await within(adapter.emailOf(userId), LOOKUP_TIMEOUT_MS);
      if (email === LATE) {
        // Too slow is not "cannot tell": asked again next time, not cached for a day.
        this.log.info({ platform: platformOf(userId) }, 'e-mail address lookup timed out');
        return undefined;
      }
      await this.store.identities.remember(userId, email);
      return email;
    } catch (err) {
      this.log.info({ err, platform: platformOf(userId) }, 'could not look up an e-mail address');
      return undefined;
    }
  }

  /**
   * The member record of the person speaking: theirs, or that of an identity they linked
   * (`koppel`), the first one they used first.
   */
  async memberOf(alliance: Alliance, userId: string): Promise<Member | null> {
    const { ids } = await this.store.links.groupOf(alliance.id, userId);
    for (const id of ids) {
      const member = await this.store.members.getMember(alliance.id, id);
      if (member) return member;
    }
    return null;
  }

  /**
   * The config roles of the person: those of any identity they linked, by platform id or by
   * the address that identity's platform gives.
   */
  async rolesOf(alliance: Alliance, userId: string): Promise<{ roles: Role[]; ref?: PersonRef }> {
    const { ids } = await this.store.links.groupOf(alliance.id, userId);
    const roles = new Set<Role>();
    let ref: PersonRef | undefined;
    // The speaking identity first: its config entry names the person when several do.
    for (const id of [userId, ...ids.filter((i) => i !== userId)]) {
      const email = await this.emailOf(alliance, id);
      for (const role of rolesOf(alliance, id, email)) roles.add(role);
      ref ??= [...alliance.coordinators, ...alliance.spokespersons].find((p) =>
        isPerson(p, id, email),
      );
    }
    return { roles: [...roles], ...(ref ? { ref } : {}) };
  }

  /** Every platform identity of a config person: listed ones and those found by address. */
  async identitiesOf(
    person: {
      email?: string | undefined;
      ids: readonly string[];
    },
    allianceId?: string,
  ): Promise<string[]> {
    const found = person.email ? await this.store.identities.idsOf(person.email) : [];
    const known = [...new Set([...person.ids, ...found])];
    if (!allianceId) return known;
    // And the identities they linked in this alliance (`koppel`).
    const linked: string[] = [];
    for (const id of known) linked.push(...(await this.store.links.groupOf(allianceId, id)).ids);
    return [...new Set([...known, ...linked])];
  }

  /**
   * On demand (a coordinator invites an address): the platform identities of an address —
   * those already known, else what the adapters that can look an address up
   * (`userByEmail`) find in the workspaces and tenants the alliance accepts. What is found is
   * remembered. Each lookup waits at most LOOKUP_TIMEOUT_MS; one that fails or is late
   * counts as not found.
   */
  async lookUpEmail(alliance: Alliance, email: string): Promise<string[]> {
    const address = email.trim().toLowerCase();
    const known = await this.store.identities.idsOf(address);
    if (known.length > 0) return known;
    const found: string[] = [];
    for (const workspace of allowedWorkspaces(alliance)) {
      const { id } = await this.findInWorkspace(workspace, address);
      if (id && !found.includes(id)) {
        await this.store.identities.remember(id, address);
        found.push(id);
      }
    }
    return found;
  }

  /**
   * At start-up: finds the people the config names by e-mail on the platforms that can look
   * an address up (Slack's users.lookupByEmail), in the workspaces of the alliance's channels,
   * so the bot can reach a coordinator before they ever spoke to it.
   */
  async findByEmailAtStart(): Promise<void> {
    for (const alliance of this.directory.all()) {
      const people = [...alliance.coordinators, ...alliance.spokespersons].filter((p) => p.email);
      if (people.length === 0) continue;
      const workspaces = new Set(allChannels(alliance).map((c) => workspaceOf(c)));
      for (const person of people) {
        for (const workspace of workspaces) {
          if (!person.email) continue;
          const { id } = await this.findInWorkspace(workspace, person.email);
          if (id) await this.store.identities.remember(id, person.email);
        }
      }
    }
  }

  /**
   * The person with this address in a workspace (`slack:T…`), asked of its platform where it
   * can look addresses up, waiting at most LOOKUP_TIMEOUT_MS. `answered` is false when it
   * cannot, failed or was late: not an answer (nobody ruled out, nothing remembered).
   */
  private async findInWorkspace(
    workspace: string,
    address: string,
  ): Promise<{ answered: boolean; id?: string }> {
    const { platform, scope } = parseId(`${workspace}:x`);
    const adapter = this.adapters.get(platform);
    if (!adapter?.userByEmail) return { answered: false };
    try {
      const id = await within(adapter.userByEmail(address, scope), LOOKUP_TIMEOUT_MS);
      if (id !== LATE) return { answered: true, ...(id ? { id } : {}) };
      this.log.info({ platform }, 'finding a person by e-mail timed out');
    } catch (err) {
      this.log.info({ err, platform }, 'could not find a person by e-mail');
    }
    return { answered: false };
  }

  /** The person's language: their choice, their platform's, the config's, the word they used. */
  localeOf(
    event: InboundEvent,
    alliance: Alliance | undefined,
    memberLocale: Locale | undefined,
    wordLanguage: Locale | undefined,
  ): Locale {
    return (
      memberLocale ??
      event.actor.locale ??
      this.directory.personaLocale(event.actor.userId) ??
      wordLanguage ??
      alliance?.locale ??
      'nl'
    );
  }
}
