/**
 * Dutch, the default language of everything the bot says. The English catalogue must have
 * exactly the same keys and parameters (checked by the typechecker through `Catalogue`).
 */
export const nl = {
  'common.and': 'en',
  'common.none': 'geen',
  'common.unknownPerson': 'iemand',

  'help.header': (p: { alliance: string }) => `Wat ik voor je kan doen in ${p.alliance}`,
  'help.intro':
    'Ik ben de alliantiebot: ik help partners elkaar te vinden, kennis te delen, afspraken na te komen en successen samen te vieren. Typ een van deze woorden:',
  'help.context.slack':
    'In Slack: /alliance <woord>. Elders: stuur het woord in een bericht aan mij.',
  'help.footer': (p: { other: string }) => `Engelse woorden werken ook (${p.other}).`,
  'help.coordinatorOnly': 'alleen coördinatoren',

  'help.notYet': (p: { word: string }) =>
    `"${p.word}" kan ik nog niet in deze omgeving. Typ hulp om te zien wat wel kan.`,

  'home.header': (p: { alliance: string }) => `Alliantiebot in ${p.alliance}`,
  'home.member': (p: { name: string; partner: string }) =>
    `Je bent aangemeld als ${p.name} van ${p.partner}.`,
  'home.notMember':
    'Je bent nog niet aangemeld. Typ /alliance aanmelden om kennis te maken met de andere partners.',
  'home.commands': 'Wat je hier kunt doen',
  'command.help': 'wat ik hier voor je kan doen',
  'command.join': 'meld je aan en stel je voor aan de alliantie',
  'command.invite': 'nodig een persoon of nieuwe partij uit',
  'command.share': 'deel een document',
  'command.docs': 'zoek documenten die je mag zien',
  'command.ask': 'vraag de alliantie om een document',
  'command.toolkit': 'kernboodschappen en teksten',
  'command.link': 'koppel je Slack- en Teams-account',
  'command.checkin': 'beantwoord of plan check-ins',
  'command.commitment': 'leg een afspraak vast of werk hem bij',
  'command.idea': 'stel een idee voor of onderteken er een',
  'command.success': 'meld een gezamenlijk succes',
  'command.digest': 'het actuele overzicht',
  'command.health': 'de gezondheid van de community',
  'command.privacy': 'exporteer of wis je gegevens',
  'command.audit': 'het logboek',

  'errors.internal':
    'Er ging iets mis aan mijn kant. Probeer het zo nog eens; blijft het misgaan, laat het de coördinator weten.',
  'errors.not_in_alliance':
    'Dit gesprek is (nog) niet gekoppeld aan een alliantie. Vraag de coördinator om dit kanaal of deze werkruimte te koppelen.',
  'errors.unknown_command': (p: { word: string }) =>
    `Het woord "${p.word}" ken ik niet. Typ hulp om te zien wat ik kan.`,
  'errors.not_understood': 'Dat begrijp ik niet. Typ hulp om te zien wat ik voor je kan doen.',
  'errors.validation_failed': 'Niet alles is goed ingevuld. Kijk bij de velden met een melding.',
  'errors.permission_denied': (p: { roles?: string; action?: string }) =>
    p.roles && p.action
      ? `Alleen ${p.roles} kan ${p.action}.`
      : 'Dat mag alleen een coördinator van deze alliantie.',
  'errors.busy': 'Ik ben nog bezig met je vorige bericht. Probeer het zo nog eens.',
  'errors.form_expired': 'Dit formulier is verlopen. Begin opnieuw met aanmelden.',
  'errors.rate_limited': 'Het is even druk. Ik probeer het zo opnieuw.',
  'errors.platform_permanent': 'Ik kan dit kanaal niet (meer) bereiken.',
  'errors.platform_transient': 'Het platform reageert nu niet. Ik probeer het opnieuw.',
  'errors.config_invalid': 'De instellingen van de bot kloppen niet. Laat het de beheerder weten.',

  'role.coordinator': 'een coördinator',
  'role.spokesperson': 'een woordvoerder',
  'role.member': 'een deelnemer',
  'role.or': 'of',
  'help.onlyFor': (p: { roles: string }) => `alleen ${p.roles}`,
  'help.choose': (p: { word: string }) => `Na "${p.word}" kun je kiezen uit:`,

  'form.required': 'Vul dit veld in.',
  'form.tooLong': (p: { max: number }) => `Maximaal ${p.max} tekens.`,
  'form.invalidUrl': 'Vul een volledige link in, die begint met https://.',
  'form.invalidDate': 'Vul een datum in als JJJJ-MM-DD.',
  'form.invalidNumber': 'Vul een getal in.',
  'form.tooSmall': (p: { min: number }) => `Minimaal ${p.min}.`,
  'form.tooLarge': (p: { max: number }) => `Maximaal ${p.max}.`,
  'form.invalidOption': 'Kies een van de opties.',
  'form.tooMany': (p: { max: number }) => `Kies er hoogstens ${p.max}.`,
  'form.optional': 'optioneel',
  'form.cancel': 'Annuleren',

  'partnerType.provincie': 'Provincie',
  'partnerType.gemeente': 'Gemeente',
  'partnerType.waterschap': 'Waterschap',
  'partnerType.netbeheerder': 'Netbeheerder',
  'partnerType.energiebedrijf': 'Energiebedrijf',
  'partnerType.woningcorporatie': 'Woningcorporatie',
  'partnerType.energiecooperatie': 'Energiecoöperatie',
  'partnerType.rijksoverheid': 'Rijksoverheid',
  'partnerType.kennisinstelling': 'Kennisinstelling',
  'partnerType.bedrijf': 'Bedrijf',
  'partnerType.maatschappelijke-organisatie': 'Maatschappelijke organisatie',
  'partnerType.overig': 'Anders',

  'language.nl': 'Nederlands',
  'language.en': 'English',

  'local.title': 'Alliantiebot — lokale chat',
  'local.intro':
    'Dit is de ingebouwde chat van de alliantiebot: kies wie je bent en praat met de bot, privé of in het alliantiekanaal. Zo werkt het ook in Slack en Teams.',
  'local.whoAreYou': 'Wie ben je?',
  'local.conversations': 'Gesprekken',
  'local.direct': 'Privé met Alliantiebot',
  'local.messages': 'Berichten',
  'local.messageLabel': 'Bericht',
  'local.send': 'Versturen',
  'local.placeholder.direct': 'Typ bijvoorbeeld hulp of aanmelden',
  'local.placeholder.channel':
    'Schrijf in het kanaal; begin met @alliantiebot om de bot aan te spreken',
  'local.onlyYou': 'Alleen zichtbaar voor jou',
  'local.bot': 'Alliantiebot',
  'local.failed': 'Versturen is mislukt. Probeer het nog eens.',
  'local.empty': 'Nog geen berichten.',

  'delivery.unreachable': (p: { name: string; mailed: boolean }) =>
    `${p.name}, ik kan je hier geen privébericht sturen (de bot mag mensen van een andere organisatie niet privé benaderen), dus mijn antwoord op je vraag kwam niet aan.${p.mailed ? ' Ik heb het naar je e-mailadres gestuurd.' : ' Vraag het me in een eigen chat met de bot, of vraag de coördinator het je te sturen.'}`,
  'delivery.unreachableSubject': (p: { alliance: string }) =>
    `${p.alliance}: je antwoord van de alliantiebot`,
  'delivery.failed': (p: { destination: string; reason: string }) =>
    `Een bericht van de alliantiebot kon niet worden bezorgd bij ${p.destination} (${p.reason}). Controleer of de bot nog in dat kanaal zit en of het kanaal nog bestaat.`,
  'slack.installed': (p: { team: string }) =>
    `Alliantiebot is geïnstalleerd in ${p.team}. Nodig de bot uit in het alliantiekanaal (/invite @Alliantiebot) en laat de coördinator het kanaal koppelen.`,
  'slack.installFailed':
    'De installatie is niet gelukt. Probeer het opnieuw vanaf de installatiepagina.',
  'slack.installPage.title': 'Alliantiebot installeren in Slack',
  'slack.installPage.done': 'Alliantiebot is toegevoegd aan Slack',
  'slack.installPage.failed': 'Installatie niet gelukt',
  'slack.installPage.retry': 'Opnieuw installeren',
  'slack.installPage.refused': 'Installatie geweigerd',
  'slack.installRefused': (p: { team: string }) =>
    `Alliantiebot is niet geïnstalleerd in ${p.team}: deze werkruimte hoort bij geen enkele alliantie van deze bot. Vraag de coördinator van je alliantie om de werkruimte toe te voegen (workspaces in de instellingen) en probeer het daarna opnieuw.`,
  'http.linkGone': 'Deze link werkt niet (meer).',
  'http.chartGone': 'Deze grafiek is verlopen of bestaat niet.',
} satisfies Record<string, string | ((params: never) => string)>;

export type Catalogue = typeof nl;
