/**
 * Published charts: a chart's description (src/core/charts.ts: labels and counts for the
 * alliance as a whole, no person named) kept under a random token (`<prefix>{c:<token>}`,
 * 256 bits) for as long as the message that shows it is kept, then gone by itself (TTL). The
 * HTTP route renders it from here on every request; an unknown or expired token finds null.
 */
import { type ChartSpec, ChartSpecSchema } from '../core/charts.js';
import { isToken, newToken } from '../core/tokens.js';
import type { Keys } from './keys.js';
import type { RedisClient } from './redis.js';

/** The longest a chart is kept (a year: no message that shows one is kept longer). */
export const MAX_CHART_SECONDS = 366 * 24 * 3600;

export class ChartTokens {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  private key(token: string): string {
    return `${this.keys.prefix}{c:${token}}`;
  }

  /** Keeps the chart for `keepSeconds` (at least a minute, at most a year); its token. */
  async put(spec: ChartSpec, keepSeconds: number): Promise<string> {
    const token = newToken();
    const ttl = Math.min(MAX_CHART_SECONDS, Math.max(60, Math.round(keepSeconds)));
    await this.redis.set(this.key(token), JSON.stringify(ChartSpecSchema.parse(spec)), 'EX', ttl);
    return token;
  }

  /** The chart of a token; null when the token is malformed, unknown or expired. */
  async get(token: string): Promise<ChartSpec | null> {
    if (!isToken(token)) return null;
    const raw = await this.redis.get(this.key(token));
    if (!raw) return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return null;
    }
    const parsed = ChartSpecSchema.safeParse(json);
    return parsed.success ? parsed.data : null;
  }

  /** Seconds the chart of a token is still kept (-2: none). */
  ttl(token: string): Promise<number> {
    return this.redis.ttl(this.key(token));
  }
}
