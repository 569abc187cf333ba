/**
 * Teams people are `teams:<tenant>:<aadObjectId>`. What was stored under a person's old
 * 29:-based id (membership, conversation state, their 1:1 conversation reference) moves over
 * the first time they are seen by aadObjectId; the bot still reaches them privately (through
 * the 29: id it keeps beside the new id), also when a config or a queued job names the old id;
 * and their e-mail address comes from the member API, for people of the bot's tenant only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import { text } from '../../src/core/messages.js';
import type { Member, Partner } from '../../src/domain/alliance.js';
import {
  BOT_ID,
  type Json,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';

const OTHER_TENANT = '00000000-0000-0000-0000-0000000000bb';
const ALLIANCE = 'energieregio-west';
const CHANNEL = '19:mensen@thread.tacv2';
const TEAM = '19:team-mensen@thread.tacv2';

let h: TeamsHarness;
let teams: TeamsAdapter;
let n = 0;

beforeAll(async () => {
  h = await startTeamsHarness();
  teams = h.app.app.adapters.all().find((a) => a.platform === 'teams') as TeamsAdapter;
});
afterAll(async () => {
  await h?.stop();
});

const who = (botId: string, aad: string) => ({ id: botId, name: botId.slice(3), aadObjectId: aad });

function personal(from: Json, conversation: string, words = 'hallo'): Json {
  return {
    type: 'message',
    id: `p-${++n}`,
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from,
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: { id: conversation, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    text: words,
  };
}

function inChannel(from: Json, tenant = TENANT): Json {
  return {
    type: 'message',
    id: `c-${++n}`,
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from,
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: {
      id: `${CHANNEL};messageid=${n}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: tenant,
    },
    channelData: { tenant: { id: tenant }, team: { id: TEAM } },
    text: '<at>Alliantiebot</at> hallo',
  };
}

describe('moving a person to their aadObjectId-based id', () => {
  const aad = '30000000-0000-0000-0000-000000000001';
  const oldId = `teams:${TENANT}:29:1marit`;
  const newId = `teams:${TENANT}:${aad}`;

  it('moves membership, conversation state and the 1:1 reference on first sight', async () => {
    const { store } = h.app.app;
    const partner: Partner = {
      id: 'gemeente-leiden',
      allianceId: ALLIANCE,
      name: 'Gemeente Leiden',
      type: 'gemeente',
      joinedAt: '2026-01-05T10:00:00.000Z',
    };
    const member: Member = {
      id: oldId,
      allianceId: ALLIANCE,
      partnerId: partner.id,
      name: 'Marit',
      role: 'beleidsadviseur',
      goals: 'warmtenet',
      offers: 'kennis',
      needs: 'data',
      topics: ['warmte'],
      joinedAt: '2026-01-05T10:00:00.000Z',
    };
    await store.members.register(member, partner);
    await store.state.set(ALLIANCE, oldId, { flow: 'checkin', step: 'answer', data: { n: 1 } });
    await teams.refs.remember(
      `teams:${TENANT}:a:dm-marit`,
      {
        serviceUrl: h.connector.url,
        channelId: 'msteams',
        tenantId: TENANT,
        bot: { id: BOT_ID },
        conversation: { id: 'a:dm-marit', conversationType: 'personal', tenantId: TENANT },
      },
      oldId,
    );

    // An older version of the bot named Marit by her 29: id; now she writes again.
    const res = await h.post(personal(who('29:1marit', aad), 'a:dm-marit'));
    expect(res.status).toBe(200);

    expect(await store.members.getMember(ALLIANCE, oldId)).toBeNull();
    expect(await store.members.getMember(ALLIANCE, newId)).toMatchObject({
      id: newId,
      name: 'Marit',
      joinedAt: member.joinedAt,
    });
    expect((await store.members.listMembers(ALLIANCE)).map((m) => m.id)).toContain(newId);
    expect((await store.members.listMembers(ALLIANCE)).map((m) => m.id)).not.toContain(oldId);
    expect(await store.members.membersOfPartner(ALLIANCE, partner.id)).toContain(newId);
    expect(await store.members.alliancesOf(newId)).toEqual([ALLIANCE]);
    expect(await store.members.alliancesOf(oldId)).toEqual([]);
    expect(await store.state.get(ALLIANCE, newId)).toMatchObject({
      flow: 'checkin',
      step: 'answer',
    });
    expect(await store.state.get(ALLIANCE, oldId)).toBeNull();
    expect((await teams.refs.byUser(newId))?.conversation.id).toBe('a:dm-marit');
    expect(await teams.refs.byUser(oldId)).toBeUndefined();
    expect(await teams.people.current(oldId)).toBe(newId);
  });

  it('still reaches the person privately by the old id (a config naming it), in the same chat', async () => {
    const created = h.connector.calls.filter((c) => c.kind === 'create').length;
    await teams.send({ kind: 'direct', userId: oldId }, text('voor Marit'));
    expect(h.connector.posted('a:dm-marit').at(-1)?.body.text).toBe('voor Marit');
    expect(h.connector.calls.filter((c) => c.kind === 'create')).toHaveLength(created);
  });
});

describe('reaching a person privately', () => {
  it('opens a 1:1 chat with the 29: id Teams gave the person, though they are named by aadObjectId', async () => {
    const aad = '30000000-0000-0000-0000-000000000002';
    expect((await h.post(inChannel(who('29:1ravi', aad)))).status).toBe(200);
    const sent = await teams.send(
      { kind: 'direct', userId: `teams:${TENANT}:${aad}` },
      text('hoi'),
    );
    const create = h.connector.calls.filter((c) => c.kind === 'create').at(-1);
    expect((create?.body.members as Json[] | undefined)?.[0]?.id).toBe('29:1ravi');
    expect(sent.conversationId).toBe(`teams:${TENANT}:${String(create?.result)}`);
    // And the chat is remembered: the next message goes there without a new conversation.
    await teams.send({ kind: 'direct', userId: `teams:${TENANT}:${aad}` }, text('nog eens'));
    expect(h.connector.calls.filter((c) => c.kind === 'create').at(-1)).toBe(create);
  });
});

describe('emailOf', () => {
  const aad = '30000000-0000-0000-0000-000000000003';
  const id = `teams:${TENANT}:${aad}`;

  beforeAll(async () => {
    h.connector.members.set(TEAM, [
      {
        id: '29:1sanne',
        objectId: aad,
        name: 'Sanne',
        email: 'Sanne.de.Vries@leiden.example',
        userPrincipalName: 'sdvries@leiden.example',
        tenantId: TENANT,
      },
      {
        id: '29:1upn',
        objectId: '30000000-0000-0000-0000-000000000004',
        userPrincipalName: 'upn.only@leiden.example',
        tenantId: TENANT,
      },
      {
        id: '29:1guest',
        objectId: '30000000-0000-0000-0000-000000000005',
        email: 'gast@elders.example',
        tenantId: OTHER_TENANT,
      },
    ]);
    for (const [botId, objectId] of [
      ['29:1sanne', aad],
      ['29:1upn', '30000000-0000-0000-0000-000000000004'],
      ['29:1guest', '30000000-0000-0000-0000-000000000005'],
    ] as const) {
      expect((await h.post(inChannel(who(botId, objectId)))).status).toBe(200);
    }
  });

  it("asks Teams' member API (where the person was seen), with the bot's token, and caches it", async () => {
    const asked = () => h.connector.calls.filter((c) => c.memberId === '29:1sanne');
    expect(await teams.emailOf(id)).toBe('Sanne.de.Vries@leiden.example');
    expect(await teams.emailOf(id)).toBe('Sanne.de.Vries@leiden.example');
    // Asked once (the engine may have asked first, when Sanne appeared: then ours was cached).
    expect(asked()).toHaveLength(1);
    expect(asked()[0]).toMatchObject({
      kind: 'member',
      conversationId: TEAM,
      token: h.login.token,
    });
  });

  it('takes the user principal name when Teams gives no e-mail address', async () => {
    expect(await teams.emailOf(`teams:${TENANT}:30000000-0000-0000-0000-000000000004`)).toBe(
      'upn.only@leiden.example',
    );
  });

  it('gives nothing for people of other tenants, or never seen', async () => {
    // Seen in our tenant's channel, but a guest from another tenant (the member API says so).
    expect(await teams.emailOf(`teams:${TENANT}:30000000-0000-0000-0000-000000000005`)).toBe(
      undefined,
    );
    // Named in another tenant: not asked at all. Never seen: nowhere to ask.
    expect(await teams.emailOf(`teams:${OTHER_TENANT}:${aad}`)).toBeUndefined();
    const never = '30000000-0000-0000-0000-00000000dead';
    expect(await teams.emailOf(`teams:${TENANT}:${never}`)).toBeUndefined();
    expect(h.connector.calls.filter((c) => c.memberId === never)).toEqual([]);
  });

  it('gives nothing when the member API does not know the person (404)', async () => {
    const ghost = '30000000-0000-0000-0000-000000000006';
    expect((await h.post(inChannel(who('29:1ghost', ghost)))).status).toBe(200);
    expect(await teams.emailOf(`teams:${TENANT}:${ghost}`)).toBeUndefined();
    expect(h.connector.calls.find((c) => c.memberId === '29:1ghost')).toBeDefined();
  });
});
