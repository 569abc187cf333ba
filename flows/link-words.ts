/**
 * The words of linking a person's Slack and Teams accounts, in Dutch (the default) and
 * English: the code, the answers to a code, the list of linked accounts and unlinking.
 * Typed: the English words mirror the Dutch ones.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'link',
  {
    'link.describe.link': 'je Slack- en Teams-account koppelen',
    'link.describe.remove': 'een gekoppeld account losmaken',
    // How a platform is named: alone, and in "je …-account".
    'link.platform.slack': 'Slack',
    'link.platform.teams': 'Teams',
    'link.platform.local': 'webchat',
    'link.where.slack': 'op Teams',
    'link.where.teams': 'op Slack',
    'link.where.local': 'op Slack of Teams',
    // The code, shown only to the person.
    'link.code.header': 'Je koppelcode',
    'link.code.text': (p: { code: string; where: string; minutes: number; typed: string }) =>
      `Typ ${p.where} binnen ${p.minutes} minuten: ${p.typed}\nDan ben je op beide accounts één persoon in de alliantie: dezelfde kennismaking, dezelfde rollen.`,
    'link.code.context':
      'De code werkt één keer. Alleen jij ziet dit bericht; deel de code met niemand.',
    'link.privateOnly': (p: { word: string }) =>
      `Een koppelcode laat ik alleen in een privégesprek zien. Open een chat met Alliantiebot en typ daar ${p.word}.`,
    // A link made.
    'link.linked.here': (p: { platform: string; alliance: string }) =>
      `Gekoppeld: dit account en je ${p.platform}-account zijn nu één persoon in ${p.alliance}. Je kennismaking en je rollen gelden op allebei.`,
    'link.linked.there': (p: { platform: string; alliance: string; undo: string }) =>
      `Je ${p.platform}-account is nu gekoppeld aan dit account in ${p.alliance}. Was jij dat niet? Typ ${p.undo} om het los te maken.`,
    // A code that does not link.
    'link.error.format': (p: { example: string; word: string }) =>
      `Dat is geen koppelcode: een koppelcode heeft 8 letters en cijfers, zoals ${p.example}. Typ ${p.word} zonder code om er een te krijgen.`,
    'link.error.unknown': (p: { minutes: number; word: string }) =>
      `Die code ken ik niet, of hij is verlopen (een code werkt ${p.minutes} minuten). Typ ${p.word} op je andere account voor een nieuwe code.`,
    'link.error.used': (p: { word: string }) =>
      `Die code is al gebruikt: een code werkt één keer. Typ ${p.word} op je andere account voor een nieuwe code.`,
    'link.error.tooMany': (p: { minutes: number }) =>
      `Te veel verkeerde codes. Probeer het over ${p.minutes} ${p.minutes === 1 ? 'minuut' : 'minuten'} opnieuw.`,
    'link.error.samePlatform': (p: { platform: string }) =>
      `Deze code is gemaakt op ${p.platform}. Typ hem op je account op het andere platform: ik koppel een Slack- en een Teams-account, geen twee ${p.platform}-accounts.`,
    'link.error.otherAlliance': (p: { alliance: string }) =>
      `Deze code hoort niet bij ${p.alliance}. Typ hem in de alliantie waarin je hem kreeg.`,
    'link.error.already': 'Deze accounts zijn al gekoppeld.',
    'link.error.linkedElsewhere': (p: { undo: string }) =>
      `Dit account is al gekoppeld aan een ander account. Maak dat eerst los met ${p.undo} en koppel dan opnieuw.`,
    'link.error.platformTaken': (p: { platform: string; undo: string }) =>
      `Je andere account is al gekoppeld aan een ${p.platform}-account. Maak dat eerst los (${p.undo}) en koppel dan opnieuw.`,
    'link.error.twoMembers': (p: { alliance: string; here: string; there: string }) =>
      `Beide accounts hebben al een eigen kennismaking in ${p.alliance}: ${p.here} en ${p.there}. Twee kennismakingen voeg ik niet samen, dus ik heb niets gekoppeld. Wil je ze toch koppelen? Wis dan eerst op één van beide accounts je gegevens (privacy vergeten) en koppel daarna opnieuw.`,
    'link.member': (p: { name: string; partner: string; platform: string }) =>
      `${p.name} (${p.partner}) op ${p.platform}`,
    // The linked accounts, and unlinking.
    'link.list.header': 'Gekoppelde accounts',
    'link.list.text': (p: { alliance: string; undo: string }) =>
      `In ${p.alliance} ben je op deze accounts één persoon. Typ ${p.undo} om dit account los te maken, of kies hieronder.`,
    'link.list.this': 'dit account',
    'link.list.linked': 'gekoppeld',
    'link.list.remove': (p: { platform: string }) => `${p.platform} losmaken`,
    'link.removed.here': (p: { platforms: string }) =>
      `Losgemaakt: dit account is niet meer gekoppeld aan je ${p.platforms}-account.`,
    'link.removed.other': (p: { platform: string }) =>
      `Losgemaakt: je ${p.platform}-account is niet meer gekoppeld aan dit account.`,
    'link.removed.there': (p: { platform: string }) =>
      `Dit account is niet meer gekoppeld aan je ${p.platform}-account.`,
    'link.removed.member': (p: { platform: string }) =>
      `Je kennismaking blijft bij je ${p.platform}-account.`,
    'link.notLinked': (p: { word: string }) =>
      `Dit account is niet gekoppeld. Typ ${p.word} voor een koppelcode.`,
    'link.notYours': 'Dat account is niet (meer) aan jou gekoppeld.',
  },
  {
    'link.describe.link': 'link your Slack and Teams accounts',
    'link.describe.remove': 'unlink a linked account',
    'link.platform.slack': 'Slack',
    'link.platform.teams': 'Teams',
    'link.platform.local': 'web chat',
    'link.where.slack': 'on Teams',
    'link.where.teams': 'on Slack',
    'link.where.local': 'on Slack or Teams',
    'link.code.header': 'Your link code',
    'link.code.text': (p) =>
      `Within ${p.minutes} minutes, type ${p.where}: ${p.typed}\nThen you are one person in the alliance on both accounts: the same introduction, the same roles.`,
    'link.code.context':
      'The code works once. Only you can see this message; do not share the code with anyone.',
    'link.privateOnly': (p) =>
      `I only show a link code in a private chat. Open a chat with Alliantiebot and type ${p.word} there.`,
    'link.linked.here': (p) =>
      `Linked: this account and your ${p.platform} account are now one person in ${p.alliance}. Your introduction and your roles count on both.`,
    'link.linked.there': (p) =>
      `Your ${p.platform} account is now linked to this account in ${p.alliance}. Was it not you? Type ${p.undo} to unlink it.`,
    'link.error.format': (p) =>
      `That is not a link code: a link code has 8 letters and digits, like ${p.example}. Type ${p.word} without a code to get one.`,
    'link.error.unknown': (p) =>
      `I do not know that code, or it expired (a code works for ${p.minutes} minutes). Type ${p.word} on your other account for a new code.`,
    'link.error.used': (p) =>
      `That code was used already: a code works once. Type ${p.word} on your other account for a new code.`,
    'link.error.tooMany': (p) =>
      `Too many wrong codes. Try again in ${p.minutes} ${p.minutes === 1 ? 'minute' : 'minutes'}.`,
    'link.error.samePlatform': (p) =>
      `This code was made on ${p.platform}. Type it on your account on the other platform: I link a Slack and a Teams account, not two ${p.platform} accounts.`,
    'link.error.otherAlliance': (p) =>
      `This code does not belong to ${p.alliance}. Type it in the alliance where you got it.`,
    'link.error.already': 'These accounts are linked already.',
    'link.error.linkedElsewhere': (p) =>
      `This account is linked to another account already. Unlink that first with ${p.undo}, then link again.`,
    'link.error.platformTaken': (p) =>
      `Your other account is linked to a ${p.platform} account already. Unlink that first (${p.undo}), then link again.`,
    'link.error.twoMembers': (p) =>
      `Both accounts have their own introduction in ${p.alliance} already: ${p.here} and ${p.there}. I do not merge two introductions, so I linked nothing. Still want to link them? Erase your data on one of the two accounts first (privacy forget), then link again.`,
    'link.member': (p) => `${p.name} (${p.partner}) on ${p.platform}`,
    'link.list.header': 'Linked accounts',
    'link.list.text': (p) =>
      `In ${p.alliance} you are one person on these accounts. Type ${p.undo} to unlink this account, or choose below.`,
    'link.list.this': 'this account',
    'link.list.linked': 'linked',
    'link.list.remove': (p) => `Unlink ${p.platform}`,
    'link.removed.here': (p) =>
      `Unlinked: this account is no longer linked to your ${p.platforms} account.`,
    'link.removed.other': (p) =>
      `Unlinked: your ${p.platform} account is no longer linked to this account.`,
    'link.removed.there': (p) => `This account is no longer linked to your ${p.platform} account.`,
    'link.removed.member': (p) => `Your introduction stays with your ${p.platform} account.`,
    'link.notLinked': (p) => `This account is not linked. Type ${p.word} for a link code.`,
    'link.notYours': 'That account is not (or no longer) linked to you.',
  },
);

export type LinkT = ReturnType<typeof words.t>;
