/**
 * The job queue runtime: the BullMQ queues (delivery, reminders, schedules), the reminder and
 * schedule services flows use, the outbox dispatcher, and the workers. Queue keys carry a
 * hash tag (`{alliantiebot}`) so every queue lives in one Redis Cluster slot.
 */
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { AdapterRegistry } from '../core/deliver.js';
import { type InboundEvent, InboundEventSchema } from '../core/events.js';
import { RetryableEventError } from '../core/inbound.js';
import type { JobRun } from '../core/jobs.js';
import type { Mailer } from '../core/mail.js';
import type { Telemetry } from '../core/telemetry.js';
import type { AllianceDirectory } from '../domain/directory.js';
import { AUDIT_RETENTION_DAYS } from '../store/audit.js';
import type { Store } from '../store/index.js';
import { createRedis, type RedisSettings, reportErrors } from '../store/redis.js';
import { createDeliveryProcessor, jitterBackoff } from './delivery-worker.js';
import { jobIdFor, QUEUES, ReminderJobSchema, ScheduleJobSchema } from './jobs.js';
import {
  type BacklogLimits,
  backlogProblem,
  type EventKey,
  InboundJournal,
  type JournalBacklog,
  JournalPump,
} from './journal.js';
import { DeliveryLedger } from './ledger.js';
import { DeliveryLimiter } from './limiter.js';
import { DEFAULT_MAX_BACKLOG_SECONDS, inboundLanes, type QueueLimits } from './limits.js';
import { OutboxDispatcher, type OutboxOptions } from './outbox.js';
import { queuePersonalData } from './personal-data.js';
import { QueueReminders } from './reminders.js';
import {
  DEFAULT_ACTIVITY_RETENTION_DAYS,
  DEFAULT_FAILED_JOB_RETENTION_DAYS,
  FailedJobCleaner,
  HistoryTrimmer,
} from './retention.js';
import { QueueSchedules } from './schedules.js';

export { DEFAULT_MAX_BACKLOG_SECONDS, type QueueLimits, queueLimits } from './limits.js';

export interface QueueRuntimeOptions {
  redis: RedisSettings;
  /** Key prefix of the deployment (REDIS_PREFIX); the queues add their hash tag to it. */
  prefix: string;
  store: Store;
  directory: AllianceDirectory;
  log: Logger;
  /** Bounds and retention; see queueLimits. */
  limits?: QueueLimits;
  /** The time RRULE schedules plan their next occurrence from (tests control it). */
  clock?: () => Date;
}

/** /metrics reads the queues at most this often; scrapes in between get the same figures. */
export const SNAPSHOT_MAX_AGE_MS = 5000;

/** What /metrics shows of the queues: job counts per queue and state, and the journal. */
export interface QueueSnapshot {
  at: number;
  counts: { queue: string; state: string; jobs: number }[];
  journal: JournalBacklog;
}

/** /readyz: ready or not, and why not. */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

export interface WorkerOptions {
  adapters: AdapterRegistry;
  runJob: (job: JobRun) => Promise<void>;
  /** Handles a platform event that was acknowledged first and queued (the engine). */
  handleInbound?: (event: InboundEvent, options: { lastAttempt: boolean }) => Promise<unknown>;
  concurrency: number;
  /** Claim on an active job (renewed while it runs); see QUEUE_LOCK_MS. */
  lockDurationMs?: number;
  /** How often to look for stalled jobs; see QUEUE_STALLED_MS. */
  stalledIntervalMs?: number;
  telemetry?: Telemetry;
  /** E-mail, for a private answer no platform could deliver (SMTP_URL). */
  mailer?: Mailer | undefined;
  /** Journal entries left pending this long by a dead pump are taken over (default 30 s). */
  journalClaimIdleMs?: number;
  /** How long the pump's read waits for new entries before it looks again (default 2 s). */
  journalBlockMs?: number;
  /** How often the failed-job cleaner runs (default hourly; see retention.ts). */
  cleanFailedEveryMs?: number;
}

const BACKOFF = {
  backoffStrategy: (attemptsMade: number, type?: string) =>
    type === 'jitter' ? jitterBackoff(attemptsMade) : 1000,
};

export class QueueRuntime {
  readonly connection;
  readonly prefix: string;
  readonly inbound: Queue;
  readonly delivery: Queue;
  readonly reminderQueue: Queue;
  readonly scheduleQueue: Queue;
  readonly reminders: QueueReminders;
  readonly schedules: QueueSchedules;
  readonly ledger: DeliveryLedger;
  /** Where acknowledged platform events wait for the pump (see journal.ts). */
  readonly journal: InboundJournal;
  private pump: JournalPump | undefined;
  private cleaner: FailedJobCleaner | undefined;
  private trimmer: HistoryTrimmer | undefined;
  private workers: Worker[] = [];
  private snapshotCache: { at: number; value: Promise<QueueSnapshot> } | undefined;

  constructor(private readonly options: QueueRuntimeOptions) {
    this.connection = createRedis(options.redis, {
      maxRetriesPerRequest: null,
      // BullMQ blocks on its connections' duplicates: no command may queue behind that.
      enableAutoPipelining: false,
    });
    this.prefix = `${options.prefix}{alliantiebot}`;
    const common = { connection: this.connection, prefix: this.prefix };
    this.inbound = new Queue(QUEUES.inbound, common);
    this.delivery = new Queue(QUEUES.delivery, common);
    this.reminderQueue = new Queue(QUEUES.reminders, common);
    this.scheduleQueue = new Queue(QUEUES.schedules, common);
    reportErrors(this.connection, options.log, 'queue');
    for (const q of this.queues()) reportErrors(q, options.log, `queue ${q.name}`);
    this.reminders = new QueueReminders(this.reminderQueue);
    this.schedules = new QueueSchedules(this.scheduleQueue, options.directory, {
      redis: this.connection,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.ledger = new DeliveryLedger(options.store.redis, options.store.keys);
    // What the queue keeps about people, for the privacy flow's export and erasure.
    options.store.personalDataRegistry.add(
      queuePersonalData(options.store.redis, options.store.keys, () => this.queues(), this.prefix),
    );
    // Appends go through the store's connection, which gives up after a few retries: with
    // Redis gone a webhook fails fast (the platform retries it) instead of hanging.
    this.journal = new InboundJournal(options.store.redis, `${this.prefix}:inbound-journal`, {
      ...(options.limits?.journalMaxLength ? { maxLength: options.limits.journalMaxLength } : {}),
    });
  }

  queues(): Queue[] {
    return [this.inbound, this.delivery, this.reminderQueue, this.scheduleQueue];
  }

  /**
   * Resolves once every queue has connected and written its meta key (BullMQ does that on
   * its own after construction): a started app writes nothing to Redis afterwards unless
   * asked to.
   */
  async settled(): Promise<void> {
    await Promise.all(
      this.queues().map(async (q) => {
        await q.waitUntilReady();
        await (q as unknown as { queueMetaInitialized?: Promise<void> }).queueMetaInitialized;
      }),
    );
  }

  /**
   * Makes a platform event safe for the engine: one append to the inbound journal. The
   * adapter acknowledges the platform once this returns; the pump in a worker process moves
   * it into the inbound queue, where a retried delivery of the same event adds no second job.
   */
  async enqueueInbound(event: InboundEvent): Promise<void> {
    await this.journal.append(event);
  }

  /** The inbound queue's options for one event: its id from the platform's event id. */
  private inboundJobOptions(key: EventKey | undefined) {
    return {
      ...(key ? { jobId: jobIdFor('i', `${key.platform}:${key.eventId}`) } : {}),
      attempts: 5,
      backoff: { type: 'jitter' },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /** The pacing shared by every worker (an unanswered send holds its slot QUEUE_PENDING_MS). */
  private limiter(): DeliveryLimiter {
    const { store, limits } = this.options;
    return new DeliveryLimiter(store.redis, store.keys.prefix, {
      ...(limits?.pendingMs ? { maxPendingMs: limits.pendingMs } : {}),
    });
  }

  /**
   * The outbox dispatcher. Given the adapters, it sends interactive answers at once, paced by
   * the same limiter as the delivery workers; without them it queues everything.
   */
  dispatcher(options: OutboxOptions = {}): OutboxDispatcher {
    const { log } = this.options;
    return new OutboxDispatcher(this.delivery, this.ledger, {
      limiter: this.limiter(),
      log,
      ...options,
    });
  }

  /**
   * Starts the workers: delivery, reminders and schedules, `concurrency` jobs each; with
   * `handleInbound`, also the inbound worker and the journal pump that feeds it.
   */
  async startWorkers(options: WorkerOptions): Promise<void> {
    const { store, directory, log } = this.options;
    const common = {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: options.concurrency,
      settings: BACKOFF,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 15_000,
      maxStalledCount: 2,
    };
    const deliver = createDeliveryProcessor({
      adapters: options.adapters,
      ledger: this.ledger,
      limiter: this.limiter(),
      queue: this.delivery,
      store,
      directory,
      log,
      ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      mailer: options.mailer,
    });
    const reminders = async (job: { id?: string | undefined; data: unknown }) => {
      const r = ReminderJobSchema.parse(job.data);
      // The reminder's id with the time it was due: the same id scheduled again fires again,
      // with new keys for what it sends.
      const at = r.at ?? String((job as { timestamp?: number }).timestamp ?? 0);
      await options.runJob({
        ...r,
        key: `reminder:${r.allianceId}:${r.id}@${at}`,
        type: 'reminder',
      });
    };
    const schedules = async (job: { id?: string | undefined; data: unknown }) => {
      const { occurrence, ...s } = ScheduleJobSchema.parse(job.data);
      // An RRULE occurrence plans the next one first; one of a changed schedule is dropped.
      if (occurrence && !(await this.schedules.advance(occurrence))) return;
      const data = occurrence ? { ...s.data, occurrenceAt: occurrence.at } : s.data;
      await options.runJob({ ...s, data, key: `schedule:${job.id}`, type: 'schedule' });
    };
    const handleInbound = options.handleInbound;
    this.workers = [
      new Worker(QUEUES.delivery, deliver, common),
      new Worker(QUEUES.reminders, reminders, common),
      new Worker(QUEUES.schedules, schedules, common),
    ];
    if (handleInbound) {
      const inbound = async (job: Job, token?: string) => {
        // An event this version cannot read stays unreadable: failed at once, kept in the
        // failed set (`alliance-bot queues`), not retried.
        const parsed = InboundEventSchema.safeParse(job.data);
        if (!parsed.success)
          throw new UnrecoverableError(`unreadable event: ${parsed.error.message}`);
        const event = parsed.data;
        const attempts = job.opts.attempts ?? 1;
        try {
          await handleInbound(event, { lastAttempt: job.attemptsMade + 1 >= attempts });
        } catch (error) {
          // A person still busy with their previous event: this one waits its turn, without
          // using up an attempt; an internal failure is retried with backoff (the error).
          if (error instanceof RetryableEventError && error.code === 'busy') {
            await job.moveToDelayed(Date.now() + 250 + Math.floor(Math.random() * 250), token);
            throw new DelayedError();
          }
          throw error;
        }
      };
      // Lanes of a few jobs each: one BullMQ worker with every slot looks for new jobs only
      // when one of its jobs ends once it found the queue empty, so a burst arriving in
      // batches waited for the first answers; an idle lane takes them at once.
      for (const lane of inboundLanes(options.concurrency)) {
        this.workers.push(new Worker(QUEUES.inbound, inbound, { ...common, concurrency: lane }));
      }
      this.pump = new JournalPump({
        redis: this.connection,
        key: this.journal.key,
        queue: this.inbound,
        jobOptions: (key) => this.inboundJobOptions(key),
        log,
        ...(options.journalClaimIdleMs ? { claimIdleMs: options.journalClaimIdleMs } : {}),
        ...(options.journalBlockMs ? { blockMs: options.journalBlockMs } : {}),
      });
      await this.pump.start();
    }
    // Failed jobs carry personal data: removed after FAILED_JOB_RETENTION_DAYS (retention.ts).
    this.cleaner = new FailedJobCleaner({
      queues: this.queues(),
      days: this.options.limits?.failedJobRetentionDays ?? DEFAULT_FAILED_JOB_RETENTION_DAYS,
      log,
      ...(options.cleanFailedEveryMs ? { everyMs: options.cleanFailedEveryMs } : {}),
    });
    this.cleaner.start();
    // The activity history is kept ACTIVITY_RETENTION_DAYS, the audit trail longer (retention.ts).
    this.trimmer = new HistoryTrimmer({
      redis: store.redis,
      streams: () =>
        directory
          .all()
          .map((a) => ({ activity: store.keys.activity(a.id), audit: store.keys.audit(a.id) })),
      activityDays: this.options.limits?.activityRetentionDays ?? DEFAULT_ACTIVITY_RETENTION_DAYS,
      auditDays: AUDIT_RETENTION_DAYS,
      log,
    });
    this.trimmer.start();
    for (const worker of this.workers) {
      worker.on('failed', (job, err) =>
        log.warn(
          { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err },
          'job failed',
        ),
      );
      worker.on('error', (err) => log.error({ queue: worker.name, err }, 'worker error'));
    }
  }

  /** True when Redis answers for the queues. */
  async ready(): Promise<boolean> {
    try {
      await this.delivery.getJobCounts('waiting');
      return true;
    } catch {
      return false;
    }
  }

  /**
   * For /readyz: the queues answer, and the inbound journal is neither full nor holding an
   * entry older than READY_MAX_BACKLOG_SECONDS (the workers are gone or far behind).
   */
  async readiness(): Promise<Readiness> {
    if (!(await this.ready())) return { ready: false, reasons: ['the queues do not answer'] };
    const limits: BacklogLimits = {
      maxAgeSeconds: this.options.limits?.maxBacklogSeconds ?? DEFAULT_MAX_BACKLOG_SECONDS,
    };
    try {
      const problem = backlogProblem(await this.journal.backlog(), limits);
      return problem ? { ready: false, reasons: [problem] } : { ready: true, reasons: [] };
    } catch {
      return { ready: false, reasons: ['the inbound journal does not answer'] };
    }
  }

  /**
   * Job counts and the journal's backlog for /metrics, read at most every `maxAgeMs`
   * (scrapes in between, from any number of scrapers, share one reading).
   */
  snapshot(maxAgeMs = SNAPSHOT_MAX_AGE_MS): Promise<QueueSnapshot> {
    const now = Date.now();
    const cached = this.snapshotCache;
    if (cached && now - cached.at < maxAgeMs) return cached.value;
    const value = this.readSnapshot(now);
    this.snapshotCache = { at: now, value };
    // A failed reading is not kept: the next scrape tries again.
    value.catch(() => {
      if (this.snapshotCache?.value === value) this.snapshotCache = undefined;
    });
    return value;
  }

  private async readSnapshot(now: number): Promise<QueueSnapshot> {
    const states = ['waiting', 'active', 'delayed', 'failed'] as const;
    const [journal, ...perQueue] = await Promise.all([
      this.journal.backlog(now),
      ...this.queues().map((q) => q.getJobCounts(...states)),
    ]);
    const counts = this.queues().flatMap((q, i) =>
      states.map((state) => ({ queue: q.name, state, jobs: perQueue[i]?.[state] ?? 0 })),
    );
    counts.push(
      {
        queue: 'inbound-journal',
        state: 'waiting',
        jobs: Math.max(0, journal.length - journal.moving),
      },
      { queue: 'inbound-journal', state: 'active', jobs: journal.moving },
    );
    return { at: now, counts, journal };
  }

  /** Finishes active jobs (or hands them back) and closes every connection. */
  async close(): Promise<void> {
    await this.cleaner?.stop();
    this.trimmer?.stop();
    await this.pump?.stop();
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.queues().map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
