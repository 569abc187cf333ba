/**
 * A loopback stand-in for a chat platform's "post a message" endpoint that misbehaves on
 * demand (429 with Retry-After, 5xx, a channel that is gone), and an adapter that speaks to
 * it over real HTTP. The queue's guarantees are tested against it independently of Slack or
 * Teams; it records every accepted message so a test can count doubles and losses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRoute, PlatformAdapter, SendOptions } from '../../src/core/adapter.js';
import {
  PermanentDeliveryError,
  RateLimitError,
  TransientDeliveryError,
} from '../../src/core/errors.js';
import { type PlatformName, workspaceOf } from '../../src/core/ids.js';
import {
  type Destination,
  destinationId,
  type OutboundMessage,
  type SentRef,
} from '../../src/core/messages.js';
import type { PacingPolicy, Window } from '../../src/queue/limiter.js';

export interface Accepted {
  destination: string;
  text: string;
  at: number;
}

export interface FlakyOptions {
  /** Answer 429 (Retry-After in seconds) for this share of requests. */
  rateLimitShare?: number;
  retryAfterSeconds?: number;
  /** Answer 503 for this share of requests. */
  serverErrorShare?: number;
  /** Destinations that are gone (answer 404 channel_not_found). */
  gone?: Set<string>;
  /** Enforce these rate limits as the platform does: 429 with Retry-After when exceeded. */
  limits?: PacingPolicy;
}

export class FlakyPlatform {
  readonly accepted: Accepted[] = [];
  requests = 0;
  rateLimited = 0;
  serverErrors = 0;
  private server: Server | undefined;
  url = '';
  private seed = 42;
  /** Requests refused because they broke the enforced limits. */
  limitRefusals = 0;
  private arrivals = new Map<string, number[]>();

  /** Seconds to wait when this arrival breaks a limit, else 0 (and the arrival is counted). */
  private enforce(destination: string, now: number): number {
    const limits = this.options.limits;
    if (!limits) return 0;
    const checks: [string, Window[]][] = [
      [`d:${destination}`, limits.destination],
      [`w:${workspaceOf(destination)}`, limits.workspace],
    ];
    let wait = 0;
    for (const [key, windows] of checks) {
      const times = this.arrivals.get(key) ?? [];
      for (const w of windows) {
        const recent = times.filter((t) => t > now - w.ms);
        if (recent.length >= w.limit)
          wait = Math.max(wait, (recent[recent.length - w.limit] as number) + w.ms - now);
      }
    }
    if (wait > 0) return Math.ceil(wait / 1000);
    for (const [key, windows] of checks) {
      if (windows.length === 0) continue;
      const longest = Math.max(...windows.map((w) => w.ms));
      const times = (this.arrivals.get(key) ?? []).filter((t) => t > now - longest);
      times.push(now);
      this.arrivals.set(key, times);
    }
    return 0;
  }

  constructor(public options: FlakyOptions = {}) {}

  /** Deterministic pseudo-random numbers, so a failing run can be replayed. */
  private random(): number {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    return this.seed / 2 ** 31;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        this.requests++;
        const { destination, text } = JSON.parse(body) as { destination: string; text: string };
        if (this.options.gone?.has(destination)) {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end('{"ok":false,"error":"channel_not_found"}');
          return;
        }
        const limited = this.enforce(destination, Date.now());
        if (limited > 0) {
          this.limitRefusals++;
          res
            .writeHead(429, { 'retry-after': String(limited) })
            .end('{"ok":false,"error":"ratelimited"}');
          return;
        }
        const roll = this.random();
        if (roll < (this.options.rateLimitShare ?? 0)) {
          this.rateLimited++;
          res
            .writeHead(429, { 'retry-after': String(this.options.retryAfterSeconds ?? 1) })
            .end('{"ok":false,"error":"ratelimited"}');
          return;
        }
        if (roll < (this.options.rateLimitShare ?? 0) + (this.options.serverErrorShare ?? 0)) {
          this.serverErrors++;
          res.writeHead(503).end('{"ok":false}');
          return;
        }
        this.accepted.push({ destination, text, at: Date.now() });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, ts: String(this.accepted.length) }));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** How often each text was accepted. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const a of this.accepted) counts.set(a.text, (counts.get(a.text) ?? 0) + 1);
    return counts;
  }
}

/** A PlatformAdapter that posts to the FlakyPlatform over HTTP and maps its answers to coded errors. */
export class FlakyAdapter implements PlatformAdapter {
  constructor(
    readonly platform: PlatformName,
    private readonly fake: FlakyPlatform,
  ) {}

  routes(): HttpRoute[] {
    return [];
  }

  render(message: OutboundMessage): string {
    return message.kind === 'text' ? message.text : message.fallback;
  }

  async send(to: Destination, message: OutboundMessage, _options?: SendOptions): Promise<SentRef> {
    const destination = destinationId(to);
    let res: Response;
    try {
      res = await fetch(`${this.fake.url}/post`, {
        method: 'POST',
        body: JSON.stringify({ destination, text: this.render(message) }),
      });
    } catch (cause) {
      throw new TransientDeliveryError('network error', { cause });
    }
    const body = (await res.json()) as { ts?: string; error?: string };
    if (res.status === 429)
      throw new RateLimitError(Number(res.headers.get('retry-after') ?? '1') * 1000);
    if (res.status === 404) throw new PermanentDeliveryError(body.error ?? 'gone');
    if (!res.ok) throw new TransientDeliveryError(`HTTP ${res.status}`);
    return { conversationId: destination, messageId: body.ts ?? '0' };
  }
}
