/**
 * People the alliance config names by e-mail alone, against real Redis: the address a
 * platform gives for an identity gives it the coordinator's role (the coordinator-only word
 * works for them, not for others); the platform is asked once per person, also when it could
 * not tell; at start-up the person is looked up by address in every workspace of the
 * alliance's channels, so `identitiesOf` knows them (and their role holds) before they ever
 * spoke; and a platform too slow to answer in time is asked again next time instead of the
 * person losing their role for a day.
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
const SLOW = 'slack:T0KIT:U0SLOW';
const FLAKY = 'slack:T0KIT:U0FLAKY';

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

/** Who the fake Slack was asked about, and what it answers. */
const asked: string[] = [];
const lookedUp: [string, string][] = [];
let slowAnswer: ((email: string | undefined) => void) | undefined;
let flakyFails = true;

const slack = fakeAdapter('slack', {
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
      throw new Error('users.info: 500');
    }
    if (userId === EVA || userId === SLOW || userId === FLAKY) return 'eva.janssen@kit.example';
    return undefined;
  },
  async userByEmail(email, scope) {
    lookedUp.push([email, scope]);
    return scope === 'T0TWO' ? EVA_ELSEWHERE : undefined;
  },
});

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({
    flows: [planning],
    adapters: [fakeAdapter('local'), slack],
    config: kitConfig(
      kitAlliance({
        coordinators: [{ name: 'Eva Janssen', email: ADDRESS }],
        spokespersons: [],
        channels: { local: [CHANNEL], slack: [SLACK_CHANNEL, 'slack:T0TWO:C0TWO'], teams: [] },
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

describe('a coordinator named by e-mail alone', () => {
  it('gets the role on the identity whose platform gives that address, asked once', async () => {
    expect(await answerTo(EVA)).toMatch(/^ids: /);
    expect(await answerTo(EVA)).toMatch(/^ids: /);
    expect(asked.filter((u) => u === EVA)).toEqual([EVA]);
  });

  it('does not give it to anyone else, and asks about them once too', async () => {
    expect(await answerTo(BOB)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(await answerTo(BOB)).toBe('Alleen een coördinator kan check-ins plannen.');
    expect(asked.filter((u) => u === BOB)).toEqual([BOB]);
  });

  it('is found at start-up in every workspace of the alliance’s channels', async () => {
    expect(await answerTo(EVA)).toBe(`ids: ${EVA}`);
    await kit.engine.start();
    expect(lookedUp.sort()).toEqual([
      [ADDRESS, 'T0KIT'],
      [ADDRESS, 'T0TWO'],
    ]);
    // identitiesOf now knows the identity found by address, next to the one seen speaking.
    expect(await answerTo(EVA)).toBe(`ids: ${EVA} ${EVA_ELSEWHERE}`);
    // And the identity found has the role before the platform was ever asked about it.
    expect(await answerTo(EVA_ELSEWHERE)).toBe(`ids: ${EVA} ${EVA_ELSEWHERE}`);
    expect(asked).not.toContain(EVA_ELSEWHERE);
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
