/**
 * Prometheus metrics for GET /metrics: events handled, deliveries, queue depths, the inbound
 * journal's backlog and the process's own metrics. Queue figures come from one reading of
 * Redis shared by every scrape within a few seconds (QueueRuntime.snapshot): scraping often,
 * or from several Prometheus servers, does not multiply the load on Redis.
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
        help: 'Jobs per queue and state (the inbound journal as queue inbound-journal).',
        labelNames: ['queue', 'state'],
        registers: [this.registry],
        async collect() {
          for (const c of (await queue.snapshot()).counts) {
            this.set({ queue: c.queue, state: c.state }, c.jobs);
          }
        },
      });
      new Gauge({
        name: 'alliantiebot_inbound_journal_entries',
        help: 'Acknowledged events waiting in the inbound journal.',
        registers: [this.registry],
        async collect() {
          this.set((await queue.snapshot()).journal.length);
        },
      });
      new Gauge({
        name: 'alliantiebot_inbound_journal_max_entries',
        help: 'The inbound journal bound: appends are refused (webhooks answer 5xx) at it.',
        registers: [this.registry],
        async collect() {
          this.set((await queue.snapshot()).journal.maxLength);
        },
      });
      new Gauge({
        name: 'alliantiebot_inbound_journal_oldest_seconds',
        help: 'Age of the oldest acknowledged event waiting in the inbound journal (0 when empty).',
        registers: [this.registry],
        async collect() {
          this.set(((await queue.snapshot()).journal.oldestMs ?? 0) / 1000);
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
