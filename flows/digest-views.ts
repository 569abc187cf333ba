/**
 * The digest's card: the period, then a field per section that has something (new partners
 * and people, documents shared, ideas and initiatives, successes, the last check-in, what is
 * coming, community health), the documents' links below. Neutral card: the adapters escape
 * what people wrote. A pure function of what it is given (already narrowed to its audience).
 */
import type { Locale } from '../src/core/events.js';
import { formatDate } from '../src/core/i18n/index.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import type { DigestFacts } from './digest-collect.js';
import type { DigestT } from './digest-words.js';
import type { HealthChart } from './health-chart.js';
import { healthSummary } from './health-views.js';
import { words as healthWords } from './health-words.js';

/** At most this many lines per section (then "and n more"). */
export const MAX_LINES = 10;

function lines(t: DigestT, items: readonly string[]): string {
  const shown = items.slice(0, MAX_LINES);
  if (items.length > MAX_LINES) shown.push(t('digest.more', { count: items.length - MAX_LINES }));
  return shown.join('\n');
}

/**
 * `chart`: the health trend (health-chart.ts) — its picture after the fields, or, without one,
 * its text alternative under the health summary.
 */
export function digestCard(
  alliance: Alliance,
  d: DigestFacts,
  t: DigestT,
  locale: Locale,
  chart?: HealthChart,
): OutboundMessage {
  const date = (at: Date | string) => formatDate(at, locale, alliance.timeZone);
  const partnerName = (id: string | undefined) => (id ? (d.partnerNames[id] ?? id) : '—');
  const sections: { label: string; items: string[] }[] = [
    { label: t('digest.partners'), items: d.partners },
    { label: t('digest.people'), items: d.people.map((p) => t('digest.person', p)) },
    {
      label: t('digest.documents'),
      items: d.documents.map((doc) =>
        t('digest.document', { title: doc.title, partner: partnerName(doc.ownerPartnerId) }),
      ),
    },
    {
      label: t('digest.ideas'),
      items: d.ideas.map((i) => (i.initiative ? t('digest.initiative', i) : t('digest.idea', i))),
    },
    { label: t('digest.successes'), items: d.successes },
  ];
  const news = sections.some((s) => s.items.length > 0);
  const fields = [
    ...sections
      .filter((s) => s.items.length > 0)
      .map((s) => ({ label: s.label, value: lines(t, s.items) })),
    ...(d.checkin
      ? [
          {
            label: t('digest.checkin'),
            value: t('digest.checkinLine', { ...d.checkin, date: date(d.checkin.at) }),
          },
        ]
      : []),
    ...(d.reviews.length > 0
      ? [
          {
            label: t('digest.coming'),
            value: lines(
              t,
              d.reviews.map((r) =>
                t('digest.review', {
                  title: r.title,
                  date: date(`${r.reviewOn ?? ''}T12:00:00Z`),
                }),
              ),
            ),
          },
        ]
      : []),
    ...(d.partnerCount > 0
      ? [
          {
            label: t('digest.health'),
            value: [
              healthSummary(healthWords.t(locale), d.health),
              ...(chart && !chart.image ? [chart.alt] : []),
            ].join('\n'),
          },
        ]
      : []),
  ];
  const image = d.partnerCount > 0 ? chart?.image : undefined;
  return card({
    header: t('digest.header', { alliance: alliance.name }),
    text: [
      t('digest.period', { from: date(d.from), to: date(d.to) }),
      ...(news ? [] : [t('digest.quiet')]),
    ].join('\n'),
    fields,
    ...(image ? { image } : {}),
    links: d.documents.slice(0, 5).map((doc) => ({ label: doc.title, url: doc.link })),
    context: [t('digest.context')],
  });
}
