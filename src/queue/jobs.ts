/**
 * Queue names and job payloads. Payloads are plain JSON with ids, parsed with zod when a
 * worker takes them, never SDK objects.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { OutboundEnvelopeSchema } from '../core/adapter.js';

export const QUEUES = {
  /** Platform events acknowledged and waiting for the engine. */
  inbound: 'inbound',
  delivery: 'delivery',
  reminders: 'reminders',
  schedules: 'schedules',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const DeliveryJobSchema = z.object({
  envelope: OutboundEnvelopeSchema,
  /** Messages to the same destination that follow this one, in order. */
  next: z.array(OutboundEnvelopeSchema).default([]),
  /** How often the platform asked us to wait (Retry-After) for this message. */
  deferrals: z.number().int().min(0).default(0),
});
export type DeliveryJob = z.infer<typeof DeliveryJobSchema>;

export const ReminderJobSchema = z.object({
  id: z.string().min(1),
  allianceId: z.string().min(1),
  /** The flow that handles it (`onboarding`). */
  flow: z.string().min(1),
  kind: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  /** When it was due (ISO): with the id, what makes one firing distinct from the next. */
  at: z.string().optional(),
});
export type ReminderJob = z.infer<typeof ReminderJobSchema>;

export const ScheduleJobSchema = z.object({
  allianceId: z.string().min(1),
  flow: z.string().min(1),
  kind: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  /** One occurrence of an RRULE schedule (schedules.ts): which, of which version, when. */
  occurrence: z
    .object({
      scheduler: z.string().min(1),
      generation: z.number().int().min(1),
      at: z.iso.datetime(),
    })
    .optional(),
});
export type ScheduleJob = z.infer<typeof ScheduleJobSchema>;

/**
 * BullMQ job ids may not contain ':'; a digest of the idempotency key is stable and safe.
 * 128 bits of SHA-256 in base64url: short (every pending job stores its id several times).
 */
export function jobIdFor(kind: string, key: string): string {
  return `${kind}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}
