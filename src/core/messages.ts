/**
 * The neutral outbound model. Flows build these; adapters render them (Block Kit,
 * Adaptive Cards, accessible HTML) and enforce their platform's limits. Every message has
 * a plain-text fallback so a platform that cannot show a card still says the right thing.
 */
import { z } from 'zod';
import { NamespacedIdSchema } from './ids.js';

/** A link a flow made: only http(s) and mailto, never `javascript:`, `data:` or an app scheme. */
export const LinkSchema = z.object({
  label: z.string().min(1),
  url: z.url({ protocol: /^(https?|mailto)$/ }),
});
export type Link = z.infer<typeof LinkSchema>;

export const FieldSchema = z.object({ label: z.string().min(1), value: z.string() });
export type Field = z.infer<typeof FieldSchema>;

export const ButtonSchema = z.object({
  /** `<flow>.<action>`: the engine routes a press to the flow that owns the prefix. */
  actionId: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/),
  label: z.string().min(1),
  /** Small opaque value handed back with the press (an id, not a document). */
  value: z.string().max(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});
export type Button = z.infer<typeof ButtonSchema>;

/**
 * A picture in a card (a chart the bot serves), with the text alternative that says the same in
 * words: Slack's image block, a Teams Image element, an <img> in the web chat. `url` is a raster
 * every platform shows (PNG); `vectorUrl` an SVG of the same, for the web chat.
 */
export const ImageSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(3000),
  vectorUrl: z
    .url({ protocol: /^https?$/ })
    .max(3000)
    .optional(),
  alt: z.string().min(1).max(2000),
});
export type Image = z.infer<typeof ImageSchema>;

export const CardSchema = z.object({
  header: z.string().min(1).optional(),
  text: z.string().optional(),
  fields: z.array(FieldSchema).default([]),
  links: z.array(LinkSchema).default([]),
  buttons: z.array(ButtonSchema).default([]),
  /** Small print under the card: who, when, a hint. */
  context: z.array(z.string()).default([]),
  /** A picture after the fields (a chart), with its text alternative. */
  image: ImageSchema.optional(),
});
export type Card = z.infer<typeof CardSchema>;
export type CardInput = z.input<typeof CardSchema>;

const FieldBase = {
  name: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  label: z.string().min(1),
  hint: z.string().optional(),
  required: z.boolean().default(true),
};
export const OptionSchema = z.object({ value: z.string().min(1), label: z.string().min(1) });
export type Option = z.infer<typeof OptionSchema>;

export const FormFieldSchema = z.discriminatedUnion('type', [
  z.object({
    ...FieldBase,
    type: z.literal('text'),
    maxLength: z.number().int().positive().default(150),
    initial: z.string().optional(),
  }),
  z.object({
    ...FieldBase,
    type: z.literal('longText'),
    maxLength: z.number().int().positive().default(2000),
    initial: z.string().optional(),
  }),
  z.object({
    ...FieldBase,
    type: z.literal('select'),
    options: z.array(OptionSchema).min(1).max(100),
    initial: z.string().optional(),
  }),
  z.object({
    ...FieldBase,
    type: z.literal('multiSelect'),
    options: z.array(OptionSchema).min(1).max(100),
    maxSelected: z.number().int().positive().optional(),
    initial: z.array(z.string()).optional(),
  }),
  z.object({ ...FieldBase, type: z.literal('date'), initial: z.string().optional() }),
  z.object({
    ...FieldBase,
    type: z.literal('url'),
    maxLength: z.number().int().positive().default(2000),
    initial: z.string().optional(),
  }),
  z.object({
    ...FieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
    initial: z.number().optional(),
  }),
]);
export type FormField = z.infer<typeof FormFieldSchema>;
export type FormFieldInput = z.input<typeof FormFieldSchema>;

export const FormSchema = z.object({
  /** The language of the form's words; adapters use it for their own (optional, cancel). */
  locale: z.enum(['nl', 'en']).default('nl'),
  /** `<flow>.<form>`: a submission is routed to the flow that owns the prefix. */
  id: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/),
  title: z.string().min(1),
  intro: z.string().optional(),
  submitLabel: z.string().min(1),
  cancelLabel: z.string().min(1).optional(),
  fields: z.array(FormFieldSchema).min(1),
  /** Opaque context the flow gets back on submit (e.g. the alliance id). */
  context: z.string().max(2000).optional(),
  /** Errors per field name to show next to the field (when a submission is sent back). */
  errors: z.record(z.string(), z.string()).optional(),
  /** Values to show again when the form comes back with errors. */
  values: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
});
export type Form = z.infer<typeof FormSchema>;
export type FormInput = z.input<typeof FormSchema>;

/**
 * A file handed to a person privately with a card (a privacy export): its bytes wait in Redis
 * under a one-time token, never in a job. Where an adapter can send files to a person
 * (`PlatformAdapter.sendFile`) the card goes with the file; elsewhere, or when the upload fails
 * or is declined, the person gets `instead` (the card with a one-time download link).
 */
export const FileAttachmentSchema = z.object({
  token: z.string().min(1).max(200),
  fileName: z.string().min(1).max(200),
  /** Says what the file is (Slack's file title, the Teams consent card's description). */
  title: z.string().min(1).max(500),
  instead: CardSchema,
});
export type FileAttachment = z.infer<typeof FileAttachmentSchema>;

export const OutboundMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1) }),
  z.object({
    kind: z.literal('card'),
    card: CardSchema,
    fallback: z.string().min(1),
    /** A file to hand over with the card (direct messages only). */
    file: FileAttachmentSchema.optional(),
  }),
  z.object({ kind: z.literal('form'), form: FormSchema, fallback: z.string().min(1) }),
]);
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

/** Where a message goes. */
export const DestinationSchema = z.discriminatedUnion('kind', [
  /** A channel, group chat or existing conversation. */
  z.object({ kind: z.literal('conversation'), id: NamespacedIdSchema }),
  /** A person, privately (the adapter opens or finds the 1:1 conversation). */
  z.object({ kind: z.literal('direct'), userId: NamespacedIdSchema }),
  /** Visible only to one person inside a conversation (fallback: a direct message). */
  z.object({
    kind: z.literal('ephemeral'),
    conversationId: NamespacedIdSchema,
    userId: NamespacedIdSchema,
  }),
  /** A person's own page of the bot (Slack's App Home), replaced as a whole each time. */
  z.object({ kind: z.literal('home'), userId: NamespacedIdSchema }),
]);
export type Destination = z.infer<typeof DestinationSchema>;

/** The conversation or person a destination is in (its platform and workspace are this id's). */
export function destinationId(to: Destination): string {
  return to.kind === 'conversation'
    ? to.id
    : to.kind === 'ephemeral'
      ? to.conversationId
      : to.userId;
}

/** A handle to a sent message, for updating it in place later. */
export const SentRefSchema = z.object({
  conversationId: NamespacedIdSchema,
  messageId: z.string().min(1),
  /**
   * Every part's id, first included, when the platform needed several messages for one
   * (Slack's 50-block limit): an update changes them all.
   */
  parts: z.array(z.string().min(1)).max(50).optional(),
});
export type SentRef = z.infer<typeof SentRefSchema>;

/**
 * A handle to a message a flow sent: its idempotency key, which says what the message is
 * (occurrence, flow, purpose, destination). Plain JSON, so a flow can keep it in a record and
 * change the message later (`ctx.update`), wherever and whenever it was delivered.
 */
export const MessageHandleSchema = z.object({
  key: z.string().min(1).max(500),
  /** Where it went (an update goes the same way). */
  to: DestinationSchema,
});
export type MessageHandle = z.infer<typeof MessageHandleSchema>;

export function text(value: string): OutboundMessage {
  return { kind: 'text', text: value };
}

export function card(input: CardInput, fallback?: string): OutboundMessage {
  const parsed = CardSchema.parse(input);
  return { kind: 'card', card: parsed, fallback: fallback ?? cardToText(parsed) };
}

/** A card handed over with a file (see FileAttachmentSchema); `instead` goes where files cannot. */
export function cardWithFile(
  input: CardInput,
  file: Omit<FileAttachment, 'instead'> & { instead: CardInput },
): OutboundMessage {
  const parsed = CardSchema.parse(input);
  const instead = CardSchema.parse(file.instead);
  return { kind: 'card', card: parsed, fallback: cardToText(parsed), file: { ...file, instead } };
}

export function form(input: FormInput, fallback?: string): OutboundMessage {
  const parsed = FormSchema.parse(input);
  return { kind: 'form', form: parsed, fallback: fallback ?? `${parsed.title}` };
}

/** The plain-text rendering every adapter may fall back to. */
export function cardToText(c: Card): string {
  const lines: string[] = [];
  if (c.header) lines.push(c.header);
  if (c.text) lines.push(c.text);
  for (const f of c.fields) lines.push(`${f.label}: ${f.value}`);
  if (c.image) lines.push(c.image.alt);
  for (const l of c.links) lines.push(`${l.label}: ${l.url}`);
  for (const ctx of c.context) lines.push(ctx);
  return lines.join('\n') || '…';
}
