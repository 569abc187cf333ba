/**
 * The words of onboarding, in Dutch (the default) and English: the welcome, the intake form,
 * the introduction card and the notices. Typed: the English words mirror the Dutch ones.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'onboarding',
  {
    'onboarding.nudge': (p: { alliance: string }) =>
      `Je kennismaking bij ${p.alliance} staat nog open. Het kost een paar minuten; daarna stel ik je voor aan de andere partners.`,
    'onboarding.welcome.header': (p: { alliance: string }) => `Welkom bij ${p.alliance}`,
    'onboarding.welcome.text': (p: { name: string }) =>
      `Fijn dat je er bent, ${p.name}. In deze alliantie werken partners samen aan één ambitie, terwijl ieder zijn eigen belangen houdt. Eerst even kennismaken: vertel wie je bent, wat je meebrengt en wat je zoekt, dan stel ik je voor aan de andere partners.`,
    'onboarding.welcome.textNoName':
      'Fijn dat je er bent. In deze alliantie werken partners samen aan één ambitie, terwijl ieder zijn eigen belangen houdt. Eerst even kennismaken: vertel wie je bent, wat je meebrengt en wat je zoekt, dan stel ik je voor aan de andere partners.',
    'onboarding.welcome.ambition': 'Onze gedeelde ambitie',
    'onboarding.welcome.rules': 'Huisregels',
    'onboarding.welcome.start': 'Start de kennismaking',
    'onboarding.welcome.context': 'Alleen jij ziet dit bericht.',
    'onboarding.intake.title': 'Kennismaken',
    'onboarding.intake.intro':
      'Wat je hier invult, zien de andere partners in je voorstelbericht. Je kunt het later bijwerken door opnieuw aanmelden te typen.',
    'onboarding.intake.submit': 'Versturen',
    'onboarding.field.name': 'Je naam',
    'onboarding.field.organisation': 'Organisatie',
    'onboarding.field.organisation.hint': (p: { known: string }) =>
      `Bijvoorbeeld een van de partners die er al zijn: ${p.known}.`,
    'onboarding.field.organisationType': 'Soort organisatie',
    'onboarding.field.role': 'Je rol',
    'onboarding.field.role.hint':
      'Bijvoorbeeld: beleidsadviseur energie, wethouder, projectleider.',
    'onboarding.field.goals': 'Wat wil je organisatie bereiken?',
    'onboarding.field.offers': 'Wat breng je mee?',
    'onboarding.field.needs': 'Wat zoek je?',
    'onboarding.field.topics': 'Onderwerpen',
    'onboarding.field.language': 'Taal',
    'onboarding.done': (p: { name: string; alliance: string }) =>
      `Dank je, ${p.name}! Je bent aangemeld bij ${p.alliance} en ik heb je voorgesteld in het alliantiekanaal.`,
    'onboarding.updated': (p: { name: string }) =>
      `Dank je, ${p.name}. Je gegevens zijn bijgewerkt.`,
    'onboarding.already': (p: { name: string; partner: string }) =>
      `Je bent al aangemeld als ${p.name} (${p.partner}). Wil je je gegevens bijwerken? Vul het formulier opnieuw in.`,
    'onboarding.intro.header': (p: { name: string; partner: string }) =>
      `Maak kennis met ${p.name} van ${p.partner}`,
    'onboarding.intro.text': (p: {
      name: string;
      firstName: string;
      partner: string;
      partnerType: string;
    }) =>
      `${p.name} doet mee namens ${p.partner} (${p.partnerType.toLowerCase()}). Heet ${p.firstName} welkom!`,
    'onboarding.intro.role': 'Rol',
    'onboarding.intro.goals': 'Wil bereiken',
    'onboarding.intro.offers': 'Brengt mee',
    'onboarding.intro.needs': 'Zoekt',
    'onboarding.intro.topics': 'Onderwerpen',
    'onboarding.intro.context': (p: { date: string }) => `Aangemeld op ${p.date}`,
    'onboarding.newPartner': (p: { partner: string }) =>
      `${p.partner} is een nieuwe partner in de alliantie.`,
    'onboarding.coordinator.notice': (p: { name: string; partner: string; alliance: string }) =>
      `${p.name} (${p.partner}) heeft zich aangemeld bij ${p.alliance}.`,
    'onboarding.partner.header': (p: { organisation: string }) =>
      `Nieuwe organisatie: ${p.organisation}`,
    'onboarding.partner.text': (p: {
      name: string;
      role: string;
      organisation: string;
      type: string;
    }) =>
      `${p.name} (${p.role}) wil meedoen namens ${p.organisation} (${p.type}), nog geen partner van de alliantie. Laat je deze organisatie toe, of hoort ${p.name} bij een partner die er al is?`,
    'onboarding.partner.accept': 'Toelaten als nieuwe partner',
    'onboarding.partner.mergeWith': (p: { partner: string }) => `Hoort bij ${p.partner}`,
    'onboarding.partner.decline': 'Niet toelaten',
    'onboarding.partner.context': 'Wie van de coördinatoren het eerst beslist, beslist.',
    'onboarding.partner.describe': 'een nieuwe organisatie toelaten',
    'onboarding.partner.accepted': (p: { who: string; when: string }) =>
      `Toegelaten als nieuwe partner door ${p.who} op ${p.when}.`,
    'onboarding.partner.merged': (p: { who: string; when: string; partner: string }) =>
      `Samengevoegd met ${p.partner} door ${p.who} op ${p.when}.`,
    'onboarding.partner.declined': (p: { who: string; when: string }) =>
      `Niet toegelaten door ${p.who} op ${p.when}.`,
    'onboarding.partner.already': (p: { who: string }) => `${p.who} heeft hier al over beslist.`,
    'onboarding.partner.gone': 'Dit verzoek bestaat niet meer.',
    'onboarding.partner.waiting': (p: { name: string; organisation: string; alliance: string }) =>
      `Dank je, ${p.name}. ${p.organisation} is nog geen partner van ${p.alliance}: de coördinatoren kijken ernaar en je hoort van mij wat ze besluiten.`,
    'onboarding.partner.youAccepted': (p: { organisation: string; alliance: string }) =>
      `${p.organisation} is toegelaten als partner van ${p.alliance}. Ik stel je nu voor aan de andere partners.`,
    'onboarding.partner.youMerged': (p: { partner: string; alliance: string }) =>
      `De coördinatoren hebben je aangemeld bij ${p.partner}, partner van ${p.alliance}. Ik stel je nu voor aan de andere partners.`,
    'onboarding.partner.youDeclined': (p: { organisation: string; alliance: string }) =>
      `${p.organisation} is (nog) niet toegelaten tot ${p.alliance}. Vragen? Neem contact op met de coördinator.`,
    'onboarding.status.header': (p: { alliance: string }) => `Onboarding in ${p.alliance}`,
    'onboarding.status.summary': (p: { members: number; partners: number; all: number }) =>
      `${p.members} mensen aangemeld, van ${p.partners} van de ${p.all} partners.`,
    'onboarding.status.started': (p: { name: string; since: string; nudges: number }) =>
      `${p.name}: begonnen op ${p.since}, nog niet klaar (${p.nudges}× herinnerd)`,
    'onboarding.status.waiting': (p: { name: string; organisation: string }) =>
      `${p.name}: wacht op jullie besluit over ${p.organisation}`,
    'onboarding.status.invited': (p: { name: string; organisation: string; since: string }) =>
      `${p.name} (${p.organisation}): uitgenodigd op ${p.since}, nog niet aangemeld`,
    'onboarding.status.undelivered': (p: { name: string; organisation: string }) =>
      `${p.name} (${p.organisation}): uitnodiging kwam niet aan`,
    'onboarding.status.stuck': 'Blijft hangen',
    'onboarding.status.nobody': 'Partners zonder aangemelde mensen',
    'onboarding.status.describe':
      'zien wie er is aangemeld, wie blijft hangen en welke partner nog niemand heeft',
    'onboarding.nudge.last': (p: { alliance: string }) =>
      `Een laatste herinnering: je kennismaking bij ${p.alliance} staat nog open. Daarna laat ik je met rust; typ aanmelden wanneer je wilt.`,
  },
  {
    'onboarding.nudge': (p) =>
      `Your introduction to ${p.alliance} is still open. It takes a few minutes; then I will introduce you to the other partners.`,
    'onboarding.welcome.header': (p) => `Welcome to ${p.alliance}`,
    'onboarding.welcome.text': (p) =>
      `Good to have you here, ${p.name}. In this alliance partners work towards one ambition while each keeps its own interests. First, let us get acquainted: tell us who you are, what you bring and what you are looking for, and I will introduce you to the other partners.`,
    'onboarding.welcome.textNoName':
      'Good to have you here. In this alliance partners work towards one ambition while each keeps its own interests. First, let us get acquainted: tell us who you are, what you bring and what you are looking for, and I will introduce you to the other partners.',
    'onboarding.welcome.ambition': 'Our shared ambition',
    'onboarding.welcome.rules': 'House rules',
    'onboarding.welcome.start': 'Start the introduction',
    'onboarding.welcome.context': 'Only you can see this message.',
    'onboarding.intake.title': 'Introduce yourself',
    'onboarding.intake.intro':
      'The other partners see what you fill in here in your introduction. You can update it later by typing join again.',
    'onboarding.intake.submit': 'Send',
    'onboarding.field.name': 'Your name',
    'onboarding.field.organisation': 'Organisation',
    'onboarding.field.organisation.hint': (p) =>
      `For example one of the partners already here: ${p.known}.`,
    'onboarding.field.organisationType': 'Type of organisation',
    'onboarding.field.role': 'Your role',
    'onboarding.field.role.hint': 'For example: energy policy adviser, alderman, project lead.',
    'onboarding.field.goals': 'What does your organisation want to achieve?',
    'onboarding.field.offers': 'What do you bring?',
    'onboarding.field.needs': 'What are you looking for?',
    'onboarding.field.topics': 'Topics',
    'onboarding.field.language': 'Language',
    'onboarding.done': (p) =>
      `Thank you, ${p.name}! You have joined ${p.alliance} and I have introduced you in the alliance channel.`,
    'onboarding.updated': (p) => `Thank you, ${p.name}. Your details have been updated.`,
    'onboarding.already': (p) =>
      `You have already joined as ${p.name} (${p.partner}). Want to update your details? Fill in the form again.`,
    'onboarding.intro.header': (p) => `Meet ${p.name} of ${p.partner}`,
    'onboarding.intro.text': (p) =>
      `${p.name} joins on behalf of ${p.partner} (${p.partnerType.toLowerCase()}). Make ${p.firstName} welcome!`,
    'onboarding.intro.role': 'Role',
    'onboarding.intro.goals': 'Wants to achieve',
    'onboarding.intro.offers': 'Brings',
    'onboarding.intro.needs': 'Looking for',
    'onboarding.intro.topics': 'Topics',
    'onboarding.intro.context': (p) => `Joined on ${p.date}`,
    'onboarding.newPartner': (p) => `${p.partner} is a new partner in the alliance.`,
    'onboarding.coordinator.notice': (p) => `${p.name} (${p.partner}) has joined ${p.alliance}.`,
    'onboarding.partner.header': (p) => `New organisation: ${p.organisation}`,
    'onboarding.partner.text': (p) =>
      `${p.name} (${p.role}) wants to join on behalf of ${p.organisation} (${p.type}), not yet a partner of the alliance. Do you accept this organisation, or does ${p.name} belong to a partner that is already in?`,
    'onboarding.partner.accept': 'Accept as a new partner',
    'onboarding.partner.mergeWith': (p) => `Belongs to ${p.partner}`,
    'onboarding.partner.decline': 'Do not accept',
    'onboarding.partner.context': 'The first coordinator to decide decides.',
    'onboarding.partner.describe': 'accept a new organisation',
    'onboarding.partner.accepted': (p) => `Accepted as a new partner by ${p.who} on ${p.when}.`,
    'onboarding.partner.merged': (p) => `Merged with ${p.partner} by ${p.who} on ${p.when}.`,
    'onboarding.partner.declined': (p) => `Not accepted by ${p.who} on ${p.when}.`,
    'onboarding.partner.already': (p) => `${p.who} has already decided on this.`,
    'onboarding.partner.gone': 'This request no longer exists.',
    'onboarding.partner.waiting': (p) =>
      `Thank you, ${p.name}. ${p.organisation} is not yet a partner of ${p.alliance}: the coordinators will look at it and I will tell you what they decide.`,
    'onboarding.partner.youAccepted': (p) =>
      `${p.organisation} has been accepted as a partner of ${p.alliance}. I am introducing you to the other partners now.`,
    'onboarding.partner.youMerged': (p) =>
      `The coordinators have signed you up with ${p.partner}, a partner of ${p.alliance}. I am introducing you to the other partners now.`,
    'onboarding.partner.youDeclined': (p) =>
      `${p.organisation} has not been accepted into ${p.alliance} (yet). Questions? Please contact the coordinator.`,
    'onboarding.status.header': (p) => `Onboarding in ${p.alliance}`,
    'onboarding.status.summary': (p) =>
      `${p.members} people joined, from ${p.partners} of the ${p.all} partners.`,
    'onboarding.status.started': (p) =>
      `${p.name}: started on ${p.since}, not finished (reminded ${p.nudges}×)`,
    'onboarding.status.waiting': (p) => `${p.name}: waiting for your decision on ${p.organisation}`,
    'onboarding.status.invited': (p) =>
      `${p.name} (${p.organisation}): invited on ${p.since}, not joined yet`,
    'onboarding.status.undelivered': (p) =>
      `${p.name} (${p.organisation}): the invitation did not arrive`,
    'onboarding.status.stuck': 'Stuck',
    'onboarding.status.nobody': 'Partners with nobody yet',
    'onboarding.status.describe': 'see who joined, who is stuck and which partner has nobody yet',
    'onboarding.nudge.last': (p) =>
      `A last reminder: your introduction to ${p.alliance} is still open. After this I will leave you be; type join whenever you like.`,
  },
);

/** Onboarding's translator: its own words and the shared ones. */
export type OnboardingT = ReturnType<typeof words.t>;
