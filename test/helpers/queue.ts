/**
 * A real queue runtime for tests: real Redis under a fresh prefix, the example alliance
 * config, and the adapters the test hands it. `stop()` closes everything and deletes the keys.
 */
import { pino } from 'pino';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import type { PlatformAdapter } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import type { InboundEvent } from '../../src/core/events.js';
import type { JobRun } from '../../src/core/jobs.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { QueueRuntime } from '../../src/queue/runtime.js';
import { Store } from '../../src/store/index.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from './redis.js';

export interface TestQueue {
  runtime: QueueRuntime;
  store: Store;
  directory: AllianceDirectory;
  prefix: string;
  jobs: JobRun[];
  stop(): Promise<void>;
}

export async function startTestQueue(
  adapters: PlatformAdapter[],
  options: {
    workers?: boolean;
    concurrency?: number;
    runJob?: (job: JobRun) => Promise<void>;
    /** Runs the inbound worker and the journal pump with this handler. */
    handleInbound?: (event: InboundEvent) => Promise<unknown>;
    journalClaimIdleMs?: number;
    journalBlockMs?: number;
  } = {},
): Promise<TestQueue> {
  const prefix = freshPrefix('queue');
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
  const redis = testRedis();
  const store = new Store(redis, prefix);
  const runtime = new QueueRuntime({ redis: REDIS_SETTINGS, prefix, store, directory, log });
  const jobs: JobRun[] = [];
  if (options.workers !== false) {
    await runtime.startWorkers({
      adapters: new AdapterRegistry(adapters),
      concurrency: options.concurrency ?? 20,
      ...(options.handleInbound ? { handleInbound: options.handleInbound } : {}),
      ...(options.journalClaimIdleMs ? { journalClaimIdleMs: options.journalClaimIdleMs } : {}),
      ...(options.journalBlockMs ? { journalBlockMs: options.journalBlockMs } : {}),
      runJob:
        options.runJob ??
        (async (job) => {
          jobs.push(job);
        }),
    });
  }
  return {
    runtime,
    store,
    directory,
    prefix,
    jobs,
    async stop() {
      await runtime.close();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** No e-mail job and no delivery waiting or running: what was queued so far has gone out. */
export async function mailJobsDone(
  queue: Pick<QueueRuntime, 'reminderQueue' | 'delivery'>,
): Promise<true | string> {
  const { reminderQueue, delivery } = queue;
  const states = ['waiting', 'delayed', 'active'] as const;
  const mails = (await reminderQueue.getJobs([...states])).filter(
    (j) => j.name === 'personal-mail' || j.name === 'mail',
  ).length;
  const sends = (await delivery.getJobs([...states])).length;
  return mails + sends === 0 ? true : `${mails} e-mail jobs and ${sends} deliveries to go`;
}

/** Polls until the check passes or the time is up (then throws with the last reason). */
export async function eventually(
  check: () => Promise<true | string> | true | string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: true | string = 'never checked';
  while (Date.now() < deadline) {
    last = await check();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out: ${last}`);
}
