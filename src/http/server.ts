/**
 * The one HTTP server: mounts the routes the adapters hand it, serves /healthz (process
 * up), /readyz (Redis answers) and /metrics, and shuts down gracefully.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { HttpRoute } from '../core/adapter.js';
import { HttpError, sendJson, sendText } from './util.js';

export interface HttpServerOptions {
  routes: readonly HttpRoute[];
  /** Resolves true when every dependency (Redis, queues) answers. */
  ready: () => Promise<boolean>;
  /** Prometheus text for /metrics. */
  metrics?: () => Promise<string>;
  log: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

function matches(route: HttpRoute, method: string, path: string): boolean {
  if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) return false;
  return route.path.endsWith('*') ? path.startsWith(route.path.slice(0, -1)) : route.path === path;
}

export function createHttpServer(options: HttpServerOptions): Server {
  const { routes, ready, metrics, log } = options;
  let closing = false;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    try {
      if (path === '/healthz' && (method === 'GET' || method === 'HEAD')) {
        return sendJson(res, closing ? 503 : 200, { status: closing ? 'closing' : 'ok' });
      }
      if (path === '/readyz' && (method === 'GET' || method === 'HEAD')) {
        const ok = !closing && (await ready());
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready' });
      }
      if (path === '/metrics' && method === 'GET' && metrics) {
        return sendText(res, 200, await metrics(), 'text/plain; version=0.0.4; charset=utf-8');
      }
      const route = routes.find((r) => matches(r, method, path));
      if (!route) {
        const other = routes.some((r) => matches({ ...r, method: method as 'GET' }, method, path));
        return sendJson(res, other ? 405 : 404, {
          error: other ? 'method not allowed' : 'not found',
        });
      }
      await route.handle(req, res);
    } catch (error) {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { error: error.message });
        return;
      }
      log.error({ err: error, path, method }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.on('close', () => {
    closing = true;
  });
  const originalClose = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    closing = true;
    return originalClose(cb);
  }) as typeof server.close;
  return server;
}

export async function listen(
  server: Server,
  port: number,
  host = '0.0.0.0',
): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Long-lived streams (the web chat's event stream) end after a grace period.
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
