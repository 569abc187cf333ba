/**
 * Bot Connector failures as coded delivery errors: 429 (with Retry-After), 412, 502, 503,
 * 504 and network errors are transient or rate limits; 403 (bot removed, blocked) and 404
 * (conversation not found) are permanent.
 */
import { z } from 'zod';
import {
  type BotError,
  PermanentDeliveryError,
  RateLimitError,
  TransientDeliveryError,
} from '../../src/core/errors.js';

const HttpFailureSchema = z.looseObject({
  status: z.number().int().optional(),
  message: z.string().optional(),
  response: z
    .looseObject({ headers: z.unknown().optional(), data: z.unknown().optional() })
    .optional(),
});

const DEFAULT_RETRY_MS = 1000;

function retryAfterMs(headers: unknown): number {
  const value =
    headers instanceof Headers
      ? headers.get('retry-after')
      : z.record(z.string(), z.string()).safeParse(headers).data?.['retry-after'];
  const seconds = Number(value);
  if (value && Number.isFinite(seconds) && seconds >= 0) return Math.max(seconds * 1000, 1);
  const date = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(date) ? Math.max(date - Date.now(), 1) : DEFAULT_RETRY_MS;
}

export function deliveryError(error: unknown): BotError {
  const parsed = HttpFailureSchema.safeParse(error);
  const status = parsed.data?.status;
  const message = `Teams: ${parsed.data?.message ?? String(error)}`.slice(0, 500);
  if (status === 429)
    return new RateLimitError(retryAfterMs(parsed.data?.response?.headers), message);
  if (status === 401 || status === 403 || status === 404 || status === 400) {
    return new PermanentDeliveryError(message);
  }
  return new TransientDeliveryError(message);
}
