/**
 * A stand-in for the Bot Connector service on loopback: the serviceUrl of the test activities
 * points here. It answers the v3 conversation API calls the SDK makes (send, reply, update,
 * delete, create conversation, get one member), checks the bearer token, records every call,
 * and can answer 429 with Retry-After (or any status) on demand, or 404 for a conversation the
 * bot was removed from. It also serves the OneDrive upload sessions of accepted file consent
 * cards (teams-files.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { FakeOneDrive } from './teams-files.js';

export interface ConnectorCall {
  method: string;
  /** send | reply | update | delete | create | member (GET …/members/{id}) */
  kind: 'send' | 'reply' | 'update' | 'delete' | 'create' | 'member' | 'other';
  conversationId: string;
  activityId?: string;
  /** The member asked for (kind `member`). */
  memberId?: string;
  body: Record<string, unknown>;
  token: string;
  /** The id the stand-in answered with (the message id, or the created conversation's). */
  result?: string;
}

const Body = z.record(z.string(), z.unknown());

/** A person as the member API answers (TeamsChannelAccount). */
export interface FakeMember {
  /** The id Teams gives the person for this bot (29:…). */
  id: string;
  objectId: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId: string;
}

export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  readonly rejected: ConnectorCall[] = [];
  url = '';
  /** Bearer tokens accepted; empty accepts requests without one (local mode). */
  readonly tokens = new Set<string>();
  /** Conversations the bot is no longer in (404). */
  readonly gone = new Set<string>();
  /**
   * People of another tenant (29: id or aadObjectId), guests in a shared channel: a 1:1
   * conversation with them is refused with 403, as the Bot Connector refuses a bot a chat
   * with someone outside the tenants it is installed in.
   */
  readonly foreign = new Set<string>();
  /** Members per conversation (or team) id: GET …/members/{29: id or aadObjectId}, else 404. */
  readonly members = new Map<string, FakeMember[]>();
  /** Upload sessions for files people accept (teams-files.ts), served here. */
  readonly oneDrive = new FakeOneDrive(() => this.url.replace(/\/$/, ''));
  private failures: { status: number; retryAfter?: number; conversationId?: string }[] = [];
  private server: Server | undefined;
  private next = 1;

  /**
   * The next `count` calls fail with `status` (and Retry-After for a 429); with
   * `conversationId`, only calls to that conversation (other deliveries may be under way).
   */
  failNext(status: number, count = 1, retryAfter?: number, conversationId?: string): void {
    for (let i = 0; i < count; i++)
      this.failures.push({
        status,
        ...(retryAfter ? { retryAfter } : {}),
        ...(conversationId ? { conversationId } : {}),
      });
  }

  /** The activities posted to a conversation (sends and replies), oldest first. */
  posted(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) =>
        (c.kind === 'send' || c.kind === 'reply') &&
        (conversationId === undefined || c.conversationId === conversationId),
    );
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(payload));
        };
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path.startsWith('/onedrive/upload/'))
          return this.oneDrive.serve(path, req, Buffer.concat(chunks), res);
        const text = Buffer.concat(chunks).toString('utf8');
        const body = Body.safeParse(text ? JSON.parse(text) : {}).data ?? {};
        const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
        const auth = req.headers.authorization ?? '';
        const token = auth.replace(/^Bearer /, '');
        const method = req.method ?? 'GET';
        const conversationId = parts[2] ?? '';
        const isMember = parts[3] === 'members' && method === 'GET';
        const activityId = isMember ? undefined : parts[4];
        const memberId = isMember ? parts[4] : undefined;
        const kind: ConnectorCall['kind'] =
          parts[0] !== 'v3' || parts[1] !== 'conversations'
            ? 'other'
            : isMember
              ? 'member'
              : parts.length === 2 && method === 'POST'
                ? 'create'
                : method === 'PUT'
                  ? 'update'
                  : method === 'DELETE'
                    ? 'delete'
                    : activityId
                      ? 'reply'
                      : 'send';
        const call: ConnectorCall = {
          method,
          kind,
          conversationId,
          ...(activityId ? { activityId } : {}),
          ...(memberId ? { memberId } : {}),
          body,
          token,
        };
        if (this.tokens.size > 0 && !this.tokens.has(token)) {
          this.rejected.push(call);
          return json(401, { error: { code: 'Unauthorized', message: 'bad token' } });
        }
        const at = this.failures.findIndex(
          (f) => f.conversationId === undefined || f.conversationId === conversationId,
        );
        const failure = at >= 0 ? this.failures.splice(at, 1)[0] : undefined;
        if (failure) {
          this.rejected.push(call);
          const headers: Record<string, string> = failure.retryAfter
            ? { 'retry-after': String(failure.retryAfter) }
            : {};
          return json(failure.status, { error: { code: 'Failure', message: 'injected' } }, headers);
        }
        const invited = z.object({ members: z.array(z.object({ id: z.string() })) }).safeParse(body)
          .data?.members;
        if (kind === 'create' && invited?.some((m) => this.foreign.has(m.id))) {
          this.rejected.push(call);
          return json(403, {
            error: {
              code: 'Forbidden',
              message: 'The bot cannot start a conversation with a user of another tenant.',
            },
          });
        }
        if (this.gone.has(conversationId)) {
          this.rejected.push(call);
          return json(404, { error: { code: 'ConversationNotFound', message: 'gone' } });
        }
        this.calls.push(call);
        if (kind === 'member') {
          const member = (this.members.get(conversationId) ?? []).find(
            (m) => m.id === memberId || m.objectId === memberId,
          );
          if (!member) return json(404, { error: { code: 'MemberNotFound', message: 'no' } });
          return json(200, { ...member, userRole: 'user' });
        }
        if (kind === 'delete') return json(200, {});
        if (kind === 'create') {
          call.result = `a:created-${this.next++}`;
          return json(201, { id: call.result, serviceUrl: this.url });
        }
        call.result = kind === 'update' ? (activityId ?? '') : `${1_800_000_000_000 + this.next++}`;
        return json(200, { id: call.result });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
