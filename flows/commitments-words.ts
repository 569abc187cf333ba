/**
 * The words of commitments (afspraken), in Dutch (the default) and English: the list, the
 * form to register or change one, and what people hear.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'commitments',
  {
    'commitments.describe.show': 'de afspraken van je organisatie bekijken en bijwerken',
    'commitments.describe.new': 'een afspraak vastleggen',
    'commitments.describe.change': 'een afspraak wijzigen',
    'commitments.header': (p: { partner: string }) => `Afspraken van ${p.partner}`,
    'commitments.headerAll': 'Afspraken van de partners',
    'commitments.intro': (p: { ambition: string }) =>
      `Wat jullie bijdragen aan de gezamenlijke ambitie: ${p.ambition}`,
    'commitments.none':
      'Er zijn nog geen afspraken vastgelegd. Leg er een vast met de knop hieronder.',
    'commitments.new': 'Nieuwe afspraak',
    'commitments.change': 'Wijzigen',
    'commitments.item': (p: { due: string; owner: string }) => `Uiterlijk ${p.due} · ${p.owner}`,
    'commitments.item.status': (p: { status: string; when: string }) =>
      `Laatste stand: ${p.status} (${p.when})`,
    'commitments.form.newTitle': 'Afspraak vastleggen',
    'commitments.form.changeTitle': 'Afspraak wijzigen',
    'commitments.form.intro':
      'Wat doet jouw organisatie voor de gezamenlijke ambitie, wanneer is het klaar en wie is eigenaar? In elke check-in vragen we hoe het ermee staat.',
    'commitments.form.submit': 'Opslaan',
    'commitments.field.what': 'Wat',
    'commitments.field.what.hint': 'Bijvoorbeeld: drie laadpleinen opleveren in de wijk Noord',
    'commitments.field.due': 'Klaar uiterlijk',
    'commitments.field.due.hint': 'De datum waarop het uiterlijk klaar is.',
    'commitments.field.owner': 'Eigenaar',
    'commitments.error.pastDue': 'Die datum is al voorbij. Kies vandaag of een datum die nog komt.',
    'commitments.error.farDue': 'Kies een datum binnen tien jaar vanaf nu.',
    'commitments.error.owner':
      'Kies iemand van je eigen organisatie (of jezelf) als eigenaar; die persoon is niet (meer) bekend.',
    'commitments.notMember':
      'Je bent nog niet aangemeld bij een partner van deze alliantie. Typ aanmelden om dat te doen.',
    'commitments.done.new': (p: { what: string }) => `Afspraak vastgelegd: ${p.what}`,
    'commitments.done.changed': (p: { what: string }) => `Afspraak gewijzigd: ${p.what}`,
    'commitments.gone': 'Die afspraak bestaat niet meer.',
    'commitments.notYours':
      'Alleen iemand van de eigen organisatie of een coördinator kan deze afspraak wijzigen.',
    'commitments.coordination': 'coördinatie',
    'commitments.status.on-track': 'op schema',
    'commitments.status.at-risk': 'risico',
    'commitments.status.blocked': 'geblokkeerd',
  },
  {
    'commitments.describe.show': "see and update your organisation's commitments",
    'commitments.describe.new': 'register a commitment',
    'commitments.describe.change': 'change a commitment',
    'commitments.header': (p) => `Commitments of ${p.partner}`,
    'commitments.headerAll': "The partners' commitments",
    'commitments.intro': (p) => `What you contribute to the shared ambition: ${p.ambition}`,
    'commitments.none': 'No commitments registered yet. Register one with the button below.',
    'commitments.new': 'New commitment',
    'commitments.change': 'Change',
    'commitments.item': (p) => `Due by ${p.due} · ${p.owner}`,
    'commitments.item.status': (p) => `Last status: ${p.status} (${p.when})`,
    'commitments.form.newTitle': 'Register a commitment',
    'commitments.form.changeTitle': 'Change a commitment',
    'commitments.form.intro':
      'What does your organisation do for the shared ambition, when is it done, and who owns it? Every check-in asks how it is going.',
    'commitments.form.submit': 'Save',
    'commitments.field.what': 'What',
    'commitments.field.what.hint': 'For example: deliver three charging hubs in the north district',
    'commitments.field.due': 'Done by',
    'commitments.field.due.hint': 'The date by which it is done.',
    'commitments.field.owner': 'Owner',
    'commitments.error.pastDue': 'That date has passed. Choose today or a date still to come.',
    'commitments.error.farDue': 'Choose a date within ten years from now.',
    'commitments.error.owner':
      'Choose someone of your own organisation (or yourself) as the owner; that person is not (or no longer) known.',
    'commitments.notMember':
      'You have not joined a partner of this alliance yet. Type join to do so.',
    'commitments.done.new': (p) => `Commitment registered: ${p.what}`,
    'commitments.done.changed': (p) => `Commitment changed: ${p.what}`,
    'commitments.gone': 'That commitment no longer exists.',
    'commitments.notYours':
      'Only someone of the organisation itself or a coordinator can change this commitment.',
    'commitments.coordination': 'coordination',
    'commitments.status.on-track': 'on track',
    'commitments.status.at-risk': 'at risk',
    'commitments.status.blocked': 'blocked',
  },
);
export type CommitmentsT = ReturnType<typeof words.t>;
