/**
 * The language of what a person typed, for answering in it before anything else is known.
 */
import { parseCommandText } from '../core/commands.js';
import type { InboundEvent, Locale } from '../core/events.js';
import type { FlowRegistry } from './registry.js';

/**
 * The language of the words the person typed, when they tell: the command word (`help` vs
 * `hulp`), else its sub-word (`checkin schedule` vs `checkin plannen`).
 */
export function wordLanguage(event: InboundEvent, flows: FlowRegistry): Locale | undefined {
  const typed =
    event.type === 'message'
      ? parseCommandText(event.text)
      : event.type === 'command'
        ? { command: event.command, args: event.args, language: event.language }
        : null;
  if (!typed) return undefined;
  return typed.language ?? flows.resolve(typed.command, typed.args)?.language;
}
