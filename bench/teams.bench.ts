/**
 * Teams activities through our whole stack (`serve` role: the SDK's JWT check, parse, queue,
 * answer) vs a bare Agents SDK CloudAdapter with a no-op handler, same token check, same run,
 * autocannon with 10 connections. Prints and appends req/s, p50, p99 and the ratio to
 * bench/RESULTS.md. Goal: >= 0.8x the bare throughput.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { TeamsIssuer } from '../test/fakes/teams-issuer.js';
import { appendResults, deleteKeys } from './lib.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const PREFIX = `bench:teams:${Date.now().toString(36)}:`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 10;

const issuer = new TeamsIssuer(APP_ID, TENANT);
await issuer.start();
const token = await issuer.token();

let n = 0;
const activity = () => {
  n++;
  const user = `29:1bench${n % 500}`;
  return JSON.stringify({
    type: 'message',
    id: `bench-${n}-${Date.now()}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: user, name: 'Bench' },
    recipient: { id: `28:${APP_ID}`, name: 'Alliantiebot' },
    conversation: { id: `a:dm-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: 'hulp',
    locale: 'nl-NL',
  });
};

async function server(kind: 'ours' | 'bare', port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/teams-server.ts', kind, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BENCH_PREFIX: PREFIX,
        TEAMS_APP_ID: APP_ID,
        TEAMS_TENANT_ID: TENANT,
        TEAMS_AUTHORITY_ENDPOINT: issuer.url,
      },
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${kind} server exited ${code}`)));
  });
  return child;
}

async function load(port: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/messages`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          body: activity(),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        }),
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors,
  };
}

const bare = await server('bare', 3401);
await load(3401); // warm-up
const b = await load(3401);
bare.kill('SIGTERM');
const ours = await server('ours', 3402);
await load(3402);
const o = await load(3402);
ours.kill('SIGTERM');
await issuer.stop();
process.stdout.write(`bare ${JSON.stringify(b)} ours ${JSON.stringify(o)}\n`);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();
appendResults(
  `Teams: signed activities, ${CONNECTIONS} connections, ${DURATION} s each`,
  [
    'activity',
    'bare SDK req/s',
    'Alliantiebot req/s',
    'ratio',
    'bare p50 ms',
    'ours p50 ms',
    'bare p99 ms',
    'ours p99 ms',
    'bare non-2xx/errors',
    'ours non-2xx/errors',
  ],
  [
    [
      'personal message "hulp"',
      Math.round(b.rps),
      Math.round(o.rps),
      (o.rps / b.rps).toFixed(2),
      b.p50,
      o.p50,
      b.p99,
      o.p99,
      b.bad,
      o.bad,
    ],
  ],
  [
    'Goal: ratio >= 0.8. Both check the JWT with the SDK (local issuer, keys cached) and get a connector token per turn (login faked). Ours: `alliance-bot serve` (SDK check, parse, store the conversation reference, queue, answer); the worker that replies was not running in this measurement.',
  ],
);
process.exit(0);
