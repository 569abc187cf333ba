/**
 * POST /api/messages in our node:http server. The SDK validates the JWT (authorizeJWT) and
 * runs the turn (CloudAdapter.process); both want express-style objects, so a small shim
 * stands in for the response. Order: JSON (400) → token (401) → activity shape (400) →
 * serviceUrl (403: not an allowed host, or not the one the token names; service-url.ts) →
 * tenant (403: a tenant no alliance accepts; the conversation's, which in a shared channel is
 * the host team's) → turn. Nothing is stored before all of them passed: a conversation
 * reference from a tenant no alliance accepts is never kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AuthConfiguration,
  authorizeJWT,
  type CloudAdapter,
  getAuthConfigWithDefaults,
  type Request as SdkRequest,
  type TurnContext,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../src/core/adapter.js';
import { HttpError, readBody, sendJson } from '../../src/http/util.js';
import { ActivitySchema, type TeamsActivity, tenantOf } from './parse.js';
import type { ServiceUrlPolicy } from './service-url.js';

/** An express-like response over node's ServerResponse: what the SDK calls, nothing more. */
export class ResponseShim implements WebResponse {
  private code = 200;
  private readonly headers: Record<string, string> = {};
  private body: Buffer | undefined;

  constructor(private readonly res: ServerResponse) {}

  get headersSent(): boolean {
    return this.res.headersSent;
  }
  get writableEnded(): boolean {
    return this.res.writableEnded;
  }
  status(code: number): this {
    this.code = code;
    return this;
  }
  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }
  send(body?: unknown): this {
    if (body === undefined || body === null) return this;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      this.body = Buffer.from(body);
    } else {
      this.body = Buffer.from(JSON.stringify(body));
      this.headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    return this;
  }
  end(): this {
    if (this.res.writableEnded) return this;
    const headers = { ...this.headers, 'content-length': String(this.body?.length ?? 0) };
    this.res.writeHead(this.code, headers);
    this.res.end(this.body);
    return this;
  }
  /** Sends what the SDK set if it set a status but never ended (authorizeJWT's 401). */
  finish(): void {
    if (!this.res.writableEnded) this.end();
  }
}

export interface TeamsRoutesOptions {
  adapter: CloudAdapter;
  /** The configuration inbound tokens are validated with (see index.ts). */
  inboundAuth: AuthConfiguration;
  /** Where the bot's token may go: activities pointing elsewhere are refused. */
  serviceUrls: ServiceUrlPolicy;
  /**
   * Whether a tenant (`teams:<tenant>`) is one an alliance accepts (the alliances'
   * `workspaces`, linked channels, named people); an activity from another is refused.
   * Without it every tenant the token checks allow is accepted.
   */
  allowsWorkspace?: ((workspace: string) => boolean) | undefined;
  /** Runs one turn for a parsed, authenticated activity. */
  onTurn: (context: TurnContext, activity: TeamsActivity) => Promise<void>;
  log: Logger;
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    out[key] = Array.isArray(value) ? value[0] : value;
  }
  return out;
}

export function createTeamsRoutes(options: TeamsRoutesOptions): HttpRoute[] {
  const authorize = authorizeJWT(getAuthConfigWithDefaults(options.inboundAuth));
  return [
    {
      method: 'POST',
      path: '/api/messages',
      async handle(req, res) {
        const raw = await readBody(req);
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new HttpError(400, 'the body is not valid JSON');
        }
        const body = (typeof json === 'object' && json !== null ? json : {}) as Record<
          string,
          unknown
        >;
        const request: SdkRequest = { body, headers: headersOf(req), method: 'POST' };
        const shim = new ResponseShim(res);
        let authorized = false;
        await authorize(request, shim, () => {
          authorized = true;
        });
        if (!authorized) {
          shim.finish();
          return;
        }
        const parsed = ActivitySchema.safeParse(json);
        if (!parsed.success) {
          sendJson(res, 400, { error: 'malformed activity' });
          return;
        }
        const activity = parsed.data;
        const refusal = options.serviceUrls.refusal(activity.serviceUrl, request.user);
        if (refusal) {
          options.log.warn(
            { reason: refusal, serviceUrl: activity.serviceUrl.slice(0, 200) },
            'refused a Teams activity',
          );
          sendJson(res, 403, { error: refusal });
          return;
        }
        const tenant = `teams:${tenantOf(activity)}`;
        if (options.allowsWorkspace && !options.allowsWorkspace(tenant)) {
          options.log.warn({ tenant: tenant.slice(0, 200) }, 'refused a Teams activity: tenant');
          sendJson(res, 403, { error: 'this tenant is not one of an alliance of this bot' });
          return;
        }
        try {
          await options.adapter.process(request, shim, (context) =>
            options.onTurn(context, activity),
          );
        } catch (error) {
          options.log.error({ err: error }, 'a Teams turn failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
          return;
        }
        shim.finish();
      },
    },
  ];
}
