/**
 * The words of the digest (overzicht), in Dutch (the default) and English: its header and
 * period, each section, and what it says when the week was quiet.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'digest',
  {
    'digest.describe': 'het overzicht van de afgelopen week zien',
    'digest.header': (p: { alliance: string }) => `Weekoverzicht ${p.alliance}`,
    'digest.period': (p: { from: string; to: string }) => `Van ${p.from} tot en met ${p.to}.`,
    'digest.quiet':
      'Deze week is er niets nieuws gedeeld. Deel zelf iets: deel voor een document, idee voor een idee, succes voor een succes.',
    'digest.partners': 'Nieuwe partners',
    'digest.people': 'Nieuwe mensen',
    'digest.person': (p: { name: string; partner: string }) => `${p.name} (${p.partner})`,
    'digest.documents': 'Gedeelde documenten',
    'digest.document': (p: { title: string; partner: string }) => `${p.title} (${p.partner})`,
    'digest.ideas': 'Ideeën en initiatieven',
    'digest.idea': (p: { title: string }) => `Idee: ${p.title}`,
    'digest.initiative': (p: { title: string }) => `Initiatief: ${p.title}`,
    'digest.successes': 'Successen',
    'digest.checkin': 'Laatste check-in',
    'digest.checkinLine': (p: {
      date: string;
      answered: number;
      asked: number;
      blocked: number;
      atRisk: number;
    }) =>
      `${p.date}: ${p.answered} van ${p.asked} partners antwoordden; ${p.blocked} geblokkeerd, ${p.atRisk} met risico.`,
    'digest.coming': 'Binnenkort',
    'digest.review': (p: { title: string; date: string }) =>
      `Herziening van ${p.title} op ${p.date}`,
    'digest.health': 'Gezondheid van de community',
    'digest.more': (p: { count: number }) => `en nog ${p.count}`,
    'digest.context':
      'Typ overzicht om het actuele overzicht te zien, gezondheid voor de gezondheid per bouwsteen.',
  },
  {
    'digest.describe': 'see the digest of the past week',
    'digest.header': (p) => `Weekly digest ${p.alliance}`,
    'digest.period': (p) => `From ${p.from} up to and including ${p.to}.`,
    'digest.quiet':
      'Nothing new was shared this week. Share something yourself: share for a document, idea for an idea, success for a success.',
    'digest.partners': 'New partners',
    'digest.people': 'New people',
    'digest.person': (p) => `${p.name} (${p.partner})`,
    'digest.documents': 'Documents shared',
    'digest.document': (p) => `${p.title} (${p.partner})`,
    'digest.ideas': 'Ideas and initiatives',
    'digest.idea': (p) => `Idea: ${p.title}`,
    'digest.initiative': (p) => `Initiative: ${p.title}`,
    'digest.successes': 'Successes',
    'digest.checkin': 'Last check-in',
    'digest.checkinLine': (p) =>
      `${p.date}: ${p.answered} of ${p.asked} partners answered; ${p.blocked} blocked, ${p.atRisk} at risk.`,
    'digest.coming': 'Coming up',
    'digest.review': (p) => `Review of ${p.title} on ${p.date}`,
    'digest.health': 'Community health',
    'digest.more': (p) => `and ${p.count} more`,
    'digest.context':
      'Type digest to see the current digest, health for the health per building block.',
  },
);

export type DigestT = ReturnType<typeof words.t>;
