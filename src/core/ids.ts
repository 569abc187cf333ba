/**
 * Namespaced ids: every person, conversation and workspace is named as
 * `<platform>:<scope>:<local id>` (e.g. `slack:T123:C456`, `teams:<tenant>:<conversation>`,
 * `local:demo:anna`). Each adapter encodes and decodes its own; the core only needs the
 * platform prefix and the scope (workspace or tenant), never the platform's name in logic.
 */
import { z } from 'zod';

export const PLATFORMS = ['slack', 'teams', 'local'] as const;
export const PlatformNameSchema = z.enum(PLATFORMS);
export type PlatformName = z.infer<typeof PlatformNameSchema>;

/** `platform:scope:rest` where rest may itself contain ':' (Teams conversation ids do). */
export const NamespacedIdSchema = z
  .string()
  .regex(/^(slack|teams|local):[^:\s]+:\S+$/, 'expected <platform>:<scope>:<id>');
export type NamespacedId = z.infer<typeof NamespacedIdSchema>;

export interface ParsedId {
  platform: PlatformName;
  /** Slack team id, Teams tenant id, or the local workspace. */
  scope: string;
  /** Channel, conversation or user id inside the scope (may contain ':'). */
  local: string;
}

export function makeId(platform: PlatformName, scope: string, local: string): NamespacedId {
  if (!scope || scope.includes(':') || /\s/.test(scope)) {
    throw new TypeError(`invalid id scope: ${JSON.stringify(scope)}`);
  }
  if (!local || /\s/.test(local)) throw new TypeError(`invalid local id: ${JSON.stringify(local)}`);
  return `${platform}:${scope}:${local}`;
}

export function parseId(id: string): ParsedId {
  const parsed = NamespacedIdSchema.safeParse(id);
  if (!parsed.success) throw new TypeError(`not a namespaced id: ${JSON.stringify(id)}`);
  const first = id.indexOf(':');
  const second = id.indexOf(':', first + 1);
  return {
    platform: PlatformNameSchema.parse(id.slice(0, first)),
    scope: id.slice(first + 1, second),
    local: id.slice(second + 1),
  };
}

export function platformOf(id: NamespacedId): PlatformName {
  return parseId(id).platform;
}

/** `platform:scope`, the workspace (Slack team, Teams tenant) an id lives in. */
export function workspaceOf(id: NamespacedId): string {
  const { platform, scope } = parseId(id);
  return `${platform}:${scope}`;
}

/** A slug for ids we mint ourselves (partners): lower-case ascii, dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
