/**
 * The shapes of community health: the card `gezondheid` / `health` shows (the alliance's four
 * blocks with their trend, then the partners the reader may see, those slipping back first)
 * and the one-line summary the digest carries. Neutral cards: the adapters escape partner
 * names for their surface. Pure functions of their input.
 */
import { formatDate } from '../src/core/i18n/index.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import {
  type AllianceBlock,
  BLOCKS,
  type Block,
  type BlockState,
  trendOf,
} from '../src/domain/health.js';
import type { HealthChart } from './health-chart.js';
import type { HealthT } from './health-words.js';

export interface PartnerRow {
  id: string;
  name: string;
  blocks: Record<Block, BlockState>;
}

export interface HealthView {
  alliance: Record<Block, AllianceBlock>;
  /** The partners the reader may see. */
  partners: PartnerRow[];
  /** The reader's own partner is among them (a member's view) rather than all (coordinator). */
  own: boolean;
  /** No check-in was held yet. */
  noCheckins: boolean;
  partnerCount: number;
}

const yesNo = (t: HealthT, v: boolean | null) =>
  v === null ? t('health.notMeasured') : v ? t('health.yes') : t('health.no');

/** One block of one partner in words: "Bijdragend: ja (was nee)". */
function blockWords(t: HealthT, block: Block, s: BlockState): string {
  const now = `${t(`health.block.${block}`)}: ${yesNo(t, s.now)}`;
  return s.before !== null && s.now !== null && s.before !== s.now
    ? `${now} (${t('health.was', { before: yesNo(t, s.before) })})`
    : now;
}

export const partnerLine = (t: HealthT, row: PartnerRow) =>
  BLOCKS.map((b) => blockWords(t, b, row.blocks[b])).join(' · ');

/** Those slipping back first, then those doing least, then by name. */
export function drifting(rows: readonly PartnerRow[]): PartnerRow[] {
  const downs = (r: PartnerRow) => BLOCKS.filter((b) => trendOf(r.blocks[b]) === 'down').length;
  const ups = (r: PartnerRow) => BLOCKS.filter((b) => r.blocks[b].now === true).length;
  return [...rows].sort(
    (a, b) => downs(b) - downs(a) || ups(a) - ups(b) || a.name.localeCompare(b.name, 'nl'),
  );
}

export const allianceValue = (t: HealthT, a: AllianceBlock) =>
  a.of === 0
    ? t('health.notMeasured')
    : `${t('health.alliance', { now: a.now, of: a.of, before: a.before })} (${t(`health.trend.${a.trend}`)})`;

/**
 * `chart`: the health trend (health-chart.ts) — its picture under the figures, or, without one,
 * its text alternative as a field of its own.
 */
export function healthCard(
  alliance: Alliance,
  view: HealthView,
  t: HealthT,
  locale: 'nl' | 'en',
  now: Date,
  chart?: HealthChart,
): OutboundMessage {
  const fields = BLOCKS.map((b) => ({
    label: `${t(`health.block.${b}`)} — ${t(`health.explain.${b}`)}`,
    value: allianceValue(t, view.alliance[b]),
  }));
  if (chart && !chart.image && view.partnerCount > 0)
    fields.push({ label: t('health.chart.label'), value: chart.alt });
  const rows = drifting(view.partners);
  const lines = rows.map((r) => `${r.name}: ${partnerLine(t, r)}`);
  const text = [
    t('health.intro'),
    ...(view.partnerCount === 0 ? [t('health.noPartners')] : []),
    ...(lines.length > 0
      ? ['', view.own ? t('health.ownHeader') : t('health.partnersHeader'), ...lines]
      : []),
  ].join('\n');
  return card({
    header: t('health.header', { alliance: alliance.name }),
    text,
    fields,
    ...(chart?.image && view.partnerCount > 0 ? { image: chart.image } : {}),
    context: [
      ...(view.noCheckins ? [t('health.noCheckins')] : []),
      t('health.context', { date: formatDate(now, locale, alliance.timeZone) }),
    ],
  });
}

/** One line for the digest: each block's figure and trend. */
export function healthSummary(t: HealthT, a: Record<Block, AllianceBlock>): string {
  const parts = BLOCKS.map((b) =>
    a[b].of === 0
      ? t('health.summaryUnmeasured', { block: t(`health.block.${b}`) })
      : t('health.summaryPart', {
          block: t(`health.block.${b}`),
          now: a[b].now,
          of: a[b].of,
          trend: t(`health.trend.${a[b].trend}`),
        }),
  ).join(', ');
  return t('health.summary', { parts });
}
