/**
 * The user guide's pictures, in the order they are taken (later ones build on earlier ones:
 * the newcomer joins before she shares, asks or proposes). Each photographs one command's
 * answer in the web chat; see scripts/screenshot-guide.ts.
 */
import { words as checkins } from '../flows/checkins-words.js';
import { words as commitments } from '../flows/commitments-words.js';
import { words as digest } from '../flows/digest-words.js';
import { words as documents } from '../flows/documents-words.js';
import { words as health } from '../flows/health-words.js';
import { words as ideas } from '../flows/ideas-words.js';
import { undoWords } from '../flows/link-views.js';
import { words as link } from '../flows/link-words.js';
import { words as onboarding } from '../flows/onboarding-words.js';
import { words as successes } from '../flows/successes-words.js';
import { words as toolkit } from '../flows/toolkit-words.js';
import { t } from '../src/core/i18n/index.js';
import { fakeAdapter } from '../test/helpers/flow-kit.js';
import {
  command,
  FATIMA,
  JOOST,
  NEWCOMER,
  NEWCOMER_INTAKE,
  PIETER,
  REGION,
  type Shot,
} from './screenshot-guide-session.js';

export const SHOTS: Shot[] = [
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
      const v = NEWCOMER_INTAKE[s.lang];
      await form
        .getByLabel(o('onboarding.field.organisation'), { exact: true })
        .fill(v.organisation);
      await form
        .getByLabel(o('onboarding.field.organisationType'))
        .selectOption(v.organisationType);
      await form.getByLabel(o('onboarding.field.role'), { exact: true }).fill(v.role);
      await form.getByLabel(o('onboarding.field.goals')).fill(v.goals);
      await form.getByLabel(o('onboarding.field.offers')).fill(v.offers);
      await form.getByLabel(o('onboarding.field.needs')).fill(v.needs);
      for (const topic of v.topics)
        await form.locator(`input[type=checkbox][value="${topic}"]`).check();
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
        partner: v.organisation,
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
    // Joost types the code of the previous picture in his chat with Alliantiebot on Slack;
    // the web chat tells him his Slack account is linked now.
    name: 'link-done',
    async run(s) {
      const l = link.t(s.lang);
      await s.as(JOOST);
      const shown = (await s.answer(l('link.code.header')).textContent()) ?? '';
      const code = /[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(shown)?.[0];
      if (!code) throw new Error(`no link code in: ${shown}`);
      // Joost's Slack is not photographed: what the bot answers him there goes nowhere.
      if (!s.app.app.adapters.get('slack')) s.app.app.adapters.add(fakeAdapter('slack'));
      await s.app.app.engine.handle({
        eventId: `guide-link-${s.lang}`,
        platform: 'slack',
        actor: { userId: 'slack:T0DEMO01:U0JOOST01' },
        conversation: { id: 'slack:T0DEMO01:D0JOOST01', kind: 'direct' },
        type: 'message',
        text: `${s.lang === 'nl' ? 'koppel' : 'link'} ${code}`,
      });
      await s.shot(
        'link-done',
        l('link.linked.there', {
          platform: 'Slack',
          alliance: REGION,
          undo: undoWords(s.lang),
        }),
      );
    },
  },
  command('link-list', JOOST, { nl: 'koppel', en: 'link' }, (lang) =>
    link.t(lang)('link.list.header'),
  ),
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
  command('docs-mine', JOOST, { nl: 'documenten mijn', en: 'docs mine' }),
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
  {
    name: 'success',
    async run(s) {
      const w = successes.t(s.lang);
      const nl = s.lang === 'nl';
      const title = nl
        ? 'Zonnepark Valkenburg levert stroom'
        : 'Valkenburg solar park delivers power';
      await s.as(JOOST);
      await s.say(`${nl ? 'succes' : 'success'} ${title}`);
      await s.shot('success', w('successes.form.title'));
      const form = s.page.getByRole('form', { name: w('successes.form.title') });
      await form
        .getByLabel(w('successes.field.story'))
        .fill(
          nl
            ? 'Het zonnepark op de vuilstort van Valkenburg is aangesloten: 12 MW, met 400 inwoners als mede-eigenaar.'
            : 'The solar park on the old Valkenburg landfill is connected: 12 MW, with 400 residents as co-owners.',
        );
      await form.getByRole('checkbox', { name: 'Stedin' }).check();
      await form.getByLabel(w('successes.field.impactValue')).fill('12');
      await form.getByLabel(w('successes.field.impactUnit')).fill('MW');
      await form
        .getByLabel(w('successes.field.link'), { exact: true })
        .fill('https://www.energieregio-west.example/valkenburg');
      await form.getByRole('button', { name: w('successes.form.submit') }).click();
      const sent = nl ? /ter goedkeuring/ : /for approval/;
      await s.shot('success-sent', sent, s.answer(sent));
      // The spokesperson's card, in her language; approving announces it in the channel.
      await s.as(FATIMA);
      const header = w('successes.approval.header', { title });
      const card = s.answer(header);
      await s.shot('success-approval', header, card);
      await card.getByRole('button', { name: w('successes.approval.approve') }).click();
      await s.answer(nl ? /Goedgekeurd door/ : /Approved by/).waitFor();
      await s.open('channel');
      await s.shot('success-announced', title, s.answer(title));
    },
  },
  {
    name: 'commitment',
    async run(s) {
      const w = commitments.t(s.lang);
      const nl = s.lang === 'nl';
      await s.as(await s.newcomer());
      await s.say(nl ? 'afspraak nieuw' : 'commitment new');
      await s.shot('commitment-new', w('commitments.form.newTitle'));
      const form = s.page.getByRole('form', { name: w('commitments.form.newTitle') });
      const what = nl
        ? 'Drie laadpleinen opleveren in Leiden-Noord'
        : 'Grid reinforcement for the Valkenburg solar park';
      await form.getByLabel(w('commitments.field.what')).fill(what);
      await form.getByRole('button', { name: w('commitments.form.submit') }).click();
      await s.answer(w('commitments.done.new', { what })).waitFor();
      await s.say(nl ? 'afspraak' : 'commitment');
      await s.shot('commitment', what);
    },
  },
  {
    name: 'checkin',
    async run(s) {
      const w = checkins.t(s.lang);
      const nl = s.lang === 'nl';
      await s.as(JOOST);
      await s.say(nl ? 'checkin plannen' : 'checkin schedule');
      await s.shot('checkin-schedule', w('checkins.form.newTitle'));
      const form = s.page.getByRole('form', { name: w('checkins.form.newTitle') });
      await form.getByRole('button', { name: w('checkins.form.submit') }).click();
      await s.answer(nl ? /Gepland/ : /Scheduled/).waitFor();
      await s.say('checkin status');
      await s.shot('checkin-status', w('checkins.status.header', { alliance: REGION }));
    },
  },
  command('privacy', NEWCOMER, { nl: 'privacy', en: 'privacy' }),
  command('privacy-export', NEWCOMER, { nl: 'privacy inzien', en: 'privacy export' }),
  command('privacy-forget', NEWCOMER, { nl: 'privacy vergeten', en: 'privacy forget' }),
  command('digest', JOOST, { nl: 'overzicht', en: 'digest' }, (lang) =>
    digest.t(lang)('digest.header', { alliance: REGION }),
  ),
  command('health', JOOST, { nl: 'gezondheid', en: 'health' }, (lang) =>
    health.t(lang)('health.header', { alliance: REGION }),
  ),
  command('audit', JOOST, { nl: 'logboek', en: 'audit' }),
  {
    name: 'introduction',
    async run(s) {
      // A minute after her introduction the bot suggests people of other partners to meet:
      // taken last, so most of that minute went to the other pictures.
      await s.as(NEWCOMER(s.lang));
      const card = s.answer(s.lang === 'nl' ? /^Kennismaken met/ : /^Meet /);
      await card.waitFor({ timeout: 120_000 });
      await s.shot('introduction', s.lang === 'nl' ? /Kennismaken met/ : /Meet /, card);
    },
  },
];
