/**
 * The personal digest in the real app (local mode, real Redis, the queue's workers) against a
 * real SMTP server started by the test. Anna (Gemeente Leiden) chooses e-mail, Pieter
 * (Rijnland) a direct message, Eva is invited by e-mail and is on no platform. When the weekly
 * digest fires, Anna's e-mail arrives with a plain-text and an HTML part, with the document
 * only Leiden may see and what people wrote escaped in the HTML; Eva's arrives without it;
 * Pieter gets the digest in his direct chat, without it. The same firing run again sends
 * nothing more, and the whole firing publishes one chart per language. An address the mail server refuses (550) is marked as bouncing: Emma hears it
 * in a clear sentence on her platform, the coordinator hears it for an invitee, and the next
 * digest does not try those addresses again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import {
  inviteeId,
  occurrenceId,
  personalDigests,
  personalId,
} from '../../flows/digest-personal-record.js';
import { documents, type SharedDocument } from '../../flows/documents-record.js';
import { invitationId } from '../../flows/invitations-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { digestFiring } from '../helpers/digest.js';
import { localMessages } from '../helpers/local-messages.js';
import { registerMember } from '../helpers/members.js';
import { eventually, mailJobsDone } from '../helpers/queue.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

const A = 'energieregio-west';
const ANNA = 'local:demo:anna';
const PIETER = 'local:demo:pieter';
const EMMA = 'local:demo:emma';
const JOOST = 'local:demo:joost';
const LEIDEN_ONLY = 'Begroting zonnedaken Leiden 2027';
const FOR_ALL = 'Zon & <b>daken</b> "handreiking"';
let t: TestApp;
let smtp: TestSmtp;

const view = async (as: string) => (await localMessages(t.baseUrl, as)).filter((m) => m.from.bot);
const seen = async (as: string, words: string) =>
  (await view(as)).filter((m) => m.text.includes(words));
const sees = async (as: string, words: string) =>
  (await seen(as, words)).length > 0 ? true : `${as} does not see "${words}"`;

const mailsTo = (address: string): ReceivedMail[] =>
  smtp.received.filter((m) => m.to.includes(address));

let n = 0;
const submitted = (by: string, formId: string, values: Record<string, string>): InboundEvent => ({
  eventId: `pd${++n}`,
  platform: 'local',
  actor: { userId: by },
  conversation: { id: directConversationOf(by), kind: 'direct' },
  type: 'form_submitted',
  formId,
  context: A,
  values,
});
const choose = (by: string, values: Record<string, string>) =>
  t.app.engine.handle(submitted(by, 'digest.choose-form', values));

/** The weekly schedule firing (the key a BullMQ job scheduler's job has). */
const fire = (key: string) => t.app.engine.runJob(digestFiring(A, key));

/** How many charts are kept under a token (src/store/chart-tokens.ts). */
const chartsKept = async () =>
  (await t.app.store.redis.keys(`${t.app.store.keys.prefix}{c:*`)).length;

async function join(userId: string, partnerId: string, partner: string, name: string) {
  const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await registerMember(t.app.store, {
    allianceId: A,
    userId,
    partnerId,
    partnerName: partner,
    name,
    locale: userId === EMMA ? 'en' : 'nl',
    joinedAt: at,
  });
}

async function share(title: string, level: SharedDocument['level']) {
  const id = `doc-${++n}`;
  const d: SharedDocument = {
    id,
    allianceId: A,
    title,
    link: `https://example.org/${id}`,
    summary: '',
    topics: [],
    level,
    partners: [],
    ownerId: ANNA,
    ownerName: 'Anna de Vries',
    ownerPartnerId: 'gemeente-leiden',
    sharedAt: new Date(Date.now() - 86_400_000).toISOString(),
    status: 'active',
    occurrence: id,
    copies: [],
  };
  await t.app.store.collection(documents).create(A, id, d);
  await t.app.store.activity.append(A, {
    type: 'document.shared',
    actor: ANNA,
    partner: 'gemeente-leiden',
    at: d.sharedAt,
    data: { document: id, level },
  });
}

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
  await join(EMMA, 'stedin', 'Stedin', 'Emma Clarke');
  await share(LEIDEN_ONLY, 'partners');
  await share(FOR_ALL, 'alliance');
  // Eva: invited by e-mail, on no platform.
  await t.app.engine.handle(
    submitted(JOOST, 'invitations.person', {
      name: 'Eva Evers',
      email: 'eva@example.org',
      organisation: 'hoogheemraadschap-van-rijnland',
      language: 'en',
    }),
  );
  await eventually(() => (mailsTo('eva@example.org').length === 1 ? true : 'no invitation yet'));
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

describe('the personal digest', () => {
  it('lets a person choose e-mail or a direct message, and says so', async () => {
    await choose(ANNA, { via: 'email', email: 'Anna@Leiden.example' });
    await eventually(() =>
      sees(ANNA, 'Je krijgt het weekoverzicht voortaan ook per e-mail op anna@leiden.example'),
    );
    await choose(PIETER, { via: 'dm', email: '' });
    await eventually(() => sees(PIETER, 'voortaan ook als direct bericht'));
    const kept = await t.app.store.collection(personalDigests).get(A, personalId(ANNA));
    expect(kept).toMatchObject({ via: 'email', email: 'anna@leiden.example', userId: ANNA });
  });

  it('refuses an address that is not one, next to the field', async () => {
    const result = await choose(ANNA, { via: 'email', email: 'anna at leiden' });
    expect(result.formErrors).toEqual({
      email: 'Dit is geen e-mailadres. Voorbeeld: naam@organisatie.nl',
    });
    // The choice made before stays.
    const kept = await t.app.store.collection(personalDigests).get(A, personalId(ANNA));
    expect(kept?.email).toBe('anna@leiden.example');
  });

  it('e-mails the digest with both parts and what each may see, and sends Pieter a direct message, once', async () => {
    const chartsBefore = await chartsKept();
    await fire('schedule:repeat:weekly-1');
    await eventually(() =>
      mailsTo('anna@leiden.example').length === 1 ? true : 'no mail for Anna',
    );
    const [anna] = mailsTo('anna@leiden.example');
    expect(anna?.subject).toBe('Weekoverzicht Energieregio Holland-West');
    expect(anna?.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(anna?.text).toContain('Gedeelde documenten');
    expect(anna?.text).toContain(`${LEIDEN_ONLY} (Gemeente Leiden)`);
    expect(anna?.text).toContain(`${FOR_ALL} (Gemeente Leiden)`);
    expect(anna?.text).toContain('Anna de Vries (Gemeente Leiden)');
    expect(anna?.text).toContain('Typ overzicht kiezen aan de bot om dat te veranderen.');
    expect(anna?.html).toContain('<html lang="nl">');
    expect(anna?.html).toContain('Zon &amp; &lt;b&gt;daken&lt;/b&gt; &quot;handreiking&quot;');
    expect(anna?.html).not.toContain('<b>daken');
    expect(anna?.html).toContain(LEIDEN_ONLY);
    // The health chart as its words, with the address of the picture, which answers.
    expect(anna?.text).toContain('Grafiek\n- Grafiek van de laatste 8 weken');
    const chart = /http:\/\/\S+\/charts\/\S+\.png/.exec(anna?.text ?? '')?.[0];
    expect(chart).toBeDefined();
    const picture = await fetch(chart ?? '');
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');

    // Eva, known only by e-mail: in her language, without what only Leiden may see.
    await eventually(() => (mailsTo('eva@example.org').length === 2 ? true : 'no digest for Eva'));
    const eva = mailsTo('eva@example.org')[1];
    expect(eva?.subject).toBe('Weekly digest Energieregio Holland-West');
    expect(eva?.text).toContain('Documents shared');
    expect(eva?.text).toContain(FOR_ALL);
    expect(eva?.text).not.toContain(LEIDEN_ONLY);
    expect(eva?.html).not.toContain(LEIDEN_ONLY);
    expect(eva?.text).toContain('because you were invited to Energieregio Holland-West by e-mail');

    // One chart per language for the whole firing (channels, Pieter, Anna: Dutch; Eva: English).
    await eventually(() => mailJobsDone(t.app.queue));
    expect(await chartsKept()).toBe(chartsBefore + 2);

    // Pieter: in his direct chat, with what Rijnland may see.
    await eventually(() => sees(PIETER, 'Weekoverzicht Energieregio Holland-West'));
    const [dm] = await seen(PIETER, 'Weekoverzicht Energieregio Holland-West');
    expect(dm?.text).toContain(FOR_ALL);
    expect(dm?.text).not.toContain(LEIDEN_ONLY);
    expect(dm?.text).toContain('Typ overzicht kiezen om dat te veranderen.');
    // Nobody else got it privately.
    expect(await seen(ANNA, 'Weekoverzicht Energieregio')).toEqual([]);
    expect(await seen(JOOST, 'Weekoverzicht Energieregio')).toEqual([]);

    // The same firing again (the worker died after the flow): nothing more goes out.
    await fire('schedule:repeat:weekly-1');
    await eventually(() => mailJobsDone(t.app.queue));
    expect(mailsTo('anna@leiden.example')).toHaveLength(1);
    expect(mailsTo('eva@example.org')).toHaveLength(2);
    expect(await seen(PIETER, 'Weekoverzicht Energieregio Holland-West')).toHaveLength(1);
    // Anna's e-mail job run once more (a worker that died after sending): nothing more.
    await t.app.engine.runJob({
      allianceId: A,
      flow: 'digest',
      kind: 'personal-mail',
      data: { recordId: personalId(ANNA), occurrence: occurrenceId('schedule:repeat:weekly-1') },
      key: `reminder:${A}:again`,
      type: 'reminder',
    });
    expect(mailsTo('anna@leiden.example')).toHaveLength(1);
  });

  it('marks a refused address as bouncing, says so clearly, and does not try it again', async () => {
    smtp.refuse.add('emma@stedin.example');
    smtp.refuse.add('eva@example.org');
    await choose(EMMA, { via: 'email', email: 'emma@stedin.example' });
    await eventually(() => sees(EMMA, 'by e-mail at emma@stedin.example'));
    await fire('schedule:repeat:weekly-2');
    await eventually(() =>
      sees(
        EMMA,
        'The weekly digest by e-mail to emma@stedin.example did not arrive: the mail server refused the address (550 5.1.1 <…>: mailbox unavailable). We send nothing there any more.',
      ),
    );
    await eventually(() =>
      sees(
        JOOST,
        'Het weekoverzicht per e-mail aan eva@example.org (per e-mail uitgenodigd) kwam niet aan',
      ),
    );
    const records = t.app.store.collection(personalDigests);
    const emma = await records.get(A, personalId(EMMA));
    expect(emma?.bounced?.reason).toContain('550');
    expect(emma?.mail?.status).toBe('failed');
    const eva = await records.get(A, inviteeId(invitationId('eva@example.org')));
    expect(eva?.bounced).toBeDefined();
    // Anna's address works: she got this week's too.
    await eventually(() => (mailsTo('anna@leiden.example').length === 2 ? true : 'no second mail'));

    // The next digest: the bouncing addresses are not tried, the people not told again.
    await fire('schedule:repeat:weekly-3');
    await eventually(() => (mailsTo('anna@leiden.example').length === 3 ? true : 'no third mail'));
    await eventually(() => mailJobsDone(t.app.queue));
    expect((await records.get(A, personalId(EMMA)))?.mail?.occurrence).toBe(emma?.mail?.occurrence);
    expect(
      (await records.get(A, inviteeId(invitationId('eva@example.org'))))?.mail?.occurrence,
    ).toBe(eva?.mail?.occurrence);
    expect(await seen(EMMA, 'did not arrive')).toHaveLength(1);
    expect(await seen(JOOST, 'kwam niet aan')).toHaveLength(1);

    // Choosing again clears the bounce.
    smtp.refuse.delete('emma@stedin.example');
    await choose(EMMA, { via: 'email', email: 'emma@stedin.example' });
    await eventually(async () =>
      (await records.get(A, personalId(EMMA)))?.bounced === undefined ? true : 'still bouncing',
    );
  });

  it('is part of the person’s data: listed with its purpose, exported, gone when they are forgotten', async () => {
    const subject = { allianceId: A, userIds: [PIETER] };
    // Among the holders the privacy flow goes through.
    const holder = t.app.store.personalData().find((h) => h.kind === 'digest.personal');
    expect(JSON.stringify(holder?.purpose)).toContain('how a person chose to get the digest');
    expect(await holder?.exportFor(subject)).toEqual([
      expect.objectContaining({ via: 'dm', userId: PIETER }),
    ]);
    expect(await holder?.eraseFor(subject)).toBe(1);
    expect(await t.app.store.collection(personalDigests).get(A, personalId(PIETER))).toBeNull();
  });
});
