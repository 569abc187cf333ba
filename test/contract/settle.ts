/**
 * When the app has nothing left to do for what people did so far: no platform event waiting
 * in the inbound journal or queue, no message waiting in the delivery queue (paced, retried
 * or waiting for the message it updates). Reminders and schedules lie in the future and do
 * not count. Every driver's `settled()` waits for this, so a suite can check that something
 * was not said without guessing how long to wait.
 */
import type { TestApp } from '../helpers/app.js';

const BUSY = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

async function busy(app: TestApp): Promise<string | undefined> {
  const { queue } = app.app;
  const journal = await queue.journal.length();
  if (journal > 0) return `${journal} events in the inbound journal`;
  for (const q of [queue.inbound, queue.delivery]) {
    const counts = await q.getJobCounts(...BUSY);
    const open = BUSY.filter((state) => (counts[state] ?? 0) > 0);
    if (open.length > 0) return `${q.name}: ${open.map((s) => `${counts[s]} ${s}`).join(', ')}`;
  }
  return undefined;
}

/**
 * Resolves once the app was idle at two readings in a row (an event moving from the journal
 * into the queue is never in neither, but one reading could fall between two sends).
 */
export async function appSettled(app: TestApp, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  let last: string | undefined;
  while (Date.now() < deadline) {
    last = await busy(app);
    quiet = last === undefined ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the app did not settle: ${last ?? 'busy'}`);
}
