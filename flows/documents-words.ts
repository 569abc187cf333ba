/**
 * The words of documents, in Dutch (the default) and English: the share, level and ask forms
 * with their errors, the announcement cards, the lists, the owner's card and the reminder.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'documents',
  {
    'documents.describe.share': 'een document delen',
    'documents.describe.list': 'documenten zoeken die je mag zien',
    'documents.describe.mine': 'je eigen gedeelde documenten beheren',
    'documents.describe.ask': 'de alliantie om een document vragen',
    'documents.describe.change': 'het niveau van je document wijzigen',
    'documents.describe.withdraw': 'je document intrekken',
    'documents.describe.answer': 'een vraag om een document beantwoorden',
    // The share form.
    'documents.form.title': 'Een document delen',
    'documents.form.intro':
      'Deel een link naar een document met de alliantie. Jij kiest wie het mag zien; alleen zij vinden het en krijgen het te zien.',
    'documents.form.introAnswer': (p: { name: string; what: string }) =>
      `In antwoord op de vraag van ${p.name}: “${p.what}”.`,
    'documents.form.submit': 'Delen',
    'documents.field.title': 'Titel',
    'documents.field.link': 'Link (https://…)',
    'documents.field.summary': 'Korte samenvatting',
    'documents.field.topics': 'Onderwerpen',
    'documents.field.level': 'Wie mag het zien?',
    'documents.field.level.hint': (p: { core: string }) =>
      `Openbaar: mag ook buiten de alliantie. Alliantie: alle partners. Kernteam: ${p.core}. Alleen genoemde partners: jouw organisatie en de partners die je hieronder kiest.`,
    'documents.field.level.hintNoPartner':
      'Zolang je aanmelding niet af is (je hoort nog niet bij een partner), kun je openbaar of voor de hele alliantie delen.',
    'documents.field.partners': 'Genoemde partners',
    'documents.field.partners.hint':
      'Alleen bij “Alleen genoemde partners”. Je eigen organisatie ziet het altijd.',
    'documents.field.reviewOn': 'Herzien op',
    'documents.field.reviewOn.hint': 'Op die dag vraag ik je of het niveau nog klopt (JJJJ-MM-DD).',
    'documents.error.levelCore': (p: { core: string }) =>
      `Voor het kernteam kan alleen iemand van een kernteampartner delen (${p.core}). Kies een ander niveau.`,
    'documents.error.levelNoPartner':
      'Je hoort nog niet bij een partner (doe eerst “aanmelden”): kies openbaar of alliantie.',
    'documents.error.partnerUnknown': (p: { name: string }) =>
      `“${p.name}” is geen partner van deze alliantie. Kies partners uit de lijst.`,
    'documents.error.reviewPast': 'Kies een datum na vandaag.',
    'documents.error.askerCannotSee': (p: { name: string }) =>
      `${p.name} vroeg om dit document maar mag dit niveau niet zien. Kies een niveau dat ${p.name} mag zien.`,
    // Levels.
    'documents.level.public': 'Openbaar',
    'documents.level.alliance': 'Alliantie (alle partners)',
    'documents.level.core': 'Kernteam',
    'documents.level.partners': 'Alleen genoemde partners',
    'documents.level.partnersWith': (p: { partners: string }) => `Alleen ${p.partners}`,
    'documents.level.coreWith': (p: { partners: string }) => `Kernteam (${p.partners})`,
    'documents.level.noCore': 'er is geen kernteam ingesteld',
    // Cards.
    'documents.card.header': (p: { title: string }) => `Gedeeld document: ${p.title}`,
    'documents.card.open': 'Openen',
    'documents.card.topics': 'Onderwerpen',
    'documents.card.level': 'Wie mag het zien',
    'documents.card.reviewOn': 'Herzien op',
    'documents.card.by': (p: { name: string; partner: string; date: string }) =>
      `Gedeeld door ${p.name} (${p.partner}) op ${p.date}`,
    'documents.card.byNoPartner': (p: { name: string; date: string }) =>
      `Gedeeld door ${p.name} op ${p.date}`,
    'documents.card.answers': (p: { name: string }) => `In antwoord op de vraag van ${p.name}`,
    'documents.card.gone': 'Dit document wordt hier niet meer gedeeld.',
    'documents.card.withdrawn': 'Dit document is ingetrokken door wie het deelde.',
    // The owner's card and answers.
    'documents.done': (p: { title: string }) => `Dank je, “${p.title}” is gedeeld.`,
    'documents.owner.header': (p: { title: string }) => `Je deelde: ${p.title}`,
    'documents.owner.reach': (p: { channels: number; people: number }) =>
      `Aangekondigd in ${p.channels} ${p.channels === 1 ? 'kanaal' : 'kanalen'} en persoonlijk aan ${p.people} ${p.people === 1 ? 'persoon' : 'mensen'}.`,
    'documents.owner.change': 'Niveau of gegevens wijzigen',
    'documents.owner.withdraw': 'Intrekken',
    'documents.owner.withdrawnCard': (p: { title: string }) =>
      `Je hebt “${p.title}” ingetrokken: niemand vindt het nog, en de aankondigingen zeggen dat het is ingetrokken.`,
    'documents.owner.changed': (p: { title: string; level: string }) =>
      `“${p.title}” is nu zichtbaar voor: ${p.level}. De aankondigingen zijn aangepast.`,
    'documents.owner.answered': (p: { name: string }) =>
      `${p.name} hoort dat je de vraag hebt beantwoord.`,
    'documents.notFound': 'Dat document bestaat niet (meer).',
    'documents.notYours':
      'Alleen wie een document deelde, kan het niveau wijzigen of het intrekken.',
    'documents.editForm.title': 'Document wijzigen',
    'documents.editForm.intro': (p: { title: string }) =>
      `Wie mag “${p.title}” zien, en klopt de rest nog? De aankondigingen worden aangepast: wie het niet meer mag zien, ziet alleen dat het daar niet meer gedeeld wordt.`,
    'documents.editForm.submit': 'Opslaan',
    // Lists.
    'documents.list.header': (p: { count: number }) => `Documenten die jij mag zien (${p.count})`,
    'documents.list.headerFor': (p: { words: string; count: number }) =>
      `Documenten voor “${p.words}” (${p.count})`,
    'documents.list.none':
      'Er zijn nog geen documenten die jij mag zien. Deel er zelf een met “deel”.',
    'documents.list.noMatch': (p: { words: string }) =>
      `Geen documenten gevonden voor “${p.words}”. Vraag de alliantie erom met “vraag ${p.words}”.`,
    'documents.list.more': (p: { count: number }) =>
      `En nog ${p.count} meer: zoek gerichter met “documenten <woorden>”.`,
    'documents.mine.none': 'Je hebt geen gedeelde documenten (meer).',
    'documents.mine.header': (p: { count: number }) => `Jouw gedeelde documenten (${p.count})`,
    // Asking.
    'documents.ask.title': 'Vraag om een document',
    'documents.ask.intro':
      'Waar ben je naar op zoek? Je vraag komt in de alliantiekanalen; wie het heeft, kan het met één knop delen.',
    'documents.ask.field.what': 'Wat zoek je?',
    'documents.ask.submit': 'Vragen',
    'documents.ask.header': (p: { name: string }) => `${p.name} zoekt een document`,
    'documents.ask.answerButton': 'Ik heb er een',
    'documents.ask.context':
      'Heb je het? Druk op de knop om het te delen; je kiest zelf wie het mag zien.',
    'documents.ask.answeredBy': (p: { names: string }) => `Beantwoord door ${p.names}. Dank je!`,
    'documents.ask.posted': (p: { channels: number }) =>
      `Je vraag staat in ${p.channels} ${p.channels === 1 ? 'alliantiekanaal' : 'alliantiekanalen'}. Je hoort het van me zodra iemand een document deelt.`,
    'documents.ask.nowhere':
      'Er is geen alliantiekanaal gekoppeld waar ik je vraag kan stellen; vraag de coördinator er een te koppelen.',
    'documents.ask.answered': (p: { name: string; title: string }) =>
      `${p.name} deelde een document op je vraag: ${p.title}`,
    'documents.ask.gone': 'Deze vraag bestaat niet (meer).',
    // The review reminder.
    'documents.review.text': (p: { title: string; level: string }) =>
      `Je vroeg me vandaag na te gaan of “${p.title}” nog zo gedeeld moet worden. Nu ziet het: ${p.level}. Klopt dat nog? Wijzig het niveau of trek het in; anders blijft alles zoals het is.`,
  },
  {
    'documents.describe.share': 'share a document',
    'documents.describe.list': 'find documents you may see',
    'documents.describe.mine': 'manage the documents you shared',
    'documents.describe.ask': 'ask the alliance for a document',
    'documents.describe.change': "change your document's level",
    'documents.describe.withdraw': 'withdraw your document',
    'documents.describe.answer': 'answer a request for a document',
    'documents.form.title': 'Share a document',
    'documents.form.intro':
      'Share a link to a document with the alliance. You choose who may see it; only they find it and are shown it.',
    'documents.form.introAnswer': (p) => `In answer to ${p.name}'s request: “${p.what}”.`,
    'documents.form.submit': 'Share',
    'documents.field.title': 'Title',
    'documents.field.link': 'Link (https://…)',
    'documents.field.summary': 'Short summary',
    'documents.field.topics': 'Topics',
    'documents.field.level': 'Who may see it?',
    'documents.field.level.hint': (p) =>
      `Public: may go beyond the alliance. Alliance: every partner. Core team: ${p.core}. Named partners only: your organisation and the partners you choose below.`,
    'documents.field.level.hintNoPartner':
      'Until your intake is done (you do not belong to a partner yet), you can share publicly or with the whole alliance.',
    'documents.field.partners': 'Named partners',
    'documents.field.partners.hint':
      'Only with “Named partners only”. Your own organisation always sees it.',
    'documents.field.reviewOn': 'Review on',
    'documents.field.reviewOn.hint':
      'On that day I will ask you whether the level is still right (YYYY-MM-DD).',
    'documents.error.levelCore': (p) =>
      `Only someone of a core-team partner can share for the core team (${p.core}). Choose another level.`,
    'documents.error.levelNoPartner':
      'You do not belong to a partner yet (do “join” first): choose public or alliance.',
    'documents.error.partnerUnknown': (p) =>
      `“${p.name}” is not a partner of this alliance. Choose partners from the list.`,
    'documents.error.reviewPast': 'Choose a date after today.',
    'documents.error.askerCannotSee': (p) =>
      `${p.name} asked for this document but may not see this level. Choose a level ${p.name} may see.`,
    'documents.level.public': 'Public',
    'documents.level.alliance': 'Alliance (every partner)',
    'documents.level.core': 'Core team',
    'documents.level.partners': 'Named partners only',
    'documents.level.partnersWith': (p) => `Only ${p.partners}`,
    'documents.level.coreWith': (p) => `Core team (${p.partners})`,
    'documents.level.noCore': 'no core team is set up',
    'documents.card.header': (p) => `Shared document: ${p.title}`,
    'documents.card.open': 'Open',
    'documents.card.topics': 'Topics',
    'documents.card.level': 'Who may see it',
    'documents.card.reviewOn': 'Review on',
    'documents.card.by': (p) => `Shared by ${p.name} (${p.partner}) on ${p.date}`,
    'documents.card.byNoPartner': (p) => `Shared by ${p.name} on ${p.date}`,
    'documents.card.answers': (p) => `In answer to ${p.name}'s request`,
    'documents.card.gone': 'This document is no longer shared here.',
    'documents.card.withdrawn': 'This document was withdrawn by the person who shared it.',
    'documents.done': (p) => `Thank you, “${p.title}” has been shared.`,
    'documents.owner.header': (p) => `You shared: ${p.title}`,
    'documents.owner.reach': (p) =>
      `Announced in ${p.channels} ${p.channels === 1 ? 'channel' : 'channels'} and to ${p.people} ${p.people === 1 ? 'person' : 'people'} privately.`,
    'documents.owner.change': 'Change level or details',
    'documents.owner.withdraw': 'Withdraw',
    'documents.owner.withdrawnCard': (p) =>
      `You withdrew “${p.title}”: nobody finds it any more, and the announcements say it was withdrawn.`,
    'documents.owner.changed': (p) =>
      `“${p.title}” can now be seen by: ${p.level}. The announcements were updated.`,
    'documents.owner.answered': (p) => `${p.name} hears that you answered the request.`,
    'documents.notFound': 'That document does not exist (any more).',
    'documents.notYours':
      'Only the person who shared a document can change its level or withdraw it.',
    'documents.editForm.title': 'Change document',
    'documents.editForm.intro': (p) =>
      `Who may see “${p.title}”, and is the rest still right? The announcements are updated: those who may no longer see it only see that it is no longer shared there.`,
    'documents.editForm.submit': 'Save',
    'documents.list.header': (p) => `Documents you may see (${p.count})`,
    'documents.list.headerFor': (p) => `Documents for “${p.words}” (${p.count})`,
    'documents.list.none': 'There are no documents you may see yet. Share one with “share”.',
    'documents.list.noMatch': (p) =>
      `No documents found for “${p.words}”. Ask the alliance for one with “ask ${p.words}”.`,
    'documents.list.more': (p) => `And ${p.count} more: search more narrowly with “docs <words>”.`,
    'documents.mine.none': 'You have no shared documents (any more).',
    'documents.mine.header': (p) => `Your shared documents (${p.count})`,
    'documents.ask.title': 'Ask for a document',
    'documents.ask.intro':
      'What are you looking for? Your request goes to the alliance channels; whoever has it can share it with one button.',
    'documents.ask.field.what': 'What are you looking for?',
    'documents.ask.submit': 'Ask',
    'documents.ask.header': (p) => `${p.name} is looking for a document`,
    'documents.ask.answerButton': 'I have one',
    'documents.ask.context': 'Have it? Press the button to share it; you choose who may see it.',
    'documents.ask.answeredBy': (p) => `Answered by ${p.names}. Thank you!`,
    'documents.ask.posted': (p) =>
      `Your request is in ${p.channels} alliance ${p.channels === 1 ? 'channel' : 'channels'}. I will tell you as soon as someone shares a document.`,
    'documents.ask.nowhere':
      'No alliance channel is linked where I can ask; ask the coordinator to link one.',
    'documents.ask.answered': (p) =>
      `${p.name} shared a document in answer to your request: ${p.title}`,
    'documents.ask.gone': 'This request does not exist (any more).',
    'documents.review.text': (p) =>
      `You asked me to check today whether “${p.title}” should still be shared this way. Now it is seen by: ${p.level}. Is that still right? Change the level or withdraw it; otherwise everything stays as it is.`,
  },
);
export type DocumentsT = ReturnType<typeof words.t>;
