/**
 * The contract driver for Slack: the real app with the Slack adapter on, installed with OAuth
 * into two workspaces (the demo alliance's, T0DEMO01, and the other alliance's, T0RIVIER1),
 * requests signed the way Slack signs them and POSTed to /slack/events, and what people see
 * read from the calls the bot made to a stand-in of Slack's Web API (slack-screen.ts).
 *
 * The alliance channel is shared with a third workspace, Stedin's (T0STEDIN1, Slack Connect),
 * which installed the app too: its person (`people.guest`) speaks there with her own team in
 * her events, and her direct chat is in her own workspace.
 *
 * Requests carry what Slack puts in them: a trigger_id, and a response_url for slash
 * commands and button presses. Every call the bot makes into a channel or a direct chat must
 * use the token of the workspace it is in (checked in stop(), as routing by workspace).
 */
import { FakeSlackApi } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { postForm, postInteraction, postJson, startSlackTestApp } from '../helpers/slack.js';
import { CONTRACT_CONFIG, type ContractDriver, type SeenMessage } from './driver.js';
import { appSettled } from './settle.js';
import { SlackScreen, type SlackSeen } from './slack-screen.js';

const TEAM = 'T0DEMO01';
const OTHER_TEAM = 'T0RIVIER1';
const CHANNEL = `slack:${TEAM}:C0ALLIANTIE`;
const OTHER_CHANNEL = `slack:${OTHER_TEAM}:C0RIVIEREN`;
/** A partner's own workspace, with which the alliance channel is shared (Slack Connect). */
const GUEST_TEAM = 'T0STEDIN1';
/** The bot's user in every workspace the stand-in installs it in. */
const BOT = 'U0BOT0002';
/** Where links to what the bot serves point (an export's download, a calendar, a chart). */
const PUBLIC_URL = 'https://alliantiebot.contract.example';
const WORKSPACES = [
  { team: TEAM, name: 'Energieregio Holland-West' },
  { team: OTHER_TEAM, name: 'Energieregio Rivierenland' },
  { team: GUEST_TEAM, name: 'Stedin' },
];

const parts = (id: string) => {
  const [, team = '', local = ''] = id.split(':');
  return { team, local };
};
const dmOf = (userId: string) => `D${parts(userId).local.slice(1)}`;

type Json = Record<string, unknown>;

/** Installs the app into a workspace the way an admin does: /slack/install, Slack, back. */
async function install(base: string, api: FakeSlackApi, team: string, name: string) {
  const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const code = `contract-${team}`;
  api.codes.set(code, { teamId: team, teamName: name });
  const done = await fetch(
    `${base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
    { headers: { cookie } },
  );
  if (done.status !== 200) throw new Error(`installing into ${team}: ${done.status}`);
}

export function slackDriver(): ContractDriver {
  const api = new FakeSlackApi('xoxb-unused');
  const people = {
    newcomer: `slack:${TEAM}:U0ANNA001`,
    newcomerEn: `slack:${TEAM}:U0EMMA001`,
    joiner: `slack:${TEAM}:U0PIETER1`,
    coordinator: `slack:${TEAM}:U0JOOST01`,
    spokesperson: `slack:${TEAM}:U0FATIMA1`,
    colleague: `slack:${TEAM}:U0SANNE01`,
    outsider: `slack:${OTHER_TEAM}:U0BRAM001`,
    guest: `slack:${GUEST_TEAM}:U0LOTTE01`,
  };
  const everyone = [...Object.values(people), `slack:${OTHER_TEAM}:U0KARIN01`];
  const byLocal = new Map(everyone.map((id) => [parts(id).local, id]));
  const personOf = (user: string) => byLocal.get(user) ?? `slack:?:${user}`;
  const screen = new SlackScreen(api, personOf);
  /** The token each call used, per method and channel (recorded as the stand-in limits it). */
  const tokens: { token: string; method: string; channel: string }[] = [];
  let app: TestApp | undefined;
  let n = 0;
  const url = () => `${app?.baseUrl}/slack/events`;
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`Slack request answered ${r.status}: ${await r.text()}`);
    return r;
  };
  /**
   * An event in `team` (a channel's home, or a direct chat's workspace). A person of another
   * workspace in a shared channel (Slack Connect): the event names their own team
   * (`user_team`, `team`), the envelope the channel's (`team_id`, `context_team_id`) and that
   * it is shared; Slack delivers it once, for one of the installations in the channel (here
   * the host's).
   */
  const event = (team: string, event: Json, personTeam = team) =>
    ok(
      postJson(url(), {
        token: 'xAbCdEfGhIjKlMnOpQrStUvW',
        team_id: team,
        api_app_id: 'A0ALLIANTIE',
        type: 'event_callback',
        event_id: `Ev${++n}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: team, user_id: BOT, is_bot: true }],
        event: {
          team: personTeam,
          ...(personTeam === team ? {} : { user_team: personTeam }),
          event_ts: `${Date.now() / 1000}`,
          ...event,
        },
        ...(personTeam === team ? {} : { context_team_id: team, is_ext_shared_channel: true }),
      }),
    );
  /** A block_actions payload for a press of `user` on `message`, shown in `channel`. */
  const press = (user: string, channel: string, message: SeenMessage, actionId: string) => {
    const { team, local } = parts(user);
    const value = (message as SlackSeen).buttonValues?.[actionId];
    return ok(
      postInteraction(url(), {
        type: 'block_actions',
        user: { id: local, team_id: team },
        team: { id: team },
        trigger_id: screen.trigger(user),
        response_url: screen.responseUrl(team, local, channel, message.id),
        container: {
          type: 'message',
          message_ts: message.id,
          channel_id: channel,
          is_ephemeral: message.visibleTo !== undefined,
        },
        channel: { id: channel },
        actions: [
          {
            action_id: actionId,
            type: 'button',
            ...(value ? { value } : {}),
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
    );
  };

  return {
    name: 'Slack',
    people,
    channel: CHANNEL,
    otherChannel: OTHER_CHANNEL,
    async start() {
      await api.start();
      const take = api.limits.take.bind(api.limits);
      api.limits.take = (token, method, channel, now) => {
        tokens.push({ token, method, channel });
        return take(token, method, channel, now);
      };
      app = await startSlackTestApp(
        { token: '', url: api.url },
        {
          SLACK_BOT_TOKEN: undefined,
          SLACK_CLIENT_ID: '111.222',
          SLACK_CLIENT_SECRET: 'client-secret',
          SLACK_STATE_SECRET: 'state-secret-state-secret',
          allianceConfigPath: CONTRACT_CONFIG,
          // Where links to what the bot serves point (an export's download, a calendar).
          PUBLIC_URL,
        },
      );
      // Slack downloads an image block's picture from PUBLIC_URL: the app under test serves it.
      api.images.reach(PUBLIC_URL, app.baseUrl);
      for (const w of WORKSPACES) await install(app.baseUrl, api, w.team, w.name);
    },
    async stop() {
      await app?.stop();
      await api.stop();
      // Routing by workspace: a channel or direct chat is reached with its workspace's token.
      const teamOf = new Map<string, string>([
        [parts(CHANNEL).local, TEAM],
        [parts(OTHER_CHANNEL).local, OTHER_TEAM],
        ...everyone.map((id) => [dmOf(id), parts(id).team] as const),
      ]);
      const wrong = tokens.filter(
        (t) => teamOf.has(t.channel) && t.token !== `xoxb-installed-${teamOf.get(t.channel)}`,
      );
      if (wrong.length > 0)
        throw new Error(
          `calls with another workspace's token:\n${wrong.map((t) => `${t.method} ${t.channel} ${t.token}`).join('\n')}`,
        );
    },
    settled: async () => {
      if (!app) throw new Error('driver not started');
      await appSettled(app);
    },
    sendDirect: async (user, text) => {
      await event(parts(user).team, {
        type: 'message',
        channel_type: 'im',
        channel: dmOf(user),
        user: parts(user).local,
        text,
        ts: `${Date.now() / 1000}`,
      });
    },
    commandInChannel: async (user, text, channel = CHANNEL) => {
      const { team, local } = parts(user);
      const where = parts(channel).local;
      await ok(
        postForm(url(), {
          token: 'xAbCdEfGhIjKlMnOpQrStUvW',
          team_id: team,
          channel_id: where,
          channel_name: 'alliantie',
          user_id: local,
          command: '/alliance',
          text,
          trigger_id: screen.trigger(user),
          response_url: screen.responseUrl(team, local, where),
        }),
      );
    },
    joinChannel: async (user, channel = CHANNEL) => {
      await event(
        parts(channel).team,
        {
          type: 'member_joined_channel',
          user: parts(user).local,
          channel: parts(channel).local,
          channel_type: 'C',
          inviter: 'U0JOOST01',
        },
        parts(user).team,
      );
    },
    pressButton: async (user, message, actionId) => {
      await press(user, message.where, message, actionId);
    },
    pressButtonOn: async (user, message, actionId) => {
      await press(user, dmOf(user), message, actionId);
    },
    async submitForm(user, message, values) {
      const call = screen.modals.get(message.id);
      if (!call) throw new Error('no modal with that id');
      const { team, local } = parts(user);
      const view = call.args.view as Json;
      const state: Record<string, Record<string, Json>> = {};
      for (const block of (view.blocks as Json[]).filter((b) => b.type === 'input')) {
        const name = String(block.block_id);
        const type = String((block.element as Json).type);
        const v = values[name];
        const shape: Json =
          type === 'multi_static_select'
            ? { type, selected_options: (Array.isArray(v) ? v : []).map((value) => ({ value })) }
            : type === 'static_select'
              ? { type, selected_option: v ? { value: v } : null }
              : type === 'datepicker'
                ? { type, selected_date: v ?? null }
                : { type, value: typeof v === 'string' && v !== '' ? v : null };
        state[name] = { value: shape };
      }
      const res = await ok(
        postInteraction(url(), {
          type: 'view_submission',
          team: { id: team },
          user: { id: local, team_id: team },
          trigger_id: screen.trigger(user),
          view: {
            id: message.id,
            callback_id: view.callback_id,
            private_metadata: view.private_metadata,
            state: { values: state },
          },
        }),
      );
      const text = await res.text();
      if (!text) return {};
      const body = JSON.parse(text) as {
        response_action?: string;
        errors?: Record<string, string>;
      };
      return body.response_action === 'errors' && body.errors ? { errors: body.errors } : {};
    },
    async privateView(user) {
      return screen
        .shown()
        .filter(
          (s) =>
            (s.channel === dmOf(user) || s.channel === 'modal') &&
            (s.onlyFor === undefined || s.onlyFor === user),
        )
        .map((s) => s.seen);
    },
    async channelView(user, channel = CHANNEL) {
      const where = parts(channel).local;
      return screen
        .shown()
        .filter((s) => s.channel === where && (s.onlyFor === undefined || s.onlyFor === user))
        .map((s) => s.seen);
    },
    // Slack fetches an image block's picture from the public URL: the app under test serves it.
    fetchImage(url) {
      if (!app) throw new Error('driver not started');
      return fetch(url.replace(PUBLIC_URL, app.baseUrl));
    },
    async fireSchedule(allianceId, flow, kind, key) {
      if (!app) throw new Error('driver not started');
      await app.app.engine.runJob({ allianceId, flow, kind, data: {}, key, type: 'schedule' });
    },
  };
}
