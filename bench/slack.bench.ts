/**
 * Slack requests through our whole stack vs a bare Bolt app with no-op handlers: signed slash
 * commands and signed app_mention events (each request its own trigger or event id, signed
 * fresh), autocannon, 10 connections, same machine, same run. Prints and appends req/s, p50,
 * p99 and the ratios to bench/RESULTS.md.
 * Goal: >= 0.8x the bare throughput, p99 <= 1.5x the bare p99 and never over 3 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { appendResults, deleteKeys } from './lib.js';

const SECRET = 'bench-secret-0123456789abcdef';
const PREFIX = `bench:slack:${Date.now().toString(36)}:`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;

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

async function server(
  kind: 'ours' | 'worker' | 'bare' | 'api',
  port: number,
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/slack-server.ts', kind, String(port), SECRET],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', BENCH_PREFIX: PREFIX },
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return child;
}

async function load(port: number, make: () => { body: string; headers: Record<string, string> }) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/slack/events`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({ ...req, ...make() }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const api = await server('api', 3399);
const rows: (string | number)[][] = [];
for (const [name, make] of [
  ['slash command', slash],
  ['app_mention event', mention],
] as const) {
  const bare = await server('bare', 3301);
  await load(3301, make); // warm-up
  const b = await load(3301, make);
  bare.kill('SIGTERM');
  const ours = await server('ours', 3302);
  const worker = await server('worker', 0);
  await load(3302, make);
  const o = await load(3302, make);
  ours.kill('SIGTERM');
  worker.kill('SIGTERM');
  process.stdout.write(`${name}: bare ${JSON.stringify(b)} ours ${JSON.stringify(o)}\n`);
  rows.push([
    name,
    Math.round(b.rps),
    Math.round(o.rps),
    (o.rps / b.rps).toFixed(2),
    b.p50,
    o.p50,
    b.p99,
    o.p99,
    (o.p99 / Math.max(1, b.p99)).toFixed(2),
    o.non2xx + o.errors,
  ]);
}
api.kill('SIGTERM');
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();
appendResults(
  `Slack: signed requests, ${CONNECTIONS} connections, ${DURATION} s each`,
  [
    'request',
    'bare Bolt req/s',
    'Alliantiebot req/s',
    'ratio',
    'bare p50 ms',
    'ours p50 ms',
    'bare p99 ms',
    'ours p99 ms',
    'p99 ratio',
    'ours non-2xx/errors',
  ],
  rows,
  [
    'Goal: ratio >= 0.8; p99 <= 1.5x bare and never over 3 s. Ours: `alliance-bot serve` (verify, queue, acknowledge) with an `alliance-bot worker` process beside it (engine and deliveries), as in production; the Web API stand-in runs in a process of its own.',
  ],
);
