/**
 * People the alliance config names by e-mail alone, against real Redis: on a platform that
 * finds people by address (Slack's users.lookupByEmail) the configured address is looked up
 * in the speaker's workspace, and the identity found there gets the coordinator's role (the
 * coordinator-only word works for them, not for others) without anyone's own address being
 * asked; when that lookup fails or is late, the speaker's own address decides. On a platform
 * that only gives a person's address (Teams) that address decides, asked once per person,
 * also when it could not tell. At start-up the person is looked up by address in every
 * workspace of the alliance's channels, so `identitiesOf` knows them (and their role holds)
 * before they ever spoke; a platform too slow to answer in time is asked again next time
 * instead of the person losing their role for a day.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/events.js';
import { text } from '../../src/core/messages.js';
import type { Flow } from '../../src/engine/flow.js';
import {
  answersTo,
  CHANNEL,
  fakeAdapter,
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';

const ADDRESS = 'Eva.Janssen@Kit.example';
const EVA = 'slack:T0KIT:U0EVA';
const EVA_ELSEWHERE = 'slack:T0TWO:U0EVA2';
const BOB = 'slack:T0KIT:U0BOB';
const TENANT = '00000000-0000-0000-0000-0000000000aa';
const TEAMS_CHANNEL = `teams:${TENANT}:19:kit@thread.tacv2`;
const EVA_TEAMS = `teams:${TENANT}:10000000-0000-0000-0000-0000000000e1`;
const TEAMS_OTHER = `teams:${TENANT}:10000000-0000-0000-0000-0000000000b1`;
const SLOW = `teams:${TENANT}:10000000-0000-0000-0000-0000000000c1`;
const FLAKY = `teams:${TENANT}:10000000-0000-0000-0000-0000000000d1`;

const words = (nl: string, en: string) => (locale: Locale) => (locale === 'nl' ? nl : en);
const planning: Flow = {
  id: 'planning',
  subcommands: [
    {
      command: 'checkin',
      words: { nl: 'plannen', en: 'schedule' },
      roles: ['coordinator'],
      describe: words('check-ins plannen', 'schedule check-ins'),
      async run(ctx) {
        const [eva] = ctx.alliance.coordinators;
        const ids = eva ? await ctx.identitiesOf(eva) : [];
        ctx.reply(text(`ids: ${ids.sort().join(' ')}`));
      },
    },
  ],
};

/** Whose own address was asked, which addresses were looked up where, and the answers. */
const asked: string[] = [];
const lookedUp: [string, string][] = [];
let slowAnswer: ((email: string | undefined) => void) | undefined;
let flakyFails = true;
let lookupFails = 0;

/** Slack: finds Eva by address in both workspaces; gives Eva's address for her identity. */
const slack = fakeAdapter('slack', {
  async emailOf(userId) {
    asked.push(userId);
    return userId === EVA ? 'eva.janssen@kit.example' : undefined;
  },
  async userByEmail(email, scope) {
    lookedUp.push([email, scope]);
    if (lookupFails > 0) {
      lookupFails--;
      throw new Error('users.lookupByEmail: 500');
    }
    if (email.toLowerCase() !== ADDRESS.toLowerCase()) return undefined;
    return scope === 'T0TWO' ? EVA_ELSEWHERE : scope === 'T0KIT' ? EVA : undefined;
  },
});

/** Teams: only a person's own address (the member API), slow or failing once for some. */
const teams = fakeAdapter('teams', {
  async emailOf(userId) {
    asked.push(userId);
    if (userId === SLOW && asked.filter((u) => u === SLOW).length === 1) {
      // The first time, the platform takes longer than the engine waits.
      return new Promise((resolve) => {
        slowAnswer = resolve;
      });
    }
    if (userId === FLAKY && flakyFails) {
      flakyFails = false;
      throw new Error('members: 500');
    }
    const eva = [EVA_TEAMS, SLOW, FLAKY].includes(userId);
    return eva ? 'eva.janssen@kit.example' : undefined;
  },
});

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({
    flows: [planning],
    adapters: [fakeAdapter('local'), slack, teams],
    config: kitConfig(
      kitAlliance({
        coordinators: [{ name: 'Eva Janssen', email: ADDRESS }],
        spokespersons: [],
        channels: {
          local: [CHANNEL],
          slack: [SLACK_CHANNEL, 'slack:T0TWO:C0TWO'],
          teams: [TEAMS_CHANNEL],
        },
      }),
    ),
  });
});
afterAll(async () => {
  slowAnswer?.(undefined);
  await kit.stop();
});
beforeEach(() => {
  kit.dispatcher.clear();
});

async function answerTo(userId: string): Promise<string | undefined> {
  const before = kit.dispatcher.all.length;
  await kit.engine.handle(say(userId, 'checkin plannen'));
  return answersTo(kit.dispatcher.all.slice(before), userId)[0];
}

describe('a coordinator named by e-mail alone, on a platform that finds people by address', () => {
  it('gets the role on the identity found by that address, nobody’s own address asked', async () => {
    expect(await answerTo(EVA)).toMatch(/^ids: /);
    expect(await answerTo(EVA)).toMatch(/^ids: /);
    expect(lookedUp).toContainEqual([ADDRESS.toLowerCase(), 'T0KIT']);
    expect(asked).not.toContain(EVA);
  });

  it('does not give it to anyone else, and asks nothing about them', async () => {
    expect(await answerTo(BOB)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(await answerTo(BOB)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(asked).not.toContain(BOB);
  });

  it('asks the person’s own address when the lookup by address failed', async () => {
    lookupFails = 1;
    expect(await answerTo(BOB)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(asked).toEqual([BOB]);
    // Eva keeps her role: her address is known from the lookup that found her before.
    lookupFails = 1;
    expect(await answerTo(EVA)).toMatch(/^ids: /);
    expect(asked).toEqual([BOB]);
  });

  it('is found at start-up in every workspace of the alliance’s channels', async () => {
    lookedUp.length = 0;
    await kit.engine.start();
    expect(lookedUp.sort()).toEqual([
      [ADDRESS, 'T0KIT'],
      [ADDRESS, 'T0TWO'],
    ]);
    // identitiesOf knows the identity found by address, next to the one seen speaking.
    expect(await answerTo(EVA)).toBe(`ids: ${EVA} ${EVA_ELSEWHERE}`);
    // And the identity found has the role before the platform was ever asked about it.
    expect(await answerTo(EVA_ELSEWHERE)).toBe(`ids: ${EVA} ${EVA_ELSEWHERE}`);
    expect(asked).not.toContain(EVA_ELSEWHERE);
  });
});

describe('a coordinator named by e-mail alone, on a platform that gives a person’s address', () => {
  beforeEach(() => {
    asked.length = 0;
  });

  it('gets the role on the identity whose platform gives that address, asked once', async () => {
    expect(await answerTo(EVA_TEAMS)).toMatch(/^ids: /);
    expect(await answerTo(EVA_TEAMS)).toMatch(/^ids: /);
    expect(asked).toEqual([EVA_TEAMS]);
  });

  it('does not give it to anyone else, and asks about them once too', async () => {
    expect(await answerTo(TEAMS_OTHER)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(await answerTo(TEAMS_OTHER)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(asked).toEqual([TEAMS_OTHER]);
  });

  it('keeps the role when the platform failed once: asked again next time', async () => {
    expect(await answerTo(FLAKY)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(await answerTo(FLAKY)).toMatch(/^ids: /);
    expect(asked.filter((u) => u === FLAKY)).toHaveLength(2);
  });

  it('keeps the role when the platform was too slow once: asked again next time', async () => {
    // Not answered in time: the person goes on as a member this once.
    expect(await answerTo(SLOW)).toBe('Alleen een coördinator kan check-ins plannen.');
    slowAnswer?.('eva.janssen@kit.example');
    expect(await answerTo(SLOW)).toMatch(/^ids: /);
    expect(asked.filter((u) => u === SLOW)).toHaveLength(2);
  });
});
