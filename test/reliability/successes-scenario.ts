/**
 * The successes fan-out under a killed worker (the fault scenarios' style, scenarios.ts): the
 * real app with `serve` and `worker` in processes of their own (app-process.ts), Slack over
 * HTTP to the Web API stand-in, Teams to the Bot Connector stand-in (Microsoft's login faked
 * in each process, a local token issuer: teams-standins.ts), the demo alliance linked to many
 * Slack and Teams channels. Anna proposes a success through the form (slash command, modal,
 * submission); Fatima, the spokesperson, presses Approve on her private card; the first posts
 * of the fan-out on both platforms answer 429 with Retry-After (injected), and the worker is
 * SIGKILLed `kills` times mid fan-out and started again at once.
 *
 * Every channel must get the announcement. Neither Slack nor Teams takes an idempotency key: a
 * send cut off between the platform's answer and the ledger's record goes out again after the
 * restart, so doubles are counted per channel at the stand-ins, at most what was in flight at
 * the kill (the worker's concurrency). Such a send, never answered as far as the app knows,
 * keeps its channel's pacing slot for QUEUE_PENDING_MS (it may still have arrived: 60 s by
 * default, PENDING_MS here), so the doubles go out that long after the kill, and so does the
 * first copy of a channel whose send was cut before it arrived (figures `allChannelsMs`,
 * `settledMs`: from the kill).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { APPROVE_ACTION, PROPOSE_FORM_ID } from '../../flows/successes-views.js';
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import { deletePrefix, freshPrefix, REDIS_URL } from '../helpers/redis.js';
import { postForm, postInteraction, SIGNING_SECRET } from '../helpers/slack.js';
import { AppProcess, doubles, freePort, report, tally, waitFor } from './harness.js';
import { buttonValue, submission } from './slack-interactions.js';
import { TEAMS_TENANT, TeamsStandIns } from './teams-standins.js';

const TEAM = 'T0DEMO01';
const ANNA = 'U0ANNA001';
const FATIMA = 'U0FATIMA1';
const TITLE = 'Zonnepark Valkenburg levert stroom';
/** The worker's concurrency: what can be in flight when it is killed. */
export const WORKER_CONCURRENCY = 10;
/** How long a send the kill cut off holds its channel's pacing slot (60 s by default). */
export const PENDING_MS = 10_000;
/** Quick recovery of a killed worker's jobs (the defaults are 30 s and 15 s). */
const QUEUE_ENV = {
  QUEUE_LOCK_MS: '2000',
  QUEUE_STALLED_MS: '1000',
  QUEUE_PENDING_MS: String(PENDING_MS),
  WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
};

type Json = Record<string, unknown>;

export interface SuccessFanoutFigures {
  expected: number;
  delivered: number;
  lost: number;
  doubles: number;
  kills: number;
  /** Channels that had the announcement when the (first) kill came. */
  deliveredAtKill: number;
  /** Slack chat.postMessage calls answered 429 (injected, and the stand-in's own limits). */
  throttled: number;
  /** Bot Connector sends to the linked channels answered 429 (injected). */
  teamsThrottled: number;
  failedJobs: number;
  /** From the kill until every channel had it, and until nothing was left to send. */
  allChannelsMs: number;
  settledMs: number;
  [other: string]: number;
}

const channelId = (i: number) => `C0S${String(i).padStart(4, '0')}`;
const teamsChannelId = (i: number) => `19:fanout-${String(i).padStart(4, '0')}@thread.tacv2`;

/** The example config, its alliance linked to these Slack and Teams channels and no others. */
function configWith(channels: number, teamsChannels: number, dir: string): string {
  const config = parse(readFileSync('examples/energieregio.yaml', 'utf8')) as {
    alliances: Json[];
  };
  const [alliance] = config.alliances;
  if (!alliance) throw new Error('examples/energieregio.yaml has no alliance');
  alliance.channels = {
    slack: Array.from({ length: channels }, (_, i) => `slack:${TEAM}:${channelId(i)}`),
    teams: Array.from(
      { length: teamsChannels },
      (_, i) => `teams:${TEAMS_TENANT}:${teamsChannelId(i)}`,
    ),
  };
  const file = join(dir, 'alliance.yaml');
  writeFileSync(file, stringify(config));
  return file;
}

/** The app's queues under a prefix, read from the test. */
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

/**
 * Work left: jobs waiting or running, a delivery or event put off (a 429, a pacing slot), the
 * inbound journal; and failed jobs. Reminders and schedules lie in the future: not counted.
 */
async function queueLeft(redis: Redis, prefix: string, queues: Record<string, Queue>) {
  const left: Record<string, number> = {};
  for (const [name, queue] of Object.entries(queues)) {
    const states = ['waiting', 'active', 'prioritized', 'failed'] as const;
    const later = name === 'delivery' || name === 'inbound' ? (['delayed'] as const) : [];
    const counts = await queue.getJobCounts(...states, ...later);
    for (const [state, n] of Object.entries(counts)) if (n > 0) left[`${name}.${state}`] = n;
  }
  const journal = await redis.xlen(`${prefix}{alliantiebot}:inbound-journal`);
  if (journal > 0) left.journal = journal;
  const failed = Object.entries(left)
    .filter(([k]) => k.endsWith('.failed'))
    .reduce((sum, [, n]) => sum + n, 0);
  const busy = Object.entries(left).filter(([k]) => !k.endsWith('.failed'));
  return { busy: busy.length === 0 ? undefined : JSON.stringify(left), failed };
}

/** The modal the app opened for the form, with what a submission needs. */
function openedForm(api: FakeSlackApi): Json | undefined {
  return api
    .of('views.open')
    .map((c) => c.args.view as Json)
    .find((v) => JSON.stringify(v).includes(PROPOSE_FORM_ID));
}

/** A signed request the app must acknowledge (200); the serve process is never killed. */
async function accepted(res: Promise<Response>, what: string): Promise<string> {
  const r = await res;
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${body}`);
  return body;
}

export async function successFanoutKills(options: {
  /** Slack channels linked. */
  channels: number;
  /** Teams channels linked. */
  teamsChannels: number;
  kills: number;
  /** How many chat.postMessage calls of the fan-out answer 429 first (Retry-After 1 s). */
  throttled: number;
  /** How many Teams channels answer the fan-out's first send with 429 (Retry-After 1 s). */
  teamsThrottled: number;
  timeoutMs: number;
}): Promise<SuccessFanoutFigures> {
  const { channels, teamsChannels, kills, timeoutMs } = options;
  const total = channels + teamsChannels;
  const dir = mkdtempSync(join(tmpdir(), 'alliantiebot-successes-'));
  // The lookups and direct chats not in the way; chat.postMessage limited as Slack does.
  const wide = { limit: 100_000, ms: 60_000 };
  const api = new FakeSlackApi('xoxb-reliability', true, {
    tiers: { 'users.info': wide, 'users.lookupByEmail': wide, 'conversations.open': wide },
  });
  await api.start();
  const teams = new TeamsStandIns();
  await teams.start();
  const prefix = freshPrefix('successes-kill');
  const port = await freePort();
  const config = configWith(channels, teamsChannels, dir);
  const env = () => ({
    ...QUEUE_ENV,
    ...teams.env(),
    REDIS_URL,
    REDIS_PREFIX: prefix,
    PORT: String(port),
    ALLIANCE_CONFIG: config,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: api.token,
    SLACK_API_URL: api.url,
  });
  const web = new AppProcess('serve', env);
  const worker = new AppProcess('worker', env);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = appQueues(redis, prefix);
  const teamsIds = Array.from({ length: teamsChannels }, (_, i) => teamsChannelId(i));
  await teams.linkChannels(redis, prefix, teamsIds);
  const linked = new Set(Array.from({ length: channels }, (_, i) => channelId(i)));
  const teamsLinked = new Set(teamsIds);
  const isAnnouncement = (c: SlackCall) =>
    linked.has(String(c.args.channel)) && JSON.stringify(c.args).includes(`: ${TITLE}`);
  /** Announcements accepted by the stand-ins, per channel (`slack:C…`, `teams:19:…`). */
  const announced = () =>
    tally([
      ...api
        .of('chat.postMessage')
        .filter(isAnnouncement)
        .map((c) => `slack:${String(c.args.channel)}`),
      ...teams.connector
        .posted()
        .filter(
          (c) => teamsLinked.has(c.conversationId) && JSON.stringify(c.body).includes(`: ${TITLE}`),
        )
        .map((c) => `teams:${c.conversationId}`),
    ]);
  try {
    const began = Date.now();
    await Promise.all([web.start(), worker.start()]);
    const startMs = Date.now() - began;
    const url = `${web.baseUrl}/slack/events`;

    // Anna proposes: the slash command opens the form, she submits it.
    await accepted(
      postForm(url, {
        token: 'xAbCdEfGhIjKlMnOpQrStUvW',
        team_id: TEAM,
        channel_id: channelId(0),
        channel_name: 'alliantie',
        user_id: ANNA,
        command: '/alliance',
        text: `succes ${TITLE}`,
        trigger_id: api.trigger(ANNA),
        response_url: api.responseUrl(ANNA, channelId(0)),
      }),
      'the slash command',
    );
    await waitFor(() => openedForm(api) !== undefined || 'no form opened', timeoutMs);
    const opened = api
      .of('views.open')
      .find((c) => JSON.stringify(c.args.view).includes(PROPOSE_FORM_ID)) as SlackCall;
    const view = opened.args.view as Json;
    const viewId = String((opened.result?.view as Json | undefined)?.id ?? '');
    const answer = await accepted(
      postInteraction(
        url,
        submission({ team: TEAM, user: ANNA }, view, viewId, api.trigger(ANNA), {
          title: TITLE,
          story: 'Sinds maandag levert het zonnepark stroom aan 3.000 huishoudens.',
          partners: ['gemeente-leiden', 'stedin'],
          otherPartners: 'Gemeente Katwijk',
          impactValue: '12',
          impactUnit: 'MW',
          link: 'https://www.regionale-energiestrategie.nl/valkenburg',
        }),
      ),
      'the form',
    );
    if (answer.includes('"errors"')) throw new Error(`the form was refused: ${answer}`);

    // Fatima's approval card, privately.
    const cardOf = () =>
      api
        .of('chat.postMessage')
        .find((c) => buttonValue(c.args.blocks, APPROVE_ACTION) !== undefined);
    await waitFor(() => cardOf() !== undefined || 'no approval card', timeoutMs);
    const card = cardOf() as SlackCall;
    const dm = String(card.args.channel);
    const ts = String(card.result?.ts ?? '');
    const successId = buttonValue(card.args.blocks, APPROVE_ACTION) ?? '';
    if (linked.has(dm)) throw new Error('the approval card went to a channel');

    // 429s for the first posts of the fan-out; then she approves.
    api.rateLimitNext(options.throttled, 1, 'chat.postMessage');
    for (const channel of teamsIds.slice(0, options.teamsThrottled))
      teams.connector.failNext(429, 1, 1, channel);
    await accepted(
      postInteraction(url, {
        type: 'block_actions',
        user: { id: FATIMA, team_id: TEAM },
        team: { id: TEAM },
        trigger_id: api.trigger(FATIMA),
        response_url: api.responseUrl(FATIMA, dm),
        container: { type: 'message', message_ts: ts, channel_id: dm, is_ephemeral: false },
        channel: { id: dm },
        actions: [
          {
            action_id: APPROVE_ACTION,
            type: 'button',
            value: successId,
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
      'the approving press',
    );

    // The killer: mid fan-out, when part of the channels have it.
    let deliveredAtKill = -1;
    let killedAt = 0;
    for (let k = 0; k < kills; k++) {
      const share = (k + 1) / (kills + 2);
      await waitFor(
        () => {
          const n = announced().size;
          return n >= Math.max(1, Math.floor(share * total)) || `${n} announced`;
        },
        timeoutMs,
        10,
      );
      const n = announced().size;
      if (deliveredAtKill < 0) {
        deliveredAtKill = n;
        killedAt = Date.now();
      }
      await worker.kill();
      await worker.start();
    }

    await waitFor(
      () => {
        const n = announced().size;
        return n >= total || `${n} of ${total} channels announced`;
      },
      timeoutMs,
      100,
    );
    const allChannelsMs = Date.now() - killedAt;
    await waitFor(
      async () => {
        const left = await queueLeft(redis, prefix, queues);
        return left.busy === undefined || `still queued: ${left.busy}`;
      },
      timeoutMs,
      200,
    );
    const settledMs = Date.now() - killedAt;
    const perChannel = announced();
    const left = await queueLeft(redis, prefix, queues);
    const figures: SuccessFanoutFigures = {
      expected: total,
      delivered: perChannel.size,
      lost: total - perChannel.size,
      doubles: doubles(perChannel),
      kills: worker.kills,
      deliveredAtKill,
      throttled: api.rejected.filter((c) => c.method === 'chat.postMessage').length,
      teamsThrottled: teams.connector.rejected.filter((c) => teamsLinked.has(c.conversationId))
        .length,
      failedJobs: left.failed,
      startMs,
      allChannelsMs,
      settledMs,
    };
    report(
      `successes fan-out, worker kills (${channels} Slack + ${teamsChannels} Teams channels, ${kills} kills)`,
      figures,
    );
    return figures;
  } finally {
    await Promise.all([worker.stop(), web.stop()]);
    await api.stop();
    await teams.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}
