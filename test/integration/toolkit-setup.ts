/**
 * What the toolkit's integration tests share: the cast beside the flow kit's, the config's
 * toolkit, the test alliance with two coordinators, and readers for what the bot answered.
 */
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { InboundEvent } from '../../src/core/events.js';
import type { Card, Form } from '../../src/core/messages.js';
import { CARLA, cardOf, kitAlliance } from '../helpers/flow-kit.js';

export const COR = 'local:kit:cor'; // a second coordinator
export const EVA = 'local:kit:eva'; // a partner who reads English

export const KERN_TEXT =
  'Samen wekken we *duurzame* energie op, dichtbij huis.\n> Met inwoners als mede-eigenaar & <b>niet</b> zonder hen_\n- 2,1 TWh in 2030';
export const TOOLKIT = [
  { id: 'kern', title: 'Kernboodschap', text: KERN_TEXT },
  {
    title: 'Boilerplate voor persberichten',
    text: 'De Kit Alliantie is een samenwerking van provincie, gemeenten en netbeheerder.',
    kind: 'boilerplate',
    link: 'https://kit.example/over',
  },
  {
    title: 'Website',
    text: 'Alles over de alliantie.',
    kind: 'link',
    link: 'https://kit.example/',
  },
  {
    title: 'Key message',
    text: 'Together we generate clean energy close to home.',
    language: 'en',
  },
];

export const alliance = (toolkit: unknown[] = TOOLKIT) =>
  kitAlliance({
    coordinators: [
      { name: 'Carla Coördinator', ids: [CARLA] },
      { name: 'Cor Coördinator', ids: [COR] },
    ],
    toolkit,
  });

/** The cards answered to a person, in order. */
export const cardsTo = (envelopes: readonly OutboundEnvelope[], userId: string): Card[] =>
  envelopes
    .filter((e) => 'userId' in e.to && e.to.userId === userId && e.message.kind === 'card')
    .map((e) => cardOf(e.message));
export const textsTo = (envelopes: readonly OutboundEnvelope[], userId: string): string[] =>
  envelopes
    .filter((e) => 'userId' in e.to && e.to.userId === userId)
    .flatMap((e) => (e.message.kind === 'text' ? [e.message.text] : []));
export const formTo = (envelopes: readonly OutboundEnvelope[], userId: string): Form => {
  const found = envelopes.find(
    (e) => 'userId' in e.to && e.to.userId === userId && e.message.kind === 'form',
  );
  if (found?.message.kind !== 'form') throw new Error('no form');
  return found.message.form;
};

/** A change-form submission, with the context the form carried. */
export const inForm = (event: InboundEvent, context: string | undefined): InboundEvent =>
  event.type === 'form_submitted' && context !== undefined ? { ...event, context } : event;

export const itemValues = (extra: Record<string, string> = {}) => ({
  title: 'Oproep voor de nieuwsbrief',
  kind: 'boilerplate',
  language: 'nl',
  text: 'Doe mee met de regionale energiestrategie!\nKijk op de site.',
  link: '',
  ...extra,
});
