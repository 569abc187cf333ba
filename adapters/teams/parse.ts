/**
 * Teams Activities (Bot Framework protocol, as the Microsoft 365 Agents SDK receives them)
 * parsed with zod and turned into neutral inbound events.
 *
 * Ids: conversations are `teams:<tenant>:<conversation id>` (a channel thread's
 * `;messageid=…` suffix removed, so a thread reply lands in its channel); people are
 * `teams:<tenant>:<aadObjectId>`, their Microsoft Entra object id, the same for every bot and
 * app of the tenant. The `29:` id Teams gives a person for this bot (what a new 1:1 chat
 * needs) is kept beside it by the adapter (people.ts); it names only accounts without an
 * aadObjectId. Event ids carry the conversation: Teams activity ids are unique only within
 * one conversation.
 */
import { z } from 'zod';
import type { InboundEvent, Locale } from '../../src/core/events.js';
import { makeId } from '../../src/core/ids.js';
import { neutralText, type TextPart } from '../../src/core/mentions.js';

const Account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

export const ActivitySchema = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().url(),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  text: z.string().optional(),
  name: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  locale: z.string().optional(),
  action: z.string().optional(),
  entities: z.array(z.looseObject({ type: z.string().optional() })).optional(),
  membersAdded: z.array(Account).optional(),
  channelData: z
    .looseObject({
      tenant: z.looseObject({ id: z.string() }).optional(),
      eventType: z.string().optional(),
      team: z.looseObject({ id: z.string() }).optional(),
    })
    .optional(),
});
export type TeamsActivity = z.infer<typeof ActivitySchema>;

/** What the data of an Action.Submit / Action.Execute from our cards carries. */
export const SubmitDataSchema = z.looseObject({
  /** `form:<form id>` or `button:<action id>`. */
  alliantie: z.string().min(1),
  context: z.string().optional(),
  value: z.string().optional(),
});

/** Whitespace (and, in a tenant, ':') cannot be part of a namespaced id: percent-encoded. */
function safe(value: string, scope = false): string {
  return value.replace(scope ? /[\s:%]/g : /[\s%]/g, (c) => encodeURIComponent(c));
}

export function tenantOf(a: TeamsActivity): string {
  return safe(a.conversation.tenantId ?? a.channelData?.tenant?.id ?? 'unknown', true);
}

/** The conversation id without a channel thread's `;messageid=` suffix. */
export function baseConversationId(id: string): string {
  return id.replace(/;messageid=\d+$/, '');
}

export function conversationIdOf(a: TeamsActivity): string {
  return makeId('teams', tenantOf(a), safe(baseConversationId(a.conversation.id)));
}

type Account = z.infer<typeof Account>;

/** A person's namespaced id: by aadObjectId, or (without one) the id Teams gave the account. */
export function userIdOf(a: TeamsActivity, account: Account = a.from): string {
  const aad = account.aadObjectId?.trim();
  return makeId('teams', tenantOf(a), safe(aad || account.id));
}

/** The id a person had before people were named by aadObjectId (the 29: id), if different. */
export function legacyUserIdOf(a: TeamsActivity, account: Account = a.from): string | undefined {
  const legacy = makeId('teams', tenantOf(a), safe(account.id));
  return legacy === userIdOf(a, account) ? undefined : legacy;
}

/** The channel thread an activity is in (a channel conversation's `;messageid=` suffix). */
export function threadOf(a: TeamsActivity): string | undefined {
  return /;messageid=(\d+)$/.exec(a.conversation.id)?.[1];
}

/** The reply handle of a request in a channel thread: answers go into that thread. */
export const THREAD_HANDLE = /^thread:(\d{1,40})$/;

export function isPersonal(a: TeamsActivity): boolean {
  return a.conversation.conversationType === 'personal';
}

function localeOf(a: TeamsActivity): Locale | undefined {
  const tag = a.locale?.slice(0, 2).toLowerCase();
  return tag === 'nl' || tag === 'en' ? tag : undefined;
}

/** Removes `<at>…</at>` mentions of the bot (and stray HTML the client adds). */
/**
 * Teams' mention syntax as neutral text (the core's one rule): `<at>Alliantiebot</at> help` →
 * `help`, another person's `<at>Anna</at>` → `@Anna`, a bare mention → `` (help). The bot's
 * own mentions are those the activity's mention entities tie to its recipient (the bot); with
 * no entities, a leading mention is taken to be the bot's.
 */
export function teamsText(text: string, botNames: readonly string[] = []): string {
  const parts: TextPart[] = [];
  let at = 0;
  const plain = (t: string) => t.replace(/&nbsp;/g, ' ');
  for (const m of text.matchAll(/<at>([^<]*)<\/at>/g)) {
    const before = text.slice(at, m.index);
    parts.push(plain(before));
    const name = (m[1] ?? '').trim();
    const leading = parts.every((p) => typeof p === 'string' && !p.trim());
    const isBot = botNames.length > 0 ? botNames.includes(name) : leading;
    parts.push(isBot ? { mention: 'bot' } : { mention: 'person', name });
    at = m.index + m[0].length;
  }
  parts.push(plain(text.slice(at)));
  return neutralText(parts);
}

/** The names the activity's mention entities give the bot (the recipient). */
function botMentionNames(a: {
  recipient: { id: string };
  entities?: unknown[] | undefined;
}): string[] {
  const names: string[] = [];
  for (const e of a.entities ?? []) {
    const entity = e as { type?: unknown; mentioned?: { id?: unknown }; text?: unknown };
    if (entity.type !== 'mention' || entity.mentioned?.id !== a.recipient.id) continue;
    if (typeof entity.text === 'string') {
      const inner = /<at>([^<]*)<\/at>/.exec(entity.text)?.[1];
      if (inner !== undefined) names.push(inner.trim());
    }
  }
  return names;
}

function stringValues(data: Record<string, unknown>): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'alliantie' || key === 'context' || key === 'value' || key === 'msteams') continue;
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[key] = String(value);
  }
  return values;
}

const InvokeValueSchema = z.looseObject({ action: z.looseObject({ data: z.unknown() }) });
const DataSchema = z.record(z.string(), z.unknown());

/** The submitted data of a message submission or an adaptiveCard/action invoke. */
function submittedData(a: TeamsActivity): Record<string, unknown> | undefined {
  if (a.value === undefined) return undefined;
  const raw =
    a.type === 'invoke' ? InvokeValueSchema.safeParse(a.value).data?.action.data : a.value;
  const parsed = DataSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Neutral events for one activity (none for activities the bot does not act on). */
export function toEvents(a: TeamsActivity): InboundEvent[] {
  const locale = localeOf(a);
  const thread = a.conversation.conversationType === 'channel' ? threadOf(a) : undefined;
  const base = {
    platform: 'teams' as const,
    // Activity ids are unique within a conversation only: the event id names both.
    eventId: `${conversationIdOf(a)}:${a.id ?? a.type}`,
    ...(thread ? { replyHandle: `thread:${thread}` } : {}),
    actor: {
      userId: userIdOf(a),
      ...(a.from.name ? { displayName: a.from.name.slice(0, 200) } : {}),
      ...(locale ? { locale } : {}),
    },
    conversation: {
      id: conversationIdOf(a),
      kind: isPersonal(a) ? ('direct' as const) : ('channel' as const),
    },
  };
  const replyTo = a.replyToId
    ? { message: { conversationId: base.conversation.id, messageId: a.replyToId } }
    : {};

  if (a.type === 'message' || (a.type === 'invoke' && a.name === 'adaptiveCard/action')) {
    const data = submittedData(a);
    const submit = data ? SubmitDataSchema.safeParse(data) : undefined;
    if (submit?.success && data) {
      const [kind, ...rest] = submit.data.alliantie.split(':');
      const id = rest.join(':');
      if (kind === 'form' && id) {
        return [
          {
            ...base,
            type: 'form_submitted',
            formId: id,
            ...(submit.data.context ? { context: submit.data.context } : {}),
            values: stringValues(data),
            ...replyTo,
          },
        ];
      }
      if (kind === 'button' && id) {
        return [
          {
            ...base,
            type: 'button_pressed',
            actionId: id,
            ...(submit.data.value !== undefined ? { value: submit.data.value } : {}),
            ...replyTo,
          },
        ];
      }
    }
    if (a.type !== 'message' || a.text === undefined) return [];
    // The core reads the command from the words; a bare mention asks for help.
    const text = teamsText(a.text, botMentionNames(a));
    return [{ ...base, type: 'message', text }];
  }

  if (a.type === 'installationUpdate') {
    return a.action === 'add' ? [{ ...base, type: 'bot_installed' }] : [];
  }

  if (a.type === 'conversationUpdate') {
    const events: InboundEvent[] = [];
    for (const member of a.membersAdded ?? []) {
      if (member.id === a.recipient.id) {
        events.push({ ...base, eventId: `${base.eventId}:installed`, type: 'bot_installed' });
      } else if (!member.id.startsWith('28:')) {
        // Other bots (28: ids) are no newcomers.
        events.push({
          ...base,
          eventId: `${base.eventId}:joined:${member.id}`,
          type: 'member_joined',
          actor: {
            userId: userIdOf(a, member),
            ...(member.name ? { displayName: member.name.slice(0, 200) } : {}),
          },
        });
      }
    }
    return events;
  }
  return [];
}
