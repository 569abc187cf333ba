/**
 * Recurring schedules (check-ins, digests) as BullMQ job schedulers, one per alliance and
 * schedule id, with cron patterns in the alliance's time zone, so they fire at the same
 * local time across daylight-saving changes. Upserting replaces, never doubles.
 */
import type { Queue } from 'bullmq';
import type { ScheduleInfo, ScheduleRequest, Schedules } from '../core/jobs.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { ScheduleJob } from './jobs.js';

const SEPARATOR = '--';

export class QueueSchedules implements Schedules {
  constructor(
    private readonly queue: Queue,
    private readonly directory: AllianceDirectory,
  ) {}

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
    const data: ScheduleJob = {
      allianceId,
      flow: schedule.flow,
      kind: schedule.kind,
      data: schedule.data ?? {},
    };
    const schedulerId = this.schedulerId(allianceId, schedule.id);
    await this.queue.upsertJobScheduler(
      schedulerId,
      {
        pattern: schedule.cron,
        tz: this.timeZone(allianceId),
        ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
        ...(schedule.endDate ? { endDate: schedule.endDate } : {}),
      },
      {
        name: schedule.kind,
        data,
        opts: {
          attempts: 5,
          backoff: { type: 'jitter' },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: { age: 30 * 24 * 3600 },
        },
      },
    );
    const scheduler = await this.queue.getJobScheduler(schedulerId);
    return scheduler?.next ? new Date(scheduler.next) : null;
  }

  async remove(allianceId: string, id: string): Promise<boolean> {
    return this.queue.removeJobScheduler(this.schedulerId(allianceId, id));
  }

  async list(allianceId: string): Promise<ScheduleInfo[]> {
    const prefix = `${allianceId}${SEPARATOR}`;
    const all = await this.queue.getJobSchedulers(0, -1, true);
    return all
      .filter((s) => s.key.startsWith(prefix))
      .map((s) => ({
        id: s.key.slice(prefix.length),
        cron: s.pattern ?? '',
        timeZone: s.tz ?? this.timeZone(allianceId),
        next: s.next ? new Date(s.next) : null,
      }));
  }
}
