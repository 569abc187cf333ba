/**
 * The health trend for the chart, pure: three partners with a history at known days, the
 * weekly figures worked out by hand below from those events (not through the code under
 * test), and the trend in words as the text alternative says it.
 */
import { describe, expect, it } from 'vitest';
import { healthChartSpec, trendWords } from '../../../flows/health-chart.js';
import { words } from '../../../flows/health-words.js';
import type { Alliance } from '../../../src/domain/alliance.js';
import { emptyTally, foldActivity, type RoundFacts } from '../../../src/domain/health.js';
import { healthTrend } from '../../../src/domain/health-chart.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

let seq = 0;
const fact = (type: string, partner: string, daysAgo: number) => ({
  id: `${++seq}-0`,
  type,
  partner,
  at: ago(daysAgo),
});

// A: joined and onboarded 100 days ago, introduced 20 days ago, shared a document 45 days ago,
//    answered the check-in of 16 days ago with everything on track.
// B: joined, onboarded and introduced 30 days ago; did not answer the check-in.
// C: no join on record (always counted); proposed an idea 10 days ago; did not answer.
const tally = foldActivity(
  emptyTally(),
  [
    fact('partner.joined', 'A', 100),
    fact('member.joined', 'A', 100),
    fact('partner.joined', 'B', 30),
    fact('member.joined', 'B', 30),
    fact('introduction.connected', 'B', 30),
    fact('document.shared', 'A', 45),
    fact('introduction.connected', 'A', 20),
    fact('idea.proposed', 'C', 10),
  ],
  NOW,
);
const rounds: RoundFacts[] = [
  { at: ago(16), closed: true, partners: ['A', 'B', 'C'], answers: { A: ['on-track'] } },
];

describe('the health trend per week', () => {
  const points = healthTrend(tally, ['A', 'B', 'C'], rounds, NOW);

  it('has eight weekly points, oldest first, the last one today', () => {
    expect(points.map((p) => p.day)).toEqual([
      '2026-10-15',
      '2026-10-22',
      '2026-10-29',
      '2026-11-05',
      '2026-11-12',
      '2026-11-19',
      '2026-11-26',
      '2026-12-03',
    ]);
  });

  it('counts each block as of each week, by hand', () => {
    // Weeks ending 49, 42, 35, 28, 21, 14, 7 and 0 days ago.
    // B joined 30 days ago: measured from the week ending 28 days ago.
    expect(points.map((p) => p.partners)).toEqual([2, 2, 2, 3, 3, 3, 3, 3]);
    // B connected from 30 days ago, A from 20 days ago.
    expect(points.map((p) => p.counts.connected)).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
    // A's share 45 days ago falls in the 30 days before the weeks ending 42 … 21 days ago.
    expect(points.map((p) => p.counts.contributing)).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
    // The check-in 16 days ago: A on track; measured for all three from then on.
    expect(points.map((p) => p.counts.collaborating)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    expect(points.map((p) => p.measured.collaborating)).toEqual([0, 0, 0, 0, 0, 3, 3, 3]);
    // C's idea 10 days ago.
    expect(points.map((p) => p.counts.coCreating)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('says the trend in words, in Dutch and in English', () => {
    expect(trendWords(words.t('nl'), points)).toBe(
      'Grafiek van de laatste 8 weken (nu, en wat het 8 weken geleden was): Verbonden: 2 van 3 partners, was 0; Bijdragend: 0 van 3 partners, was 0; Samenwerkend: 1 van 3 partners, was 0; Co-creërend: 1 van 3 partners, was 0.',
    );
    expect(trendWords(words.t('en'), points)).toBe(
      'Chart of the last 8 weeks (now, and what it was 8 weeks ago): Connected: 2 of 3 partners, was 0; Contributing: 0 of 3 partners, was 0; Collaborating: 1 of 3 partners, was 0; Co-creating: 1 of 3 partners, was 0.',
    );
  });

  it('describes the chart with a line per block and dates in the reader’s language', () => {
    const alliance = { name: 'Energie Rijnland' } as Alliance;
    const nl = healthChartSpec(points, 'nl', alliance);
    expect(nl.series.map((s) => s.name)).toEqual([
      'Verbonden',
      'Bijdragend',
      'Samenwerkend',
      'Co-creërend',
    ]);
    expect(nl.series[0]?.values).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
    // Collaborating before the first check-in is not measured: a gap in its line, not a zero.
    expect(nl.series[2]?.values).toEqual([null, null, null, null, null, 1, 1, 1]);
    expect(nl.categories[0]).toBe('15 okt.');
    expect(nl.max).toBe(3);
    expect(nl.title).toContain('Energie Rijnland');
    const en = healthChartSpec(points, 'en', alliance);
    expect(en.categories.at(-1)).toBe('3 Dec');
    expect(en.series.map((s) => s.name)).toContain('Co-creating');
  });

  it('says a block was not measured yet when no partner is', () => {
    const none = healthTrend(emptyTally(), [], [], NOW);
    expect(trendWords(words.t('en'), none)).toContain('Connected: not measured yet');
  });
});
