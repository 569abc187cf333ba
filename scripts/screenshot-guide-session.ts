/**
 * The user guide's picture taker (scripts/screenshot-guide.ts): the demo personas, and a
 * session in the web chat that chooses who you are, types, waits for the bot's answer and
 * photographs it.
 */
import { writeFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { directConversationOf } from '../adapters/local/index.js';
import { words as invitations } from '../flows/invitations-words.js';
import { words as onboarding } from '../flows/onboarding-words.js';
import type { Locale } from '../src/core/events.js';
import { t } from '../src/core/i18n/index.js';
import type { TestApp } from '../test/helpers/app.js';
import { toPalettePng } from './png-palette.js';

export const ALLIANCE = 'energieregio-west';
export const OUT = 'docs/guide';

/** The personas the pictures use (examples/energieregio.yaml). */
export const JOOST = { id: 'local:demo:joost', name: 'Joost Vermeulen' };
export const FATIMA = { id: 'local:demo:fatima', name: 'Fatima El Amrani' };
export const PIETER = { id: 'local:demo:pieter', name: 'Pieter Bakker' };
export const ANNA = { id: 'local:demo:anna', name: 'Anna de Vries' };
/** Emma speaks English (her persona's locale): the English run's newcomer. */
export const EMMA = { id: 'local:demo:emma', name: 'Emma Clarke' };
export type Persona = { id: string; name: string };
/** The partner's staff member who joins in the pictures: Anna in Dutch, Emma in English. */
export const NEWCOMER = (lang: Locale): Persona => (lang === 'nl' ? ANNA : EMMA);
/** What the newcomer fills in on her intake (the `join` pictures), per language. */
export const NEWCOMER_INTAKE = {
  nl: {
    organisation: 'Gemeente Leiden',
    organisationType: 'gemeente',
    role: 'Beleidsadviseur energie',
    goals: 'In 2030 liggen alle geschikte gemeentelijke daken vol zonnepanelen.',
    offers: 'Kennis van vergunningen en van participatie met inwoners.',
    needs: 'Afspraken met de netbeheerder over netcongestie op bedrijventerreinen.',
    topics: ['zon', 'netcongestie'],
  },
  en: {
    organisation: 'Stedin',
    organisationType: 'netbeheerder',
    role: 'Grid planner',
    goals: 'Room on the grid for every business park that wants to go electric.',
    offers: 'Grid capacity maps and early advice on connections.',
    needs: 'Municipalities that plan solar roofs together with us.',
    topics: ['zon', 'netcongestie'],
  },
} as const;

/** The words a person types, per language. */
const W = {
  nl: {
    help: 'hulp',
    join: 'aanmelden',
    joinStatus: 'aanmelden status',
    invite: 'uitnodigen',
    inviteParty: 'uitnodigen partij',
  },
  en: {
    help: 'help',
    join: 'join',
    joinStatus: 'join status',
    invite: 'invite',
    inviteParty: 'invite party',
  },
} as const;

export class Session {
  private readonly onb;
  private readonly inv;
  constructor(
    readonly lang: Locale,
    readonly app: TestApp,
    readonly page: Page,
  ) {
    this.onb = onboarding.t(lang);
    this.inv = invitations.t(lang);
  }

  get words() {
    return W[this.lang];
  }
  get onboardingT() {
    return this.onb;
  }
  get invitationsT() {
    return this.inv;
  }

  /** The message list of the conversation on screen. */
  get log(): Locator {
    return this.page.getByRole('log');
  }

  /** Chooses who you are in the picker; waits until their private conversation is shown. */
  async as(persona: { name: string }): Promise<void> {
    await this.replacingList(() =>
      this.page.getByLabel(t(this.lang, 'local.whoAreYou')).selectOption({ label: persona.name }),
    );
  }

  async open(conversation: 'direct' | 'channel'): Promise<void> {
    const name = conversation === 'direct' ? t(this.lang, 'local.direct') : '# alliantie';
    await this.replacingList(() => this.page.getByRole('button', { name }).click());
  }

  /** Opening a conversation swaps the message list for a new one once its history came. */
  private async replacingList(action: () => Promise<unknown>): Promise<void> {
    const old = await this.log.elementHandle();
    await action();
    await old?.waitForElementState('hidden');
    await old?.dispose();
    await this.log.waitFor();
  }

  /** Types a message in the composer and sends it. */
  async say(text: string): Promise<void> {
    await this.page
      .getByRole('textbox', { name: t(this.lang, 'local.messageLabel'), exact: true })
      .fill(text);
    await this.page.getByRole('button', { name: t(this.lang, 'local.send'), exact: true }).click();
    await this.log.getByRole('article').filter({ hasText: text }).last().waitFor();
  }

  /** A bot message (an article) holding this text; the last one when there are more. */
  answer(text: string | RegExp): Locator {
    return this.log.getByRole('article').filter({ hasText: text }).last();
  }

  /** The bot's first message after the last thing a person wrote here. */
  reply(): Locator {
    return this.page.locator(
      'xpath=(//article[contains(@class,"from-person")])[last()]/following-sibling::article[contains(@class,"from-bot")]',
    );
  }

  /**
   * Waits for the answer, then photographs the conversation from the command (or `top`) on:
   * what came before is hidden for the picture, so it shows the command and its answer whole.
   */
  async shot(name: string, answer: string | RegExp | null, top?: Locator): Promise<void> {
    await (answer === null ? this.reply().first() : this.answer(answer)).waitFor();
    const first = top ?? this.log.locator('article.from-person').last();
    await first.evaluate((el) => {
      // A card can hold an article of its own: the message is the list's child.
      const message = el.closest('[data-message-id]') ?? el;
      const list = message.parentElement;
      for (const m of list?.children ?? []) {
        if (m === message) break;
        // The page's CSP refuses style attributes; `hidden` is markup.
        m.setAttribute('hidden', '');
      }
      list?.scrollTo(0, 0);
    });
    const path = `${OUT}/${this.lang}-${name}.png`;
    await writeFile(path, toPalettePng(await this.page.locator('main').screenshot()));
    // The hidden messages come back: a later picture may start at one of them.
    await this.log.evaluate((list) => {
      for (const m of list.children) m.removeAttribute('hidden');
    });
    process.stdout.write(`wrote ${path}\n`);
  }

  /**
   * The newcomer, joined: a group taken on its own (`npm run docs:screenshots -- commitment`)
   * runs without the `join` pictures, and a person who has not joined is only told to join.
   * Her intake then goes straight through the engine, with what she fills in there.
   */
  async newcomer(): Promise<Persona> {
    const persona = NEWCOMER(this.lang);
    const member = await this.app.app.store.members.getMember(ALLIANCE, persona.id);
    if (!member) await this.intake(persona, { ...NEWCOMER_INTAKE[this.lang] });
    return persona;
  }

  /** A persona's intake, straight through the engine (not photographed). */
  async intake(
    persona: { id: string; name: string },
    values: Record<string, unknown>,
  ): Promise<void> {
    const result = await this.app.app.engine.handle({
      type: 'form_submitted',
      eventId: `guide-intake:${persona.id}`,
      platform: 'local',
      actor: { userId: persona.id, displayName: persona.name },
      conversation: { id: directConversationOf(persona.id), kind: 'direct' },
      formId: 'onboarding.intake',
      context: ALLIANCE,
      values: { name: persona.name, language: this.lang, ...values },
    });
    if (result.error) throw new Error(`intake of ${persona.name}: ${result.error}`);
  }
}

export type Shot = { name: string; run(s: Session): Promise<void> };

/** A picture of one command's answer: who types which words, and what to wait for. */
export function command(
  name: string,
  persona: Persona | ((lang: Locale) => Persona),
  typed: Record<Locale, string>,
  expect?: (lang: Locale) => string | RegExp,
): Shot {
  return {
    name,
    async run(s) {
      await s.as(typeof persona === 'function' ? persona(s.lang) : persona);
      await s.say(typed[s.lang]);
      await s.shot(name, expect ? expect(s.lang) : null);
    },
  };
}

export const REGION = 'Energieregio Holland-West';
