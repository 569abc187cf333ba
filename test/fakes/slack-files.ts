/**
 * Slack's file upload as the stand-in (slack-api.ts) keeps it, with Slack's current protocol
 * and its rules (docs.slack.dev: files.getUploadURLExternal, files.completeUploadExternal):
 * - `files.getUploadURLExternal` (`filename`, `length` > 0) answers `{ ok, upload_url, file_id }`;
 *   the upload URL is served here (`/upload/v1/<file id>`), pre-signed: no token needed;
 * - the bytes POSTed there must be exactly `length` long (raw, or multipart with the file as
 *   its one part), else 400; a URL is used once;
 * - `files.completeUploadExternal` (`files: [{ id, title }]`, `channel_id`, `initial_comment`)
 *   fails with `file_not_found` for an id it never issued or whose bytes never arrived, and
 *   otherwise shares the file in the channel, where a test finds it (`inChannel`).
 */

/** A file Slack knows about: issued, uploaded, and (once completed) shared in a channel. */
export interface FakeSlackFile {
  id: string;
  name: string;
  length: number;
  /** The bytes that arrived at the upload URL. */
  bytes?: Buffer;
  title?: string;
  /** The channel it was shared in (a DM: `D…`) and the comment it came with. */
  channel?: string;
  comment?: string;
  completedAt?: number;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SlackAnswer, SlackCall } from './slack-api.js';

type Json = Record<string, unknown>;
/** How a shared file reaches a person (SlackAnswer's method). */
export type FileAnswer = 'files.completeUploadExternal';

export class FakeSlackFiles {
  readonly files = new Map<string, FakeSlackFile>();
  private seq = 0;

  constructor(private readonly origin: () => string) {}

  /** Answers one of the two methods; a file shared in a DM (`D…`) answers its person. */
  call(method: string, call: SlackCall, answered: (answer: SlackAnswer) => void): Json {
    if (method === 'files.getUploadURLExternal') return this.uploadUrl(call.args);
    const done = this.complete(call.args, call.at);
    const dm = String(call.args.channel_id ?? '');
    if (done.ok && dm.startsWith('D'))
      answered({ user: `U${dm.slice(1)}`, method: 'files.completeUploadExternal', at: call.at });
    return done;
  }

  /** Serves `/upload/v1/<file id>`. */
  serve(path: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const id = path.slice('/upload/v1/'.length);
    const done = this.upload(id, raw, req.headers['content-type'] ?? '');
    res.writeHead(done.status, { 'content-type': 'text/plain' }).end(done.text);
  }

  /** files.getUploadURLExternal. */
  uploadUrl(args: Json): Json {
    const name = typeof args.filename === 'string' ? args.filename : '';
    const length = Number(args.length);
    if (!name || !Number.isInteger(length) || length <= 0)
      return { ok: false, error: 'missing_argument' };
    const id = `F0FILE${String(++this.seq).padStart(5, '0')}`;
    this.files.set(id, { id, name, length });
    return { ok: true, upload_url: `${this.origin()}/upload/v1/${id}`, file_id: id };
  }

  /** POST /upload/v1/<id>: the bytes; returns the HTTP status and text Slack would answer. */
  upload(id: string, body: Buffer, contentType: string): { status: number; text: string } {
    const file = this.files.get(id);
    if (!file || file.bytes) return { status: 404, text: 'invalid upload url' };
    const bytes = contentType.startsWith('multipart/form-data')
      ? multipartFile(body, contentType)
      : body;
    if (!bytes || bytes.length !== file.length)
      return { status: 400, text: `length mismatch: ${bytes?.length ?? 0} of ${file.length}` };
    file.bytes = bytes;
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  /** files.completeUploadExternal. */
  complete(args: Json, at: number): Json {
    const list = Array.isArray(args.files) ? (args.files as unknown[]) : [];
    if (list.length === 0) return { ok: false, error: 'invalid_arguments' };
    const done: FakeSlackFile[] = [];
    for (const entry of list) {
      const { id, title } = (entry ?? {}) as { id?: unknown; title?: unknown };
      const file = typeof id === 'string' ? this.files.get(id) : undefined;
      if (!file?.bytes || file.completedAt) return { ok: false, error: 'file_not_found' };
      done.push(file);
      if (typeof title === 'string') file.title = title;
    }
    const channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
    for (const file of done) {
      file.completedAt = at;
      if (channel) file.channel = channel;
      if (typeof args.initial_comment === 'string') file.comment = args.initial_comment;
    }
    return {
      ok: true,
      files: done.map((f) => ({
        id: f.id,
        name: f.name,
        title: f.title ?? f.name,
        size: f.length,
      })),
    };
  }

  /** The files shared in a channel (a DM: `D…`), in order. */
  inChannel(channel: string): FakeSlackFile[] {
    return [...this.files.values()].filter((f) => f.channel === channel && f.completedAt);
  }
}

/** The first part's content of a multipart/form-data body. */
function multipartFile(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (!mark) return undefined;
  const start = body.indexOf(`--${mark}`);
  const headersEnd = body.indexOf('\r\n\r\n', start);
  const end = body.indexOf(`\r\n--${mark}`, headersEnd);
  if (start < 0 || headersEnd < 0 || end < 0) return undefined;
  return body.subarray(headersEnd + 4, end);
}
