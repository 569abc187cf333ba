/**
 * Roles, checked in one place for words, buttons and forms alike, with a refusal that says
 * who may do what, in the person's language ("Only a spokesperson can approve a success").
 */
import { PermissionError } from '../core/errors.js';
import type { Locale } from '../core/events.js';
import { t } from '../core/i18n/index.js';
import type { Role } from '../domain/alliance.js';
import type { Describe } from './flow.js';
import { allows } from './registry.js';

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
