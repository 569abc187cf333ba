/**
 * The health tally caught up in the background at start, against real Redis: a long history
 * (50,000 entries, written the way the digest benchmark writes it: each with the stream id of
 * its instant) is folded in right after the engine starts — the start does not wait for it,
 * a command sent meanwhile is answered before it is done, and `gezondheid` asked meanwhile
 * shows the same figures as after. Two engines starting at once count every entry once: their
 * tally equals a fold of the whole log from scratch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rewriteStream } from '../../bench/digest-history.js';
import { healthFlow } from '../../flows/health.js';
import { tallies } from '../../flows/health-record.js';
import { helpFlow } from '../../flows/help.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { emptyTally, foldActivity, type Tally } from '../../src/domain/health.js';
import type { ActivityInput, ActivityType } from '../../src/store/activity-log.js';
import { CARLA, cardOf, KIT, type Kit, say, startKit } from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';
import { eventually } from '../helpers/queue.js';

const DAY = 86_400_000;
const ENTRIES = 50_000;
const PARTNERS = ['leiden', 'rijnland', 'stedin', 'provincie'];
const TYPES: ActivityType[] = [
  'document.shared',
  'checkin.answered',
  'idea.proposed',
  'idea.cosigned',
  'introduction.connected',
  'commitment.updated',
];

let kit: Kit;
let last = '';

const tallyNow = () => kit.store.collection(tallies).get(KIT, 'tally');
const caughtUp = async () => {
  const t = await tallyNow();
  return t?.cursor === last ? true : `cursor ${t?.cursor ?? 'none'}, last ${last}`;
};

/** The whole log folded from scratch (the pure fold, not the code under test's steps). */
async function fromScratch(): Promise<Tally> {
  const rows = await kit.redis.xrange(kit.store.keys.activity(KIT), '-', '+');
  const facts = rows.map(([id, flat]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) o[flat[i] as string] = flat[i + 1] as string;
    return { id, type: o.type ?? '', partner: o.partner, at: o.at ?? '' };
  });
  return foldActivity(emptyTally(), facts, new Date());
}

const lastCardTo = (envelopes: readonly OutboundEnvelope[], userId: string) =>
  cardOf(
    envelopes
      .filter(
        (e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId,
      )
      .at(-1)?.message,
  );

beforeAll(async () => {
  kit = await startKit({ flows: [healthFlow, helpFlow] });
  for (const id of PARTNERS) {
    const at = new Date(Date.now() - 190 * DAY).toISOString();
    await registerMember(kit.store, {
      allianceId: KIT,
      userId: `local:kit:${id}`,
      partnerId: id,
      partnerName: id,
      name: `${id} persoon`,
      joinedAt: at,
    });
  }
  // 50,000 entries over the last 180 days, oldest first.
  const start = Date.now() - 180 * DAY;
  const old: ActivityInput[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const at = new Date(start + Math.floor((i / ENTRIES) * 179 * DAY)).toISOString();
    const partner = PARTNERS[(i * 7) % PARTNERS.length] as string;
    const type = TYPES[(i * 13) % TYPES.length] as ActivityType;
    old.push({ type, actor: `local:kit:${partner}`, partner, at, data: {} });
  }
  const written = await rewriteStream(kit.redis, kit.store.keys.activity(KIT), old);
  expect(written).toBeGreaterThanOrEqual(ENTRIES);
  const [top] = await kit.redis.xrevrange(kit.store.keys.activity(KIT), '+', '-', 'COUNT', 1);
  last = top?.[0] ?? '';
}, 60_000);
afterAll(() => kit.stop());
beforeEach(async () => {
  // Every test starts from a tally never folded (as after an upgrade).
  await kit.store.collection(tallies).delete(KIT, 'tally');
  kit.dispatcher.clear();
});

describe('health tally: catch-up at start', () => {
  it('folds the history in the background after start while a command is answered', async () => {
    await kit.engine.start();
    // The start did not wait for the fold.
    expect(await caughtUp()).not.toBe(true);

    const help = kit.engine.handle(say(CARLA, 'help'));
    let answeredBeforeCaughtUp = false;
    await help.then(async () => {
      answeredBeforeCaughtUp = (await caughtUp()) !== true;
    });
    expect(kit.dispatcher.all.some((e) => 'userId' in e.to && e.to.userId === CARLA)).toBe(true);
    expect(answeredBeforeCaughtUp).toBe(true);

    await eventually(caughtUp, 60_000);
    const tally = await tallyNow();
    const scratch = await fromScratch();
    expect(tally?.days).toEqual(scratch.days);
    expect(tally?.first).toEqual(scratch.first);
  }, 90_000);

  it('answers gezondheid asked during the catch-up with the figures of the whole history', async () => {
    await kit.engine.start();
    await kit.engine.handle(say(CARLA, 'gezondheid'));
    const during = lastCardTo(kit.dispatcher.all, CARLA);
    await eventually(caughtUp, 60_000);
    kit.dispatcher.clear();
    await kit.engine.handle(say(CARLA, 'gezondheid'));
    const after = lastCardTo(kit.dispatcher.all, CARLA);
    expect(during.fields.length).toBeGreaterThan(0);
    expect(during.fields).toEqual(after.fields);
    const tally = await tallyNow();
    const scratch = await fromScratch();
    expect(tally?.days).toEqual(scratch.days);
  }, 90_000);

  it('counts every entry once when two engines start at once', async () => {
    const other = await startKit({ flows: [healthFlow, helpFlow], prefix: kit.prefix });
    try {
      await Promise.all([kit.engine.start(), other.engine.start()]);
      await eventually(caughtUp, 60_000);
      const tally = await tallyNow();
      const scratch = await fromScratch();
      expect(tally?.cursor).toBe(last);
      expect(tally?.days).toEqual(scratch.days);
      expect(tally?.first).toEqual(scratch.first);
      // Counts are not doubled: the sum of every bucket equals the counted entries.
      const sum = (t: Tally | null | undefined) =>
        Object.values(t?.days ?? {}).reduce(
          (n, d) => n + Object.values(d).reduce((a, b) => a + b, 0),
          0,
        );
      expect(sum(tally)).toBe(sum(scratch));
      expect(sum(scratch)).toBeGreaterThan(ENTRIES / 3);
    } finally {
      await other.redis.quit();
    }
  }, 90_000);
});
