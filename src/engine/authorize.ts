/**
 * Authorization in one place, for words, buttons and forms alike: which roles a declaration
 * allows, whether a person holds one, and the refusal that says who may do what, in the
 * person's language ("Only a spokesperson can approve a success"); and whether the person's
 * workspace (Slack team, Teams tenant) is one the alliance accepts. The engine, help and the
 * flows ask here; nothing else compares roles.
 */
import { BotError, PermissionError } from '../core/errors.js';
import type { Locale } from '../core/events.js';
import { t } from '../core/i18n/index.js';
import { workspaceOf } from '../core/ids.js';
import type { Role } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Describe } from './flow.js';

/** Whether a person holding `roles` may use something that allows `allowed`. */
export function allows(allowed: readonly Role[] | undefined, roles: readonly Role[]): boolean {
  return allowed === undefined || allowed.length === 0 || allowed.some((r) => roles.includes(r));
}

/** Whether a person holding `held` holds any of `roles` (a check a flow makes on a record). */
export function holdsRole(held: readonly Role[], ...roles: readonly Role[]): boolean {
  return roles.some((r) => held.includes(r));
}

/** Whether a declaration is for everyone in the alliance (no roles, or `member` among them). */
export function isForEveryone(allowed: readonly Role[] | undefined): boolean {
  return allows(allowed, ['member']);
}

/** "a coordinator or a spokesperson" */
export function rolesPhrase(roles: readonly Role[], locale: Locale): string {
  const names = roles.map((r) => t(locale, `role.${r}`));
  return names.join(` ${t(locale, 'role.or')} `);
}

/**
 * Throws a PermissionError whose words name the roles and the action, unless `held` includes
 * one of `allowed` (or nothing is required).
 */
export function requireRole(
  allowed: readonly Role[] | undefined,
  held: readonly Role[],
  action: Describe | undefined,
  locale: Locale,
): void {
  if (allows(allowed, held) || !allowed) return;
  throw new PermissionError(`needs ${allowed.join('/')}`, {
    params: action ? { roles: rolesPhrase(allowed, locale), action: action(locale) } : {},
  });
}

/**
 * Throws `not_in_alliance` unless the person's workspace (the scope of their id: their own
 * Slack team, their Teams tenant) is one the alliance accepts: listed under `workspaces`, or
 * that of a linked channel or a named person. Someone from elsewhere who reaches a linked
 * channel (a Slack Connect or Teams shared channel) is told to ask for the workspace to be
 * linked, and nothing of theirs is stored.
 */
export function requireWorkspace(
  directory: AllianceDirectory,
  allianceId: string,
  userId: string,
  org?: string,
): void {
  const workspace = workspaceOf(userId);
  if (directory.allowsWorkspace(workspace, allianceId)) return;
  // A workspace of an Enterprise Grid org the alliance lists (by its `E…` id).
  if (org !== undefined && directory.allowsWorkspace(org, allianceId)) return;
  throw new BotError('not_in_alliance', `${workspace} is not a workspace of ${allianceId}`);
}
