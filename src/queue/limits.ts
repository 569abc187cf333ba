/**
 * The queue's bounds and retention from the settings: how long the inbound journal may grow and
 * wait, how long failed jobs and the activity history are kept, and how long an unanswered send
 * holds its pacing slot.
 */

/** INBOUND_JOURNAL_MAX_LENGTH, READY_MAX_BACKLOG_SECONDS and FAILED_JOB_RETENTION_DAYS. */
export interface QueueLimits {
  /** Appends to the inbound journal are refused past this many entries. */
  journalMaxLength?: number;
  /** /readyz answers 503 once the journal's oldest entry waited longer (0: no limit). */
  maxBacklogSeconds?: number;
  /** Failed jobs are removed this many days after they failed. */
  failedJobRetentionDays?: number;
  /** The activity history is trimmed to this many days (ACTIVITY_RETENTION_DAYS). */
  activityRetentionDays?: number;
  /** A send without an answer holds its pacing slot this long (QUEUE_PENDING_MS). */
  pendingMs?: number;
}

/** The limits from the settings (src/config/env.ts). */
export function queueLimits(settings: {
  INBOUND_JOURNAL_MAX_LENGTH: number;
  READY_MAX_BACKLOG_SECONDS: number;
  FAILED_JOB_RETENTION_DAYS: number;
  ACTIVITY_RETENTION_DAYS?: number;
  QUEUE_PENDING_MS: number;
}): QueueLimits {
  return {
    journalMaxLength: settings.INBOUND_JOURNAL_MAX_LENGTH,
    maxBacklogSeconds: settings.READY_MAX_BACKLOG_SECONDS,
    failedJobRetentionDays: settings.FAILED_JOB_RETENTION_DAYS,
    ...(settings.ACTIVITY_RETENTION_DAYS
      ? { activityRetentionDays: settings.ACTIVITY_RETENTION_DAYS }
      : {}),
    pendingMs: settings.QUEUE_PENDING_MS,
  };
}

/** Default of READY_MAX_BACKLOG_SECONDS. */
export const DEFAULT_MAX_BACKLOG_SECONDS = 60;

/** Jobs per inbound lane (one BullMQ worker each, with a blocking connection of its own). */
export const INBOUND_LANE_SIZE = 4;

/** The inbound concurrency split into lanes of at most INBOUND_LANE_SIZE: 10 → [4, 3, 3]. */
export function inboundLanes(concurrency: number): number[] {
  const lanes = Math.max(1, Math.ceil(concurrency / INBOUND_LANE_SIZE));
  return Array.from(
    { length: lanes },
    (_, i) => Math.floor(concurrency / lanes) + (i < concurrency % lanes ? 1 : 0),
  );
}
