/**
 * The bot's Bot Connector token goes only to Microsoft's hosts and TEAMS_SERVICE_URL_ALLOW.
 * A token the SDK accepts (any app registration of the configured tenant can get one for our
 * app id) must not be able to point a conversation's serviceUrl elsewhere and collect the
 * token with the next announcement. Here the Bot Connector stand-in is allowed (loopback, by
 * TEAMS_SERVICE_URL_ALLOW) and a second stand-in, the "attacker", is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import { MICROSOFT_SERVICE_HOSTS, ServiceUrlPolicy } from '../../adapters/teams/service-url.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';
import { card, text } from '../../src/core/messages.js';
import { FakeBotConnector } from '../fakes/bot-connector.js';
import {
  BOT_ID,
  eventually,
  type Json,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';
import { keysWithPrefix, testRedis } from '../helpers/redis.js';

const CHANNEL = '19:sealed@thread.tacv2';
const CHANNEL_ID = `teams:${TENANT}:${CHANNEL}`;

let h: TeamsHarness;
let teams: TeamsAdapter;
let attacker: FakeBotConnector;
let redis: ReturnType<typeof testRedis>;
let n = 0;

beforeAll(async () => {
  attacker = new FakeBotConnector();
  await attacker.start();
  h = await startTeamsHarness();
  teams = h.app.app.adapters.all().find((a) => a.platform === 'teams') as TeamsAdapter;
  redis = testRedis();
});
afterAll(async () => {
  await h?.stop();
  await attacker?.stop();
  await redis?.quit();
});

function install(serviceUrl: string): Json {
  return {
    type: 'conversationUpdate',
    id: `install-${++n}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:1admin', aadObjectId: '20000000-0000-0000-0000-000000000001' },
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: BOT_ID }],
    channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded' },
  };
}

function message(serviceUrl: string, words = 'hulp'): Json {
  return {
    type: 'message',
    id: `msg-${++n}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:1mallory', aadObjectId: '20000000-0000-0000-0000-000000000002' },
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: { id: `a:dm-mallory-${n}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: words,
  };
}

/**
 * What an activity could change on the acknowledgement path: the adapter's keys (references,
 * people) with their values, the events ever journaled, and the inbound jobs.
 */
async function snapshot(): Promise<Json> {
  const teamsKeys: Record<string, string | null> = {};
  for (const key of await keysWithPrefix(redis, `${h.app.prefix}teams:`)) {
    teamsKeys[key] = await redis.get(key);
  }
  const journal = h.app.app.queue.journal.key;
  let journaled = 0;
  if ((await redis.exists(journal)) === 1) {
    const info = (await redis.call('XINFO', 'STREAM', journal)) as unknown[];
    journaled = Number(info[info.indexOf('entries-added') + 1] ?? 0);
  }
  const counts = await h.app.app.queue.inbound.getJobCounts();
  const inboundJobs = Object.values(counts).reduce((a, b) => a + b, 0);
  return { teamsKeys, journaled, inboundJobs };
}

/** Waits until earlier activities are handled (nothing journaled, queued or running). */
async function quiet(): Promise<void> {
  const { queue } = h.app.app;
  const busy = async () => {
    const counts = [
      await queue.inbound.getJobCounts('active', 'waiting', 'prioritized'),
      await queue.delivery.getJobCounts('active', 'waiting', 'prioritized'),
    ].flatMap((c) => Object.values(c));
    return (await queue.journal.length()) + counts.reduce((a, b) => a + b, 0);
  };
  const until = Date.now() + 10_000;
  while ((await busy()) > 0) {
    if (Date.now() > until) throw new Error('the app did not settle');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('inbound: where an activity says the bot can be reached', () => {
  beforeAll(async () => {
    expect((await h.post(install(h.connector.url))).status).toBe(200);
  });

  it('refuses (403) a validly signed activity pointing a linked channel at another host, and changes nothing', async () => {
    await quiet();
    const before = await snapshot();
    const res = await h.post(install(attacker.url));
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/not an allowed host/);
    expect(await snapshot()).toEqual(before);

    // The next announcement goes where the channel really is; the attacker gets nothing.
    await teams.send({ kind: 'conversation', id: CHANNEL_ID }, text('Nieuws voor het kanaal'));
    expect(h.connector.posted(CHANNEL).at(-1)?.body.text).toBe('Nieuws voor het kanaal');
    expect(attacker.calls).toEqual([]);
    expect(attacker.rejected).toEqual([]);
  });

  it.each([
    ['plain http to a Microsoft host', 'http://smba.trafficmanager.net/amer/'],
    ['a look-alike suffix', 'https://smba.trafficmanager.net.attacker.example/amer/'],
    ['a subdomain of a Microsoft host', 'https://evil.smba.trafficmanager.net/amer/'],
    ['another *.trafficmanager.net name', 'https://smba-evil.trafficmanager.net/amer/'],
    ['credentials in the URL', 'https://user:pw@smba.trafficmanager.net/amer/'],
  ])('refuses %s (403) before it is journaled', async (_label, serviceUrl) => {
    await quiet();
    const before = await snapshot();
    const res = await h.post(message(serviceUrl));
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a token whose serviceurl claim is not the activity's serviceUrl (403)", async () => {
    await quiet();
    const before = await snapshot();
    const token = await h.issuer.token({
      claims: { serviceurl: 'https://smba.trafficmanager.net/emea/' },
    });
    const res = await h.post(message(h.connector.url), token);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/serviceurl claim/);
    expect(await snapshot()).toEqual(before);
  });

  it('takes a token whose serviceurl claim is the serviceUrl, and one without the claim', async () => {
    const token = await h.issuer.token({ claims: { serviceurl: h.connector.url } });
    const claimed = message(h.connector.url);
    expect((await h.post(claimed, token)).status).toBe(200);
    const plain = message(h.connector.url);
    expect((await h.post(plain)).status).toBe(200);
    const conversation = (plain.conversation as { id: string }).id;
    await eventually(() => h.connector.posted(conversation)[0]);
  });
});

describe('outbound: a stored reference on a host that is not allowed', () => {
  const planted = `teams:${TENANT}:19:planted@thread.tacv2`;
  const person = `teams:${TENANT}:20000000-0000-0000-0000-000000000009`;

  beforeAll(async () => {
    // What an older version stored from a forged activity (or anything else that wrote it).
    await teams.refs.remember(planted, {
      serviceUrl: attacker.url,
      channelId: 'msteams',
      tenantId: TENANT,
      bot: { id: BOT_ID },
      conversation: { id: '19:planted@thread.tacv2', conversationType: 'channel' },
    });
    await teams.refs.remember(
      `teams:${TENANT}:a:dm-planted`,
      {
        serviceUrl: attacker.url,
        channelId: 'msteams',
        tenantId: TENANT,
        bot: { id: BOT_ID },
        conversation: { id: 'a:dm-planted', conversationType: 'personal' },
      },
      person,
    );
  });

  it('fails a send permanently, without a request', async () => {
    const error = await teams
      .send({ kind: 'conversation', id: planted }, text('geheim'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(String((error as Error).message)).toMatch(/refusing to send the bot's token/);
    const direct = await teams
      .send({ kind: 'direct', userId: person }, text('geheim'))
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(PermanentDeliveryError);
    expect(attacker.calls).toEqual([]);
    expect(attacker.rejected).toEqual([]);
  });

  it('fails an update and an interactive answer too, and looks up no e-mail there', async () => {
    const ref = { conversationId: planted, messageId: '1', parts: ['1', '2'] };
    await expect(teams.update(ref, card({ text: 'x' }))).rejects.toBeInstanceOf(
      PermanentDeliveryError,
    );
    await expect(
      teams.answer({
        key: 'k',
        to: { kind: 'conversation', id: planted },
        message: text('x'),
        interactive: true,
      }),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(attacker.calls).toEqual([]);
  });
});

describe('the allowed hosts', () => {
  it("are Microsoft's Bot Connector hosts over https, exactly, and the configured extras", () => {
    const policy = new ServiceUrlPolicy(['bot-connector.internal.example']);
    for (const host of MICROSOFT_SERVICE_HOSTS) {
      expect(policy.allows(`https://${host}/amer/`)).toBe(true);
      expect(policy.allows(`http://${host}/amer/`)).toBe(false);
      expect(policy.allows(`https://x.${host}/`)).toBe(false);
    }
    expect(policy.allows('https://bot-connector.internal.example/')).toBe(true);
    expect(policy.allows('https://smba.trafficmanager.net.evil.example/')).toBe(false);
    expect(new ServiceUrlPolicy().allows('http://127.0.0.1:3978/')).toBe(false);
  });
});
