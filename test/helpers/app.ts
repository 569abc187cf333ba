/**
 * Starts the real app in-process for integration and end-to-end tests: local mode, a free
 * port, a fresh Redis key prefix, silent logs. `stop()` also deletes the test's keys.
 */
import { pino } from 'pino';
import { DEFAULT_LOCAL_CONFIG, EnvSchema, type Settings } from '../../src/config/env.js';
import { type App, startApp } from '../../src/main.js';
import { deletePrefix, freshPrefix, REDIS_SETTINGS, testRedis } from './redis.js';

export interface TestApp {
  app: App;
  baseUrl: string;
  prefix: string;
  stop(): Promise<void>;
}

export async function startTestApp(overrides: Partial<Settings> = {}): Promise<TestApp> {
  const prefix = freshPrefix('app');
  const settings: Settings = {
    ...EnvSchema.parse({}),
    ...REDIS_SETTINGS,
    REDIS_PREFIX: prefix,
    PORT: 0,
    LOG_LEVEL: 'silent',
    localMode: true,
    allianceConfigPath: DEFAULT_LOCAL_CONFIG,
    ...overrides,
  };
  const app = await startApp(settings, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }));
  if (!app.http) throw new Error('the test app serves HTTP');
  return {
    app,
    prefix,
    baseUrl: `http://127.0.0.1:${app.http.port}`,
    async stop() {
      await app.stop();
      const redis = testRedis();
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}
