/**
 * A server for bench/slack.bench.ts, in its own process so the load tool does not share its
 * CPU: `ours` (the whole bot in Slack mode, workers included, talking to a Web API stand-in
 * at SLACK_API_URL), `bare` (a bare Bolt app on its HTTP receiver with no-op handlers) or
 * `api` (the Web API stand-in itself, in a process of its own: Slack's work is not ours).
 */
import bolt from '@slack/bolt';
import { pino } from 'pino';
import { EnvSchema, type Settings } from '../src/config/env.js';
import { startApp } from '../src/main.js';
import { FakeSlackApi } from '../test/fakes/slack-api.js';

const [kind = 'ours', portText = '0', secret = 'bench-secret'] = process.argv.slice(2);
const port = Number(portText);

if (kind === 'bare') {
  const receiver = new bolt.HTTPReceiver({ signingSecret: secret, endpoints: '/slack/events' });
  // authorize given up front: no auth.test call (there is no network here, and none is needed).
  const app = new bolt.App({
    authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BOT0001', botUserId: 'U0BOT0001' }),
    receiver,
    logLevel: process.env.BOLT_DEBUG ? bolt.LogLevel.DEBUG : bolt.LogLevel.ERROR,
  });
  app.command('/alliance', async ({ ack }) => {
    await ack();
  });
  app.event('app_mention', async () => undefined);
  await app.start(port);
} else if (kind === 'api') {
  const api = new FakeSlackApi('xoxb-bench', false);
  await api.start(port);
} else {
  const settings: Settings = {
    ...EnvSchema.parse({}),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: process.env.BENCH_PREFIX ?? 'bench:slack:',
    PORT: port,
    LOG_LEVEL: 'silent',
    localMode: false,
    allianceConfigPath: 'examples/energieregio.yaml',
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: process.env.SLACK_API_URL ?? 'http://127.0.0.1:3399/api/',
    WORKER_CONCURRENCY: 50,
  };
  // `ours` is the web process (`alliance-bot serve`); `worker` the worker process beside it.
  await startApp(settings, pino({ level: 'silent' }), {
    web: kind === 'ours',
    worker: kind === 'worker',
  });
}
process.stdout.write('ready\n');
