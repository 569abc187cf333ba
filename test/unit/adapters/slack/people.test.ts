/**
 * Slack people by e-mail (users.info, users.lookupByEmail) through the adapter, against the
 * stand-in's small directory: addresses found and not found, deleted people and bots ignored,
 * a person of another workspace named by their own team, and answers cached in Redis so a
 * second question makes no call (nor do questions asked at the same moment).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../../adapters/slack/index.js';
import { FakeSlackApi } from '../../../fakes/slack-api.js';
import { deletePrefix, freshPrefix, testRedis } from '../../../helpers/redis.js';
import { slackAdapterForTest } from '../../../helpers/slack.js';

const redis = testRedis();
const prefix = freshPrefix('slack-people');
const api = new FakeSlackApi();
let adapter: SlackAdapter;

beforeAll(async () => {
  api.people.set('U0ANNA001', { email: 'Anna@Example.org' });
  api.people.set('U0GONE001', { email: 'gone@example.org', deleted: true });
  api.people.set('U0BOTX001', { email: 'bot@example.org', isBot: true });
  api.people.set('U0NOMAIL1', {});
  api.people.set('U0GUEST01', { email: 'guest@partner.example', team: 'T0OTHER01' });
  await api.start();
  adapter = slackAdapterForTest(api, redis, prefix);
});
afterAll(async () => {
  await api.stop();
  await deletePrefix(redis, prefix);
  await redis.quit();
});

const calls = (method: string) => api.of(method).length;

describe('emailOf', () => {
  it("reads a person's address (lower-cased) and keeps it", async () => {
    expect(await adapter.emailOf('slack:T0DEMO01:U0ANNA001')).toBe('anna@example.org');
    const before = calls('users.info');
    expect(await adapter.emailOf('slack:T0DEMO01:U0ANNA001')).toBe('anna@example.org');
    expect(calls('users.info')).toBe(before);
  });

  it('tells nothing for unknown, deleted, bot and address-less people (and keeps that too)', async () => {
    for (const user of ['U0NOBODY1', 'U0GONE001', 'U0BOTX001', 'U0NOMAIL1']) {
      expect(await adapter.emailOf(`slack:T0DEMO01:${user}`), user).toBeUndefined();
    }
    const before = calls('users.info');
    expect(await adapter.emailOf('slack:T0DEMO01:U0NOBODY1')).toBeUndefined();
    expect(calls('users.info')).toBe(before);
  });
});

describe('userByEmail', () => {
  it('finds a person by address in a workspace, in any case, and keeps the answer', async () => {
    expect(await adapter.userByEmail(' ANNA@example.org ', 'T0DEMO01')).toBe(
      'slack:T0DEMO01:U0ANNA001',
    );
    const before = calls('users.lookupByEmail');
    expect(await adapter.userByEmail('anna@example.org', 'T0DEMO01')).toBe(
      'slack:T0DEMO01:U0ANNA001',
    );
    expect(calls('users.lookupByEmail')).toBe(before);
  });

  it("names a person by their own workspace, and finds nobody who isn't there", async () => {
    expect(await adapter.userByEmail('guest@partner.example', 'T0DEMO01')).toBe(
      'slack:T0OTHER01:U0GUEST01',
    );
    expect(await adapter.userByEmail('nobody@example.org', 'T0DEMO01')).toBeUndefined();
    expect(await adapter.userByEmail('gone@example.org', 'T0DEMO01')).toBeUndefined();
    expect(await adapter.userByEmail('not-an-address', 'T0DEMO01')).toBeUndefined();
  });

  it('asks once for thirty people who need the same address at the same moment', async () => {
    api.people.set('U0BUSY001', { email: 'busy@example.org' });
    const before = calls('users.lookupByEmail');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => adapter.userByEmail('busy@example.org', 'T0DEMO01')),
    );
    expect(new Set(answers)).toEqual(new Set(['slack:T0DEMO01:U0BUSY001']));
    expect(calls('users.lookupByEmail')).toBe(before + 1);
  });

  it('keeps addresses out of Redis keys', async () => {
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('@');
  });
});
