/**
 * The words of planning the digest (`overzicht plannen` / `digest schedule`), in Dutch (the
 * default) and English: the coordinator's form, what it refuses (a time that is not a time, a
 * time the clocks skip on one of its days) and the answer with the next digest.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'digest',
  {
    'digest.schedule.describe': 'de dag en tijd van het weekoverzicht kiezen, of het uitzetten',
    'digest.schedule.title': 'Weekoverzicht plannen',
    'digest.schedule.intro': (p: { timeZone: string; current: string }) =>
      `Wanneer komt het weekoverzicht in alle kanalen van de alliantie? Tijden in ${p.timeZone}. Nu: ${p.current}`,
    'digest.schedule.submit': 'Opslaan',
    'digest.schedule.field.weekday': 'Dag',
    'digest.schedule.field.time': 'Tijd',
    'digest.schedule.field.time.hint': (p: { timeZone: string }) =>
      `uu:mm, bijvoorbeeld 09:00 (${p.timeZone}); niet nodig als het overzicht uit staat`,
    'digest.schedule.off': 'Geen overzicht (uit)',
    'digest.schedule.every': (p: { day: string; time: string }) => `elke ${p.day} om ${p.time}`,
    'digest.schedule.current': (p: { when: string; next: string }) =>
      `${p.when}; het volgende overzicht komt ${p.next}.`,
    'digest.schedule.currentOther': (p: { next: string }) =>
      `het volgende overzicht komt ${p.next}.`,
    'digest.schedule.currentOff': 'uit; er wordt geen overzicht geplaatst.',
    'digest.schedule.error.time': 'Schrijf de tijd als uu:mm, bijvoorbeeld 09:00.',
    'digest.schedule.error.nonexistent': (p: { time: string; date: string; timeZone: string }) =>
      `${p.time} bestaat niet op ${p.date} in ${p.timeZone}: de klok gaat dan een uur vooruit en slaat die tijd over, dus het overzicht kan die week niet om ${p.time} komen. Kies een andere tijd of dag; er is niets veranderd.`,
    'digest.schedule.done': (p: { when: string; next: string; timeZone: string }) =>
      `Het weekoverzicht komt voortaan ${p.when} (${p.timeZone}). Het volgende komt ${p.next}.`,
    'digest.schedule.stopped':
      'Het weekoverzicht staat uit: er wordt geen overzicht meer in de kanalen geplaatst. Zet het weer aan met overzicht plannen. Het actuele overzicht blijft te zien met overzicht.',
  },
  {
    'digest.schedule.describe': 'choose the day and time of the weekly digest, or turn it off',
    'digest.schedule.title': 'Plan the weekly digest',
    'digest.schedule.intro': (p) =>
      `When does the weekly digest come in every channel of the alliance? Times in ${p.timeZone}. Now: ${p.current}`,
    'digest.schedule.submit': 'Save',
    'digest.schedule.field.weekday': 'Day',
    'digest.schedule.field.time': 'Time',
    'digest.schedule.field.time.hint': (p) =>
      `hh:mm, for example 09:00 (${p.timeZone}); not needed when the digest is off`,
    'digest.schedule.off': 'No digest (off)',
    'digest.schedule.every': (p) => `every ${p.day} at ${p.time}`,
    'digest.schedule.current': (p) => `${p.when}; the next digest comes ${p.next}.`,
    'digest.schedule.currentOther': (p) => `the next digest comes ${p.next}.`,
    'digest.schedule.currentOff': 'off; no digest is posted.',
    'digest.schedule.error.time': 'Write the time as hh:mm, for example 09:00.',
    'digest.schedule.error.nonexistent': (p) =>
      `${p.time} does not exist on ${p.date} in ${p.timeZone}: the clocks go forward an hour then and skip that time, so the digest could not come at ${p.time} that week. Choose another time or day; nothing was changed.`,
    'digest.schedule.done': (p) =>
      `The weekly digest now comes ${p.when} (${p.timeZone}). The next one comes ${p.next}.`,
    'digest.schedule.stopped':
      'The weekly digest is off: no digest is posted in the channels any more. Turn it on again with digest schedule. The current digest can still be seen with digest.',
  },
);

export type DigestScheduleT = ReturnType<typeof words.t>;
