/**
 * A stand-in for Slack's Web API on loopback: answers the methods the bot calls the way Slack
 * does (form-encoded requests, `{ ok, … }` JSON), checks the bearer token, records every call,
 * and can answer 429 with Retry-After or 5xx on demand. Point the adapter at it with
 * SLACK_API_URL.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** What the stand-in answered (for ts and ids). */
  result?: Record<string, unknown>;
}

function parseArgs(req: IncomingMessage, body: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    // The client JSON-encodes complex arguments (blocks, view) inside the form.
    args[key] = /^[[{]/.test(value) ? (JSON.parse(value) as unknown) : value;
  }
  return args;
}

export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly rejected: SlackCall[] = [];
  url = '';
  private server: Server | undefined;
  private failures: { status: number; retryAfter?: number }[] = [];
  private ts = 1_700_000_000;
  /** Socket Mode: the app-level token apps.connections.open accepts, and the URL it hands out. */
  appToken = 'xapp-test-token';
  socketUrl = '';
  /** Bot tokens this stand-in accepts: the one it was made with, and those it issued. */
  readonly tokens = new Set<string>();
  /** OAuth codes it accepts, with the workspace each installs into. */
  readonly codes = new Map<string, { teamId: string; teamName: string }>();

  /** Answers oauth.v2.access like Slack: a bot token for the workspace the code belongs to. */
  private oauthAccess(
    call: SlackCall,
    json: (status: number, payload: Record<string, unknown>) => void,
  ): void {
    const code = String(call.args.code ?? '');
    const team = this.codes.get(code);
    if (!team) {
      json(200, { ok: false, error: 'invalid_code' });
      return;
    }
    this.codes.delete(code);
    const token = `xoxb-installed-${team.teamId}`;
    this.tokens.add(token);
    this.calls.push(call);
    json(200, {
      ok: true,
      app_id: 'A0ALLIANTIE',
      authed_user: { id: 'U0INSTALLER' },
      scope: 'chat:write,commands',
      token_type: 'bot',
      access_token: token,
      bot_user_id: 'U0BOT0002',
      team: { id: team.teamId, name: team.teamName },
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  /** Channels that answer `channel_not_found`. */
  readonly gone = new Set<string>();

  constructor(
    readonly token = 'xoxb-test-token',
    /** Keep every call for inspection (off for load runs). */
    private readonly recordCalls = true,
  ) {
    this.tokens.add(token);
  }

  /** The next `count` calls answer 429 with Retry-After (seconds). */
  rateLimitNext(count: number, retryAfter = 1): void {
    for (let i = 0; i < count; i++) this.failures.push({ status: 429, retryAfter });
  }

  /** The next `count` calls answer a 5xx. */
  failNext(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.failures.push({ status });
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/(api\/)?/, '').split('?')[0] ?? '';
        const call: SlackCall = { method, args: parseArgs(req, body), at: Date.now() };
        const json = (
          status: number,
          payload: Record<string, unknown>,
          headers: Record<string, string> = {},
        ) => {
          call.result = payload;
          res
            .writeHead(status, { 'content-type': 'application/json', ...headers })
            .end(JSON.stringify(payload));
        };
        if (method === 'oauth.v2.access') return this.oauthAccess(call, json);
        if (method === 'apps.connections.open') {
          const ok = req.headers.authorization === `Bearer ${this.appToken}` && this.socketUrl;
          if (ok) this.calls.push(call);
          return json(
            200,
            ok ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' },
          );
        }
        if (!this.tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
          this.rejected.push(call);
          return json(200, { ok: false, error: 'invalid_auth' });
        }
        const failure = this.failures.shift();
        if (failure) {
          this.rejected.push(call);
          return failure.status === 429
            ? json(
                429,
                { ok: false, error: 'ratelimited' },
                { 'retry-after': String(failure.retryAfter ?? 1) },
              )
            : json(failure.status, { ok: false, error: 'internal_error' });
        }
        const channel = typeof call.args.channel === 'string' ? call.args.channel : '';
        if (channel && this.gone.has(channel)) {
          this.rejected.push(call);
          return json(200, { ok: false, error: 'channel_not_found' });
        }
        if (this.recordCalls) this.calls.push(call);
        const ts = `${++this.ts}.000100`;
        switch (method) {
          case 'auth.test':
            return json(200, {
              ok: true,
              user_id: 'U0BOT0001',
              bot_id: 'B0BOT0001',
              team_id: 'T0DEMO01',
            });
          case 'chat.postMessage':
            return json(200, { ok: true, channel, ts, message: { ts, text: call.args.text } });
          case 'chat.postEphemeral':
            return json(200, { ok: true, message_ts: ts });
          case 'chat.update':
            return json(200, { ok: true, channel, ts: call.args.ts });
          case 'conversations.open':
            return json(200, { ok: true, channel: { id: `D${String(call.args.users).slice(1)}` } });
          case 'views.open':
          case 'views.publish':
            return json(200, { ok: true, view: { id: `V${this.ts}` } });
          default:
            return json(200, { ok: false, error: 'unknown_method' });
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}
