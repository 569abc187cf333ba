/**
 * The inbound port: the one sink every adapter hands its neutral events to, and what the
 * sink answers. Adapters verify, parse and acknowledge; the engine (src/engine) implements
 * the sink. Defined here, in the neutral core, so adapters never import the engine.
 */
import type { InboundEvent } from './events.js';

export interface HandleResult {
  /** The same event was handled before (a retried delivery): nothing was done. */
  duplicate: boolean;
  /** Errors per field for a form submitted from a modal, for the adapter to show at once. */
  formErrors?: Record<string, string>;
  /** The error code the person was told about, if any. */
  error?: string;
}

/**
 * A modal waiting for the answer to its submission (Slack `view_submission`): the adapter must
 * answer within 3 s. The engine claims it when it has errors to show there; the adapter
 * closes it at its deadline if nobody claimed it, and then errors go to the person's direct
 * chat as the form again. One object, so the two cannot both happen.
 */
export class WaitingModal {
  private state: 'waiting' | 'claimed' | 'closed' = 'waiting';
  /** The engine: true when the errors may go in the modal's answer. */
  claim(): boolean {
    if (this.state === 'closed') return false;
    this.state = 'claimed';
    return true;
  }
  /** The adapter at its deadline: true when it may answer now, with nothing. */
  close(): boolean {
    if (this.state === 'claimed') return false;
    this.state = 'closed';
    return true;
  }
}

export interface HandleOptions {
  /** The submission came from a modal that waits for the answer. */
  modal?: WaitingModal;
  /**
   * False while the queue would retry this event: an internal failure (or a person still
   * busy with their previous event) then throws for the retry instead of answering. The
   * default, true, answers the person (nothing retries a direct call).
   */
  lastAttempt?: boolean;
}

/** Handles one neutral event now (the engine), answering the person's mistakes itself. */
export type InboundHandler = (
  event: InboundEvent,
  options?: HandleOptions,
) => Promise<HandleResult>;

/**
 * The one inbound sink an adapter is given: `accept` makes an acknowledged event safe for
 * later handling (the inbound journal, then a worker); `handle` runs it now, for the few
 * payloads that must answer within the request (a modal submission's errors).
 */
export interface InboundSink {
  accept(event: InboundEvent): Promise<void>;
  handle: InboundHandler;
}

/**
 * An event that failed inside (or found its person busy) while the queue would still retry
 * it: it is not marked handled, so the retry handles it; a busy person's event just waits.
 */
export class RetryableEventError extends Error {
  constructor(
    readonly code: 'internal' | 'busy',
    options: { cause?: unknown } = {},
  ) {
    super(`event failed (${code}); it will be retried`, options);
    this.name = 'RetryableEventError';
  }
}
