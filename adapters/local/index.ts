/**
 * Builds the local adapter with its routes: `createLocalAdapter(options)`.
 */
import type { Logger } from 'pino';
import type { InboundSink } from '../../src/core/inbound.js';
import type { AllianceDirectory } from '../../src/domain/directory.js';
import type { Keys } from '../../src/store/keys.js';
import type { RedisClient } from '../../src/store/redis.js';
import { ChatLog } from './chat-log.js';
import { LocalAdapter } from './local-adapter.js';
import { createLocalRoutes } from './routes.js';

export { BOT_ID, directConversationOf, LocalAdapter } from './local-adapter.js';

export interface LocalAdapterOptions {
  redis: RedisClient;
  keys: Keys;
  directory: AllianceDirectory;
  /**
   * The one inbound sink. The web chat handles each message within its request (`handle`):
   * it runs in one process with its workers (local mode), and the page shows the answer.
   */
  sink: InboundSink;
  log: Logger;
  /** HOST: a name the web chat answers to besides localhost, 127.0.0.1 and [::1]. */
  host?: string | undefined;
}

export async function createLocalAdapter(options: LocalAdapterOptions): Promise<LocalAdapter> {
  const { redis, keys, directory, sink, log } = options;
  const adapter = new LocalAdapter(directory, new ChatLog(redis, keys));
  const subscriber = redis.duplicate();
  const { routes, stop } = await createLocalRoutes({
    adapter,
    handle: (event) => sink.handle(event),
    subscriber,
    channel: keys.localChannel(),
    log,
    host: options.host,
  });
  adapter.setRoutes(routes);
  adapter.stop = async () => {
    await stop();
    subscriber.disconnect();
  };
  return adapter;
}
