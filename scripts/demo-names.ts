/**
 * The names the demo region (scripts/demo-region.ts) is made of: the partners of a Dutch energy
 * region, in the order they take part (the example config's own seven first, so their ids
 * match), people's names, and the words documents, ideas and successes are titled with.
 */
import type { PartnerType } from '../src/domain/alliance.js';

export interface Catalogue {
  name: string;
  type: PartnerType;
  /** In the core team. */
  core: boolean;
  /** How many people it sends, relatively. */
  weight: number;
  roles: readonly string[];
}

const GEMEENTE = [
  'Beleidsadviseur energie',
  'Wethouder duurzaamheid',
  'Projectleider warmtetransitie',
];
const WATER = ['Adviseur aquathermie', 'Programmamanager energie'];
const NET = ['Accountmanager netcongestie', 'Regionaal netplanner'];
const BEDRIJF = ['Projectontwikkelaar', 'Business developer'];
const WONEN = ['Vastgoedstrateeg', 'Projectleider verduurzaming'];
const COOP = ['Bestuurslid', 'Vrijwilliger projecten'];

const ENTRIES: Catalogue[] = [
  {
    name: 'Provincie Zuid-Holland',
    type: 'provincie',
    core: true,
    weight: 3,
    roles: ['Programmamanager RES', 'Beleidsmedewerker energie'],
  },
  { name: 'Gemeente Leiden', type: 'gemeente', core: false, weight: 2, roles: GEMEENTE },
  {
    name: 'Gemeente Alphen aan den Rijn',
    type: 'gemeente',
    core: false,
    weight: 2,
    roles: GEMEENTE,
  },
  {
    name: 'Hoogheemraadschap van Rijnland',
    type: 'waterschap',
    core: true,
    weight: 2,
    roles: WATER,
  },
  { name: 'Stedin', type: 'netbeheerder', core: true, weight: 2, roles: NET },
  {
    name: 'Woningcorporatie Portaal Leiden',
    type: 'woningcorporatie',
    core: false,
    weight: 1,
    roles: WONEN,
  },
  {
    name: 'Energiecoöperatie Rijnland Duurzaam',
    type: 'energiecooperatie',
    core: false,
    weight: 1,
    roles: COOP,
  },
  { name: 'Gemeente Katwijk', type: 'gemeente', core: false, weight: 1.5, roles: GEMEENTE },
  { name: 'Liander', type: 'netbeheerder', core: false, weight: 1.5, roles: NET },
  { name: 'Gemeente Leiderdorp', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Eneco', type: 'energiebedrijf', core: false, weight: 1, roles: BEDRIJF },
  { name: 'Gemeente Noordwijk', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  {
    name: 'Hoogheemraadschap van Delfland',
    type: 'waterschap',
    core: false,
    weight: 1,
    roles: WATER,
  },
  { name: 'Gemeente Oegstgeest', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  {
    name: 'Woonstichting De Sleutels',
    type: 'woningcorporatie',
    core: false,
    weight: 1,
    roles: WONEN,
  },
  { name: 'Vattenfall', type: 'energiebedrijf', core: false, weight: 1, roles: BEDRIJF },
  { name: 'Gemeente Teylingen', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Ons Doel', type: 'woningcorporatie', core: false, weight: 1, roles: WONEN },
  { name: 'Gemeente Zoeterwoude', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'HVC', type: 'energiebedrijf', core: false, weight: 1, roles: BEDRIJF },
  { name: 'Gemeente Kaag en Braassem', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Rijnhart Wonen', type: 'woningcorporatie', core: false, weight: 1, roles: WONEN },
  { name: 'Gemeente Nieuwkoop', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Duurzaam Katwijk', type: 'energiecooperatie', core: false, weight: 0.5, roles: COOP },
  { name: 'Gemeente Hillegom', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Stek Wonen', type: 'woningcorporatie', core: false, weight: 0.5, roles: WONEN },
  { name: 'Gemeente Lisse', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'TenneT', type: 'netbeheerder', core: false, weight: 1, roles: NET },
  { name: 'Gemeente Voorschoten', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
  { name: 'Gemeente Wassenaar', type: 'gemeente', core: false, weight: 1, roles: GEMEENTE },
];

/** The first `n` partners of the region (at most thirty). */
export const catalogue = (n: number): Catalogue[] => ENTRIES.slice(0, Math.min(n, ENTRIES.length));

export const FIRST_NAMES = [
  'Anna',
  'Pieter',
  'Sanne',
  'Joost',
  'Fatima',
  'Emma',
  'Daan',
  'Lotte',
  'Bram',
  'Femke',
  'Mohamed',
  'Sophie',
  'Thijs',
  'Noor',
  'Ruben',
  'Eva',
  'Jeroen',
  'Iris',
  'Sem',
  'Lisa',
  'Youssef',
  'Marloes',
  'Kees',
  'Ingrid',
  'Willem',
  'Hanneke',
  'Bas',
  'Esther',
  'Koen',
  'Mirjam',
  'Ahmed',
  'Judith',
  'Niels',
  'Saskia',
  'Gert-Jan',
  'Anouk',
  'Martijn',
  'Yara',
  'Hugo',
  'Merel',
] as const;

export const LAST_NAMES = [
  'de Vries',
  'Bakker',
  'Jansen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Vermeulen',
  'van den Berg',
  'El Amrani',
  'Koster',
  'Prins',
  'Huisman',
  'Kok',
  'Postma',
  'van Dijk',
  'Schouten',
  'Willems',
  'Hoekstra',
  'Yilmaz',
  'van der Linden',
  'Kuipers',
  'Blom',
] as const;

export const TITLES = [
  'Warmtevisie',
  'Netcongestiekaart',
  'Zoekgebieden zon op land',
  'Participatieplan windpark',
  'Transitievisie warmte wijkaanpak',
  'Businesscase buurtbatterij',
  'Aquathermie-potentieel',
  'Isolatieprogramma huurwoningen',
  'Capaciteitskaart middenspanning',
  'Verslag regiodag',
] as const;

export const IDEAS = [
  'Samen zonnepanelen op schooldaken in',
  'Gezamenlijke inkoop warmtepompen voor',
  'Een buurtbatterij per wijk in',
  'Energiecoaches voor huurders in',
  'Slim laden op bedrijventerreinen in',
  'Aquathermie uit de Rijn voor',
] as const;
