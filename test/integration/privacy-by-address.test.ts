/**
 * A coordinator names a person known only by e-mail (invited by e-mail, on no platform, mailed
 * the digest) by their address: `privacy inzien eva@example.org` exports her invitation, her
 * personal-digest record and its unsubscribe token's index entry; `privacy vergeten
 * eva@example.org` and its button erase all three. A member named by their address is erased
 * as themselves, with the invitation to that address. Someone who is not a coordinator may not
 * name an address; an address nobody is known by gets the unknown-person answer. Real Redis,
 * through the engine, fake platforms, no e-mail server (the invitation is recorded as not
 * delivered, its record holding the address all the same).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  inviteeRecord,
  personalRecords,
  tokenEntry,
  tokenKey,
  unsubscribeTokens,
} from '../../flows/digest-personal-record.js';
import { invitationsFlow } from '../../flows/invitations.js';
import { invitationId, invitationRecords } from '../../flows/invitations-record.js';
import { privacyFlow } from '../../flows/privacy.js';
import { newToken } from '../../src/core/tokens.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import {
  answersTo,
  CARLA,
  cardOf,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  MIA,
  press,
  slash,
  startKit,
  submit,
} from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';
import { personalTraces } from '../helpers/personal-scan.js';

const EVA = 'eva@example.org';
const config = kitConfig(
  kitAlliance({ partners: [{ name: 'Gemeente Kitstad', type: 'gemeente' }] }),
);
let kit: Kit;

beforeAll(async () => {
  kit = await startKit({ flows: [invitationsFlow, privacyFlow], config });
  const alliance = new AllianceDirectory(config).get(KIT);
  if (alliance) await kit.store.alliances.syncFromConfig(alliance);
});
afterAll(async () => {
  await kit.stop();
});
beforeEach(() => kit.dispatcher.clear());

/** Carla invites Eva by address; the digest makes her record and its unsubscribe token. */
async function inviteEva(): Promise<{ recordId: string; token: string }> {
  await kit.engine.handle(
    submit(CARLA, 'invitations.person', {
      name: 'Eva Evers',
      email: 'Eva@Example.org',
      organisation: 'gemeente-kitstad',
      language: 'nl',
    }),
  );
  const invitation = await invitationRecords(kit.store).get(KIT, invitationId(EVA));
  if (!invitation) throw new Error('no invitation recorded');
  // As the digest does (digest-personal.ts, unsubscribeToken in digest-unsubscribe.ts).
  const record = inviteeRecord(invitation);
  await personalRecords(kit.store).create(KIT, record.id, record);
  const token = newToken();
  await unsubscribeTokens(kit.store).put(KIT, tokenKey(token), tokenEntry(record, token));
  await personalRecords(kit.store).mutate(KIT, record.id, (r) =>
    r ? { ...r, unsubscribe: token } : r,
  );
  kit.dispatcher.clear();
  return { recordId: record.id, token };
}

describe('privacy for a person known only by e-mail', () => {
  it('lets a coordinator export and erase her invitation, digest record and token entry', async () => {
    const { recordId, token } = await inviteEva();

    await kit.engine.handle(slash(CARLA, 'privacy', `inzien ${EVA}`));
    const exported = answersTo(kit.dispatcher.all, CARLA).join('\n');
    expect(exported).toContain(`Wat de bot over ${EVA} bewaart`);
    expect(exported).toContain('invitations.invitation (1)');
    expect(exported).toContain('digest.personal (1)');
    expect(exported).toContain('digest.unsubscribe (1)');

    kit.dispatcher.clear();
    await kit.engine.handle(slash(CARLA, 'privacy', `vergeten ${EVA}`));
    const ask = kit.dispatcher.all.find((e) => e.message.kind === 'card');
    const confirm = cardOf(ask?.message);
    expect(confirm.text).toContain(`Alles wat de bot over ${EVA} bewaart wordt gewist.`);
    const button = confirm.buttons.find((b) => b.actionId === 'privacy.other-forget');
    expect(button?.value).toBe(EVA);
    // Nothing erased before the confirmation.
    expect(await invitationRecords(kit.store).get(KIT, invitationId(EVA))).not.toBeNull();

    kit.dispatcher.clear();
    await kit.engine.handle(press(CARLA, 'privacy.other-forget', { value: button?.value ?? '' }));
    const done = answersTo(kit.dispatcher.all, CARLA).join('\n');
    expect(done).toContain(`Gewist: wat de bot over ${EVA} bewaarde`);
    expect(await invitationRecords(kit.store).get(KIT, invitationId(EVA))).toBeNull();
    expect(await personalRecords(kit.store).get(KIT, recordId)).toBeNull();
    expect(await unsubscribeTokens(kit.store).get(KIT, tokenKey(token))).toBeNull();

    // Her address and name are in no key any more, and the trail shows a pseudonym.
    const left = await personalTraces(kit.redis, kit.prefix, {
      ids: [],
      names: ['Eva Evers'],
      extra: [EVA],
    });
    expect(left).toEqual([]);
    const trail = await kit.store.audit.read(KIT, { kind: 'privacy' });
    expect(trail.map((e) => e.kind)).toEqual(['privacy.erased', 'privacy.exported']);
    expect(JSON.stringify(trail)).not.toContain(EVA);

    // Named again: nobody is known by it now.
    kit.dispatcher.clear();
    await kit.engine.handle(slash(CARLA, 'privacy', `inzien ${EVA}`));
    expect(answersTo(kit.dispatcher.all, CARLA).join('\n')).toContain(
      `Ik ken niemand in deze alliantie als "${EVA}"`,
    );
  });

  it('takes a member named by their address as themselves, with what is kept under the address', async () => {
    const at = new Date().toISOString();
    await registerMember(kit.store, {
      allianceId: KIT,
      userId: MIA,
      partnerId: 'gemeente-kitstad',
      partnerName: 'Gemeente Kitstad',
      partnerType: 'gemeente',
      name: 'Mia de Wit',
      joinedAt: at,
    });
    await kit.store.identities.remember(MIA, 'mia@kitstad.example');
    await kit.engine.handle(
      submit(CARLA, 'invitations.person', {
        name: 'Mia de Wit',
        email: 'mia@kitstad.example',
        organisation: 'gemeente-kitstad',
        language: 'nl',
      }),
    );
    kit.dispatcher.clear();
    await kit.engine.handle(slash(CARLA, 'privacy', 'vergeten mia@kitstad.example'));
    const confirm = cardOf(kit.dispatcher.all.find((e) => e.message.kind === 'card')?.message);
    expect(confirm.text).toContain('Alles wat de bot over Mia de Wit bewaart wordt gewist.');
    await kit.engine.handle(press(CARLA, 'privacy.other-forget', { value: 'mia@kitstad.example' }));
    expect(answersTo(kit.dispatcher.all, CARLA).join('\n')).toContain(
      'Gewist: wat de bot over Mia de Wit bewaarde',
    );
    expect(await kit.store.members.getMember(KIT, MIA)).toBeNull();
    expect(
      await invitationRecords(kit.store).get(KIT, invitationId('mia@kitstad.example')),
    ).toBeNull();
    kit.dispatcher.clear();
  });

  it('refuses someone who is not a coordinator, and erases nothing', async () => {
    await kit.store.identities.remember('local:kit:otto', 'otto@example.org');
    await kit.engine.handle(slash(MIA, 'privacy', 'vergeten otto@example.org'));
    await kit.engine.handle(press(MIA, 'privacy.other-forget', { value: 'otto@example.org' }));
    expect(answersTo(kit.dispatcher.all, MIA)).toEqual([
      'Alleen een coördinator kan de gegevens van iemand anders inzien of wissen.',
      'Alleen een coördinator kan de gegevens van iemand anders inzien of wissen.',
    ]);
    expect(await kit.store.identities.idsOf('otto@example.org')).toEqual(['local:kit:otto']);
  });

  it('answers an address nobody is known by with the unknown-person answer', async () => {
    await kit.engine.handle(slash(CARLA, 'privacy', 'inzien niemand@example.org'));
    expect(answersTo(kit.dispatcher.all, CARLA)).toEqual([
      'Ik ken niemand in deze alliantie als "niemand@example.org". Gebruik de naam uit het ledenoverzicht, het id (slack:T…:U…) of het e-mailadres.',
    ]);
  });
});
