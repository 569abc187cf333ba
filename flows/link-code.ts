/**
 * Link codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), drawn with
 * the operating system's cryptographic randomness (31^8, about 8.5·10^11 codes), shown as
 * `ABCD-EFGH`; typed in any case, with or without the dash or spaces.
 */
import { randomInt } from 'node:crypto';
import { normaliseCode } from '../src/domain/link-code.js';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
/** How long a code works. */
export const CODE_TTL_SECONDS = 10 * 60;
/** Wrong codes a person may type per window; then they are refused until the window ends. */
export const MAX_WRONG_TRIES = 5;
export const TRIES_WINDOW_SECONDS = 15 * 60;
/** What a code looks like, for the answer to something that is not one. */
export const EXAMPLE_CODE = 'K7QM-2XPD';

/** A fresh code, in capitals, without the dash. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `ABCD-EFGH`. */
export function showCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code a person typed, normalised; undefined when it cannot be one. */
export function readCode(typed: string): string | undefined {
  const code = normaliseCode(typed);
  if (code.length !== CODE_LENGTH) return undefined;
  for (const c of code) if (!CODE_ALPHABET.includes(c)) return undefined;
  return code;
}
