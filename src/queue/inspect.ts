/**
 * `alliance-bot queues`: per queue the waiting, active, delayed and failed counts, and how
 * long the oldest waiting job has waited. For operators, without a dashboard.
 */
import type { Queue } from 'bullmq';

export interface QueueStats {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Age in milliseconds of the oldest job still waiting, or null. */
  oldestWaitingMs: number | null;
  schedulers: number;
}

export async function queueStats(queue: Queue, now = Date.now()): Promise<QueueStats> {
  const counts = await queue.getJobCounts(
    'waiting',
    'active',
    'delayed',
    'failed',
    'completed',
    'prioritized',
  );
  const oldest = await queue.getWaiting(-1, -1);
  const first = oldest[0];
  return {
    queue: queue.name,
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
    completed: counts.completed ?? 0,
    oldestWaitingMs: first ? Math.max(0, now - first.timestamp) : null,
    schedulers: await queue.getJobSchedulersCount(),
  };
}

function age(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${ms}ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}

export function formatStats(stats: readonly QueueStats[]): string {
  const header = [
    'queue',
    'waiting',
    'active',
    'delayed',
    'failed',
    'completed',
    'schedulers',
    'oldest waiting',
  ];
  const rows = stats.map((s) => [
    s.queue,
    String(s.waiting),
    String(s.active),
    String(s.delayed),
    String(s.failed),
    String(s.completed),
    String(s.schedulers),
    age(s.oldestWaitingMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
