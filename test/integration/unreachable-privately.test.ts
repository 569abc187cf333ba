/**
 * A guest of another tenant asks the bot in a shared Teams channel. Its answer is private,
 * and a Teams bot cannot open a chat with a guest of another tenant (the Bot Connector
 * stand-in refuses it with 403, as Teams does): the bot says so in the channel where they
 * asked, naming them, without the private content — and, where e-mail is on and their address
 * is known, sends the answer by e-mail (to a real SMTP server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BOT_ID,
  eventually,
  type Json,
  startTeamsHarness,
  TENANT,
  type TeamsHarness,
} from '../fakes/teams-app.js';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

const CHANNEL = '19:alliantie@thread.tacv2';
let h: TeamsHarness;
let smtp: TestSmtp;
let n = 0;

beforeAll(async () => {
  smtp = await startTestSmtp();
  h = await startTeamsHarness({ SMTP_URL: smtp.url, MAIL_FROM: 'bot@alliantie.example' });
});
afterAll(async () => {
  await h?.stop();
  await smtp?.stop();
});

function guestAsks(aad: string, name: string, words: string): Json {
  n++;
  return {
    type: 'message',
    id: `g-${n}`,
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: `29:guest-${aad}`, name, aadObjectId: aad },
    recipient: { id: BOT_ID, name: 'Alliantiebot' },
    conversation: {
      id: `${CHANNEL};messageid=${9000 + n}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' } },
    text: `<at>Alliantiebot</at> ${words}`,
  };
}

const channelTexts = () =>
  h.connector
    .posted()
    .filter((c) => c.conversationId.startsWith(CHANNEL))
    .map((c) => String(c.body.text ?? ''));

describe('a private answer that cannot reach a guest of another tenant', () => {
  it('is replaced by a notice where they asked, without the private content', async () => {
    const aad = '70000000-0000-0000-0000-000000000001';
    h.connector.foreign.add(`29:guest-${aad}`).add(aad);
    const res = await h.post(guestAsks(aad, 'Gast Partner', 'hulp'));
    expect(res.status).toBe(200);
    const notice = await eventually(
      () =>
        channelTexts().find((t) => t.includes('Gast Partner, ik kan je hier geen privébericht')),
      15_000,
    );
    expect(notice).toContain('Vraag het me in een eigen chat');
    // The help itself (what the person may do) is not in the channel.
    expect(channelTexts().some((t) => t.includes('Wat ik voor je kan doen'))).toBe(false);
    expect(h.connector.rejected.some((c) => c.kind === 'create')).toBe(true);
    expect(smtp.received).toHaveLength(0);
  });

  it('sends the answer by e-mail where their address is known, and says so', async () => {
    const aad = '70000000-0000-0000-0000-000000000002';
    h.connector.foreign.add(`29:guest-${aad}`).add(aad);
    await h.app.app.store.identities.remember(`teams:${TENANT}:${aad}`, 'gast@partner.example');
    const res = await h.post(guestAsks(aad, 'Gast Twee', 'help'));
    expect(res.status).toBe(200);
    const notice = await eventually(
      () =>
        channelTexts().find((t) => t.startsWith('Gast Twee, I cannot send you a private message')),
      15_000,
    );
    expect(notice).toContain('I sent it to your e-mail address');
    const mail = await eventually(
      () => smtp.received.find((m) => m.to.includes('gast@partner.example')),
      15_000,
    );
    expect(mail.subject).toContain('your answer from the alliance bot');
    expect(mail.text).toContain('What I can do for you');
    expect(mail.html).toContain('What I can do for you');
    // One notice per question.
    expect(channelTexts().filter((t) => t.startsWith('Gast Twee,'))).toHaveLength(1);
  });
});
