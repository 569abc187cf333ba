/**
 * A stand-in for Slack's Web API on loopback, keeping Slack's rules: it answers the methods the
 * bot calls the way Slack does (form-encoded requests, `{ ok, … }` JSON), checks the bearer
 * token, and records every call. Like Slack it
 * - limits each method on its own (slack-limits.ts): chat.postMessage per channel, the others
 *   per workspace (token) by tier; over the limit it answers 429 with Retry-After;
 * - lets a trigger_id open one view within 3 s of the request that carried it
 *   (`expired_trigger_id` after that, `trigger_exchanged` the second time; slack-triggers.ts);
 * - downloads every image block's picture and refuses the message with Slack's
 *   `invalid_blocks` when it cannot (slack-blocks.ts; `images.reach` says where a public URL is);
 * - serves response_url endpoints (`/response/<id>`, issued with `responseUrl()` for the
 *   payloads a test builds): 5 uses within 30 minutes, then `used_url` / `expired_url`;
 * - answers users.info and users.lookupByEmail from a small directory (`people`);
 * - checks views.publish as Slack does and keeps each person's Home tab (slack-views.ts);
 * - takes file uploads as Slack asks for them now (slack-files.ts).
 * It records which method answered each person (`answers`), and can answer 429 or 5xx on
 * demand. Point the adapter at it with SLACK_API_URL.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImageDownloads, parseArgs } from './slack-blocks.js';
import { FakeSlackFiles, type FileAnswer } from './slack-files.js';
import { SlackLimits, type SlackLimitsOptions } from './slack-limits.js';
import { Triggers } from './slack-triggers.js';
import { HomeTabs } from './slack-views.js';

export { TRIGGER_LIFETIME_MS } from './slack-triggers.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  /** What the stand-in answered (for ts and ids). */
  result?: Record<string, unknown>;
}

/** Which method answered a person, and when it arrived here. */
export interface SlackAnswer {
  /** The person's Slack user id (`U…`). */
  user: string;
  method: 'response_url' | 'chat.postEphemeral' | 'views.open' | 'chat.postMessage' | FileAnswer;
  at: number;
  /** For response_url: whether it replaced the message the button was on. */
  replaced?: boolean;
}

/** A person in the stand-in's directory. */
export interface FakePerson {
  team?: string;
  email?: string;
  deleted?: boolean;
  isBot?: boolean;
}

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

interface ResponseUrl {
  team: string;
  channel: string;
  user: string;
  issued: number;
  uses: number;
}

type Reply = (
  status: number,
  payload: Record<string, unknown>,
  headers?: Record<string, string>,
) => void;

export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  readonly rejected: SlackCall[] = [];
  /** Every answer to a person, in the order it arrived (kept also when calls are not). */
  readonly answers: SlackAnswer[] = [];
  /** Called for every answer as it arrives (benchmarks time them). */
  onAnswer: ((answer: SlackAnswer) => void) | undefined;
  private readonly triggers = new Triggers();
  /** views.open calls refused because their trigger was over 3 s old or used. */
  readonly deadTriggers = this.triggers.dead;
  /** Slack's downloads of image blocks' pictures (slack-blocks.ts). */
  readonly images = new ImageDownloads();
  /** The people users.info and users.lookupByEmail know, by user id. */
  readonly people = new Map<string, FakePerson>();
  /** The stand-in's clock (tests move it to expire response URLs). */
  now: () => number = Date.now;
  url = '';
  /** The server's origin (`http://127.0.0.1:<port>`), for response URLs. */
  origin = '';
  private server: Server | undefined;
  private failures: { status: number; retryAfter?: number; method?: string }[] = [];
  private ts = 1_700_000_000;
  private seq = 0;
  private readonly responseUrls = new Map<string, ResponseUrl>();
  readonly limits: SlackLimits;
  /** Socket Mode: the app-level token apps.connections.open accepts, and the URL it hands out. */
  appToken = 'xapp-test-token';
  socketUrl = '';
  /** Bot tokens this stand-in accepts: the one it was made with, and those it issued. */
  readonly tokens = new Set<string>();
  /** OAuth codes it accepts, with the workspace each installs into. */
  readonly codes = new Map<string, { teamId: string; teamName: string }>();
  /** Channels that answer `channel_not_found`. */
  readonly gone = new Set<string>();
  /** Files uploaded as Slack asks now (slack-files.ts), and where they were shared. */
  readonly files = new FakeSlackFiles(() => this.origin);
  /** views.publish, checked as Slack does: each person's Home tab (`homeTab.views`). */
  readonly homeTab = new HomeTabs();

  constructor(
    readonly token = 'xoxb-test-token',
    /** Keep every call for inspection (off for load runs; answers are kept anyway). */
    private readonly recordCalls = true,
    limits: SlackLimitsOptions = {},
  ) {
    this.tokens.add(token);
    this.limits = new SlackLimits(limits);
  }

  /** The next `count` calls (of `method`, or any) answer 429 with Retry-After (seconds). */
  rateLimitNext(count: number, retryAfter = 1, method?: string): void {
    for (let i = 0; i < count; i++)
      this.failures.push({ status: 429, retryAfter, ...(method ? { method } : {}) });
  }

  /** The next `count` calls (of `method`, or any) answer a 5xx. */
  failNext(count: number, status = 503, method?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, ...(method ? { method } : {}) });
  }

  /** Takes the first injected failure meant for this method (or for any). */
  private failureFor(method: string) {
    const i = this.failures.findIndex((f) => f.method === undefined || f.method === method);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0];
  }

  /** A trigger_id as Slack puts in a request a person made now (for `user`, `U…`). */
  trigger(user?: string, issued = this.now()): string {
    return this.triggers.issue(user, issued);
  }

  /** A response_url for a request of `user` in `channel` (both Slack ids), issued now. */
  responseUrl(user: string, channel: string, team = 'T0DEMO01'): string {
    const id = `${team}/${++this.seq}/${Math.random().toString(36).slice(2, 12)}`;
    this.responseUrls.set(id, { team, channel, user, issued: this.now(), uses: 0 });
    return `${this.origin}/response/${id}`;
  }

  /** Answers oauth.v2.access like Slack: a bot token for the workspace the code belongs to. */
  private oauthAccess(call: SlackCall, json: Reply): void {
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

  private answered(answer: SlackAnswer): void {
    this.answers.push(answer);
    this.onAnswer?.(answer);
  }

  /** POST /response/<id>: a message through a response_url. */
  private respond(id: string, call: SlackCall, res: ServerResponse) {
    const hook = this.responseUrls.get(id);
    const refuse = (status: number, error: string) => {
      call.result = { ok: false, error };
      this.rejected.push(call);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(error);
    };
    if (!hook) return refuse(404, 'invalid_url');
    if (call.at - hook.issued > RESPONSE_URL_LIFETIME_MS) return refuse(404, 'expired_url');
    if (hook.uses >= RESPONSE_URL_USES) return refuse(404, 'used_url');
    hook.uses++;
    call.args = { ...call.args, channel: hook.channel, user: hook.user, team: hook.team };
    call.result = { ok: true };
    if (this.recordCalls) this.calls.push(call);
    this.answered({
      user: hook.user,
      method: 'response_url',
      at: call.at,
      replaced: call.args.replace_original === true || call.args.replace_original === 'true',
    });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  }

  private person(id: string): Record<string, unknown> | undefined {
    const p = this.people.get(id);
    if (!p) return undefined;
    return {
      id,
      team_id: p.team ?? 'T0DEMO01',
      name: id.toLowerCase(),
      deleted: p.deleted ?? false,
      is_bot: p.isBot ?? false,
      profile: p.email ? { email: p.email } : {},
    };
  }

  private method(method: string, call: SlackCall, json: Reply) {
    const channel = typeof call.args.channel === 'string' ? call.args.channel : '';
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
        if (channel.startsWith('D'))
          this.answered({ user: `U${channel.slice(1)}`, method: 'chat.postMessage', at: call.at });
        return json(200, { ok: true, channel, ts, message: { ts, text: call.args.text } });
      case 'chat.postEphemeral':
        this.answered({ user: String(call.args.user), method: 'chat.postEphemeral', at: call.at });
        return json(200, { ok: true, message_ts: ts });
      case 'chat.update':
        return json(200, { ok: true, channel, ts: call.args.ts });
      case 'conversations.open': {
        const users = String(call.args.users ?? '').split(',');
        // Several people: a group DM (mpim) with the bot, the same one for the same people.
        const id =
          users.length > 1
            ? `G${[...users]
                .sort()
                .map((u) => u.slice(1, 5))
                .join('')}`
            : `D${String(call.args.users).slice(1)}`;
        return json(200, { ok: true, channel: { id } });
      }
      case 'views.open': {
        const trigger = String(call.args.trigger_id ?? '');
        const user = this.triggers.userOf(trigger);
        if (user) this.answered({ user, method: 'views.open', at: call.at });
        return json(200, { ok: true, view: { id: `V${this.ts}` } });
      }
      case 'files.getUploadURLExternal':
      case 'files.completeUploadExternal':
        return json(
          200,
          this.files.call(method, call, (a) => this.answered(a)),
        );
      case 'views.publish':
        return json(200, this.homeTab.publish(call.args, `V${this.ts}`));
      case 'users.info': {
        const user = this.person(String(call.args.user ?? ''));
        return json(200, user ? { ok: true, user } : { ok: false, error: 'user_not_found' });
      }
      case 'users.lookupByEmail': {
        const email = String(call.args.email ?? '').toLowerCase();
        const found = [...this.people.entries()].find(([, p]) => p.email?.toLowerCase() === email);
        const user = found ? this.person(found[0]) : undefined;
        return json(200, user ? { ok: true, user } : { ok: false, error: 'users_not_found' });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: Buffer) {
    const body = raw.toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path.startsWith('/upload/v1/')) return this.files.serve(path, req, raw, res);
    const method = path.replace(/^\/(api\/)?/, '');
    const call: SlackCall = { method, args: parseArgs(req, body), at: this.now() };
    const json: Reply = (status, payload, headers = {}) => {
      call.result = payload;
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(payload));
    };
    if (path.startsWith('/response/')) {
      call.method = 'response_url';
      return this.respond(path.slice('/response/'.length), call, res);
    }
    if (method === 'oauth.v2.access') return this.oauthAccess(call, json);
    if (method === 'apps.connections.open') {
      const ok = req.headers.authorization === `Bearer ${this.appToken}` && this.socketUrl;
      if (ok) this.calls.push(call);
      return json(
        200,
        ok ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' },
      );
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.tokens.has(token)) {
      this.rejected.push(call);
      return json(200, { ok: false, error: 'invalid_auth' });
    }
    const failure = this.failureFor(method);
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
    const retryAfter = this.limits.take(token, method, channel, call.at);
    if (retryAfter > 0) {
      this.rejected.push(call);
      return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    if (method === 'views.open') {
      const error = this.triggers.use(String(call.args.trigger_id ?? ''), call.at);
      if (error) {
        this.rejected.push(call);
        return json(200, { ok: false, error });
      }
    }
    const take = () => {
      if (this.recordCalls) this.calls.push(call);
      this.method(method, call, json);
    };
    // Slack downloads the pictures first and refuses the whole message if one fails.
    const pictures = this.images.check(method, call.args);
    if (!pictures) return take();
    void pictures.then((refusal) => {
      if (!refusal) return take();
      call.result = refusal;
      this.rejected.push(call);
      json(200, refusal);
    });
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks)));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.url = `${this.origin}/api/`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The answers a person (`U…`) got, in order. */
  answersFor(user: string): SlackAnswer[] {
    return this.answers.filter((a) => a.user === user);
  }
}
