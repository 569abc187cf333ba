/**
 * Inbound events: what an adapter hands the engine after it has verified and parsed a
 * platform request. Plain JSON with namespaced ids, never SDK objects.
 */
import { z } from 'zod';
import { NamespacedIdSchema, PlatformNameSchema } from './ids.js';
import { SentRefSchema } from './messages.js';

export const COMMANDS = [
  'help',
  'join',
  'invite',
  'share',
  'docs',
  'ask',
  'toolkit',
  'link',
  'checkin',
  'commitment',
  'idea',
  'success',
  'digest',
  'health',
  'privacy',
  'audit',
] as const;
export const CommandNameSchema = z.enum(COMMANDS);
export type CommandName = z.infer<typeof CommandNameSchema>;

export const LocaleSchema = z.enum(['nl', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ActorSchema = z.object({
  userId: NamespacedIdSchema,
  displayName: z.string().max(200).optional(),
  /** The language the platform reports for this person, if any. */
  locale: LocaleSchema.optional(),
  /**
   * The organisation the person's own workspace belongs to (`slack:E…`, an Enterprise Grid
   * org), when the platform says so: an alliance that lists the org accepts its people.
   */
  org: z
    .string()
    .regex(/^[a-z]+:[A-Za-z0-9]{2,40}$/)
    .optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

export const ConversationSchema = z.object({
  id: NamespacedIdSchema,
  kind: z.enum(['direct', 'channel']),
});
export type Conversation = z.infer<typeof ConversationSchema>;

const Base = {
  /** Platform event id, used to act on a delivery once. */
  eventId: z.string().min(1),
  platform: PlatformNameSchema,
  actor: ActorSchema,
  conversation: ConversationSchema,
  /** An adapter token for an immediate interactive answer (Slack trigger_id). */
  trigger: z.string().optional(),
  /**
   * An adapter's own handle to answer this request without a token or a rate-limit slot
   * (Slack's `response_url` of a slash command or a button). Opaque to the core.
   */
  replyHandle: z.string().max(2000).optional(),
};

export const MessageEventSchema = z.object({
  ...Base,
  type: z.literal('message'),
  text: z.string().max(40_000),
});
export const CommandEventSchema = z.object({
  ...Base,
  type: z.literal('command'),
  command: CommandNameSchema,
  args: z.string().max(4000),
  /** The language of the word the person typed, when the word tells (`help` vs `hulp`). */
  language: LocaleSchema.optional(),
});
export const FormSubmittedEventSchema = z.object({
  ...Base,
  type: z.literal('form_submitted'),
  formId: z.string().min(1),
  context: z.string().optional(),
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** The message that carried the form, when it was inline (not a modal). */
  message: SentRefSchema.optional(),
});
export const ButtonPressedEventSchema = z.object({
  ...Base,
  type: z.literal('button_pressed'),
  actionId: z.string().min(1),
  value: z.string().optional(),
  message: SentRefSchema.optional(),
});
export const MemberJoinedEventSchema = z.object({
  ...Base,
  type: z.literal('member_joined'),
});
/** A person opened the bot's own page (Slack App Home). */
export const HomeOpenedEventSchema = z.object({
  ...Base,
  type: z.literal('home_opened'),
});
export const BotInstalledEventSchema = z.object({
  ...Base,
  type: z.literal('bot_installed'),
});

export const InboundEventSchema = z.discriminatedUnion('type', [
  MessageEventSchema,
  CommandEventSchema,
  FormSubmittedEventSchema,
  ButtonPressedEventSchema,
  MemberJoinedEventSchema,
  BotInstalledEventSchema,
  HomeOpenedEventSchema,
]);
export type InboundEvent = z.infer<typeof InboundEventSchema>;
export type InboundEventType = InboundEvent['type'];
export type MessageEvent = z.infer<typeof MessageEventSchema>;
export type CommandEvent = z.infer<typeof CommandEventSchema>;
export type FormSubmittedEvent = z.infer<typeof FormSubmittedEventSchema>;
export type ButtonPressedEvent = z.infer<typeof ButtonPressedEventSchema>;
