/**
 * An alliance that lists an Enterprise Grid org (`workspaces.slack: [E…]`) accepts the people
 * of every workspace in that org — the Slack adapter names the org where the person speaks in
 * their own workspace — and still refuses people of a workspace outside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpFlow } from '../../flows/help.js';
import type { InboundEvent } from '../../src/core/events.js';
import {
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  say,
  startKit,
} from '../helpers/flow-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({
    flows: [helpFlow],
    config: kitConfig(kitAlliance({ workspaces: { slack: ['E0GRID'] } })),
  });
});
afterAll(async () => {
  await kit.stop();
});

const inOrg = (userId: string, org?: string): InboundEvent => {
  const event = say(userId, 'hulp', { channel: SLACK_CHANNEL });
  return { ...event, actor: { ...event.actor, ...(org ? { org } : {}) } };
};

describe('an alliance that lists an Enterprise Grid org', () => {
  it('answers a person of one of the org’s workspaces', async () => {
    const result = await kit.engine.handle(inOrg('slack:T0GRIDWS2:U0ONE', 'slack:E0GRID'));
    expect(result.error).toBeUndefined();
    const answer = kit.dispatcher.batches.flat().find((e) => e.key.includes('U0ONE'));
    expect(JSON.stringify(answer?.message)).toContain('Wat ik voor je kan doen');
  });

  it('refuses a person of a workspace of another org, or of none', async () => {
    expect((await kit.engine.handle(inOrg('slack:T0ELSE:U0TWO', 'slack:E0OTHER'))).error).toBe(
      'not_in_alliance',
    );
    expect((await kit.engine.handle(inOrg('slack:T0ELSE:U0THREE'))).error).toBe('not_in_alliance');
  });
});
