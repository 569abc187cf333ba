/**
 * The press-ready text that comes with an announced success, for the partners' own channels
 * (website, newsletter, social media): the news worded per the alliance's positioning, the
 * facts, the link, and the toolkit's boilerplate about the alliance (its ambition where the
 * toolkit has no boilerplate). The toolkit is read through one function, `boilerplate`.
 */
import type { Locale } from '../src/core/events.js';
import { card, type OutboundMessage } from '../src/core/messages.js';
import type { Alliance } from '../src/domain/alliance.js';
import type { FlowStore } from '../src/store/index.js';
import type { Success } from './successes-record.js';
import { amount, partnerNames } from './successes-views.js';
import { words } from './successes-words.js';
import { seedToolkit, toolkitRecords } from './toolkit-record.js';

/**
 * The alliance's boilerplate text in a language (the other language when it has none in
 * this one), from the toolkit as the coordinators keep it (config items seeded, chat changes
 * and retirements respected); undefined when there is none.
 */
export async function boilerplate(
  store: FlowStore,
  alliance: Alliance,
  locale: Locale,
  now: Date,
): Promise<string | undefined> {
  await seedToolkit(store, alliance, now);
  const items = (await toolkitRecords(store).list(alliance.id)).filter(
    (r) => r.status === 'active' && r.kind === 'boilerplate',
  );
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  return (items.find((r) => r.language === locale) ?? items.find((r) => r.language === other))
    ?.text;
}

/** The press text as plain text (to copy as it is). */
export function pressText(
  alliance: Alliance,
  s: Success,
  locale: Locale,
  about: string | undefined,
): string {
  const t = words.t(locale);
  const partners = partnerNames(s, locale);
  const visible = alliance.positioning === 'visible';
  const lead = visible
    ? t('successes.press.visibleLead', { alliance: alliance.name })
    : t('successes.press.quietLead', { partners });
  return [
    s.title,
    '',
    `${lead} ${s.story}`,
    '',
    t('successes.press.facts', {
      impact: amount(s.impact.value, s.impact.unit, locale),
      partners,
    }),
    t('successes.press.more', { link: s.link }),
    '',
    visible
      ? t('successes.press.about', { alliance: alliance.name })
      : t('successes.press.aboutQuiet'),
    about ?? alliance.ambition,
  ].join('\n');
}

/** The press text for a person, as a card whose body is exactly the text. */
export async function pressCard(
  store: FlowStore,
  alliance: Alliance,
  s: Success,
  locale: Locale,
  now: Date,
): Promise<OutboundMessage> {
  const t = words.t(locale);
  const about = await boilerplate(store, alliance, locale, now);
  return card({
    header: t('successes.pressHeader', { title: s.title }),
    text: pressText(alliance, s, locale, about),
    context: [t('successes.pressHint')],
  });
}
