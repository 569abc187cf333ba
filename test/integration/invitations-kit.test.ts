/**
 * Invitations on the flow kit, against real Redis with fake platforms and no e-mail: the
 * invitee's address is looked up on demand on the platform that can (Slack's lookupByEmail,
 * in the alliance's workspaces) and the invitation goes there as a direct message with the
 * button that starts the intake; with nobody found and no SMTP the coordinator is told it was
 * not delivered and why; a new organisation becomes a partner and is announced; someone who
 * is not a coordinator is refused with the generated words; an event handled again after a
 * failure repeats the first attempt's decisions and keys.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invitationsFlow } from '../../flows/invitations.js';
import { invitationId, invitationRecords } from '../../flows/invitations-record.js';
import { RetryableEventError } from '../../src/core/inbound.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import {
  answersTo,
  CARLA,
  CHANNEL,
  cardOf,
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  MIA,
  SLACK_CHANNEL,
  say,
  startKit,
  submit,
} from '../helpers/flow-kit.js';

const SARA = 'slack:T0KIT:U0SARA';
const lookups: [string, string][] = [];
let found: Record<string, string> = {};

const slack = fakeAdapter('slack', {
  async userByEmail(email, scope) {
    lookups.push([email, scope]);
    return found[`${email}@${scope}`];
  },
});

const config = kitConfig(
  kitAlliance({ partners: [{ name: 'Gemeente Kitstad', type: 'gemeente' }] }),
);
let kit: Kit;

beforeAll(async () => {
  kit = await startKit({
    flows: [invitationsFlow],
    config,
    adapters: [fakeAdapter('local'), slack],
  });
  const alliance = new AllianceDirectory(config).get(KIT);
  if (alliance) await kit.store.alliances.syncFromConfig(alliance);
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
  lookups.length = 0;
  found = {};
});

const invite = (values: Record<string, string>, by = CARLA, eventId?: string) =>
  submit(
    by,
    'invitations.person',
    {
      name: 'Sara Smit',
      email: 'Sara.Smit@Partner.example',
      organisation: 'gemeente-kitstad',
      language: 'nl',
      ...values,
    },
    eventId ? { eventId } : {},
  );

describe('invitations on the flow kit', () => {
  it('finds the invitee on Slack by address, on demand, and invites them there with the intake button', async () => {
    found = { 'sara.smit@partner.example@T0KIT': SARA };
    await kit.engine.handle(invite({}));
    expect(lookups).toEqual([['sara.smit@partner.example', 'T0KIT']]);
    const dm = kit.dispatcher.all.find((e) => e.to.kind === 'direct' && e.to.userId === SARA);
    const invitation = cardOf(dm?.message);
    expect(invitation.header).toBe('Uitnodiging voor Kit Alliantie');
    expect(invitation.text).toContain('Carla Coördinator nodigt je uit om namens Gemeente Kitstad');
    expect(invitation.buttons.map((b) => b.actionId)).toEqual(['onboarding.start']);
    expect(answersTo(kit.dispatcher.all, CARLA)).toEqual([
      'Uitnodiging verstuurd aan Sara Smit (Gemeente Kitstad), op Slack.',
    ]);
    // Remembered: the next lookup needs no platform.
    expect(await kit.store.identities.idsOf('sara.smit@partner.example')).toEqual([SARA]);
    const record = await invitationRecords(kit.store).get(
      KIT,
      invitationId('sara.smit@partner.example'),
    );
    expect(record).toMatchObject({ via: 'platform', userId: SARA, partnerId: 'gemeente-kitstad' });
  });

  it('keeps invitations among the holders of personal data: exported and erased for the invitee', async () => {
    const holder = kit.store.personalData().find((h) => h.kind === 'invitations.invitation');
    const sara = { allianceId: KIT, userIds: [SARA] };
    expect(await holder?.exportFor(sara)).toMatchObject([{ email: 'sara.smit@partner.example' }]);
    // The coordinator's traces go from it; the invitee's record goes altogether.
    await holder?.eraseFor({ allianceId: KIT, userIds: [CARLA] });
    const id = invitationId('sara.smit@partner.example');
    const kept = await invitationRecords(kit.store).get(KIT, id);
    expect(kept?.invitedBy).toBeUndefined();
    expect(kept?.invitedByName).toBeUndefined();
    await holder?.eraseFor(sara);
    expect(await invitationRecords(kit.store).get(KIT, id)).toBeNull();
  });

  it('tells the coordinator plainly when nobody is found and e-mail is off', async () => {
    await kit.engine.handle(invite({ name: 'Nina Nergens', email: 'nina@nowhere.example' }));
    expect(lookups).toEqual([['nina@nowhere.example', 'T0KIT']]);
    const [answer] = answersTo(kit.dispatcher.all, CARLA);
    expect(answer).toBe(
      'De uitnodiging aan Nina Nergens is niet bezorgd: ik vind nina@nowhere.example niet op Slack of Teams in de werkruimtes van de alliantie, en e-mail staat uit (SMTP_URL is niet ingesteld). Stuur Nina Nergens zelf een bericht om de bot te openen en aanmelden te typen, of vraag de beheerder e-mail in te stellen.',
    );
    expect(
      kit.dispatcher.all.filter((e) => e.to.kind === 'direct' && e.to.userId !== CARLA),
    ).toEqual([]);
    const record = await invitationRecords(kit.store).get(
      KIT,
      invitationId('nina@nowhere.example'),
    );
    expect(record?.via).toBe('none');
  });

  it('adds a new organisation on the coordinator’s say-so and announces it in every alliance channel', async () => {
    await kit.engine.handle(
      submit(CARLA, 'invitations.party', {
        organisation: 'Zonnepark De Kust BV',
        organisationType: 'bedrijf',
        contactName: 'Kees Kust',
        contactEmail: 'kees@kust.example',
        language: 'en',
      }),
    );
    expect((await kit.store.members.getPartner(KIT, 'zonnepark-de-kust-bv'))?.type).toBe('bedrijf');
    const joins = (await kit.store.activity.range(KIT)).filter(
      (e) => e.type === 'partner.joined' && e.partner === 'zonnepark-de-kust-bv',
    );
    expect(joins).toMatchObject([{ actor: CARLA, data: { invited: true } }]);
    const announced = kit.dispatcher.all.filter((e) => e.to.kind === 'conversation');
    expect(announced.map((e) => (e.to.kind === 'conversation' ? e.to.id : '')).sort()).toEqual(
      [CHANNEL, SLACK_CHANNEL].sort(),
    );
    expect(announced[0]?.message).toEqual({
      kind: 'text',
      text: 'Zonnepark De Kust BV (bedrijf) is uitgenodigd om mee te doen in Kit Alliantie. Zodra hun eerste mensen zich aanmelden, stel ik ze hier voor.',
    });
    expect(answersTo(kit.dispatcher.all, CARLA)[0]).toMatch(
      /^Zonnepark De Kust BV is nu partner van de alliantie en aangekondigd in de alliantiekanalen\.\nDe uitnodiging aan Kees Kust is niet bezorgd/,
    );
    // The same organisation again: the form comes back, nothing is added or announced.
    kit.dispatcher.clear();
    const back = await kit.engine.handle(
      submit(CARLA, 'invitations.party', {
        organisation: 'zonnepark de kust bv',
        organisationType: 'bedrijf',
        contactName: 'Karel Kust',
        contactEmail: 'karel@kust.example',
        language: 'nl',
      }),
    );
    expect(back.formErrors).toEqual({
      organisation:
        'Zonnepark De Kust BV is al partner. Nodig de contactpersoon uit met uitnodigen.',
    });
    expect(kit.dispatcher.all.some((e) => e.to.kind === 'conversation')).toBe(false);
  });

  it('wants the name and type of a new organisation when one is chosen', async () => {
    // Submitted from a modal: the errors are the modal's answer.
    const back = await kit.engine.handle(invite({ organisation: '_new', email: 'x@y.example' }));
    expect(back.formErrors).toEqual({
      newOrganisation: 'Vul dit veld in.',
      organisationType: 'Vul dit veld in.',
    });
    const again = await kit.engine.handle(invite({ email: 'geen-adres' }));
    expect(again.formErrors).toEqual({
      email: 'Vul een geldig e-mailadres in, zoals naam@organisatie.nl.',
    });
  });

  it('refuses someone who is not a coordinator, for the words and the forms alike', async () => {
    await kit.engine.handle(say(MIA, 'uitnodigen'));
    await kit.engine.handle(say(MIA, 'invite party'));
    await kit.engine.handle(invite({}, MIA));
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Alleen een coördinator kan iemand uitnodigen.',
      'Only a coordinator can invite a new organisation.',
      'Alleen een coördinator kan iemand uitnodigen.',
    ]);
    expect(lookups).toEqual([]);
  });

  it('repeats the first attempt’s decisions and keys when an event is handled again', async () => {
    found = { 'tom@partner.example@T0KIT': 'slack:T0KIT:U0TOM' };
    const event = invite({ name: 'Tom Tol', email: 'tom@partner.example' }, CARLA, 'retry-1');
    kit.dispatcher.failNext = 1;
    await expect(kit.engine.handle(event, { lastAttempt: false })).rejects.toBeInstanceOf(
      RetryableEventError,
    );
    // Meanwhile the address is known elsewhere: the retry does not decide again.
    await kit.store.identities.eraseFor({ allianceId: KIT, userIds: ['slack:T0KIT:U0TOM'] });
    found = { 'tom@partner.example@T0KIT': 'slack:T0KIT:U0OTHER' };
    await kit.engine.handle(event, { lastAttempt: false });
    const [first, second] = kit.dispatcher.batches;
    expect(second?.map((e) => e.key)).toEqual(first?.map((e) => e.key));
    const toTom = second?.filter((e) => e.to.kind === 'direct' && e.to.userId !== CARLA);
    expect(toTom?.map((e) => e.to)).toEqual([{ kind: 'direct', userId: 'slack:T0KIT:U0TOM' }]);
    expect(lookups).toHaveLength(1);
  });
});
