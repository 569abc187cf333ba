/**
 * The words of the personal digest (`overzicht kiezen` / `digest choose`), in Dutch (the
 * default) and English: the form, its answers and refusals, the e-mail's own lines, and what a
 * person or the coordinators hear when an address bounces.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'digest',
  {
    'digest.personal.describe':
      'kiezen of je het weekoverzicht zelf krijgt, als bericht of per e-mail',
    'digest.personal.title': 'Weekoverzicht voor jezelf',
    'digest.personal.intro':
      'Het weekoverzicht komt in de kanalen van de alliantie. Wil je het ook zelf krijgen, met de documenten die jij mag zien? Kies hoe.',
    'digest.personal.submit': 'Opslaan',
    'digest.personal.field.via': 'Hoe wil je het krijgen?',
    'digest.personal.via.none': 'Niet apart (alleen in de kanalen)',
    'digest.personal.via.dm': 'Als direct bericht van de bot',
    'digest.personal.via.email': 'Per e-mail',
    'digest.personal.field.email': 'E-mailadres',
    'digest.personal.field.email.hint': 'alleen nodig als je per e-mail kiest',
    'digest.personal.error.email': 'Dit is geen e-mailadres. Voorbeeld: naam@organisatie.nl',
    'digest.personal.error.noMail':
      'E-mail staat in deze installatie uit: de beheerder heeft geen SMTP_URL ingesteld. Kies een direct bericht.',
    'digest.personal.done.none':
      'Je krijgt het weekoverzicht niet meer apart; het blijft in de kanalen van de alliantie staan.',
    'digest.personal.done.dm':
      'Je krijgt het weekoverzicht voortaan ook als direct bericht, met de documenten die jij mag zien.',
    'digest.personal.done.email': (p: { email: string }) =>
      `Je krijgt het weekoverzicht voortaan ook per e-mail op ${p.email}, met de documenten die jij mag zien.`,
    'digest.personal.current.none': 'Nu: niet apart.',
    'digest.personal.current.dm': 'Nu: als direct bericht.',
    'digest.personal.current.email': (p: { email: string }) => `Nu: per e-mail op ${p.email}.`,
    'digest.personal.current.bounced': (p: { email: string }) =>
      `Nu: per e-mail op ${p.email}, maar dat adres werkt niet (de mailserver weigerde het).`,
    'digest.personal.context':
      'Je krijgt dit omdat je het weekoverzicht zelf wilt krijgen. Typ overzicht kiezen om dat te veranderen.',
    'digest.personal.mail.links': 'Links naar de documenten',
    'digest.personal.mail.chart': 'Grafiek',
    'digest.personal.mail.footer.chosen':
      'Je krijgt deze e-mail omdat je koos voor het weekoverzicht per e-mail. Typ overzicht kiezen aan de bot om dat te veranderen.',
    'digest.personal.mail.footer.invited': (p: { alliance: string }) =>
      `Je krijgt deze e-mail omdat je per e-mail bent uitgenodigd voor ${p.alliance}. Wil je hem niet meer? Gebruik de link hieronder.`,
    'digest.personal.mail.unsubscribe': 'Geen weekoverzicht meer per e-mail',
    'digest.unsubscribe.title': (p: { alliance: string }) => `Weekoverzicht van ${p.alliance}`,
    'digest.unsubscribe.ask': (p: { email: string }) =>
      `Wil je het weekoverzicht niet meer per e-mail krijgen op ${p.email}?`,
    'digest.unsubscribe.button': 'Stop het weekoverzicht per e-mail',
    'digest.unsubscribe.done': (p: { email: string }) =>
      `Je krijgt het weekoverzicht niet meer per e-mail op ${p.email}.`,
    'digest.unsubscribe.gone': 'Deze link werkt niet (meer).',
    'digest.stop.describe': 'het weekoverzicht per e-mail stoppen voor een adres',
    'digest.stop.usage':
      'Welk adres? Typ overzicht stoppen <e-mailadres>, bijvoorbeeld overzicht stoppen eva@organisatie.nl.',
    'digest.stop.done': (p: { email: string }) =>
      `${p.email} krijgt het weekoverzicht niet meer per e-mail. Wie zelf voor e-mail koos, kan dat opnieuw kiezen met overzicht kiezen.`,
    'digest.stop.none': (p: { email: string }) =>
      `Niemand krijgt het weekoverzicht per e-mail op ${p.email}: er is niets te stoppen.`,
    'digest.personal.bounced.person': (p: { email: string; reason: string }) =>
      `Het weekoverzicht per e-mail aan ${p.email} kwam niet aan: de mailserver weigerde het adres (${p.reason}). We sturen er niets meer heen. Typ overzicht kiezen om een ander adres of een direct bericht te kiezen.`,
    'digest.personal.bounced.coordinator': (p: { email: string; reason: string }) =>
      `Het weekoverzicht per e-mail aan ${p.email} (per e-mail uitgenodigd) kwam niet aan: de mailserver weigerde het adres (${p.reason}). We sturen er niets meer heen. Nodig de persoon opnieuw uit met een ander adres.`,
  },
  {
    'digest.personal.describe':
      'choose to get the weekly digest yourself, as a message or by e-mail',
    'digest.personal.title': 'Weekly digest for you',
    'digest.personal.intro':
      "The weekly digest is posted in the alliance's channels. Would you like to get it yourself too, with the documents you may see? Choose how.",
    'digest.personal.submit': 'Save',
    'digest.personal.field.via': 'How would you like to get it?',
    'digest.personal.via.none': 'Not separately (only in the channels)',
    'digest.personal.via.dm': 'As a direct message from the bot',
    'digest.personal.via.email': 'By e-mail',
    'digest.personal.field.email': 'E-mail address',
    'digest.personal.field.email.hint': 'only needed when you choose e-mail',
    'digest.personal.error.email': 'This is not an e-mail address. Example: name@organisation.org',
    'digest.personal.error.noMail':
      'E-mail is off in this installation: the administrator has not set SMTP_URL. Choose a direct message.',
    'digest.personal.done.none':
      "You will no longer get the weekly digest separately; it stays in the alliance's channels.",
    'digest.personal.done.dm':
      'From now on you also get the weekly digest as a direct message, with the documents you may see.',
    'digest.personal.done.email': (p) =>
      `From now on you also get the weekly digest by e-mail at ${p.email}, with the documents you may see.`,
    'digest.personal.current.none': 'Now: not separately.',
    'digest.personal.current.dm': 'Now: as a direct message.',
    'digest.personal.current.email': (p) => `Now: by e-mail at ${p.email}.`,
    'digest.personal.current.bounced': (p) =>
      `Now: by e-mail at ${p.email}, but that address does not work (the mail server refused it).`,
    'digest.personal.context':
      'You get this because you chose to get the weekly digest yourself. Type digest choose to change that.',
    'digest.personal.mail.links': 'Links to the documents',
    'digest.personal.mail.chart': 'Chart',
    'digest.personal.mail.footer.chosen':
      'You get this e-mail because you chose the weekly digest by e-mail. Type digest choose to the bot to change that.',
    'digest.personal.mail.footer.invited': (p) =>
      `You get this e-mail because you were invited to ${p.alliance} by e-mail. No longer want it? Use the link below.`,
    'digest.personal.mail.unsubscribe': 'Stop the weekly digest e-mails',
    'digest.unsubscribe.title': (p) => `Weekly digest of ${p.alliance}`,
    'digest.unsubscribe.ask': (p) =>
      `Would you like to stop getting the weekly digest by e-mail at ${p.email}?`,
    'digest.unsubscribe.button': 'Stop the weekly digest e-mails',
    'digest.unsubscribe.done': (p) =>
      `You will no longer get the weekly digest by e-mail at ${p.email}.`,
    'digest.unsubscribe.gone': 'This link does not work (any more).',
    'digest.stop.describe': 'stop the weekly digest e-mails to an address',
    'digest.stop.usage':
      'Which address? Type digest stop <e-mail address>, for example digest stop eva@organisation.org.',
    'digest.stop.done': (p) =>
      `${p.email} will no longer get the weekly digest by e-mail. Someone who chose e-mail themselves can choose it again with digest choose.`,
    'digest.stop.none': (p) =>
      `Nobody gets the weekly digest by e-mail at ${p.email}: there is nothing to stop.`,
    'digest.personal.bounced.person': (p) =>
      `The weekly digest by e-mail to ${p.email} did not arrive: the mail server refused the address (${p.reason}). We send nothing there any more. Type digest choose to choose another address or a direct message.`,
    'digest.personal.bounced.coordinator': (p) =>
      `The weekly digest by e-mail to ${p.email} (invited by e-mail) did not arrive: the mail server refused the address (${p.reason}). We send nothing there any more. Invite the person again with another address.`,
  },
);

export type PersonalT = ReturnType<typeof words.t>;
