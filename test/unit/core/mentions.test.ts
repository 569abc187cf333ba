import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralText } from '../../../src/core/mentions.js';

describe('the one rule for text addressed to the bot', () => {
  it("drops the bot's mentions and keeps other people's as @Name", () => {
    expect(neutralText([{ mention: 'bot' }, ' aanmelden'])).toBe('aanmelden');
    expect(neutralText(['hulp ', { mention: 'bot' }])).toBe('hulp');
    expect(
      neutralText([
        { mention: 'bot' },
        ' idee met ',
        { mention: 'person', name: 'Anna  de Vries' },
      ]),
    ).toBe('idee met @Anna de Vries');
    expect(neutralText([{ mention: 'person' }, ' hallo'])).toBe('hallo');
  });

  it('makes a bare mention empty, on every platform alike (the engine then answers with help)', () => {
    expect(neutralText([{ mention: 'bot' }])).toBe('');
    expect(neutralText([' ', { mention: 'bot' }, '\u00a0\n'])).toBe('');
  });

  it('never leaves leading or doubled whitespace, whatever the parts', () => {
    const part = fc.oneof(
      fc.string(),
      fc.constant({ mention: 'bot' as const }),
      fc.record({
        mention: fc.constant('person' as const),
        name: fc.option(fc.string(), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(fc.array(part), (parts) => {
        const out = neutralText(parts);
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\s{2}/);
      }),
    );
  });
});
