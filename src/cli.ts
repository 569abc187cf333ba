/**
 * The CLI's commands other than running the bot: check-config, queues, seed-demo. src/main.ts
 * (the composition root) parses the command line and calls these; they build what they need
 * through the functions it hands them.
 */
import type { Logger } from 'pino';
import { ConfigError, loadAllianceConfig } from './config/alliance-config.js';
import { loadSettings, type Settings } from './config/env.js';
import type { InboundHandler } from './core/inbound.js';
import { AllianceDirectory } from './domain/directory.js';
import { createLogger } from './log.js';
import { formatStats, queueStats } from './queue/inspect.js';
import { QueueRuntime } from './queue/runtime.js';
import { createRedis, Store } from './store/index.js';

/** What seed-demo needs of a started app. */
export interface SeedableApp {
  engine: { handle: InboundHandler };
  directory: AllianceDirectory;
  stop(): Promise<void>;
}
export type StartApp = (
  settings: Settings,
  log: Logger,
  roles: { web: boolean; worker: boolean },
) => Promise<SeedableApp>;

export async function checkConfig(file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('usage: alliance-bot check-config FILE\n');
    return 2;
  }
  try {
    const config = await loadAllianceConfig(file);
    const ids = config.alliances.map((a) => a.id).join(', ');
    process.stdout.write(`${file}: OK (${config.alliances.length} alliance(s): ${ids})\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * `npm run seed:demo`: the personas with a `demoIntake` in the config do the intake, so the
 * demo alliance channel starts with introductions (through the real engine and queue).
 */
export async function seedDemo(
  start: StartApp,
  localDirectOf: (personaId: string) => string,
): Promise<number> {
  const settings = loadSettings();
  const log = createLogger({ level: 'warn', pretty: false });
  const app = await start(settings, log, { web: false, worker: true });
  try {
    for (const persona of app.directory.config.local.personas) {
      const intake = persona.demoIntake;
      if (!intake) continue;
      const result = await app.engine.handle({
        type: 'form_submitted',
        eventId: `seed-demo:${persona.id}`,
        platform: 'local',
        actor: { userId: persona.id, displayName: persona.name },
        conversation: { id: localDirectOf(persona.id), kind: 'direct' },
        formId: 'onboarding.intake',
        context: persona.alliance,
        values: { name: persona.name, ...intake, language: persona.locale ?? 'nl' },
      });
      const outcome = result.duplicate ? 'already seeded' : (result.error ?? 'introduced');
      process.stdout.write(`${persona.name}: ${outcome}\n`);
    }
    return 0;
  } finally {
    await app.stop();
  }
}

/** Prints the queues' depths, delays, failures and oldest waiting job. */
export async function showQueues(): Promise<number> {
  const settings = loadSettings();
  const log = createLogger({ level: 'warn', pretty: false });
  const config = await loadAllianceConfig(settings.allianceConfigPath);
  const redis = createRedis(settings);
  const store = new Store(redis, settings.REDIS_PREFIX);
  const queue = new QueueRuntime({
    redis: settings,
    prefix: settings.REDIS_PREFIX,
    store,
    directory: new AllianceDirectory(config),
    log,
  });
  try {
    const stats = await Promise.all(queue.queues().map((q) => queueStats(q)));
    stats.unshift(await queue.journal.stats());
    process.stdout.write(`${formatStats(stats)}\n`);
    return 0;
  } finally {
    await queue.close();
    await redis.quit();
  }
}

export const USAGE = `usage: alliance-bot <command>
  all                 web server and workers in one process (default)
  serve               the web server only (adapters, web chat, /healthz, /readyz)
  worker              the queue workers only
  check-config FILE   check an alliance config file and explain what is wrong
  queues              depths, delayed jobs, failures and the oldest waiting job per queue
  seed-demo           (local mode) let the demo personas with a demoIntake do the intake
`;
