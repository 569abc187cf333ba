import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS, commandWord, parseCommandText } from '../../../src/core/commands.js';
import { COMMANDS } from '../../../src/core/events.js';

// The table in ../shared/INTERFACE.md, word for word.
const INTERFACE_TABLE: [string, string][] = [
  ['hulp', 'help'],
  ['aanmelden', 'join'],
  ['uitnodigen', 'invite'],
  ['deel', 'share'],
  ['documenten', 'docs'],
  ['vraag', 'ask'],
  ['toolkit', 'toolkit'],
  ['koppel', 'link'],
  ['checkin', 'checkin'],
  ['afspraak', 'commitment'],
  ['idee', 'idea'],
  ['succes', 'success'],
  ['overzicht', 'digest'],
  ['gezondheid', 'health'],
  ['privacy', 'privacy'],
  ['logboek', 'audit'],
];

describe('command words', () => {
  it('has the Dutch and English word of every command in INTERFACE.md', () => {
    expect(COMMANDS.map((c) => [COMMAND_WORDS[c].nl, COMMAND_WORDS[c].en])).toEqual(
      INTERFACE_TABLE,
    );
  });

  it('reads both languages and tells which one the word belongs to', () => {
    expect(parseCommandText('hulp')).toEqual({ command: 'help', args: '', language: 'nl' });
    expect(parseCommandText('HELP')).toEqual({ command: 'help', args: '', language: 'en' });
    expect(parseCommandText('/alliance join')).toEqual({
      command: 'join',
      args: '',
      language: 'en',
    });
    expect(parseCommandText('aanmelden nu graag')).toEqual({
      command: 'join',
      args: 'nu graag',
      language: 'nl',
    });
    expect(parseCommandText('  hulp?  ')?.command).toBe('help');
    expect(parseCommandText('toolkit')).toEqual({
      command: 'toolkit',
      args: '',
      language: undefined,
    });
    expect(parseCommandText('documenten zon')).toMatchObject({ command: 'docs', args: 'zon' });
  });

  it('does not mistake ordinary sentences for commands', () => {
    for (const text of ['goedemorgen allemaal', 'fietsen', '', '   ', 'helpen jullie mee?']) {
      expect(parseCommandText(text)).toBeNull();
    }
  });

  it('names a command in the person’s language', () => {
    expect(commandWord('join', 'nl')).toBe('aanmelden');
    expect(commandWord('join', 'en')).toBe('join');
  });
});
