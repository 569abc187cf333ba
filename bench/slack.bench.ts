/**
 * Slack requests through our whole stack vs a bare Bolt app with no-op handlers: signed slash
 * commands and signed app_mention events (each request its own trigger or event id, signed
 * fresh), autocannon, 10 connections, same machine, same run, bare and ours measured in
 * alternating rounds. Prints and appends req/s, p50, p99 and the ratios to bench/RESULTS.md.
 * Goal: >= 0.8x the bare throughput, p99 <= 1.5x the bare p99 and never over 3 s.
 *
 * Ours is `alliance-bot serve` (verify, parse, append to the inbound journal, acknowledge) in a
 * process of its own; the Web API stand-in runs in another. The acknowledgement path is
 * measured with no worker running, as with workers on their own machines; then a worker
 * process starts and the bench reports how fast it works off the backlog (engine, answers
 * queued and sent to the stand-in) and the acknowledgement path again while the worker
 * shares the machine's two cores with it.
 */
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  appendResults,
  COMPARISON_HEADER,
  compare,
  comparisonRow,
  deleteKeys,
  spawnServer,
  stopServer,
  workerFigures,
} from './lib.js';

const SECRET = 'bench-secret-0123456789abcdef';
const PREFIX = `bench:slack:${Date.now().toString(36)}:`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function sign(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

let n = 0;
const slash = () => {
  n++;
  const body = new URLSearchParams({
    team_id: 'T0DEMO01',
    channel_id: 'C0ALLIANTIE',
    user_id: `U0B${n % 500}`,
    command: '/alliance',
    text: 'hulp',
    trigger_id: `${n}.${Date.now()}.bench`,
  }).toString();
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) } };
};
const mention = () => {
  n++;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: 'T0DEMO01',
    event_id: `EvB${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_mention',
      user: `U0B${n % 500}`,
      channel: 'C0ALLIANTIE',
      text: '<@U0BOT0001> hulp',
      ts: `${n}.1`,
    },
  });
  return { body, headers: { 'content-type': 'application/json', ...sign(body) } };
};
const KINDS = [
  ['slash command', slash],
  ['app_mention event', mention],
] as const;

const env = { BENCH_PREFIX: PREFIX };
const server = (kind: 'ours' | 'worker' | 'bare' | 'api', port: number) =>
  spawnServer('bench/slack-server.ts', [kind, String(port), SECRET], env);
const url = (port: number) => `http://127.0.0.1:${port}/slack/events`;

const redis = new Redis(REDIS_URL);

const api = await server('api', 3399);
const bare = await server('bare', 3301);
const ours = await server('ours', 3302);
const rows: (string | number)[][] = [];
for (const [name, make] of KINDS) {
  const result = await compare(url(3301), url(3302), make, {
    connections: CONNECTIONS,
    seconds: DURATION,
    rounds: ROUNDS,
  });
  process.stdout.write(`${name}: ${JSON.stringify(result)}\n`);
  rows.push(comparisonRow(name, result));
}
await stopServer(bare);

// The worker starts: how fast it works off what was acknowledged, then the acknowledgement
// path again with the worker busy beside it on the same two cores.
const worker = await workerFigures({
  redis,
  prefix: PREFIX,
  startWorker: () => server('worker', 0),
  windowSeconds: 10,
  load: KINDS.map(([name, make]) => ({ name, url: url(3302), make })),
  connections: CONNECTIONS,
  seconds: DURATION,
});
await stopServer(ours);
await stopServer(api);
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();

appendResults(
  `Slack: signed requests, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s`,
  COMPARISON_HEADER('bare Bolt'),
  rows,
  [
    'Goal: ratio >= 0.8; p99 <= 1.5x bare and never over 3 s. Each figure is the median of the rounds, bare and ours alternating.',
    'Ours: `alliance-bot serve` (Bolt’s signature check, parse, one append to the inbound journal, acknowledge), with no worker running during these rounds, as with workers on machines of their own.',
    `Worker (\`alliance-bot worker\`, one process, concurrency 50): ${worker.queued} events waiting; it worked them off at ${Math.round(worker.perSecond)} events/s (journal to queue, engine, answers queued and sent to the Web API stand-in, paced per channel; ${worker.delivered} delivered by the end).`,
    `Acknowledgement path with that worker busy beside it on the same 2 cores: ${worker.beside.join('; ')}.`,
  ],
);
process.exit(0);
