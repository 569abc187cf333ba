/**
 * Invitations in the real app (local mode, real Redis, the queue's workers) against a real
 * SMTP server started by the test: someone on no platform gets an e-mail with a plain-text and
 * an HTML part, in their language, with the alliance's name and ambition and how to join on
 * each platform, everything they or the coordinator wrote escaped; someone the bot knows by
 * address gets the invitation in their chat, with the button that starts the intake, and
 * shows as invited, then joined; the e-mail goes out once when the event is handled again or
 * its job runs again; a refused address is reported to the coordinator, a deferral retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import { invitationId, invitationStatus } from '../../flows/invitations-record.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { localMessages } from '../helpers/local-messages.js';
import { eventually } from '../helpers/queue.js';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';

const A = 'energieregio-west';
const CHANNEL = 'local:demo:alliantie';
const JOOST = 'local:demo:joost'; // coordinator
const ANNA = 'local:demo:anna';
let t: TestApp;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await startTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Alliantiebot <bot@example.org>' });
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
});

const view = async (as: string, conversation?: string) =>
  (await localMessages(t.baseUrl, as, conversation)).filter((m) => m.from.bot);

const sees = async (as: string, words: string, conversation?: string) =>
  (await view(as, conversation)).some((m) => m.text.includes(words))
    ? true
    : `${as} does not see "${words}"`;

const mailsTo = (address: string): ReceivedMail[] =>
  smtp.received.filter((m) => m.to.includes(address));

let n = 0;
const submitted = (formId: string, values: Record<string, string>, by = JOOST): InboundEvent => ({
  eventId: `inv${++n}`,
  platform: 'local',
  actor: { userId: by },
  conversation: { id: directConversationOf(by), kind: 'direct' },
  type: 'form_submitted',
  formId,
  context: A,
  values,
});
const invite = (values: Record<string, string>) =>
  submitted('invitations.person', {
    organisation: 'gemeente-leiden',
    language: 'nl',
    ...values,
  });

/** No invitation e-mail job is waiting or running: those scheduled so far have run. */
async function mailJobsDone(): Promise<true | string> {
  const jobs = await t.app.queue.reminderQueue.getJobs(['waiting', 'delayed', 'active']);
  const busy = jobs.filter((j) => j.name === 'mail').length;
  return busy === 0 ? true : `${busy} e-mail jobs to go`;
}

describe('invitations by e-mail and on the platform', () => {
  it('e-mails someone on no platform: both parts, their language, how to join, what people wrote escaped', async () => {
    const name = 'Eva "<b>Evil</b>" & Co';
    await t.app.engine.handle(invite({ name, email: 'Eva@Example.org', language: 'en' }));
    await eventually(() => (mailsTo('eva@example.org').length === 1 ? true : 'no mail yet'));
    const [mail] = mailsTo('eva@example.org');
    expect(mail?.subject).toBe('Invitation: join Energieregio Holland-West');
    expect(mail?.headers['content-language']).toBe('en');
    expect(mail?.headers.from).toBe('Alliantiebot <bot@example.org>');
    expect(mail?.headers['content-type']).toMatch(/^multipart\/alternative/);
    // Plain text: as written.
    expect(mail?.text).toContain(`Hello ${name},`);
    expect(mail?.text).toContain(
      'Joost Vermeulen invites you to join Energieregio Holland-West on behalf of Gemeente Leiden',
    );
    expect(mail?.text).toContain('In 2030 wekken we in Holland-West samen 2,1 TWh');
    expect(mail?.text).toContain('In Slack: open the alliance channel');
    expect(mail?.text).toContain('In Microsoft Teams: open the shared alliance channel');
    expect(mail?.text).toContain("In the alliance's web chat");
    expect(mail?.text).toContain('Fill in ‘Gemeente Leiden’ as your organisation');
    // HTML: the same words, nothing anyone wrote turned into markup.
    expect(mail?.html).toContain('<html lang="en">');
    expect(mail?.html).toContain('Hello Eva &quot;&lt;b&gt;Evil&lt;/b&gt;&quot; &amp; Co,');
    expect(mail?.html).not.toContain('<b>');
    expect(mail?.html).toContain('In the alliance&#39;s web chat');
    expect(mail?.html).toContain('Welcome to Energieregio Holland-West</h1>');
    // The coordinator hears how it goes, in their own language.
    await eventually(() => sees(JOOST, 'de uitnodiging gaat per e-mail naar eva@example.org'));
  });

  it('reaches someone the bot knows by address in their chat, with the intake button; invited, then joined', async () => {
    await t.app.store.identities.remember(ANNA, 'anna.devries@leiden.example');
    await t.app.engine.handle(
      invite({ name: 'Anna de Vries', email: 'anna.devries@leiden.example' }),
    );
    await eventually(() => sees(ANNA, 'Uitnodiging voor Energieregio Holland-West'));
    const [card] = (await view(ANNA)).filter((m) => m.text.includes('Uitnodiging voor'));
    expect(card?.text).toContain('Joost Vermeulen nodigt je uit om namens Gemeente Leiden');
    expect(card?.html).toContain('onboarding.start');
    await eventually(() =>
      sees(JOOST, 'Uitnodiging verstuurd aan Anna de Vries (Gemeente Leiden), op de webchat.'),
    );
    expect(await mailJobsDone()).toBe(true);
    expect(mailsTo('anna.devries@leiden.example')).toEqual([]);
    const lookUp = (email: string) => t.app.store.identities.idsOf(email);
    const statusOfAnna = async () =>
      (await invitationStatus(t.app.store, A, lookUp)).find(
        (s) => s.invitation.email === 'anna.devries@leiden.example',
      )?.status;
    expect(await statusOfAnna()).toBe('invited');

    // The button starts the intake; once she joined, the invitation shows it.
    await t.app.engine.handle({
      eventId: `inv${++n}`,
      platform: 'local',
      actor: { userId: ANNA },
      conversation: { id: directConversationOf(ANNA), kind: 'direct' },
      type: 'button_pressed',
      actionId: 'onboarding.start',
    });
    await eventually(() => sees(ANNA, 'Kennismaken'));
    await t.app.engine.handle(
      submitted(
        'onboarding.intake',
        {
          name: 'Anna de Vries',
          organisation: 'Gemeente Leiden',
          organisationType: 'gemeente',
          role: 'Beleidsadviseur',
          goals: 'Zon op daken',
          offers: 'Kennis',
          needs: 'Netcapaciteit',
          topics: 'zon',
          language: 'nl',
        },
        ANNA,
      ),
    );
    await eventually(async () => ((await statusOfAnna()) === 'joined' ? true : 'not joined yet'));
  });

  it('sends the e-mail once when the event is handled again after a crash, or its job runs again', async () => {
    const event = invite({ name: 'Otto Once', email: 'otto@example.org' });
    await t.app.engine.handle(event);
    await eventually(() => (mailsTo('otto@example.org').length === 1 ? true : 'no mail yet'));
    // The worker died after the flow, before the event was marked handled: handled again.
    await t.app.store.redis.del(t.app.store.keys.handledEvent(`local:${event.eventId}`));
    const again = await t.app.engine.handle(event);
    expect(again.duplicate).toBe(false);
    await eventually(mailJobsDone);
    expect(mailsTo('otto@example.org')).toHaveLength(1);
    // Its job run once more (a worker that died after sending): nothing more goes out.
    const occurrence = `local:${event.eventId}`;
    await t.app.engine.runJob({
      allianceId: A,
      flow: 'invitations',
      kind: 'mail',
      data: { invitationId: invitationId('otto@example.org'), occurrence },
      key: `reminder:${A}:again`,
      type: 'reminder',
    });
    expect(mailsTo('otto@example.org')).toHaveLength(1);
    expect(
      (await view(JOOST)).filter((m) => m.text.includes('per e-mail naar otto@example.org')),
    ).toHaveLength(1);
  });

  it('tells the coordinator when the mail server refuses the address for good', async () => {
    smtp.refuse.add('nobody@example.org');
    await t.app.engine.handle(invite({ name: 'Nora Niemand', email: 'nobody@example.org' }));
    await eventually(() =>
      sees(JOOST, 'De uitnodigingsmail aan Nora Niemand (nobody@example.org) is niet bezorgd.'),
    );
    const [report] = (await view(JOOST)).filter((m) => m.text.includes('Nora Niemand (nobody'));
    expect(report?.text).toContain('De mailserver antwoordde: 550 5.1.1 <…>: mailbox unavailable.');
    expect(mailsTo('nobody@example.org')).toEqual([]);
  });

  it('tries again when the mail server defers', async () => {
    smtp.deferNext = 1;
    await t.app.engine.handle(invite({ name: 'Lars Later', email: 'lars@example.org' }));
    await eventually(() => (mailsTo('lars@example.org').length === 1 ? true : 'no mail yet'));
    expect(smtp.deferNext).toBe(0);
    expect((await view(JOOST)).some((m) => m.text.includes('Lars Later (lars@'))).toBe(false);
  });

  it('invites a new organisation: a partner now, announced in the channel, its contact e-mailed', async () => {
    await t.app.engine.handle(
      submitted('invitations.party', {
        organisation: 'Zon & <Co> BV',
        organisationType: 'bedrijf',
        contactName: 'Ziggy Zon',
        contactEmail: 'ziggy@zon.example',
        language: 'nl',
      }),
    );
    await eventually(() =>
      sees(JOOST, 'Zon & <Co> BV (bedrijf) is uitgenodigd om mee te doen', CHANNEL),
    );
    expect((await t.app.store.members.getPartner(A, 'zon-co-bv'))?.name).toBe('Zon & <Co> BV');
    await eventually(() => (mailsTo('ziggy@zon.example').length === 1 ? true : 'no mail yet'));
    const [mail] = mailsTo('ziggy@zon.example');
    expect(mail?.subject).toBe('Uitnodiging: doe mee in Energieregio Holland-West');
    expect(mail?.text).toContain('Vul bij organisatie ‘Zon & <Co> BV’ in');
    expect(mail?.html).toContain('Vul bij organisatie ‘Zon &amp; &lt;Co&gt; BV’ in');
  });
});
