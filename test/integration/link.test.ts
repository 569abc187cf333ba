/**
 * Linking a person's Slack and Teams identities (`koppel` / `link`) through the engine, against
 * real Redis: the code is shown only privately (a direct chat, or only to the person in a
 * Slack channel; in a Teams channel, where no message is for one person only, no code — the
 * person is told to ask privately); typed on the other platform it links the two, both are
 * told privately, and from then on either identity is the same member (partner, intake,
 * language) with the config roles of both — a coordinator named by a Slack id is a
 * coordinator on Teams too. The identity with the introduction is the one the other links
 * to; two introductions are not merged; two identities of one platform are not linked.
 * Unlinking (`koppel los`, or a button per account) separates them again and tells the other.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REMOVE_ACTION } from '../../flows/link-views.js';
import { KIT, type Kit, press, SLACK_CHANNEL, say, slash } from '../helpers/flow-kit.js';
import {
  ANNA_SLACK,
  ANNA_TEAMS,
  act,
  allianceState,
  BOB_SLACK,
  BOB_TEAMS,
  CARLA_SLACK,
  CARLA_TEAMS,
  codeShown,
  DIRK_TEAMS,
  FER_TEAMS,
  GIJS_TEAMS,
  privately,
  registerMember,
  showsACode,
  startLinkKit,
  TEAMS_CHANNEL,
} from './link-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startLinkKit();
});
afterAll(async () => {
  await kit?.stop();
});
beforeEach(() => kit.dispatcher.clear());

const who = async (userId: string) =>
  privately(await act(kit, say(userId, 'overzicht')), userId)[0];

/** `koppel` on one identity, the code typed on the other: what each was told. */
async function link(from: string, to: string) {
  const shown = await act(kit, say(from, 'koppel'));
  const { code } = codeShown(shown, from);
  const done = await act(kit, say(to, `koppel ${code}`));
  return { code, here: privately(done, to), there: privately(done, from), done };
}

describe('the code', () => {
  it('is shown privately in a direct chat, once per koppel, and only in the reply', async () => {
    const envelopes = await act(kit, say(ANNA_SLACK, 'koppel'));
    const { code, to } = codeShown(envelopes, ANNA_SLACK);
    expect(to).toEqual({ kind: 'direct', userId: ANNA_SLACK });
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(privately(envelopes, ANNA_SLACK)[0]).toContain(
      `Typ op Teams binnen 10 minuten: koppel ${code}`,
    );
    expect(envelopes).toHaveLength(1);
    // Stored as a digest with its lifetime, never as the code itself.
    const keys = await kit.keys();
    const codeKeys = keys.filter((k) => k.includes('{lc:'));
    expect(codeKeys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain(code.replace('-', ''));
    for (const key of codeKeys) {
      expect(JSON.stringify(await kit.redis.hgetall(key))).not.toContain(code.replace('-', ''));
      const ttl = await kit.redis.ttl(key);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
    }
  });

  it('in a Slack channel is shown only to the person', async () => {
    const envelopes = await act(kit, slash(ANNA_SLACK, 'link', '', { channel: SLACK_CHANNEL }));
    expect(codeShown(envelopes, ANNA_SLACK).to).toEqual({
      kind: 'ephemeral',
      conversationId: SLACK_CHANNEL,
      userId: ANNA_SLACK,
    });
    expect(envelopes.filter((e) => e.to.kind === 'conversation')).toEqual([]);
  });

  it('is not given in a Teams channel: the person is told there to ask privately', async () => {
    const envelopes = await act(kit, say(BOB_TEAMS, 'koppel', { channel: TEAMS_CHANNEL }));
    expect(showsACode(envelopes)).toEqual([]);
    expect(envelopes.map((e) => e.to)).toEqual([{ kind: 'conversation', id: TEAMS_CHANNEL }]);
    expect(JSON.stringify(envelopes[0]?.message)).toContain(
      'Een koppelcode laat ik alleen in een privégesprek zien',
    );
  });

  it('speaks English to who asks in English', async () => {
    const envelopes = await act(kit, say(BOB_TEAMS, 'link'));
    const { code } = codeShown(envelopes, BOB_TEAMS);
    expect(privately(envelopes, BOB_TEAMS)[0]).toContain(
      `Within 10 minutes, type on Slack: link ${code}`,
    );
  });
});

describe('a link', () => {
  it('makes the Teams identity the same member as the Slack one, told on both privately', async () => {
    await registerMember(kit, ANNA_SLACK, 'Anna de Vries', 'Gemeente Leiden', 'en');
    expect(await who(ANNA_TEAMS)).toBe('who: - | - | member | nl');

    const { here, there, done } = await link(ANNA_SLACK, ANNA_TEAMS);
    expect(here).toEqual([
      'Linked: this account and your Slack account are now one person in Kit Alliantie. Your introduction and your roles count on both.',
    ]);
    expect(there).toEqual([
      'Your Teams account is now linked to this account in Kit Alliantie. Was it not you? Type link remove to unlink it.',
    ]);
    expect(done.every((e) => e.to.kind === 'direct')).toBe(true);

    // The member, the partner, the language: the same whichever platform she speaks from.
    expect(await who(ANNA_TEAMS)).toBe('who: Anna de Vries | Gemeente Leiden | member | en');
    expect(await who(ANNA_SLACK)).toBe('who: Anna de Vries | Gemeente Leiden | member | en');
    expect(await kit.store.members.getMember(KIT, ANNA_TEAMS)).toBeNull();
  });

  it('lists the linked accounts when koppel is typed again, with a button for each', async () => {
    const envelopes = await act(kit, say(ANNA_TEAMS, 'koppel'));
    expect(showsACode(envelopes)).toEqual([]);
    const [only] = envelopes;
    expect(only?.message.kind).toBe('card');
    if (only?.message.kind !== 'card') return;
    expect(only.message.card.header).toBe('Linked accounts');
    expect(only.message.card.fields).toEqual([
      { label: 'Slack', value: 'linked' },
      { label: 'Teams', value: 'this account' },
    ]);
    expect(only.message.card.buttons.map((b) => [b.label, b.value])).toEqual([
      ['Unlink Slack', ANNA_SLACK],
      ['Unlink Teams', ANNA_TEAMS],
    ]);
  });

  it('gives a coordinator named by a Slack id the role on the Teams identity they link', async () => {
    expect(privately(await act(kit, say(CARLA_TEAMS, 'gezondheid')), CARLA_TEAMS)).toEqual([
      'Alleen een coördinator kan de gezondheid zien.',
    ]);
    const { here } = await link(CARLA_SLACK, CARLA_TEAMS);
    expect(here[0]).toMatch(/^Gekoppeld: dit account en je Slack-account/);
    expect(privately(await act(kit, say(CARLA_TEAMS, 'gezondheid')), CARLA_TEAMS)).toEqual([
      'health: ok',
    ]);
    expect(await who(CARLA_TEAMS)).toBe('who: - | - | member,coordinator | nl');
    // Help lists the coordinator's words on Teams too (what help offers follows the roles).
    expect(await who(CARLA_SLACK)).toBe('who: - | - | member,coordinator | nl');
  });

  it('follows the identity with the introduction when only the code’s typist has one', async () => {
    await registerMember(kit, DIRK_TEAMS, 'Dirk Jansen', 'Stedin');
    const { here } = await link(BOB_SLACK, DIRK_TEAMS);
    expect(here[0]).toMatch(/^Gekoppeld/);
    expect(await who(BOB_SLACK)).toBe('who: Dirk Jansen | Stedin | member | nl');
    expect((await kit.store.links.groupOf(KIT, BOB_SLACK)).primary).toBe(DIRK_TEAMS);
  });
});

describe('refused, with nothing stored', () => {
  it('two identities of one platform', async () => {
    const hans = 'slack:T0KIT:U0HANS';
    const { code } = codeShown(await act(kit, say(hans, 'koppel')), hans);
    const before = await allianceState(kit);
    // Hans's own code on Slack again, and Bob's Slack account: neither links.
    for (const userId of [hans, BOB_SLACK]) {
      const answers = privately(await act(kit, say(userId, `koppel ${code}`)), userId);
      expect(answers[0]).toBe(
        'Deze code is gemaakt op Slack. Typ hem op je account op het andere platform: ik koppel een Slack- en een Teams-account, geen twee Slack-accounts.',
      );
    }
    expect(await allianceState(kit)).toEqual(before);
    // The code was not used up by the refusals: on Teams it links.
    const linked = privately(await act(kit, say(GIJS_TEAMS, `koppel ${code}`)), GIJS_TEAMS);
    expect(linked[0]).toMatch(/^Gekoppeld: dit account en je Slack-account/);
  });

  it('two identities that each have their own introduction', async () => {
    await registerMember(kit, 'slack:T0KIT:U0EEF', 'Eef Smit', 'Provincie Zuid-Holland');
    await registerMember(kit, 'teams:11111111-0000-0000-0000-00000000c0de:eef', 'Eef S.', 'Stedin');
    const { code } = codeShown(
      await act(kit, say('slack:T0KIT:U0EEF', 'koppel')),
      'slack:T0KIT:U0EEF',
    );
    const before = await allianceState(kit);
    const eefTeams = 'teams:11111111-0000-0000-0000-00000000c0de:eef';
    const answers = privately(await act(kit, say(eefTeams, `koppel ${code}`)), eefTeams);
    expect(answers[0]).toBe(
      'Beide accounts hebben al een eigen kennismaking in Kit Alliantie: Eef S. (Stedin) op Teams en Eef Smit (Provincie Zuid-Holland) op Slack. Twee kennismakingen voeg ik niet samen, dus ik heb niets gekoppeld. Wil je ze toch koppelen? Wis dan eerst op één van beide accounts je gegevens (privacy vergeten) en koppel daarna opnieuw.',
    );
    expect(await allianceState(kit)).toEqual(before);
    expect(await who(eefTeams)).toBe('who: Eef S. | Stedin | member | nl');
  });

  it('a Teams account whose other account is linked to a Teams account already', async () => {
    // Two codes asked before the first linked: the second one cannot link a second Teams account.
    const ida = 'slack:T0KIT:U0IDA';
    const first = codeShown(await act(kit, say(ida, 'koppel')), ida).code;
    const second = codeShown(await act(kit, say(ida, 'koppel')), ida).code;
    expect(second).not.toBe(first);
    await act(kit, say(FER_TEAMS, `koppel ${first}`));
    const before = await allianceState(kit);
    const answers = privately(await act(kit, say(BOB_TEAMS, `koppel ${second}`)), BOB_TEAMS);
    expect(answers[0]).toBe(
      'Je andere account is al gekoppeld aan een Teams-account. Maak dat eerst los (koppel los) en koppel dan opnieuw.',
    );
    expect(await allianceState(kit)).toEqual(before);
  });

  it('something that is not a code', async () => {
    const before = await allianceState(kit);
    const answers = privately(await act(kit, say(BOB_TEAMS, 'koppel hallo')), BOB_TEAMS);
    expect(answers[0]).toBe(
      'Dat is geen koppelcode: een koppelcode heeft 8 letters en cijfers, zoals K7QM-2XPD. Typ koppel zonder code om er een te krijgen.',
    );
    expect(await allianceState(kit)).toEqual(before);
  });
});

describe('unlinking', () => {
  it('koppel los separates the identity spoken from, and tells the other privately', async () => {
    const before = await who(ANNA_TEAMS);
    expect(before).toContain('Anna de Vries');
    const envelopes = await act(kit, say(ANNA_TEAMS, 'link remove'));
    expect(privately(envelopes, ANNA_TEAMS)).toEqual([
      'Unlinked: this account is no longer linked to your Slack account. Your introduction stays with your Slack account.',
    ]);
    expect(privately(envelopes, ANNA_SLACK)).toEqual([
      'This account is no longer linked to your Teams account.',
    ]);
    expect(envelopes.every((e) => e.to.kind === 'direct')).toBe(true);
    expect(await who(ANNA_TEAMS)).toBe('who: - | - | member | nl');
    expect(await who(ANNA_SLACK)).toBe('who: Anna de Vries | Gemeente Leiden | member | en');
    expect(await kit.store.links.alliancesOf(ANNA_TEAMS)).toEqual([]);
  });

  it('says so when there is nothing to unlink', async () => {
    const answers = privately(await act(kit, say(ANNA_TEAMS, 'koppel los')), ANNA_TEAMS);
    expect(answers).toEqual(['Dit account is niet gekoppeld. Typ koppel voor een koppelcode.']);
  });

  it('takes the role away again from the Teams identity of the coordinator', async () => {
    const list = await act(kit, say(CARLA_SLACK, 'koppel'));
    const button = list[0]?.message.kind === 'card' ? list[0].message.card.buttons : [];
    const teams = button.find((b) => b.value === CARLA_TEAMS);
    expect(teams?.actionId.startsWith(`${REMOVE_ACTION}.`)).toBe(true);
    const envelopes = await act(
      kit,
      press(CARLA_SLACK, teams?.actionId ?? '', { value: CARLA_TEAMS }),
    );
    expect(privately(envelopes, CARLA_SLACK)).toEqual([
      'Losgemaakt: je Teams-account is niet meer gekoppeld aan dit account.',
    ]);
    expect(privately(envelopes, CARLA_TEAMS)).toEqual([
      'Dit account is niet meer gekoppeld aan je Slack-account.',
    ]);
    expect(privately(await act(kit, say(CARLA_TEAMS, 'gezondheid')), CARLA_TEAMS)).toEqual([
      'Alleen een coördinator kan de gezondheid zien.',
    ]);
  });

  it('refuses a button for an account that is not linked to the person, storing nothing', async () => {
    const before = await allianceState(kit);
    const envelopes = await act(kit, press(BOB_SLACK, `${REMOVE_ACTION}.0`, { value: ANNA_SLACK }));
    expect(privately(envelopes, BOB_SLACK)).toEqual([
      'Dat account is niet (meer) aan jou gekoppeld.',
    ]);
    expect(await allianceState(kit)).toEqual(before);
  });
});
