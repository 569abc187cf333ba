/**
 * The words of community health, in Dutch (the default) and English: the four building blocks,
 * the alliance's figures with their trend, each partner's line, and the digest's short summary.
 */
import { defineWords } from '../src/core/i18n/words.js';

const partnersNl = (n: number) => (n === 1 ? '1 partner' : `${n} partners`);
const partnersEn = (n: number) => (n === 1 ? '1 partner' : `${n} partners`);

export const words = defineWords(
  'health',
  {
    'health.describe': 'de gezondheid van de community zien',
    'health.header': (p: { alliance: string }) => `Gezondheid van ${p.alliance}`,
    'health.intro':
      'Vier bouwstenen, per partner gemeten, met de vergelijking met de periode ervoor.',
    'health.block.connected': 'Verbonden',
    'health.block.contributing': 'Bijdragend',
    'health.block.collaborating': 'Samenwerkend',
    'health.block.coCreating': 'Co-creërend',
    'health.explain.connected': 'aangemeld en voorgesteld aan iemand van een andere partner',
    'health.explain.contributing': 'een document gedeeld of een vraag beantwoord, laatste 30 dagen',
    'health.explain.collaborating': 'de laatste check-in beantwoord, alle afspraken op schema',
    'health.explain.coCreating': 'een idee voorgesteld of ondertekend, laatste 90 dagen',
    'health.alliance': (p: { now: number; of: number; before: number }) =>
      `${p.now} van ${partnersNl(p.of)}, was ${p.before}`,
    'health.trend.up': 'stijgend',
    'health.trend.down': 'dalend',
    'health.trend.same': 'gelijk',
    'health.yes': 'ja',
    'health.no': 'nee',
    'health.notMeasured': 'nog niet gemeten',
    'health.was': (p: { before: string }) => `was ${p.before}`,
    'health.partnersHeader': 'Per partner (wie achteruitgaat staat bovenaan)',
    'health.ownHeader': 'Jouw organisatie',
    'health.noPartners':
      'Er doen nog geen partners mee. Zodra iemand zich aanmeldt (aanmelden), verschijnt de eerste partner hier.',
    'health.noCheckins':
      'Samenwerkend wordt gemeten vanaf de eerste check-in (coördinatoren plannen die met checkin plannen).',
    'health.context': (p: { date: string }) =>
      `Stand van ${p.date}. Typ gezondheid om dit opnieuw te zien.`,
    'health.summary': (p: { parts: string }) => `Gezondheid: ${p.parts}.`,
    'health.summaryPart': (p: { block: string; now: number; of: number; trend: string }) =>
      `${p.block} ${p.now}/${p.of} (${p.trend})`,
    'health.summaryUnmeasured': (p: { block: string }) => `${p.block} nog niet gemeten`,
    'health.chart.title': (p: { alliance: string; weeks: number }) =>
      `${p.alliance}: partners per bouwsteen, laatste ${p.weeks} weken`,
    'health.chart.alt': (p: { weeks: number; parts: string }) =>
      `Grafiek van de laatste ${p.weeks} weken (nu, en wat het ${p.weeks} weken geleden was): ${p.parts}.`,
    'health.chart.part': (p: { block: string; now: number; of: number; was: number }) =>
      `${p.block}: ${p.now} van ${partnersNl(p.of)}, was ${p.was}`,
    'health.chart.unmeasured': (p: { block: string }) => `${p.block}: nog niet gemeten`,
    'health.chart.label': 'Verloop',
  },
  {
    'health.describe': 'see the health of the community',
    'health.header': (p) => `Health of ${p.alliance}`,
    'health.intro': 'Four building blocks, measured per partner, compared with the period before.',
    'health.block.connected': 'Connected',
    'health.block.contributing': 'Contributing',
    'health.block.collaborating': 'Collaborating',
    'health.block.coCreating': 'Co-creating',
    'health.explain.connected': 'onboarded and introduced to someone of another partner',
    'health.explain.contributing': 'shared a document or answered a request, last 30 days',
    'health.explain.collaborating': 'answered the last check-in, every commitment on track',
    'health.explain.coCreating': 'proposed or co-signed an idea, last 90 days',
    'health.alliance': (p) => `${p.now} of ${partnersEn(p.of)}, was ${p.before}`,
    'health.trend.up': 'rising',
    'health.trend.down': 'falling',
    'health.trend.same': 'steady',
    'health.yes': 'yes',
    'health.no': 'no',
    'health.notMeasured': 'not measured yet',
    'health.was': (p) => `was ${p.before}`,
    'health.partnersHeader': 'Per partner (those slipping back first)',
    'health.ownHeader': 'Your organisation',
    'health.noPartners':
      'No partners take part yet. As soon as someone joins (join), the first partner shows here.',
    'health.noCheckins':
      'Collaborating is measured from the first check-in (coordinators plan one with checkin schedule).',
    'health.context': (p) => `As of ${p.date}. Type health to see this again.`,
    'health.summary': (p) => `Health: ${p.parts}.`,
    'health.summaryPart': (p) => `${p.block} ${p.now}/${p.of} (${p.trend})`,
    'health.summaryUnmeasured': (p) => `${p.block} not measured yet`,
    'health.chart.title': (p) =>
      `${p.alliance}: partners per building block, last ${p.weeks} weeks`,
    'health.chart.alt': (p) =>
      `Chart of the last ${p.weeks} weeks (now, and what it was ${p.weeks} weeks ago): ${p.parts}.`,
    'health.chart.part': (p) => `${p.block}: ${p.now} of ${partnersEn(p.of)}, was ${p.was}`,
    'health.chart.unmeasured': (p) => `${p.block}: not measured yet`,
    'health.chart.label': 'Trend',
  },
);

export type HealthT = ReturnType<typeof words.t>;
