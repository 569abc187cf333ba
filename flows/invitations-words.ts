/**
 * The words of invitations, in Dutch (the default) and English: the two forms, what the
 * coordinator hears, the invitation a person gets on their platform or by e-mail, and the
 * announcement of a new organisation. Typed: the English words mirror the Dutch ones.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'invitations',
  {
    'invitations.describe.person': 'iemand uitnodigen',
    'invitations.describe.party': 'een nieuwe organisatie uitnodigen',
    // The coordinator's forms.
    'invitations.form.title': 'Iemand uitnodigen',
    'invitations.form.intro':
      'Ik stuur de uitnodiging op Slack of Teams als ik de persoon daar kan vinden, en anders per e-mail.',
    'invitations.form.submit': 'Uitnodigen',
    'invitations.party.title': 'Nieuwe organisatie uitnodigen',
    'invitations.party.intro':
      'De organisatie wordt meteen partner van de alliantie; de contactpersoon krijgt een uitnodiging en de alliantiekanalen horen dat de organisatie is uitgenodigd.',
    'invitations.party.submit': 'Uitnodigen',
    'invitations.field.name': 'Naam',
    'invitations.field.email': 'E-mailadres',
    'invitations.field.organisation': 'Organisatie',
    'invitations.field.organisation.new': 'Een nieuwe organisatie (vul hieronder in)',
    'invitations.field.newOrganisation': 'Naam van de nieuwe organisatie',
    'invitations.field.newOrganisation.hint':
      'Alleen als je hierboven een nieuwe organisatie koos.',
    'invitations.field.organisationType': 'Soort organisatie',
    'invitations.field.organisationType.hint': 'Alleen voor een nieuwe organisatie.',
    'invitations.field.partyName': 'Naam van de organisatie',
    'invitations.field.contactName': 'Naam van de contactpersoon',
    'invitations.field.contactEmail': 'E-mailadres van de contactpersoon',
    'invitations.field.language': 'Taal van de uitnodiging',
    'invitations.error.email': 'Vul een geldig e-mailadres in, zoals naam@organisatie.nl.',
    'invitations.error.partnerGone': 'Deze partner bestaat niet meer; kies een andere.',
    'invitations.error.alreadyPartner': (p: { partner: string }) =>
      `${p.partner} is al partner. Nodig de contactpersoon uit met uitnodigen.`,
    // What the coordinator hears.
    'invitations.sent.platform': (p: { name: string; organisation: string; platform: string }) =>
      `Uitnodiging verstuurd aan ${p.name} (${p.organisation}), op ${p.platform}.`,
    'invitations.sent.email': (p: { name: string; organisation: string; email: string }) =>
      `Ik vind ${p.name} (${p.organisation}) niet op Slack of Teams; de uitnodiging gaat per e-mail naar ${p.email}. Lukt dat niet, dan hoor je het van me.`,
    'invitations.sent.none': (p: { name: string; email: string }) =>
      `De uitnodiging aan ${p.name} is niet bezorgd: ik vind ${p.email} niet op Slack of Teams in de werkruimtes van de alliantie, en e-mail staat uit (SMTP_URL is niet ingesteld). Stuur ${p.name} zelf een bericht om de bot te openen en aanmelden te typen, of vraag de beheerder e-mail in te stellen.`,
    'invitations.sent.member': (p: { name: string; partner: string }) =>
      `${p.name} doet al mee in de alliantie (namens ${p.partner}); ik heb geen uitnodiging gestuurd.`,
    'invitations.sent.newPartner': (p: { organisation: string }) =>
      `${p.organisation} is nu partner van de alliantie en aangekondigd in de alliantiekanalen.`,
    'invitations.mail.failed': (p: { name: string; email: string; reason: string }) =>
      `De uitnodigingsmail aan ${p.name} (${p.email}) is niet bezorgd. De mailserver antwoordde: ${p.reason}. Controleer het adres en nodig opnieuw uit.`,
    'invitations.mail.gaveUp': (p: {
      name: string;
      email: string;
      attempts: number;
      reason: string;
    }) =>
      `De uitnodigingsmail aan ${p.name} (${p.email}) kon na ${p.attempts} pogingen niet worden verstuurd (${p.reason}). Probeer het later opnieuw.`,
    // The invitation itself, in the invitee's language.
    'invitations.card.header': (p: { alliance: string }) => `Uitnodiging voor ${p.alliance}`,
    'invitations.card.text': (p: {
      name: string;
      coordinator: string;
      organisation: string;
      alliance: string;
    }) =>
      `Hallo ${p.name}, ${p.coordinator} nodigt je uit om namens ${p.organisation} mee te doen in ${p.alliance}. Partners werken hier samen aan één ambitie, terwijl ieder zijn eigen belangen houdt. Maak kennis, dan stel ik je voor aan de andere partners.`,
    'invitations.card.ambition': 'Onze gedeelde ambitie',
    'invitations.card.rules': 'Huisregels',
    'invitations.card.start': 'Start de kennismaking',
    'invitations.card.context': (p: { organisation: string }) =>
      `Vul bij organisatie ‘${p.organisation}’ in. Alleen jij ziet dit bericht.`,
    'invitations.mail.subject': (p: { alliance: string }) =>
      `Uitnodiging: doe mee in ${p.alliance}`,
    'invitations.mail.heading': (p: { alliance: string }) => `Welkom bij ${p.alliance}`,
    'invitations.mail.hello': (p: { name: string }) => `Hallo ${p.name},`,
    'invitations.mail.text': (p: { coordinator: string; organisation: string; alliance: string }) =>
      `${p.coordinator} nodigt je uit om namens ${p.organisation} mee te doen in ${p.alliance}: een samenwerking van organisaties die één ambitie delen en ieder hun eigen belangen houden.`,
    'invitations.mail.howTo': 'Zo doe je mee',
    'invitations.mail.slack':
      'In Slack: open het alliantiekanaal (via je eigen werkruimte of een uitnodiging van de coördinator) en typ /alliance aanmelden.',
    'invitations.mail.teams':
      'In Microsoft Teams: open het gedeelde alliantiekanaal, noem @Alliantiebot en typ aanmelden.',
    'invitations.mail.local': 'In de webchat van de alliantie: kies je naam en typ aanmelden.',
    'invitations.mail.noPlatform': 'Vraag de coördinator hoe je aansluit.',
    'invitations.mail.organisation': (p: { organisation: string }) =>
      `Vul bij organisatie ‘${p.organisation}’ in; daarna stel ik je voor aan de andere partners.`,
    'invitations.mail.footer': (p: { coordinator: string; alliance: string }) =>
      `Je krijgt deze e-mail omdat ${p.coordinator}, coördinator van ${p.alliance}, je heeft uitgenodigd. Wil je niet meedoen, dan hoef je niets te doen.`,
    // In the alliance channels.
    'invitations.party.announcement': (p: {
      organisation: string;
      type: string;
      alliance: string;
    }) =>
      `${p.organisation} (${p.type.toLowerCase()}) is uitgenodigd om mee te doen in ${p.alliance}. Zodra hun eerste mensen zich aanmelden, stel ik ze hier voor.`,
    'invitations.platform.slack': 'Slack',
    'invitations.platform.teams': 'Microsoft Teams',
    'invitations.platform.local': 'de webchat',
  },
  {
    'invitations.describe.person': 'invite someone',
    'invitations.describe.party': 'invite a new organisation',
    'invitations.form.title': 'Invite someone',
    'invitations.form.intro':
      'I send the invitation on Slack or Teams when I can find the person there, and by e-mail otherwise.',
    'invitations.form.submit': 'Invite',
    'invitations.party.title': 'Invite a new organisation',
    'invitations.party.intro':
      'The organisation becomes a partner of the alliance right away; its contact gets an invitation and the alliance channels hear that the organisation was invited.',
    'invitations.party.submit': 'Invite',
    'invitations.field.name': 'Name',
    'invitations.field.email': 'E-mail address',
    'invitations.field.organisation': 'Organisation',
    'invitations.field.organisation.new': 'A new organisation (fill in below)',
    'invitations.field.newOrganisation': 'Name of the new organisation',
    'invitations.field.newOrganisation.hint': 'Only if you chose a new organisation above.',
    'invitations.field.organisationType': 'Type of organisation',
    'invitations.field.organisationType.hint': 'Only for a new organisation.',
    'invitations.field.partyName': 'Name of the organisation',
    'invitations.field.contactName': 'Name of the contact',
    'invitations.field.contactEmail': 'E-mail address of the contact',
    'invitations.field.language': 'Language of the invitation',
    'invitations.error.email': 'Enter a valid e-mail address, such as name@organisation.org.',
    'invitations.error.partnerGone': 'This partner no longer exists; choose another.',
    'invitations.error.alreadyPartner': (p) =>
      `${p.partner} is a partner already. Invite its contact with invite.`,
    'invitations.sent.platform': (p) =>
      `Invitation sent to ${p.name} (${p.organisation}), on ${p.platform}.`,
    'invitations.sent.email': (p) =>
      `I cannot find ${p.name} (${p.organisation}) on Slack or Teams; the invitation goes by e-mail to ${p.email}. If that fails, I will tell you.`,
    'invitations.sent.none': (p) =>
      `The invitation to ${p.name} was not delivered: I cannot find ${p.email} on Slack or Teams in the alliance's workspaces, and e-mail is off (SMTP_URL is not set). Ask ${p.name} yourself to open the bot and type join, or ask the administrator to set up e-mail.`,
    'invitations.sent.member': (p) =>
      `${p.name} is already in the alliance (for ${p.partner}); I sent no invitation.`,
    'invitations.sent.newPartner': (p) =>
      `${p.organisation} is now a partner of the alliance and was announced in the alliance channels.`,
    'invitations.mail.failed': (p) =>
      `The invitation e-mail to ${p.name} (${p.email}) was not delivered. The mail server answered: ${p.reason}. Check the address and invite again.`,
    'invitations.mail.gaveUp': (p) =>
      `The invitation e-mail to ${p.name} (${p.email}) could not be sent after ${p.attempts} attempts (${p.reason}). Please try again later.`,
    'invitations.card.header': (p) => `Invitation to ${p.alliance}`,
    'invitations.card.text': (p) =>
      `Hello ${p.name}, ${p.coordinator} invites you to join ${p.alliance} on behalf of ${p.organisation}. Partners here work towards one ambition while each keeps its own interests. Introduce yourself, and I will introduce you to the other partners.`,
    'invitations.card.ambition': 'Our shared ambition',
    'invitations.card.rules': 'House rules',
    'invitations.card.start': 'Start the introduction',
    'invitations.card.context': (p) =>
      `Fill in ‘${p.organisation}’ as your organisation. Only you can see this message.`,
    'invitations.mail.subject': (p) => `Invitation: join ${p.alliance}`,
    'invitations.mail.heading': (p) => `Welcome to ${p.alliance}`,
    'invitations.mail.hello': (p) => `Hello ${p.name},`,
    'invitations.mail.text': (p) =>
      `${p.coordinator} invites you to join ${p.alliance} on behalf of ${p.organisation}: a collaboration of organisations that share one ambition while each keeps its own interests.`,
    'invitations.mail.howTo': 'How to join',
    'invitations.mail.slack':
      'In Slack: open the alliance channel (through your own workspace or an invitation from the coordinator) and type /alliance join.',
    'invitations.mail.teams':
      'In Microsoft Teams: open the shared alliance channel, mention @Alliantiebot and type join.',
    'invitations.mail.local': "In the alliance's web chat: choose your name and type join.",
    'invitations.mail.noPlatform': 'Ask the coordinator how to join.',
    'invitations.mail.organisation': (p) =>
      `Fill in ‘${p.organisation}’ as your organisation; then I will introduce you to the other partners.`,
    'invitations.mail.footer': (p) =>
      `You receive this e-mail because ${p.coordinator}, coordinator of ${p.alliance}, invited you. If you do not want to take part, there is nothing you need to do.`,
    'invitations.party.announcement': (p) =>
      `${p.organisation} (${p.type.toLowerCase()}) has been invited to join ${p.alliance}. As soon as their first people join, I will introduce them here.`,
    'invitations.platform.slack': 'Slack',
    'invitations.platform.teams': 'Microsoft Teams',
    'invitations.platform.local': 'the web chat',
  },
);

/** Invitations' translator: its own words and the shared ones. */
export type InvitationsT = ReturnType<typeof words.t>;
