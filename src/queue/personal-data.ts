/**
 * What the job queue keeps about people, as holders of personal data: jobs (an event a person
 * sent, a message for them or naming them, a reminder about them) in every state but running,
 * the queues' event streams and the inbound journal; the delivery ledger (its keys carry the
 * destination, a person for a private message); and the delivery failures reported per
 * alliance. Registered in the store's registry by the queue runtime, so the privacy flow's
 * export and erasure reach them like any repository.
 */
import type { Job, JobType, Queue } from 'bullmq';
import type { PersonalDataHolder, PersonalDataSubject } from '../core/personal-data.js';
import type { Keys } from '../store/keys.js';
import { KeyScanHolder, marksOf, mentions } from '../store/personal-data.js';
import type { RedisClient } from '../store/redis.js';

/** Every state a job waits or rests in (a running job is left to finish). */
const STATES: JobType[] = [
  'completed',
  'failed',
  'delayed',
  'wait',
  'prioritized',
  'waiting-children',
];
const PAGE = 500;

function textOf(job: Job): string {
  return JSON.stringify([job.data, job.failedReason, job.returnvalue, job.stacktrace, job.name]);
}

/** Jobs in every queue (and the queues' streams) that name the person. */
export class QueuedJobsHolder implements PersonalDataHolder {
  readonly kind = 'queued-jobs';
  readonly purpose = {
    nl: 'berichten die nog bezorgd moeten worden, gebeurtenissen die nog verwerkt moeten worden en herinneringen, bewaard tot ze klaar zijn; bezorgde berichten een dag, mislukte FAILED_JOB_RETENTION_DAYS zodat een beheerder ze opnieuw kan proberen',
    en: 'messages waiting to be delivered, events waiting to be handled and reminders, kept until done; delivered messages a day, failed ones FAILED_JOB_RETENTION_DAYS for an operator to retry',
  };

  constructor(
    private readonly redis: RedisClient,
    private readonly queues: () => readonly Queue[],
    /** The queues' key prefix (`<REDIS_PREFIX>{alliantiebot}`). */
    private readonly prefix: string,
  ) {}

  private async jobs(subject: PersonalDataSubject): Promise<Job[]> {
    const marks = marksOf(subject);
    const found: Job[] = [];
    for (const queue of this.queues()) {
      for (let start = 0; ; start += PAGE) {
        const page = await queue.getJobs(STATES, start, start + PAGE - 1, true);
        for (const job of page) if (job && mentions(textOf(job), marks)) found.push(job);
        if (page.length < PAGE) break;
      }
    }
    return found;
  }

  /** The queues' streams (events, the inbound journal): entries that name the person. */
  private streams(): KeyScanHolder {
    return new KeyScanHolder(this.redis, {
      kind: this.kind,
      purpose: this.purpose,
      patterns: [`${this.prefix}:*`],
      // Only streams: the jobs' own keys go through BullMQ (its indexes stay consistent).
      keep: (key) => !key.endsWith(':events') && !key.endsWith(':inbound-journal'),
    });
  }

  async countFor(subject: PersonalDataSubject): Promise<number> {
    return (await this.jobs(subject)).length + (await this.streams().countFor(subject));
  }

  async exportFor(subject: PersonalDataSubject): Promise<unknown[]> {
    const jobs = (await this.jobs(subject)).map((job) => ({
      queue: job.queueName,
      name: job.name,
      createdAt: new Date(job.timestamp).toISOString(),
      data: job.data as unknown,
      ...(job.failedReason ? { failedReason: job.failedReason } : {}),
    }));
    return [...jobs, ...(await this.streams().exportFor(subject))];
  }

  async eraseFor(subject: PersonalDataSubject): Promise<number> {
    let n = 0;
    for (const job of await this.jobs(subject)) {
      try {
        await job.remove();
        n++;
      } catch {
        // Taken by a worker meanwhile: it finishes, and a completed job is removed next time.
      }
    }
    return n + (await this.streams().eraseFor(subject));
  }
}

/** The holders of the queue: jobs, the delivery ledger, the reported delivery failures. */
export function queuePersonalData(
  redis: RedisClient,
  keys: Keys,
  queues: () => readonly Queue[],
  queuePrefix: string,
): PersonalDataHolder[] {
  return [
    new QueuedJobsHolder(redis, queues, queuePrefix),
    new KeyScanHolder(redis, {
      kind: 'delivery-ledger',
      purpose: {
        nl: 'welke berichten waar zijn bezorgd (de bestemming, een persoon bij een privébericht), zodat er geen twee keer wordt verstuurd; 30 dagen bewaard',
        en: 'which messages were delivered and where (the destination, a person for a private message), so none is sent twice; kept 30 days',
      },
      patterns: [`${keys.prefix}out:{*`, `${keys.prefix}done:{*`, `${keys.prefix}evt:{*`],
    }),
    new KeyScanHolder(redis, {
      kind: 'delivery-failures',
      purpose: {
        nl: 'berichten die niet bezorgd konden worden (bestemming en reden), gemeld aan coördinatoren; FAILED_JOB_RETENTION_DAYS bewaard',
        en: 'messages that could not be delivered (destination and reason), reported to coordinators; kept FAILED_JOB_RETENTION_DAYS',
      },
      patterns: [`${keys.activity('*')}:delivery-failures`],
    }),
  ];
}
