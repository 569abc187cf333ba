/**
 * Files for a person on Teams, as the Teams bot APIs allow them in the personal scope
 * (msteams-docs "Send and receive files using bot"; the manifest's bot has `supportsFiles`):
 * the bot offers the file with a file consent card in the person's 1:1 chat; when they accept,
 * Teams sends the invoke `fileConsent/invoke` with an upload session in their OneDrive
 * (`uploadInfo`): the bot PUTs the bytes there in one range (`Content-Range: bytes 0-<n-1>/<n>`),
 * sends a file info card that opens the file, and answers the invoke 200. Declined, or the
 * upload failed: the card with the one-time download link (`file.instead`) instead.
 *
 * The offer waits in Redis (`teams:file:{<id>}`, 24 hours, like the export file itself) under a
 * random id, the only thing the card's contexts carry; it is taken once, so an invoke handled
 * twice uploads once, and only the person it was offered to can take it.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment } from '@microsoft/agents-activity';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { FileSource } from '../../src/core/adapter.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import {
  CardSchema,
  card,
  type FileAttachment,
  type OutboundMessage,
  text,
} from '../../src/core/messages.js';
import type { RedisClient } from '../../src/store/redis.js';
import { type TeamsActivity, userIdOf } from './parse.js';
import type { ServiceUrlPolicy } from './service-url.js';

export const FILE_CONSENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_TYPE = 'application/vnd.microsoft.teams.card.file.info';
export const FILE_CONSENT_INVOKE = 'fileConsent/invoke';
const OFFER_TTL_SECONDS = 24 * 3600;

const OfferSchema = z.object({
  userId: z.string(),
  token: z.string(),
  instead: CardSchema,
});

/** The value of a `fileConsent/invoke` (FileConsentCardResponse). */
export const FileConsentValueSchema = z.looseObject({
  type: z.string().optional(),
  action: z.enum(['accept', 'decline']),
  context: z.looseObject({ offer: z.string().uuid() }),
  uploadInfo: z
    .looseObject({
      name: z.string().min(1),
      uploadUrl: z.url(),
      contentUrl: z.url(),
      uniqueId: z.string().min(1),
      fileType: z.string().optional(),
    })
    .optional(),
});

export interface TeamsFilesOptions {
  redis: RedisClient;
  prefix: string;
  files?: FileSource | undefined;
  /** Hosts beyond https ones an upload URL may be on (a stand-in's, as for serviceUrls). */
  serviceUrls: ServiceUrlPolicy;
  log: Logger;
}

export class TeamsFiles {
  constructor(private readonly o: TeamsFilesOptions) {}

  private key(id: string): string {
    return `${this.o.prefix}teams:file:{${id}}`;
  }

  /**
   * The consent card offering a file to a person (its offer kept 24 hours). No file to offer:
   * a PermanentDeliveryError, and the core sends the download link instead.
   */
  async offer(userId: string, file: FileAttachment): Promise<Attachment> {
    const waiting = await this.o.files?.read(file.token);
    if (!waiting) throw new PermanentDeliveryError('file_gone');
    const id = randomUUID();
    const offer = OfferSchema.parse({ userId, token: file.token, instead: file.instead });
    await this.o.redis.set(this.key(id), JSON.stringify(offer), 'EX', OFFER_TTL_SECONDS);
    return {
      contentType: FILE_CONSENT_TYPE,
      name: file.fileName,
      content: {
        description: file.title.slice(0, 500),
        sizeInBytes: waiting.content.length,
        acceptContext: { offer: id },
        declineContext: { offer: id },
      },
    };
  }

  /** Takes the offer an answer names, if it is this person's (once). */
  private async take(id: string, userId: string): Promise<z.infer<typeof OfferSchema> | undefined> {
    const raw = await this.o.redis.get(this.key(id));
    const offer = raw ? OfferSchema.safeParse(JSON.parse(raw)).data : undefined;
    if (!offer || offer.userId !== userId) return undefined;
    return (await this.o.redis.del(this.key(id))) === 1 ? offer : undefined;
  }

  /**
   * A person's answer to a consent card (`fileConsent/invoke`): what to send them (through the
   * adapter's own sending, inbound turns send nothing): a file info card after the upload, or
   * the card with the download link when they declined or the upload failed; nothing when the
   * offer was answered before, expired, was erased, or is not theirs.
   */
  async answer(activity: TeamsActivity): Promise<FileAnswer | undefined> {
    const value = FileConsentValueSchema.safeParse(activity.value);
    if (!value.success) {
      this.o.log.warn('Teams: a fileConsent invoke the bot cannot read');
      return undefined;
    }
    const { action, context: offered, uploadInfo } = value.data;
    const offer = await this.take(offered.offer, userIdOf(activity));
    if (!offer) return undefined;
    const waiting = action === 'accept' ? await this.o.files?.read(offer.token) : undefined;
    if (action === 'accept' && waiting && uploadInfo) {
      try {
        await this.upload(uploadInfo.uploadUrl, waiting.content);
        await this.o.files?.delivered(offer.token);
        return { message: text(uploadInfo.name), attachments: [fileInfo(uploadInfo)] };
      } catch (error) {
        this.o.log.warn({ err: error }, 'Teams: the accepted file could not be uploaded');
      }
    }
    return { message: card(offer.instead), attachments: [] };
  }

  /** The bytes to the OneDrive upload session, in one range (fetch sets the Content-Length). */
  private async upload(url: string, content: Buffer): Promise<void> {
    if (!url.startsWith('https://') && !this.o.serviceUrls.allows(url))
      throw new Error('the upload URL is neither https nor an allowed host');
    const answer = await fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `bytes 0-${content.length - 1}/${content.length}`,
      },
      body: new Uint8Array(content),
      redirect: 'error',
      signal: AbortSignal.timeout(4000),
    });
    await answer.arrayBuffer();
    if (answer.status !== 200 && answer.status !== 201)
      throw new Error(`the upload answered HTTP ${answer.status}`);
  }
}

/** What answers a consent card: a message, and attachments with its last part. */
export interface FileAnswer {
  message: OutboundMessage;
  attachments: Attachment[];
}

/** The card that shows the uploaded file in the chat (opens it from the person's OneDrive). */
function fileInfo(info: {
  name: string;
  contentUrl: string;
  uniqueId: string;
  fileType?: string | undefined;
}): Attachment {
  return {
    contentType: FILE_INFO_TYPE,
    contentUrl: info.contentUrl,
    name: info.name,
    content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'json' },
  };
}
