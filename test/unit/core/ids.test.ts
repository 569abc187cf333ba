import { describe, expect, it } from 'vitest';
import { makeId, parseId, platformOf, slugify, workspaceOf } from '../../../src/core/ids.js';

describe('namespaced ids', () => {
  it.each([
    ['slack', 'T123', 'C456'],
    ['teams', '72f988bf-86f1-41af-91ab-2d7cd011db47', '19:abc123@thread.tacv2'],
    ['teams', 'tenant', 'a:1xyzPersonal-conv_ID'],
    ['local', 'demo', 'dm-anna'],
  ] as const)('round-trips %s:%s:%s', (platform, scope, local) => {
    const id = makeId(platform, scope, local);
    expect(id).toBe(`${platform}:${scope}:${local}`);
    expect(parseId(id)).toEqual({ platform, scope, local });
    expect(platformOf(id)).toBe(platform);
    expect(workspaceOf(id)).toBe(`${platform}:${scope}`);
  });

  it('refuses ids that are not namespaced', () => {
    for (const bad of ['C456', 'discord:x:y', 'slack:T1', 'slack::C1', 'slack:T1:C 1']) {
      expect(() => parseId(bad)).toThrow(/not a namespaced id/);
    }
    expect(() => makeId('slack', 'T:1', 'C1')).toThrow();
    expect(() => makeId('slack', 'T1', '')).toThrow();
  });

  it('makes partner slugs from Dutch names', () => {
    expect(slugify('Energiecoöperatie Rijnland Duurzaam')).toBe(
      'energiecooperatie-rijnland-duurzaam',
    );
    expect(slugify('  Gemeente  Alphen aan den Rijn! ')).toBe('gemeente-alphen-aan-den-rijn');
    expect(slugify("'s-Hertogenbosch")).toBe('s-hertogenbosch');
  });
});
