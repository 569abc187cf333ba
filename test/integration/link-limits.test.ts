/**
 * The limits of a link code, through the engine against real Redis: an expired code and a
 * reused one get a clear answer and link nothing; five wrong codes per person per window, then
 * a refusal (also for the right code) until the window ends, while others are not held up;
 * two people using one code at the same moment — exactly one links; an event handled again
 * after a crash goes on as the first time; and what a link keeps is exported and erased with
 * the person's data.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_WRONG_TRIES } from '../../flows/link-code.js';
import { KIT, type Kit, say } from '../helpers/flow-kit.js';
import {
  ANNA_SLACK,
  ANNA_TEAMS,
  act,
  allianceState,
  BOB_SLACK,
  BOB_TEAMS,
  codeShown,
  DIRK_TEAMS,
  EVI_TEAMS,
  FER_TEAMS,
  GIJS_TEAMS,
  privately,
  startLinkKit,
} from './link-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startLinkKit();
});
afterAll(async () => {
  await kit?.stop();
});
beforeEach(() => kit.dispatcher.clear());

async function codeOf(userId: string): Promise<string> {
  return codeShown(await act(kit, say(userId, 'koppel')), userId).code;
}

const answerTo = async (userId: string, words: string) =>
  privately(await act(kit, say(userId, words)), userId)[0];

/** Lets every open code expire now, as ten minutes would (Redis drops it by its TTL). */
async function expireCodes(): Promise<void> {
  const codes = (await kit.keys()).filter((k) => k.includes('{lc:'));
  for (const key of codes) await kit.redis.pexpire(key, 1);
  const deadline = Date.now() + 5000;
  while ((await kit.keys()).some((k) => k.includes('{lc:'))) {
    if (Date.now() > deadline) throw new Error('the codes did not expire');
    await new Promise((r) => setImmediate(r));
  }
}

describe('a code that does not work any more', () => {
  it('expired: a clear answer, nothing linked', async () => {
    const code = await codeOf(ANNA_SLACK);
    await expireCodes();
    const before = await allianceState(kit);
    expect(await answerTo(ANNA_TEAMS, `koppel ${code}`)).toBe(
      'Die code ken ik niet, of hij is verlopen (een code werkt 10 minuten). Typ koppel op je andere account voor een nieuwe code.',
    );
    expect(await allianceState(kit)).toEqual(before);
    expect((await kit.store.links.groupOf(KIT, ANNA_TEAMS)).ids).toEqual([ANNA_TEAMS]);
  });

  it('used: a second use gets a clear answer, nothing changes', async () => {
    const code = await codeOf(BOB_SLACK);
    expect(await answerTo(BOB_TEAMS, `koppel ${code.toLowerCase()}`)).toMatch(/^Gekoppeld/);
    const before = await allianceState(kit);
    for (const userId of [DIRK_TEAMS, BOB_TEAMS])
      expect(await answerTo(userId, `link ${code.replace('-', ' ')}`)).toBe(
        'That code was used already: a code works once. Type link on your other account for a new code.',
      );
    expect(await allianceState(kit)).toEqual(before);
    expect((await kit.store.links.groupOf(KIT, BOB_SLACK)).ids.sort()).toEqual(
      [BOB_SLACK, BOB_TEAMS].sort(),
    );
  });
});

describe('wrong codes', () => {
  it(`are refused after ${MAX_WRONG_TRIES} per person, the right one too, until the window ends`, async () => {
    const code = await codeOf('slack:T0KIT:U0KEES');
    const wrong = 'ZZZZ-ZZZZ';
    for (let i = 0; i < MAX_WRONG_TRIES; i++)
      expect(await answerTo(EVI_TEAMS, `koppel ${wrong}`)).toMatch(/^Die code ken ik niet/);
    // What is not a code at all does not count, and is answered as such.
    expect(await answerTo(EVI_TEAMS, 'koppel ???')).toMatch(/^Dat is geen koppelcode/);
    const refusal = await answerTo(EVI_TEAMS, `koppel ${code}`);
    expect(refusal).toMatch(/^Te veel verkeerde codes\. Probeer het over 1[45] minuten opnieuw\.$/);
    expect((await kit.store.links.groupOf(KIT, EVI_TEAMS)).ids).toEqual([EVI_TEAMS]);
    // Someone else is not held up by Evi's tries: the code still links for them.
    expect(await answerTo(FER_TEAMS, `koppel ${code}`)).toMatch(/^Gekoppeld/);
  });

  it('taken at the same moment never count past the limit', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () => kit.store.links.takeTry('teams:x:tries', 5, 900)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(await kit.redis.get(`${kit.prefix}{u:teams:x:tries}:link-tries`)).toBe('5');
  });

  it('a right code gives its try back', async () => {
    const code = await codeOf('slack:T0KIT:U0LOTTE');
    for (let i = 0; i < MAX_WRONG_TRIES - 1; i++) await answerTo(GIJS_TEAMS, 'koppel ZZZZ-ZZZ2');
    expect(await answerTo(GIJS_TEAMS, `koppel ${code}`)).toMatch(/^Gekoppeld/);
    expect(await kit.redis.get(`${kit.prefix}{u:${GIJS_TEAMS}}:link-tries`)).toBe(
      String(MAX_WRONG_TRIES - 1),
    );
  });
});

describe('one code used at the same moment', () => {
  it('by five people: exactly one links, the others are told it was used', async () => {
    const owner = 'slack:T0KIT:U0MAAIKE';
    const code = await codeOf(owner);
    const people = [1, 2, 3, 4, 5].map(
      (n) => `teams:11111111-0000-0000-0000-00000000c0de:race-${n}`,
    );
    const answers = await Promise.all(
      people.map(async (userId) => answerTo(userId, `koppel ${code}`)),
    );
    const linked = answers.filter((a) => a?.startsWith('Gekoppeld'));
    expect(linked).toHaveLength(1);
    // The others: the code was used, or (read after the link) the owner has a Teams account.
    for (const a of answers.filter((x) => !x?.startsWith('Gekoppeld')))
      expect(a).toMatch(/^(Die code is al gebruikt|Je andere account is al gekoppeld)/);
    const group = await kit.store.links.groupOf(KIT, owner);
    expect(group.ids).toHaveLength(2);
    expect(people.filter((p) => group.ids.includes(p))).toHaveLength(1);
  });

  it('claimed at the store: exactly one of twenty wins', async () => {
    const owner = 'slack:T0KIT:U0NIELS';
    const code = await codeOf(owner);
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => kit.store.links.claimCode(code, `race:${i}`)),
    );
    expect(claims.filter((c) => c === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c === 'used')).toHaveLength(19);
  });
});

describe('an event handled again after a crash', () => {
  it('links as the first time and says so again (the same keys: sent once)', async () => {
    const owner = 'slack:T0KIT:U0OTTO';
    const code = await codeOf(owner);
    const event = say('teams:11111111-0000-0000-0000-00000000c0de:otto', `koppel ${code}`);
    const first = await act(kit, event);
    // As if the worker died after delivering but before marking the event handled.
    await kit.redis.del(kit.store.keys.handledEvent(`${event.platform}:${event.eventId}`));
    const again = await act(kit, event);
    expect(again.map((e) => e.key)).toEqual(first.map((e) => e.key));
    expect(privately(again, event.actor.userId)[0]).toMatch(/^Gekoppeld/);
  });
});

describe('the personal data of a link', () => {
  it('is exported for the person and erased with their data', async () => {
    const subject = { allianceId: KIT, userIds: [BOB_SLACK] };
    const links = kit.store.links;
    expect(await links.exportFor(subject)).toEqual([
      { userId: BOB_SLACK, linkedIdentities: [BOB_TEAMS] },
      expect.objectContaining({ userId: BOB_SLACK, linkCodeOpenedAt: expect.any(String) }),
    ]);
    expect(await links.countFor(subject)).toBe(2);
    expect(await links.eraseFor(subject)).toBe(2);
    expect(await links.exportFor(subject)).toEqual([]);
    expect((await links.groupOf(KIT, BOB_TEAMS)).ids).toEqual([BOB_TEAMS]);
    const keys = await kit.keys();
    expect(keys.filter((k) => k.includes(BOB_SLACK) && /link/.test(k))).toEqual([]);
    expect(keys.filter((k) => k.includes(BOB_TEAMS) && /:link:|:links:|linked-in/.test(k))).toEqual(
      [],
    );
  });
});
