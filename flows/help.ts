/**
 * Help: what the bot can do for this person, here, in their language — generated from what
 * the flows declared (every subcommand this person's roles allow, with its one-line
 * description), with the other language's words as a footnote. Also the Slack App Home, with
 * the person's view of community health in it (health-home.ts).
 */
import { COMMAND_WORDS } from '../src/core/commands.js';
import type { Locale } from '../src/core/events.js';
import { translator } from '../src/core/i18n/index.js';
import { card } from '../src/core/messages.js';
import type { Role } from '../src/domain/alliance.js';
import { isForEveryone, rolesPhrase } from '../src/engine/authorize.js';
import type { AvailableSubcommand, Flow, FlowContext } from '../src/engine/flow.js';
import { homeWithHealth } from './health-home.js';

/** `checkin plannen` */
function words(entry: AvailableSubcommand, locale: Locale): string {
  const { spec } = entry;
  const word = COMMAND_WORDS[spec.command][locale];
  return spec.words ? `${word} ${spec.words[locale]}` : word;
}

/** "(coordinators)" after what only some roles may do. */
function restriction(roles: readonly Role[] | undefined, locale: Locale): string {
  if (!roles || isForEveryone(roles)) return '';
  return ` (${translator(locale)('help.onlyFor', { roles: rolesPhrase(roles, locale) })})`;
}

export function helpCard(ctx: FlowContext) {
  const { t, locale } = ctx;
  const other: Locale = locale === 'nl' ? 'en' : 'nl';
  return card({
    header: t('help.header', { alliance: ctx.alliance.name }),
    text: t('help.intro'),
    fields: ctx.available.map((entry) => ({
      label: words(entry, locale),
      value: `${entry.spec.describe(locale)}${restriction(entry.spec.roles, locale)}`,
    })),
    context: [
      t('help.context.slack'),
      t('help.footer', {
        other: [...new Set(ctx.available.map((e) => words(e, other)))].join(', '),
      }),
    ],
  });
}

/** The person's own page of the bot: their alliance, whether they joined, what they can do. */
export function homeCard(ctx: FlowContext) {
  const { t, locale, member, partner } = ctx;
  return card({
    header: t('home.header', { alliance: ctx.alliance.name }),
    text: ctx.alliance.ambition,
    fields: [
      ...(member && partner
        ? [{ label: '✓', value: t('home.member', { name: member.name, partner: partner.name }) }]
        : [{ label: '→', value: t('home.notMember') }]),
      ...ctx.available.map((entry) => ({
        label: `/alliance ${words(entry, locale)}`,
        value: entry.spec.describe(locale),
      })),
    ],
    context: [t('home.commands')],
  });
}

export const helpFlow: Flow = {
  id: 'help',
  subcommands: [
    {
      command: 'help',
      describe: (locale) => translator(locale)('command.help'),
      async run(ctx) {
        ctx.reply(helpCard(ctx), { purpose: 'help' });
      },
    },
  ],
  async onHome(ctx) {
    ctx.showHome(await homeWithHealth(ctx, homeCard(ctx)));
  },
};
