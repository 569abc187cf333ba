/**
 * Reminders on BullMQ: one delayed job per reminder, its id derived from the alliance and the
 * reminder id, so scheduling again moves it and cancelling removes it before it fires.
 */
import type { Queue } from 'bullmq';
import type { ReminderRequest, Reminders } from '../core/jobs.js';
import { jobIdFor, type ReminderJob } from './jobs.js';

export class QueueReminders implements Reminders {
  constructor(private readonly queue: Queue) {}

  jobId(allianceId: string, id: string): string {
    return jobIdFor('r', `${allianceId}:${id}`);
  }

  async schedule(allianceId: string, reminder: ReminderRequest): Promise<void> {
    const jobId = this.jobId(allianceId, reminder.id);
    const delay = Math.max(0, reminder.at.getTime() - Date.now());
    const data: ReminderJob = {
      id: reminder.id,
      allianceId,
      flow: reminder.flow,
      kind: reminder.kind,
      data: reminder.data ?? {},
    };
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
    await this.queue.add(reminder.kind, data, {
      jobId,
      delay,
      attempts: 5,
      backoff: { type: 'jitter' },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async cancel(allianceId: string, id: string): Promise<boolean> {
    const job = await this.queue.getJob(this.jobId(allianceId, id));
    if (!job) return false;
    const state = await job.getState();
    if (state === 'active' || state === 'completed') return false;
    await job.remove();
    return true;
  }

  /** When a reminder will fire, or null when none is waiting. */
  async dueAt(allianceId: string, id: string): Promise<Date | null> {
    const job = await this.queue.getJob(this.jobId(allianceId, id));
    if (!job || (await job.getState()) !== 'delayed') return null;
    return new Date(job.timestamp + job.delay);
  }
}
