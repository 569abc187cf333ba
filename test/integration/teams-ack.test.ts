/**
 * Acknowledging a Teams activity asks nothing of Microsoft's login: the answer leaves later,
 * from the delivery queue. So with the login service down, Teams still gets its 200 at once,
 * and the answer follows when the login service is back.
 */
import { MockAgent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTeamsHarness, type TeamsHarness } from '../fakes/teams-app.js';
import { LOGIN_ORIGIN } from '../fakes/teams-login.js';

let h: TeamsHarness;

beforeAll(async () => {
  // The recorded fixture's tenant is listed there (only listed tenants are accepted).
  h = await startTeamsHarness({ allianceConfigPath: 'test/fixtures/alliance-shared.yaml' });
});
afterAll(async () => {
  await h?.stop();
});

describe('Teams acknowledgement', () => {
  it('answers 200 while the login service is down, and replies once it is back', async () => {
    await h.login.uninstall();
    const down = new MockAgent();
    down.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    down
      .get(LOGIN_ORIGIN)
      .intercept({ path: () => true, method: () => true })
      .reply(503, { error: 'temporarily_unavailable' })
      .persist();
    setGlobalDispatcher(down);
    const tokenCalls = () => h.login.requests.filter((r) => r.path.includes('/token')).length;
    const before = tokenCalls();

    const base = fixture('message_personal') as { conversation: { id: string } };
    const activity = {
      ...base,
      id: `ack-${Date.now()}`,
      serviceUrl: h.connector.url,
      text: 'hulp',
    };
    const conversation = base.conversation.id;
    const started = Date.now();
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.connector.posted(conversation)).toHaveLength(0);

    // Microsoft's login answers again: the queued answer goes out (the delivery retries).
    await down.close();
    h.login.install();
    h.connector.tokens.add(h.login.token);
    const until = Date.now() + 20_000;
    while (h.connector.posted(conversation).length === 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    const replies = h.connector.posted(conversation);
    expect(replies.length).toBeGreaterThan(0);
    expect(tokenCalls()).toBeGreaterThan(before);
  }, 30_000);
});
