/**
 * Ideas under concurrency, against real Redis with several engines (as several worker
 * processes, each its own connection): twenty partners pressing Co-sign at the same moment
 * all count, each once; the initiative is announced exactly once, also when the second and
 * third partner sign at the same moment; and each co-signature is logged once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ideasFlow } from '../../flows/ideas.js';
import { type Idea, ideaRecords } from '../../flows/ideas-record.js';
import { COSIGN_ACTION } from '../../flows/ideas-views.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { KIT, type Kit, press, say, startKit } from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

const PROPOSER = 'local:kit:anna';
/** Twenty people, each of a partner of their own. */
const SIGNERS = Array.from({ length: 20 }, (_, i) => `local:kit:signer-${i}`);

/** Four engines on one store prefix: four processes handling events at the same time. */
let kits: Kit[] = [];
const main = () => kits[0] as Kit;

beforeAll(async () => {
  const first = await startKit({ flows: [ideasFlow] });
  kits = [first];
  for (let i = 1; i < 4; i++)
    kits.push(await startKit({ flows: [ideasFlow], prefix: first.prefix }));
  const now = new Date().toISOString();
  const people: [string, string][] = [
    [PROPOSER, 'gemeente-leiden'],
    ...SIGNERS.map((id, i): [string, string] => [id, `partner-${i}`]),
  ];
  for (const [userId, partner] of people)
    await registerMember(first.store, {
      allianceId: KIT,
      userId,
      partnerId: partner,
      partnerName: `Partner ${partner}`,
      name: `Persoon ${userId.split(':').at(-1)}`,
      joinedAt: now,
    });
});
afterAll(async () => {
  for (const kit of kits.slice(1)) await kit.redis.quit();
  await kits[0]?.stop();
});

const dispatched = (): OutboundEnvelope[] => kits.flatMap((k) => k.dispatcher.all);
const announcements = (idea: Idea) =>
  dispatched().filter(
    (e) =>
      e.to.kind === 'conversation' &&
      e.message.kind === 'card' &&
      e.message.card.header === `Nieuw initiatief: ${idea.title}`,
  );

async function propose(title: string): Promise<Idea> {
  await main().engine.handle(say(PROPOSER, `idee ${title}`));
  const found = (await ideaRecords(main().store).list(KIT)).find((i) => i.title === title);
  if (!found) throw new Error(`no idea ${title}`);
  for (const kit of kits) kit.dispatcher.clear();
  return found;
}

/** Everyone presses at once, each through one of the engines. */
const pressAll = (signers: readonly string[], idea: Idea) =>
  Promise.all(
    signers.map((userId, i) =>
      (kits[i % kits.length] as Kit).engine.handle(
        press(userId, COSIGN_ACTION, { value: idea.id }),
      ),
    ),
  );

describe('co-signing at the same moment', () => {
  it('counts twenty partners pressing at once, each once, and announces the initiative once', async () => {
    const idea = await propose('Twintig partners tegelijk');
    const results = await pressAll(SIGNERS, idea);
    expect(results.filter((r) => r.error)).toEqual([]);
    const stored = await ideaRecords(main().store).get(KIT, idea.id);
    expect(stored?.cosigners.map((s) => s.partnerId).sort()).toEqual(
      SIGNERS.map((_, i) => `partner-${i}`).sort(),
    );
    expect(stored?.status).toBe('initiative');
    // One announcement per alliance channel, from the one press that brought in the third.
    const announced = announcements(idea);
    expect(announced).toHaveLength(idea.cards.length);
    expect(new Set(announced.map((e) => e.key.split(':').slice(0, 2).join(':'))).size).toBe(1);
    // Every signer was told it counted; exactly one that it became an initiative.
    const told = dispatched().filter((e) => e.to.kind === 'direct' && e.message.kind === 'text');
    const texts = told.map((e) => (e.message.kind === 'text' ? e.message.text : ''));
    expect(texts.filter((t) => t.startsWith('Ondertekend namens'))).toHaveLength(20);
    expect(texts.filter((t) => t.includes('en is een initiatief!'))).toHaveLength(1);
    const logged = (await main().store.activity.range(KIT)).filter((e) => e.data.idea === idea.id);
    expect(logged.filter((e) => e.type === 'idea.cosigned')).toHaveLength(20);
    expect(logged.filter((e) => e.type === 'idea.initiative')).toHaveLength(1);
  });

  it('announces once when the second and third partner sign at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const idea = await propose(`Twee tegelijk, ronde ${round}`);
      const pair = [SIGNERS[2 * round], SIGNERS[2 * round + 1]] as string[];
      await pressAll(pair, idea);
      const stored = await ideaRecords(main().store).get(KIT, idea.id);
      expect(stored?.cosigners).toHaveLength(2);
      expect(stored?.status).toBe('initiative');
      expect(announcements(idea)).toHaveLength(idea.cards.length);
      const initiatives = (await main().store.activity.range(KIT)).filter(
        (e) => e.type === 'idea.initiative' && e.data.idea === idea.id,
      );
      expect(initiatives).toHaveLength(1);
    }
  });
});
