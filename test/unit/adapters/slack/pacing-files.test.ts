/**
 * Slack pacing of a file for a person (a privacy export): the two upload methods, each in its
 * tier per workspace, then chat.postMessage for its card — the same tiers the Web API
 * stand-in enforces as Slack does.
 */
import { describe, expect, it } from 'vitest';
import { SLACK_TIERS, slackPace } from '../../../../adapters/slack/pacing.js';
import type { OutboundEnvelope } from '../../../../src/core/adapter.js';
import { cardWithFile } from '../../../../src/core/messages.js';
import { METHOD_TIERS } from '../../../fakes/slack-limits.js';

const ANNA = 'slack:T0DEMO01:U0ANNA0001';

describe('pacing a file for a person on Slack', () => {
  it('spends a slot of each upload method (Tier 4 per workspace) and of chat.postMessage', () => {
    const envelope: OutboundEnvelope = {
      key: 'test:privacy:export',
      to: { kind: 'direct', userId: ANNA },
      message: cardWithFile(
        { header: 'Wat de bot over Anna bewaart' },
        { token: 't'.repeat(43), fileName: 'export.json', title: 'Alles', instead: {} },
      ),
    };
    const buckets = slackPace(envelope, false);
    expect(buckets.map((b) => b.workspace)).toEqual([
      'slack:T0DEMO01#files.getUploadURLExternal',
      'slack:T0DEMO01#files.completeUploadExternal',
      'slack:T0DEMO01',
    ]);
    expect(buckets[0]?.windows.workspace).toEqual([{ limit: 100, ms: 60_000 }]);
    expect(buckets[2]?.destination).toBe(ANNA);
  });

  it('uses the tiers the stand-in enforces, as Slack documents them', () => {
    for (const method of ['files.getUploadURLExternal', 'files.completeUploadExternal'] as const)
      expect(SLACK_TIERS[method]).toEqual([METHOD_TIERS[method]]);
  });
});
