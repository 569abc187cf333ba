/**
 * Slack payloads (Events API envelopes, slash commands, block_actions, view_submission)
 * parsed with zod and turned into neutral inbound events. Ids: `slack:<team>:<channel or user>`.
 *
 * Two rules, also in Slack Connect channels (shared by several organisations) and under
 * Enterprise Grid:
 * - a person is named by their own team, everywhere: `event.user_team` / `event.team`, the
 *   interaction's `user.team_id`, the slash command's `team_id` (where the person was);
 * - a channel is named by its home team (the envelope's `team_id`, which in a shared channel
 *   is the workspace the channel came from; for commands and buttons the linked channel with
 *   that id when there is one), as before.
 * The installation an event came through is another matter: `authorizations[0]` (team and
 * Enterprise Grid org), see `installationOf`.
 */
import { z } from 'zod';
import type { InboundEvent } from '../../src/core/events.js';
import { neutralText, type TextPart } from '../../src/core/mentions.js';

const EventSchema = z.looseObject({
  type: z.string(),
  user: z.string().optional(),
  /** The person's own team (Slack Connect, Enterprise Grid); `team` where that is missing. */
  user_team: z.string().optional(),
  team: z.string().optional(),
  /** tokens_revoked: the user ids whose tokens were revoked, by kind. */
  tokens: z
    .looseObject({ oauth: z.array(z.string()).optional(), bot: z.array(z.string()).optional() })
    .optional(),
  /** team_access_granted / team_access_revoked: workspaces of an org-wide install. */
  team_ids: z.array(z.string()).optional(),
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
    /** The channel's home workspace; none for an org-wide install's own events. */
    team_id: z.string().nullable().optional(),
    enterprise_id: z.string().nullable().optional(),
    /** Missing in some recorded deliveries; then the event's own timestamp identifies it. */
    event_id: z.string().optional(),
    event: EventSchema,
    /** The installation(s) the event is delivered for: the first is ours. */
    authorizations: z
      .array(
        z.looseObject({
          user_id: z.string().optional(),
          is_bot: z.boolean().optional(),
          team_id: z.string().nullable().optional(),
          enterprise_id: z.string().nullable().optional(),
          is_enterprise_install: z.boolean().optional(),
        }),
      )
      .optional(),
  }),
]);
export type Envelope = z.infer<typeof EnvelopeSchema>;

export const SlashCommandSchema = z.looseObject({
  team_id: z.string(),
  enterprise_id: z.string().optional(),
  /** `true` when the command came through an org-wide install (a string in the form). */
  is_enterprise_install: z.string().optional(),
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
  enterprise: z.looseObject({ id: z.string() }).nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
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
  /**
   * The home team of a channel, when it is a linked one (`C…` → `T…`): a slash command or a
   * button in a channel shared from another workspace names the channel as the config does.
   */
  channelHome?: ((channel: string) => string | undefined) | undefined;
}

export type EventEnvelope = Extract<Envelope, { type: 'event_callback' }>;

/** The installation a payload came through: a workspace's, or an Enterprise Grid org's. */
export interface InstallationRef {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall: boolean;
}

/** The installation an event was delivered for: its first authorization, else the envelope. */
export function installationOf(envelope: EventEnvelope): InstallationRef | undefined {
  const auth = envelope.authorizations?.[0];
  const isEnterpriseInstall = auth?.is_enterprise_install ?? false;
  const enterpriseId = auth?.enterprise_id ?? envelope.enterprise_id ?? undefined;
  const teamId = isEnterpriseInstall ? undefined : (auth?.team_id ?? envelope.team_id ?? undefined);
  if (!teamId && !enterpriseId) return undefined;
  // An org's event with no team (an org-wide uninstall) is the org-wide install's.
  return {
    teamId,
    enterpriseId,
    isEnterpriseInstall: !!enterpriseId && (isEnterpriseInstall || !teamId),
  };
}

/** The workspaces an event names (home of the channel, the person's own), for routing. */
export function teamsOf(envelope: EventEnvelope): string[] {
  const { event } = envelope;
  const teams = [
    envelope.team_id,
    event.user_team,
    event.team,
    envelope.authorizations?.[0]?.team_id,
  ];
  return [...new Set(teams.filter((t): t is string => typeof t === 'string' && t !== ''))];
}

export function fromEvent(envelope: EventEnvelope, ctx: ParseContext = {}): InboundEvent | null {
  const { event } = envelope;
  // The channel's home team (as before); an org-wide install's own events may name none.
  const team = envelope.team_id ?? envelope.authorizations?.[0]?.team_id ?? event.team;
  if (!team) return null;
  const eventId = envelope.event_id ?? `${team}:${event.type}:${event.event_ts ?? event.ts ?? ''}`;
  const botUserId = ctx.botUserId ?? envelope.authorizations?.find((a) => a.is_bot)?.user_id;
  if (event.bot_id || event.subtype || !event.user) return null; // the bot's own echo, edits, joins by bots
  // The person by their own team, also in a Slack Connect channel and under Enterprise Grid.
  const own = event.user_team ?? event.team ?? team;
  // Their org under Enterprise Grid: only where their own workspace is the one the event
  // came through (a Slack Connect guest's workspace is in another org, or in none).
  const org =
    envelope.enterprise_id && own === team ? `slack:${envelope.enterprise_id}` : undefined;
  const base = {
    eventId,
    platform: 'slack' as const,
    actor: { userId: id(own, event.user), ...(org ? { org } : {}) },
  };
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

export function fromSlashCommand(cmd: SlashCommand, ctx: ParseContext = {}): InboundEvent {
  const conversation = {
    id: id(ctx.channelHome?.(cmd.channel_id) ?? cmd.team_id, cmd.channel_id),
    kind: isDirect(cmd.channel_id) ? ('direct' as const) : ('channel' as const),
  };
  const base = {
    eventId: `command:${cmd.trigger_id}`,
    platform: 'slack' as const,
    // A slash command's team is the person's own workspace; its org under Enterprise Grid.
    actor: {
      userId: id(cmd.team_id, cmd.user_id),
      ...(cmd.enterprise_id ? { org: `slack:${cmd.enterprise_id}` } : {}),
    },
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

export function fromInteraction(payload: Interaction, ctx: ParseContext = {}): InboundEvent | null {
  // The person's own team; the workspace they acted in (`team`) where Slack gives none.
  const team = payload.user.team_id ?? payload.team?.id;
  if (!team) return null;
  // Their org under Enterprise Grid, where they act in their own workspace.
  const org =
    payload.enterprise?.id && (!payload.team?.id || payload.team.id === team)
      ? `slack:${payload.enterprise.id}`
      : undefined;
  const actor = { userId: id(team, payload.user.id), ...(org ? { org } : {}) };
  if (payload.type === 'block_actions') {
    const action = payload.actions[0];
    const channel = payload.container?.channel_id ?? payload.channel?.id;
    if (!action || !channel) return null;
    const ts = payload.container?.message_ts;
    // A channel by its home team (a linked channel's), else the workspace it was pressed in.
    const home = ctx.channelHome?.(channel) ?? payload.team?.id ?? team;
    return {
      eventId: `action:${payload.trigger_id}`,
      platform: 'slack',
      actor,
      conversation: { id: id(home, channel), kind: isDirect(channel) ? 'direct' : 'channel' },
      trigger: payload.trigger_id,
      ...(payload.response_url ? { replyHandle: payload.response_url } : {}),
      type: 'button_pressed',
      actionId: action.action_id,
      ...(action.value === undefined ? {} : { value: action.value }),
      ...(ts && !payload.container?.is_ephemeral
        ? { message: { conversationId: id(home, channel), messageId: ts } }
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

/** The installation a slash command came through, and the person's own team. */
export function commandInstallation(cmd: SlashCommand): { via: InstallationRef; teams: string[] } {
  const isEnterpriseInstall = cmd.is_enterprise_install === 'true' && !!cmd.enterprise_id;
  return {
    via: {
      teamId: isEnterpriseInstall ? undefined : cmd.team_id,
      enterpriseId: cmd.enterprise_id,
      isEnterpriseInstall,
    },
    teams: [cmd.team_id],
  };
}

/** The installation an interaction came through, and the teams it names. */
export function interactionInstallation(payload: Interaction): {
  via: InstallationRef | undefined;
  teams: string[];
} {
  const enterpriseId = payload.enterprise?.id;
  const isEnterpriseInstall = (payload.is_enterprise_install ?? false) && !!enterpriseId;
  const teamId = isEnterpriseInstall ? undefined : payload.team?.id;
  const teams = [payload.user.team_id, payload.team?.id].filter(
    (t): t is string => typeof t === 'string' && t !== '',
  );
  return {
    via: teamId || enterpriseId ? { teamId, enterpriseId, isEnterpriseInstall } : undefined,
    teams: [...new Set(teams)],
  };
}
