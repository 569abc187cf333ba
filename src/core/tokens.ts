/**
 * Unguessable tokens for what works without signing in (a published chart, a privacy export's
 * download, a check-in series' calendar feed, the digest e-mails' unsubscribe link): 256
 * random bits, URL-safe, 43 characters.
 */
import { randomBytes } from 'node:crypto';

/** The shape of a token, for a route's path pattern: `[A-Za-z0-9_-]{43}`. */
export const TOKEN_SOURCE = '[A-Za-z0-9_-]{43}';

const TOKEN = new RegExp(`^${TOKEN_SOURCE}$`);

/** A new token: 32 random bytes in base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Whether a text has a token's shape (checked before anything is looked up by it). */
export const isToken = (text: string): boolean => TOKEN.test(text);
