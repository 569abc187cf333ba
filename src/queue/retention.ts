/**
 * How long failed jobs are kept. A failed job keeps its payload (a message's text, the person
 * it was for, an event a person sent), so it is personal data: kept long enough for an operator
 * to look and retry (`alliance-bot queues`), then removed.
 *
 * Two parts, both here so the period is set in one place (FAILED_JOB_RETENTION_DAYS):
 * - `failedJobRetention(days)`: BullMQ's `removeOnFail` for jobs as they are added. BullMQ
 *   applies it only when another job of the queue fails later, so on its own a quiet queue
 *   keeps its old failures;
 * - `FailedJobCleaner`: run by every worker process, it removes failed jobs older than the
 *   period from every queue (`Queue.clean(grace, limit, 'failed')`, in batches), at start and
 *   then every `everyMs`. It also removes what was added before this existed (`removeOnFail:
 *   false`, kept forever).
 */
import type { KeepJobs, Queue } from 'bullmq';
import type { Logger } from 'pino';

/** Default of FAILED_JOB_RETENTION_DAYS. */
export const DEFAULT_FAILED_JOB_RETENTION_DAYS = 14;

const DAY_SECONDS = 24 * 3600;

/** `removeOnFail` for a job: kept `days` days after it failed, then removed. */
export function failedJobRetention(days = DEFAULT_FAILED_JOB_RETENTION_DAYS): KeepJobs {
  return { age: Math.round(days * DAY_SECONDS) };
}

/** `removeOnFail` with the default period, for options written once (e.g. the outbox's). */
export const FAILED_JOB_RETENTION: KeepJobs = failedJobRetention();

/** How often the cleaner looks (default: every hour). */
export const CLEAN_EVERY_MS = 3600 * 1000;
/** Jobs removed per Queue.clean call (each call is one Lua script; several keep it short). */
const CLEAN_BATCH = 1000;

export interface FailedJobCleanerOptions {
  queues: readonly Queue[];
  /** Failed jobs older than this are removed (FAILED_JOB_RETENTION_DAYS). */
  days: number;
  log: Logger;
  everyMs?: number;
}

export class FailedJobCleaner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(private readonly options: FailedJobCleanerOptions) {}

  /** Cleans once now (in the background) and then every `everyMs`. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.cleanNow().catch((err: unknown) =>
        this.options.log.warn({ err }, 'failed jobs: cleaning failed; tried again later'),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.everyMs ?? CLEAN_EVERY_MS);
    this.timer.unref();
  }

  /** Removes failed jobs past the period from every queue; resolves with how many. */
  cleanNow(now = Date.now()): Promise<number> {
    // One pass at a time per process (a slow pass is not started twice).
    this.running ??= this.pass(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(now: number): Promise<number> {
    // Queue.clean keeps what finished within the grace period (it compares finishedOn).
    const grace = Math.max(0, Math.round(this.options.days * DAY_SECONDS * 1000));
    const shift = Date.now() - now;
    let removed = 0;
    for (const queue of this.options.queues) {
      for (;;) {
        const ids = await queue.clean(Math.max(0, grace + shift), CLEAN_BATCH, 'failed');
        removed += ids.length;
        if (ids.length < CLEAN_BATCH) break;
      }
    }
    if (removed > 0) {
      this.options.log.info(
        { removed, days: this.options.days },
        'failed jobs past their retention removed',
      );
    }
    return removed;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}

/** Default of ACTIVITY_RETENTION_DAYS: the activity history is kept two years. */
export const DEFAULT_ACTIVITY_RETENTION_DAYS = 730;

/** How often the activity history is trimmed (daily). */
export const TRIM_EVERY_MS = 24 * 3600 * 1000;

export interface HistoryTrimmerOptions {
  redis: { xtrim(key: string, strategy: 'MINID', threshold: string): Promise<number> };
  /** Every alliance's activity stream and audit stream. */
  streams: () => readonly { activity: string; audit: string }[];
  /** ACTIVITY_RETENTION_DAYS. */
  activityDays: number;
  /** The audit trail's period (AUDIT_RETENTION_DAYS, longer than the activity's). */
  auditDays: number;
  log: Logger;
  everyMs?: number;
}

/**
 * Trims the activity history of every alliance to ACTIVITY_RETENTION_DAYS (XTRIM MINID: the
 * stream ids are times), and the audit trail to its own, longer period (never shorter than the
 * activity's). Run by every worker process at start and then daily; trimming twice is harmless.
 */
export class HistoryTrimmer {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: HistoryTrimmerOptions) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.trimNow().catch((err: unknown) =>
        this.options.log.warn({ err }, 'activity history: trimming failed; tried again later'),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.everyMs ?? TRIM_EVERY_MS);
    this.timer.unref();
  }

  /** Trims once; resolves with how many entries went. */
  async trimNow(now = Date.now()): Promise<number> {
    const { activityDays } = this.options;
    const auditDays = Math.max(this.options.auditDays, activityDays + 1);
    const before = (days: number) => String(Math.max(0, now - days * DAY_SECONDS * 1000));
    let removed = 0;
    for (const s of this.options.streams()) {
      removed += await this.options.redis.xtrim(s.activity, 'MINID', before(activityDays));
      removed += await this.options.redis.xtrim(s.audit, 'MINID', before(auditDays));
    }
    if (removed > 0)
      this.options.log.info({ removed, activityDays }, 'history past retention trimmed');
    return removed;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
