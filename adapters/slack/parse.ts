/**
 * Slack payloads (Events API envelopes, slash commands, block_actions, view_submission)
 * parsed with zod and turned into neutral inbound events. Ids: `slack:<team>:<channel or user>`.
 */
import { z } from 'zod';
import type { InboundEvent } from '../../src/core/events.js';
import { neutralText, type TextPart } from '../../src/core/mentions.js';

const EventSchema = z.looseObject({
  type: z.string(),
  user: z.string().optional(),
  inviter: z.string().optional(),
  text: z.string().optional(),
  channel: z.string().optional(),
  channel_type: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  tab: z.string().optional(),
  ts: z.string().optional(),
  event_ts: z.string().optional(),
  thread_ts: z.string().optional(),
});

export const EnvelopeSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('url_verification'), challenge: z.string() }),
  z.looseObject({
    type: z.literal('event_callback'),
    team_id: z.string(),
    /** Missing in some recorded deliveries; then the event's own timestamp identifies it. */
    event_id: z.string().optional(),
    event: EventSchema,
    authorizations: z
      .array(z.looseObject({ user_id: z.string().optional(), is_bot: z.boolean().optional() }))
      .optional(),
  }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const SlashCommandSchema = z.looseObject({
  team_id: z.string(),
  channel_id: z.string(),
  user_id: z.string(),
  user_name: z.string().optional(),
  command: z.string(),
  text: z.string().default(''),
  trigger_id: z.string(),
  /** Where to answer this command (5 uses within 30 minutes), without a token. */
  response_url: z.string().max(2000).optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

const TeamUser = {
  team: z.looseObject({ id: z.string() }).nullable().optional(),
  user: z.looseObject({
    id: z.string(),
    team_id: z.string().optional(),
    name: z.string().optional(),
  }),
  trigger_id: z.string(),
};

const InputValueSchema = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
  selected_options: z.array(z.looseObject({ value: z.string() })).optional(),
  selected_date: z.string().nullable().optional(),
});

export const InteractionSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('block_actions'),
    ...TeamUser,
    container: z
      .looseObject({
        channel_id: z.string().optional(),
        message_ts: z.string().optional(),
        is_ephemeral: z.boolean().optional(),
      })
      .optional(),
    channel: z.looseObject({ id: z.string() }).optional(),
    /** Where to answer the button, or replace its message (5 uses within 30 minutes). */
    response_url: z.string().max(2000).optional(),
    actions: z
      .array(
        z.looseObject({
          action_id: z.string(),
          value: z.string().optional(),
          action_ts: z.string().optional(),
        }),
      )
      .min(1),
  }),
  z.looseObject({
    type: z.literal('view_submission'),
    ...TeamUser,
    view: z.looseObject({
      id: z.string(),
      callback_id: z.string(),
      private_metadata: z.string().default(''),
      state: z.looseObject({
        values: z.record(z.string(), z.record(z.string(), InputValueSchema)),
      }),
    }),
  }),
]);
export type Interaction = z.infer<typeof InteractionSchema>;

/** What our modals carry in private_metadata. */
export const ModalMetadataSchema = z.object({
  context: z.string().optional(),
  alliance: z.string().optional(),
});

const id = (team: string, local: string) => `slack:${team}:${local}`;
const isDirect = (channel: string) => channel.startsWith('D');

/**
 * Slack's mention syntax as neutral text (the core's one rule): `<@BOT> aanmelden` →
 * `aanmelden`, another person's `<@U123|anna>` → `@anna`, a bare mention → `` (help).
 */
export function slackText(text: string, botUserId: string | undefined): string {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g)) {
    parts.push(text.slice(at, m.index));
    const isBot =
      botUserId === undefined
        ? parts.length === 1 && !text.slice(0, m.index).trim()
        : m[1] === botUserId;
    parts.push(isBot ? { mention: 'bot' } : { mention: 'person', name: m[2] });
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return neutralText(parts);
}

export interface ParseContext {
  /** The bot's own user id in the workspace, to ignore its echoes and its own joins. */
  botUserId?: string | undefined;
}

export function fromEvent(
  envelope: Extract<Envelope, { type: 'event_callback' }>,
  ctx: ParseContext = {},
): InboundEvent | null {
  const { event, team_id: team } = envelope;
  const eventId = envelope.event_id ?? `${team}:${event.type}:${event.event_ts ?? event.ts ?? ''}`;
  const botUserId = ctx.botUserId ?? envelope.authorizations?.find((a) => a.is_bot)?.user_id;
  if (event.bot_id || event.subtype || !event.user) return null; // the bot's own echo, edits, joins by bots
  const base = { eventId, platform: 'slack' as const, actor: { userId: id(team, event.user) } };
  const channel = event.channel;
  switch (event.type) {
    case 'app_mention': {
      if (!channel) return null;
      return {
        ...base,
        type: 'message',
        text: slackText(event.text ?? '', botUserId),
        conversation: { id: id(team, channel), kind: isDirect(channel) ? 'direct' : 'channel' },
      };
    }
    case 'message': {
      if (!channel || event.channel_type !== 'im') return null; // channel messages come as app_mention
      return {
        ...base,
        type: 'message',
        text: slackText(event.text ?? '', botUserId),
        conversation: { id: id(team, channel), kind: 'direct' },
      };
    }
    case 'app_home_opened': {
      if (event.tab !== 'home' || !channel) return null;
      return {
        ...base,
        type: 'home_opened',
        conversation: { id: id(team, channel), kind: 'direct' },
      };
    }
    case 'member_joined_channel': {
      if (!channel) return null;
      const conversation = { id: id(team, channel), kind: 'channel' as const };
      return event.user === botUserId
        ? { ...base, type: 'bot_installed', conversation }
        : { ...base, type: 'member_joined', conversation };
    }
    default:
      return null;
  }
}

export function fromSlashCommand(cmd: SlashCommand): InboundEvent {
  const conversation = {
    id: id(cmd.team_id, cmd.channel_id),
    kind: isDirect(cmd.channel_id) ? ('direct' as const) : ('channel' as const),
  };
  const base = {
    eventId: `command:${cmd.trigger_id}`,
    platform: 'slack' as const,
    actor: { userId: id(cmd.team_id, cmd.user_id) },
    conversation,
    trigger: cmd.trigger_id,
    ...(cmd.response_url ? { replyHandle: cmd.response_url } : {}),
  };
  // The words after the slash command; the core reads the command from them (empty: help).
  return { ...base, type: 'message', text: cmd.text.trim() };
}

/** Values of a submitted modal, by block id (our field names). */
export function modalValues(
  values: Record<string, Record<string, z.infer<typeof InputValueSchema>>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    for (const input of Object.values(actions)) {
      if (input.selected_options) out[blockId] = input.selected_options.map((o) => o.value);
      else if (input.selected_option !== undefined)
        out[blockId] = input.selected_option?.value ?? '';
      else if (input.selected_date !== undefined) out[blockId] = input.selected_date ?? '';
      else out[blockId] = input.value ?? '';
    }
  }
  return out;
}

export function fromInteraction(payload: Interaction): InboundEvent | null {
  const team = payload.user.team_id ?? payload.team?.id;
  if (!team) return null;
  const actor = { userId: id(team, payload.user.id) };
  if (payload.type === 'block_actions') {
    const action = payload.actions[0];
    const channel = payload.container?.channel_id ?? payload.channel?.id;
    if (!action || !channel) return null;
    const ts = payload.container?.message_ts;
    return {
      eventId: `action:${payload.trigger_id}`,
      platform: 'slack',
      actor,
      conversation: { id: id(team, channel), kind: isDirect(channel) ? 'direct' : 'channel' },
      trigger: payload.trigger_id,
      ...(payload.response_url ? { replyHandle: payload.response_url } : {}),
      type: 'button_pressed',
      actionId: action.action_id,
      ...(action.value === undefined ? {} : { value: action.value }),
      ...(ts && !payload.container?.is_ephemeral
        ? { message: { conversationId: id(team, channel), messageId: ts } }
        : {}),
    };
  }
  const meta = ModalMetadataSchema.safeParse(safeJson(payload.view.private_metadata));
  return {
    eventId: `view:${payload.trigger_id}`,
    platform: 'slack',
    actor,
    // A modal's answers go to the person's direct messages with the bot.
    conversation: { id: id(team, payload.user.id), kind: 'direct' },
    type: 'form_submitted',
    formId: payload.view.callback_id,
    ...(meta.success && meta.data.context !== undefined ? { context: meta.data.context } : {}),
    values: modalValues(payload.view.state.values),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
