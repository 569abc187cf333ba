/**
 * Teams tenants: an activity from a tenant no alliance lists (not listed under `workspaces`,
 * no linked channel or named person there) is refused with 403 after its token checked out,
 * and nothing of it is kept — no conversation reference, no person, nothing in the inbound
 * journal. In a shared channel the tenant that counts is the host's (the conversation's
 * tenantId, as Microsoft documents it), also for a guest of another tenant. The recorded
 * shared-channel message is test/fixtures/teams/shared_channel_message.json.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { TENANT } from '../fakes/teams-app.js';
import { changedKeys, type PlatformApp, startPlatformApp } from '../helpers/web-app.js';

type Json = Record<string, unknown>;
const shared = (): Json =>
  JSON.parse(
    readFileSync(new URL('../fixtures/teams/shared_channel_message.json', import.meta.url), 'utf8'),
  );

const slack = new FakeSlackApi();
let w: PlatformApp;
let teams: TeamsAdapter;
beforeAll(async () => {
  await slack.start();
  w = await startPlatformApp(slack.url);
  teams = w.app.adapters.all().find((a) => a.platform === 'teams') as TeamsAdapter;
});
afterAll(async () => {
  await w?.stop();
  await slack.stop();
});

async function post(activity: Json): Promise<Response> {
  return fetch(`${w.baseUrl}/api/messages`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await w.teamsToken()}`,
    },
    body: JSON.stringify({ ...activity, serviceUrl: w.connector.url }),
  });
}

/** The fixture as if its host team were in `tenant`. */
function hostedIn(tenant: string): Json {
  const a = shared() as Json & {
    conversation: Json;
    channelData: { tenant: Json; team: Json };
  };
  a.conversation.tenantId = tenant;
  a.channelData.tenant.id = tenant;
  a.channelData.team.tenantId = tenant;
  return a;
}

describe('Teams tenants', () => {
  it('refuses a shared channel hosted in a tenant no alliance lists, and keeps nothing', async () => {
    const before = await w.snapshot();
    const res = await post(shared());
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: 'this tenant is not one of an alliance of this bot',
    });
    expect(changedKeys(before, await w.snapshot())).toEqual([]);
    expect(await w.journalLength()).toBe(0);
    const conversation =
      'teams:a1b2c3d4-e5f6-7890-abcd-ef1234567890:19:d441d38c655c47a085215b2726e76927@thread.tacv2';
    expect(await teams.refs.byConversation(conversation)).toBeUndefined();
    expect(await teams.refs.byTenant('a1b2c3d4-e5f6-7890-abcd-ef1234567890')).toBeUndefined();
  });

  it('takes a guest of another tenant in a shared channel hosted in a listed tenant', async () => {
    const res = await post(hostedIn(TENANT));
    expect(res.status).toBe(200);
    const ref = await teams.refs.byConversation(
      `teams:${TENANT}:19:d441d38c655c47a085215b2726e76927@thread.tacv2`,
    );
    expect(ref?.tenantId).toBe(TENANT);
    expect(await w.journalLength()).toBe(1);
  });
});
