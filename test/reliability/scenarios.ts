/**
 * The fault scenarios, each run short in `npm test` (*.fast.test.ts) and long in
 * `npm run test:reliability` (*.long.test.ts):
 *
 * - localIntakeFanout: the whole app in one process (`all`, local mode) while N people send
 *   their intake form, each introduced in the alliance channel; the process is SIGKILLed
 *   `kills` times at random moments and started again. The driver plays the browser: a request
 *   cut off is sent again with the same client id (the same event). Every introduction must
 *   arrive; doubles are counted at the platform stand-in (see app-process.ts).
 * - slackWorkerKills: `serve` and `worker` apart, Slack over HTTP to a Web API stand-in; N
 *   direct messages acknowledged through the inbound journal while the worker is SIGKILLed
 *   `kills` times. Every message must be answered; doubles counted at the stand-in.
 * - redisRestart: the same, on a redis-server of the test's own (appendonly yes, appendfsync
 *   always) that is crashed (SIGKILL) and started again mid-run, and left down for a while:
 *   webhooks answered 5xx meanwhile (Slack retries them), no acknowledged event, reminder or
 *   schedule lost.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { loadAllianceConfig } from '../../src/config/alliance-config.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { QueueSchedules } from '../../src/queue/schedules.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { deletePrefix, freshPrefix, REDIS_URL } from '../helpers/redis.js';
import { postJson, SIGNING_SECRET } from '../helpers/slack.js';
import {
  AppProcess,
  doubles,
  freePort,
  inParallel,
  PrivateRedis,
  report,
  tally,
  waitFor,
} from './harness.js';

const ALLIANCE = 'energieregio-west';
const CHANNEL = 'local:demo:alliantie';
/** Quick recovery of a killed worker's jobs (the defaults are 30 s and 15 s). */
const QUEUE_ENV = { QUEUE_LOCK_MS: '2000', QUEUE_STALLED_MS: '1000', WORKER_CONCURRENCY: '10' };

const PlatformEntrySchema = z.object({
  key: z.string().nullable(),
  conversationId: z.string(),
  text: z.string(),
});
type PlatformEntry = z.infer<typeof PlatformEntrySchema>;

async function platformEntries(redis: Redis, key: string): Promise<PlatformEntry[]> {
  const raw = await redis.lrange(key, 0, -1);
  return raw.map((r) => PlatformEntrySchema.parse(JSON.parse(r)));
}

/** The app's queues under a prefix, read from the test (one Queue object each). */
function appQueues(redis: Redis, prefix: string): Record<string, Queue> {
  const of = (name: string) =>
    new Queue(name, { connection: redis, prefix: `${prefix}{alliantiebot}` });
  return {
    inbound: of('inbound'),
    delivery: of('delivery'),
    reminders: of('reminders'),
    schedules: of('schedules'),
  };
}

/** Jobs not yet finished in the app's queues, failed ones, and the journal's entries. */
async function queueLeft(
  redis: Redis,
  prefix: string,
  queues: Record<string, Queue>,
): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const [name, queue] of Object.entries(queues)) {
    const counts = await queue.getJobCounts('waiting', 'active', 'failed', 'prioritized');
    for (const [state, n] of Object.entries(counts)) if (n > 0) left[`${name}.${state}`] = n;
  }
  const journal = await redis.xlen(`${prefix}{alliantiebot}:inbound-journal`);
  if (journal > 0) left.journal = journal;
  return left;
}

const failedOf = (left: Record<string, number>) =>
  Object.entries(left)
    .filter(([k]) => k.endsWith('.failed'))
    .reduce((sum, [, n]) => sum + n, 0);

/** A random moment in [from, to) of a run, as a share of the work done. */
function killPoints(kills: number, from = 0.15, to = 0.85): number[] {
  const points: number[] = [];
  for (let i = 0; i < kills; i++) {
    const lo = from + ((to - from) * i) / kills;
    const hi = from + ((to - from) * (i + 1)) / kills;
    points.push(lo + Math.random() * (hi - lo));
  }
  return points;
}

export interface Figures {
  expected: number;
  delivered: number;
  lost: number;
  doubles: number;
  kills: number;
  [other: string]: number;
}

// ---------------------------------------------------------------- local: intake fan-out

/** The example config with `people` generated personas (the local chat's people). */
function configWith(people: number, dir: string): string {
  const config = parse(readFileSync('examples/energieregio.yaml', 'utf8')) as {
    local: { personas: Record<string, unknown>[] };
  };
  const kept = config.local.personas.filter((p) =>
    ['local:demo:joost', 'local:demo:fatima'].includes(String(p.id)),
  );
  config.local.personas = [
    ...kept,
    ...Array.from({ length: people }, (_, i) => ({
      id: personId(i),
      name: personName(i),
      alliance: ALLIANCE,
    })),
  ];
  const file = join(dir, 'alliance.yaml');
  writeFileSync(file, stringify(config));
  return file;
}
const personId = (i: number) => `local:demo:p${String(i).padStart(4, '0')}`;
const personName = (i: number) => `Persoon ${String(i).padStart(4, '0')}`;

async function submitIntake(baseUrl: string, i: number): Promise<number> {
  const as = personId(i);
  const res = await fetch(`${baseUrl}/local/api/forms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      as,
      conversation: `local:demo:dm-p${String(i).padStart(4, '0')}`,
      messageId: `intake-${i}`,
      formId: 'onboarding.intake',
      context: ALLIANCE,
      clientId: `intake-${i}`,
      values: {
        name: personName(i),
        organisation: 'Gemeente Leiden',
        organisationType: 'gemeente',
        role: 'Beleidsadviseur',
        goals: 'Samen zon op daken',
        offers: 'Kennis van vergunningen',
        needs: 'Netcapaciteit',
        topics: ['zon'],
        language: 'nl',
      },
    }),
  });
  await res.arrayBuffer();
  return res.status;
}

export async function localIntakeFanout(options: {
  people: number;
  kills: number;
  timeoutMs: number;
}): Promise<Figures> {
  const { people, kills } = options;
  const dir = mkdtempSync(join(tmpdir(), 'alliantiebot-fanout-'));
  const prefix = freshPrefix('fanout');
  const platformLog = `${prefix}platform`;
  const port = await freePort();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = appQueues(redis, prefix);
  const app = new AppProcess('all', () => ({
    ...QUEUE_ENV,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    PORT: String(port),
    ALLIANCE_CONFIG: configWith(people, dir),
    RELIABILITY_PLATFORM_LOG: platformLog,
  }));
  const intros = async () =>
    (await platformEntries(redis, platformLog)).filter(
      (e) => e.conversationId === CHANNEL && e.text.includes('Persoon '),
    );
  let retries = 0;
  let answered = 0;
  try {
    await app.start();
    // The driver: every person's intake, sent again (same client id) until it is answered 202.
    const driver = inParallel(
      Array.from({ length: people }, (_, i) => i),
      12,
      async (i) => {
        for (;;) {
          try {
            const status = await submitIntake(app.baseUrl, i);
            if (status === 202) {
              answered++;
              return;
            }
            if (status < 500) throw new Error(`intake ${i}: ${status}`);
          } catch (error) {
            if (error instanceof Error && error.message.startsWith('intake')) throw error;
          }
          retries++;
          await waitFor(() => app.ready || 'app down', options.timeoutMs, 50);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    );
    // The killer: SIGKILL at random moments of the run, then start again at once.
    for (const point of killPoints(kills)) {
      await waitFor(
        async () => {
          const n = (await intros()).length;
          return n >= point * people || `${n} introductions before kill at ${point.toFixed(2)}`;
        },
        options.timeoutMs,
        20,
      );
      await app.kill();
      await app.start();
    }
    await driver;
    await waitFor(
      async () => {
        const seen = new Set((await intros()).map((e) => e.text.match(/Persoon \d{4}/)?.[0]));
        return seen.size >= people || `${seen.size} of ${people} introduced`;
      },
      options.timeoutMs,
      200,
    );
    await waitFor(
      async () => {
        const left = await queueLeft(redis, prefix, queues);
        const busy = Object.entries(left).filter(([k]) => !k.endsWith('.failed'));
        return busy.length === 0 || `still queued: ${JSON.stringify(left)}`;
      },
      options.timeoutMs,
      200,
    );
    const all = await platformEntries(redis, platformLog);
    const introNames = (await intros()).map((e) => e.text.match(/Persoon \d{4}/)?.[0] ?? '?');
    const byName = tally(introNames);
    const byKey = tally(all.map((e) => e.key ?? `no key: ${e.text}`));
    const left = await queueLeft(redis, prefix, queues);
    const figures: Figures = {
      expected: people,
      delivered: byName.size,
      lost: people - byName.size,
      doubles: doubles(byName),
      kills: app.kills,
      messages: all.length,
      messageDoubles: doubles(byKey),
      requestRetries: retries,
      answered,
      failedJobs: failedOf(left),
    };
    report(`local intake fan-out (${people} people, ${kills} kills)`, figures);
    return figures;
  } finally {
    await app.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Slack: worker kills

/**
 * A direct message `hulp`, each from a person of its own: the answer goes to their direct chat
 * (`D…`, opened with conversations.open), so answers per channel are answers per event.
 */
function dmEvent(i: number, tag: string) {
  return {
    type: 'event_callback',
    team_id: 'T0DEMO01',
    event_id: `Ev${tag}${String(i).padStart(5, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'message',
      channel_type: 'im',
      channel: dmChannel(i, tag),
      user: `U${tag}${String(i).padStart(5, '0')}`,
      text: 'hulp',
      ts: `${1_700_000_000 + i}.000100`,
    },
  };
}
const dmChannel = (i: number, tag: string) => `D${tag}${String(i).padStart(5, '0')}`;

/** Answers per DM channel at the stand-in (every chat.postMessage it accepted). */
function answersByChannel(api: FakeSlackApi, tag: string): Map<string, number> {
  return tally(
    api
      .of('chat.postMessage')
      .map((c) => String(c.args.channel))
      .filter((c) => c.startsWith(`D${tag}`)),
  );
}

/** Posts one event until it is acknowledged (200), as Slack retries what was not. */
async function deliverEvent(
  url: () => string,
  event: unknown,
  counts: { refused: number },
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await postJson(url(), event, attempt > 0 ? { retryNum: attempt } : {});
      await res.arrayBuffer();
      if (res.status === 200) return;
      if (res.status < 500) throw new Error(`event refused with ${res.status}`);
      counts.refused++;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('event refused')) throw error;
      counts.refused++;
    }
    if (Date.now() > deadline) throw new Error('an event was never acknowledged');
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
  }
}

interface SlackWorld {
  api: FakeSlackApi;
  web: AppProcess;
  worker: AppProcess;
  prefix: string;
  redisUrl: () => string;
}

async function slackWorld(redisUrl: () => string): Promise<SlackWorld> {
  // chat.postMessage limited as Slack does; the lookups and the opening of direct chats a
  // person's first message brings (Tier 3 and 4) not in the way of hundreds of new people.
  const wide = { limit: 100_000, ms: 60_000 };
  const api = new FakeSlackApi('xoxb-reliability', true, {
    tiers: { 'users.info': wide, 'users.lookupByEmail': wide, 'conversations.open': wide },
  });
  await api.start();
  const prefix = freshPrefix('slack-faults');
  const port = await freePort();
  const env = () => ({
    ...QUEUE_ENV,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    PORT: String(port),
    ALLIANCE_CONFIG: 'examples/energieregio.yaml',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: api.token,
    SLACK_API_URL: api.url,
  });
  return {
    api,
    web: new AppProcess('serve', env),
    worker: new AppProcess('worker', env),
    prefix,
    redisUrl,
  };
}

export async function slackWorkerKills(options: {
  events: number;
  kills: number;
  timeoutMs: number;
}): Promise<Figures> {
  const { events, kills } = options;
  const world = await slackWorld(() => REDIS_URL);
  const { api, web, worker, prefix } = world;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = appQueues(redis, prefix);
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const counts = { refused: 0 };
  try {
    await Promise.all([web.start(), worker.start()]);
    const url = () => `${web.baseUrl}/slack/events`;
    const sending = inParallel(
      Array.from({ length: events }, (_, i) => i),
      8,
      (i) => deliverEvent(url, dmEvent(i, tag), counts, options.timeoutMs),
    );
    for (const point of killPoints(kills)) {
      await waitFor(
        () => {
          const n = answersByChannel(api, tag).size;
          return n >= point * events || `${n} answered before kill at ${point.toFixed(2)}`;
        },
        options.timeoutMs,
        20,
      );
      await worker.kill();
      await worker.start();
    }
    await sending;
    await waitFor(
      () => {
        const n = answersByChannel(api, tag).size;
        return n >= events || `${n} of ${events} answered`;
      },
      options.timeoutMs,
      200,
    );
    await waitFor(
      async () => {
        const left = await queueLeft(redis, prefix, queues);
        const busy = Object.entries(left).filter(([k]) => !k.endsWith('.failed'));
        return busy.length === 0 || `still queued: ${JSON.stringify(left)}`;
      },
      options.timeoutMs,
      200,
    );
    const answered = answersByChannel(api, tag);
    const left = await queueLeft(redis, prefix, queues);
    const figures: Figures = {
      expected: events,
      delivered: answered.size,
      lost: events - answered.size,
      doubles: doubles(answered),
      kills: worker.kills,
      refusedWebhooks: counts.refused,
      failedJobs: failedOf(left),
    };
    report(`Slack worker kills (${events} events, ${kills} kills)`, figures);
    return figures;
  } finally {
    await worker.stop();
    await web.stop();
    await api.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
  }
}

// ---------------------------------------------------------------- Redis restart (AOF)

/** A person joining the alliance channel: a welcome and a reminder (nudge) for 48 h later. */
function joinEvent(i: number, tag: string) {
  return {
    type: 'event_callback',
    team_id: 'T0DEMO01',
    event_id: `EvJ${tag}${String(i).padStart(5, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'member_joined_channel',
      channel: 'C0ALLIANTIE',
      channel_type: 'C',
      team: 'T0DEMO01',
      user: `U0J${tag}${String(i).padStart(4, '0')}`,
    },
  };
}

export async function redisRestart(options: {
  events: number;
  joins: number;
  restarts: number;
  timeoutMs: number;
}): Promise<Figures> {
  const { events, joins, restarts } = options;
  const server = new PrivateRedis();
  await server.start();
  const world = await slackWorld(() => server.url);
  const { api, web, worker, prefix } = world;
  const redis = new Redis(server.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const queues = appQueues(redis, prefix);
  const tag = Math.random().toString(36).slice(2, 6).toUpperCase();
  const counts = { refused: 0 };
  const reminders = async () =>
    (await (queues.reminders as Queue).getJobCounts('delayed')).delayed ?? 0;
  const schedulers = () => (queues.schedules as Queue).getJobSchedulersCount();
  let down = 0;
  try {
    await Promise.all([web.start(), worker.start()]);
    const url = () => `${web.baseUrl}/slack/events`;
    // People join: each gets a welcome and a reminder 48 h later; the alliance has its schedules.
    await inParallel(
      Array.from({ length: joins }, (_, i) => i),
      8,
      (i) => deliverEvent(url, joinEvent(i, tag), counts, options.timeoutMs),
    );
    await waitFor(
      async () => {
        const n = await reminders();
        return n >= joins || `${n} of ${joins} reminders scheduled`;
      },
      options.timeoutMs,
      100,
    );
    // Schedules of the alliance (job schedulers, as the flows make them), not due for months.
    const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
    const schedules = new QueueSchedules(queues.schedules as Queue, directory);
    for (let s = 0; s < 5; s++) {
      await schedules.upsert(ALLIANCE, {
        id: `reliability-${s}`,
        flow: 'onboarding',
        kind: 'digest',
        cron: `0 10 1 ${((new Date().getMonth() + 6) % 12) + 1} *`,
      });
    }
    const remindersBefore = await reminders();
    const schedulersBefore = await schedulers();

    // Acknowledged with no worker running: these wait in the journal when Redis crashes.
    await worker.kill();
    const half = Math.floor(events / 2);
    await inParallel(
      Array.from({ length: half }, (_, i) => i),
      8,
      (i) => deliverEvent(url, dmEvent(i, tag), counts, options.timeoutMs),
    );
    await worker.start();
    // The rest while Redis crashes and comes back `restarts` times; the worker runs meanwhile.
    const sending = inParallel(
      Array.from({ length: events - half }, (_, i) => i + half),
      8,
      (i) => deliverEvent(url, dmEvent(i, tag), counts, options.timeoutMs),
    );
    for (let r = 0; r < restarts; r++) {
      await server.crash();
      // Down for a while: a webhook meanwhile is answered 5xx, never 200 (Slack retries it).
      const probe = await postJson(url(), dmEvent(events + r, tag));
      await probe.arrayBuffer();
      if (probe.status < 500) {
        throw new Error(`a webhook was answered ${probe.status} while Redis was down`);
      }
      down++;
      await server.start();
    }
    await sending;
    await waitFor(
      () => {
        const n = answersByChannel(api, tag).size;
        return n >= events || `${n} of ${events} answered`;
      },
      options.timeoutMs,
      200,
    );
    await waitFor(
      async () => {
        const left = await queueLeft(redis, prefix, queues);
        const busy = Object.entries(left).filter(([k]) => !k.endsWith('.failed'));
        return busy.length === 0 || `still queued: ${JSON.stringify(left)}`;
      },
      options.timeoutMs,
      200,
    );
    const answered = answersByChannel(api, tag);
    const left = await queueLeft(redis, prefix, queues);
    // The probes sent while Redis was down were never acknowledged: they must not be answered.
    const probesAnswered = [...answered.keys()].filter((c) => Number(c.slice(-5)) >= events).length;
    const figures: Figures = {
      expected: events,
      delivered: answered.size - probesAnswered,
      lost: events - (answered.size - probesAnswered),
      doubles: doubles(answered),
      kills: 0,
      redisRestarts: restarts,
      refusedWhileDown: down,
      refusedWebhooks: counts.refused,
      remindersBefore,
      remindersAfter: await reminders(),
      schedulersBefore,
      schedulersAfter: await schedulers(),
      failedJobs: failedOf(left),
    };
    report(`Redis restarts (${events} events, ${restarts} restarts)`, figures);
    return figures;
  } finally {
    await worker.stop();
    await web.stop();
    await api.stop();
    await redis.quit().catch(() => redis.disconnect());
    await server.stop();
  }
}
