/**
 * Export files waiting to be downloaded: the JSON of a `privacy inzien` / `privacy export`,
 * kept under a random one-time token (`<prefix>{x:<token>}`, 256 bits) for 24 hours and handed
 * out once (GETDEL). Only the token travels (in the link); the file itself never rides in a
 * queued job. A person's waiting files are erased with the rest of their data.
 */
import { z } from 'zod';
import type { FileSource } from '../core/adapter.js';
import { isToken, newToken } from '../core/tokens.js';
import type { Keys } from './keys.js';
import { KeyScanHolder } from './personal-data.js';
import type { RedisClient } from './redis.js';

export const EXPORT_TTL_SECONDS = 24 * 3600;

const WaitingSchema = z.object({
  allianceId: z.string(),
  userIds: z.array(z.string()),
  fileName: z.string(),
  content: z.string(),
});
export type WaitingExport = z.infer<typeof WaitingSchema>;

export class ExportFiles implements FileSource {
  readonly holder: KeyScanHolder;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {
    this.holder = new KeyScanHolder(redis, {
      kind: 'export-files',
      purpose: {
        nl: 'een export van iemands gegevens die wacht om één keer gedownload te worden; 24 uur bewaard',
        en: 'an export of a person’s data waiting to be downloaded once; kept 24 hours',
      },
      patterns: [`${keys.prefix}{x:*`],
    });
  }

  private key(token: string): string {
    return `${this.keys.prefix}{x:${token}}`;
  }

  /** Keeps a file for one download; returns its token. */
  async put(file: WaitingExport): Promise<string> {
    const token = newToken();
    const value = JSON.stringify(WaitingSchema.parse(file));
    await this.redis.set(this.key(token), value, 'EX', EXPORT_TTL_SECONDS);
    return token;
  }

  /** Whether a token is still waiting (a GET shows the download button only then). */
  async waiting(token: string): Promise<boolean> {
    return isToken(token) && (await this.redis.exists(this.key(token))) === 1;
  }

  /** The file waiting under a token, not used up (an adapter hands it over as a file). */
  async read(token: string): Promise<{ fileName: string; content: Buffer } | undefined> {
    if (!isToken(token)) return undefined;
    const raw = await this.redis.get(this.key(token));
    const parsed = raw ? WaitingSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success
      ? { fileName: parsed.data.fileName, content: Buffer.from(parsed.data.content, 'utf8') }
      : undefined;
  }

  /** The file was handed over as a file: its download link goes too. */
  async delivered(token: string): Promise<void> {
    if (isToken(token)) await this.redis.del(this.key(token));
  }

  /** Hands the file out once: the token is gone after this. */
  async take(token: string): Promise<WaitingExport | null> {
    if (!isToken(token)) return null;
    const raw = await this.redis.getdel(this.key(token));
    if (!raw) return null;
    const parsed = WaitingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  }
}
