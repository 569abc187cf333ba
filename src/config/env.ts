/**
 * Environment settings, parsed with zod. An adapter is on when its credentials are set;
 * with neither Slack nor Teams credentials the bot runs in local mode (the web chat).
 */
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import { formatPath } from './alliance-config.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .default('redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: optionalString,
  /** Prefix for every key (several deployments or test runs on one Redis). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, : _ - only')
    .default(''),
  ALLIANCE_CONFIG: optionalString,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(10),
  /** How long a worker's claim on a job lasts without renewal; a crashed worker's jobs return after it. */
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** How often workers look for jobs whose worker died (stalled jobs). */
  QUEUE_STALLED_MS: z.coerce.number().int().min(500).default(15_000),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_PASSWORD: optionalString,
  TEAMS_TENANT_ID: optionalString,
  TEAMS_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant']).default('MultiTenant'),
  TEAMS_AUTHORITY_ENDPOINT: optionalString,
});
export type Env = z.infer<typeof EnvSchema>;

export interface Settings extends Env {
  /** Neither Slack nor Teams is configured: the local web chat is the platform. */
  localMode: boolean;
  allianceConfigPath: string;
}

export const DEFAULT_LOCAL_CONFIG = 'examples/energieregio.yaml';

export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${formatPath(i.path)}: ${i.message}`);
    throw new BotError(
      'config_invalid',
      `environment settings are not valid:\n${lines.join('\n')}`,
    );
  }
  const env = parsed.data;
  const slack = Boolean(env.SLACK_SIGNING_SECRET && (env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID));
  const teams = Boolean(env.TEAMS_APP_ID);
  const localMode = !slack && !teams;
  const allianceConfigPath = env.ALLIANCE_CONFIG ?? (localMode ? DEFAULT_LOCAL_CONFIG : undefined);
  if (!allianceConfigPath) {
    throw new BotError(
      'config_invalid',
      'ALLIANCE_CONFIG is not set: outside local mode the bot needs the path of the alliance config (YAML)',
    );
  }
  return { ...env, localMode, allianceConfigPath };
}
