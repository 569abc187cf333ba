/**
 * Coded errors. Code carries the meaning; the words live in the i18n catalogues
 * (`errors.<code>`), so the central handler can answer in the user's language.
 */
export const ERROR_CODES = [
  'internal',
  'not_in_alliance',
  'unknown_command',
  'not_understood',
  'validation_failed',
  'permission_denied',
  'busy',
  'form_expired',
  'rate_limited',
  'platform_permanent',
  'platform_transient',
  'config_invalid',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BotErrorOptions {
  cause?: unknown;
  /** Values the message template may show (never secrets). */
  params?: Record<string, string>;
}

export class BotError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: BotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BotError';
    this.code = code;
    this.params = options.params ?? {};
  }
}

/** The platform asked us to slow down. */
export class RateLimitError extends BotError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, message = 'rate limited', options: BotErrorOptions = {}) {
    super('rate_limited', message, options);
    this.name = 'RateLimitError';
    this.retryAfterMs = retryAfterMs;
  }
}

/** The person may not do this (role or visibility). */
export class PermissionError extends BotError {
  constructor(message: string, options: BotErrorOptions = {}) {
    super('permission_denied', message, options);
    this.name = 'PermissionError';
  }
}

/** Input did not pass; `fieldErrors` maps a form field to a catalogue key. */
export class ValidationError extends BotError {
  readonly fieldErrors: Record<string, string>;
  constructor(message: string, fieldErrors: Record<string, string>, options: BotErrorOptions = {}) {
    super('validation_failed', message, options);
    this.name = 'ValidationError';
    this.fieldErrors = fieldErrors;
  }
}

/** A delivery failed for good (channel gone, bot removed): never retried. */
export class PermanentDeliveryError extends BotError {
  constructor(message: string, options: BotErrorOptions = {}) {
    super('platform_permanent', message, options);
    this.name = 'PermanentDeliveryError';
  }
}

/** A delivery failed for now (5xx, network): retried with backoff. */
export class TransientDeliveryError extends BotError {
  constructor(message: string, options: BotErrorOptions = {}) {
    super('platform_transient', message, options);
    this.name = 'TransientDeliveryError';
  }
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
