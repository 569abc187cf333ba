/**
 * Structured JSON logs through pino; readable (pino-pretty) in local mode. Tokens, secrets
 * and personal data (names, e-mail addresses, free text people typed) are redacted.
 */
import { type Logger, pino } from 'pino';

const SENSITIVE = [
  'token',
  'botToken',
  'accessToken',
  'password',
  'secret',
  'signingSecret',
  'clientSecret',
  'authorization',
  'cookie',
  'email',
  'name',
  'displayName',
  'text',
  'values',
  'goals',
  'offers',
  'needs',
];

export const REDACT_PATHS = [
  ...SENSITIVE,
  ...SENSITIVE.map((k) => `*.${k}`),
  ...SENSITIVE.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
];

export interface LoggerOptions {
  level: string;
  pretty: boolean;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level,
    base: { service: 'alliantiebot' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    ...(options.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { colorize: true, translateTime: 'SYS:HH:MM:ss' },
          },
        }
      : {}),
  });
}
