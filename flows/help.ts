/**
 * Help: what the bot can do for this person, here, in their language. Lists the commands
 * that have a flow in this deployment, with the other language's words as a footnote.
 */
import { COMMAND_WORDS } from '../src/core/commands.js';
import type { CommandName } from '../src/core/events.js';
import { card } from '../src/core/messages.js';
import type { Flow, FlowContext } from '../src/engine/flow.js';

const COORDINATOR_ONLY: readonly CommandName[] = ['invite', 'audit'];

export function helpCard(ctx: FlowContext) {
  const { t, locale } = ctx;
  const other = locale === 'nl' ? 'en' : 'nl';
  const coordinator = ctx.roles.includes('coordinator');
  const commands = ctx.availableCommands.filter(
    (c) => coordinator || !COORDINATOR_ONLY.includes(c),
  );
  return card({
    header: t('help.header', { alliance: ctx.alliance.name }),
    text: t('help.intro'),
    fields: commands.map((c) => ({
      label: COMMAND_WORDS[c][locale],
      value: COORDINATOR_ONLY.includes(c)
        ? `${t(`command.${c}`)} (${t('help.coordinatorOnly')})`
        : t(`command.${c}`),
    })),
    context: [
      t('help.context.slack'),
      t('help.footer', { other: commands.map((c) => COMMAND_WORDS[c][other]).join(', ') }),
    ],
  });
}

/** The person's own page of the bot: their alliance, whether they joined, what they can do. */
export function homeCard(ctx: FlowContext) {
  const { t, locale, member, partner } = ctx;
  const coordinator = ctx.roles.includes('coordinator');
  const commands = ctx.availableCommands.filter(
    (c) => coordinator || !COORDINATOR_ONLY.includes(c),
  );
  return card({
    header: t('home.header', { alliance: ctx.alliance.name }),
    text: ctx.alliance.ambition,
    fields: [
      ...(member && partner
        ? [{ label: '✓', value: t('home.member', { name: member.name, partner: partner.name }) }]
        : [{ label: '→', value: t('home.notMember') }]),
      ...commands.map((c) => ({
        label: `/alliance ${COMMAND_WORDS[c][locale]}`,
        value: t(`command.${c}`),
      })),
    ],
    context: [t('home.commands')],
  });
}

export const helpFlow: Flow = {
  id: 'help',
  commands: ['help'],
  async onCommand(ctx) {
    ctx.reply(helpCard(ctx));
  },
  async onHome(ctx) {
    ctx.showHome(homeCard(ctx));
  },
};
