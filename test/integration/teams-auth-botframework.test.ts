/**
 * Inbound tokens issued by Bot Framework (`iss` https://api.botframework.com), what Teams
 * sends in production. The app runs with Microsoft's production URLs; the SDK fetches Bot
 * Framework's keys from its fixed address, https://login.botframework.com/v1/.well-known/keys,
 * over node's https (jwks-rsa), which microsoft-keys.ts serves on loopback over real TLS.
 * A valid token is accepted and its activity handled; a wrong audience, an expired token, a
 * bad signature or an unknown key id get 401 and change nothing: no Redis key, no journal
 * entry, no job, no call to the Bot Connector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOTFRAMEWORK_ISSUER, BOTFRAMEWORK_KEYS } from '../fakes/microsoft-keys.js';
import {
  type AppUnderTest,
  eventually,
  TENANT,
  TeamsAuthWorld,
} from '../fakes/teams-auth-world.js';

const APP_ID = '21111111-2222-3333-4444-555555555555';

const world = new TeamsAuthWorld();
let bot: AppUnderTest;

beforeAll(async () => {
  await world.start();
  world.login.register(APP_ID, { secret: 'bf-secret' });
  bot = await world.startApp(APP_ID, {
    TEAMS_APP_PASSWORD: 'bf-secret',
    TEAMS_TENANT_ID: TENANT,
    TEAMS_APP_TYPE: 'SingleTenant',
  });
});
afterAll(async () => {
  await world.stop();
});

describe('Teams inbound auth: tokens issued by api.botframework.com', () => {
  it('accepts a valid Bot Framework token: 200, the activity handled and answered', async () => {
    const token = await world.token({ audience: APP_ID });
    const before = await bot.state();
    const res = await bot.post(bot.personal('hulp'), token);
    expect(res.status).toBe(200);
    // Handled: the event went through the journal and the help answer reached the connector.
    const reply = await eventually(() => bot.connector.posted('a:dm-29:1anna')[0]);
    expect(world.login.issued.has(reply.token)).toBe(true);
    const after = await bot.state();
    expect(after.journalAdded).toBe(before.journalAdded + 1);
    expect(after.keys.length).toBeGreaterThan(before.keys.length);
    // The keys came from Bot Framework's fixed address, over TLS to that very host name.
    const fetches = world.keys.fetchesOf(BOTFRAMEWORK_KEYS);
    expect(fetches.length).toBeGreaterThan(0);
    expect(fetches[0]?.servername).toBe('login.botframework.com');
    // No Entra keys were needed for a Bot Framework token.
    expect(world.keys.fetches.every((f) => f.host === 'login.botframework.com')).toBe(true);
  });

  it.each([
    ['a wrong audience', { audience: '99999999-2222-3333-4444-555555555555' }, /Audience mismatch/],
    ['the Bot Framework audience only', { audience: BOTFRAMEWORK_ISSUER }, /Audience mismatch/],
    ['an expired token', { audience: APP_ID, expiresIn: -900 }, /jwt expired/],
    ['a bad signature', { audience: APP_ID, foreignKey: true }, /invalid signature/],
    ['an unknown key id', { audience: APP_ID, unknownKid: true }, /Unable to find a signing key/],
  ])('refuses %s with 401 and changes nothing', async (_label, options, reason) => {
    const user = `29:1mallory-${Math.random().toString(36).slice(2)}`;
    const before = await bot.state();
    const res = await bot.post(bot.personal('hulp', user), await world.token(options));
    expect(res.status).toBe(401);
    // The SDK's own reason: the refusal is for what this token got wrong.
    expect((await res.json()) as unknown).toEqual({
      'jwt-auth-error': expect.stringMatching(reason),
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await bot.state()).toEqual(before);
    expect(bot.connector.posted(`a:dm-${user}`)).toEqual([]);
  });

  it('fetches the keys again for a kid it has not seen (a rotation), and still refuses', async () => {
    const fetches = world.keys.fetchesOf(BOTFRAMEWORK_KEYS).length;
    const res = await bot.post(
      bot.personal('hulp', '29:1rotation'),
      await world.token({ audience: APP_ID, unknownKid: true }),
    );
    expect(res.status).toBe(401);
    expect(world.keys.fetchesOf(BOTFRAMEWORK_KEYS).length).toBeGreaterThan(fetches);
  });

  it('still accepts a valid token after the refusals (the refusals were not a broken check)', async () => {
    const res = await bot.post(
      bot.personal('help', '29:1bram'),
      await world.token({ audience: APP_ID }),
    );
    expect(res.status).toBe(200);
    await eventually(() => bot.connector.posted('a:dm-29:1bram')[0]);
  });
});
