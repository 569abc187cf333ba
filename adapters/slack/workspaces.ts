/**
 * The workspaces the Slack adapter works in, seen from what Slack sends: which installation
 * reaches a workspace (learned from each payload's installation: `authorizations[0]`, the
 * interaction's team and org, the command's team), the home team of a linked channel, and the
 * app leaving a workspace (`app_uninstalled`, `tokens_revoked`): then what was stored for it
 * goes — the installation and its bot token, the routes to it, cached direct-message channels
 * and people lookups. An Enterprise Grid org-wide install learns its workspaces from the
 * events they send and from `team_access_granted`.
 */
import type { Logger } from 'pino';
import { parseId } from '../../src/core/ids.js';
import type { Forgotten, RedisInstallationStore } from './oauth.js';
import type { EventEnvelope, InstallationRef } from './parse.js';
import { installationOf, teamsOf } from './parse.js';

export interface SlackWorkspacesOptions {
  /** OAuth installs (absent with one bot token). */
  store?: RedisInstallationStore | undefined;
  /** The linked Slack channels (`slack:<home team>:<channel>`), from the alliance config. */
  linkedChannels?: readonly string[] | undefined;
  /** Drops what this process keeps for workspaces the app left (clients, DM channels, people). */
  forgetCaches: (teams: readonly string[], token: string | undefined) => Promise<void>;
  log: Logger;
}

export class SlackWorkspaces {
  private readonly homes = new Map<string, string>();

  constructor(private readonly options: SlackWorkspacesOptions) {
    for (const id of options.linkedChannels ?? []) {
      try {
        const { platform, scope, local } = parseId(id);
        if (platform === 'slack') this.homes.set(local, scope);
      } catch {
        // The config schema checked these; an unreadable one is simply not linked.
      }
    }
  }

  /** The home team of a linked channel (`C…`), if it is one. */
  channelHome = (channel: string): string | undefined => this.homes.get(channel);

  /** Remembers that these workspaces are reached through this installation (OAuth only). */
  async seen(via: InstallationRef | undefined, teams: readonly string[]): Promise<void> {
    if (via && this.options.store && teams.length > 0) await this.options.store.route(via, teams);
  }

  /**
   * An Events API envelope before it is parsed into an event: routes learned, and the app's
   * own lifecycle handled. True when it was a lifecycle event (nothing for the engine).
   */
  async onEnvelope(envelope: EventEnvelope): Promise<boolean> {
    const { event } = envelope;
    const via = installationOf(envelope);
    switch (event.type) {
      case 'app_uninstalled':
        await this.forget(via, 'app_uninstalled');
        return true;
      case 'tokens_revoked': {
        const bot = event.tokens?.bot ?? [];
        if (bot.length > 0) await this.forget(via, 'tokens_revoked');
        else if (via && (event.tokens?.oauth ?? []).length > 0)
          await this.options.store?.forgetUserToken(via);
        return true;
      }
      case 'team_access_granted':
        if (via?.enterpriseId)
          await this.seen(
            { enterpriseId: via.enterpriseId, isEnterpriseInstall: true },
            event.team_ids ?? [],
          );
        return true;
      case 'team_access_revoked':
        await this.options.forgetCaches(event.team_ids ?? [], undefined);
        return true;
      default:
        await this.seen(via, teamsOf(envelope));
        return false;
    }
  }

  /** The app left an installation: everything stored for it goes. */
  private async forget(via: InstallationRef | undefined, why: string): Promise<void> {
    const forgotten: Forgotten = via
      ? ((await this.options.store?.forget(via)) ?? {
          token: undefined,
          teams: via.teamId ? [via.teamId] : [],
        })
      : { token: undefined, teams: [] };
    const teams = [...new Set([...(via?.teamId ? [via.teamId] : []), ...forgotten.teams])];
    await this.options.forgetCaches(teams, forgotten.token);
    this.options.log.info(
      { teams, enterprise: via?.enterpriseId, why },
      'the Slack app left a workspace: its installation and caches are gone',
    );
  }
}
