/**
 * Unguessable tokens for links that work without signing in (a check-in series' calendar
 * feed, the digest e-mails' unsubscribe link): 256 random bits, URL-safe, 43 characters.
 */
import { randomBytes } from 'node:crypto';

/** A new token: 32 random bytes in base64url (`[A-Za-z0-9_-]{43}`). */
export const newToken = (): string => randomBytes(32).toString('base64url');
