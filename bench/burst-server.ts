/**
 * A server for bench/burst.bench.ts, in its own process: the bot in Slack mode talking to the
 * Web API stand-in at SLACK_API_URL, as `all` (web and workers in one process, as
 * `alliance-bot all` runs it), `serve` (the web process) or `worker` (the worker process
 * beside it, as docker-compose.yml runs them); or `bare` (a bare Bolt app on its HTTP receiver
 * that answers in its handlers the way Bolt's documentation shows: `respond()` for help,
 * `views.open` with the trigger for the intake form and for the welcome's start button).
 */
import bolt from '@slack/bolt';
import { pino } from 'pino';
import { EnvSchema, type Settings } from '../src/config/env.js';
import { startApp } from '../src/main.js';

const [kind = 'ours', portText = '0', secret = 'bench-secret'] = process.argv.slice(2);
const port = Number(portText);
const apiUrl = process.env.SLACK_API_URL ?? 'http://127.0.0.1:3499/api/';
const token = process.env.SLACK_BOT_TOKEN ?? 'xoxb-bench';

/** The bare app's intake form: a modal of the same size as ours (a few inputs). */
const intakeView = {
  type: 'modal' as const,
  callback_id: 'intake',
  title: { type: 'plain_text' as const, text: 'Aanmelden' },
  submit: { type: 'plain_text' as const, text: 'Versturen' },
  blocks: ['Naam', 'Organisatie', 'Rol', 'Doelen'].map((label, i) => ({
    type: 'input' as const,
    block_id: `f${i}`,
    label: { type: 'plain_text' as const, text: label },
    element: { type: 'plain_text_input' as const, action_id: 'value' },
  })),
};

if (kind === 'bare') {
  const receiver = new bolt.HTTPReceiver({ signingSecret: secret, endpoints: '/slack/events' });
  const app = new bolt.App({
    authorize: async () => ({ botToken: token, botId: 'B0BARE001', botUserId: 'U0BARE001' }),
    receiver,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command('/alliance', async ({ ack, command, respond, client }) => {
    await ack();
    const word = command.text.trim().split(/\s+/)[0] ?? '';
    if (word === 'aanmelden' || word === 'join') {
      await client.views.open({ trigger_id: command.trigger_id, view: intakeView });
      return;
    }
    await respond({
      response_type: 'ephemeral',
      text: 'Wat ik voor je kan doen',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hulp*, *aanmelden*, …' } }],
    });
  });
  app.action('onboarding.start', async ({ ack, body, client }) => {
    await ack();
    if ('trigger_id' in body)
      await client.views.open({ trigger_id: body.trigger_id, view: intakeView });
  });
  await app.start(port);
} else {
  const settings: Settings = {
    ...EnvSchema.parse({}),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: process.env.BENCH_PREFIX ?? 'bench:burst:',
    PORT: port,
    LOG_LEVEL: 'silent',
    localMode: false,
    allianceConfigPath: 'examples/energieregio.yaml',
    SLACK_SIGNING_SECRET: secret,
    SLACK_BOT_TOKEN: token,
    SLACK_API_URL: apiUrl,
    WORKER_CONCURRENCY: 50,
  };
  await startApp(settings, pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' }), {
    web: kind !== 'worker',
    worker: kind !== 'serve',
  });
}
// Exit on SIGTERM as a normal exit (so `--cpu-prof` profiles of a run get written).
process.on('SIGTERM', () => process.exit(0));
process.stdout.write('ready\n');
