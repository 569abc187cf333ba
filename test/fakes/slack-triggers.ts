/**
 * trigger_ids as Slack keeps them, for the Web API stand-in (slack-api.ts): a trigger opens
 * one view within 3 s of the request that carried it (`expired_trigger_id` after that,
 * `trigger_exchanged` the second time). Triggers the stand-in did not issue are judged by the
 * time in their second part when it is one (`<n>.<ms since 1970>.<hex>`), else from when they
 * are first used.
 */

export const TRIGGER_LIFETIME_MS = 3000;

interface Trigger {
  user?: string;
  issued: number;
  used: boolean;
}

export class Triggers {
  private readonly triggers = new Map<string, Trigger>();
  private seq = 0;
  /** views.open calls refused because their trigger was over 3 s old or used. */
  readonly dead: { trigger: string; error: string; ageMs: number }[] = [];

  /** A trigger_id as Slack puts in a request a person (`U…`) made at `issued`. */
  issue(user: string | undefined, issued: number): string {
    const id = `${++this.seq}.${issued}.${Math.random().toString(16).slice(2).padEnd(12, '0')}`;
    this.triggers.set(id, { ...(user ? { user } : {}), issued, used: false });
    return id;
  }

  /** Uses the trigger at `at`: Slack's error when it can no longer open a view. */
  use(triggerId: string, at: number): string | undefined {
    let trigger = this.triggers.get(triggerId);
    if (!trigger) {
      const stamp = Number(triggerId.split('.')[1]);
      const issued = stamp > 1e12 && stamp < 1e14 ? stamp : at;
      trigger = { issued, used: false };
      this.triggers.set(triggerId, trigger);
    }
    const error = trigger.used
      ? 'trigger_exchanged'
      : at - trigger.issued > TRIGGER_LIFETIME_MS
        ? 'expired_trigger_id'
        : undefined;
    if (error) this.dead.push({ trigger: triggerId, error, ageMs: at - trigger.issued });
    trigger.used = true;
    return error;
  }

  /** The person whose request carried the trigger, if the stand-in issued it. */
  userOf(triggerId: string): string | undefined {
    return this.triggers.get(triggerId)?.user;
  }
}
