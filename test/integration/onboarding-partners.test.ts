/**
 * A new organisation waits for the coordinators: the newcomer is told so and not introduced,
 * every coordinator gets a card to accept, merge or decline; only a coordinator may decide,
 * the first decision counts, the card changes in place everywhere, the newcomer hears the
 * outcome and — accepted or merged — is introduced in the alliance channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { InboundEvent } from '../../src/core/events.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { eventually } from '../helpers/queue.js';

const A = 'energieregio-west';
const CHANNEL = 'local:demo:alliantie';
const JOOST = 'local:demo:joost'; // coordinator
const PIETER = 'local:demo:pieter';
const EMMA = 'local:demo:emma';
const ANNA = 'local:demo:anna';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.stop();
});

interface Seen {
  id: string;
  text: string;
  html: string;
  from: { bot: boolean };
}

async function view(as: string, conversation = directConversationOf(as)): Promise<Seen[]> {
  const res = await fetch(
    `${t.baseUrl}/local/api/messages?as=${encodeURIComponent(as)}&conversation=${encodeURIComponent(conversation)}`,
  );
  return ((await res.json()) as { messages: Seen[] }).messages.filter((m) => m.from.bot);
}

let n = 0;
const base = (user: string) => ({
  eventId: `p${++n}`,
  platform: 'local' as const,
  actor: { userId: user },
  conversation: { id: directConversationOf(user), kind: 'direct' as const },
});
const intake = (user: string, name: string, organisation: string): InboundEvent => ({
  ...base(user),
  type: 'form_submitted',
  formId: 'onboarding.intake',
  context: A,
  values: {
    name,
    organisation,
    organisationType: 'bedrijf',
    role: 'Projectleider',
    goals: 'Meer windenergie',
    offers: 'Kennis van vergunningen',
    needs: 'Netcapaciteit',
    topics: ['wind'],
    language: 'nl',
  },
});
const press = (user: string, actionId: string, value: string): InboundEvent => ({
  ...base(user),
  type: 'button_pressed',
  actionId,
  value,
});
const request = (user: string) => `req-${user.replace(/[^a-z0-9]+/g, '-')}`;
const cardAbout = async (organisation: string) =>
  (await view(JOOST)).filter((m) => m.text.includes(`Nieuwe organisatie: ${organisation}`));

describe('a new organisation', () => {
  it('waits for the coordinators, who may merge it with a partner; the card changes in place', async () => {
    await t.app.engine.handle(intake(PIETER, 'Pieter Bakker', 'Waterbedrijf Rijnland Noord'));
    await eventually(async () =>
      (await view(PIETER)).some((m) => m.text.includes('nog geen partner'))
        ? true
        : 'Pieter was not told',
    );
    // The coordinator's card, with the closest partners to merge with.
    await eventually(async () =>
      (await cardAbout('Waterbedrijf Rijnland Noord')).length === 1 ? true : 'no card',
    );
    const [cardBefore] = await cardAbout('Waterbedrijf Rijnland Noord');
    expect(`${cardBefore?.text} ${cardBefore?.html}`).toContain(
      'Hoort bij Hoogheemraadschap van Rijnland',
    );
    expect(cardBefore?.html).toContain('onboarding.partner.accept');
    expect(await t.app.store.members.getMember(A, PIETER)).toBeNull();
    expect((await view(JOOST, CHANNEL)).some((m) => m.text.includes('Pieter Bakker'))).toBe(false);

    // Someone who is not a coordinator cannot decide.
    const refused = await t.app.engine.handle(
      press(ANNA, 'onboarding.partner.accept', request(PIETER)),
    );
    expect(refused.error).toBe('permission_denied');
    await eventually(async () =>
      (await view(ANNA)).some(
        (m) => m.text === 'Alleen een coördinator kan een nieuwe organisatie toelaten.',
      )
        ? true
        : 'no refusal',
    );
    expect(await t.app.store.members.getMember(A, PIETER)).toBeNull();

    await t.app.engine.handle(
      press(
        JOOST,
        'onboarding.partner.merge.2',
        `${request(PIETER)}:hoogheemraadschap-van-rijnland`,
      ),
    );
    await eventually(async () =>
      (await view(PIETER)).some((m) =>
        m.text.includes('aangemeld bij Hoogheemraadschap van Rijnland'),
      )
        ? true
        : 'Pieter did not hear the outcome',
    );
    const member = await t.app.store.members.getMember(A, PIETER);
    expect(member?.partnerId).toBe('hoogheemraadschap-van-rijnland');
    await eventually(async () =>
      (await view(JOOST, CHANNEL)).some((m) => m.text.includes('Pieter Bakker'))
        ? true
        : 'no introduction',
    );
    // The same card, changed in place: who decided, and no buttons any more.
    await eventually(async () => {
      const [card] = await cardAbout('Waterbedrijf Rijnland Noord');
      return card?.text.includes(
        'Samengevoegd met Hoogheemraadschap van Rijnland door Joost Vermeulen',
      )
        ? true
        : `card: ${card?.text}`;
    });
    const cards = await cardAbout('Waterbedrijf Rijnland Noord');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.id).toBe(cardBefore?.id);
    expect(cards[0]?.html).not.toContain('onboarding.partner.accept');

    // A press on a card that was since decided: a clear answer, nothing changes.
    await t.app.engine.handle(press(JOOST, 'onboarding.partner.accept', request(PIETER)));
    await eventually(async () =>
      (await view(JOOST)).some((m) => m.text.includes('heeft hier al over beslist'))
        ? true
        : 'no answer',
    );
    expect(
      (await t.app.store.members.listPartners(A)).some((p) => p.name.startsWith('Waterbedrijf')),
    ).toBe(false);
  });

  it('takes the first of two decisions made at the same moment, and tells a declined newcomer', async () => {
    await t.app.engine.handle(intake(EMMA, 'Emma Clarke', 'Windpark Noordzee BV'));
    await eventually(async () =>
      (await cardAbout('Windpark Noordzee BV')).length === 1 ? true : 'no card',
    );
    await Promise.all([
      t.app.engine.handle(press(JOOST, 'onboarding.partner.decline', request(EMMA))),
      t.app.engine.handle(press(JOOST, 'onboarding.partner.accept', request(EMMA))),
    ]);
    await eventually(async () => {
      const [card] = await cardAbout('Windpark Noordzee BV');
      return /door Joost Vermeulen/.test(card?.text ?? '') ? true : `card: ${card?.text}`;
    });
    const [card] = await cardAbout('Windpark Noordzee BV');
    const accepted = card?.text.includes('Toegelaten als nieuwe partner') ?? false;
    const declined = card?.text.includes('Niet toegelaten') ?? false;
    expect(accepted !== declined).toBe(true);
    const emmaHeard = async () => (await view(EMMA)).map((m) => m.text);
    await eventually(async () =>
      (await emmaHeard()).some((m) => /toegelaten/.test(m)) ? true : 'Emma heard nothing',
    );
    const member = await t.app.store.members.getMember(A, EMMA);
    if (accepted) {
      expect(member?.partnerId).toBe('windpark-noordzee-bv');
      expect((await emmaHeard()).some((m) => m.includes('is toegelaten als partner'))).toBe(true);
    } else {
      expect(member).toBeNull();
      expect((await emmaHeard()).some((m) => m.includes('(nog) niet toegelaten'))).toBe(true);
    }
    // The other press was told someone decided already.
    await eventually(async () =>
      (await view(JOOST)).filter((m) => m.text.includes('heeft hier al over beslist')).length >= 2
        ? true
        : 'the second press got no answer',
    );
  });
});
