/**
 * The rule for announcements after a change of the config (src/domain/audience.ts): judged
 * by the visibility policy under the old config and the new one, per place and copy.
 */
import { describe, expect, it } from 'vitest';
import { type Alliance, AllianceSchema } from '../../../src/domain/alliance.js';
import { audienceChange, audienceSnapshot, sameSnapshot } from '../../../src/domain/audience.js';
import type { DocumentFacts } from '../../../src/domain/visibility.js';

const CORE = 'local:x:kernteam';
const ALL = 'local:x:alliantie';
const NEW = 'local:x:nieuw';

const alliance = (coreTeam: string[], coreAudience: 'core' | 'all', extra: string[] = []) =>
  AllianceSchema.parse({
    id: 'x',
    name: 'X',
    ambition: 'Samen.',
    houseRules: ['Delen.'],
    coordinators: [{ name: 'C', ids: ['local:x:c'] }],
    partners: [
      { name: 'A', type: 'overig' },
      { name: 'B', type: 'overig' },
    ],
    coreTeam,
    channels: { local: [ALL, { id: CORE, audience: coreAudience }, ...extra] },
  }) as Alliance;

const doc = (level: DocumentFacts['level']): DocumentFacts => ({
  allianceId: 'x',
  ownerId: 'local:x:owner',
  ownerPartnerId: 'a',
  level,
  partners: [],
  status: 'active',
});
const channel = (channelId: string) => ({ kind: 'channel' as const, allianceId: 'x', channelId });
const person = (partnerId: string) => ({
  kind: 'person' as const,
  allianceId: 'x',
  userId: `local:x:${partnerId}`,
  partnerId,
});

describe('announcements after a change of the config', () => {
  const before = audienceSnapshot(alliance(['A'], 'core'));

  it('keeps everything when nothing that matters changed', () => {
    expect(sameSnapshot(before, audienceSnapshot(alliance(['A'], 'core')))).toBe(true);
    expect(audienceChange(alliance(['A'], 'core'), before, doc('core'), channel(CORE), true)).toBe(
      'keep',
    );
  });

  it('retracts a copy where it may no longer be seen, restores it when it may again', () => {
    const widened = alliance(['A'], 'all');
    expect(audienceChange(widened, before, doc('core'), channel(CORE), true)).toBe('retract');
    expect(audienceChange(widened, before, doc('alliance'), channel(CORE), true)).toBe('keep');
    const back = audienceSnapshot(widened);
    expect(audienceChange(alliance(['A'], 'core'), back, doc('core'), channel(CORE), true)).toBe(
      'restore',
    );
  });

  it('tells a person of a partner new in the core team once, and takes it from one that left', () => {
    const swapped = alliance(['B'], 'core');
    expect(audienceChange(swapped, before, doc('core'), person('b'), false)).toBe('post');
    expect(audienceChange(swapped, before, doc('core'), person('a'), true)).toBe('retract');
  });

  it('gives a channel linked since the previous start no old documents', () => {
    const linked = alliance(['A'], 'core', [NEW]);
    expect(audienceChange(linked, before, doc('alliance'), channel(NEW), false)).toBe('keep');
  });

  it('changes nothing for a withdrawn document', () => {
    const gone = { ...doc('core'), status: 'withdrawn' as const };
    expect(audienceChange(alliance(['A'], 'all'), before, gone, channel(CORE), true)).toBe('keep');
  });
});
