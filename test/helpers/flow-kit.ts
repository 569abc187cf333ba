/**
 * A harness for the flow kit against real Redis: an Engine with the flows a test declares,
 * a small alliance config of its own (a coordinator, a spokesperson, linked channels), fake
 * adapters, and a dispatcher that records every envelope instead of delivering it. A fresh
 * key prefix per harness; `stop()` deletes its keys. Event builders for messages, slash
 * commands, form submissions and button presses, and readers for what was answered.
 */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import type { Dispatcher, OutboundEnvelope, PlatformAdapter } from '../../src/core/adapter.js';
import { AdapterRegistry } from '../../src/core/deliver.js';
import type { CommandName, InboundEvent, Locale } from '../../src/core/events.js';
import type { PlatformName } from '../../src/core/ids.js';
import type { Reminders, Schedules } from '../../src/core/jobs.js';
import type { Card, OutboundMessage, SentRef } from '../../src/core/messages.js';
import { type ConfigFile, ConfigFileSchema } from '../../src/domain/config-file.js';
import { AllianceDirectory } from '../../src/domain/directory.js';
import { Engine } from '../../src/engine/engine.js';
import type { Flow } from '../../src/engine/flow.js';
import { FlowRegistry } from '../../src/engine/registry.js';
import { Store } from '../../src/store/index.js';
import type { RedisClient } from '../../src/store/redis.js';
import { deletePrefix, freshPrefix, keysWithPrefix, testRedis } from './redis.js';

export const KIT = 'kit-alliantie';
export const CHANNEL = 'local:kit:alliantie';
export const SLACK_CHANNEL = 'slack:T0KIT:C0KIT';
/** A coordinator (by id), a spokesperson (by id) and a member nobody's config names. */
export const CARLA = 'local:kit:carla';
export const SAM = 'local:kit:sam';
export const MIA = 'local:kit:mia';

type AllianceInput = Record<string, unknown>;

/** The test alliance as config input; `extra` replaces top-level keys. */
export function kitAlliance(extra: AllianceInput = {}): AllianceInput {
  return {
    id: KIT,
    name: 'Kit Alliantie',
    ambition: 'Samen testen we de flow kit.',
    houseRules: ['We zeggen wat we doen.'],
    locale: 'nl',
    coordinators: [{ name: 'Carla Coördinator', ids: [CARLA] }],
    spokespersons: [{ name: 'Sam Spreker', ids: [SAM] }],
    channels: { local: [CHANNEL], slack: [SLACK_CHANNEL], teams: [] },
    ...extra,
  };
}

export function kitConfig(...alliances: AllianceInput[]): ConfigFile {
  return ConfigFileSchema.parse({
    alliances: alliances.length > 0 ? alliances : [kitAlliance()],
    local: { personas: [] },
  });
}

/** Records what the engine hands on; `failNext` makes the next dispatches throw. */
export class RecordingDispatcher implements Dispatcher {
  readonly batches: OutboundEnvelope[][] = [];
  failNext = 0;

  async dispatch(envelopes: readonly OutboundEnvelope[]): Promise<void> {
    this.batches.push([...envelopes]);
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('the outbox is unreachable');
    }
  }

  get all(): OutboundEnvelope[] {
    return this.batches.flat();
  }

  clear(): void {
    this.batches.length = 0;
  }
}

/** A platform adapter that delivers nothing; `extra` adds optional capabilities. */
export function fakeAdapter(
  platform: PlatformName,
  extra: Partial<PlatformAdapter> = {},
): PlatformAdapter {
  return {
    platform,
    async send(to) {
      return {
        conversationId: to.kind === 'conversation' ? to.id : `${platform}:x:dm`,
        messageId: 'm',
      };
    },
    render: (message) => message,
    routes: () => [],
    ...extra,
  };
}

export interface Kit {
  engine: Engine;
  store: Store;
  redis: RedisClient;
  prefix: string;
  directory: AllianceDirectory;
  flows: FlowRegistry;
  dispatcher: RecordingDispatcher;
  /** Every key under this harness's prefix. */
  keys(): Promise<string[]>;
  /** The keys of the test alliance (records, members, state, defaults). */
  allianceKeys(): Promise<string[]>;
  stop(): Promise<void>;
}

export interface KitOptions {
  flows: readonly Flow[];
  config?: ConfigFile;
  adapters?: readonly PlatformAdapter[];
  schedules?: Schedules;
  reminders?: Reminders;
  /** Shares a prefix (and so the store) with another harness: a restart of the app. */
  prefix?: string;
  /** The deployment's PUBLIC_URL (links to what it serves: exports, charts); none by default. */
  linkBase?: () => string | undefined;
}

export async function startKit(options: KitOptions): Promise<Kit> {
  const prefix = options.prefix ?? freshPrefix('kit');
  const redis = testRedis();
  const store = new Store(redis, prefix);
  const directory = new AllianceDirectory(options.config ?? kitConfig());
  const flows = new FlowRegistry(options.flows);
  const dispatcher = new RecordingDispatcher();
  const adapters = new AdapterRegistry(
    options.adapters ?? [fakeAdapter('local'), fakeAdapter('slack')],
  );
  const engine = new Engine({
    directory,
    store,
    flows,
    dispatcher,
    adapters,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.schedules ? { schedules: options.schedules } : {}),
    ...(options.reminders ? { reminders: options.reminders } : {}),
    ...(options.linkBase ? { linkBase: options.linkBase } : {}),
  });
  return {
    engine,
    store,
    redis,
    prefix,
    directory,
    flows,
    dispatcher,
    keys: () => keysWithPrefix(redis, prefix),
    allianceKeys: () => keysWithPrefix(redis, `${prefix}{a:${KIT}}`),
    async stop() {
      await deletePrefix(redis, prefix);
      await redis.quit();
    },
  };
}

let seq = 0;
const eventId = () => `kit-${++seq}-${randomBytes(4).toString('hex')}`;

/** The person's direct conversation with the bot. */
export function dmOf(userId: string): string {
  const [platform, scope, local] = userId.split(':');
  return `${platform}:${scope}:dm-${local}`;
}

interface EventOptions {
  locale?: Locale;
  /** A channel instead of the person's direct conversation. */
  channel?: string;
  eventId?: string;
}

function base(userId: string, options: EventOptions) {
  return {
    eventId: options.eventId ?? eventId(),
    platform: userId.split(':')[0] as PlatformName,
    actor: { userId, ...(options.locale ? { locale: options.locale } : {}) },
    conversation: options.channel
      ? { id: options.channel, kind: 'channel' as const }
      : { id: dmOf(userId), kind: 'direct' as const },
  };
}

/** A message to the bot, as the person typed it. */
export function say(userId: string, words: string, options: EventOptions = {}): InboundEvent {
  return { ...base(userId, options), type: 'message', text: words };
}

/** A slash command (`/alliance <word> <args>`), as Slack hands it over. */
export function slash(
  userId: string,
  command: CommandName,
  args: string,
  options: EventOptions & { language?: Locale } = {},
): InboundEvent {
  return {
    ...base(userId, options),
    type: 'command',
    command,
    args,
    ...(options.language ? { language: options.language } : {}),
  };
}

export function submit(
  userId: string,
  formId: string,
  values: Record<string, string | string[]>,
  options: EventOptions & { message?: SentRef } = {},
): InboundEvent {
  return {
    ...base(userId, options),
    type: 'form_submitted',
    formId,
    values,
    ...(options.message ? { message: options.message } : {}),
  };
}

export function press(
  userId: string,
  actionId: string,
  options: EventOptions & { value?: string } = {},
): InboundEvent {
  return {
    ...base(userId, options),
    type: 'button_pressed',
    actionId,
    ...(options.value ? { value: options.value } : {}),
  };
}

/** The words of a message as a person reads them (a card's fallback, a form's title). */
export function wordsOf(message: OutboundMessage): string {
  if (message.kind === 'text') return message.text;
  if (message.kind === 'card') return message.fallback;
  return message.form.title;
}

/** The card of a message (throws when it is not a card). */
export function cardOf(message: OutboundMessage | undefined): Card {
  if (message?.kind !== 'card') throw new Error(`not a card: ${JSON.stringify(message)}`);
  return message.card;
}

/** Everything the person was answered privately (direct or ephemeral), in order. */
export function answersTo(envelopes: readonly OutboundEnvelope[], userId: string): string[] {
  return envelopes
    .filter((e) => (e.to.kind === 'direct' || e.to.kind === 'ephemeral') && e.to.userId === userId)
    .map((e) => wordsOf(e.message));
}
