/** English, the second language. Typed against the Dutch catalogue: same keys, same params. */
import type { Catalogue } from './nl.js';

export const en: Catalogue = {
  'common.and': 'and',
  'common.none': 'none',
  'common.unknownPerson': 'someone',

  'help.header': (p) => `What I can do for you in ${p.alliance}`,
  'help.intro':
    'I am the alliance bot: I help partners find each other, share knowledge, keep commitments and celebrate successes together. Type one of these words:',
  'help.context.slack': 'In Slack: /alliance <word>. Elsewhere: send me the word in a message.',
  'help.footer': (p) => `Dutch words work too (${p.other}).`,
  'help.coordinatorOnly': 'coordinators only',

  'help.notYet': (p) => `I cannot do "${p.word}" here yet. Type help to see what I can do.`,

  'home.header': (p) => `Alliantiebot in ${p.alliance}`,
  'home.member': (p) => `You have joined as ${p.name} of ${p.partner}.`,
  'home.notMember': 'You have not joined yet. Type /alliance join to meet the other partners.',
  'home.commands': 'What you can do here',
  'command.help': 'what I can do for you here',
  'command.join': 'sign up and introduce yourself to the alliance',
  'command.invite': 'invite a person or a new party',
  'command.share': 'share a document',
  'command.docs': 'find documents you may see',
  'command.ask': 'ask the alliance for a document',
  'command.toolkit': 'key messages and texts',
  'command.link': 'link your Slack and Teams accounts',
  'command.checkin': 'answer or schedule check-ins',
  'command.commitment': 'register or update a commitment',
  'command.idea': 'propose or co-sign an idea',
  'command.success': 'report a shared success',
  'command.digest': 'the current digest',
  'command.health': 'community health',
  'command.privacy': 'export or erase your data',
  'command.audit': 'the audit trail',

  'errors.internal':
    'Something went wrong on my side. Please try again in a moment; if it keeps failing, tell the coordinator.',
  'errors.not_in_alliance':
    'This conversation is not linked to an alliance (yet). Ask the coordinator to link this channel or workspace.',
  'errors.unknown_command': (p) =>
    `I do not know the word "${p.word}". Type help to see what I can do.`,
  'errors.not_understood': 'I did not understand that. Type help to see what I can do for you.',
  'errors.validation_failed':
    'Not everything is filled in correctly. Check the fields with a message.',
  'errors.permission_denied': (p) =>
    p.roles && p.action
      ? `Only ${p.roles} can ${p.action}.`
      : 'Only a coordinator of this alliance can do that.',
  'errors.busy': 'I am still working on your previous message. Please try again in a moment.',
  'errors.form_expired': 'This form has expired. Start again with join.',
  'errors.rate_limited': 'It is busy right now. I will try again shortly.',
  'errors.platform_permanent': 'I cannot reach this channel (any more).',
  'errors.platform_transient': 'The platform is not answering right now. I will try again.',
  'errors.config_invalid': 'The bot settings are not right. Please tell the administrator.',

  'role.coordinator': 'a coordinator',
  'role.spokesperson': 'a spokesperson',
  'role.member': 'a participant',
  'role.or': 'or',
  'help.onlyFor': (p) => `only ${p.roles}`,
  'help.choose': (p) => `After "${p.word}" you can choose:`,

  'form.required': 'Please fill this in.',
  'form.tooLong': (p) => `At most ${p.max} characters.`,
  'form.invalidUrl': 'Enter a full link starting with https://.',
  'form.invalidDate': 'Enter a date as YYYY-MM-DD.',
  'form.invalidNumber': 'Enter a number.',
  'form.tooSmall': (p) => `At least ${p.min}.`,
  'form.tooLarge': (p) => `At most ${p.max}.`,
  'form.invalidOption': 'Choose one of the options.',
  'form.tooMany': (p) => `Choose at most ${p.max}.`,
  'form.optional': 'optional',
  'form.cancel': 'Cancel',

  'partnerType.provincie': 'Province',
  'partnerType.gemeente': 'Municipality',
  'partnerType.waterschap': 'Water board',
  'partnerType.netbeheerder': 'Grid operator',
  'partnerType.energiebedrijf': 'Energy company',
  'partnerType.woningcorporatie': 'Housing corporation',
  'partnerType.energiecooperatie': 'Energy cooperative',
  'partnerType.rijksoverheid': 'National government',
  'partnerType.kennisinstelling': 'Knowledge institution',
  'partnerType.bedrijf': 'Business',
  'partnerType.maatschappelijke-organisatie': 'Civil society organisation',
  'partnerType.overig': 'Other',

  'language.nl': 'Nederlands',
  'language.en': 'English',

  'local.title': 'Alliantiebot — local chat',
  'local.intro':
    "This is the alliance bot's built-in chat: choose who you are and talk to the bot, privately or in the alliance channel. It works the same in Slack and Teams.",
  'local.whoAreYou': 'Who are you?',
  'local.conversations': 'Conversations',
  'local.direct': 'Private with Alliantiebot',
  'local.messages': 'Messages',
  'local.messageLabel': 'Message',
  'local.send': 'Send',
  'local.placeholder.direct': 'Type for example help or join',
  'local.placeholder.channel': 'Write in the channel; start with @alliantiebot to address the bot',
  'local.onlyYou': 'Only visible to you',
  'local.bot': 'Alliantiebot',
  'local.failed': 'Sending failed. Please try again.',
  'local.empty': 'No messages yet.',

  'delivery.unreachable': (p) =>
    `${p.name}, I cannot send you a private message here (the bot may not reach people of another organisation privately), so my answer to your question did not arrive.${p.mailed ? ' I sent it to your e-mail address.' : ' Ask me in a chat of your own with the bot, or ask the coordinator to send it to you.'}`,
  'delivery.unreachableSubject': (p) => `${p.alliance}: your answer from the alliance bot`,
  'delivery.failed': (p) =>
    `A message from the alliance bot could not be delivered to ${p.destination} (${p.reason}). Check that the bot is still in that channel and that the channel still exists.`,
  'slack.installed': (p) =>
    `Alliantiebot is installed in ${p.team}. Invite the bot into the alliance channel (/invite @Alliantiebot) and ask the coordinator to link the channel.`,
  'slack.installFailed':
    'The installation did not succeed. Please try again from the install page.',
  'slack.installPage.title': 'Installing Alliantiebot in Slack',
  'slack.installPage.done': 'Alliantiebot has been added to Slack',
  'slack.installPage.failed': 'Installation failed',
  'slack.installPage.retry': 'Install again',
  'slack.installPage.refused': 'Installation refused',
  'slack.installRefused': (p) =>
    `Alliantiebot was not installed in ${p.team}: this workspace belongs to none of this bot's alliances. Ask your alliance's coordinator to add the workspace (workspaces in the settings), then try again.`,
  'http.linkGone': 'This link does not work (any more).',
  'http.chartGone': 'This chart has expired or does not exist.',
};
