/**
 * What the core and the queue report about their work, without knowing how it is exported
 * (Prometheus in src/metrics.ts). The default does nothing.
 */
export interface Telemetry {
  /** An inbound event was handled: its type, `ok`, `duplicate` or an error code, and how long it took. */
  event(type: string, outcome: string, seconds: number): void;
  /** A delivery attempt ended: `sent`, `skipped` (already delivered), `deferred`, `retry` or `failed`. */
  delivery(platform: string, outcome: string): void;
}

export const NO_TELEMETRY: Telemetry = {
  event() {},
  delivery() {},
};
