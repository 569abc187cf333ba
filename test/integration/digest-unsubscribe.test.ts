/**
 * Stopping the digest e-mails, in the real app (local mode, real Redis, the queue's workers)
 * against a real SMTP server started by the test. Eva is invited by e-mail and is on no
 * platform; Anna (Gemeente Leiden) chose e-mail. Their digest e-mails show the health chart as
 * a picture in the HTML part (its sentence as alt) and keep the sentence in the plain part;
 * each carries a link to stop them and the same address as List-Unsubscribe (one-click, RFC
 * 8058). Opening the link stops nothing; its POST stops Eva's, once, recorded in her digest
 * record and the audit trail; the next digest does not mail her. Joost, a coordinator, stops
 * Anna's with `overzicht stoppen <e-mail>`; Pieter, who is not one, may not. The stop is part
 * of Anna's data: exported, erased with her. A link made before the token index (Pieter's)
 * still works, is indexed by its first use, and is erased with him (then a 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import {
  INDEXED,
  inviteeId,
  personalDigests,
  personalId,
  tokenKey,
  unsubscribeTokenIndex,
} from '../../flows/digest-personal-record.js';
import { invitationId } from '../../flows/invitations-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { newToken } from '../../src/core/tokens.js';
import { eraseAll } from '../../src/store/personal-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { digestFiring } from '../helpers/digest.js';
import { localMessages } from '../helpers/local-messages.js';
import { registerMember } from '../helpers/members.js';
import { eventually, mailJobsDone } from '../helpers/queue.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

const A = 'energieregio-west';
const ANNA = 'local:demo:anna';
const PIETER = 'local:demo:pieter';
const JOOST = 'local:demo:joost';
const EVA = 'eva@example.org';
let t: TestApp;
let smtp: TestSmtp;
let n = 0;

const mailsTo = (address: string): ReceivedMail[] =>
  smtp.received.filter((m) => m.to.includes(address));
const digestsTo = (address: string) =>
  mailsTo(address).filter((m) => /^(Weekoverzicht|Weekly digest)/.test(m.subject));

const base = (by: string) => ({
  eventId: `du${++n}`,
  platform: 'local' as const,
  actor: { userId: by },
  conversation: { id: directConversationOf(by), kind: 'direct' as const },
});
const submitted = (by: string, formId: string, values: Record<string, string>): InboundEvent => ({
  ...base(by),
  type: 'form_submitted',
  formId,
  context: A,
  values,
});
const command = (by: string, args: string): InboundEvent => ({
  ...base(by),
  type: 'command',
  command: 'digest',
  args,
});

const fire = (key: string) => t.app.engine.runJob(digestFiring(A, key));

async function said(as: string, words: string): Promise<true | string> {
  const messages = await localMessages(t.baseUrl, as);
  return messages.some((m) => m.text.includes(words)) ? true : `${as} was not told "${words}"`;
}

async function join(userId: string, partnerId: string, partner: string, name: string) {
  const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await registerMember(t.app.store, {
    allianceId: A,
    userId,
    partnerId,
    partnerName: partner,
    name,
    joinedAt: at,
  });
}

const records = () => t.app.store.collection(personalDigests);
const tokens = () => t.app.store.collection(unsubscribeTokenIndex);
const stops = async () =>
  (await t.app.store.audit.read(A, { count: 100 })).filter((e) => e.kind === 'digest.mail-stopped');

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Alliantiebot <bot@example.org>' });
  await join(ANNA, 'gemeente-leiden', 'Gemeente Leiden', 'Anna de Vries');
  await join(
    PIETER,
    'hoogheemraadschap-van-rijnland',
    'Hoogheemraadschap van Rijnland',
    'Pieter Bakker',
  );
  await t.app.engine.handle(
    submitted(JOOST, 'invitations.person', {
      name: 'Eva Evers',
      email: EVA,
      organisation: 'hoogheemraadschap-van-rijnland',
      language: 'en',
    }),
  );
  await eventually(() => (mailsTo(EVA).length === 1 ? true : 'no invitation yet'));
  await t.app.engine.handle(
    submitted(ANNA, 'digest.choose-form', { via: 'email', email: 'anna@leiden.example' }),
  );
  await eventually(() => said(ANNA, 'per e-mail op anna@leiden.example'));
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

describe('the digest e-mail', () => {
  let link = '';

  it('shows the chart as a picture with its sentence, and says how to stop it', async () => {
    await fire('schedule:unsubscribe-1');
    await eventually(() => (digestsTo(EVA).length === 1 ? true : 'no digest for Eva'));
    const [eva] = digestsTo(EVA);
    // The plain part keeps the chart's sentence (and its address).
    const sentence = /Chart\n- (.+)\n- (http:\/\/\S+\/charts\/\S+\.png)/.exec(eva?.text ?? '');
    expect(sentence?.[1]).toMatch(/Connected|Contributing/);
    // The HTML part shows the picture, the sentence as its alt text (escaped).
    const img = /<img src="([^"]+)" alt="([^"]+)"/.exec(eva?.html ?? '');
    expect(img?.[1]).toBe(sentence?.[2]);
    expect(img?.[2]).toBe(
      (sentence?.[1] ?? '').replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    );
    const picture = await fetch(img?.[1] ?? '');
    expect(picture.headers.get('content-type')).toBe('image/png');
    // One address to stop it: in the header (one-click), in both parts.
    const header = /^<(http:\/\/\S+\/digest\/unsubscribe\/[A-Za-z0-9_-]{43})>$/.exec(
      eva?.headers['list-unsubscribe'] ?? '',
    );
    link = header?.[1] ?? '';
    expect(link).not.toBe('');
    expect(eva?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(eva?.text).toContain(`Stop the weekly digest e-mails: ${link}`);
    expect(eva?.html).toContain(`<a href="${link}">Stop the weekly digest e-mails</a>`);
    expect(eva?.text).toContain('No longer want it? Use the link below.');
    // Anna's has a link of her own.
    await eventually(() => (digestsTo('anna@leiden.example').length === 1 ? true : 'no mail'));
    const anna = digestsTo('anna@leiden.example')[0]?.headers['list-unsubscribe'];
    expect(anna).toMatch(/\/digest\/unsubscribe\/[A-Za-z0-9_-]{43}>$/);
    expect(anna).not.toBe(eva?.headers['list-unsubscribe']);
    // Each token is in the index, under its digest, pointing at its record.
    const token = link.slice(-43);
    expect(await tokens().get(A, tokenKey(token))).toMatchObject({
      recordId: inviteeId(invitationId(EVA)),
    });
    expect(await records().get(A, inviteeId(invitationId(EVA)))).toMatchObject({
      unsubscribe: token,
    });
  });

  it('opening the link asks, and stops nothing', async () => {
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(
      'Would you like to stop getting the weekly digest by e-mail at eva@example.org?',
    );
    expect(body).toContain(`<form method="post" action="${new URL(link).pathname}">`);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const eva = await records().get(A, inviteeId(invitationId(EVA)));
    expect(eva?.via).toBe('email');
    expect(await stops()).toEqual([]);
  });

  it('its one-click POST stops it, once, in her record and the audit trail', async () => {
    const post = () =>
      fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain(
      'You will no longer get the weekly digest by e-mail at eva@example.org.',
    );
    expect((await post()).status).toBe(200);
    const eva = await records().get(A, inviteeId(invitationId(EVA)));
    expect(eva).toMatchObject({ via: 'none', stopped: { by: 'link' } });
    const trail = await stops();
    expect(trail).toHaveLength(1);
    expect(trail[0]?.details).toMatchObject({ by: 'link', record: eva?.id });
    // An unknown token: a 404 that tells nothing.
    const unknown = await fetch(link.replace(/.{43}$/, 'x'.repeat(43)), { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('a coordinator stops it for an address; someone else may not', async () => {
    const pieter = await t.app.engine.handle(command(PIETER, 'stop anna@leiden.example'));
    expect(pieter.error).toBe('permission_denied');
    expect((await records().get(A, personalId(ANNA)))?.via).toBe('email');
    await t.app.engine.handle(command(JOOST, 'stoppen Anna@Leiden.example'));
    await eventually(() =>
      said(JOOST, 'anna@leiden.example krijgt het weekoverzicht niet meer per e-mail.'),
    );
    expect(await records().get(A, personalId(ANNA))).toMatchObject({
      via: 'none',
      stopped: { by: 'coordinator' },
    });
    const trail = await stops();
    expect(trail).toHaveLength(2);
    expect(trail.find((e) => e.details.by === 'coordinator')).toMatchObject({
      actor: JOOST,
      subject: ANNA,
    });
    await t.app.engine.handle(command(JOOST, 'stoppen nobody@example.org'));
    await eventually(() =>
      said(JOOST, 'Niemand krijgt het weekoverzicht per e-mail op nobody@example.org'),
    );
  });

  it('the next digest mails neither of them', async () => {
    await fire('schedule:unsubscribe-2');
    await eventually(() => mailJobsDone(t.app.queue));
    expect(digestsTo(EVA)).toHaveLength(1);
    expect(digestsTo('anna@leiden.example')).toHaveLength(1);
  });

  it("is part of Anna's data: exported with the stop, erased with her", async () => {
    const holder = t.app.store.personalData().find((h) => h.kind === 'digest.personal');
    const subject = { allianceId: A, userIds: [ANNA] };
    expect(await holder?.exportFor(subject)).toEqual([
      expect.objectContaining({
        via: 'none',
        stopped: expect.objectContaining({ by: 'coordinator' }),
      }),
    ]);
    expect(await holder?.eraseFor(subject)).toBe(1);
    expect(await records().get(A, personalId(ANNA))).toBeNull();
  });
});

describe('a link made before the token index', () => {
  const token = newToken();
  const url = () => `${t.baseUrl}/digest/unsubscribe/${token}`;
  const subject = { allianceId: A, userIds: [PIETER] };

  beforeAll(async () => {
    // Pieter's record as it was before the index: the token in it, nothing in the index, and
    // the alliance not yet indexed (the 404 above put every token then known in the index).
    await records().put(A, personalId(PIETER), {
      id: personalId(PIETER),
      userId: PIETER,
      personId: PIETER,
      via: 'email',
      email: 'pieter@rijnland.example',
      locale: 'nl',
      unsubscribe: token,
    });
    await tokens().delete(A, INDEXED);
    expect(await tokens().get(A, tokenKey(token))).toBeNull();
  });

  it('still works, and is put in the index by the first use', async () => {
    const page = await fetch(url());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      'Wil je het weekoverzicht niet meer per e-mail krijgen op pieter@rijnland.example?',
    );
    expect(await tokens().get(A, tokenKey(token))).toEqual({
      id: tokenKey(token),
      recordId: personalId(PIETER),
      // The record's address too (a person named by it takes the entry).
      people: [PIETER, 'pieter@rijnland.example'],
    });
    const post = await fetch(url(), { method: 'POST' });
    expect(post.status).toBe(200);
    expect(await post.text()).toContain(
      'Je krijgt het weekoverzicht niet meer per e-mail op pieter@rijnland.example.',
    );
    expect(await records().get(A, personalId(PIETER))).toMatchObject({
      via: 'none',
      stopped: { by: 'link' },
    });
  });

  it('is erased with Pieter, and no longer works', async () => {
    const holders = t.app.store.personalData();
    const index = holders.find((h) => h.kind === 'digest.unsubscribe');
    expect(await index?.exportFor(subject)).toEqual([
      expect.objectContaining({ recordId: personalId(PIETER) }),
    ]);
    const erased = await eraseAll(holders, subject);
    expect(erased).toMatchObject({ 'digest.personal': 1, 'digest.unsubscribe': 1 });
    expect(await records().get(A, personalId(PIETER))).toBeNull();
    expect(await tokens().get(A, tokenKey(token))).toBeNull();
    expect((await fetch(url())).status).toBe(404);
    expect((await fetch(url(), { method: 'POST' })).status).toBe(404);
  });
});
