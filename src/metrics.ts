/**
 * Prometheus metrics for GET /metrics: events handled, deliveries, queue depths (read when
 * scraped) and the process's own metrics.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Telemetry } from './core/telemetry.js';
import type { QueueRuntime } from './queue/runtime.js';

export class Metrics implements Telemetry {
  readonly registry = new Registry();
  private readonly events: Counter<'type' | 'outcome'>;
  private readonly eventSeconds: Histogram<'type'>;
  private readonly deliveries: Counter<'platform' | 'outcome'>;

  constructor(queue?: QueueRuntime) {
    collectDefaultMetrics({ register: this.registry, prefix: 'alliantiebot_' });
    this.events = new Counter({
      name: 'alliantiebot_events_total',
      help: 'Inbound events handled, by type and outcome (ok, duplicate or an error code).',
      labelNames: ['type', 'outcome'],
      registers: [this.registry],
    });
    this.eventSeconds = new Histogram({
      name: 'alliantiebot_event_duration_seconds',
      help: 'Time to handle an inbound event, until its answers are handed to delivery.',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.deliveries = new Counter({
      name: 'alliantiebot_deliveries_total',
      help: 'Delivery attempts by platform and outcome (sent, skipped, deferred, retry, failed).',
      labelNames: ['platform', 'outcome'],
      registers: [this.registry],
    });
    if (queue) {
      new Gauge({
        name: 'alliantiebot_queue_jobs',
        help: 'Jobs per queue and state.',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          for (const q of queue.queues()) {
            const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'failed');
            for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
          }
          const journal = await queue.journal.stats();
          this.set({ queue: journal.queue, state: 'waiting' }, journal.waiting);
          this.set({ queue: journal.queue, state: 'active' }, journal.active);
        },
      });
    }
  }

  event(type: string, outcome: string, seconds: number): void {
    this.events.inc({ type, outcome });
    this.eventSeconds.observe({ type }, seconds);
  }

  delivery(platform: string, outcome: string): void {
    this.deliveries.inc({ platform, outcome });
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
