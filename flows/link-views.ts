/**
 * The shapes of linking: the code card (only ever sent to the person privately) and the list
 * of a person's linked accounts with a button per account. Pure functions of their input.
 */
import { commandWord } from '../src/core/commands.js';
import type { Locale } from '../src/core/events.js';
import { type PlatformName, platformOf } from '../src/core/ids.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import { CODE_TTL_SECONDS, showCode } from './link-code.js';
import type { LinkT } from './link-words.js';

export const REMOVE_ACTION = 'link.remove';
/** The sub-word that unlinks, in both languages (`koppel los` / `link remove`). */
export const REMOVE_WORDS = { nl: 'los', en: 'remove' } as const;

/** A platform as the person reads it: `Slack`, `Teams`, `webchat`. */
export function platformName(t: LinkT, userId: string): string {
  const platform: PlatformName = platformOf(userId);
  return t(`link.platform.${platform}`);
}

/** What the person types to unlink (`koppel los`). */
export function undoWords(locale: Locale): string {
  return `${commandWord('link', locale)} ${REMOVE_WORDS[locale]}`;
}

/** The code, with what to type where. */
export function codeCard(t: LinkT, locale: Locale, userId: string, code: string): OutboundMessage {
  const platform: PlatformName = platformOf(userId);
  const shown = showCode(code);
  return card({
    header: t('link.code.header'),
    text: t('link.code.text', {
      code: shown,
      where: t(`link.where.${platform}`),
      minutes: CODE_TTL_SECONDS / 60,
      typed: `${commandWord('link', locale)} ${shown}`,
    }),
    fields: [{ label: t('link.code.header'), value: shown }],
    context: [t('link.code.context')],
  });
}

/** The person's linked accounts (this one marked), a button to unlink each. */
export function listCard(
  t: LinkT,
  locale: Locale,
  alliance: string,
  userId: string,
  ids: readonly string[],
): OutboundMessage {
  return card({
    header: t('link.list.header'),
    text: t('link.list.text', { alliance, undo: undoWords(locale) }),
    fields: ids.map((id) => ({
      label: platformName(t, id),
      value: id === userId ? t('link.list.this') : t('link.list.linked'),
    })),
    // One action id per button (Slack wants them distinct in a card); all reach REMOVE_ACTION.
    buttons: ids.map((id, i) => ({
      actionId: `${REMOVE_ACTION}.${i}`,
      label: t('link.list.remove', { platform: platformName(t, id) }),
      value: id,
      style: 'danger' as const,
    })),
  });
}
