/**
 * The web chat's HTTP side: the page and its assets, a small JSON API for what a person
 * does (write, press a button, submit a form, open a channel) and a Server-Sent Events
 * stream of new messages. Every request names the persona it acts as; a persona only sees
 * and writes in its own conversations.
 *
 * Nobody signs in here, so the browser's own rules are the fence (routeGuard): every route
 * answers only requests addressed to the host it listens on (DNS rebinding), the API only
 * requests from its own page (no cross-site reads or writes), and writes only JSON (a
 * cross-site form or `text/plain` post cannot be one without a CORS preflight, which fails).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HttpRoute } from '../../src/core/adapter.js';
import type { InboundEvent, Locale } from '../../src/core/events.js';
import type { HandleResult } from '../../src/core/inbound.js';
import { neutralText } from '../../src/core/mentions.js';
import { HttpError, queryOf, readJson, sendJson, sendText } from '../../src/http/util.js';
import type { RedisClient } from '../../src/store/redis.js';
import { type ChatMessage, ChatNoticeSchema } from './chat-log.js';
import type { LocalAdapter } from './local-adapter.js';
import { renderPage } from './page.js';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const ASSETS: Record<string, string> = {
  '/local/app.js': 'text/javascript; charset=utf-8',
  '/local/style.css': 'text/css; charset=utf-8',
};

const Base = {
  as: z.string().min(1),
  conversation: z.string().min(1),
  clientId: z.string().max(100).optional(),
};
const WriteSchema = z.object({ ...Base, text: z.string().trim().min(1).max(4000) });
type Write = z.infer<typeof WriteSchema>;
const ActionSchema = z.object({
  ...Base,
  messageId: z.string().min(1),
  actionId: z.string().min(1).max(255),
  value: z.string().max(2000).optional(),
});
const SubmitSchema = z.object({
  ...Base,
  messageId: z.string().min(1),
  formId: z.string().min(1).max(255),
  context: z.string().max(2000).optional(),
  values: z.record(
    z.string(),
    z.union([z.string().max(10_000), z.array(z.string().max(500)).max(100)]),
  ),
});
const OpenSchema = z.object(Base);

const BOT_MENTION = /^@alliantie?bot\b[:,]?\s*/i;

/** What the API answers a person's request with (202). */
const AnswerSchema = z.object({ ok: z.literal(true), error: z.string().optional() });
type Answer = z.infer<typeof AnswerSchema>;

function answerOf(result?: HandleResult): Answer {
  return { ok: true, ...(result?.error ? { error: result.error } : {}) };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(
      400,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

/** Dutch unless English is asked for (`?lang=en`), like the bot itself. */
function pageLocale(req: IncomingMessage): Locale {
  return queryOf(req).get('lang') === 'en' ? 'en' : 'nl';
}

interface StreamClient {
  userId: string;
  res: ServerResponse;
}

/** Names the web chat answers to besides HOST (the Host header's name, without the port). */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;
const EVERY_ADDRESS = new Set(['0.0.0.0', '::', '[::]']);

/** The name in a Host header or an origin (no port), lower case; undefined when unreadable. */
function nameOf(hostOrOrigin: string): { name: string; host: string } | undefined {
  try {
    const url = new URL(hostOrOrigin.includes('://') ? hostOrOrigin : `http://${hostOrOrigin}`);
    if (url.username || url.password) return undefined;
    return { name: url.hostname.toLowerCase(), host: url.host.toLowerCase() };
  } catch {
    return undefined;
  }
}

/** The names a request may address: loopback, and HOST when it names one address. */
export function hostNames(host?: string): ReadonlySet<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  if (host && !EVERY_ADDRESS.has(host)) {
    const named = nameOf(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);
    if (named) names.add(named.name);
  }
  return names;
}

/** What a route is: the page and its assets, an API read, or an API write. */
export type RouteKind = 'page' | 'read' | 'write';

/**
 * Refuses, with an HttpError: a Host the chat does not listen at (421: a rebound DNS name);
 * for the API a request another site made (Sec-Fetch-Site, 403); for a write also a foreign
 * or opaque Origin (403) and a body that is not `application/json` (415).
 */
export function routeGuard(names: ReadonlySet<string>) {
  return (req: IncomingMessage, kind: RouteKind): void => {
    const host = nameOf(req.headers.host ?? '');
    if (!host || !names.has(host.name)) {
      throw new HttpError(421, `this web chat answers only at ${[...names].join(', ')}`);
    }
    if (kind === 'page') return;
    const site = req.headers['sec-fetch-site'];
    const sites = kind === 'read' ? ['same-origin', 'none'] : ['same-origin'];
    if (site !== undefined && !sites.includes(site)) {
      throw new HttpError(403, 'requests from other sites are refused');
    }
    if (kind === 'read') return;
    const origin = req.headers.origin;
    if (origin !== undefined && nameOf(origin)?.host !== host.host) {
      throw new HttpError(403, 'requests from other origins are refused');
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      throw new HttpError(415, 'the body must be application/json');
    }
  };
}

export interface LocalRoutesOptions {
  adapter: LocalAdapter;
  handle: (event: InboundEvent) => Promise<HandleResult>;
  /** A connection of its own for SUBSCRIBE. */
  subscriber: RedisClient;
  channel: string;
  log: Logger;
  /** HOST, when the server listens on a named address: a name the chat answers to too. */
  host?: string | undefined;
}

export async function createLocalRoutes(
  options: LocalRoutesOptions,
): Promise<{ routes: HttpRoute[]; stop: () => Promise<void> }> {
  const { adapter, handle, subscriber, channel, log } = options;
  const guard = routeGuard(hostNames(options.host));
  const clients = new Set<StreamClient>();
  const visible = (userId: string, m: ChatMessage) =>
    adapter.canSee(userId, m.conversationId) && (!m.visibleTo || m.visibleTo === userId);

  subscriber.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    const parsed = ChatNoticeSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return;
    const { type, message } = parsed.data;
    for (const client of clients) {
      if (visible(client.userId, message))
        client.res.write(`event: ${type}\ndata: ${JSON.stringify(message)}\n\n`);
    }
  });
  await subscriber.subscribe(channel);

  const persona = (userId: string) => {
    const p = adapter.directory.persona(userId);
    if (!p) throw new HttpError(403, `unknown persona ${userId}`);
    return p;
  };
  const conversationFor = (userId: string, conversationId: string) => {
    persona(userId);
    const conv = adapter.conversationsOf(userId).find((c) => c.id === conversationId);
    if (!conv) throw new HttpError(403, 'this persona cannot see that conversation');
    return conv;
  };
  const baseEvent = (
    userId: string,
    conv: { id: string; kind: 'direct' | 'channel' },
    clientId?: string,
  ) => {
    const p = persona(userId);
    return {
      // A retry of the same request (same persona, same client id) is the same event.
      eventId: clientId === undefined ? randomUUID() : `${userId}/${clientId}`,
      platform: 'local' as const,
      actor: { userId, displayName: p.name, ...(p.locale ? { locale: p.locale } : {}) },
      conversation: { id: conv.id, kind: conv.kind },
    };
  };
  const accepted = (res: ServerResponse, result?: HandleResult) =>
    sendJson(res, 202, answerOf(result));

  /**
   * A person writes: recorded for everyone in the conversation, and handed to the engine when
   * it is meant for the bot. With a client id it happens once: a retry of the same write (a
   * browser retrying the POST) is recognised, neither recorded nor handled again, and gets the
   * answer the first got — kept in Redis, or awaited while the first is still running here.
   */
  type Conv = { id: string; kind: 'direct' | 'channel' };
  const writing = new Map<string, Promise<Answer>>();
  const write = async (body: Write, conv: Conv, key: string | undefined): Promise<Answer> => {
    const { first } = await adapter.recordHuman(body.as, conv.id, body.text, key);
    if (!first && key) {
      const kept = AnswerSchema.safeParse(await adapter.chat.keptAnswer(key));
      if (kept.success) return kept.data;
      // Recorded but never answered (the app stopped in between): the engine acts on an
      // event id once, so handing it over again cannot answer twice.
    }
    const addressed = conv.kind === 'direct' || BOT_MENTION.test(body.text);
    const mention = BOT_MENTION.exec(body.text);
    // The core's one rule for text addressed to the bot: a bare mention asks for help.
    const text = neutralText(
      mention ? [{ mention: 'bot' }, body.text.slice(mention[0].length)] : [body.text],
    );
    const answer = addressed
      ? answerOf(
          await handle({ ...baseEvent(body.as, conv, body.clientId), type: 'message', text }),
        )
      : answerOf();
    if (key) await adapter.chat.keepAnswer(key, answer);
    return answer;
  };
  const writeOnce = (body: Write, conv: Conv): Promise<Answer> => {
    if (body.clientId === undefined) return write(body, conv, undefined);
    const key = `human:${body.as}:${body.clientId}`;
    const running = writing.get(key);
    if (running) return running;
    const started = write(body, conv, key).finally(() => writing.delete(key));
    writing.set(key, started);
    return started;
  };

  const kindOf = (route: HttpRoute): RouteKind =>
    !route.path.startsWith('/local/api/') ? 'page' : route.method === 'POST' ? 'write' : 'read';
  const unguarded: HttpRoute[] = [
    {
      method: 'GET',
      path: '/',
      handle: (req, res) =>
        sendText(res, 200, renderPage(pageLocale(req)), 'text/html; charset=utf-8'),
    },
    ...Object.entries(ASSETS).map(
      ([path, type]): HttpRoute => ({
        method: 'GET',
        path,
        handle: async (_req, res) =>
          sendText(
            res,
            200,
            await readFile(`${PUBLIC_DIR}${path.slice('/local/'.length)}`, 'utf8'),
            type,
          ),
      }),
    ),
    {
      method: 'GET',
      path: '/local/api/personas',
      handle: (_req, res) =>
        sendJson(res, 200, {
          personas: adapter.directory.config.local.personas.map((p) => ({
            id: p.id,
            name: p.name,
            description: p.description ?? '',
            locale: p.locale ?? adapter.directory.get(p.alliance)?.locale ?? 'nl',
            conversations: adapter.conversationsOf(p.id),
          })),
        }),
    },
    {
      method: 'GET',
      path: '/local/api/messages',
      handle: async (req, res) => {
        const q = queryOf(req);
        const userId = q.get('as') ?? '';
        const conv = conversationFor(userId, q.get('conversation') ?? '');
        const messages = (await adapter.chat.history(conv.id)).filter((m) => visible(userId, m));
        sendJson(res, 200, { messages });
      },
    },
    {
      method: 'GET',
      path: '/local/api/stream',
      handle: (req, res) => {
        const userId = queryOf(req).get('as') ?? '';
        persona(userId);
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        const client = { userId, res };
        clients.add(client);
        const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
        req.on('close', () => {
          clearInterval(ping);
          clients.delete(client);
        });
      },
    },
    {
      method: 'POST',
      path: '/local/api/messages',
      handle: async (req, res) => {
        const body = parse(WriteSchema, await readJson(req, 64 * 1024));
        const conv = conversationFor(body.as, body.conversation);
        sendJson(res, 202, await writeOnce(body, conv));
      },
    },
    {
      method: 'POST',
      path: '/local/api/actions',
      handle: async (req, res) => {
        const body = parse(ActionSchema, await readJson(req, 64 * 1024));
        const conv = conversationFor(body.as, body.conversation);
        const event: InboundEvent = {
          ...baseEvent(body.as, conv, body.clientId),
          type: 'button_pressed',
          actionId: body.actionId,
          ...(body.value === undefined ? {} : { value: body.value }),
          message: { conversationId: conv.id, messageId: body.messageId },
        };
        accepted(res, await handle(event));
      },
    },
    {
      method: 'POST',
      path: '/local/api/forms',
      handle: async (req, res) => {
        const body = parse(SubmitSchema, await readJson(req, 256 * 1024));
        const conv = conversationFor(body.as, body.conversation);
        const event: InboundEvent = {
          ...baseEvent(body.as, conv, body.clientId),
          type: 'form_submitted',
          formId: body.formId,
          ...(body.context === undefined ? {} : { context: body.context }),
          values: body.values,
          message: { conversationId: conv.id, messageId: body.messageId },
        };
        accepted(res, await handle(event));
      },
    },
    {
      method: 'POST',
      path: '/local/api/open',
      handle: async (req, res) => {
        const body = parse(OpenSchema, await readJson(req, 16 * 1024));
        const conv = conversationFor(body.as, body.conversation);
        if (conv.kind !== 'channel' || !(await adapter.chat.markJoined(conv.id, body.as)))
          return accepted(res);
        accepted(
          res,
          await handle({
            ...baseEvent(body.as, conv),
            eventId: `joined:${conv.id}:${body.as}`,
            type: 'member_joined',
          }),
        );
      },
    },
  ];
  const routes = unguarded.map(
    (route): HttpRoute => ({
      ...route,
      handle: (req, res) => {
        guard(req, kindOf(route));
        return route.handle(req, res);
      },
    }),
  );
  const stop = async () => {
    for (const client of clients) client.res.end();
    clients.clear();
    await subscriber
      .unsubscribe(channel)
      .catch((err: unknown) => log.debug({ err }, 'unsubscribe failed'));
  };
  return { routes, stop };
}
