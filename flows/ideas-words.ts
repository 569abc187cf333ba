/**
 * The words of ideas, in Dutch (the default) and English: proposing, the idea's card, co-signing
 * and every refusal (each says who can), the initiative's announcement, the request to name an
 * owner and a first step, and its form. Typed: the English words mirror the Dutch ones.
 */
import { defineWords } from '../src/core/i18n/words.js';

/** A number of partners (the same word in both languages). */
const partners = (n: number) => (n === 1 ? '1 partner' : `${n} partners`);

export const words = defineWords(
  'ideas',
  {
    'ideas.describe.idea': 'een idee voorstellen, of de open ideeën zien',
    'ideas.describe.cosign': 'een idee ondertekenen',
    'ideas.describe.plan': 'de eigenaar en de eerste stap van een initiatief vastleggen',
    'ideas.describe.invite': 'een nieuwe partij uitnodigen voor een initiatief',
    // Proposing.
    'ideas.needPartner':
      'Je doet nog niet mee namens een partner, dus je kunt nog geen ideeën voorstellen of ondertekenen. Typ eerst aanmelden en vul de kennismaking in; daarna kan iedereen die namens een partner meedoet ideeën voorstellen en ondertekenen.',
    'ideas.title.tooLong': (p: { length: number; max: number }) =>
      `Die titel is ${p.length} tekens lang; de titel van een idee mag hoogstens ${p.max} tekens zijn. Maak hem korter en probeer het opnieuw: idee gevolgd door de titel.`,
    'ideas.proposed': (p: { title: string; partner: string }) =>
      `Je idee ‘${p.title}’ staat in de alliantiekanalen, namens ${p.partner}. Zodra twee andere partners het ondertekenen, wordt het een initiatief. Iedereen ziet de open ideeën met idee.`,
    'ideas.proposedNoChannel': (p: { title: string; partner: string }) =>
      `Je idee ‘${p.title}’ is vastgelegd, namens ${p.partner}. De alliantie heeft geen gekoppeld kanaal, dus de anderen zien het met idee. Zodra twee andere partners het ondertekenen, wordt het een initiatief.`,
    // The card.
    'ideas.card.idea': (p: { title: string }) => `Idee: ${p.title}`,
    'ideas.card.initiative': (p: { title: string }) => `Initiatief: ${p.title}`,
    'ideas.card.proposedBy': (p: { name: string; partner: string }) =>
      `Voorgesteld door ${p.name} (${p.partner}).`,
    'ideas.card.proposedFor': (p: { partner: string }) => `Voorgesteld namens ${p.partner}.`,
    'ideas.card.backers': (p: { count: number; needed: number }) =>
      `Gesteund door ${p.count} van de ${p.needed} partners`,
    'ideas.card.backersInitiative': (p: { count: number }) => `Gedragen door ${partners(p.count)}`,
    'ideas.card.missing': (p: { missing: number }) =>
      `Nog ${partners(p.missing)} nodig om er een initiatief van te maken. Steun je het namens je organisatie? Druk op Onderteken. Per partner telt één handtekening; de partner die het voorstelde, tekent niet zelf.`,
    'ideas.card.isInitiative':
      'Dit idee wordt door drie of meer partners gedragen en is een initiatief. Andere partners kunnen het nog steeds ondertekenen.',
    'ideas.card.invitePrompt':
      'Coördinatoren kunnen vanaf deze kaart een nieuwe partij voor dit initiatief uitnodigen.',
    'ideas.card.cosign': 'Onderteken',
    'ideas.card.owner': 'Eigenaar',
    'ideas.card.firstStep': 'Eerste stap',
    'ideas.card.noPlan': 'nog niet vastgelegd',
    'ideas.card.plan': 'Eigenaar en eerste stap',
    'ideas.card.invite': 'Nieuwe partij uitnodigen',
    'ideas.card.planBy': (p: { name: string }) =>
      `Eigenaar en eerste stap vastgelegd door ${p.name}.`,
    // The list.
    'ideas.list.header': (p: { alliance: string }) => `Open ideeën in ${p.alliance}`,
    'ideas.list.text': (p: { count: number }) =>
      p.count === 1
        ? 'Er staat 1 idee open. Steun je het namens je organisatie, druk dan op Onderteken op de kaart.'
        : `Er staan ${p.count} ideeën open. Steun je er een namens je organisatie, druk dan op Onderteken op de kaart.`,
    'ideas.list.empty':
      'Er staan nu geen ideeën open. Stel er zelf een voor: typ idee gevolgd door de titel, bijvoorbeeld: idee Samen zonnepanelen op schooldaken.',
    'ideas.list.howTo':
      'Een eigen idee stel je voor met idee gevolgd door de titel. Met drie partners erachter wordt een idee een initiatief.',
    'ideas.list.more': (p: { count: number }) =>
      `En nog ${p.count} oudere open ${p.count === 1 ? 'idee' : 'ideeën'}.`,
    'ideas.list.initiatives': (p: { count: number }) =>
      `${p.count === 1 ? '1 idee is' : `${p.count} ideeën zijn`} al een initiatief geworden.`,
    // Co-signing.
    'ideas.cosigned': (p: { title: string; partner: string; count: number; needed: number }) =>
      `Ondertekend namens ${p.partner}: ‘${p.title}’ wordt nu gesteund door ${p.count} van de ${p.needed} partners die nodig zijn voor een initiatief.`,
    'ideas.cosigned.initiative': (p: { title: string; partner: string; count: number }) =>
      `Ondertekend namens ${p.partner}. ‘${p.title}’ wordt nu gedragen door ${partners(p.count)} en is een initiatief! Ik vraag wie het voorstelde en ondertekende om een eigenaar en een eerste stap.`,
    'ideas.cosigned.more': (p: { title: string; partner: string; count: number }) =>
      `Ondertekend namens ${p.partner}: het initiatief ‘${p.title}’ wordt nu gedragen door ${partners(p.count)}.`,
    'ideas.refuse.ownPartner': (p: { title: string; partner: string }) =>
      `‘${p.title}’ is een idee van je eigen partner, ${p.partner}. Ondertekenen kunnen alleen mensen van de andere partners; wijs hen erop, of kijk met idee welke ideeën van anderen je kunt steunen.`,
    'ideas.refuse.alreadyYou': (p: { title: string; partner: string }) =>
      `Je hebt ‘${p.title}’ al ondertekend namens ${p.partner}. Elke partner ondertekent één keer; mensen van partners die nog niet tekenden, kunnen het nog ondertekenen.`,
    'ideas.refuse.alreadyPartner': (p: { title: string; partner: string; name: string }) =>
      `${p.partner} heeft ‘${p.title}’ al ondertekend (door ${p.name}). Elke partner ondertekent één keer; mensen van partners die nog niet tekenden, kunnen het nog ondertekenen.`,
    'ideas.gone': 'Dat idee ken ik niet (meer). Typ idee om de open ideeën te zien.',
    // The initiative.
    'ideas.announce.header': (p: { title: string }) => `Nieuw initiatief: ${p.title}`,
    'ideas.announce.text': (p: { partners: string; proposer: string }) =>
      `Het idee van ${p.proposer} wordt nu gedragen door ${p.partners}, en is daarmee een initiatief. Wie het voorstelde en ondertekende, legt een eigenaar en een eerste stap vast; die komen op de kaart van het initiatief.`,
    'ideas.request.text': (p: { title: string; partners: string }) =>
      `‘${p.title}’ wordt gedragen door ${p.partners} en is nu een initiatief. Wie wordt eigenaar, en wat is de eerste stap? Eén van jullie vult het in; het komt op de kaart van het initiatief.`,
    'ideas.request.context':
      'Je krijgt dit omdat je het idee voorstelde of ondertekende. Alleen jij ziet dit bericht.',
    // The plan.
    'ideas.plan.refuse': (p: { title: string; backers: string }) =>
      `Alleen wie ‘${p.title}’ voorstelde of ondertekende (${p.backers}), of een coördinator, kan de eigenaar en de eerste stap vastleggen.`,
    'ideas.plan.notYet': (p: { title: string; count: number; needed: number }) =>
      `‘${p.title}’ is nog geen initiatief: het wordt gesteund door ${p.count} van de ${p.needed} partners. Een eigenaar en een eerste stap leg je vast zodra het een initiatief is.`,
    'ideas.plan.saved': (p: { title: string; owner: string; firstStep: string }) =>
      `Vastgelegd voor ‘${p.title}’: eigenaar ${p.owner}; eerste stap: ${p.firstStep}. Het staat nu op de kaart van het initiatief.`,
    'ideas.plan.pick':
      'Voor welk initiatief? Open dit formulier met de knop Eigenaar en eerste stap op de kaart van het initiatief.',
    'ideas.form.title': 'Eigenaar en eerste stap',
    'ideas.form.intro': (p: { title: string }) =>
      `Voor het initiatief ‘${p.title}’. Wie trekt het, en wat gebeurt er als eerste? Het komt op de kaart van het initiatief.`,
    'ideas.form.introUnknown':
      'Wie trekt het initiatief, en wat gebeurt er als eerste? Het komt op de kaart van het initiatief.',
    'ideas.form.submit': 'Vastleggen',
    'ideas.field.owner': 'Eigenaar',
    'ideas.field.owner.hint':
      'Een persoon of een partner, bijvoorbeeld: Anna de Vries (Gemeente Leiden).',
    'ideas.field.firstStep': 'Eerste stap',
    'ideas.field.firstStep.hint': 'Wat gebeurt er als eerste, en wanneer?',
    // Inviting a new party from an initiative.
    'ideas.invite.intro': (p: { title: string }) => `Voor het initiatief ‘${p.title}’.`,
    'ideas.invite.notYet': (p: { title: string; count: number; needed: number }) =>
      `‘${p.title}’ is nog geen initiatief (gesteund door ${p.count} van de ${p.needed} partners). Een nieuwe partij voor een idee nodig je uit met uitnodigen partij.`,
  },
  {
    'ideas.describe.idea': 'propose an idea, or see the open ideas',
    'ideas.describe.cosign': 'co-sign an idea',
    'ideas.describe.plan': "record an initiative's owner and first step",
    'ideas.describe.invite': 'invite a new party for an initiative',
    'ideas.needPartner':
      'You are not taking part on behalf of a partner yet, so you cannot propose or co-sign ideas. First type join and fill in the introduction; after that, everyone who takes part on behalf of a partner can propose and co-sign ideas.',
    'ideas.title.tooLong': (p) =>
      `That title is ${p.length} characters long; an idea's title may be at most ${p.max} characters. Make it shorter and try again: idea followed by the title.`,
    'ideas.proposed': (p) =>
      `Your idea “${p.title}” is in the alliance channels, on behalf of ${p.partner}. As soon as two other partners co-sign it, it becomes an initiative. Everyone sees the open ideas with idea.`,
    'ideas.proposedNoChannel': (p) =>
      `Your idea “${p.title}” is recorded, on behalf of ${p.partner}. The alliance has no linked channel, so the others see it with idea. As soon as two other partners co-sign it, it becomes an initiative.`,
    'ideas.card.idea': (p) => `Idea: ${p.title}`,
    'ideas.card.initiative': (p) => `Initiative: ${p.title}`,
    'ideas.card.proposedBy': (p) => `Proposed by ${p.name} (${p.partner}).`,
    'ideas.card.proposedFor': (p) => `Proposed on behalf of ${p.partner}.`,
    'ideas.card.backers': (p) => `Backed by ${p.count} of the ${p.needed} partners`,
    'ideas.card.backersInitiative': (p) => `Backed by ${partners(p.count)}`,
    'ideas.card.missing': (p) =>
      `${p.missing === 1 ? '1 more partner is' : `${p.missing} more partners are`} needed to make it an initiative. Do you back it on behalf of your organisation? Press Co-sign. Each partner signs once; the partner that proposed it does not sign itself.`,
    'ideas.card.isInitiative':
      'Three or more partners back this idea: it is an initiative. Other partners can still co-sign it.',
    'ideas.card.invitePrompt':
      'Coordinators can invite a new party for this initiative from this card.',
    'ideas.card.cosign': 'Co-sign',
    'ideas.card.owner': 'Owner',
    'ideas.card.firstStep': 'First step',
    'ideas.card.noPlan': 'not named yet',
    'ideas.card.plan': 'Owner and first step',
    'ideas.card.invite': 'Invite a new party',
    'ideas.card.planBy': (p) => `Owner and first step recorded by ${p.name}.`,
    'ideas.list.header': (p) => `Open ideas in ${p.alliance}`,
    'ideas.list.text': (p) =>
      p.count === 1
        ? 'There is 1 open idea. If you back it on behalf of your organisation, press Co-sign on its card.'
        : `There are ${p.count} open ideas. If you back one on behalf of your organisation, press Co-sign on its card.`,
    'ideas.list.empty':
      'There are no open ideas right now. Propose one yourself: type idea followed by the title, for example: idea Solar panels on school roofs together.',
    'ideas.list.howTo':
      'Propose an idea of your own with idea followed by the title. With three partners behind it, an idea becomes an initiative.',
    'ideas.list.more': (p) => `And ${p.count} older open ${p.count === 1 ? 'idea' : 'ideas'}.`,
    'ideas.list.initiatives': (p) =>
      `${p.count === 1 ? '1 idea has' : `${p.count} ideas have`} already become an initiative.`,
    'ideas.cosigned': (p) =>
      `Co-signed on behalf of ${p.partner}: “${p.title}” is now backed by ${p.count} of the ${p.needed} partners needed for an initiative.`,
    'ideas.cosigned.initiative': (p) =>
      `Co-signed on behalf of ${p.partner}. “${p.title}” is now backed by ${partners(p.count)} and is an initiative! I am asking whoever proposed and co-signed it to name an owner and a first step.`,
    'ideas.cosigned.more': (p) =>
      `Co-signed on behalf of ${p.partner}: the initiative “${p.title}” is now backed by ${partners(p.count)}.`,
    'ideas.refuse.ownPartner': (p) =>
      `“${p.title}” is an idea of your own partner, ${p.partner}. Only people of the other partners can co-sign it; point them to it, or see with idea which ideas of others you can back.`,
    'ideas.refuse.alreadyYou': (p) =>
      `You have already co-signed “${p.title}” on behalf of ${p.partner}. Each partner signs once; people of partners that have not signed yet can still co-sign it.`,
    'ideas.refuse.alreadyPartner': (p) =>
      `${p.partner} has already co-signed “${p.title}” (by ${p.name}). Each partner signs once; people of partners that have not signed yet can still co-sign it.`,
    'ideas.gone': 'I do not know that idea (any more). Type idea to see the open ideas.',
    'ideas.announce.header': (p) => `New initiative: ${p.title}`,
    'ideas.announce.text': (p) =>
      `The idea of ${p.proposer} is now backed by ${p.partners}, which makes it an initiative. Whoever proposed and co-signed it names an owner and a first step; they will appear on the initiative's card.`,
    'ideas.request.text': (p) =>
      `“${p.title}” is backed by ${p.partners} and is now an initiative. Who will own it, and what is the first step? One of you fills it in; it goes on the initiative's card.`,
    'ideas.request.context':
      'You get this because you proposed or co-signed the idea. Only you see this message.',
    'ideas.plan.refuse': (p) =>
      `Only whoever proposed or co-signed “${p.title}” (${p.backers}), or a coordinator, can record its owner and first step.`,
    'ideas.plan.notYet': (p) =>
      `“${p.title}” is not an initiative yet: ${p.count} of the ${p.needed} partners back it. You record an owner and a first step once it is an initiative.`,
    'ideas.plan.saved': (p) =>
      `Recorded for “${p.title}”: owner ${p.owner}; first step: ${p.firstStep}. It is on the initiative's card now.`,
    'ideas.plan.pick':
      "For which initiative? Open this form with the Owner and first step button on the initiative's card.",
    'ideas.form.title': 'Owner and first step',
    'ideas.form.intro': (p) =>
      `For the initiative “${p.title}”. Who leads it, and what happens first? It goes on the initiative's card.`,
    'ideas.form.introUnknown':
      "Who leads the initiative, and what happens first? It goes on the initiative's card.",
    'ideas.form.submit': 'Record',
    'ideas.field.owner': 'Owner',
    'ideas.field.owner.hint':
      'A person or a partner, for example: Anna de Vries (Gemeente Leiden).',
    'ideas.field.firstStep': 'First step',
    'ideas.field.firstStep.hint': 'What happens first, and when?',
    'ideas.invite.intro': (p) => `For the initiative “${p.title}”.`,
    'ideas.invite.notYet': (p) =>
      `“${p.title}” is not an initiative yet (${p.count} of the ${p.needed} partners back it). Invite a new party for an idea with invite party.`,
  },
);

export type IdeasT = ReturnType<typeof words.t>;
