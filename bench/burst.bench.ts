/**
 * Bursts in one Slack channel, as people feel them: 30 people type a command (or press the
 * welcome's start button) within the same moment, and each waits for their own answer.
 * Measured from sending the request to the Web API stand-in receiving the answer (the
 * response_url POST, chat.postEphemeral or views.open), per person; p50, p99 and max per
 * burst, how many were answered, and modals tried after their trigger expired.
 *
 * The baseline: a bare Bolt app (HTTPReceiver) answering in its handlers with `respond()` and
 * `views.open`. Ours (`startApp`) twice: as deployed, `serve` and `worker` in two processes
 * (docker-compose.yml), and `all` in one. Each in processes of their own, all against one
 * Slack stand-in in this process that keeps Slack's rules (per-method rate tiers with 429, a
 * trigger opens one view within 3 s, response_url 5 uses), each with a token (workspace) of
 * its own, so none shares another's limits. Same run, in turn for each burst. Goals: all 30 answered, answer p99 <= 3x the bare app's, no modal
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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TEAM = 'T0DEMO01';
const CHANNEL = 'C0ALLIANTIE';
const API_PORT = 3499;
/** Bare Bolt; ours as deployed (`serve` + `worker`, two processes); ours in one process (`all`). */
const SIDES = ['bare', 'ours', 'all'] as const;
type Side = (typeof SIDES)[number];
/** A token each: the stand-in keeps Slack's limits per workspace (token), so none shares them. */
const TOKENS: Record<Side, string> = {
  bare: 'xoxb-burst-bare',
  ours: 'xoxb-burst-ours',
  all: 'xoxb-burst-all',
};
const PORTS: Record<Side, number> = { bare: 3401, ours: 3402, all: 3404 };

const api = new FakeSlackApi(TOKENS.ours, false);
for (const token of Object.values(TOKENS)) api.tokens.add(token);
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
    (_, i) => `U0${side.slice(0, 1).toUpperCase()}${tag}${String(i + 1).padStart(3, '0')}`,
  );

const redis = new Redis(REDIS_URL);
const server = (kind: string, side: Side, port: number) =>
  spawnServer('bench/burst-server.ts', [kind, String(port), SECRET], {
    BENCH_PREFIX: `${PREFIX}${side}:`,
    SLACK_API_URL: api.url,
    SLACK_BOT_TOKEN: TOKENS[side],
  });
const processes = [
  await server('bare', 'bare', PORTS.bare),
  await server('serve', 'ours', PORTS.ours),
  await server('worker', 'ours', 0),
  await server('all', 'all', PORTS.all),
];

interface Row {
  name: string;
  figures: Record<Side, BurstFigures>;
}
/** Each burst's figures, per round. */
const rounds = new Map<string, Record<Side, BurstFigures>[]>();
async function each(name: string, run: (side: Side) => Promise<BurstFigures>): Promise<void> {
  const figures = {} as Record<Side, BurstFigures>;
  for (const side of SIDES) figures[side] = await run(side);
  process.stdout.write(`${name}: ${JSON.stringify(figures)}\n`);
  rounds.set(name, [...(rounds.get(name) ?? []), figures]);
}

// Warm-up, not measured: a server that has been running is warm (code compiled, connections
// open). A few people each, other than those measured, so Slack's per-minute tiers
// (conversations.open: 50, views.open and users.info: 100) keep room for the bursts.
for (const side of SIDES) {
  await burst(side, people(side, 'WHL', 10), 'help');
  await burst(side, people(side, 'WJN', 5), 'aanmelden');
  await burst(side, people(side, 'WJN', 5), 'start');
}

// Rounds with a minute between them (each round's people are new): the machine's noise hits
// every side, and Slack's per-minute tiers have room again for the next round.
for (let round = 1; round <= ROUNDS; round++) {
  // One person alone, five times: the intake modal after `aanmelden` (the system idle).
  await each(
    `one person alone: \`aanmelden\` → modal (${SINGLES} people, one at a time)`,
    async (side) => {
      const all: BurstFigures = { of: SINGLES, answered: 0, latencies: [], expired: 0 };
      for (const user of people(side, `ON${round}`, SINGLES)) {
        const r = await burst(side, [user], 'aanmelden');
        all.answered += r.answered;
        all.expired += r.expired;
        all.latencies.push(...r.latencies);
      }
      all.latencies.sort((a, b) => a - b);
      return all;
    },
  );
  await each(`${PEOPLE} × \`help\``, (side) => burst(side, people(side, `HL${round}`), 'help'));
  await each(`${PEOPLE} × \`aanmelden\` while ${PEOPLE} others type \`hulp\``, (side) =>
    burst(side, people(side, `JN${round}`), 'aanmelden', {
      users: people(side, `HL${round}`),
      what: 'hulp',
    }),
  );
  await each(`${PEOPLE} × the welcome's start button (\`onboarding.start\`)`, (side) =>
    burst(side, people(side, `JN${round}`), 'start'),
  );
  if (round < ROUNDS) await new Promise((r) => setTimeout(r, 61_000));
}

/** Per burst and side, the round with the median p99. */
const results: Row[] = [...rounds].map(([name, list]) => {
  const figures = {} as Record<Side, BurstFigures>;
  for (const side of SIDES) {
    const sorted = list
      .map((f) => f[side])
      .sort((a, b) => percentile(a.latencies, 99) - percentile(b.latencies, 99));
    figures[side] = sorted[Math.floor((sorted.length - 1) / 2)] as BurstFigures;
  }
  return { name, figures };
});

for (const child of processes) await stopServer(child);
await api.stop();
await deleteKeys(redis, `${PREFIX}*`);
await redis.quit();

/** One figure of each side, `bare / ours / all`. */
const three = (row: Row, f: (b: BurstFigures) => string | number) =>
  SIDES.map((side) => f(row.figures[side])).join(' / ');
const p99 = (b: BurstFigures) => percentile(b.latencies, 99);
const ratio = (row: Row, side: Side) =>
  (p99(row.figures[side]) / Math.max(1, p99(row.figures.bare))).toFixed(2);
appendResults(
  `Slack bursts in one channel: ${PEOPLE} people at once, ${ROUNDS} rounds, ours vs bare Bolt`,
  [
    'burst',
    'answered (bare / ours / all)',
    'p50 ms',
    'p99 ms',
    'max ms',
    'modals tried after expiry',
    'p99 ratio ours',
    'p99 ratio all',
  ],
  results.map((row) => [
    row.name,
    three(row, (b) => `${b.answered}/${b.of}`),
    three(row, (b) => percentile(b.latencies, 50)),
    three(row, p99),
    three(row, (b) => b.latencies.at(-1) ?? Number.NaN),
    three(row, (b) => b.expired),
    ratio(row, 'ours'),
    ratio(row, 'all'),
  ]),
  [
    'What a person feels: from sending the request to the Slack stand-in receiving the answer they wait for (help: the response_url POST or chat.postEphemeral; `aanmelden` and the start button: views.open), per person; p99 of 30 is the slowest but one. Each cell: bare / ours / all, the round with the median p99 (rounds a minute apart, new people each).',
    'Goals: all answered; ours p99 <= 3x bare; no modal tried after its trigger expired (the stand-in refuses triggers older than 3 s, as Slack does); one person alone: the modal within 500 ms.',
    "bare: a Bolt App on its HTTPReceiver answering in its handlers (`respond()`, `views.open`), one process. ours: the bot as docker-compose.yml runs it, `alliance-bot serve` and `alliance-bot worker` (WORKER_CONCURRENCY 50), two processes. all: the bot in one process (`alliance-bot all`, what `npm start` runs). The Slack stand-in (per-method tiers with 429 and Retry-After, triggers 3 s and once, response_url 5 uses) and the load run in the bench process; one token (workspace) per app, so none shares another's limits. All on the same 2 cores; bare, ours, all in turn for each burst.",
    'All three warmed up first with other people (10 help, 5 aanmelden, 5 start button), not measured. Answered counts people who got that answer within 35 s; expired triggers are views.open calls the stand-in refused as `expired_trigger_id` or `trigger_exchanged`.',
  ],
);
process.exit(0);
