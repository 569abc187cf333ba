/**
 * The alliance model as zod schemas: what an alliance is (ambition, house rules,
 * positioning, who coordinates and who speaks, which channels are linked) and the partner
 * and member records the bot keeps about the people in it.
 */
import { z } from 'zod';
import { LocaleSchema } from '../core/events.js';
import { NamespacedIdSchema, slugify } from '../core/ids.js';

export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes (a slug)');

export const PARTNER_TYPES = [
  'provincie',
  'gemeente',
  'waterschap',
  'netbeheerder',
  'energiebedrijf',
  'woningcorporatie',
  'energiecooperatie',
  'rijksoverheid',
  'kennisinstelling',
  'bedrijf',
  'maatschappelijke-organisatie',
  'overig',
] as const;
export const PartnerTypeSchema = z.enum(PARTNER_TYPES);
export type PartnerType = z.infer<typeof PartnerTypeSchema>;

export const TimeZoneSchema = z.string().refine(isTimeZone, {
  message: 'is not a known IANA time zone (for example Europe/Amsterdam)',
});

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const PersonRefSchema = z
  .strictObject({
    name: z.string().min(1),
    /** Enough on its own: the bot finds the person's Slack and Teams identities by it. */
    email: z.email().optional(),
    /** The person's identities on the platforms, e.g. `slack:T01:U02`, `local:demo:joost`. */
    ids: z.array(NamespacedIdSchema).default([]),
  })
  .refine((p) => p.ids.length > 0 || p.email !== undefined, {
    message: 'give this person an email address or at least one platform id',
  });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/**
 * Who may read what is posted in a linked channel: everyone in the alliance (`all`, the
 * default), the partners of the core team (`core`), or the partners named (by name or id).
 */
export const AudienceSchema = z.union([
  z.enum(['all', 'core']),
  z.array(z.string().min(1).max(150)).min(1, 'name at least one partner, or use all or core'),
]);
export type Audience = z.infer<typeof AudienceSchema>;

const channelId = (platform: 'slack' | 'teams' | 'local') =>
  NamespacedIdSchema.refine((id) => id.startsWith(`${platform}:`), {
    message: `a ${platform} channel id starts with "${platform}:"`,
  });

/** A linked channel: its id, or `{ id, audience }`. */
const channelList = (platform: 'slack' | 'teams' | 'local') =>
  z
    .array(
      z.union([
        channelId(platform),
        z.strictObject({ id: channelId(platform), audience: AudienceSchema.default('all') }),
      ]),
    )
    .default([]);

/**
 * The linked channels, normalised: per platform a list of ids (as before), and the audience
 * of every channel that has one other than `all` under `audiences` (which a config may also
 * give directly; it is what a stored alliance carries).
 */
export const AllianceChannelsSchema = z
  .strictObject({
    slack: channelList('slack'),
    teams: channelList('teams'),
    local: channelList('local'),
    audiences: z.record(z.string(), AudienceSchema).default({}),
  })
  .transform((c) => {
    const audiences: Record<string, Audience> = { ...c.audiences };
    const ids = (list: readonly (string | { id: string; audience: Audience })[]) =>
      list.map((entry) => {
        if (typeof entry === 'string') return entry;
        if (entry.audience !== 'all') audiences[entry.id] = entry.audience;
        else delete audiences[entry.id];
        return entry.id;
      });
    return { slack: ids(c.slack), teams: ids(c.teams), local: ids(c.local), audiences };
  });

export const KnownPartnerSchema = z.strictObject({
  id: SlugSchema.optional(),
  name: z.string().min(1).max(150),
  type: PartnerTypeSchema,
});

/** What a toolkit item is: a key message, a boilerplate text, or a link with a description. */
export const TOOLKIT_KINDS = ['key-message', 'boilerplate', 'link'] as const;
export const ToolkitKindSchema = z.enum(TOOLKIT_KINDS);
export type ToolkitKind = z.infer<typeof ToolkitKindSchema>;

export const ToolkitItemSchema = z
  .strictObject({
    /**
     * A stable name for the item (a slug). Optional: without it the item is known by its
     * language and title, so a changed title in the config makes it a new item.
     */
    id: SlugSchema.optional(),
    title: z.string().min(1).max(150),
    text: z.string().min(1).max(3000),
    /** http, https or mailto only: a link partners can open, never a script or an app scheme. */
    link: z.url({ protocol: /^(https?|mailto)$/ }).optional(),
    kind: ToolkitKindSchema.default('key-message'),
    /** The language of the text; the alliance's language when left out. */
    language: LocaleSchema.optional(),
  })
  .refine((item) => item.kind !== 'link' || item.link !== undefined, {
    message: 'an item of kind "link" needs a link',
    path: ['link'],
  });
export type ToolkitItem = z.infer<typeof ToolkitItemSchema>;

export const DEFAULT_TOPICS = [
  'zon',
  'wind',
  'warmte',
  'netcongestie',
  'opslag',
  'participatie',
  'woningisolatie',
  'mobiliteit',
  'ruimtelijke-inpassing',
] as const;

export const AllianceSchema = z.strictObject({
  id: SlugSchema,
  name: z.string().min(1).max(150),
  ambition: z.string().min(1).max(3000),
  houseRules: z.array(z.string().min(1).max(500)).min(1, 'list at least one house rule'),
  locale: LocaleSchema.default('nl'),
  timeZone: TimeZoneSchema.default('Europe/Amsterdam'),
  positioning: z.enum(['visible', 'quiet']).default('visible'),
  /** Whether every success needs a spokesperson's approval before it is announced. */
  spokespersonApproval: z.boolean().default(false),
  coordinators: z.array(PersonRefSchema).min(1, 'name at least one coordinator'),
  spokespersons: z.array(PersonRefSchema).default([]),
  channels: AllianceChannelsSchema.default({ slack: [], teams: [], local: [], audiences: {} }),
  partners: z.array(KnownPartnerSchema).default([]),
  /** The partners (by name or id, among `partners`) who see documents shared at the core-team level. */
  coreTeam: z.array(z.string().min(1).max(150)).default([]),
  topics: z
    .array(SlugSchema)
    .min(1)
    .default([...DEFAULT_TOPICS]),
  toolkit: z.array(ToolkitItemSchema).default([]),
  /**
   * Cumulative impact thresholds per unit, celebrated once when the announced successes
   * together reach them (`{ MW: [100, 500], woningen: [1000] }`; units match case-insensitively).
   */
  milestones: z
    .record(z.string().trim().min(1).max(40), z.array(z.number().positive()).max(20))
    .default({}),
  /**
   * Slack workspaces (team ids, `T…`, or Enterprise Grid org ids, `E…`) and Teams tenants
   * allowed besides those of the linked channels and the named people, which always count.
   * An install, a stored reference or an event from anywhere else is refused.
   */
  workspaces: z
    .strictObject({
      slack: z
        .array(z.string().regex(/^[TE][A-Z0-9]{2,}$/, 'a Slack team id (T…) or org id (E…)'))
        .default([]),
      teams: z
        .array(
          z
            .string()
            .min(1)
            .regex(/^[0-9a-zA-Z.-]+$/, 'a Teams tenant id'),
        )
        .default([]),
    })
    .default({ slack: [], teams: [] }),
});
export type Alliance = z.infer<typeof AllianceSchema>;

/** The id a partner the config names has in the store, found by its name or id (case and accents ignored). */
export function knownPartnerId(
  partners: readonly z.infer<typeof KnownPartnerSchema>[],
  name: string,
): string | undefined {
  const slug = slugify(name);
  const found = partners.find(
    (p) => p.id === name || p.id === slug || slugify(p.name) === slug || p.name === name,
  );
  return found ? (found.id ?? slugify(found.name)) : undefined;
}

/** The partner ids of the core team (empty when the config names none). */
export function coreTeamIds(alliance: Alliance): string[] {
  return alliance.coreTeam.flatMap((name) => knownPartnerId(alliance.partners, name) ?? []);
}

/** The audience of a linked channel (`all` unless the config says otherwise). */
export function channelAudience(alliance: Alliance, channel: string): Audience {
  return alliance.channels.audiences[channel] ?? 'all';
}

/**
 * What is wrong with the partners an alliance's config names in `coreTeam` and in channel
 * audiences: each must be one of its `partners` (by name or id). Checked when a config loads.
 */
export function partnerNameIssues(
  alliance: Alliance,
): { path: (string | number)[]; message: string }[] {
  const known = alliance.partners.map((p) => p.name).join(', ') || 'none';
  const unknown = (name: string) => knownPartnerId(alliance.partners, name) === undefined;
  const issues: { path: (string | number)[]; message: string }[] = [];
  alliance.coreTeam.forEach((name, i) => {
    if (unknown(name))
      issues.push({
        path: ['coreTeam', i],
        message: `"${name}" is not one of this alliance's partners (${known})`,
      });
  });
  for (const [channel, audience] of Object.entries(alliance.channels.audiences)) {
    if (!Array.isArray(audience)) continue;
    for (const name of audience.filter(unknown))
      issues.push({
        path: ['channels', 'audience', channel],
        message: `the audience of ${channel} names "${name}", which is not one of this alliance's partners (${known})`,
      });
    if (!allChannels(alliance).includes(channel))
      issues.push({
        path: ['channels', 'audiences', channel],
        message: `${channel} has an audience but is not a linked channel`,
      });
  }
  return issues;
}

export type Role = 'member' | 'coordinator' | 'spokesperson';

/** Whether a config person is this identity: by platform id, or by the e-mail it has. */
export function isPerson(person: PersonRef, userId: string, email?: string): boolean {
  if (person.ids.includes(userId)) return true;
  return (
    email !== undefined &&
    email !== '' &&
    person.email !== undefined &&
    person.email.toLowerCase() === email.toLowerCase()
  );
}

/**
 * The roles a platform identity holds in an alliance, from its config: by platform id, or by
 * the e-mail address its platform gives (people named by e-mail alone).
 */
export function rolesOf(alliance: Alliance, userId: string, email?: string): Role[] {
  const roles: Role[] = ['member'];
  if (alliance.coordinators.some((p) => isPerson(p, userId, email))) roles.push('coordinator');
  if (alliance.spokespersons.some((p) => isPerson(p, userId, email))) roles.push('spokesperson');
  return roles;
}

/** Whether anyone in the alliance's config is named by e-mail (then addresses are looked up). */
export function namesPeopleByEmail(alliance: Alliance): boolean {
  return [...alliance.coordinators, ...alliance.spokespersons].some((p) => p.email !== undefined);
}

/**
 * The workspaces (`slack:<team>`, `teams:<tenant>`, `local:<scope>`) an alliance accepts:
 * those listed under `workspaces`, those of its linked channels and of its named people.
 */
export function allowedWorkspaces(alliance: Alliance): Set<string> {
  const out = new Set<string>();
  for (const team of alliance.workspaces.slack) out.add(`slack:${team}`);
  for (const tenant of alliance.workspaces.teams) out.add(`teams:${tenant}`);
  const ids = [
    ...allChannels(alliance),
    ...[...alliance.coordinators, ...alliance.spokespersons].flatMap((p) => p.ids),
  ];
  for (const id of ids) {
    const first = id.indexOf(':');
    const second = id.indexOf(':', first + 1);
    if (first > 0 && second > first) out.add(id.slice(0, second));
  }
  return out;
}

export function allChannels(alliance: Alliance): string[] {
  return [...alliance.channels.slack, ...alliance.channels.teams, ...alliance.channels.local];
}

export const PartnerSchema = z.object({
  id: SlugSchema,
  allianceId: SlugSchema,
  name: z.string().min(1).max(150),
  type: PartnerTypeSchema,
  joinedAt: z.iso.datetime(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const MemberSchema = z.object({
  /** The first platform identity this person used; other identities link to it. */
  id: NamespacedIdSchema,
  allianceId: SlugSchema,
  partnerId: SlugSchema,
  name: z.string().min(1).max(200),
  role: z.string().min(1).max(150),
  goals: z.string().max(2000),
  offers: z.string().max(2000),
  needs: z.string().max(2000),
  topics: z.array(SlugSchema),
  locale: LocaleSchema.optional(),
  joinedAt: z.iso.datetime(),
  /**
   * The event that registered the person first: the same event handled again (after a worker
   * died half-way) carries on as the first time — introduced, not "updated".
   */
  joinedBy: z.string().max(500).optional(),
});
export type Member = z.infer<typeof MemberSchema>;
