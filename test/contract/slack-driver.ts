/**
 * The contract driver for Slack: the real app with the Slack adapter on, requests signed the
 * way Slack signs them and POSTed to /slack/events, and what people see read from the calls
 * the bot made to a stand-in of Slack's Web API.
 */
import { FakeSlackApi, type SlackCall } from '../fakes/slack-api.js';
import type { TestApp } from '../helpers/app.js';
import { postForm, postInteraction, postJson, startSlackTestApp } from '../helpers/slack.js';
import type { ContractDriver, SeenMessage } from './driver.js';

const TEAM = 'T0DEMO01';
const CHANNEL = 'C0ALLIANTIE';
const BOT = 'U0BOT0001';
const local = (userId: string) => userId.split(':')[2] ?? '';
const dmOf = (userId: string) => `D${local(userId).slice(1)}`;

type Json = Record<string, unknown>;

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every piece of text in Block Kit JSON, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o))
      if (k !== 'text' || typeof v !== 'string') texts(v, out);
  }
  return out;
}

function buttonsOf(blocks: unknown): { actionId: string; label: string; value?: string }[] {
  const found: { actionId: string; label: string; value?: string }[] = [];
  for (const block of (blocks as Json[] | undefined) ?? []) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements as Json[]) {
      found.push({
        actionId: String(el.action_id),
        label: String((el.text as Json).text),
        ...(typeof el.value === 'string' ? { value: el.value } : {}),
      });
    }
  }
  return found;
}

export function slackDriver(): ContractDriver {
  const api = new FakeSlackApi();
  let app: TestApp | undefined;
  let n = 0;
  const triggers = new Map<string, string>(); // trigger id → user id
  const url = () => `${app?.baseUrl}/slack/events`;
  const trigger = (userId: string) => {
    const id = `${++n}.${Date.now()}.deadbeefdeadbeefdeadbeefdeadbeef`;
    triggers.set(id, userId);
    return id;
  };
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (r.status !== 200) throw new Error(`Slack request answered ${r.status}: ${await r.text()}`);
    return r;
  };
  const event = (event: Json) =>
    ok(
      postJson(url(), {
        token: 'xAbCdEfGhIjKlMnOpQrStUvW',
        team_id: TEAM,
        api_app_id: 'A0ALLIANTIE',
        type: 'event_callback',
        event_id: `Ev${++n}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: TEAM, user_id: BOT, is_bot: true }],
        event: { team: TEAM, event_ts: `${Date.now() / 1000}`, ...event },
      }),
    );
  const seenMessage = (c: SlackCall): SeenMessage & { buttonValues: Record<string, string> } => {
    const blocks = c.args.blocks;
    const buttons = buttonsOf(blocks);
    return {
      id: String(c.result?.ts ?? c.result?.message_ts ?? ''),
      where: String(c.args.channel),
      text: decode([String(c.args.text ?? ''), ...texts(blocks)].join(' ')).replace(/\s+/g, ' '),
      buttons: buttons.map(({ actionId, label }) => ({ actionId, label })),
      buttonValues: Object.fromEntries(
        buttons.filter((b) => b.value).map((b) => [b.actionId, b.value ?? '']),
      ),
      ...(c.method === 'chat.postEphemeral'
        ? { visibleTo: `slack:${TEAM}:${String(c.args.user)}` }
        : {}),
      ...(buttons.some((b) => b.actionId === 'slack.open-form')
        ? { formButton: 'slack.open-form' }
        : {}),
    };
  };
  const modal = (c: SlackCall): SeenMessage => {
    const view = c.args.view as Json;
    const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
    return {
      id: String(c.result && (c.result.view as Json).id),
      where: 'modal',
      text: decode(texts(view).join(' ')),
      buttons: [],
      form: {
        id: String(view.callback_id),
        fields: inputs.map((b) => String(b.block_id)),
        errors: {},
      },
    };
  };
  const views = new Map<string, SlackCall>();

  return {
    name: 'Slack',
    people: {
      newcomer: `slack:${TEAM}:U0ANNA001`,
      newcomerEn: `slack:${TEAM}:U0EMMA001`,
      joiner: `slack:${TEAM}:U0PIETER1`,
      coordinator: `slack:${TEAM}:U0JOOST01`,
    },
    channel: `slack:${TEAM}:${CHANNEL}`,
    async start() {
      await api.start();
      app = await startSlackTestApp(api);
    },
    async stop() {
      await app?.stop();
      await api.stop();
    },
    sendDirect: async (user, text) => {
      await event({
        type: 'message',
        channel_type: 'im',
        channel: dmOf(user),
        user: local(user),
        text,
        ts: `${Date.now() / 1000}`,
      });
    },
    commandInChannel: async (user, text) => {
      await ok(
        postForm(url(), {
          token: 'xAbCdEfGhIjKlMnOpQrStUvW',
          team_id: TEAM,
          channel_id: CHANNEL,
          channel_name: 'alliantie',
          user_id: local(user),
          command: '/alliance',
          text,
          trigger_id: trigger(user),
        }),
      );
    },
    joinChannel: async (user) => {
      await event({
        type: 'member_joined_channel',
        user: local(user),
        channel: CHANNEL,
        channel_type: 'C',
        inviter: 'U0JOOST01',
      });
    },
    pressButton: async (user, message, actionId) => {
      const value = (message as SeenMessage & { buttonValues?: Record<string, string> })
        .buttonValues?.[actionId];
      await ok(
        postInteraction(url(), {
          type: 'block_actions',
          user: { id: local(user), team_id: TEAM },
          team: { id: TEAM },
          trigger_id: trigger(user),
          container: {
            type: 'message',
            message_ts: message.id,
            channel_id: message.where,
            is_ephemeral: false,
          },
          channel: { id: message.where },
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
    },
    async submitForm(user, message, values) {
      const call = views.get(message.id);
      if (!call) throw new Error('no modal with that id');
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
          team: { id: TEAM },
          user: { id: local(user), team_id: TEAM },
          trigger_id: trigger(user),
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
      const out: [number, SeenMessage][] = [];
      for (const c of api.calls) {
        if (c.method === 'chat.postMessage' && c.args.channel === dmOf(user))
          out.push([c.at, seenMessage(c)]);
        if (c.method === 'views.open' && triggers.get(String(c.args.trigger_id)) === user) {
          const seen = modal(c);
          views.set(seen.id, c);
          out.push([c.at, seen]);
        }
      }
      return out.sort((a, b) => a[0] - b[0]).map(([, m]) => m);
    },
    async channelView(user) {
      return api.calls
        .filter(
          (c) =>
            (c.method === 'chat.postMessage' && c.args.channel === CHANNEL) ||
            (c.method === 'chat.postEphemeral' &&
              c.args.channel === CHANNEL &&
              c.args.user === local(user)),
        )
        .map(seenMessage);
    },
  };
}
