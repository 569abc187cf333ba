/**
 * Environment settings, parsed with zod. An adapter is on when its credentials are set;
 * with no Slack or Teams variable set at all the bot runs in local mode (the web chat),
 * which is refused under NODE_ENV=production unless LOCAL_MODE=1. A platform set up in
 * part stops the start with what is missing (src/config/mode.ts).
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BotError } from '../core/errors.js';
import { formatPath } from './alliance-config.js';
import { HostAllowListSchema } from './host-allow.js';
import {
  NO_FALLBACK_NOTE,
  PACKAGING_VARIABLES,
  PLATFORM_VARIABLE,
  platformVariablesSet,
  slackProblems,
  teamsProblems,
  unknownSettings,
} from './mode.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to listen on; default 127.0.0.1 in local mode, 0.0.0.0 otherwise (listenHost). */
  HOST: optionalString.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9.:-]+$/,
        'an address or host name to listen on, such as 127.0.0.1, 0.0.0.0 or ::1',
      )
      .optional(),
  ),
  /** 1 allows local mode (the unauthenticated web chat) under NODE_ENV=production. */
  LOCAL_MODE: optionalString.pipe(
    z
      .enum(['0', '1'], {
        error: '1 allows local mode under NODE_ENV=production; 0 or unset refuses it',
      })
      .optional(),
  ),
  /** When set, /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString,
  /**
   * E-mail for people on neither platform (invitations): `smtp://user:pass@host:587` or
   * `smtps://…:465`. Off when unset.
   */
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'an SMTP URL: smtp://user:password@host:587 or smtps://…:465')
      .optional(),
  ),
  /** The sender of that e-mail: `Alliantiebot <alliantiebot@example.org>` (needed with SMTP_URL). */
  MAIL_FROM: optionalString,
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
  /**
   * How long a send without an answer (its worker died during it) holds its pacing slot: it
   * may have arrived. Tests shorten it; the adapters' HTTP clients give up well before.
   */
  QUEUE_PENDING_MS: z.coerce.number().int().min(5000).max(600_000).default(60_000),
  /** Past this many waiting events the inbound journal refuses (webhooks answer 5xx). */
  INBOUND_JOURNAL_MAX_LENGTH: z.coerce.number().int().min(1).default(50_000),
  /** /readyz answers 503 once an acknowledged event waited longer than this (0: no limit). */
  READY_MAX_BACKLOG_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Failed jobs (with the personal data in them) are removed this many days after failing. */
  FAILED_JOB_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /** The activity history is kept this many days, then trimmed (daily); the audit trail longer. */
  ACTIVITY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  /** The bot's public base URL (https), for links: an export's one-time download. */
  PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
    message: 'an http(s) URL',
  }),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString,
  TEAMS_APP_ID: optionalString,
  TEAMS_APP_PASSWORD: optionalString,
  /** A certificate of the app registration instead of TEAMS_APP_PASSWORD: its PEM file... */
  TEAMS_CERT_PEM_FILE: optionalString,
  /** ...and the file with its private key (PEM, unencrypted). Both or neither. */
  TEAMS_CERT_KEY_FILE: optionalString,
  TEAMS_TENANT_ID: optionalString,
  TEAMS_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant']).default('MultiTenant'),
  TEAMS_AUTHORITY_ENDPOINT: optionalString,
  /**
   * Extra hosts a Teams activity's serviceUrl may point at, comma-separated (see
   * host-allow.ts); Microsoft's own are always allowed. Nothing else is sent the bot's token.
   */
  TEAMS_SERVICE_URL_ALLOW: HostAllowListSchema,
});
export type Env = z.infer<typeof EnvSchema>;

function why(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The Teams credentials' checks across settings: a certificate comes as a pair of files that
 * can be read and belong together, and replaces the password; SingleTenant needs its tenant.
 */
function checkTeams(env: Env, ctx: z.RefinementCtx): void {
  const problem = (key: keyof Env, message: string) =>
    ctx.addIssue({ code: 'custom', path: [key], message });
  const { TEAMS_CERT_PEM_FILE: pemFile, TEAMS_CERT_KEY_FILE: keyFile } = env;
  if (Boolean(pemFile) !== Boolean(keyFile)) {
    problem(
      pemFile ? 'TEAMS_CERT_KEY_FILE' : 'TEAMS_CERT_PEM_FILE',
      'TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE go together: set both (the certificate and its private key) or neither',
    );
  }
  if (pemFile && keyFile) {
    if (env.TEAMS_APP_PASSWORD) {
      problem(
        'TEAMS_APP_PASSWORD',
        'set either TEAMS_APP_PASSWORD (a client secret) or TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE (a certificate), not both',
      );
    }
    let cert: X509Certificate | undefined;
    let key: KeyObject | undefined;
    try {
      cert = new X509Certificate(readFileSync(pemFile));
    } catch (error) {
      problem(
        'TEAMS_CERT_PEM_FILE',
        `no PEM certificate could be read from ${pemFile}: ${why(error)}`,
      );
    }
    try {
      key = createPrivateKey(readFileSync(keyFile));
    } catch (error) {
      problem(
        'TEAMS_CERT_KEY_FILE',
        `no unencrypted PEM private key could be read from ${keyFile}: ${why(error)}`,
      );
    }
    if (cert && key && !cert.checkPrivateKey(key)) {
      problem('TEAMS_CERT_KEY_FILE', `the key in ${keyFile} is not the certificate's private key`);
    }
  }
  if (env.TEAMS_APP_ID && env.TEAMS_APP_TYPE === 'SingleTenant' && !env.TEAMS_TENANT_ID) {
    problem(
      'TEAMS_TENANT_ID',
      'required for TEAMS_APP_TYPE=SingleTenant: the id of the tenant the app registration lives in',
    );
  }
}

/** E-mail needs a sender: SMTP_URL without MAIL_FROM is refused. */
function checkMail(env: Env, ctx: z.RefinementCtx): void {
  if (env.SMTP_URL && !env.MAIL_FROM) {
    ctx.addIssue({
      code: 'custom',
      path: ['MAIL_FROM'],
      message:
        'required with SMTP_URL: the sender of the e-mail, e.g. "Alliantiebot <alliantiebot@example.org>"',
    });
  }
}

/** The environment with the checks across settings; what loadSettings parses. */
export const CheckedEnvSchema = EnvSchema.superRefine(checkTeams).superRefine(checkMail);

export interface Settings extends Env {
  /** No Slack or Teams variable is set: the local web chat is the platform. */
  localMode: boolean;
  allianceConfigPath: string;
}

export const DEFAULT_LOCAL_CONFIG = 'examples/energieregio.yaml';

/** Every SLACK_ and TEAMS_ variable the bot (or `npm run package:teams`) reads. */
export const KNOWN_PLATFORM_VARIABLES: readonly string[] = [
  ...Object.keys(EnvSchema.shape).filter((name) => PLATFORM_VARIABLE.test(name)),
  ...PACKAGING_VARIABLES,
];

/** Where the server listens: HOST, else loopback in local mode and every address otherwise. */
export function listenHost(settings: Pick<Settings, 'HOST' | 'localMode'>): string {
  return settings.HOST ?? (settings.localMode ? '127.0.0.1' : '0.0.0.0');
}

function invalid(lines: readonly string[], note?: string): BotError {
  return new BotError(
    'config_invalid',
    `environment settings are not valid:\n${lines.map((l) => `  - ${l}`).join('\n')}${note ? `\n${note}` : ''}`,
  );
}

export function loadSettings(source: NodeJS.ProcessEnv = process.env): Settings {
  const unknown = unknownSettings(source, KNOWN_PLATFORM_VARIABLES);
  const incomplete = [...slackProblems(source), ...teamsProblems(source)];
  const parsed = CheckedEnvSchema.safeParse(source);
  const lines = [
    ...unknown,
    ...incomplete,
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)),
  ];
  if (!parsed.success || lines.length > 0) {
    throw invalid(lines, incomplete.length > 0 ? NO_FALLBACK_NOTE : undefined);
  }
  const env = parsed.data;
  const platformVariables = platformVariablesSet(source);
  const localMode = platformVariables.length === 0;
  if (localMode && env.NODE_ENV === 'production' && env.LOCAL_MODE !== '1') {
    throw invalid([
      'no SLACK_ or TEAMS_ variable is set, so the bot would run in local mode: a web chat without sign-in where anyone can act as anyone. It is refused under NODE_ENV=production: set the Slack or Teams settings, or LOCAL_MODE=1 to run the web chat anyway',
    ]);
  }
  if (!localMode && env.LOCAL_MODE === '1') {
    throw invalid([
      `LOCAL_MODE=1 allows local mode, which runs only when no SLACK_ or TEAMS_ variable is set; these are set: ${platformVariables.join(', ')}`,
    ]);
  }
  const allianceConfigPath = env.ALLIANCE_CONFIG ?? (localMode ? DEFAULT_LOCAL_CONFIG : undefined);
  if (!allianceConfigPath) {
    throw new BotError(
      'config_invalid',
      'ALLIANCE_CONFIG is not set: outside local mode the bot needs the path of the alliance config (YAML)',
    );
  }
  return { ...env, localMode, allianceConfigPath };
}
