/**
 * The successes fan-out under a killed worker (the fault scenarios' style, scenarios.ts): the
 * real app with `serve` and `worker` in processes of their own (app-process.ts), Slack over
 * HTTP to the Web API stand-in, the demo alliance linked to many Slack channels (a generated
 * config). Anna proposes a success through the form (slash command, the modal the app opens,
 * its submission); Fatima, the spokesperson, presses Approve on the card she gets privately;
 * the first chat.postMessage calls of the fan-out answer 429 with Retry-After (injected), and
 * the worker is SIGKILLed `kills` times mid fan-out and started again at once.
 *
 * Every channel must get the announcement. Neither Slack nor Teams takes an idempotency key: a
 * send cut off between the platform's answer and the ledger's record goes out again after the
 * restart, so doubles are counted per channel at the stand-in, at most what was in flight at
 * the kill (the worker's concurrency). Such a send, never answered as far as the app knows,
 * keeps its channel's pacing slot for the limiter's MAX_PENDING_MS (60 s: it may still have
 * arrived), so the doubles go out a minute after the kill, and so does the first copy of a
 * channel whose send was cut before it arrived; the other channels have theirs within seconds
 * of the restart (figures `allChannelsMs`, `settledMs`: from the kill).
 *
 * Slack only: Teams would need the fake Microsoft login (the token issuer and its keys) inside
 * the child process, which app-process.ts does not have. The Teams side of the same fan-out
 * (with 429s, without a kill) is test/integration/successes-fanout.test.ts.
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

const TEAM = 'T0DEMO01';
const ANNA = 'U0ANNA001';
const FATIMA = 'U0FATIMA1';
const TITLE = 'Zonnepark Valkenburg levert stroom';
/** The worker's concurrency: what can be in flight when it is killed. */
export const WORKER_CONCURRENCY = 10;
/** Quick recovery of a killed worker's jobs (the defaults are 30 s and 15 s). */
const QUEUE_ENV = {
  QUEUE_LOCK_MS: '2000',
  QUEUE_STALLED_MS: '1000',
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
  /** chat.postMessage calls answered 429 (injected, and the stand-in's own limits). */
  throttled: number;
  failedJobs: number;
  /** From the kill until every channel had it, and until nothing was left to send. */
  allChannelsMs: number;
  settledMs: number;
  [other: string]: number;
}

const channelId = (i: number) => `C0S${String(i).padStart(4, '0')}`;

/** The example config, its alliance linked to `channels` Slack channels and nothing else. */
function configWith(channels: number, dir: string): string {
  const config = parse(readFileSync('examples/energieregio.yaml', 'utf8')) as {
    alliances: Json[];
  };
  const [alliance] = config.alliances;
  if (!alliance) throw new Error('examples/energieregio.yaml has no alliance');
  alliance.channels = {
    slack: Array.from({ length: channels }, (_, i) => `slack:${TEAM}:${channelId(i)}`),
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

/** The value of the button with this action id somewhere in a message's blocks. */
function buttonValue(node: unknown, actionId: string): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = buttonValue(item, actionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const o = node as Json;
  if (o.action_id === actionId && typeof o.value === 'string') return o.value;
  return buttonValue(Object.values(o), actionId);
}

/** The modal the app opened for the form, with what a submission needs. */
function openedForm(api: FakeSlackApi): Json | undefined {
  return api
    .of('views.open')
    .map((c) => c.args.view as Json)
    .find((v) => JSON.stringify(v).includes(PROPOSE_FORM_ID));
}

/** A view_submission of the modal with these values, as Slack sends it. */
function submission(
  view: Json,
  viewId: string,
  trigger: string,
  values: Record<string, string | string[]>,
) {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Json[]).filter((b) => b.type === 'input')) {
    const name = String(block.block_id);
    const type = String((block.element as Json).type);
    const v = values[name];
    state[name] = {
      value:
        type === 'multi_static_select'
          ? { type, selected_options: (Array.isArray(v) ? v : []).map((value) => ({ value })) }
          : type === 'static_select'
            ? { type, selected_option: v ? { value: v } : null }
            : { type, value: typeof v === 'string' && v !== '' ? v : null },
    };
  }
  return {
    type: 'view_submission',
    team: { id: TEAM },
    user: { id: ANNA, team_id: TEAM },
    trigger_id: trigger,
    view: {
      id: viewId,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values: state },
    },
  };
}

/** A signed request the app must acknowledge (200); the serve process is never killed. */
async function accepted(res: Promise<Response>, what: string): Promise<string> {
  const r = await res;
  const body = await r.text();
  if (r.status !== 200) throw new Error(`${what}: ${r.status} ${body}`);
  return body;
}

export async function slackSuccessFanoutKills(options: {
  channels: number;
  kills: number;
  /** How many chat.postMessage calls of the fan-out answer 429 first (Retry-After 1 s). */
  throttled: number;
  timeoutMs: number;
}): Promise<SuccessFanoutFigures> {
  const { channels, kills, timeoutMs } = options;
  const dir = mkdtempSync(join(tmpdir(), 'alliantiebot-successes-'));
  // The lookups and direct chats not in the way; chat.postMessage limited as Slack does.
  const wide = { limit: 100_000, ms: 60_000 };
  const api = new FakeSlackApi('xoxb-reliability', true, {
    tiers: { 'users.info': wide, 'users.lookupByEmail': wide, 'conversations.open': wide },
  });
  await api.start();
  const prefix = freshPrefix('successes-kill');
  const port = await freePort();
  const config = configWith(channels, dir);
  const env = () => ({
    ...QUEUE_ENV,
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
  const linked = new Set(Array.from({ length: channels }, (_, i) => channelId(i)));
  const isAnnouncement = (c: SlackCall) =>
    linked.has(String(c.args.channel)) && JSON.stringify(c.args).includes(`: ${TITLE}`);
  /** Announcements accepted by the stand-in, per channel. */
  const announced = () =>
    tally(
      api
        .of('chat.postMessage')
        .filter(isAnnouncement)
        .map((c) => String(c.args.channel)),
    );
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
        submission(view, viewId, api.trigger(ANNA), {
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
          return n >= Math.max(1, Math.floor(share * channels)) || `${n} announced`;
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
        return n >= channels || `${n} of ${channels} channels announced`;
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
      expected: channels,
      delivered: perChannel.size,
      lost: channels - perChannel.size,
      doubles: doubles(perChannel),
      kills: worker.kills,
      deliveredAtKill,
      throttled: api.rejected.filter((c) => c.method === 'chat.postMessage').length,
      failedJobs: left.failed,
      startMs,
      allChannelsMs,
      settledMs,
    };
    report(`successes Slack fan-out, worker kills (${channels} channels, ${kills} kills)`, figures);
    return figures;
  } finally {
    await Promise.all([worker.stop(), web.stop()]);
    await api.stop();
    await deletePrefix(redis, prefix);
    await redis.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}
