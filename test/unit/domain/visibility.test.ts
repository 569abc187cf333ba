/**
 * The documents policy as a matrix: role x level x whose partner (the sharer's own, another
 * core-team partner, a partner named, another partner, none yet) x channel audience x another
 * alliance. The expected outcomes are written out as a table (not computed the policy's way),
 * so a change of the rule shows up here row by row. And the config it reads: `coreTeam` and
 * channel audiences, plain channel ids still valid, unknown partners refused with a clear error.
 */
import { describe, expect, it } from 'vitest';
import {
  type Alliance,
  AllianceSchema,
  allChannels,
  channelAudience,
  coreTeamIds,
  type Role,
} from '../../../src/domain/alliance.js';
import { ConfigFileSchema } from '../../../src/domain/config-file.js';
import {
  type ChannelFacts,
  type DocumentFacts,
  LEVELS,
  type Level,
  levelsFor,
  mayManage,
  maySee,
  type PersonFacts,
} from '../../../src/domain/visibility.js';

const PARTNERS = [
  { name: 'Provincie Zuid-Holland', type: 'provincie' }, // core team
  { name: 'Stedin', type: 'netbeheerder' }, // core team
  { name: 'Gemeente Leiden', type: 'gemeente' },
  { name: 'Energiecoöperatie Rijnland', type: 'energiecooperatie' },
] as const;
const PZH = 'provincie-zuid-holland';
const STEDIN = 'stedin';
const LEIDEN = 'gemeente-leiden';
const COOP = 'energiecooperatie-rijnland';

const CH = {
  all: 'local:m:alle',
  core: 'local:m:kern',
  coreByName: 'local:m:kern-namen',
  pzh: 'local:m:provincie',
  leiden: 'local:m:leiden',
  pzhLeiden: 'local:m:provincie-leiden',
  coop: 'local:m:coop',
} as const;

function allianceInput(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    name: id,
    ambition: 'Samen.',
    houseRules: ['Vertrouwelijk blijft vertrouwelijk.'],
    coordinators: [{ name: 'Carla', ids: [`local:${id}:carla`] }],
    partners: PARTNERS,
    coreTeam: ['Provincie Zuid-Holland', 'stedin'],
    channels: {
      local: [
        CH.all,
        { id: CH.core, audience: 'core' },
        { id: CH.coreByName, audience: ['Stedin', 'provincie zuid-holland'] },
        { id: CH.pzh, audience: ['Provincie Zuid-Holland'] },
        { id: CH.leiden, audience: ['Gemeente Leiden'] },
        { id: CH.pzhLeiden, audience: [PZH, 'Gemeente Leiden'] },
        { id: CH.coop, audience: ['Energiecooperatie Rijnland'] },
      ],
    },
    ...extra,
  };
}

const alliance: Alliance = AllianceSchema.parse(allianceInput('matrix'));
const OTHER = 'elders';
const SHARER = 'local:m:sharer';

/** A document shared by someone of the Province (a core-team partner), naming Gemeente Leiden. */
const doc = (level: Level, extra: Partial<DocumentFacts> = {}): DocumentFacts => ({
  allianceId: alliance.id,
  ownerId: SHARER,
  ownerPartnerId: PZH,
  level,
  partners: level === 'partners' ? [LEIDEN] : [],
  status: 'active',
  ...extra,
});

/** The kinds of person, by how they relate to the sharer's partner. */
const VIEWERS = {
  owner: { userId: SHARER, partnerId: PZH },
  'own partner': { userId: 'local:m:colleague', partnerId: PZH },
  'other core partner': { userId: 'local:m:stedin', partnerId: STEDIN },
  'named partner': { userId: 'local:m:leiden', partnerId: LEIDEN },
  'other partner': { userId: 'local:m:coop', partnerId: COOP },
  'no partner yet': { userId: 'local:m:new', partnerId: undefined },
} as const;
type Viewer = keyof typeof VIEWERS;

/** Who sees a document at each level (a `partners` document names Gemeente Leiden). */
const SEEN_BY: Record<Level, Viewer[]> = {
  public: [
    'owner',
    'own partner',
    'other core partner',
    'named partner',
    'other partner',
    'no partner yet',
  ],
  alliance: [
    'owner',
    'own partner',
    'other core partner',
    'named partner',
    'other partner',
    'no partner yet',
  ],
  core: ['owner', 'own partner', 'other core partner'],
  partners: ['owner', 'own partner', 'named partner'],
};

/** Which channels a document is announced in, by level. */
const SHOWN_IN: Record<Level, (keyof typeof CH)[]> = {
  public: ['all', 'core', 'coreByName', 'pzh', 'leiden', 'pzhLeiden', 'coop'],
  alliance: ['all', 'core', 'coreByName', 'pzh', 'leiden', 'pzhLeiden', 'coop'],
  // Every partner the channel admits must be in the core team.
  core: ['core', 'coreByName', 'pzh'],
  // Every partner the channel admits must be named (or be the sharer's own).
  partners: ['pzh', 'leiden', 'pzhLeiden'],
};

const ROLES: readonly (readonly Role[])[] = [
  ['member'],
  ['member', 'coordinator'],
  ['member', 'spokesperson'],
  ['member', 'coordinator', 'spokesperson'],
];

const person = (viewer: Viewer, roles: readonly Role[], allianceId = alliance.id): PersonFacts => ({
  kind: 'person',
  allianceId,
  roles,
  ...VIEWERS[viewer],
});
const channel = (channelId: string, allianceId = alliance.id): ChannelFacts => ({
  kind: 'channel',
  allianceId,
  channelId,
});

describe('the documents policy: who sees a document', () => {
  const rows = ROLES.flatMap((roles) =>
    LEVELS.flatMap((level) =>
      (Object.keys(VIEWERS) as Viewer[]).map((viewer) => ({ roles, level, viewer })),
    ),
  );

  it.each(rows.map((r) => [r.roles.join('+'), r.level, r.viewer, r] as const))(
    '%s, %s document, %s',
    (_r, _l, _v, { roles, level, viewer }) => {
      const expected = SEEN_BY[level].includes(viewer);
      expect(maySee(alliance, doc(level), person(viewer, roles))).toBe(expected);
      // Nobody of another alliance, whatever their partner and roles: not even a public one.
      expect(maySee(alliance, doc(level), person(viewer, roles, OTHER))).toBe(false);
      expect(maySee(alliance, doc(level, { allianceId: OTHER }), person(viewer, roles))).toBe(
        false,
      );
      // Withdrawn: nobody, the owner neither.
      expect(maySee(alliance, doc(level, { status: 'withdrawn' }), person(viewer, roles))).toBe(
        false,
      );
    },
  );

  it('has both outcomes for every kind of person but the sharer’s own (the matrix is not vacuous)', () => {
    for (const viewer of Object.keys(VIEWERS) as Viewer[]) {
      const seen = LEVELS.map((l) => maySee(alliance, doc(l), person(viewer, ['member'])));
      if (viewer === 'owner' || viewer === 'own partner') expect(seen.every(Boolean)).toBe(true);
      else expect(new Set(seen).size, viewer).toBe(2);
    }
  });

  it('lets the sharer’s own partner see a named-partner document that does not name it', () => {
    const own = doc('partners', { partners: [COOP] });
    expect(maySee(alliance, own, person('own partner', ['member']))).toBe(true);
    expect(maySee(alliance, own, person('other partner', ['member']))).toBe(true);
    expect(maySee(alliance, own, person('named partner', ['member']))).toBe(false);
  });
});

describe('the documents policy: which channels announce a document', () => {
  const rows = LEVELS.flatMap((level) =>
    (Object.keys(CH) as (keyof typeof CH)[]).map((name) => ({ level, name })),
  );

  it.each(rows.map((r) => [r.level, r.name, r] as const))(
    '%s document in the %s channel',
    (_l, _n, { level, name }) => {
      expect(maySee(alliance, doc(level), channel(CH[name]))).toBe(SHOWN_IN[level].includes(name));
      // A channel of another alliance (or asked about for another one) never.
      expect(maySee(alliance, doc(level), channel(CH[name], OTHER))).toBe(false);
      expect(maySee(alliance, doc(level, { status: 'withdrawn' }), channel(CH[name]))).toBe(false);
    },
  );

  it('never announces in a channel that is not linked to the alliance', () => {
    for (const level of LEVELS)
      expect(maySee(alliance, doc(level), channel('local:m:not-linked'))).toBe(false);
  });

  it('announces core-team documents nowhere but in all-audience-free channels when there is no core team', () => {
    const noCore = AllianceSchema.parse(allianceInput('matrix', { coreTeam: [] }));
    expect(maySee(noCore, doc('core'), channel(CH.core))).toBe(false);
    expect(maySee(noCore, doc('alliance'), channel(CH.core))).toBe(true);
    expect(maySee(noCore, doc('core'), person('other core partner', ['member']))).toBe(false);
    expect(maySee(noCore, doc('core'), person('owner', ['member']))).toBe(true);
  });
});

describe('the documents policy: which levels a sharer may choose, and who manages', () => {
  const CHOOSES: Record<Exclude<Viewer, 'owner'>, Level[]> = {
    'own partner': ['public', 'alliance', 'core', 'partners'],
    'other core partner': ['public', 'alliance', 'core', 'partners'],
    'named partner': ['public', 'alliance', 'partners'],
    'other partner': ['public', 'alliance', 'partners'],
    'no partner yet': ['public', 'alliance'],
  };
  it.each(
    ROLES.flatMap((roles) =>
      (Object.keys(CHOOSES) as (keyof typeof CHOOSES)[]).map((v) => [roles.join('+'), v] as const),
    ),
  )('%s of %s', (roles, viewer) => {
    const who = person(viewer, roles.split('+') as Role[]);
    expect(levelsFor(alliance, who)).toEqual(CHOOSES[viewer]);
    expect(levelsFor(alliance, { ...who, allianceId: OTHER })).toEqual([]);
  });

  it('lets only the owner change or withdraw, and only while the document is shared', () => {
    for (const roles of ROLES) {
      for (const viewer of Object.keys(VIEWERS) as Viewer[]) {
        for (const level of LEVELS) {
          const who = person(viewer, roles);
          expect(mayManage(alliance, doc(level), who)).toBe(viewer === 'owner');
          expect(mayManage(alliance, doc(level, { status: 'withdrawn' }), who)).toBe(false);
          expect(mayManage(alliance, doc(level), { ...who, allianceId: OTHER })).toBe(false);
        }
      }
    }
  });
});

describe('coreTeam and channel audiences in the config', () => {
  it('keeps plain channel ids, takes { id, audience } objects, and keeps the lists of ids', () => {
    expect(allChannels(alliance)).toEqual(Object.values(CH));
    expect(channelAudience(alliance, CH.all)).toBe('all');
    expect(channelAudience(alliance, CH.core)).toBe('core');
    expect(channelAudience(alliance, CH.pzh)).toEqual(['Provincie Zuid-Holland']);
    expect(channelAudience(alliance, 'local:m:unknown')).toBe('all');
    expect(coreTeamIds(alliance)).toEqual([PZH, STEDIN]);
    // What is stored (JSON) parses to the same alliance again.
    expect(AllianceSchema.parse(JSON.parse(JSON.stringify(alliance)))).toEqual(alliance);
    const plain = AllianceSchema.parse(
      allianceInput('plain', { channels: { local: ['local:p:a'], slack: ['slack:T1:C1'] } }),
    );
    expect(allChannels(plain)).toEqual(['slack:T1:C1', 'local:p:a']);
    expect(channelAudience(plain, 'slack:T1:C1')).toBe('all');
  });

  it('refuses a core team or an audience naming a partner the alliance does not have', () => {
    const result = ConfigFileSchema.safeParse({
      alliances: [
        allianceInput('fout', {
          coreTeam: ['Provincie Zuid-Holland', 'Gemeente Atlantis'],
          channels: { local: [{ id: 'local:f:x', audience: ['Waterschap Nergens'] }] },
        }),
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(messages).toContainEqual(
      expect.stringMatching(/^alliances\.0\.coreTeam\.1: "Gemeente Atlantis" is not one of/),
    );
    expect(messages).toContainEqual(expect.stringContaining('"Waterschap Nergens"'));
    expect(messages.join('\n')).toContain('Provincie Zuid-Holland, Stedin');
  });

  it('refuses an audience that is neither all, core nor a list of partners', () => {
    const bad = AllianceSchema.safeParse(
      allianceInput('fout', { channels: { local: [{ id: 'local:f:x', audience: 'iedereen' }] } }),
    );
    expect(bad.success).toBe(false);
    const empty = AllianceSchema.safeParse(
      allianceInput('fout', { channels: { local: [{ id: 'local:f:x', audience: [] }] } }),
    );
    expect(empty.success).toBe(false);
  });
});
