/**
 * The health tally caught up in the background at start. After an upgrade or a seeded demo
 * with a long history, the first read of health would fold all of it (22–60 s at a million
 * entries, bench/RESULTS.md); this folds it right after start instead, a step at a time,
 * giving the event loop back between steps so webhooks and commands are answered meanwhile.
 *
 * Why `onStart` and not a scheduled job: start-hooks.ts runs every flow's hook at every start
 * (the config generation keys only what a hook sends, and this one sends nothing), which is
 * when a new version or a seeded history arrives. The hook does not wait for the fold, so the
 * start is not held up; the fold runs in this process, not as a job, so it takes no worker
 * slot. The tally's cursor is stored after each step, so a stop half-way loses nothing: the
 * next start or the next read goes on from there. Two workers starting at once fold side by
 * side; each step is a compare-and-set that folds only entries after the stored cursor, so
 * every entry is counted once. A `gezondheid` asked meanwhile folds what is left itself.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { JobContext } from '../src/engine/flow.js';
import { catchUp } from './health-record.js';

/** At most one progress line per this many milliseconds. */
const PROGRESS_EVERY_MS = 5000;

/** Everything logged so far folded in, in steps; resolves when done (or failed, logged). */
export async function foldInBackground(ctx: JobContext): Promise<void> {
  const allianceId = ctx.alliance.id;
  const started = performance.now();
  let lastLine = started;
  try {
    const { tally, folded } = await catchUp(ctx.store, allianceId, ctx.now, async (sofar) => {
      const at = performance.now();
      if (at - lastLine >= PROGRESS_EVERY_MS) {
        lastLine = at;
        ctx.log?.info(
          { allianceId, folded: sofar, ms: Math.round(at - started) },
          'health tally: catching up',
        );
      }
      await nextTurn();
    });
    if (folded > 0)
      ctx.log?.info(
        { allianceId, folded, cursor: tally.cursor, ms: Math.round(performance.now() - started) },
        'health tally: caught up',
      );
  } catch (err) {
    ctx.log?.warn({ err, allianceId }, 'health tally: catch-up stopped; the next read goes on');
  }
}

/** The start-up hook: sets the fold going and returns at once. */
export async function catchUpAtStart(ctx: JobContext): Promise<void> {
  void foldInBackground(ctx);
}
