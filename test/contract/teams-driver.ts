/**
 * The contract driver for Teams: the real app with the Teams adapter on, Activities as Teams
 * sends them (signed by a local issuer whose keys the SDK fetches) POSTed to /api/messages,
 * and what people see read from the calls the bot made to a fake Bot Connector (updates in
 * place replace what a message shows).
 */
import type { ConnectorCall } from '../fakes/bot-connector.js';
import {
  BOT_ID,
  type Json,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';
import { adaptiveCardErrors } from '../fakes/teams-schemas.js';
import type { ContractDriver, SeenMessage } from './driver.js';

const CHANNEL = '19:alliantie@thread.tacv2';
const TEAM = '19:team-energieregio@thread.tacv2';
const person = (local: string) => `teams:${TENANT}:${local}`;

/**
 * The people: named by aadObjectId (`teams:<tenant>:<aadObjectId>`), each with the 29: id
 * Teams gives them for this bot. The config names the coordinator by the old 29:-based id,
 * which still reaches them once they were seen.
 */
const ACCOUNTS = {
  anna: { botId: '29:1anna', aad: '10000000-0000-0000-0000-000000000001' },
  emma: { botId: '29:1emma', aad: '10000000-0000-0000-0000-000000000002' },
  pieter: { botId: '29:1pieter', aad: '10000000-0000-0000-0000-000000000003' },
  joost: { botId: '29:1joost', aad: '10000000-0000-0000-0000-000000000004' },
} as const;
const BY_ID = new Map(
  Object.entries(ACCOUNTS).map(([name, a]) => [person(a.aad), { name, ...a }] as const),
);
function account(userId: string): { name: string; botId: string; aad: string } {
  const found = BY_ID.get(userId);
  if (!found) throw new Error(`no Teams account for ${userId}`);
  return found;
}
const dmOf = (userId: string) => `a:dm-${account(userId).botId}`;

type Seen = SeenMessage & { data: Record<string, Json> };

/** Every visible string of an Adaptive Card, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    for (const key of ['text', 'title', 'label', 'value']) {
      if (typeof o[key] === 'string' && key !== 'value') out.push(o[key] as string);
    }
    if (o.type === 'FactSet') {
      for (const f of o.facts as Json[]) out.push(`${String(f.title)}: ${String(f.value)}`);
      return out;
    }
    for (const [k, v] of Object.entries(o))
      if (k !== 'data' && typeof v === 'object') texts(v, out);
  }
  return out;
}

function seen(c: ConnectorCall, body: Json): Seen {
  const card = ((body.attachments as Json[] | undefined) ?? [])[0]?.content as Json | undefined;
  const actions = (card?.actions as Json[] | undefined) ?? [];
  const data: Record<string, Json> = {};
  const buttons: SeenMessage['buttons'] = [];
  let form: SeenMessage['form'];
  for (const a of actions) {
    const d = (a.data ?? {}) as Json;
    const tag = String(d.alliantie ?? '');
    if (tag.startsWith('button:')) {
      buttons.push({ actionId: tag.slice(7), label: String(a.title) });
      data[tag.slice(7)] = d;
    }
    if (tag.startsWith('form:')) {
      const items = (card?.body as Json[]) ?? [];
      const errors: Record<string, string> = {};
      const fields: string[] = [];
      items.forEach((el, i) => {
        if (!String(el.type).startsWith('Input.')) return;
        fields.push(String(el.id));
        const next = items[i + 1];
        if (next?.type === 'TextBlock' && next.color === 'Attention')
          errors[String(el.id)] = String(next.text);
      });
      form = { id: tag.slice(5), fields, errors };
      data.__form = d;
    }
  }
  return {
    id: String(c.result ?? ''),
    where: c.conversationId,
    text: [String(body.text ?? ''), ...texts(card?.body ?? [])].join(' ').replace(/\s+/g, ' '),
    buttons,
    data,
    ...(form ? { form } : {}),
  };
}

export function teamsDriver(): ContractDriver {
  let h: TeamsHarness | undefined;
  let n = 0;
  const harness = () => {
    if (!h) throw new Error('not started');
    return h;
  };
  const post = async (activity: Json) => {
    const res = await harness().post(activity);
    if (res.status !== 200) throw new Error(`Teams answered ${res.status}: ${await res.text()}`);
  };
  const base = (userId: string, conversation: Json): Json => ({
    id: `${Date.now()}${++n}`,
    channelId: 'msteams',
    serviceUrl: harness().connector.url,
    from: {
      id: account(userId).botId,
      name: account(userId).name,
      aadObjectId: account(userId).aad,
    },
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    locale: account(userId).name === 'emma' ? 'en-US' : 'nl-NL',
    timestamp: new Date().toISOString(),
  });
  const personal = (userId: string) => ({ id: dmOf(userId), conversationType: 'personal' });
  const channelConv = () => ({
    id: `${CHANNEL};messageid=${Date.now()}`,
    conversationType: 'channel',
    isGroup: true,
  });
  const conversationOfUser = (userId: string): string[] => {
    const c = harness().connector;
    const created = c.calls
      .filter((x) => x.kind === 'create')
      .filter((x) => ((x.body.members as Json[]) ?? [])[0]?.id === account(userId).botId)
      .map((x) => String(x.result ?? ''));
    return [dmOf(userId), ...created];
  };
  /** What a conversation shows: each message as last updated. */
  const view = (conversations: string[]): SeenMessage[] => {
    const c = harness().connector;
    const out: Seen[] = [];
    for (const call of c.posted()) {
      if (!conversations.includes(call.conversationId)) continue;
      const last = c.calls
        .filter((u) => u.kind === 'update' && u.activityId === call.result)
        .at(-1);
      out.push({ ...seen(call, last?.body ?? call.body), id: String(call.result) });
    }
    return out;
  };

  return {
    name: 'Teams',
    people: {
      newcomer: person(ACCOUNTS.anna.aad),
      newcomerEn: person(ACCOUNTS.emma.aad),
      joiner: person(ACCOUNTS.pieter.aad),
      coordinator: person(ACCOUNTS.joost.aad),
    },
    channel: person(CHANNEL),
    async start() {
      h = await startTeamsHarness();
      // The team installs the bot: the channel's conversation reference is stored.
      await post({
        ...base(person(ACCOUNTS.joost.aad), {
          id: CHANNEL,
          conversationType: 'channel',
          isGroup: true,
        }),
        type: 'conversationUpdate',
        membersAdded: [{ id: BOT_ID }],
        channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded', team: { id: TEAM } },
      });
    },
    async stop() {
      // Every card the adapter emitted in the suite validates against Adaptive Cards 1.5.
      const invalid = (h?.connector.calls ?? []).flatMap((c) =>
        ((c.body.attachments as Json[] | undefined) ?? []).flatMap((a) =>
          adaptiveCardErrors(a.content).map((e) => `${c.kind} ${c.result}: ${e}`),
        ),
      );
      await h?.stop();
      if (invalid.length > 0) throw new Error(`invalid Adaptive Cards:\n${invalid.join('\n')}`);
    },
    sendDirect: (user, text) => post({ ...base(user, personal(user)), type: 'message', text }),
    commandInChannel: (user, text) =>
      post({
        ...base(user, channelConv()),
        type: 'message',
        text: `<at>Alliantiebot</at> ${text}`,
        entities: [
          {
            type: 'mention',
            text: '<at>Alliantiebot</at>',
            mentioned: { id: BOT_ID, name: 'Alliantiebot' },
          },
        ],
      }),
    joinChannel: (user) =>
      post({
        ...base(user, { id: CHANNEL, conversationType: 'channel', isGroup: true }),
        type: 'conversationUpdate',
        membersAdded: [{ id: account(user).botId, aadObjectId: account(user).aad }],
        channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded', team: { id: TEAM } },
      }),
    pressButton: (user, message, actionId) =>
      post({
        ...base(user, { id: message.where, conversationType: 'personal' }),
        type: 'message',
        replyToId: message.id,
        value: (message as Seen).data[actionId] ?? { alliantie: `button:${actionId}` },
      }),
    async submitForm(user, message, values) {
      const flat: Json = {};
      for (const [k, v] of Object.entries(values)) flat[k] = Array.isArray(v) ? v.join(',') : v;
      await post({
        ...base(user, { id: message.where, conversationType: 'personal' }),
        type: 'message',
        replyToId: message.id,
        value: { ...(message as Seen).data.__form, ...flat },
      });
      return {};
    },
    privateView: async (user) => view(conversationOfUser(user)),
    channelView: async () => view([CHANNEL]),
  };
}
