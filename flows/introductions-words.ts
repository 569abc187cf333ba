/**
 * The words of suggested introductions, in Dutch (the default) and English.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'introductions',
  {
    'introductions.header': (p: { name: string; partner: string }) =>
      `Kennismaken met ${p.name} (${p.partner})?`,
    'introductions.headerShort': (p: { name: string }) => `Kennismaken met ${p.name}`,
    'introductions.why': (p: { name: string; offers: string; needs: string }) =>
      `${p.name} brengt mee: ${p.offers}\nEn zoekt: ${p.needs}`,
    'introductions.shared': 'Jullie delen',
    'introductions.accept': 'Graag',
    'introductions.decline': 'Nu niet',
    'introductions.context':
      'Een voorstel van de alliantiebot: mensen van verschillende partners die elkaar verder kunnen helpen. Zeggen jullie allebei ja, dan breng ik jullie in contact.',
    'introductions.describe': 'een voorgestelde kennismaking beantwoorden',
    'introductions.notYours': 'Deze kennismaking is voor twee anderen bedoeld.',
    'introductions.waitingFor': (p: { name: string }) =>
      `Je zei ja. Zodra ${p.name} ook ja zegt, breng ik jullie in contact.`,
    'introductions.theyAccepted': (p: { name: string }) =>
      `${p.name} wil graag kennismaken. Jij ook?`,
    'introductions.connected': (p: { name: string }) =>
      `Jullie zeiden allebei ja: je bent in contact gebracht met ${p.name}.`,
    'introductions.notNow': 'Deze kennismaking gaat nu niet door.',
    'introductions.meet': (p: { a: string; b: string; topics: string }) =>
      `${p.a} en ${p.b}, jullie wilden allebei kennismaken (gedeelde onderwerpen: ${p.topics}). Hier kunnen jullie verder praten.`,
    'introductions.meetPrivately': (p: { name: string }) =>
      `${p.name} wil ook graag kennismaken. Zoek elkaar op in het alliantiekanaal of stuur ${p.name} een bericht.`,
  },
  {
    'introductions.header': (p) => `Meet ${p.name} (${p.partner})?`,
    'introductions.headerShort': (p) => `Meeting ${p.name}`,
    'introductions.why': (p) => `${p.name} brings: ${p.offers}\nAnd is looking for: ${p.needs}`,
    'introductions.shared': 'You share',
    'introductions.accept': 'Yes, please',
    'introductions.decline': 'Not now',
    'introductions.context':
      'A suggestion from the alliance bot: people of different partners who can help each other. If you both say yes, I will put you in touch.',
    'introductions.describe': 'answer a suggested introduction',
    'introductions.notYours': 'This introduction is meant for two other people.',
    'introductions.waitingFor': (p) =>
      `You said yes. As soon as ${p.name} says yes too, I will put you in touch.`,
    'introductions.theyAccepted': (p) => `${p.name} would like to meet. Would you?`,
    'introductions.connected': (p) => `You both said yes: you are now in touch with ${p.name}.`,
    'introductions.notNow': 'This introduction is not going ahead for now.',
    'introductions.meet': (p) =>
      `${p.a} and ${p.b}, you both wanted to meet (shared topics: ${p.topics}). You can talk further here.`,
    'introductions.meetPrivately': (p) =>
      `${p.name} would like to meet too. Find each other in the alliance channel or send ${p.name} a message.`,
  },
);
