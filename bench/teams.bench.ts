/**
 * Teams activities through our whole stack vs a bare Agents SDK CloudAdapter with a no-op
 * handler: the same JWT check by the SDK against a local issuer, the same run, autocannon with
 * 10 connections, bare and ours measured in alternating rounds. Prints and appends req/s, p50,
 * p99 and the ratio to bench/RESULTS.md. Goal: >= 0.8x the bare throughput.
 *
 * Ours is `alliance-bot serve`: the SDK's token check and turn, parse, the conversation
 * reference kept, one append to the inbound journal, the answer; no worker runs during these
 * rounds. Then a worker process starts (replies go to a Bot Connector stand-in in a process of
 * its own, Microsoft's login faked) and the bench reports how fast it works off the backlog,
 * and the acknowledgement path again with the worker busy beside it.
 */
import { Redis } from 'ioredis';
import { TeamsIssuer } from '../test/fakes/teams-issuer.js';
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

const APP_ID = '11111111-2222-3333-4444-555555555555';
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const PREFIX = `bench:teams:${Date.now().toString(36)}:`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 10;

const issuer = new TeamsIssuer(APP_ID, TENANT);
await issuer.start();
const token = await issuer.token();

let n = 0;
const activity = () => {
  n++;
  const user = `29:1bench${n % 500}`;
  const body = JSON.stringify({
    type: 'message',
    id: `bench-${n}-${Date.now()}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:3499/',
    from: { id: user, name: 'Bench' },
    recipient: { id: `28:${APP_ID}`, name: 'Alliantiebot' },
    conversation: { id: `a:dm-${user}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: 'hulp',
    locale: 'nl-NL',
  });
  return {
    body,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  };
};

const env = {
  BENCH_PREFIX: PREFIX,
  TEAMS_APP_ID: APP_ID,
  TEAMS_TENANT_ID: TENANT,
  TEAMS_AUTHORITY_ENDPOINT: issuer.url,
};
const bare = await spawnServer('bench/teams-server.ts', ['bare', '3401'], env);
const ours = await spawnServer('bench/teams-server.ts', ['ours', '3402'], env);
const result = await compare(
  'http://127.0.0.1:3401/api/messages',
  'http://127.0.0.1:3402/api/messages',
  activity,
  { connections: CONNECTIONS, seconds: DURATION, rounds: ROUNDS },
);
await stopServer(bare);
process.stdout.write(`${JSON.stringify(result)}\n`);
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connector = await spawnServer('bench/teams-server.ts', ['connector', '3499'], env);
const worker = await workerFigures({
  redis,
  prefix: PREFIX,
  startWorker: () => spawnServer('bench/teams-server.ts', ['worker', '0'], env),
  windowSeconds: 10,
  load: [{ name: 'personal message', url: 'http://127.0.0.1:3402/api/messages', make: activity }],
  connections: CONNECTIONS,
  seconds: DURATION,
});
await stopServer(ours);
await stopServer(connector);
await issuer.stop();
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();
appendResults(
  `Teams: signed activities, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s`,
  COMPARISON_HEADER('bare SDK'),
  [comparisonRow('personal message "hulp"', result)],
  [
    'Goal: ratio >= 0.8. Each figure is the median of the rounds, bare and ours alternating. Both check the JWT with the SDK (local issuer, keys cached) and run the turn through CloudAdapter.process; the bare adapter also gets a connector token per turn (login faked), ours needs none (answers leave later from the queue).',
    'Ours: `alliance-bot serve` (SDK check and turn, parse, conversation reference, one append to the inbound journal, answer), with no worker running during these rounds, as with workers on machines of their own.',
    `Worker (\`alliance-bot worker\`, one process, concurrency 50): ${worker.queued} activities waiting; it worked them off at ${Math.round(worker.perSecond)} activities/s (journal to queue, engine, replies queued and sent to the Bot Connector stand-in, paced at Teams' 50 a second per tenant; ${worker.delivered} delivered by the end).`,
    `Acknowledgement path with that worker busy beside it on the same 2 cores: ${worker.beside.join('; ')}.`,
  ],
);
process.exit(0);
