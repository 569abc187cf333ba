/**
 * `npm run docs:screenshots` (`npx tsx scripts/screenshot-guide.ts [name …]`): the user
 * guide's pictures of the web chat, in Dutch and in English (docs/guide/<nl|en>-<name>.png).
 * Per language it starts the real app in local mode on a private key prefix (with a local SMTP
 * server, so invitations go out by e-mail), lets the demo personas type each command in
 * Chromium and photographs the answer. The English run opens the page in English and has the
 * personas do their intake in English, so the bot answers them in English. Waits on what a
 * person would see, never on time. Names on the command line take only those pictures.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Locator, type Page } from 'playwright-core';
import { directConversationOf } from '../adapters/local/index.js';
import { words as documents } from '../flows/documents-words.js';
import { words as ideas } from '../flows/ideas-words.js';
import { words as invitations } from '../flows/invitations-words.js';
import { words as onboarding } from '../flows/onboarding-words.js';
import { words as toolkit } from '../flows/toolkit-words.js';
import type { Locale } from '../src/core/events.js';
import { t } from '../src/core/i18n/index.js';
import { CHROMIUM } from '../test/e2e/browser.js';
import { startTestApp, type TestApp } from '../test/helpers/app.js';
import { startTestSmtp } from '../test/helpers/smtp.js';

const ALLIANCE = 'energieregio-west';
const OUT = 'docs/guide';

/** The personas the pictures use (examples/energieregio.yaml). */
const JOOST = { id: 'local:demo:joost', name: 'Joost Vermeulen' };
const FATIMA = { id: 'local:demo:fatima', name: 'Fatima El Amrani' };
const PIETER = { id: 'local:demo:pieter', name: 'Pieter Bakker' };
const ANNA = { id: 'local:demo:anna', name: 'Anna de Vries' };
/** Emma speaks English (her persona's locale): the English run's newcomer. */
const EMMA = { id: 'local:demo:emma', name: 'Emma Clarke' };
type Persona = { id: string; name: string };
/** The partner's staff member who joins in the pictures: Anna in Dutch, Emma in English. */
const NEWCOMER = (lang: Locale): Persona => (lang === 'nl' ? ANNA : EMMA);

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

class Session {
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
    await this.page.locator('main').screenshot({ path });
    // The hidden messages come back: a later picture may start at one of them.
    await this.log.evaluate((list) => {
      for (const m of list.children) m.removeAttribute('hidden');
    });
    process.stdout.write(`wrote ${path}\n`);
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

type Shot = { name: string; run(s: Session): Promise<void> };

/** A picture of one command's answer: who types which words, and what to wait for. */
function command(
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

const REGION = 'Energieregio Holland-West';

const SHOTS: Shot[] = [
  {
    name: 'help',
    async run(s) {
      await s.as(JOOST);
      await s.say(s.words.help);
      await s.shot('help', t(s.lang, 'help.header', { alliance: 'Energieregio Holland-West' }));
    },
  },
  {
    name: 'join',
    async run(s) {
      const o = s.onboardingT;
      const newcomer = NEWCOMER(s.lang);
      await s.as(newcomer);
      await s.say(s.words.join);
      await s.shot('join', o('onboarding.intake.title'));
      const form = s.page.getByRole('form', { name: o('onboarding.intake.title') });
      const nl = s.lang === 'nl';
      await form
        .getByLabel(o('onboarding.field.organisation'), { exact: true })
        .fill(nl ? 'Gemeente Leiden' : 'Stedin');
      await form
        .getByLabel(o('onboarding.field.organisationType'))
        .selectOption(nl ? 'gemeente' : 'netbeheerder');
      await form
        .getByLabel(o('onboarding.field.role'), { exact: true })
        .fill(nl ? 'Beleidsadviseur energie' : 'Grid planner');
      await form
        .getByLabel(o('onboarding.field.goals'))
        .fill(
          nl
            ? 'In 2030 liggen alle geschikte gemeentelijke daken vol zonnepanelen.'
            : 'Room on the grid for every business park that wants to go electric.',
        );
      await form
        .getByLabel(o('onboarding.field.offers'))
        .fill(
          nl
            ? 'Kennis van vergunningen en van participatie met inwoners.'
            : 'Grid capacity maps and early advice on connections.',
        );
      await form
        .getByLabel(o('onboarding.field.needs'))
        .fill(
          nl
            ? 'Afspraken met de netbeheerder over netcongestie op bedrijventerreinen.'
            : 'Municipalities that plan solar roofs together with us.',
        );
      await form.getByRole('checkbox').nth(0).check();
      await form.getByRole('checkbox').nth(3).check();
      await form.getByRole('button', { name: o('onboarding.intake.submit') }).click();
      await s.shot(
        'join-done',
        o('onboarding.done', { name: newcomer.name, alliance: 'Energieregio Holland-West' }),
        s.answer(
          o('onboarding.done', { name: newcomer.name, alliance: 'Energieregio Holland-West' }),
        ),
      );
      await s.open('channel');
      // The channel speaks the alliance's language (Dutch), whoever joined.
      const intro = onboarding.t('nl')('onboarding.intro.header', {
        name: newcomer.name,
        partner: nl ? 'Gemeente Leiden' : 'Stedin',
      });
      await s.shot('join-introduction', intro, s.answer(intro));
    },
  },
  {
    name: 'partner',
    async run(s) {
      // The card speaks the alliance's language (Dutch), whoever the coordinator is.
      const o = onboarding.t('nl');
      await s.intake(PIETER, {
        organisation: 'Waterbedrijf Rijnland Noord',
        organisationType: 'bedrijf',
        role: s.lang === 'nl' ? 'Adviseur warmte' : 'Heat adviser',
        goals:
          s.lang === 'nl'
            ? 'Aquathermie uit oppervlaktewater voor 5.000 woningen.'
            : 'Heat from surface water for 5,000 homes.',
        offers:
          s.lang === 'nl'
            ? 'Data over waterkwaliteit en temperatuur.'
            : 'Data on water quality and temperature.',
        needs:
          s.lang === 'nl'
            ? 'Woningcorporaties die willen meedoen.'
            : 'Housing associations that want to take part.',
        topics: ['warmte'],
      });
      await s.as(JOOST);
      const header = o('onboarding.partner.header', {
        organisation: 'Waterbedrijf Rijnland Noord',
      });
      const card = s.answer(header);
      await s.shot('partner-request', header, card);
      await card
        .getByRole('button', {
          name: o('onboarding.partner.mergeWith', { partner: 'Hoogheemraadschap van Rijnland' }),
        })
        .click();
      const merged = /Samengevoegd met Hoogheemraadschap/;
      await s.shot('partner-merged', merged, s.answer(merged));
    },
  },
  {
    name: 'invite',
    async run(s) {
      const i = s.invitationsT;
      await s.as(JOOST);
      await s.say(s.words.invite);
      await s.shot('invite', i('invitations.form.title'));
      const form = s.page.getByRole('form', { name: i('invitations.form.title') });
      await form.getByLabel(i('invitations.field.name'), { exact: true }).fill('Sanne de Wit');
      await form
        .getByLabel(i('invitations.field.email'), { exact: true })
        .fill('sanne.dewit@portaal.example');
      await form
        .getByLabel(i('invitations.field.organisation'), { exact: true })
        .selectOption({ label: 'Woningcorporatie Portaal Leiden' });
      await form.getByRole('button', { name: i('invitations.form.submit') }).click();
      const sent = i('invitations.sent.email', {
        name: 'Sanne de Wit',
        organisation: 'Woningcorporatie Portaal Leiden',
        email: 'sanne.dewit@portaal.example',
      });
      await s.shot('invite-sent', sent, s.answer(sent));
    },
  },
  {
    name: 'invite-party',
    async run(s) {
      const i = s.invitationsT;
      await s.as(JOOST);
      await s.say(s.words.inviteParty);
      await s.shot('invite-party', i('invitations.party.title'));
    },
  },
  {
    name: 'join-status',
    async run(s) {
      await s.as(JOOST);
      await s.say(s.words.joinStatus);
      await s.shot(
        'join-status',
        s.onboardingT('onboarding.status.header', { alliance: 'Energieregio Holland-West' }),
      );
    },
  },
  command('link', JOOST, { nl: 'koppel', en: 'link' }),
  {
    name: 'share',
    async run(s) {
      const d = documents.t(s.lang);
      await s.as(JOOST);
      await s.say(s.lang === 'nl' ? 'deel' : 'share');
      await s.shot('share', d('documents.form.title'));
      const form = s.page.getByRole('form', { name: d('documents.form.title') });
      const title = s.lang === 'nl' ? 'Warmtevisie Leiden 2030' : 'Heat plan Leiden 2030';
      // The title's box has no accessible name in the web chat (its label points elsewhere).
      await form.getByRole('textbox').first().fill(title);
      await form
        .getByLabel(d('documents.field.link'), { exact: true })
        .fill('https://www.leiden.nl/warmtevisie');
      await form
        .getByLabel(d('documents.field.summary'))
        .fill(
          s.lang === 'nl'
            ? 'Welke wijken wanneer van het gas af gaan, en met welke warmtebron.'
            : 'Which neighbourhoods leave natural gas when, and with which heat source.',
        );
      await form
        .getByLabel(d('documents.field.level'), { exact: true })
        .selectOption({ label: d('documents.level.alliance') });
      await form.getByRole('button', { name: d('documents.form.submit') }).click();
      await s.shot('share-done', title, s.answer(title));
      await s.say(s.lang === 'nl' ? 'documenten warmte' : 'docs heat');
      await s.shot('docs', title);
    },
  },
  command('ask', NEWCOMER, {
    nl: 'vraag de laatste netcongestiekaart van Stedin',
    en: 'ask the latest grid congestion map of Stedin',
  }),
  command('toolkit', NEWCOMER, { nl: 'toolkit', en: 'toolkit' }, (lang) =>
    toolkit.t(lang)('toolkit.header', { alliance: REGION }),
  ),
  command('toolkit-add', JOOST, { nl: 'toolkit toevoegen', en: 'toolkit add' }),
  command('idea', NEWCOMER, {
    nl: 'idee Samen zonnepanelen inkopen voor de daken van bedrijventerreinen',
    en: 'idea Buy solar panels together for the roofs of business parks',
  }),
  command('ideas', JOOST, { nl: 'idee', en: 'idea' }, (lang) =>
    ideas.t(lang)('ideas.list.header', { alliance: REGION }),
  ),
  command('success', JOOST, {
    nl: 'succes Zonnepark Valkenburg levert stroom',
    en: 'success Valkenburg solar park delivers power',
  }),
  command('commitment', JOOST, { nl: 'afspraak', en: 'commitment' }),
  command('commitment-new', JOOST, { nl: 'afspraak nieuw', en: 'commitment new' }),
  command('checkin-schedule', JOOST, { nl: 'checkin plannen', en: 'checkin schedule' }),
  command('checkin-status', JOOST, { nl: 'checkin status', en: 'checkin status' }),
  command('privacy', NEWCOMER, { nl: 'privacy', en: 'privacy' }),
  command('privacy-export', NEWCOMER, { nl: 'privacy inzien', en: 'privacy export' }),
  command('privacy-forget', NEWCOMER, { nl: 'privacy vergeten', en: 'privacy forget' }),
  command('audit', JOOST, { nl: 'logboek', en: 'audit' }),
];

async function run(lang: Locale, only: Set<string>): Promise<void> {
  const smtp = await startTestSmtp();
  const app = await startTestApp({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Alliantiebot <alliantiebot@energieregio-west.example>',
  });
  // Debian's Chromium as the tests drive it, with greyscale text smoothing: the same picture
  // in fewer colours, so the PNG files stay small.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-lcd-text'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
      timezoneId: 'Europe/Amsterdam',
    });
    page.setDefaultTimeout(15_000);
    await page.goto(`${app.baseUrl}/?lang=${lang}`);
    const s = new Session(lang, app, page);
    // The coordinator and the spokesperson joined already, in the language of this run.
    await s.intake(JOOST, {
      organisation: 'Provincie Zuid-Holland',
      organisationType: 'provincie',
      role: lang === 'nl' ? 'Coördinator Energieregio Holland-West' : 'Coordinator',
      goals: 'De regionale energiestrategie samen waarmaken.',
      offers: 'Overzicht over de hele regio.',
      needs: 'Tijdig zicht op knelpunten.',
      topics: ['netcongestie', 'participatie'],
    });
    await s.intake(FATIMA, {
      organisation: 'Provincie Zuid-Holland',
      organisationType: 'provincie',
      role: lang === 'nl' ? 'Woordvoerder' : 'Spokesperson',
      goals: 'Successen van de regio zichtbaar maken.',
      offers: 'Persberichten en contacten met regionale media.',
      needs: 'Successen en cijfers van partners.',
      topics: ['participatie', 'zon'],
    });
    for (const shot of SHOTS) {
      if (only.size > 0 && !only.has(shot.name)) continue;
      await shot.run(s);
    }
  } finally {
    await browser.close();
    await app.stop();
    await smtp.stop();
  }
}

await mkdir(OUT, { recursive: true });
const only = new Set(process.argv.slice(2));
for (const lang of ['nl', 'en'] as const) await run(lang, only);
