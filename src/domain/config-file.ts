/**
 * The alliance config file (YAML): the alliances one deployment serves and, for the local
 * web chat, the demo people you can be.
 */
import { z } from 'zod';
import { LocaleSchema } from '../core/events.js';
import { NamespacedIdSchema } from '../core/ids.js';
import {
  AllianceSchema,
  allChannels,
  PartnerTypeSchema,
  partnerNameIssues,
  SlugSchema,
} from './alliance.js';

/** What `npm run seed:demo` fills in for a persona, as if they had done the intake. */
export const DemoIntakeSchema = z.strictObject({
  organisation: z.string().min(1).max(150),
  organisationType: PartnerTypeSchema,
  role: z.string().min(1).max(150),
  goals: z.string().min(1).max(1000),
  offers: z.string().min(1).max(1000),
  needs: z.string().min(1).max(1000),
  topics: z.array(SlugSchema).min(1),
});
export type DemoIntake = z.infer<typeof DemoIntakeSchema>;

export const PersonaSchema = z.strictObject({
  id: NamespacedIdSchema.refine((id) => id.startsWith('local:'), {
    message: 'a local persona id starts with "local:"',
  }),
  name: z.string().min(1).max(200),
  alliance: SlugSchema,
  /** What the web chat shows under the name (e.g. "Gemeente Delft, nieuw"). */
  description: z.string().max(200).optional(),
  locale: LocaleSchema.optional(),
  /** Filled in by `npm run seed:demo`, so the demo starts with people already introduced. */
  demoIntake: DemoIntakeSchema.optional(),
});
export type Persona = z.infer<typeof PersonaSchema>;

export const ConfigFileSchema = z
  .strictObject({
    alliances: z.array(AllianceSchema).min(1, 'list at least one alliance'),
    local: z
      .strictObject({ personas: z.array(PersonaSchema).default([]) })
      .default({ personas: [] }),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    const channelOwner = new Map<string, string>();
    cfg.alliances.forEach((a, i) => {
      if (seen.has(a.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['alliances', i, 'id'],
          message: `the alliance id "${a.id}" is used twice`,
        });
      }
      seen.set(a.id, i);
      for (const issue of partnerNameIssues(a))
        ctx.addIssue({
          code: 'custom',
          path: ['alliances', i, ...issue.path],
          message: issue.message,
        });
      for (const ch of allChannels(a)) {
        const owner = channelOwner.get(ch);
        if (owner && owner !== a.id) {
          ctx.addIssue({
            code: 'custom',
            path: ['alliances', i, 'channels'],
            message: `the channel ${ch} is already linked to the alliance "${owner}"`,
          });
        }
        channelOwner.set(ch, a.id);
      }
    });
    cfg.local.personas.forEach((p, i) => {
      if (!seen.has(p.alliance)) {
        ctx.addIssue({
          code: 'custom',
          path: ['local', 'personas', i, 'alliance'],
          message: `there is no alliance with the id "${p.alliance}"`,
        });
      }
    });
  });
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
