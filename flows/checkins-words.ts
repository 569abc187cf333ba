/**
 * The words of check-ins, in Dutch (the default) and English: the coordinators' schedule form
 * and status card, the question partner contacts get privately, the reminder, the answer form
 * and the summary in the alliance channels.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'checkins',
  {
    'checkins.describe.answer': 'een check-in beantwoorden',
    'checkins.describe.schedule': 'check-ins plannen',
    'checkins.describe.change': 'een check-in-reeks wijzigen',
    'checkins.describe.pause': 'een check-in-reeks pauzeren',
    'checkins.describe.resume': 'een gepauzeerde check-in-reeks hervatten',
    'checkins.describe.stop': 'een check-in-reeks stoppen',
    'checkins.describe.status': 'check-ins en wie er antwoordde bekijken',
    // Cadences.
    'checkins.every.weekly': 'elke week',
    'checkins.every.biweekly': 'om de week',
    'checkins.every.fourweekly': 'elke vier weken',
    'checkins.every.monthly': 'maandelijks',
    'checkins.nth.1': 'eerste',
    'checkins.nth.2': 'tweede',
    'checkins.nth.3': 'derde',
    'checkins.nth.4': 'vierde',
    'checkins.nth.-1': 'laatste',
    'checkins.when.weekly': (p: { day: string; time: string }) => `elke ${p.day} om ${p.time}`,
    'checkins.when.biweekly': (p: { day: string; time: string }) =>
      `om de week op ${p.day} om ${p.time}`,
    'checkins.when.fourweekly': (p: { day: string; time: string }) =>
      `elke vier weken op ${p.day} om ${p.time}`,
    'checkins.when.monthly': (p: { nth: string; day: string; time: string }) =>
      `elke ${p.nth} ${p.day} van de maand om ${p.time}`,
    'checkins.deadline.days': (p: { days: number; time: string }) =>
      p.days === 0
        ? `antwoorden dezelfde dag vóór ${p.time}`
        : `antwoorden binnen ${p.days} dag${p.days === 1 ? '' : 'en'}, vóór ${p.time}`,
    'checkins.audience.all': 'alle partners',
    'checkins.audience.core': 'het kernteam',
    // The schedule form.
    'checkins.form.newTitle': 'Check-ins plannen',
    'checkins.form.changeTitle': 'Check-ins wijzigen',
    'checkins.form.intro': (p: { timeZone: string }) =>
      `Elke check-in vraagt de contactpersonen van de partners privé hoe het staat met hun afspraken, herinnert wie nog niet antwoordde en plaatst bij de deadline een samenvatting in de alliantiekanalen. Tijden gelden in ${p.timeZone}, ook als de klok verzet wordt.`,
    'checkins.form.submit': 'Plannen',
    'checkins.form.submitChange': 'Wijzigen',
    'checkins.field.cadence': 'Hoe vaak',
    'checkins.field.nth': 'Welke in de maand',
    'checkins.field.nth.hint': 'Alleen bij maandelijks: bijvoorbeeld de tweede dinsdag.',
    'checkins.field.weekday': 'Dag',
    'checkins.field.time': 'Tijd',
    'checkins.field.startDate': 'Eerste check-in vanaf',
    'checkins.field.startDate.hint':
      'De eerste check-in is op de eerste passende dag vanaf deze datum.',
    'checkins.field.deadlineDays': 'Antwoorden binnen',
    'checkins.field.deadlineTime': 'Deadline (tijd)',
    'checkins.field.audience': 'Wie krijgt de vraag',
    'checkins.days': (p: { days: number }) =>
      p.days === 0 ? 'dezelfde dag' : `${p.days} dag${p.days === 1 ? '' : 'en'} later`,
    'checkins.error.past': (p: { when: string }) =>
      `De eerste check-in zou ${p.when} zijn, en dat is al voorbij. Kies een latere datum of tijd.`,
    'checkins.error.none':
      'Vanaf die datum valt er binnen een jaar geen check-in. Kies een andere datum.',
    'checkins.error.nonexistent': (p: { time: string; date: string }) =>
      `${p.time} bestaat niet op ${p.date}: dan gaat de klok een uur vooruit. Kies een andere tijd.`,
    'checkins.error.beforeStart': 'De deadline moet na het tijdstip van de check-in liggen.',
    'checkins.scheduled': (p: {
      when: string;
      first: string;
      deadline: string;
      audience: string;
    }) =>
      `Gepland: check-ins ${p.when} voor ${p.audience}, ${p.deadline}. De eerste is ${p.first}.`,
    'checkins.changed': (p: { when: string; first: string }) =>
      `Gewijzigd: check-ins ${p.when}. De volgende is ${p.first}. Agenda's met de reeks krijgen de wijziging vanzelf.`,
    'checkins.paused': (p: { when: string }) =>
      `Gepauzeerd: de check-ins ${p.when}. Hervat ze met checkin hervatten.`,
    'checkins.resumed': (p: { first: string }) => `Hervat. De volgende check-in is ${p.first}.`,
    'checkins.stopped': (p: { when: string }) => `Gestopt: de check-ins ${p.when}.`,
    'checkins.nothing': 'Er zijn geen check-ins gepland. Plan ze met checkin plannen.',
    'checkins.nothingToDo': (p: { what: string }) => `Er is geen check-in-reeks om te ${p.what}.`,
    'checkins.choose': 'Kies de check-in-reeks met de knoppen hieronder.',
    'checkins.gone': 'Die check-in-reeks bestaat niet (meer).',
    'checkins.calendar': 'In je agenda (.ics)',
    'checkins.calendar.how':
      'Beantwoord de check-in in de chat: typ checkin, of gebruik de knop in het bericht van de bot.',
    // Status.
    'checkins.status.header': (p: { alliance: string }) => `Check-ins van ${p.alliance}`,
    'checkins.status.state.active': 'actief',
    'checkins.status.state.paused': 'gepauzeerd',
    'checkins.status.state.stopped': 'gestopt',
    'checkins.status.series': (p: { when: string; audience: string; state: string }) =>
      `Check-ins ${p.when} · ${p.audience} · ${p.state}`,
    'checkins.status.next': (p: { when: string }) => `Volgende: ${p.when}`,
    'checkins.status.last': (p: { when: string; answered: string; waiting: string }) =>
      `Laatste (${p.when}) — geantwoord: ${p.answered}; nog niet: ${p.waiting}`,
    'checkins.status.noRound': 'Nog geen check-in gehouden.',
    'checkins.status.nobody': 'niemand',
    'checkins.button.pause': 'Pauzeren',
    'checkins.button.resume': 'Hervatten',
    'checkins.button.change': 'Wijzigen',
    'checkins.button.stop': 'Stoppen',
    'checkins.history': (p: { action: string; who: string; when: string }) =>
      `${p.action} door ${p.who} op ${p.when}`,
    'checkins.action.scheduled': 'Gepland',
    'checkins.action.changed': 'Gewijzigd',
    'checkins.action.paused': 'Gepauzeerd',
    'checkins.action.resumed': 'Hervat',
    'checkins.action.stopped': 'Gestopt',
    // The question, the reminder, the answer.
    'checkins.ask.header': (p: { alliance: string }) => `Check-in ${p.alliance}`,
    'checkins.ask.text': (p: { partner: string; deadline: string }) =>
      `Hoe staat het met de afspraken van ${p.partner}? Geef per afspraak aan of die op schema ligt, risico loopt of geblokkeerd is, met een korte toelichting. Eén antwoord per organisatie is genoeg. Graag vóór ${p.deadline}.`,
    'checkins.ask.noCommitments': (p: { partner: string; deadline: string }) =>
      `Hoe staat het met de bijdrage van ${p.partner} aan de gezamenlijke ambitie? Er zijn nog geen afspraken vastgelegd (dat kan met afspraak). Graag een antwoord vóór ${p.deadline}.`,
    'checkins.ask.button': 'Beantwoorden',
    'checkins.remind.text': (p: { partner: string; deadline: string }) =>
      `Herinnering: de check-in voor ${p.partner} is nog niet beantwoord. De deadline is ${p.deadline}.`,
    'checkins.answer.title': 'Check-in beantwoorden',
    'checkins.answer.intro': (p: { partner: string }) => `Hoe staat het ervoor bij ${p.partner}?`,
    'checkins.answer.submit': 'Versturen',
    'checkins.field.status': 'Hoe staat het ervoor',
    'checkins.field.note': 'Toelichting',
    'checkins.field.noteFor': (p: { what: string }) => `Toelichting bij ${p.what}`,
    'checkins.answer.thanks': (p: { partner: string }) =>
      `Dank je! Je antwoord voor ${p.partner} is bewaard.`,
    'checkins.answer.late': (p: { partner: string }) =>
      `Dank je! De samenvatting was al geplaatst; je antwoord voor ${p.partner} staat er nu in.`,
    'checkins.answer.noRound':
      'Dank je! Er staat nu geen check-in open voor je organisatie; je update is bij de afspraken bewaard.',
    'checkins.answer.notMember':
      'Alleen contactpersonen van partners beantwoorden check-ins. Meld je aan met aanmelden.',
    // The summary.
    'checkins.summary.header': (p: { alliance: string; date: string }) =>
      `Check-in ${p.alliance} — ${p.date}`,
    'checkins.summary.text': (p: { answered: number; asked: number }) =>
      `${p.answered} van de ${p.asked} partners antwoordden.`,
    'checkins.summary.noAnswer': 'nog geen antwoord',
    'checkins.summary.by': (p: { who: string }) => `(antwoord van ${p.who})`,
    'checkins.overall': 'Algemeen',
  },
  {
    'checkins.describe.answer': 'answer a check-in',
    'checkins.describe.schedule': 'schedule check-ins',
    'checkins.describe.change': 'change a check-in series',
    'checkins.describe.pause': 'pause a check-in series',
    'checkins.describe.resume': 'resume a paused check-in series',
    'checkins.describe.stop': 'stop a check-in series',
    'checkins.describe.status': 'see the check-ins and who answered',
    'checkins.every.weekly': 'every week',
    'checkins.every.biweekly': 'every two weeks',
    'checkins.every.fourweekly': 'every four weeks',
    'checkins.every.monthly': 'monthly',
    'checkins.nth.1': 'first',
    'checkins.nth.2': 'second',
    'checkins.nth.3': 'third',
    'checkins.nth.4': 'fourth',
    'checkins.nth.-1': 'last',
    'checkins.when.weekly': (p) => `every ${p.day} at ${p.time}`,
    'checkins.when.biweekly': (p) => `every other ${p.day} at ${p.time}`,
    'checkins.when.fourweekly': (p) => `every four weeks on ${p.day} at ${p.time}`,
    'checkins.when.monthly': (p) => `on the ${p.nth} ${p.day} of the month at ${p.time}`,
    'checkins.deadline.days': (p) =>
      p.days === 0
        ? `answers the same day before ${p.time}`
        : `answers within ${p.days} day${p.days === 1 ? '' : 's'}, before ${p.time}`,
    'checkins.audience.all': 'all partners',
    'checkins.audience.core': 'the core team',
    'checkins.form.newTitle': 'Schedule check-ins',
    'checkins.form.changeTitle': 'Change check-ins',
    'checkins.form.intro': (p) =>
      `Each check-in asks the partners' contacts privately how their commitments are going, reminds those who have not answered, and posts a summary in the alliance channels at the deadline. Times are in ${p.timeZone}, also when the clocks change.`,
    'checkins.form.submit': 'Schedule',
    'checkins.form.submitChange': 'Change',
    'checkins.field.cadence': 'How often',
    'checkins.field.nth': 'Which in the month',
    'checkins.field.nth.hint': 'Monthly only: for example the second Tuesday.',
    'checkins.field.weekday': 'Day',
    'checkins.field.time': 'Time',
    'checkins.field.startDate': 'First check-in from',
    'checkins.field.startDate.hint':
      'The first check-in is on the first matching day from this date.',
    'checkins.field.deadlineDays': 'Answers within',
    'checkins.field.deadlineTime': 'Deadline (time)',
    'checkins.field.audience': 'Who is asked',
    'checkins.days': (p) =>
      p.days === 0 ? 'the same day' : `${p.days} day${p.days === 1 ? '' : 's'} later`,
    'checkins.error.past': (p) =>
      `The first check-in would be ${p.when}, which has passed. Choose a later date or time.`,
    'checkins.error.none': 'No check-in falls within a year from that date. Choose another date.',
    'checkins.error.nonexistent': (p) =>
      `${p.time} does not exist on ${p.date}: the clocks go forward an hour then. Choose another time.`,
    'checkins.error.beforeStart': 'The deadline must be after the time of the check-in.',
    'checkins.scheduled': (p) =>
      `Scheduled: check-ins ${p.when} for ${p.audience}, ${p.deadline}. The first is ${p.first}.`,
    'checkins.changed': (p) =>
      `Changed: check-ins ${p.when}. The next is ${p.first}. Calendars with the series get the change by themselves.`,
    'checkins.paused': (p) => `Paused: the check-ins ${p.when}. Resume them with checkin resume.`,
    'checkins.resumed': (p) => `Resumed. The next check-in is ${p.first}.`,
    'checkins.stopped': (p) => `Stopped: the check-ins ${p.when}.`,
    'checkins.nothing': 'No check-ins are scheduled. Schedule them with checkin schedule.',
    'checkins.nothingToDo': (p) => `There is no check-in series to ${p.what}.`,
    'checkins.choose': 'Choose the check-in series with the buttons below.',
    'checkins.gone': 'That check-in series does not exist (any more).',
    'checkins.calendar': 'In your calendar (.ics)',
    'checkins.calendar.how':
      "Answer the check-in in the chat: type checkin, or use the button in the bot's message.",
    'checkins.status.header': (p) => `Check-ins of ${p.alliance}`,
    'checkins.status.state.active': 'active',
    'checkins.status.state.paused': 'paused',
    'checkins.status.state.stopped': 'stopped',
    'checkins.status.series': (p) => `Check-ins ${p.when} · ${p.audience} · ${p.state}`,
    'checkins.status.next': (p) => `Next: ${p.when}`,
    'checkins.status.last': (p) =>
      `Last (${p.when}) — answered: ${p.answered}; not yet: ${p.waiting}`,
    'checkins.status.noRound': 'No check-in held yet.',
    'checkins.status.nobody': 'nobody',
    'checkins.button.pause': 'Pause',
    'checkins.button.resume': 'Resume',
    'checkins.button.change': 'Change',
    'checkins.button.stop': 'Stop',
    'checkins.history': (p) => `${p.action} by ${p.who} on ${p.when}`,
    'checkins.action.scheduled': 'Scheduled',
    'checkins.action.changed': 'Changed',
    'checkins.action.paused': 'Paused',
    'checkins.action.resumed': 'Resumed',
    'checkins.action.stopped': 'Stopped',
    'checkins.ask.header': (p) => `Check-in ${p.alliance}`,
    'checkins.ask.text': (p) =>
      `How are the commitments of ${p.partner} going? For each, say whether it is on track, at risk or blocked, with a short note. One answer per organisation is enough. Please answer before ${p.deadline}.`,
    'checkins.ask.noCommitments': (p) =>
      `How is the contribution of ${p.partner} to the shared ambition going? No commitments are registered yet (use commitment for that). Please answer before ${p.deadline}.`,
    'checkins.ask.button': 'Answer',
    'checkins.remind.text': (p) =>
      `Reminder: the check-in for ${p.partner} has not been answered yet. The deadline is ${p.deadline}.`,
    'checkins.answer.title': 'Answer the check-in',
    'checkins.answer.intro': (p) => `How are things going at ${p.partner}?`,
    'checkins.answer.submit': 'Send',
    'checkins.field.status': 'How is it going',
    'checkins.field.note': 'Note',
    'checkins.field.noteFor': (p) => `Note on ${p.what}`,
    'checkins.answer.thanks': (p) => `Thank you! Your answer for ${p.partner} is saved.`,
    'checkins.answer.late': (p) =>
      `Thank you! The summary was posted already; your answer for ${p.partner} is in it now.`,
    'checkins.answer.noRound':
      'Thank you! No check-in is open for your organisation now; your update is kept with the commitments.',
    'checkins.answer.notMember': "Only partners' contacts answer check-ins. Join with join.",
    'checkins.summary.header': (p) => `Check-in ${p.alliance} — ${p.date}`,
    'checkins.summary.text': (p) => `${p.answered} of the ${p.asked} partners answered.`,
    'checkins.summary.noAnswer': 'no answer yet',
    'checkins.summary.by': (p) => `(answered by ${p.who})`,
    'checkins.overall': 'Overall',
  },
);
export type CheckinsT = ReturnType<typeof words.t>;
