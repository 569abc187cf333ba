/**
 * The ten recorded or documented Teams activities (../shared/fixtures/teams) POSTed over HTTP
 * with locally signed tokens, and delivery through the fake Bot Connector: installs store the
 * conversation reference, invokes get an invoke response, and connector failures become coded
 * delivery errors (429 with Retry-After, 412/502/504 transient, removed/not found permanent).
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAdapter } from '../../adapters/teams/index.js';
import {
  PermanentDeliveryError,
  RateLimitError,
  TransientDeliveryError,
} from '../../src/core/errors.js';
import { text } from '../../src/core/messages.js';
import {
  FIXTURES,
  fixture,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';
import { adaptiveCardErrors } from '../fakes/teams-schemas.js';

let h: TeamsHarness;
let teams: TeamsAdapter;

beforeAll(async () => {
  // The recorded fixtures come from tenants of their own: this config lists them (only
  // tenants an alliance lists are accepted; teams-tenants.test.ts).
  h = await startTeamsHarness({ allianceConfigPath: 'test/fixtures/alliance-shared.yaml' });
  teams = h.app.app.adapters.all().find((a) => a.platform === 'teams') as TeamsAdapter;
});
afterAll(async () => {
  await h?.stop();
});

const names = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('Teams fixtures over HTTP', () => {
  it('has the ten fixtures', () => {
    expect(names.length).toBe(10);
  });

  it.each(names)('accepts %s', async (name) => {
    const activity: Record<string, unknown> = { ...fixture(name), serviceUrl: h.connector.url };
    const res = await h.post(activity);
    if (name === 'conversation_update_bot_added_personal') {
      // Microsoft's documented example names its tenant by a placeholder ("<TENANT ID>"),
      // which no alliance lists: refused like any tenant not listed.
      expect(res.status).toBe(403);
      return;
    }
    expect(res.status).toBe(200);
    if (activity.type === 'invoke') {
      expect(await res.json()).toMatchObject({ statusCode: 200 });
    }
  });

  it('stores the conversation reference of a team and a personal install', async () => {
    for (const name of ['conversation_update_bot_added_team', 'installation_update_add_team']) {
      const a = fixture(name) as { conversation: { id: string; tenantId?: string } };
      const tenant = a.conversation.tenantId ?? '';
      const ref = await teams.refs.byConversation(
        `teams:${tenant}:${a.conversation.id.replace(/;messageid=\d+$/, '')}`,
      );
      expect(ref?.serviceUrl).toBe(h.connector.url);
    }
  });

  it('only ever emits valid Adaptive Cards', () => {
    for (const c of h.connector.calls) {
      for (const a of (c.body.attachments as { content: unknown }[] | undefined) ?? []) {
        expect(adaptiveCardErrors(a.content)).toEqual([]);
      }
    }
  });
});

describe('Teams delivery errors', () => {
  const channel = `teams:${TENANT}:19:errors@thread.tacv2`;

  beforeAll(async () => {
    await teams.refs.remember(channel, {
      serviceUrl: h.connector.url,
      channelId: 'msteams',
      tenantId: TENANT,
      bot: { id: '28:bot' },
      conversation: { id: '19:errors@thread.tacv2', conversationType: 'channel' },
    });
  });

  it('sends proactively with the stored reference', async () => {
    const ref = await teams.send({ kind: 'conversation', id: channel }, text('hallo'));
    expect(ref.conversationId).toBe(channel);
    expect(h.connector.posted('19:errors@thread.tacv2').at(-1)?.body.text).toBe('hallo');
  });

  it('maps 429 with Retry-After to RateLimitError', async () => {
    h.connector.failNext(429, 1, 3, '19:errors@thread.tacv2');
    const error = await teams
      .send({ kind: 'conversation', id: channel }, text('x'))
      .catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);
  });

  it.each([412, 502, 504])('maps %i to TransientDeliveryError', async (status) => {
    h.connector.failNext(status, 1, undefined, '19:errors@thread.tacv2');
    const error = await teams
      .send({ kind: 'conversation', id: channel }, text('x'))
      .catch((e) => e);
    expect(error).toBeInstanceOf(TransientDeliveryError);
  });

  it('maps a conversation the bot was removed from, or an unknown one, to PermanentDeliveryError', async () => {
    h.connector.gone.add('19:errors@thread.tacv2');
    const gone = await teams.send({ kind: 'conversation', id: channel }, text('x')).catch((e) => e);
    expect(gone).toBeInstanceOf(PermanentDeliveryError);
    const unknown = await teams
      .send({ kind: 'conversation', id: `teams:${TENANT}:19:nowhere@thread.tacv2` }, text('x'))
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(PermanentDeliveryError);
  });
});
