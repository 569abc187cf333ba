/**
 * Bursts in one Slack channel, as people feel them: 30 people type a command (or press the
 * welcome's start button) within the same moment, and each waits for their own answer.
 * Measured from sending the request to the Web API stand-in receiving the answer (the
 * response_url POST, chat.postEphemeral or views.open), per person; p50, p99 and max per
 * burst, how many were answered, and modals tried after their trigger expired.
 *
 * Ours: the whole bot (`startApp`, web and workers in one process) in a process of its own;
 * the baseline: a bare Bolt app (HTTPReceiver) answering in its handlers with `respond()` and
 * `views.open`, in another; both against one Slack stand-in in this process that keeps
 * Slack's rules (per-method rate tiers with 429, a trigger opens one view within 3 s,
 * response_url 5 uses), each with a token of its own (separate rate limits). Same run, bare
 * first for each burst. Goals: all 30 answered, answer p99 <= 3x the bare app's, no modal
 * tried after its trigger expired; one person alone: the intake modal within 0.5 s.
 */
import { createHmac } from 'node:crypto';
import { Redis } from 'ioredis';
import { FakeSlackApi } from '../test/fakes/slack-api.js';
import { appendResults, deleteKeys, percentile, spawnServer, stopServer } from './lib.js';

const SECRET = 'bench-secret-0123456789abcdef';
const PREFIX = `bench:burst:${Date.now().toString(36)}:`;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PEOPLE = Number(process.env.BURST_PEOPLE ?? 30);
const SINGLES = 5;
const TEAM = 'T0DEMO01';
const CHANNEL = 'C0ALLIANTIE';
const API_PORT = 3499;
const TOKENS = { ours: 'xoxb-burst-ours', bare: 'xoxb-burst-bare' } as const;
const PORTS = { ours: 3402, bare: 3401 } as const;
type Side = keyof typeof PORTS;

const api = new FakeSlackApi(TOKENS.ours, false);
api.tokens.add(TOKENS.bare);
await api.start(API_PORT);

/** Every answer's arrival, per person. */
const arrivals = new Map<string, { method: string; at: number }[]>();
api.onAnswer = (a) => {
  const seen = arrivals.get(a.user) ?? [];
  seen.push({ method: a.method, at: a.at });
  arrivals.set(a.user, seen);
};
const triggerSide = new Map<string, Side>();

function sign(body: string) {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
}

async function post(side: Side, body: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${PORTS[side]}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) },
    body,
  });
  if (res.status !== 200) throw new Error(`${side} answered ${res.status}`);
  await res.arrayBuffer();
}

/** One person's request; returns when it was sent. */
async function request(side: Side, user: string, what: string): Promise<number> {
  // A real workspace's people: users.info finds them, with an address.
  if (!api.people.has(user)) api.people.set(user, { email: `${user.toLowerCase()}@example.org` });
  const trigger = api.trigger(user);
  triggerSide.set(trigger, side);
  const sent = Date.now();
  if (what === 'start') {
    const dm = `D${user.slice(1)}`;
    const payload = {
      type: 'block_actions',
      user: { id: user, team_id: TEAM },
      team: { id: TEAM },
      api_app_id: 'A0ALLIANTIE',
      trigger_id: trigger,
      response_url: api.responseUrl(user, dm),
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: dm },
      channel: { id: dm },
      actions: [{ action_id: 'onboarding.start', type: 'button', action_ts: `${sent / 1000}` }],
    };
    await post(side, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  } else {
    const fields = {
      token: 'xAbCdEfGhIjKlMnOpQrStUvW',
      team_id: TEAM,
      channel_id: CHANNEL,
      channel_name: 'alliantie',
      user_id: user,
      command: '/alliance',
      text: what,
      trigger_id: trigger,
      response_url: api.responseUrl(user, CHANNEL),
    };
    await post(side, new URLSearchParams(fields).toString());
  }
  return sent;
}

/** The answer a person waits for: help's message, or the modal. */
const ANSWER: Record<string, string[]> = {
  help: ['response_url', 'chat.postEphemeral'],
  hulp: ['response_url', 'chat.postEphemeral'],
  aanmelden: ['views.open'],
  start: ['views.open'],
};
/** When the answer to a request sent at `since` arrived (the first fitting one after it). */
const answeredAt = (user: string, what: string, since: number) => {
  const methods = ANSWER[what] ?? [];
  return (arrivals.get(user) ?? []).find((a) => a.at >= since && methods.includes(a.method))?.at;
};

interface BurstFigures {
  /** People who asked, and how many got their answer. */
  of: number;
  answered: number;
  latencies: number[];
  expired: number;
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Everyone in `users` sends `what` at once (and `alongside` people something else at the
 * same moment); waits up to 35 s for their answers.
 */
async function burst(
  side: Side,
  users: string[],
  what: string,
  alongside: { users: string[]; what: string } = { users: [], what: '' },
): Promise<BurstFigures> {
  const expiredBefore = api.deadTriggers.filter((d) => triggerSide.get(d.trigger) === side).length;
  const sent = new Map<string, number>();
  await Promise.all([
    ...users.map(async (u) => sent.set(u, await request(side, u, what))),
    ...alongside.users.map((u) => request(side, u, alongside.what)),
  ]);
  const answer = (u: string) => answeredAt(u, what, sent.get(u) ?? Number.POSITIVE_INFINITY);
  await waitFor(() => users.every((u) => answer(u) !== undefined), 35_000);
  await new Promise((r) => setTimeout(r, 1000)); // what comes after (welcomes) settles
  const latencies = users
    .map((u) => {
      const at = answer(u);
      return at === undefined ? undefined : at - (sent.get(u) ?? at);
    })
    .filter((ms): ms is number => ms !== undefined)
    .sort((a, b) => a - b);
  const expired =
    api.deadTriggers.filter((d) => triggerSide.get(d.trigger) === side).length - expiredBefore;
  return { of: users.length, answered: latencies.length, latencies, expired };
}

const people = (side: Side, tag: string, n = PEOPLE) =>
  Array.from(
    { length: n },
    (_, i) => `U0${side === 'ours' ? 'O' : 'B'}${tag}${String(i + 1).padStart(3, '0')}`,
  );

const redis = new Redis(REDIS_URL);
const env = { BENCH_PREFIX: PREFIX, SLACK_API_URL: api.url };
const bare = await spawnServer('bench/burst-server.ts', ['bare', String(PORTS.bare), SECRET], {
  ...env,
  SLACK_BOT_TOKEN: TOKENS.bare,
});
const ours = await spawnServer('bench/burst-server.ts', ['ours', String(PORTS.ours), SECRET], {
  ...env,
  SLACK_BOT_TOKEN: TOKENS.ours,
});

const results: { name: string; bare: BurstFigures; ours: BurstFigures }[] = [];
async function both(name: string, run: (side: Side) => Promise<BurstFigures>): Promise<void> {
  const b = await run('bare');
  const o = await run('ours');
  process.stdout.write(`${name}: bare ${JSON.stringify(b)}\n  ours ${JSON.stringify(o)}\n`);
  results.push({ name, bare: b, ours: o });
}

// Warm-up, not measured: a server that has been running is warm (code compiled, connections
// open). A few people each, other than those measured, so Slack's per-minute tiers
// (conversations.open: 50, views.open and users.info: 100) keep room for the bursts.
for (const side of ['bare', 'ours'] as const) {
  await burst(side, people(side, 'WHL', 10), 'help');
  await burst(side, people(side, 'WJN', 5), 'aanmelden');
  await burst(side, people(side, 'WJN', 5), 'start');
}

// One person alone, five times: the intake modal after `aanmelden` (the system idle).
await both(
  `one person alone: \`aanmelden\` → modal (${SINGLES} people, one at a time)`,
  async (side) => {
    const all: BurstFigures = { of: SINGLES, answered: 0, latencies: [], expired: 0 };
    for (const user of people(side, 'ONE', SINGLES)) {
      const r = await burst(side, [user], 'aanmelden');
      all.answered += r.answered;
      all.expired += r.expired;
      all.latencies.push(...r.latencies);
    }
    all.latencies.sort((a, b) => a - b);
    return all;
  },
);
await both(`${PEOPLE} × \`help\``, (side) => burst(side, people(side, 'HLP'), 'help'));
await both(`${PEOPLE} × \`aanmelden\` while ${PEOPLE} others type \`hulp\``, (side) =>
  burst(side, people(side, 'JON'), 'aanmelden', { users: people(side, 'HLP'), what: 'hulp' }),
);
await both(`${PEOPLE} × the welcome's start button (\`onboarding.start\`)`, (side) =>
  burst(side, people(side, 'JON'), 'start'),
);

await stopServer(ours);
await stopServer(bare);
await api.stop();
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();

const cell = (f: BurstFigures) => [
  `${f.answered}/${f.of}`,
  percentile(f.latencies, 50),
  percentile(f.latencies, 99),
  f.latencies.at(-1) ?? Number.NaN,
  f.expired,
];
appendResults(
  `Slack bursts in one channel: ${PEOPLE} people at once, ours vs bare Bolt`,
  [
    'burst',
    'bare answered',
    'bare p50 ms',
    'bare p99 ms',
    'bare max ms',
    'bare expired triggers',
    'ours answered',
    'ours p50 ms',
    'ours p99 ms',
    'ours max ms',
    'ours expired triggers',
    'p99 ratio',
  ],
  results.map(({ name, bare: b, ours: o }) => [
    name,
    ...cell(b),
    ...cell(o),
    (percentile(o.latencies, 99) / Math.max(1, percentile(b.latencies, 99))).toFixed(2),
  ]),
  [
    'What a person feels: from sending the request to the Slack stand-in receiving the answer they wait for (help: the response_url POST or chat.postEphemeral; `aanmelden` and the start button: views.open), per person; p99 of 30 is the slowest but one.',
    'Goals: all answered; ours p99 <= 3x bare; no modal tried after its trigger expired (the stand-in refuses triggers older than 3 s, as Slack does); one person alone: the modal within 500 ms.',
    'Both warmed up first with a few other people (10 help, 5 aanmelden, 5 start button), not measured. Ours: `startApp` with web and workers in one process (WORKER_CONCURRENCY 50); bare: a Bolt App on its HTTPReceiver answering in its handlers (`respond()`, `views.open`). Each in its own process; the stand-in (per-method tiers with 429 and Retry-After, triggers 3 s and once, response_url 5 uses) and the load in this one, one token per app. Bare first for each burst, then ours.',
    'Answered counts people who got that answer within 35 s; expired triggers are views.open calls the stand-in refused as `expired_trigger_id` or `trigger_exchanged`.',
  ],
);
process.exit(0);
