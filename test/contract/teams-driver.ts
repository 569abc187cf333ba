/**
 * The contract driver for Teams: the real app with the Teams adapter on (a MultiTenant bot:
 * the two alliances are in two Microsoft 365 tenants), Activities as Teams sends them (signed
 * by a local issuer whose keys the SDK fetches) POSTed to /api/messages, and what people see
 * read from the calls the bot made to a fake Bot Connector: each message as last updated
 * (updateActivity), deleted ones gone.
 *
 * People of the bot's own tenant are in the Bot Connector's member directory with their
 * e-mail address, as Teams' member API gives it: that is how the config's coordinator and
 * spokesperson, named by e-mail, are recognised on Teams.
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
import { CONTRACT_CONFIG, type ContractDriver, type SeenMessage } from './driver.js';
import { appSettled } from './settle.js';

/** The other alliance's tenant. */
const OTHER_TENANT = '00000000-0000-0000-0000-0000000000bb';

/** Each alliance's channel, in a team of its own tenant. */
const CHANNELS = {
  demo: {
    tenant: TENANT,
    id: '19:alliantie@thread.tacv2',
    team: '19:team-energieregio@thread.tacv2',
  },
  other: {
    tenant: OTHER_TENANT,
    id: '19:rivierenland@thread.tacv2',
    team: '19:team-rivierenland@thread.tacv2',
  },
} as const;
type Place = (typeof CHANNELS)[keyof typeof CHANNELS];
const namespaced = (place: Place) => `teams:${place.tenant}:${place.id}`;
const placeOf = (channel: string): Place => {
  const place = Object.values(CHANNELS).find((p) => namespaced(p) === channel);
  if (!place) throw new Error(`no Teams channel ${channel}`);
  return place;
};

/**
 * The people: named by aadObjectId (`teams:<tenant>:<aadObjectId>`), each with the 29: id
 * Teams gives them for this bot. The config names the coordinator by the old 29:-based id
 * (which still reaches them once they were seen) and by e-mail.
 */
const ACCOUNTS = {
  anna: { botId: '29:1anna', aad: '10000000-0000-0000-0000-000000000001', tenant: TENANT },
  emma: { botId: '29:1emma', aad: '10000000-0000-0000-0000-000000000002', tenant: TENANT },
  pieter: { botId: '29:1pieter', aad: '10000000-0000-0000-0000-000000000003', tenant: TENANT },
  joost: {
    botId: '29:1joost',
    aad: '10000000-0000-0000-0000-000000000004',
    tenant: TENANT,
    email: 'joost.vermeulen@energieregio-west.example',
  },
  fatima: {
    botId: '29:1fatima',
    aad: '10000000-0000-0000-0000-000000000005',
    tenant: TENANT,
    email: 'fatima.elamrani@energieregio-west.example',
  },
  sanne: { botId: '29:1sanne', aad: '10000000-0000-0000-0000-000000000006', tenant: TENANT },
  bram: { botId: '29:2bram', aad: '20000000-0000-0000-0000-000000000001', tenant: OTHER_TENANT },
  karin: { botId: '29:2karin', aad: '20000000-0000-0000-0000-000000000002', tenant: OTHER_TENANT },
} as const;
type Account = { name: string; botId: string; aad: string; tenant: string; email?: string };
const idOf = (a: { aad: string; tenant: string }) => `teams:${a.tenant}:${a.aad}`;
const BY_ID = new Map<string, Account>(
  Object.entries(ACCOUNTS).map(([name, a]) => [idOf(a), { name, ...a }] as const),
);
function account(userId: string): Account {
  const found = BY_ID.get(userId);
  if (!found) throw new Error(`no Teams account for ${userId}`);
  return found;
}
const dmOf = (userId: string) => `a:dm-${account(userId).botId}`;

type Seen = SeenMessage & { data: Record<string, Json> };

/** Where links to what the bot serves point (an export's download, a calendar, a chart). */
const PUBLIC_URL = 'https://alliantiebot.contract.example';

/**
 * The bot's outbound tokens handed out in this process so far. The SDK caches its token for
 * the app id in the process, so a second app started here (the next suite) still sends the
 * first one: a Bot Connector accepts them all, as Microsoft's would while they are valid.
 */
const outboundTokens = new Set<string>();

/**
 * What Teams shows of card Markdown (a TextBlock's text, a Fact's title and value): a
 * CommonMark backslash escape shows the character itself.
 */
const shown = (markdown: string) => markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** Every visible string of an Adaptive Card, in order, as Teams shows it. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    for (const key of ['text', 'title', 'label']) {
      const value = o[key];
      if (typeof value !== 'string') continue;
      out.push(o.type === 'TextBlock' && key === 'text' ? shown(value) : value);
    }
    if (o.type === 'FactSet') {
      for (const f of o.facts as Json[])
        out.push(`${shown(String(f.title))}: ${shown(String(f.value))}`);
      return out;
    }
    for (const [k, v] of Object.entries(o))
      if (k !== 'data' && typeof v === 'object') texts(v, out);
  }
  return out;
}

function seen(c: ConnectorCall, body: Json, updated: boolean): Seen {
  const card = ((body.attachments as Json[] | undefined) ?? [])[0]?.content as Json | undefined;
  const actions = (card?.actions as Json[] | undefined) ?? [];
  const data: Record<string, Json> = {};
  const buttons: SeenMessage['buttons'] = [];
  let form: SeenMessage['form'] | undefined;
  const images = ((card?.body as Json[] | undefined) ?? [])
    .filter((el) => el.type === 'Image')
    .map((el) => ({ url: String(el.url), alt: String(el.altText) }));
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
    // The body, and the links below it (Action.OpenUrl: its title is what people see).
    text: [
      String(body.text ?? ''),
      ...texts(card?.body ?? []),
      ...actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => String(a.title)),
    ]
      .join(' ')
      .replace(/\s+/g, ' '),
    buttons,
    data,
    ...(form ? { form } : {}),
    ...(images.length > 0 ? { images } : {}),
    updated,
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
  const base = (userId: string, conversation: Json): Json => {
    const who = account(userId);
    return {
      id: `${Date.now()}${++n}`,
      channelId: 'msteams',
      serviceUrl: harness().connector.url,
      from: { id: who.botId, name: who.name, aadObjectId: who.aad },
      recipient: { id: BOT_ID, name: 'Alliantiebot' },
      conversation: { tenantId: who.tenant, ...conversation },
      channelData: { tenant: { id: who.tenant } },
      locale: who.name === 'emma' ? 'en-US' : 'nl-NL',
      timestamp: new Date().toISOString(),
    };
  };
  const personal = (userId: string) => ({ id: dmOf(userId), conversationType: 'personal' });
  /** Someone joins a team's channel (or the bot is added: `joining` is the bot). */
  const teamMemberAdded = (userId: string, place: Place, joining: Json) =>
    post({
      ...base(userId, { id: place.id, conversationType: 'channel', isGroup: true }),
      type: 'conversationUpdate',
      membersAdded: [joining],
      channelData: {
        tenant: { id: place.tenant },
        eventType: 'teamMemberAdded',
        team: { id: place.team },
      },
    });
  const conversationOfUser = (userId: string): string[] => {
    const c = harness().connector;
    const created = c.calls
      .filter((x) => x.kind === 'create')
      // With the 29: id, or the aadObjectId once the bot no longer knows that (an erasure).
      .filter((x) =>
        [account(userId).botId, account(userId).aad].includes(
          String(((x.body.members as Json[]) ?? [])[0]?.id ?? ''),
        ),
      )
      .map((x) => String(x.result ?? ''));
    return [dmOf(userId), ...created];
  };
  /** What a conversation shows: each message as last updated, deleted ones gone. */
  const view = (conversations: string[]): SeenMessage[] => {
    const c = harness().connector;
    const out: Seen[] = [];
    for (const call of c.posted()) {
      if (!conversations.includes(call.conversationId)) continue;
      const changes = c.calls.filter(
        (u) =>
          (u.kind === 'update' || u.kind === 'delete') &&
          u.conversationId === call.conversationId &&
          u.activityId === call.result,
      );
      const last = changes.at(-1);
      if (last?.kind === 'delete') continue;
      out.push({
        ...seen(call, last?.body ?? call.body, last !== undefined),
        id: String(call.result),
      });
    }
    return out;
  };
  /** A card's button pressed (Action.Submit): a message carrying the button's data. */
  /** A press on a card: in its channel (as Teams sends it, with the team) or in a chat. */
  const press = (user: string, conversation: string, message: SeenMessage, actionId: string) => {
    const place = Object.values(CHANNELS).find((p) => p.id === conversation.split(';')[0]);
    return post({
      ...base(
        user,
        place
          ? { id: conversation, conversationType: 'channel', isGroup: true }
          : { id: conversation, conversationType: 'personal' },
      ),
      ...(place ? { channelData: { tenant: { id: place.tenant }, team: { id: place.team } } } : {}),
      type: 'message',
      replyToId: message.id,
      value: (message as Seen).data[actionId] ?? { alliantie: `button:${actionId}` },
    });
  };

  return {
    name: 'Teams',
    people: {
      newcomer: idOf(ACCOUNTS.anna),
      newcomerEn: idOf(ACCOUNTS.emma),
      joiner: idOf(ACCOUNTS.pieter),
      coordinator: idOf(ACCOUNTS.joost),
      spokesperson: idOf(ACCOUNTS.fatima),
      colleague: idOf(ACCOUNTS.sanne),
      outsider: idOf(ACCOUNTS.bram),
    },
    channel: namespaced(CHANNELS.demo),
    otherChannel: namespaced(CHANNELS.other),
    async start() {
      h = await startTeamsHarness({
        TEAMS_APP_TYPE: 'MultiTenant',
        allianceConfigPath: CONTRACT_CONFIG,
        // Where links to what the bot serves point (an export's download, a calendar).
        PUBLIC_URL,
      });
      outboundTokens.add(h.login.token);
      for (const token of outboundTokens) h.connector.tokens.add(token);
      // Teams' member API knows the people of the bot's tenant, in the team and in their chats.
      const own = [...BY_ID.values()].filter((a) => a.tenant === TENANT);
      const members = own.map((a) => ({
        id: a.botId,
        objectId: a.aad,
        name: a.name,
        tenantId: a.tenant,
        ...(a.email ? { email: a.email, userPrincipalName: a.email } : {}),
      }));
      h.connector.members.set(CHANNELS.demo.team, members);
      for (const a of own) h.connector.members.set(`a:dm-${a.botId}`, members);
      // Each team installs the bot: the channel's conversation reference is stored.
      await teamMemberAdded(idOf(ACCOUNTS.joost), CHANNELS.demo, { id: BOT_ID });
      await teamMemberAdded(idOf(ACCOUNTS.karin), CHANNELS.other, { id: BOT_ID });
    },
    async stop() {
      // Every Adaptive Card the adapter emitted in the suite validates against version 1.5
      // (a file consent or file info card is another kind of attachment).
      const invalid = (h?.connector.calls ?? []).flatMap((c) =>
        ((c.body.attachments as Json[] | undefined) ?? [])
          .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
          .flatMap((a) => adaptiveCardErrors(a.content).map((e) => `${c.kind} ${c.result}: ${e}`)),
      );
      // Routing by tenant: a 1:1 chat is opened in the tenant of the person it is with.
      const byBotId = new Map(
        [...BY_ID.values()].flatMap((a) => [
          [a.botId, a],
          [a.aad, a],
        ]),
      );
      const misrouted = (h?.connector.calls ?? [])
        .filter((c) => c.kind === 'create')
        .flatMap((c) => {
          const member = String(((c.body.members as Json[] | undefined) ?? [])[0]?.id ?? '');
          const tenant = byBotId.get(member)?.tenant;
          const asked = [c.body.tenantId, ((c.body.channelData as Json)?.tenant as Json)?.id];
          return asked.every((t) => t === tenant) ? [] : [`${member}: ${JSON.stringify(asked)}`];
        });
      await h?.stop();
      if (invalid.length > 0) throw new Error(`invalid Adaptive Cards:\n${invalid.join('\n')}`);
      if (misrouted.length > 0)
        throw new Error(`1:1 chats opened in another tenant:\n${misrouted.join('\n')}`);
    },
    settled: () => appSettled(harness().app),
    sendDirect: (user, text) => post({ ...base(user, personal(user)), type: 'message', text }),
    commandInChannel: (user, text, channel = namespaced(CHANNELS.demo)) => {
      const place = placeOf(channel);
      return post({
        ...base(user, {
          id: `${place.id};messageid=${Date.now()}`,
          conversationType: 'channel',
          isGroup: true,
        }),
        channelData: { tenant: { id: place.tenant }, team: { id: place.team } },
        type: 'message',
        text: `<at>Alliantiebot</at> ${text}`,
        entities: [
          {
            type: 'mention',
            text: '<at>Alliantiebot</at>',
            mentioned: { id: BOT_ID, name: 'Alliantiebot' },
          },
        ],
      });
    },
    joinChannel: (user, channel = namespaced(CHANNELS.demo)) =>
      teamMemberAdded(user, placeOf(channel), {
        id: account(user).botId,
        aadObjectId: account(user).aad,
      }),
    pressButton: (user, message, actionId) => press(user, message.where, message, actionId),
    pressButtonOn: (user, message, actionId) => press(user, dmOf(user), message, actionId),
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
    channelView: async (_user, channel = namespaced(CHANNELS.demo)) => view([placeOf(channel).id]),
    // Teams fetches an Image's picture from the public URL: the app under test serves it.
    fetchImage: (url) => fetch(url.replace(PUBLIC_URL, harness().app.baseUrl)),
    fireSchedule: (allianceId, flow, kind, key) =>
      harness().app.app.engine.runJob({ allianceId, flow, kind, data: {}, key, type: 'schedule' }),
  };
}
