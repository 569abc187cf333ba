/**
 * Recurring schedules (check-ins, digests), one per alliance and schedule id, in the
 * alliance's time zone, so they fire at the same local time across daylight-saving changes.
 * Upserting replaces, never doubles.
 *
 * Two kinds:
 * - a cron pattern: a BullMQ job scheduler (`pattern` with `tz`);
 * - an RRULE series (src/domain/cadence.ts), for what cron cannot say — every other week,
 *   every four weeks, the second Tuesday of the month: its definition is kept in a hash next
 *   to the queue, and one delayed job waits for its next occurrence. When that job runs, the
 *   worker first plans the one after it (`advance`), then hands it to the flow with
 *   `occurrenceAt`. Each upsert makes a new generation: a job of an older generation (the
 *   schedule was changed or stopped while it waited) is dropped when it comes up. Occurrences
 *   are computed from an injectable clock, so a test can walk a series through a DST change
 *   with the real workers.
 */
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { ScheduleInfo, ScheduleRequest, Schedules } from '../core/jobs.js';
import { isSeriesRule, nextOccurrence } from '../domain/cadence.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { RedisClient } from '../store/redis.js';
import { jobIdFor, type ScheduleJob } from './jobs.js';

const SEPARATOR = '--';

const JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'jitter' },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** An RRULE schedule as kept in the hash: the request, its generation and what waits. */
const SeriesSchedulerSchema = z.object({
  allianceId: z.string().min(1),
  id: z.string().min(1),
  flow: z.string().min(1),
  kind: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  rrule: z.string().min(1),
  startDate: z.iso.datetime().optional(),
  endDate: z.iso.datetime().optional(),
  generation: z.number().int().min(1),
  /** The occurrence the waiting job is for (none: the series has ended). */
  next: z.iso.datetime().optional(),
  jobId: z.string().optional(),
});
type SeriesScheduler = z.infer<typeof SeriesSchedulerSchema>;

/** Sets a hash field only if it still holds what was read ('' for absent). */
const CAS_FIELD = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current == false then current = '' end
if current ~= ARGV[3] then return 0 end
if ARGV[2] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`;

export interface Occurrence {
  scheduler: string;
  generation: number;
  at: string;
}

export interface QueueSchedulesOptions {
  /** Where RRULE schedules keep their definitions; the queue's own connection by default. */
  redis?: RedisClient;
  /** The time RRULE schedules plan from (a test moves it). */
  clock?: () => Date;
}

export class QueueSchedules implements Schedules {
  private readonly clock: () => Date;
  private readonly redis: RedisClient | undefined;

  constructor(
    private readonly queue: Queue,
    private readonly directory: AllianceDirectory,
    options: QueueSchedulesOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    const own = queue.opts.connection as Partial<RedisClient> | undefined;
    this.redis =
      options.redis ?? (typeof own?.hget === 'function' ? (own as RedisClient) : undefined);
  }

  private get client(): RedisClient {
    if (!this.redis) throw new TypeError('RRULE schedules need a Redis connection');
    return this.redis;
  }

  schedulerId(allianceId: string, id: string): string {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id) || id.includes(SEPARATOR)) {
      throw new TypeError(`schedule ids are slugs without "--": ${JSON.stringify(id)}`);
    }
    return `${allianceId}${SEPARATOR}${id}`;
  }

  private timeZone(allianceId: string): string {
    const alliance = this.directory.get(allianceId);
    if (!alliance) throw new TypeError(`unknown alliance ${allianceId}`);
    return alliance.timeZone;
  }

  async upsert(allianceId: string, schedule: ScheduleRequest): Promise<Date | null> {
    const schedulerId = this.schedulerId(allianceId, schedule.id);
    if (schedule.rrule !== undefined) return this.upsertSeries(allianceId, schedule);
    if (!schedule.cron) throw new TypeError(`schedule ${schedule.id} has neither cron nor rrule`);
    await this.dropSeries(schedulerId);
    const data: ScheduleJob = {
      allianceId,
      flow: schedule.flow,
      kind: schedule.kind,
      data: schedule.data ?? {},
    };
    await this.queue.upsertJobScheduler(
      schedulerId,
      {
        pattern: schedule.cron,
        tz: this.timeZone(allianceId),
        ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
        ...(schedule.endDate ? { endDate: schedule.endDate } : {}),
      },
      { name: schedule.kind, data, opts: JOB_OPTIONS },
    );
    const scheduler = await this.queue.getJobScheduler(schedulerId);
    return scheduler?.next ? new Date(scheduler.next) : null;
  }

  async remove(allianceId: string, id: string): Promise<boolean> {
    const schedulerId = this.schedulerId(allianceId, id);
    const cron = await this.queue.removeJobScheduler(schedulerId);
    const series = await this.dropSeries(schedulerId);
    return cron || series;
  }

  async list(allianceId: string): Promise<ScheduleInfo[]> {
    const prefix = `${allianceId}${SEPARATOR}`;
    const all = await this.queue.getJobSchedulers(0, -1, true);
    const cron = all
      .filter((s) => s.key.startsWith(prefix))
      .map((s) => ({
        id: s.key.slice(prefix.length),
        cron: s.pattern ?? '',
        timeZone: s.tz ?? this.timeZone(allianceId),
        next: s.next ? new Date(s.next) : null,
      }));
    const raw = await this.client.hgetall(this.seriesKey());
    const series = Object.entries(raw)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, value]) => SeriesSchedulerSchema.parse(JSON.parse(value)))
      .map((s) => ({
        id: s.id,
        cron: '',
        rrule: s.rrule,
        timeZone: this.timeZone(allianceId),
        next: s.next ? new Date(s.next) : null,
      }));
    return [...cron, ...series].sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * An occurrence of an RRULE schedule came up: plans the next one (once, also when this job
   * is retried) and says whether this one still counts (false: the schedule was changed or
   * removed since it was planned).
   */
  async advance(occurrence: Occurrence): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { def, raw } = await this.readSeries(occurrence.scheduler);
      if (!def || def.generation !== occurrence.generation) return false;
      if (def.next && def.next > occurrence.at) return true; // planned already (a retry)
      const next = this.nextOf(def, new Date(occurrence.at));
      const planned = await this.plan(def, next, raw);
      if (planned) return true;
    }
    throw new Error(`schedule ${occurrence.scheduler} kept changing`);
  }

  private seriesKey(): string {
    return this.queue.toKey('rrule-schedulers');
  }

  private async readSeries(
    schedulerId: string,
  ): Promise<{ def: SeriesScheduler | null; raw: string }> {
    const raw = (await this.client.hget(this.seriesKey(), schedulerId)) ?? '';
    return { def: raw ? SeriesSchedulerSchema.parse(JSON.parse(raw)) : null, raw };
  }

  private async writeSeries(schedulerId: string, value: string, expected: string) {
    const done = await this.client.eval(
      CAS_FIELD,
      1,
      this.seriesKey(),
      schedulerId,
      value,
      expected,
    );
    return Number(done) === 1;
  }

  /** The first occurrence after `after`, within the schedule's start and end. */
  private nextOf(def: SeriesScheduler, after: Date): Date | null {
    const start = def.startDate ? new Date(new Date(def.startDate).getTime() - 1) : undefined;
    const from = start && start > after ? start : after;
    const next = nextOccurrence(def.rrule, this.timeZone(def.allianceId), from);
    if (!next || (def.endDate && next > new Date(def.endDate))) return null;
    return next;
  }

  /**
   * Adds the job for `next` (when there is one), then records it, if the definition is still
   * what was read; otherwise takes the job back and says so. The job comes first: a process
   * that dies in between leaves a job whose run plans on, never a series without one.
   */
  private async plan(def: SeriesScheduler, next: Date | null, expected: string) {
    const schedulerId = this.schedulerId(def.allianceId, def.id);
    const at = next?.toISOString();
    const jobId = at ? jobIdFor('s', `${schedulerId}#${def.generation}@${at}`) : undefined;
    if (at && jobId) {
      const data: ScheduleJob = {
        allianceId: def.allianceId,
        flow: def.flow,
        kind: def.kind,
        data: def.data,
        occurrence: { scheduler: schedulerId, generation: def.generation, at },
      };
      const delay = Math.max(0, new Date(at).getTime() - this.clock().getTime());
      await this.queue.add(def.kind, data, { ...JOB_OPTIONS, jobId, delay });
    }
    const { next: _n, jobId: _j, ...rest } = def;
    const value = JSON.stringify({ ...rest, ...(at ? { next: at, jobId } : {}) });
    if (await this.writeSeries(schedulerId, value, expected)) return true;
    if (jobId) await this.removeWaiting(jobId);
    return false;
  }

  private async upsertSeries(allianceId: string, schedule: ScheduleRequest): Promise<Date | null> {
    const rule = schedule.rrule ?? '';
    if (!isSeriesRule(rule)) throw new TypeError(`not a series rule: ${JSON.stringify(rule)}`);
    const schedulerId = this.schedulerId(allianceId, schedule.id);
    await this.queue.removeJobScheduler(schedulerId);
    for (let attempt = 0; attempt < 20; attempt++) {
      const { def: previous, raw } = await this.readSeries(schedulerId);
      const def: SeriesScheduler = {
        allianceId,
        id: schedule.id,
        flow: schedule.flow,
        kind: schedule.kind,
        data: schedule.data ?? {},
        rrule: rule,
        ...(schedule.startDate ? { startDate: schedule.startDate.toISOString() } : {}),
        ...(schedule.endDate ? { endDate: schedule.endDate.toISOString() } : {}),
        generation: (previous?.generation ?? 0) + 1,
      };
      const next = this.nextOf(def, this.clock());
      if (await this.plan(def, next, raw)) {
        if (previous?.jobId) await this.removeWaiting(previous.jobId);
        return next;
      }
    }
    throw new Error(`schedule ${schedulerId} kept changing`);
  }

  private async dropSeries(schedulerId: string): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { def, raw } = await this.readSeries(schedulerId);
      if (!def) return false;
      if (await this.writeSeries(schedulerId, '', raw)) {
        if (def.jobId) await this.removeWaiting(def.jobId);
        return true;
      }
    }
    throw new Error(`schedule ${schedulerId} kept changing`);
  }

  /** Removes a job that has not started (one that runs finds its generation gone). */
  private async removeWaiting(jobId: string): Promise<void> {
    const job = await this.queue.getJob(jobId);
    if (!job) return;
    const state = await job.getState();
    if (state === 'delayed' || state === 'waiting' || state === 'prioritized') await job.remove();
  }
}
