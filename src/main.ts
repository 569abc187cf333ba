#!/usr/bin/env node
/**
 * The composition root and CLI: `alliance-bot serve | worker | all | check-config FILE`.
 * The only file under src/ that imports adapters/ and flows/: it reads the config, builds
 * the store, the adapters that are configured, the flows and the engine, and hands them to
 * the HTTP server (and, with the queue, to the workers).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { createLocalAdapter, directConversationOf } from '../adapters/local/index.js';
import { createSlackAdapter } from '../adapters/slack/index.js';
import { RedisInstallationStore } from '../adapters/slack/oauth.js';
import { createTeamsAdapter } from '../adapters/teams/index.js';
import { auditFlow } from '../flows/audit.js';
import { checkinsFlow } from '../flows/checkins.js';
import { calendarFinder } from '../flows/checkins-calendar.js';
import { commitmentsFlow } from '../flows/commitments.js';
import { digestFlow } from '../flows/digest.js';
import { digestUnsubscriber } from '../flows/digest-unsubscribe.js';
import { documentsFlow } from '../flows/documents.js';
import { healthFlow } from '../flows/health.js';
import { helpFlow } from '../flows/help.js';
import { ideasFlow } from '../flows/ideas.js';
import { introductionsFlow } from '../flows/introductions.js';
import { invitationsFlow } from '../flows/invitations.js';
import { linkFlow } from '../flows/link.js';
import { onboardingFlow } from '../flows/onboarding.js';
import { privacyFlow } from '../flows/privacy.js';
import { successesFlow } from '../flows/successes.js';
import { toolkitFlow } from '../flows/toolkit.js';
import { checkConfig, seedDemo, showQueues, USAGE } from './cli.js';
import { ConfigError, loadAllianceConfig } from './config/alliance-config.js';
import { listenHost, loadSettings, type Settings } from './config/env.js';
import { AdapterRegistry } from './core/deliver.js';
import { BotError } from './core/errors.js';
import type { InboundSink } from './core/inbound.js';
import { AllianceDirectory } from './domain/directory.js';
import { chartTokensOf } from './engine/charts.js';
import { Engine } from './engine/engine.js';
import { auditWriter, exportFilesOf } from './engine/privacy.js';
import { FlowRegistry } from './engine/registry.js';
import { calendarRoute } from './http/calendar.js';
import { chartsRoute } from './http/charts.js';
import { exportRoutes } from './http/export-route.js';
import { createHttpServer, listen, type RunningServer } from './http/server.js';
import { unsubscribeRoutes } from './http/unsubscribe.js';
import { createLogger } from './log.js';
import { createSmtpMailer } from './mail/smtp.js';
import { Metrics } from './metrics.js';
import { QueueRuntime, queueLimits } from './queue/runtime.js';
import { createRedis, type RedisClient, redisAnswers, reportErrors, Store } from './store/index.js';

export const FLOWS = [
  helpFlow,
  onboardingFlow,
  introductionsFlow,
  invitationsFlow,
  documentsFlow,
  toolkitFlow,
  linkFlow,
  successesFlow,
  ideasFlow,
  privacyFlow,
  auditFlow,
  commitmentsFlow,
  checkinsFlow,
  healthFlow,
  digestFlow,
];

export interface App {
  engine: Engine;
  store: Store;
  queue: QueueRuntime;
  directory: AllianceDirectory;
  adapters: AdapterRegistry;
  /** The HTTP server, when this process serves the web (serve, all). */
  http: RunningServer | null;
  stop(): Promise<void>;
}

export interface AppRoles {
  /** Serve HTTP: platform webhooks, the web chat, health. */
  web: boolean;
  /** Work the queues: deliveries, reminders, schedules. */
  worker: boolean;
}

/** How long a local web chat request waits for its answers to be delivered. */
const LOCAL_AWAIT_DELIVERY_MS = 5_000;

/** OAuth installs into many workspaces, when SLACK_CLIENT_ID is set (and then all three are needed). */
function slackOAuth(settings: Settings, redis: RedisClient) {
  const {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  } = settings;
  if (!clientId) return undefined;
  if (!clientSecret || !stateSecret) {
    throw new BotError(
      'config_invalid',
      'SLACK_CLIENT_ID is set: SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are needed too',
    );
  }
  return {
    clientId,
    clientSecret,
    stateSecret,
    store: new RedisInstallationStore(redis, settings.REDIS_PREFIX),
  };
}

/** Builds and starts the bot: the web side, the workers, or both (the default). */
export async function startApp(
  settings: Settings,
  log: Logger,
  roles: AppRoles = { web: true, worker: true },
): Promise<App> {
  const config = await loadAllianceConfig(settings.allianceConfigPath);
  const directory = new AllianceDirectory(config);
  const redis = createRedis(settings);
  reportErrors(redis, log, 'store');
  const store = new Store(redis, settings.REDIS_PREFIX);
  for (const alliance of directory.all()) await store.alliances.syncFromConfig(alliance);

  const queue = new QueueRuntime({
    redis: settings,
    prefix: settings.REDIS_PREFIX,
    store,
    directory,
    log,
    limits: queueLimits(settings),
  });
  await queue.settled();
  const adapters = new AdapterRegistry();
  const dispatcher = queue.dispatcher({
    awaitDeliveryMs: settings.localMode ? LOCAL_AWAIT_DELIVERY_MS : 0,
    adapters,
  });
  const flows = new FlowRegistry(FLOWS);
  const metrics = new Metrics(queue);
  // E-mail (invitations to people on neither platform) only where SMTP_URL is set.
  const mailer =
    settings.SMTP_URL && settings.MAIL_FROM
      ? createSmtpMailer({ url: settings.SMTP_URL, from: settings.MAIL_FROM, log })
      : undefined;
  let http: RunningServer | null = null;
  const engine = new Engine({
    mailer,
    telemetry: metrics,
    directory,
    store,
    flows,
    dispatcher,
    adapters,
    log,
    reminders: queue.reminders,
    schedules: queue.schedules,
    // Links to export files: under PUBLIC_URL, or the web chat's own address in local mode.
    linkBase: () =>
      settings.PUBLIC_URL ??
      (settings.localMode && http ? `http://localhost:${http.port}` : undefined),
  });

  // The one inbound path of every adapter: acknowledged events into the journal (a worker
  // hands them to the engine); only what must answer within its request is handled at once.
  const sink: InboundSink = {
    accept: (event) => queue.enqueueInbound(event),
    handle: (event, options) => engine.handle(event, options),
  };

  // Over HTTP with a signing secret, or over Socket Mode without one (src/config/mode.ts).
  if (
    (settings.SLACK_BOT_TOKEN || settings.SLACK_CLIENT_ID) &&
    (settings.SLACK_SIGNING_SECRET || settings.SLACK_APP_TOKEN)
  ) {
    adapters.add(
      createSlackAdapter({
        signingSecret: settings.SLACK_SIGNING_SECRET,
        botToken: settings.SLACK_BOT_TOKEN,
        appToken: settings.SLACK_APP_TOKEN,
        sink,
        oauth: slackOAuth(settings, redis),
        // Installs only from workspaces an alliance accepts; linked channels by home team.
        allowsWorkspace: (workspace) => directory.allowsWorkspace(workspace),
        linkedChannels: directory.all().flatMap((a) => a.channels.slack),
        apiUrl: settings.SLACK_API_URL,
        files: exportFilesOf(store),
        redis,
        prefix: settings.REDIS_PREFIX,
        log,
      }),
    );
  }
  if (settings.TEAMS_APP_ID) {
    adapters.add(
      await createTeamsAdapter({
        appId: settings.TEAMS_APP_ID,
        appPassword: settings.TEAMS_APP_PASSWORD,
        certPemFile: settings.TEAMS_CERT_PEM_FILE,
        certKeyFile: settings.TEAMS_CERT_KEY_FILE,
        tenantId: settings.TEAMS_TENANT_ID,
        appType: settings.TEAMS_APP_TYPE,
        authorityEndpoint: settings.TEAMS_AUTHORITY_ENDPOINT,
        serviceUrlAllow: settings.TEAMS_SERVICE_URL_ALLOW,
        allowsWorkspace: (workspace) => directory.allowsWorkspace(workspace),
        files: exportFilesOf(store),
        sink,
        redis,
        prefix: settings.REDIS_PREFIX,
        log,
      }),
    );
  }
  if (settings.localMode) {
    adapters.add(
      await createLocalAdapter({
        redis,
        keys: store.keys,
        directory,
        sink,
        log,
        host: settings.HOST,
      }),
    );
  }

  if (roles.worker) {
    await engine.start();
    await queue.startWorkers({
      adapters,
      runJob: (job) => engine.runJob(job),
      handleInbound: (event, options) => engine.handle(event, options),
      concurrency: settings.WORKER_CONCURRENCY,
      lockDurationMs: settings.QUEUE_LOCK_MS,
      stalledIntervalMs: settings.QUEUE_STALLED_MS,
      telemetry: metrics,
      mailer,
    });
  }
  if (roles.web) {
    const server = createHttpServer({
      routes: [
        ...adapters.all().flatMap((a) => a.routes()),
        ...exportRoutes(exportFilesOf(store)),
        calendarRoute(calendarFinder(store, directory)),
        chartsRoute((token) => chartTokensOf(store).get(token)),
        ...unsubscribeRoutes(
          digestUnsubscriber(store, directory, (id) => auditWriter(store, id, () => new Date())),
        ),
      ],
      ready: async () =>
        (await redisAnswers(redis))
          ? queue.readiness()
          : { ready: false, reasons: ['Redis does not answer'] },
      metrics: () => metrics.text(),
      metricsToken: settings.METRICS_TOKEN,
      log,
    });
    http = await listen(server, settings.PORT, listenHost(settings));
    for (const adapter of adapters.all()) await adapter.start?.();
  }
  let stopped = false;
  return {
    engine,
    store,
    queue,
    directory,
    adapters,
    http,
    async stop() {
      if (stopped) return;
      stopped = true;
      await http?.close();
      await queue.close();
      for (const adapter of adapters.all()) await adapter.stop?.();
      mailer?.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let shuttingDown = false;
  const handler = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command = 'all', ...rest] = argv;
  if (command === 'check-config') return checkConfig(rest[0]);
  if (command === 'queues') return showQueues();
  if (command === 'seed-demo') return seedDemo(startApp, directConversationOf);
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!['all', 'serve', 'worker'].includes(command)) {
    process.stderr.write(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (error) {
    if (error instanceof BotError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const log = createLogger({
    level: settings.LOG_LEVEL,
    pretty: settings.localMode && process.stdout.isTTY,
  });
  const stops: (() => Promise<void>)[] = [];
  try {
    const roles = { web: command !== 'worker', worker: command !== 'serve' };
    const app = await startApp(settings, log, roles);
    stops.push(() => app.stop());
    if (app.http) {
      const mode = settings.localMode ? 'local mode: web chat' : 'platform mode';
      log.info(
        { host: app.http.host, port: app.http.port, mode },
        `Alliantiebot listens on http://localhost:${app.http.port}/`,
      );
      if (settings.localMode) {
        process.stdout.write(
          `\n  Alliantiebot (local mode) — open http://localhost:${app.http.port}/ in your browser\n\n`,
        );
      }
    }
    if (roles.worker) log.info({ concurrency: settings.WORKER_CONCURRENCY }, 'workers started');
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BotError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  onShutdown(log, async () => {
    for (const stop of stops.reverse()) await stop();
  });
  return -1; // keep running
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
