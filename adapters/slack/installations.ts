/**
 * Where each workspace's Slack installation (its bot token) is kept: Redis, keyed as Bolt's
 * installation stores key them (Enterprise Grid org and team). An org-wide install is found
 * again for each of the org's workspaces, and a workspace the app reaches through another
 * one's installation (a Slack Connect channel, a person of another organisation) through a
 * route learned from the events' `authorizations`. OAuth itself is in oauth.ts.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { z } from 'zod';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import type { RedisClient } from '../../src/store/redis.js';

export interface InstallationRef {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

const RefSchema = z.object({
  teamId: z.string().optional(),
  enterpriseId: z.string().optional(),
  isEnterpriseInstall: z.boolean(),
});

/**
 * The id of an installation, as Bolt's installation stores key them: the org for an org-wide
 * install, org and team for a workspace of an org, the team otherwise. Undefined when the
 * query names neither.
 */
export function installationId(ref: InstallationRef): string | undefined {
  if (ref.isEnterpriseInstall && ref.enterpriseId) return `E:${ref.enterpriseId}`;
  if (ref.enterpriseId && ref.teamId) return `E:${ref.enterpriseId}:T:${ref.teamId}`;
  if (ref.teamId) return `T:${ref.teamId}`;
  if (ref.enterpriseId) return `E:${ref.enterpriseId}`;
  return undefined;
}

/** The ref of a stored installation. */
export function refOf(installation: Installation): InstallationRef {
  return {
    teamId: installation.team?.id,
    enterpriseId: installation.enterprise?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
  };
}

/** How long this process trusts a route it wrote (every event names the same teams again). */
const ROUTE_MEMO_MS = 60_000;
const ROUTE_MEMO_MAX = 10_000;

/** What forgetting an installation removed: its bot token and the teams it reached. */
export interface Forgotten {
  token: string | undefined;
  teams: string[];
}

/**
 * Installations in Redis, one key per installation (`slack:installation:{<id>}`, the id as
 * `installationId` makes it), and per workspace the installation that reaches it
 * (`slack:route:{T:<team>}`), learned at install and from the `authorizations` of events.
 */
export class RedisInstallationStore implements InstallationStore {
  private readonly memo = new Map<string, { value: string; until: number }>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  private key(id: string): string {
    return `${this.prefix}slack:installation:{${id}}`;
  }
  private routeKey(team: string): string {
    return `${this.prefix}slack:route:{T:${team}}`;
  }
  /** The teams routed to an installation (to forget them with it). */
  private routedKey(id: string): string {
    return `${this.prefix}slack:routed:{${id}}`;
  }

  private async read(id: string): Promise<Installation | undefined> {
    const raw = await this.redis.get(this.key(id));
    return raw ? (JSON.parse(raw) as Installation) : undefined;
  }

  async storeInstallation(installation: Installation): Promise<void> {
    const ref = refOf(installation);
    const id = installationId(ref);
    if (!id) throw new TypeError('an installation names no team and no org');
    await this.redis.set(this.key(id), JSON.stringify(installation));
    // A workspace of an org is found by its team alone too (sending knows only the team).
    if (!ref.isEnterpriseInstall && ref.teamId && ref.enterpriseId)
      await this.route(ref, [ref.teamId], true);
  }

  /**
   * The installation for a query, as Bolt asks: the org's for an org-wide install; for a
   * workspace of an org its own, else the org-wide one (found again for its workspaces).
   */
  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await this.find(query);
    if (!found)
      throw new PermanentDeliveryError(
        `the app is not installed in ${query.teamId ?? query.enterpriseId ?? '?'}`,
      );
    return found;
  }

  /**
   * Where a workspace's own installation may be: under org and team, or under the team alone
   * (installed before its workspace joined an Enterprise Grid org).
   */
  private ownIds(ref: InstallationRef): string[] {
    const id = installationId(ref);
    if (!id) return [];
    const plain = ref.enterpriseId && ref.teamId && !ref.isEnterpriseInstall;
    return plain ? [id, `T:${ref.teamId}`] : [id];
  }

  private async find(ref: InstallationRef): Promise<Installation | undefined> {
    for (const id of this.ownIds(ref)) {
      const own = await this.read(id);
      if (own) return own;
    }
    if (!ref.enterpriseId || ref.isEnterpriseInstall) return undefined;
    return this.read(`E:${ref.enterpriseId}`);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.forget(query);
  }

  /** The installation that reaches a workspace: its own, else the one routed to it. */
  async forTeam(teamId: string): Promise<Installation | undefined> {
    const own = await this.read(`T:${teamId}`);
    if (own) return own;
    const raw = await this.redis.get(this.routeKey(teamId));
    const route = raw ? RefSchema.safeParse(JSON.parse(raw)) : undefined;
    return route?.success ? this.find(route.data) : undefined;
  }

  /** The bot token for a workspace (its own installation's, or the one that reaches it). */
  async botToken(teamId: string): Promise<string> {
    const installation = await this.forTeam(teamId);
    if (!installation) throw new PermanentDeliveryError(`the app is not installed in ${teamId}`);
    const token = installation.bot?.token;
    if (!token) throw new PermanentDeliveryError(`no bot token for ${teamId}`);
    return token;
  }

  /**
   * Remembers that these workspaces are reached through this installation (an event's
   * `authorizations[0]`: a Slack Connect channel's home team, a person of another
   * organisation, a workspace of an org-wide install). Only for an installation we hold; a
   * route this process wrote in the last minute is not written again.
   */
  async route(via: InstallationRef, teams: readonly string[], force = false): Promise<void> {
    const id = installationId(via);
    if (!id) return;
    const value = JSON.stringify({
      ...(via.teamId ? { teamId: via.teamId } : {}),
      ...(via.enterpriseId ? { enterpriseId: via.enterpriseId } : {}),
      isEnterpriseInstall: via.isEnterpriseInstall === true,
    });
    const now = this.now();
    const stale = teams.filter((team) => {
      if (force) return true;
      const known = this.memo.get(team);
      return !known || known.value !== value || known.until <= now;
    });
    if (stale.length === 0) return;
    if (!force && !(await this.find(via))) return;
    for (const team of stale) {
      // A workspace with an installation of its own keeps it: no route needed.
      if (team !== via.teamId || via.isEnterpriseInstall || via.enterpriseId) {
        await this.redis.set(this.routeKey(team), value);
        await this.redis.sadd(this.routedKey(id), team);
      }
      this.memo.delete(team);
      this.memo.set(team, { value, until: now + ROUTE_MEMO_MS });
    }
    for (const key of this.memo.keys()) {
      if (this.memo.size <= ROUTE_MEMO_MAX) break;
      this.memo.delete(key);
    }
  }

  /**
   * Forgets an installation (the app was uninstalled, its bot token revoked): the
   * installation, and the routes to it. Says what it held, for the caches to go too.
   */
  async forget(ref: InstallationRef): Promise<Forgotten> {
    let token: string | undefined;
    const teams = new Set<string>(ref.teamId ? [ref.teamId] : []);
    for (const id of this.ownIds(ref)) {
      const installation = await this.read(id);
      token ??= installation?.bot?.token;
      for (const team of await this.redis.smembers(this.routedKey(id))) {
        const raw = await this.redis.get(this.routeKey(team));
        const route = raw ? RefSchema.safeParse(JSON.parse(raw)) : undefined;
        const to = route?.success ? installationId(route.data) : undefined;
        if (to !== undefined && this.ownIds(ref).includes(to))
          await this.redis.del(this.routeKey(team));
        this.memo.delete(team);
        teams.add(team);
      }
      await this.redis.del(this.routedKey(id));
      await this.redis.del(this.key(id));
    }
    return { token, teams: [...teams] };
  }

  /** Forgets the user token of an installation (a tokens_revoked for `oauth` tokens only). */
  async forgetUserToken(ref: InstallationRef): Promise<void> {
    const id = installationId(ref);
    const installation = id ? await this.read(id) : undefined;
    if (!id || !installation?.user.token) return;
    const {
      token: _token,
      refreshToken: _refresh,
      expiresAt: _expires,
      ...user
    } = installation.user;
    await this.redis.set(this.key(id), JSON.stringify({ ...installation, user }));
  }
}
