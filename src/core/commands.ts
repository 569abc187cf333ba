/**
 * The command words a user types (`/alliance <word>` on Slack; the same words in a message
 * on Teams and in the local chat). Every command has a Dutch and an English word; both
 * always work.
 */
import type { CommandName, Locale } from './events.js';

export const COMMAND_WORDS: Record<CommandName, Record<Locale, string>> = {
  help: { nl: 'hulp', en: 'help' },
  join: { nl: 'aanmelden', en: 'join' },
  invite: { nl: 'uitnodigen', en: 'invite' },
  share: { nl: 'deel', en: 'share' },
  docs: { nl: 'documenten', en: 'docs' },
  ask: { nl: 'vraag', en: 'ask' },
  toolkit: { nl: 'toolkit', en: 'toolkit' },
  link: { nl: 'koppel', en: 'link' },
  checkin: { nl: 'checkin', en: 'checkin' },
  commitment: { nl: 'afspraak', en: 'commitment' },
  idea: { nl: 'idee', en: 'idea' },
  success: { nl: 'succes', en: 'success' },
  digest: { nl: 'overzicht', en: 'digest' },
  health: { nl: 'gezondheid', en: 'health' },
  privacy: { nl: 'privacy', en: 'privacy' },
  audit: { nl: 'logboek', en: 'audit' },
};

interface WordEntry {
  command: CommandName;
  /** The language the word belongs to only (undefined when both languages share it). */
  language: Locale | undefined;
}

const WORDS = new Map<string, WordEntry>();
for (const [command, words] of Object.entries(COMMAND_WORDS) as [
  CommandName,
  Record<Locale, string>,
][]) {
  const same = words.nl === words.en;
  WORDS.set(words.nl, { command, language: same ? undefined : 'nl' });
  if (!same) WORDS.set(words.en, { command, language: 'en' });
}

export interface ParsedCommand {
  command: CommandName;
  args: string;
  /** The language of the word the person used, when the word says it. */
  language: Locale | undefined;
}

/**
 * Reads a command from the start of a text: `hulp`, `/alliance join`, `@Alliantiebot help`.
 * Leading mentions are the adapter's to strip; a leading slash command name is tolerated.
 */
export function parseCommandText(input: string): ParsedCommand | null {
  const trimmed = input.trim().replace(/^\/?(alliance|alliantie)\s+/i, '');
  const match = /^\/?(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return null;
  const word = (match[1] ?? '').toLowerCase().replace(/[.!?,:]+$/, '');
  const entry = WORDS.get(word);
  if (!entry) return null;
  return { command: entry.command, args: (match[2] ?? '').trim(), language: entry.language };
}

export function commandWord(command: CommandName, locale: Locale): string {
  return COMMAND_WORDS[command][locale];
}
