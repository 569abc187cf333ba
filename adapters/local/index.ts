/**
 * Builds the local adapter with its routes: `createLocalAdapter(options)`.
 */
import type { Logger } from 'pino';
import type { InboundEvent } from '../../src/core/events.js';
import {
  type HandleResult,
  type InboundSink,
  RetryableEventError,
} from '../../src/core/inbound.js';
import type { AllianceDirectory } from '../../src/domain/directory.js';
import type { Keys } from '../../src/store/keys.js';
import { type RedisClient, reportErrors } from '../../src/store/redis.js';
import { ChatLog } from './chat-log.js';
import { LocalAdapter } from './local-adapter.js';
import { localPersonalData } from './personal-data.js';
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
  reportErrors(subscriber, log, 'local chat');
  const { routes, stop } = await createLocalRoutes({
    adapter,
    handle: (event) => handleInRequest(sink, event),
    subscriber,
    channel: keys.localChannel(),
    log,
    host: options.host,
  });
  adapter.setRoutes(routes);
  const chatLog = [localPersonalData(redis, keys)];
  adapter.personalData = () => chatLog;
  adapter.stop = async () => {
    await stop();
    subscriber.disconnect();
  };
  return adapter;
}

/**
 * How long a web chat request keeps trying an event that failed inside or found its person
 * busy: longer than a person's lock lives (15 s), so a lock left by a process that died
 * mid-event has expired and the event is handled — not answered "busy" and dropped.
 */
const IN_REQUEST_RETRY_MS = 20_000;

/**
 * The web chat's stand-in for the queue's retries: the event is handled within the request,
 * retried while it fails retryably (a stale lock, Redis reconnecting), and only the last
 * attempt answers the person with the error.
 */
async function handleInRequest(sink: InboundSink, event: InboundEvent): Promise<HandleResult> {
  const deadline = Date.now() + IN_REQUEST_RETRY_MS;
  let delay = 50;
  for (;;) {
    const lastAttempt = Date.now() >= deadline;
    try {
      return await sink.handle(event, { lastAttempt });
    } catch (error) {
      if (lastAttempt || !(error instanceof RetryableEventError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 1_000);
    }
  }
}
