/**
 * The idea record: one per idea and alliance, its id a digest of the event that proposed it
 * (so the same event handled again finds its own idea). It says which partner proposed it,
 * which partners co-signed (one signature per partner), whether it became an initiative and
 * by which event (so it is announced once), the owner and first step its backers named, and
 * the handles of its cards in the alliance channels (to change every copy in place).
 *
 * Personal data: the people who proposed, co-signed or named the plan (their platform ids and
 * names). Erasing a person removes their id and name and keeps the idea, credited to their
 * partner: a partner's backing stays counted when the person who signed asks to be forgotten.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MessageHandleSchema } from '../src/core/messages.js';
import { SlugSchema } from '../src/domain/alliance.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';

export const LIMITS = { title: 150, owner: 100, firstStep: 500 } as const;

/** Partners that must back an idea (the proposer's and two others) for it to be an initiative. */
export const NEEDED = 3;

/** At most this many card copies are kept (one per linked channel). */
const MAX_CARDS = 60;

export const SignatureSchema = z.object({
  /** The partner that backs the idea (what counts: once per partner). */
  partnerId: SlugSchema,
  partnerName: z.string().min(1).max(200),
  /** The platform identity that signed (gone when they asked to be forgotten). */
  by: z.string().optional(),
  byName: z.string().max(200).optional(),
  at: z.iso.datetime(),
  /** The event that signed: the same event handled again signs nothing new. */
  event: z.string().min(1).max(500),
});
export type Signature = z.infer<typeof SignatureSchema>;

export const PlanSchema = z.object({
  owner: z.string().min(1).max(LIMITS.owner),
  firstStep: z.string().min(1).max(LIMITS.firstStep),
  by: z.string().optional(),
  byName: z.string().max(200).optional(),
  at: z.iso.datetime(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const IdeaSchema = z.object({
  id: z.string().min(1).max(64),
  title: z
    .string()
    .min(1)
    .max(LIMITS.title * 2),
  /** The proposer and their partner. */
  proposal: SignatureSchema,
  /** One signature per other partner, in the order they signed. */
  cosigners: z.array(SignatureSchema),
  status: z.enum(['open', 'initiative']),
  /** When it became an initiative, and the event that made it one (it announces it). */
  initiative: z.object({ at: z.iso.datetime(), event: z.string().min(1).max(500) }).optional(),
  plan: PlanSchema.optional(),
  /** Its card in every alliance channel, for updates. */
  cards: z.array(MessageHandleSchema).max(MAX_CARDS).default([]),
});
export type Idea = z.infer<typeof IdeaSchema>;

/** Every partner backing the idea, the proposer's first. */
export const backers = (idea: Idea): Signature[] => [idea.proposal, ...idea.cosigners];

function forget(s: Signature, ids: readonly string[]): Signature {
  if (!s.by || !ids.includes(s.by)) return s;
  const { by: _by, byName: _name, ...rest } = s;
  return rest;
}

export const ideas: CollectionSpec<Idea> = {
  name: 'ideas.idea',
  schema: IdeaSchema,
  purpose: {
    nl: 'ideeën die partners voorstellen en mede-ondertekenen (wie voorstelde of tekende, namens welke partner, en de eigenaar en eerste stap van een initiatief), om ideeën met drie partners erachter tot initiatief te maken; bewaard zolang de alliantie loopt, op naam van de partner zodra iemand is vergeten',
    en: 'ideas partners propose and co-sign (who proposed or signed, for which partner, and the owner and first step of an initiative), to turn ideas backed by three partners into initiatives; kept while the alliance runs, credited to the partner once a person is forgotten',
  },
  people: (idea) =>
    [...backers(idea).map((s) => s.by), idea.plan?.by].filter(
      (id): id is string => id !== undefined,
    ),
  anonymise: (idea, ids) => {
    const plan = idea.plan;
    let kept: Plan | undefined = plan;
    if (plan?.by && ids.includes(plan.by)) {
      const { by: _by, byName: _name, ...rest } = plan;
      kept = rest;
    }
    const { plan: _plan, ...rest } = idea;
    return {
      ...rest,
      proposal: forget(idea.proposal, ids),
      cosigners: idea.cosigners.map((s) => forget(s, ids)),
      ...(kept ? { plan: kept } : {}),
    };
  },
};

/** The idea's id: a digest of the event that proposed it. */
export function ideaId(eventKey: string): string {
  return `idea-${createHash('sha256').update(eventKey).digest('hex').slice(0, 20)}`;
}

export const ideaRecords = (store: FlowStore) => store.collection(ideas);
