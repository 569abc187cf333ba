/**
 * The ports flows use to act later: reminders (one-off, delayed, cancelled or moved when what
 * they remind about changes) and recurring schedules (check-ins, digests) in the alliance's
 * time zone. src/queue implements them with BullMQ; flows never see the queue.
 */
export interface ReminderRequest {
  /** Unique within the alliance; scheduling the same id again moves the reminder. */
  id: string;
  /** The flow whose `onReminder` handles it. */
  flow: string;
  kind: string;
  at: Date;
  data?: Record<string, unknown>;
}

export interface Reminders {
  /** Schedules a reminder, or moves it when one with this id is already waiting. */
  schedule(allianceId: string, reminder: ReminderRequest): Promise<void>;
  /** Cancels a waiting reminder; false when there was none. */
  cancel(allianceId: string, id: string): Promise<boolean>;
}

export interface ScheduleRequest {
  /** Unique within the alliance; upserting the same id replaces the schedule. */
  id: string;
  flow: string;
  kind: string;
  /**
   * A cron pattern in the alliance's local time, e.g. `0 10 * * 1` (Mondays 10:00). Either
   * this or `rrule`.
   */
  cron?: string;
  /**
   * An iCalendar series in the alliance's local time (src/domain/cadence.ts):
   * `DTSTART:20270315T100000\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO` — what cron cannot say
   * (every other week, the second Tuesday of the month). Each occurrence's job gets
   * `occurrenceAt` (ISO) in its data.
   */
  rrule?: string;
  data?: Record<string, unknown>;
  startDate?: Date;
  endDate?: Date;
}

export interface ScheduleInfo {
  id: string;
  /** The cron pattern; empty for an RRULE schedule. */
  cron: string;
  rrule?: string;
  timeZone: string;
  /** The next time it fires, if known. */
  next: Date | null;
}

export interface Schedules {
  /** Creates or replaces a schedule; never doubles it. Returns the next firing time. */
  upsert(allianceId: string, schedule: ScheduleRequest): Promise<Date | null>;
  remove(allianceId: string, id: string): Promise<boolean>;
  list(allianceId: string): Promise<ScheduleInfo[]>;
}

/** A due reminder or a fired schedule, as the queue hands it to the engine. */
export interface JobRun {
  allianceId: string;
  flow: string;
  kind: string;
  data: Record<string, unknown>;
  /** Stable per job occurrence: the idempotency keys of what it sends derive from it. */
  key: string;
  type: 'reminder' | 'schedule';
}
