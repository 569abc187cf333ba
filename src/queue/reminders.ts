/**
 * Reminders on BullMQ: one delayed job per reminder, its id derived from the alliance and the
 * reminder id, so scheduling again moves it and cancelling removes it before it fires.
 */
import type { Queue } from 'bullmq';
import type { ReminderRequest, Reminders } from '../core/jobs.js';
import { jobIdFor, type ReminderJob, ReminderJobSchema } from './jobs.js';

export const REMINDER_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'jitter' },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

export class QueueReminders implements Reminders {
  constructor(private readonly queue: Queue) {}

  jobId(allianceId: string, id: string): string {
    return jobIdFor('r', `${allianceId}:${id}`);
  }

  private job(allianceId: string, reminder: ReminderRequest, now = Date.now()) {
    const data: ReminderJob = {
      id: reminder.id,
      allianceId,
      flow: reminder.flow,
      kind: reminder.kind,
      data: reminder.data ?? {},
      at: reminder.at.toISOString(),
    };
    const opts = {
      jobId: this.jobId(allianceId, reminder.id),
      delay: Math.max(0, reminder.at.getTime() - now),
      ...REMINDER_JOB_OPTIONS,
    };
    return { name: reminder.kind, data, opts };
  }

  /**
   * Schedules many new reminders in one round trip (a check-in's reminders for every partner
   * contact). Reminders whose id is already waiting are left as they are; use `schedule` to
   * move one.
   */
  async scheduleMany(allianceId: string, reminders: readonly ReminderRequest[]): Promise<void> {
    const now = Date.now();
    await this.queue.addBulk(reminders.map((r) => this.job(allianceId, r, now)));
  }

  async schedule(allianceId: string, reminder: ReminderRequest): Promise<void> {
    const { name, data, opts } = this.job(allianceId, reminder);
    const { jobId, delay } = opts;
    const existing = await this.queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'delayed') {
        await existing.updateData(data);
        await existing.changeDelay(delay);
        return;
      }
      if (state === 'active') return; // firing right now; its handler checks what is still due
      await existing.remove();
    }
    await this.queue.add(name, data, opts);
  }

  async cancel(allianceId: string, id: string): Promise<boolean> {
    const job = await this.queue.getJob(this.jobId(allianceId, id));
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active' || state === 'completed') return false;
    await job.remove();
    return true;
  }

  /**
   * When a reminder will fire, or null when none is waiting: the time it was asked for (the
   * job's timestamp + delay is later by the time the add took, under load hundreds of ms).
   */
  async dueAt(allianceId: string, id: string): Promise<Date | null> {
    const job = await this.queue.getJob(this.jobId(allianceId, id));
    if (!job || (await job.getState()) !== 'delayed') return null;
    const asked = ReminderJobSchema.safeParse(job.data);
    return new Date(asked.success && asked.data.at ? asked.data.at : job.timestamp + job.delay);
  }
}
