/**
 * The words of privacy (`privacy`, `privacy inzien` / `export`, `privacy vergeten` / `forget`)
 * and the audit trail (`logboek` / `audit`), in Dutch (the default) and English.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'privacy',
  {
    'privacy.describe.overview': 'zien wat de bot over je bewaart',
    'privacy.describe.export': 'je gegevens inzien en downloaden',
    'privacy.describe.forget': 'je gegevens laten wissen',
    'privacy.describe.other': 'de gegevens van iemand anders inzien of wissen',
    'privacy.describe.audit': 'het logboek lezen',
    'privacy.overview.header': 'Wat de bot over je bewaart',
    'privacy.overview.none': 'De bot bewaart niets over je.',
    'privacy.overview.intro': 'Per soort: hoeveel, en waarvoor.',
    'privacy.overview.context':
      'Met "privacy inzien" krijg je alles als bestand; met "privacy vergeten" wis je het.',
    'privacy.button.export': 'Inzien',
    'privacy.button.forget': 'Vergeten',
    'privacy.export.header': (p: { name: string }) => `Wat de bot over ${p.name} bewaart`,
    'privacy.export.download': 'Download alles (JSON, één keer, 24 uur geldig)',
    'privacy.export.noLink':
      'Een downloadlink kan hier niet worden gemaakt (PUBLIC_URL ontbreekt): vraag de beheerder om het bestand.',
    'privacy.export.context': 'Alleen jij ziet dit bericht.',
    'privacy.export.fileContext':
      'Alles staat in het JSON-bestand bij dit bericht. Alleen jij ziet dit bericht.',
    'privacy.export.fileTitle': (p: { name: string }) =>
      `Alles wat de bot over ${p.name} bewaart (JSON)`,
    'privacy.forget.header': 'Alles wissen?',
    'privacy.forget.text': (p: { name: string }) =>
      `Alles wat de bot over ${p.name} bewaart wordt gewist. Wat met anderen gedeeld is (een document, een idee) blijft, op naam van de organisatie. Dit kan niet ongedaan worden gemaakt.`,
    'privacy.forget.confirm': 'Ja, wis alles',
    'privacy.forget.cancel': 'Annuleren',
    'privacy.forget.cancelled': 'Er is niets gewist.',
    'privacy.forget.done': (p: { name: string }) => `Gewist: wat de bot over ${p.name} bewaarde`,
    'privacy.forget.nothing': 'Er was niets (meer) te wissen.',
    'privacy.forget.doneContext': (p: { pseudonym: string }) =>
      `In het logboek staat deze persoon voortaan als ${p.pseudonym}.`,
    'privacy.unknownPerson': (p: { who: string }) =>
      `Ik ken niemand in deze alliantie als "${p.who}". Gebruik de naam uit het ledenoverzicht, het id (slack:T…:U…) of het e-mailadres.`,
    'privacy.ambiguous': (p: { who: string; names: string }) =>
      `"${p.who}" past bij meer mensen (${p.names}): typ de volledige naam.`,
    'privacy.kindCount': (p: { kind: string; count: number; purpose: string }) =>
      `• ${p.kind} (${p.count}): ${p.purpose}`,
    'privacy.audit.header': 'Logboek',
    'privacy.audit.empty': 'Niets gevonden in het logboek.',
    'privacy.audit.filter': (p: { filter: string }) => `Gefilterd op: ${p.filter}`,
    'privacy.audit.context':
      'Nieuwste eerst. Filter met "logboek <persoon>" of "logboek soort:<soort>" (bijv. soort:document).',
    'privacy.audit.bot': 'de bot',
    'privacy.audit.config': 'de configuratie',
    'privacy.audit.line': (p: { at: string; who: string; kind: string; rest: string }) =>
      `${p.at} · ${p.who} · ${p.kind}${p.rest}`,
    'privacy.audit.about': (p: { subject: string }) => ` · over ${p.subject}`,
  },
  {
    'privacy.describe.overview': 'see what the bot keeps about you',
    'privacy.describe.export': 'export and download your data',
    'privacy.describe.forget': 'have your data erased',
    'privacy.describe.other': "export or erase someone else's data",
    'privacy.describe.audit': 'read the audit trail',
    'privacy.overview.header': 'What the bot keeps about you',
    'privacy.overview.none': 'The bot keeps nothing about you.',
    'privacy.overview.intro': 'Per kind: how many, and what for.',
    'privacy.overview.context':
      'With "privacy export" you get all of it as a file; with "privacy forget" you erase it.',
    'privacy.button.export': 'Export',
    'privacy.button.forget': 'Forget',
    'privacy.export.header': (p) => `What the bot keeps about ${p.name}`,
    'privacy.export.download': 'Download everything (JSON, once, valid for 24 hours)',
    'privacy.export.noLink':
      'A download link cannot be made here (PUBLIC_URL is not set): ask the administrator for the file.',
    'privacy.export.context': 'Only you can see this message.',
    'privacy.export.fileContext':
      'Everything is in the JSON file with this message. Only you can see this message.',
    'privacy.export.fileTitle': (p) => `Everything the bot keeps about ${p.name} (JSON)`,
    'privacy.forget.header': 'Erase everything?',
    'privacy.forget.text': (p) =>
      `Everything the bot keeps about ${p.name} will be erased. What was shared with others (a document, an idea) stays, credited to the organisation. This cannot be undone.`,
    'privacy.forget.confirm': 'Yes, erase everything',
    'privacy.forget.cancel': 'Cancel',
    'privacy.forget.cancelled': 'Nothing was erased.',
    'privacy.forget.done': (p) => `Erased: what the bot kept about ${p.name}`,
    'privacy.forget.nothing': 'There was nothing (left) to erase.',
    'privacy.forget.doneContext': (p) =>
      `From now on the audit trail shows this person as ${p.pseudonym}.`,
    'privacy.unknownPerson': (p) =>
      `I know nobody in this alliance as "${p.who}". Use the name from the member list, the id (slack:T…:U…) or the e-mail address.`,
    'privacy.ambiguous': (p) =>
      `"${p.who}" fits more than one person (${p.names}): type the full name.`,
    'privacy.kindCount': (p) => `• ${p.kind} (${p.count}): ${p.purpose}`,
    'privacy.audit.header': 'Audit trail',
    'privacy.audit.empty': 'Nothing found in the audit trail.',
    'privacy.audit.filter': (p) => `Filtered on: ${p.filter}`,
    'privacy.audit.context':
      'Newest first. Filter with "audit <person>" or "audit kind:<kind>" (e.g. kind:document).',
    'privacy.audit.bot': 'the bot',
    'privacy.audit.config': 'the config',
    'privacy.audit.line': (p) => `${p.at} · ${p.who} · ${p.kind}${p.rest}`,
    'privacy.audit.about': (p) => ` · about ${p.subject}`,
  },
);
