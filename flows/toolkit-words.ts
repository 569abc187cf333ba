/**
 * The words of the toolkit, in Dutch (the default) and English: the overview and the item
 * cards partners copy texts from, the coordinators' form and buttons, and what they hear.
 * Typed: the English words mirror the Dutch ones.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'toolkit',
  {
    'toolkit.describe.show': 'kernboodschappen en teksten bekijken en kopiëren',
    'toolkit.describe.add': 'een toolkit-item toevoegen',
    'toolkit.describe.change': 'een toolkit-item wijzigen',
    'toolkit.describe.retire': 'een toolkit-item intrekken',
    'toolkit.describe.save': 'een toolkit-item toevoegen of wijzigen',
    'toolkit.describe.copy': 'de tekst van een toolkit-item als los bericht krijgen',
    // The overview.
    'toolkit.header': (p: { alliance: string }) => `Toolkit van ${p.alliance}`,
    'toolkit.intro':
      'Kernboodschappen en teksten, zodat alle partners met één boodschap naar hun eigen achterban gaan. Elke tekst staat hieronder in een eigen bericht, precies zoals je hem kunt overnemen: selecteer en kopieer hem. Met Kopieerbare tekst krijg je alleen de tekst als los bericht, zonder opmaak (handig op je telefoon).',
    'toolkit.introCoordinator':
      'Je ziet alle items in beide talen, met knoppen om ze te wijzigen of in te trekken. Partners zien alleen de items in hun eigen taal.',
    'toolkit.empty': 'De toolkit is nog leeg.',
    'toolkit.emptyCoordinator':
      'De toolkit is nog leeg. Voeg een kernboodschap, boilerplate of link toe met toolkit toevoegen.',
    'toolkit.nothingFound': (p: { words: string }) =>
      `Geen toolkit-items gevonden met ‘${p.words}’. Typ toolkit voor alle items.`,
    'toolkit.fallback': (p: { language: string }) =>
      `Er zijn nog geen items in jouw taal; dit zijn de items in het ${p.language}.`,
    'toolkit.more': (p: { count: number }) =>
      `Nog ${p.count} item(s) niet getoond. Zoek met toolkit gevolgd door een woord uit de titel of tekst.`,
    'toolkit.add': 'Item toevoegen',
    'toolkit.kind.key-message': 'Kernboodschap',
    'toolkit.kind.boilerplate': 'Boilerplate',
    'toolkit.kind.link': 'Link',
    'toolkit.kinds.key-message': 'Kernboodschappen',
    'toolkit.kinds.boilerplate': 'Boilerplates',
    'toolkit.kinds.link': 'Links',
    'toolkit.language.nl': 'Nederlands',
    'toolkit.language.en': 'Engels',
    // An item.
    'toolkit.item.context': (p: { kind: string; language: string }) => `${p.kind} · ${p.language}`,
    'toolkit.item.open': 'Openen',
    'toolkit.item.changed': (p: { who: string; when: string }) =>
      `Laatst gewijzigd door ${p.who} op ${p.when}`,
    'toolkit.item.added': (p: { who: string; when: string }) =>
      `Toegevoegd door ${p.who} op ${p.when}`,
    'toolkit.item.fromConfig': 'Uit de instellingen van de alliantie',
    'toolkit.item.copy': 'Kopieerbare tekst',
    'toolkit.item.change': 'Wijzigen',
    'toolkit.item.retire': 'Intrekken',
    // The form.
    'toolkit.form.addTitle': 'Toolkit-item toevoegen',
    'toolkit.form.changeTitle': 'Toolkit-item wijzigen',
    'toolkit.form.intro':
      'De tekst staat voor partners precies zo in de toolkit als je hem hier typt, om te kopiëren.',
    'toolkit.form.submitAdd': 'Toevoegen',
    'toolkit.form.submitChange': 'Opslaan',
    'toolkit.field.title': 'Titel',
    'toolkit.field.kind': 'Soort',
    'toolkit.field.language': 'Taal van de tekst',
    'toolkit.field.text': 'Tekst',
    'toolkit.field.text.hint': 'Zoals partners hem overnemen, zonder opmaak.',
    'toolkit.field.link': 'Link',
    'toolkit.field.link.hint': 'Optioneel; een volledige link die begint met https://.',
    'toolkit.error.linkNeeded': 'Een item van de soort Link heeft een link nodig.',
    // What the coordinator hears.
    'toolkit.done.added': (p: { title: string; language: string }) =>
      `Toegevoegd aan de toolkit: ‘${p.title}’ (${p.language}). Partners zien het als ze toolkit typen.`,
    'toolkit.done.changed': (p: { title: string }) =>
      `Gewijzigd: ‘${p.title}’. Partners zien voortaan de nieuwe versie.`,
    'toolkit.done.unchanged': (p: { title: string }) =>
      `Niets gewijzigd aan ‘${p.title}’: alles was al zo.`,
    'toolkit.done.retired': (p: { title: string }) =>
      `Ingetrokken: ‘${p.title}’. Partners zien het niet meer in de toolkit; het blijft bewaard in het logboek.`,
    'toolkit.gone': 'Dit toolkit-item bestaat niet (meer).',
    'toolkit.alreadyRetired': (p: { title: string; who: string; when: string }) =>
      `‘${p.title}’ is al ingetrokken door ${p.who} op ${p.when}.`,
    'toolkit.conflict': (p: { title: string; who: string; when: string }) =>
      `${p.who} heeft ‘${p.title}’ intussen gewijzigd (${p.when}). Je wijziging is niet opgeslagen, zodat die van ${p.who} niet verloren gaat. Hieronder staan de huidige versie en wat jij invulde; druk op Wijzigen om verder te gaan vanaf de huidige versie.`,
    'toolkit.conflict.yours': (p: { title: string }) => `Jouw versie (niet opgeslagen): ${p.title}`,
    'toolkit.config': 'de instellingen',
  },
  {
    'toolkit.describe.show': 'view and copy key messages and texts',
    'toolkit.describe.add': 'add a toolkit item',
    'toolkit.describe.change': 'change a toolkit item',
    'toolkit.describe.retire': 'retire a toolkit item',
    'toolkit.describe.save': 'add or change a toolkit item',
    'toolkit.describe.copy': 'get the text of a toolkit item as a message of its own',
    'toolkit.header': (p) => `Toolkit of ${p.alliance}`,
    'toolkit.intro':
      'Key messages and texts, so all partners take one message to their own constituencies. Each text is in a message of its own below, exactly as you can use it: select and copy it. Copyable text sends you just the text as a message of its own, without formatting (handy on your phone).',
    'toolkit.introCoordinator':
      'You see every item in both languages, with buttons to change or retire them. Partners see only the items in their own language.',
    'toolkit.empty': 'The toolkit is empty so far.',
    'toolkit.emptyCoordinator':
      'The toolkit is empty so far. Add a key message, boilerplate or link with toolkit add.',
    'toolkit.nothingFound': (p) =>
      `No toolkit items found with ‘${p.words}’. Type toolkit for all items.`,
    'toolkit.fallback': (p) =>
      `There are no items in your language yet; these are the items in ${p.language}.`,
    'toolkit.more': (p) =>
      `${p.count} more item(s) not shown. Search with toolkit followed by a word from the title or text.`,
    'toolkit.add': 'Add item',
    'toolkit.kind.key-message': 'Key message',
    'toolkit.kind.boilerplate': 'Boilerplate',
    'toolkit.kind.link': 'Link',
    'toolkit.kinds.key-message': 'Key messages',
    'toolkit.kinds.boilerplate': 'Boilerplates',
    'toolkit.kinds.link': 'Links',
    'toolkit.language.nl': 'Dutch',
    'toolkit.language.en': 'English',
    'toolkit.item.context': (p) => `${p.kind} · ${p.language}`,
    'toolkit.item.open': 'Open',
    'toolkit.item.changed': (p) => `Last changed by ${p.who} on ${p.when}`,
    'toolkit.item.added': (p) => `Added by ${p.who} on ${p.when}`,
    'toolkit.item.fromConfig': "From the alliance's settings",
    'toolkit.item.copy': 'Copyable text',
    'toolkit.item.change': 'Change',
    'toolkit.item.retire': 'Retire',
    'toolkit.form.addTitle': 'Add a toolkit item',
    'toolkit.form.changeTitle': 'Change a toolkit item',
    'toolkit.form.intro':
      'Partners find the text in the toolkit exactly as you type it here, ready to copy.',
    'toolkit.form.submitAdd': 'Add',
    'toolkit.form.submitChange': 'Save',
    'toolkit.field.title': 'Title',
    'toolkit.field.kind': 'Kind',
    'toolkit.field.language': 'Language of the text',
    'toolkit.field.text': 'Text',
    'toolkit.field.text.hint': 'As partners will copy it, without formatting.',
    'toolkit.field.link': 'Link',
    'toolkit.field.link.hint': 'Optional; a full link starting with https://.',
    'toolkit.error.linkNeeded': 'An item of kind Link needs a link.',
    'toolkit.done.added': (p) =>
      `Added to the toolkit: ‘${p.title}’ (${p.language}). Partners see it when they type toolkit.`,
    'toolkit.done.changed': (p) => `Changed: ‘${p.title}’. Partners now see the new version.`,
    'toolkit.done.unchanged': (p) => `Nothing changed in ‘${p.title}’: it was all as before.`,
    'toolkit.done.retired': (p) =>
      `Retired: ‘${p.title}’. Partners no longer see it in the toolkit; it stays in the audit trail.`,
    'toolkit.gone': 'This toolkit item does not exist (any more).',
    'toolkit.alreadyRetired': (p) => `‘${p.title}’ was already retired by ${p.who} on ${p.when}.`,
    'toolkit.conflict': (p) =>
      `${p.who} changed ‘${p.title}’ in the meantime (${p.when}). Your change was not saved, so that ${p.who}'s is not lost. Below are the current version and what you entered; press Change to continue from the current version.`,
    'toolkit.conflict.yours': (p) => `Your version (not saved): ${p.title}`,
    'toolkit.config': 'the settings',
  },
);

/** The toolkit's translator: its own words and the shared ones. */
export type ToolkitT = ReturnType<typeof words.t>;
