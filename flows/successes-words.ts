/**
 * The words of the successes flow, in Dutch (the default) and English.
 */
import { defineWords } from '../src/core/i18n/words.js';

export const words = defineWords(
  'successes',
  {
    'successes.describe.propose': 'een succes melden',
    'successes.describe.approve': 'een succes goedkeuren',
    'successes.describe.edit': 'een succes aanpassen',
    'successes.describe.reject': 'een succes afwijzen',
    'successes.describe.pending': 'de successen zien die op goedkeuring wachten',
    'successes.describe.celebrate': 'een succes mee vieren',
    'successes.describe.press': 'de perstekst van een succes ophalen',

    'successes.form.title': 'Een succes melden',
    'successes.form.editTitle': 'Succes aanpassen',
    'successes.form.intro': 'Wat is er bereikt, met welke partners, en hoeveel levert het op?',
    'successes.form.introApproval':
      'Wat is er bereikt, met welke partners, en hoeveel levert het op? Een woordvoerder keurt je melding goed voordat ze in de kanalen van de alliantie komt.',
    'successes.form.editIntro':
      'Pas de melding aan zoals ze gedeeld mag worden. Daarna keur je haar goed op de kaart.',
    'successes.form.submit': 'Melden',
    'successes.form.submitEdit': 'Opslaan',
    'successes.field.title': 'Titel',
    'successes.field.title.hint': 'Kort en concreet, zoals: Zonnepark Valkenburg levert stroom',
    'successes.field.story': 'Wat is er gebeurd?',
    'successes.field.partners': 'Betrokken partners',
    'successes.field.otherPartners': 'Andere partners',
    'successes.field.otherPartners.hint':
      'Namen van partners die nog niet in de lijst staan, gescheiden door komma’s',
    'successes.field.impactValue': 'Impact (getal)',
    'successes.field.impactValue.hint': 'Bijvoorbeeld 12 of 450',
    'successes.field.impactUnit': 'Eenheid',
    'successes.field.impactUnit.hint': (p: { units: string }) =>
      `Bijvoorbeeld MW, woningen of ton CO2${p.units ? ` (de mijlpalen tellen: ${p.units})` : ''}`,
    'successes.field.link': 'Link',
    'successes.field.link.hint': 'Een webpagina met meer informatie (https://…)',
    'successes.field.photo': 'Foto (link)',
    'successes.error.partnerNeeded': 'Noem minstens één partner.',

    'successes.label.impact': 'Impact',
    'successes.label.partners': 'Partners',
    'successes.label.proposer': 'Gemeld door',
    'successes.label.more': 'Meer lezen',
    'successes.label.photo': 'Foto',
    'successes.celebrate': '🎉 Vier mee',
    'successes.celebrateCount': (p: { count: number }) => `🎉 Vier mee (${p.count})`,
    'successes.celebrating': (p: { count: number }) =>
      p.count === 1 ? '1 persoon viert mee' : `${p.count} mensen vieren mee`,
    'successes.pressButton': 'Tekst voor je eigen kanalen',

    'successes.visible.header': (p: { alliance: string; title: string }) =>
      `🎉 ${p.alliance}: ${p.title}`,
    'successes.visible.context': (p: { alliance: string; ambition: string }) =>
      `Samen werken we in ${p.alliance} aan onze ambitie: ${p.ambition}`,
    'successes.quiet.header': (p: { partners: string; title: string }) =>
      `🎉 ${p.partners}: ${p.title}`,
    'successes.quiet.context': (p: { partners: string; alliance: string }) =>
      `Gefeliciteerd, ${p.partners}! Gedeeld via ${p.alliance}.`,

    'successes.milestone.count.visible': (p: { alliance: string; n: number }) =>
      `🏆 ${p.alliance}: ons ${p.n}e gezamenlijke succes!`,
    'successes.milestone.count.quiet': (p: { n: number }) =>
      `🏆 Het ${p.n}e gezamenlijke succes van de partners`,
    'successes.milestone.count.text': (p: { title: string; partners: string }) =>
      `Met “${p.title}” van ${p.partners} is deze mijlpaal bereikt.`,
    'successes.milestone.unit.visible': (p: { alliance: string; amount: string }) =>
      `🏆 ${p.alliance}: samen ${p.amount}!`,
    'successes.milestone.unit.quiet': (p: { amount: string }) =>
      `🏆 De partners halen samen ${p.amount}`,
    'successes.milestone.unit.text': (p: { title: string; partners: string; total: string }) =>
      `Met “${p.title}” van ${p.partners} staat de teller op ${p.total}.`,

    'successes.approval.header': (p: { title: string }) => `Succes ter goedkeuring: ${p.title}`,
    'successes.approval.decidedHeader': (p: { title: string }) => `Succes: ${p.title}`,
    'successes.approval.approve': 'Goedkeuren',
    'successes.approval.edit': 'Aanpassen',
    'successes.approval.reject': 'Afwijzen',
    'successes.approval.back': 'Terug',
    'successes.approval.context':
      'Pas na goedkeuring door een woordvoerder wordt dit gedeeld in alle kanalen van de alliantie.',
    'successes.approval.edited': (p: { who: string; when: string }) =>
      `Aangepast door ${p.who} op ${p.when}.`,
    'successes.approval.approved': (p: { who: string; when: string }) =>
      `Goedgekeurd door ${p.who} op ${p.when} en gedeeld in alle kanalen van de alliantie.`,
    'successes.approval.rejected': (p: { who: string; when: string; reason: string }) =>
      `Afgewezen door ${p.who} op ${p.when}. Reden: ${p.reason}`,
    'successes.approval.why':
      'Waarom wijs je dit af? Kies een reden, of schrijf er zelf een: de indiener krijgt die te horen, met jouw naam om contact op te nemen.',
    'successes.approval.ownReason': 'Eigen reden…',
    'successes.rejectForm.title': 'Succes afwijzen',
    'successes.rejectForm.intro': (p: { title: string }) =>
      `Waarom wijs je “${p.title}” af? De indiener leest precies wat je hier schrijft, met jouw naam om contact op te nemen.`,
    'successes.rejectForm.reason': 'Reden',
    'successes.rejectForm.reason.hint':
      'Bijvoorbeeld: de cijfers zijn nog niet afgestemd met Stedin; doe dat eerst en meld het dan opnieuw.',
    'successes.rejectForm.submit': 'Afwijzen',
    'successes.reason.unconfirmed': 'de cijfers of feiten zijn nog niet bevestigd',
    'successes.reason.partners': 'niet alle genoemde partners zijn akkoord',
    'successes.reason.timing': 'het is nog niet openbaar, of het moment is niet goed',
    'successes.reason.scope': 'dit is geen gezamenlijk succes van de alliantie',

    'successes.sentForApproval': (p: { title: string; names: string }) =>
      `Dank je! Je succes “${p.title}” is ter goedkeuring naar ${p.names} gestuurd. Je hoort het zodra er een besluit is.`,
    'successes.noSpokesperson': (p: { title: string }) =>
      `Je succes “${p.title}” is bewaard, maar het moet eerst worden goedgekeurd door een woordvoerder, en deze alliantie heeft nog geen woordvoerder die ik kan bereiken. Ik heb de coördinatoren gevraagd er een aan te wijzen. Tot dan wordt er niets gedeeld.`,
    'successes.noSpokesperson.coordinator': (p: {
      title: string;
      name: string;
      alliance: string;
    }) =>
      `Het succes “${p.title}” van ${p.name} wacht op goedkeuring, maar ${p.alliance} heeft geen woordvoerder die ik kan bereiken. Zet een woordvoerder onder spokespersons in de configuratie; die ziet het dan met “succes wachtend” en kan het goedkeuren. Tot dan wordt er niets gedeeld.`,
    'successes.announced': (p: { title: string }) =>
      `Gedeeld! Je succes “${p.title}” staat nu in alle kanalen van de alliantie.`,
    'successes.youApproved': (p: { title: string; who: string }) =>
      `Goed nieuws: ${p.who} keurde je succes “${p.title}” goed. Het staat nu in alle kanalen van de alliantie.`,
    'successes.youApprovedEdited': (p: { title: string; who: string }) =>
      `Goed nieuws: ${p.who} keurde je succes “${p.title}” goed, met enkele aanpassingen. Het staat nu in alle kanalen van de alliantie.`,
    'successes.youRejected': (p: { title: string; who: string; reason: string }) =>
      `${p.who} heeft je succes “${p.title}” niet goedgekeurd. Reden: ${p.reason}. Vragen? Neem contact op met ${p.who}.`,
    'successes.youRejectedNote': (p: { title: string; who: string; reason: string }) =>
      `${p.who} heeft je succes “${p.title}” niet goedgekeurd, met deze reden:\n“${p.reason}”\nVragen? Neem contact op met ${p.who}.`,
    'successes.pressHeader': (p: { title: string }) => `Tekst voor je eigen kanalen: ${p.title}`,
    'successes.pressHint':
      'Neem deze tekst over op je eigen website, in je nieuwsbrief of op sociale media.',
    'successes.press.visibleLead': (p: { alliance: string }) =>
      `${p.alliance} meldt een nieuw gezamenlijk succes.`,
    'successes.press.quietLead': (p: { partners: string }) =>
      `${p.partners} melden een nieuw gezamenlijk succes.`,
    'successes.press.facts': (p: { impact: string; partners: string }) =>
      `Impact: ${p.impact}. Betrokken partners: ${p.partners}.`,
    'successes.press.more': (p: { link: string }) => `Meer informatie: ${p.link}`,
    'successes.press.about': (p: { alliance: string }) => `Over ${p.alliance}:`,
    'successes.press.aboutQuiet': 'Over de samenwerking:',

    'successes.done.approved': (p: { title: string }) =>
      `Goedgekeurd: “${p.title}” wordt nu gedeeld in alle kanalen van de alliantie.`,
    'successes.done.rejected': (p: { title: string; name: string }) =>
      `Afgewezen: ${p.name} hoort dat “${p.title}” niet wordt gedeeld, en waarom.`,
    'successes.done.edited': (p: { title: string }) =>
      `Aangepast: “${p.title}”. Keur het goed op de kaart als het zo gedeeld mag worden.`,
    'successes.done.unchanged': (p: { title: string }) => `Er is niets veranderd aan “${p.title}”.`,
    'successes.already': (p: { title: string; who: string; outcome: string }) =>
      `Over “${p.title}” is al besloten: ${p.outcome} door ${p.who}.`,
    'successes.outcome.approved': 'goedgekeurd',
    'successes.outcome.rejected': 'afgewezen',
    'successes.conflict': (p: { title: string; who: string }) =>
      `${p.who} heeft “${p.title}” intussen aangepast; jouw wijziging is niet bewaard. Bekijk de kaart en pas het opnieuw aan.`,
    'successes.gone': 'Dit succes bestaat niet (meer).',
    'successes.notAnnounced': 'Dit succes is nog niet gedeeld.',
    'successes.celebrated': (p: { title: string }) => `🎉 Je viert mee met “${p.title}”.`,
    'successes.alreadyCelebrated': (p: { title: string }) => `Je viert al mee met “${p.title}”.`,
    'successes.pendingNone': 'Er wachten geen successen op goedkeuring.',
    'successes.pendingSome': (p: { count: number }) =>
      p.count === 1
        ? 'Er wacht 1 succes op goedkeuring:'
        : `Er wachten ${p.count} successen op goedkeuring:`,
  },
  {
    'successes.describe.propose': 'report a success',
    'successes.describe.approve': 'approve a success',
    'successes.describe.edit': 'edit a success',
    'successes.describe.reject': 'reject a success',
    'successes.describe.pending': 'see the successes waiting for approval',
    'successes.describe.celebrate': 'celebrate a success',
    'successes.describe.press': 'get the press text of a success',

    'successes.form.title': 'Report a success',
    'successes.form.editTitle': 'Edit success',
    'successes.form.intro': 'What was achieved, with which partners, and how much does it bring?',
    'successes.form.introApproval':
      'What was achieved, with which partners, and how much does it bring? A spokesperson approves your report before it goes to the alliance’s channels.',
    'successes.form.editIntro':
      'Change the report as it may be shared. Then approve it on the card.',
    'successes.form.submit': 'Report',
    'successes.form.submitEdit': 'Save',
    'successes.field.title': 'Title',
    'successes.field.title.hint':
      'Short and concrete, such as: Valkenburg solar park delivers power',
    'successes.field.story': 'What happened?',
    'successes.field.partners': 'Partners involved',
    'successes.field.otherPartners': 'Other partners',
    'successes.field.otherPartners.hint':
      'Names of partners not in the list yet, separated by commas',
    'successes.field.impactValue': 'Impact (a number)',
    'successes.field.impactValue.hint': 'For example 12 or 450',
    'successes.field.impactUnit': 'Unit',
    'successes.field.impactUnit.hint': (p) =>
      `For example MW, homes or tonnes of CO2${p.units ? ` (milestones count: ${p.units})` : ''}`,
    'successes.field.link': 'Link',
    'successes.field.link.hint': 'A web page with more information (https://…)',
    'successes.field.photo': 'Photo (link)',
    'successes.error.partnerNeeded': 'Name at least one partner.',

    'successes.label.impact': 'Impact',
    'successes.label.partners': 'Partners',
    'successes.label.proposer': 'Reported by',
    'successes.label.more': 'Read more',
    'successes.label.photo': 'Photo',
    'successes.celebrate': '🎉 Celebrate',
    'successes.celebrateCount': (p) => `🎉 Celebrate (${p.count})`,
    'successes.celebrating': (p) =>
      p.count === 1 ? '1 person is celebrating' : `${p.count} people are celebrating`,
    'successes.pressButton': 'Text for your own channels',

    'successes.visible.header': (p) => `🎉 ${p.alliance}: ${p.title}`,
    'successes.visible.context': (p) =>
      `Together in ${p.alliance} we work towards our ambition: ${p.ambition}`,
    'successes.quiet.header': (p) => `🎉 ${p.partners}: ${p.title}`,
    'successes.quiet.context': (p) =>
      `Congratulations, ${p.partners}! Shared through ${p.alliance}.`,

    'successes.milestone.count.visible': (p) =>
      `🏆 ${p.alliance}: our ${ordinal(p.n)} shared success!`,
    'successes.milestone.count.quiet': (p) => `🏆 The partners’ ${ordinal(p.n)} shared success`,
    'successes.milestone.count.text': (p) =>
      `With “${p.title}” by ${p.partners} this milestone is reached.`,
    'successes.milestone.unit.visible': (p) => `🏆 ${p.alliance}: ${p.amount} together!`,
    'successes.milestone.unit.quiet': (p) => `🏆 The partners reach ${p.amount} together`,
    'successes.milestone.unit.text': (p) =>
      `With “${p.title}” by ${p.partners} the count stands at ${p.total}.`,

    'successes.approval.header': (p) => `Success for approval: ${p.title}`,
    'successes.approval.decidedHeader': (p) => `Success: ${p.title}`,
    'successes.approval.approve': 'Approve',
    'successes.approval.edit': 'Edit',
    'successes.approval.reject': 'Reject',
    'successes.approval.back': 'Back',
    'successes.approval.context':
      'Only once a spokesperson approves it is this shared in all of the alliance’s channels.',
    'successes.approval.edited': (p) => `Edited by ${p.who} on ${p.when}.`,
    'successes.approval.approved': (p) =>
      `Approved by ${p.who} on ${p.when} and shared in all of the alliance’s channels.`,
    'successes.approval.rejected': (p) => `Rejected by ${p.who} on ${p.when}. Reason: ${p.reason}`,
    'successes.approval.why':
      'Why do you reject it? Choose a reason, or write your own: the proposer hears it, with your name to get in touch.',
    'successes.approval.ownReason': 'Own reason…',
    'successes.rejectForm.title': 'Reject a success',
    'successes.rejectForm.intro': (p) =>
      `Why do you reject “${p.title}”? The proposer reads exactly what you write here, with your name to get in touch.`,
    'successes.rejectForm.reason': 'Reason',
    'successes.rejectForm.reason.hint':
      'For example: the figures have not been agreed with Stedin yet; do that first, then report it again.',
    'successes.rejectForm.submit': 'Reject',
    'successes.reason.unconfirmed': 'the figures or facts are not confirmed yet',
    'successes.reason.partners': 'not all partners named have agreed',
    'successes.reason.timing': 'it is not public yet, or the timing is wrong',
    'successes.reason.scope': 'this is not a shared success of the alliance',

    'successes.sentForApproval': (p) =>
      `Thank you! Your success “${p.title}” was sent to ${p.names} for approval. You will hear as soon as there is a decision.`,
    'successes.noSpokesperson': (p) =>
      `Your success “${p.title}” is saved, but it must be approved by a spokesperson first, and this alliance has no spokesperson I can reach yet. I asked the coordinators to appoint one. Until then nothing is shared.`,
    'successes.noSpokesperson.coordinator': (p) =>
      `The success “${p.title}” by ${p.name} awaits approval, but ${p.alliance} has no spokesperson I can reach. Name a spokesperson under spokespersons in the configuration; they will see it with “success pending” and can approve it. Until then nothing is shared.`,
    'successes.announced': (p) =>
      `Shared! Your success “${p.title}” is now in all of the alliance’s channels.`,
    'successes.youApproved': (p) =>
      `Good news: ${p.who} approved your success “${p.title}”. It is now in all of the alliance’s channels.`,
    'successes.youApprovedEdited': (p) =>
      `Good news: ${p.who} approved your success “${p.title}”, with a few changes. It is now in all of the alliance’s channels.`,
    'successes.youRejected': (p) =>
      `${p.who} did not approve your success “${p.title}”. Reason: ${p.reason}. Questions? Get in touch with ${p.who}.`,
    'successes.youRejectedNote': (p) =>
      `${p.who} did not approve your success “${p.title}”, for this reason:\n“${p.reason}”\nQuestions? Get in touch with ${p.who}.`,
    'successes.pressHeader': (p) => `Text for your own channels: ${p.title}`,
    'successes.pressHint':
      'Use this text on your own website, in your newsletter or on social media.',
    'successes.press.visibleLead': (p) => `${p.alliance} reports a new shared success.`,
    'successes.press.quietLead': (p) => `${p.partners} report a new shared success.`,
    'successes.press.facts': (p) => `Impact: ${p.impact}. Partners involved: ${p.partners}.`,
    'successes.press.more': (p) => `More information: ${p.link}`,
    'successes.press.about': (p) => `About ${p.alliance}:`,
    'successes.press.aboutQuiet': 'About the collaboration:',

    'successes.done.approved': (p) =>
      `Approved: “${p.title}” is now being shared in all of the alliance’s channels.`,
    'successes.done.rejected': (p) =>
      `Rejected: ${p.name} hears that “${p.title}” will not be shared, and why.`,
    'successes.done.edited': (p) =>
      `Edited: “${p.title}”. Approve it on the card if it may be shared like this.`,
    'successes.done.unchanged': (p) => `Nothing changed in “${p.title}”.`,
    'successes.already': (p) => `“${p.title}” was decided already: ${p.outcome} by ${p.who}.`,
    'successes.outcome.approved': 'approved',
    'successes.outcome.rejected': 'rejected',
    'successes.conflict': (p) =>
      `${p.who} changed “${p.title}” meanwhile; your change was not saved. Look at the card and edit it again.`,
    'successes.gone': 'This success does not exist (any more).',
    'successes.notAnnounced': 'This success has not been shared yet.',
    'successes.celebrated': (p) => `🎉 You are celebrating “${p.title}”.`,
    'successes.alreadyCelebrated': (p) => `You are celebrating “${p.title}” already.`,
    'successes.pendingNone': 'No successes are waiting for approval.',
    'successes.pendingSome': (p) =>
      p.count === 1
        ? '1 success is waiting for approval:'
        : `${p.count} successes are waiting for approval:`,
  },
);

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export type SuccessesT = ReturnType<typeof words.t>;
