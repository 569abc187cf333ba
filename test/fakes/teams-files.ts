/**
 * Teams' file consent as the stand-in keeps it (MicrosoftDocs msteams-docs, "Send and receive
 * files using bot", Teams bot APIs in the personal scope):
 * - a bot offers a file with a `application/vnd.microsoft.teams.card.file.consent` attachment
 *   (`name`; content `description`, `sizeInBytes`, `acceptContext`, `declineContext`);
 * - the person's answer comes as an invoke `fileConsent/invoke` whose value is
 *   `{ type: 'fileUpload', action: 'accept' | 'decline', context, uploadInfo? }`, the context
 *   being the card's accept or decline context, `uploadInfo` (accept only) naming the upload
 *   session in the person's OneDrive: `name`, `uploadUrl`, `contentUrl`, `uniqueId`, `fileType`;
 * - the bot PUTs the bytes to `uploadUrl` with `Content-Range: bytes 0-<n-1>/<n>` and a matching
 *   Content-Length (an upload session), which answers 201 with the drive item when complete;
 *   a wrong range or size is a 400 here, a second upload a 404;
 * - then it sends a `application/vnd.microsoft.teams.card.file.info` attachment (contentUrl,
 *   name, content `{ uniqueId, fileType }`) and answers the invoke 200.
 * The upload sessions are served by the Bot Connector stand-in (`/onedrive/upload/<id>`).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';

export interface UploadSession {
  id: string;
  name: string;
  /** What the consent card said the size is. */
  sizeInBytes: number;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
  /** The bytes that arrived, once they did. */
  bytes?: Buffer;
  /** The Content-Range of the upload. */
  range?: string;
}

type Json = Record<string, unknown>;

export class FakeOneDrive {
  readonly sessions = new Map<string, UploadSession>();
  private seq = 0;

  constructor(private readonly origin: () => string) {}

  /** An upload session for a file the person accepted (what Teams puts in `uploadInfo`). */
  session(name: string, sizeInBytes: number): UploadSession {
    const id = `s${++this.seq}`;
    const uniqueId = `1150D938-8870-4044-9F2C-${String(this.seq).padStart(12, '0')}`;
    const session: UploadSession = {
      id,
      name,
      sizeInBytes,
      uploadUrl: `${this.origin()}/onedrive/upload/${id}`,
      contentUrl: `https://contoso-my.sharepoint.com/personal/anna/Documents/Applications/${encodeURIComponent(name)}`,
      uniqueId,
      fileType: name.split('.').pop() ?? '',
    };
    this.sessions.set(id, session);
    return session;
  }

  /** PUT /onedrive/upload/<id>: the whole file in one range. */
  serve(path: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): ServerResponse {
    const answer = (status: number, body: Json) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const session = this.sessions.get(path.split('/').pop() ?? '');
    if (req.method !== 'PUT') return answer(405, { error: { code: 'invalidRequest' } });
    if (!session || session.bytes) return answer(404, { error: { code: 'itemNotFound' } });
    const range = String(req.headers['content-range'] ?? '');
    const m = /^bytes 0-(\d+)\/(\d+)$/.exec(range);
    const length = Number(req.headers['content-length'] ?? -1);
    if (
      !m ||
      Number(m[1]) !== raw.length - 1 ||
      Number(m[2]) !== raw.length ||
      length !== raw.length
    )
      return answer(400, {
        error: { code: 'invalidRange', message: `range ${range || 'missing'}` },
      });
    session.bytes = raw;
    session.range = range;
    return answer(201, { id: session.uniqueId, name: session.name, size: raw.length });
  }
}

/** The consent card in an activity the bot sent, if it has one. */
export function consentCardOf(activity: Json): Json | undefined {
  const attachments = Array.isArray(activity.attachments) ? (activity.attachments as Json[]) : [];
  return attachments.find((a) => a.contentType === FILE_CONSENT);
}

/** The recorded shape of the invoke (test/fixtures/README.md says where it comes from). */
const INVOKE = JSON.parse(
  readFileSync(
    new URL('../fixtures/teams/invoke_file_consent_accept.json', import.meta.url),
    'utf8',
  ),
) as Json;

/**
 * The `fileConsent/invoke` Teams sends when the person answers a consent card: the recorded
 * invoke, in the conversation and from the person of `base` (a message of theirs in their
 * personal chat), with the card's accept or decline context and, accepted, the upload session.
 */
export function fileConsentInvoke(
  base: Json,
  card: Json,
  action: 'accept' | 'decline',
  session?: UploadSession,
  replyToId?: string,
): Json {
  const content = (card.content ?? {}) as Json;
  const recorded = INVOKE.value as Json;
  const { uploadInfo: _recordedUpload, ...value } = recorded;
  return {
    ...INVOKE,
    id: `${String(base.id ?? 'f')}:consent`,
    serviceUrl: base.serviceUrl,
    from: base.from,
    conversation: base.conversation,
    recipient: base.recipient,
    channelData: { ...(INVOKE.channelData as Json), ...(base.channelData as Json) },
    replyToId: replyToId ?? INVOKE.replyToId,
    value: {
      ...value,
      action,
      context: action === 'accept' ? content.acceptContext : content.declineContext,
      ...(session
        ? {
            uploadInfo: {
              contentUrl: session.contentUrl,
              name: session.name,
              uploadUrl: session.uploadUrl,
              uniqueId: session.uniqueId,
              fileType: session.fileType,
              etag: `"{${session.uniqueId}},1"`,
            },
          }
        : {}),
    },
  };
}
