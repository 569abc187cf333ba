/**
 * Finds the alliance an event belongs to, from the config: by the linked channel it came
 * from, by a person the config names (coordinator, spokesperson, demo persona), or by the
 * workspace (Slack team, Teams tenant) when exactly one alliance is linked there: by a linked
 * channel, or by its `workspaces` list (a partner's own workspace, whose people speak in a
 * channel shared with it, Slack Connect, and write to the bot from there).
 */

import type { Locale } from '../core/events.js';
import { workspaceOf } from '../core/ids.js';
import { type Alliance, allChannels, allowedWorkspaces } from './alliance.js';
import type { ConfigFile, Persona } from './config-file.js';

export class AllianceDirectory {
  private readonly byId = new Map<string, Alliance>();
  private readonly byChannel = new Map<string, Alliance>();
  private readonly byPerson = new Map<string, Alliance[]>();
  private readonly byWorkspace = new Map<string, Alliance[]>();
  private readonly personas = new Map<string, Persona>();
  private readonly allowed = new Map<string, Set<string>>();
  private readonly anyAllowed = new Set<string>();

  constructor(readonly config: ConfigFile) {
    for (const alliance of config.alliances) {
      this.byId.set(alliance.id, alliance);
      const allowed = allowedWorkspaces(alliance);
      this.allowed.set(alliance.id, allowed);
      for (const w of allowed) this.anyAllowed.add(w);
      for (const channel of allChannels(alliance)) {
        this.byChannel.set(channel, alliance);
        add(this.byWorkspace, workspaceOf(channel), alliance);
      }
      for (const team of alliance.workspaces.slack.filter((w) => w.startsWith('T')))
        add(this.byWorkspace, `slack:${team}`, alliance);
      for (const tenant of alliance.workspaces.teams)
        add(this.byWorkspace, `teams:${tenant}`, alliance);
      for (const person of [...alliance.coordinators, ...alliance.spokespersons]) {
        for (const id of person.ids) add(this.byPerson, id, alliance);
      }
    }
    for (const persona of config.local.personas) {
      this.personas.set(persona.id, persona);
      const alliance = this.byId.get(persona.alliance);
      if (alliance) add(this.byPerson, persona.id, alliance);
    }
  }

  all(): Alliance[] {
    return [...this.byId.values()];
  }

  get(allianceId: string): Alliance | undefined {
    return this.byId.get(allianceId);
  }

  forChannel(conversationId: string): Alliance | undefined {
    return this.byChannel.get(conversationId);
  }

  /** Alliances the config itself names this person in. */
  forPerson(userId: string): Alliance[] {
    return this.byPerson.get(userId) ?? [];
  }

  /** The one alliance linked in this person's workspace, if there is exactly one. */
  forWorkspaceOf(id: string): Alliance | undefined {
    const list = this.byWorkspace.get(workspaceOf(id)) ?? [];
    return list.length === 1 ? list[0] : undefined;
  }

  /**
   * Whether a workspace (`slack:<team>`, `teams:<tenant>`) is one an alliance accepts: of its
   * linked channels, its named people or its `workspaces` list. With `allianceId`, that
   * alliance's; without, any alliance of this deployment's (for installs and references).
   */
  allowsWorkspace(workspace: string, allianceId?: string): boolean {
    if (workspace.startsWith('local:')) return true;
    if (allianceId === undefined) return this.anyAllowed.has(workspace);
    return this.allowed.get(allianceId)?.has(workspace) ?? false;
  }

  persona(userId: string): Persona | undefined {
    return this.personas.get(userId);
  }

  personaLocale(userId: string): Locale | undefined {
    return this.personas.get(userId)?.locale;
  }

  /** The config's name for a person (coordinator, spokesperson, persona). */
  nameOf(userId: string): string | undefined {
    const persona = this.personas.get(userId);
    if (persona) return persona.name;
    for (const alliance of this.forPerson(userId)) {
      const ref = [...alliance.coordinators, ...alliance.spokespersons].find((p) =>
        p.ids.includes(userId),
      );
      if (ref) return ref.name;
    }
    return undefined;
  }
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
