/**
 * Conversation references: written when an activity brings one, not rewritten on every
 * message (the acknowledgement path stays one round trip shorter), rewritten when they
 * change, after a minute, and always on an install.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ConversationRefs, type StoredReference } from '../../adapters/teams/conversation-refs.js';
import { deletePrefix, freshPrefix, testRedis } from '../helpers/redis.js';

const ref = (serviceUrl: string): StoredReference => ({
  serviceUrl,
  channelId: 'msteams',
  tenantId: 'tenant-1',
  bot: { id: '28:bot', name: 'Alliantiebot' },
  conversation: { id: 'a:dm-1', conversationType: 'personal', tenantId: 'tenant-1' },
});

describe('Teams conversation references', () => {
  const redis = testRedis();
  const prefix = freshPrefix('refs');
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    await redis.quit();
  });

  it('keeps by conversation, person and tenant, and writes again only what changed or aged', async () => {
    let now = 1_000_000;
    const refs = new ConversationRefs(redis, prefix, () => now);
    const conv = 'teams:tenant-1:a:dm-1';
    await refs.remember(conv, ref('https://smba.example/emea/'), 'teams:tenant-1:29:1');
    expect((await refs.byConversation(conv))?.serviceUrl).toBe('https://smba.example/emea/');
    expect((await refs.byUser('teams:tenant-1:29:1'))?.conversation.id).toBe('a:dm-1');
    expect((await refs.byTenant('tenant-1'))?.bot.id).toBe('28:bot');

    // Someone else removes it: the same reference again within the minute is not rewritten …
    await redis.del(`${prefix}teams:ref:conv:{${conv}}`);
    await refs.remember(conv, ref('https://smba.example/emea/'), 'teams:tenant-1:29:1');
    expect(await refs.byConversation(conv)).toBeUndefined();
    // … an install always writes …
    await refs.remember(conv, ref('https://smba.example/emea/'), undefined, true);
    expect(await refs.byConversation(conv)).toBeDefined();
    // … a changed serviceUrl is written at once …
    await refs.remember(conv, ref('https://smba.example/amer/'));
    expect((await refs.byConversation(conv))?.serviceUrl).toBe('https://smba.example/amer/');
    // … and after a minute the same reference is written again.
    await redis.del(`${prefix}teams:ref:conv:{${conv}}`);
    now += 61_000;
    await refs.remember(conv, ref('https://smba.example/amer/'));
    expect((await refs.byConversation(conv))?.serviceUrl).toBe('https://smba.example/amer/');

    // A second person's chat in the same tenant does not rewrite the tenant's reference.
    await redis.set(`${prefix}teams:ref:tenant:{tenant-1}`, 'kept');
    await refs.remember('teams:tenant-1:a:dm-2', {
      ...ref('https://smba.example/amer/'),
      conversation: { id: 'a:dm-2', conversationType: 'personal', tenantId: 'tenant-1' },
    });
    expect(await redis.get(`${prefix}teams:ref:tenant:{tenant-1}`)).toBe('kept');
    expect((await refs.byConversation('teams:tenant-1:a:dm-2'))?.conversation.id).toBe('a:dm-2');

    await refs.forget(conv);
    expect(await refs.byConversation(conv)).toBeUndefined();
    await refs.remember(conv, ref('https://smba.example/amer/'));
    expect(await refs.byConversation(conv)).toBeDefined();
  });
});
