/**
 * The inbound journal: what the acknowledgement path writes, and how it reaches the engine.
 *
 * Slack wants an answer within 3 s and Teams within 15 s, and a platform retries what it did
 * not see acknowledged. So the web process does the least that makes an event safe: one XADD
 * to a Redis Stream (`InboundJournal.append`), then it answers the platform. The pump in the
 * worker process (`JournalPump`) reads the stream as a consumer group, adds the events to
 * BullMQ's inbound queue in batches (each job id derived from the platform's event id, so a
 * retried delivery becomes no second job), and then acknowledges and deletes the entries.
 *
 * At least once: a pump that dies between the add and the acknowledgement leaves its entries
 * pending in the group; a live pump claims entries idle for `claimIdleMs` (XAUTOCLAIM) and adds
 * them again, which the job ids make harmless. The stream only holds entries not yet moved.
 *
 * Bounded: past `maxLength` entries (INBOUND_JOURNAL_MAX_LENGTH) `append` refuses with a
 * JournalFullError, so the webhook answers 5xx and the platform retries later. Nothing already
 * acknowledged is ever trimmed to make room: the check and the XADD are one Lua script.
 * `backlog()` (one round trip) feeds /readyz and /metrics: how many entries wait and how old
 * the oldest is.
 *
 * Measured on the Teams acknowledgement path (CPU of the web process per activity, 2 cores):
 * BullMQ's `Queue.add` about 0.4 ms, the XADD about 0.1 ms, most of it the socket write.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobsOptions, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { InboundEvent } from '../core/events.js';
import { blockingDuplicate, type RedisClient } from '../store/redis.js';
import { lua, runScript } from '../store/scripts.js';
import type { QueueStats } from './inspect.js';

/** The consumer group every pump reads with (one group: each entry goes to one pump). */
export const JOURNAL_GROUP = 'pump';
const FIELD = 'e';

/** A stream entry as Redis returns it: `[id, [field, value, …]]` (null fields once deleted). */
const EntrySchema = z.tuple([z.string(), z.array(z.string()).nullable()]);
const EntriesSchema = z.array(EntrySchema);
type Entry = z.infer<typeof EntrySchema>;
/** XREADGROUP's reply: `[[stream, entries]]`, or null when the block timed out. */
const ReadReplySchema = z.array(z.tuple([z.string(), EntriesSchema])).nullable();
/** XAUTOCLAIM's reply: `[next cursor, entries, deleted ids]` (Redis 7; 6.2 has no third). */
const ClaimReplySchema = z.tuple([z.string(), EntriesSchema]).rest(z.unknown());
/** What a job id is made from; the rest of the event is checked when the job runs. */
const EventKeySchema = z.object({ platform: z.string(), eventId: z.string() });
export type EventKey = z.infer<typeof EventKeySchema>;
/** XPENDING's summary: `[count, first id, last id, consumers]`. */
const PendingSchema = z.tuple([z.number()]).rest(z.unknown());
/** XINFO CONSUMERS: one flat `[name, n, pending, n, idle, ms, …]` list per consumer. */
const ConsumersSchema = z.array(z.array(z.union([z.string(), z.number()])));

/** Default bound of the journal (INBOUND_JOURNAL_MAX_LENGTH): about 100 MB of typical events. */
export const DEFAULT_JOURNAL_MAX_LENGTH = 50_000;

/**
 * The journal is full: the event was not written, and must not be acknowledged (the platform
 * retries it). The HTTP server answers 500; Socket Mode leaves the envelope unacknowledged.
 */
export class JournalFullError extends Error {
  constructor(readonly length: number) {
    super(`the inbound journal is full (${length} entries waiting): not acknowledged`);
    this.name = 'JournalFullError';
  }
}

/** Appends unless the stream holds `max` entries already: returns the new id, or the length. */
const APPEND_BOUNDED = lua(`
local n = redis.call('XLEN', KEYS[1])
if n >= tonumber(ARGV[1]) then return n end
return redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[3])
`);

/** How many entries wait in the journal and how long the oldest has waited. */
export interface JournalBacklog {
  length: number;
  /** Entries a pump has read and is moving (pending in the group). */
  moving: number;
  /** Age of the oldest entry in milliseconds, or null when the journal is empty. */
  oldestMs: number | null;
  /** The journal's bound (appends are refused at it). */
  maxLength: number;
}

/** The milliseconds of a stream id (`1700000000000-0`). */
function idTime(id: string): number {
  return Number(id.split('-')[0]);
}

export interface InboundJournalOptions {
  /** Appends are refused once this many entries wait (default DEFAULT_JOURNAL_MAX_LENGTH). */
  maxLength?: number;
}

export class InboundJournal {
  readonly maxLength: number;

  constructor(
    private readonly redis: RedisClient,
    readonly key: string,
    options: InboundJournalOptions = {},
  ) {
    this.maxLength = options.maxLength ?? DEFAULT_JOURNAL_MAX_LENGTH;
  }

  /**
   * Appends an event; once this resolves the event is in Redis and the platform may be told.
   * Throws JournalFullError at the bound (and Redis's own error when it cannot be reached).
   */
  async append(event: InboundEvent): Promise<void> {
    const result = await runScript(
      this.redis,
      APPEND_BOUNDED,
      [this.key],
      [this.maxLength, FIELD, JSON.stringify(event)],
    );
    if (typeof result === 'number') throw new JournalFullError(result);
  }

  /** Entries not yet moved into the inbound queue (waiting or being moved). */
  async length(): Promise<number> {
    return this.redis.xlen(this.key);
  }

  /** Length, entries being moved and the oldest entry's age: one pipelined round trip. */
  async backlog(now = Date.now()): Promise<JournalBacklog> {
    const replies =
      (await this.redis
        .pipeline()
        .xlen(this.key)
        .xpending(this.key, JOURNAL_GROUP)
        .xrange(this.key, '-', '+', 'COUNT', 1)
        .exec()) ?? [];
    const [lengthReply, pendingReply, firstReply] = replies;
    if (lengthReply?.[0]) throw lengthReply[0];
    if (firstReply?.[0]) throw firstReply[0];
    // XPENDING fails (NOGROUP) before any pump created the group: nothing is being moved.
    const pending = pendingReply?.[0] ? [0] : pendingReply?.[1];
    const first = EntriesSchema.safeParse(firstReply?.[1]).data?.[0]?.[0];
    return {
      length: Number(lengthReply?.[1] ?? 0),
      moving: Number(PendingSchema.safeParse(pending).data?.[0] ?? 0),
      oldestMs: first ? Math.max(0, now - idTime(first)) : null,
      maxLength: this.maxLength,
    };
  }

  /** For `alliance-bot queues` and /metrics: waiting, being moved, and the oldest's age. */
  async stats(now = Date.now()): Promise<QueueStats> {
    const { length, moving, oldestMs } = await this.backlog(now);
    return {
      queue: 'inbound-journal',
      waiting: Math.max(0, length - moving),
      active: moving,
      delayed: 0,
      failed: 0,
      completed: 0,
      oldestWaitingMs: oldestMs,
      schedulers: 0,
    };
  }
}

/** What /readyz holds against a backlog: the oldest entry's age and the journal's bound. */
export interface BacklogLimits {
  /** Not ready once the oldest entry waited longer (READY_MAX_BACKLOG_SECONDS; 0: no limit). */
  maxAgeSeconds: number;
}

/** Why the backlog makes the bot not ready, or undefined when it is fine. */
export function backlogProblem(backlog: JournalBacklog, limits: BacklogLimits): string | undefined {
  if (backlog.length >= backlog.maxLength) {
    return `inbound journal full: ${backlog.length} of ${backlog.maxLength} entries`;
  }
  const ageSeconds = (backlog.oldestMs ?? 0) / 1000;
  if (limits.maxAgeSeconds > 0 && ageSeconds > limits.maxAgeSeconds) {
    return `inbound journal: oldest entry waited ${Math.round(ageSeconds)} s (limit ${limits.maxAgeSeconds} s)`;
  }
  return undefined;
}

export interface JournalPumpOptions {
  /** The connection for everything but the blocking read (the pump duplicates it for that). */
  redis: RedisClient;
  key: string;
  queue: Queue;
  /** BullMQ options for an event's job (its id from the event's key, attempts, retention). */
  jobOptions: (key: EventKey | undefined) => JobsOptions;
  log: Logger;
  /** Entries moved per read (default 200). */
  batch?: number;
  /** How long a read waits for new entries before it looks again (default 2000 ms). */
  blockMs?: number;
  /** Entries pending this long with a consumer are taken over (default 30 s). */
  claimIdleMs?: number;
}

function fieldOf(fields: readonly string[] | null): string | undefined {
  if (!fields) return undefined;
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === FIELD) return fields[i + 1];
  return undefined;
}

/** Moves journal entries into BullMQ's inbound queue; one per worker process. */
export class JournalPump {
  /** Unique per process start: a dead pump's entries stay with its name until claimed. */
  readonly consumer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly reader: RedisClient;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly batch: number;
  private readonly blockMs: number;
  private readonly claimIdleMs: number;

  constructor(private readonly options: JournalPumpOptions) {
    this.reader = blockingDuplicate(options.redis);
    this.batch = options.batch ?? 200;
    this.blockMs = options.blockMs ?? 2000;
    this.claimIdleMs = options.claimIdleMs ?? 30_000;
  }

  async start(): Promise<void> {
    await this.ensureGroup();
    this.running = true;
    this.loop = this.run();
  }

  /** Stops reading; a batch being moved is finished first. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // Ends a blocked read at once; its entries, if any arrived, are claimed later.
    this.reader.disconnect();
    await this.loop;
  }

  private async ensureGroup(): Promise<void> {
    try {
      // From the start of the stream: entries appended before any pump existed count too.
      await this.options.redis.xgroup('CREATE', this.options.key, JOURNAL_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
    }
  }

  private async run(): Promise<void> {
    let lastClaim = 0;
    while (this.running) {
      try {
        if (Date.now() - lastClaim >= this.claimIdleMs / 2) {
          lastClaim = Date.now();
          await this.claimStale();
        }
        const reply = ReadReplySchema.parse(
          await this.reader.xreadgroup(
            'GROUP',
            JOURNAL_GROUP,
            this.consumer,
            'COUNT',
            this.batch,
            'BLOCK',
            this.blockMs,
            'STREAMS',
            this.options.key,
            '>',
          ),
        );
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0) await this.move(entries);
      } catch (error) {
        if (!this.running) break;
        if (error instanceof Error && error.message.includes('NOGROUP')) {
          // The stream was deleted (an operator's cleanup): start again.
          await this.ensureGroup().catch(() => undefined);
          continue;
        }
        this.options.log.error({ err: error }, 'inbound journal: read failed');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Takes over entries a dead pump left pending, and forgets long-gone pumps. */
  private async claimStale(): Promise<void> {
    const { redis, key } = this.options;
    let cursor = '0-0';
    do {
      const [next, entries] = ClaimReplySchema.parse(
        await redis.xautoclaim(
          key,
          JOURNAL_GROUP,
          this.consumer,
          this.claimIdleMs,
          cursor,
          'COUNT',
          this.batch,
        ),
      );
      const live = entries.filter(([, fields]) => fields !== null);
      if (live.length > 0) {
        this.options.log.warn({ entries: live.length }, 'inbound journal: took over stale entries');
        await this.move(live);
      }
      cursor = next;
    } while (cursor !== '0-0' && this.running);
    const consumers = ConsumersSchema.parse(await redis.xinfo('CONSUMERS', key, JOURNAL_GROUP));
    for (const flat of consumers) {
      const info = new Map<string, string | number>();
      for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), flat[i + 1] ?? '');
      const name = String(info.get('name') ?? '');
      if (name && name !== this.consumer && info.get('pending') === 0) {
        if (Number(info.get('idle') ?? 0) > 24 * 3600 * 1000) {
          await redis.xgroup('DELCONSUMER', key, JOURNAL_GROUP, name);
        }
      }
    }
  }

  /** Adds the entries' events to the inbound queue, then acknowledges and deletes them. */
  private async move(entries: readonly Entry[]): Promise<void> {
    const { queue, key, redis, log } = this.options;
    const jobs: Parameters<Queue['addBulk']>[0] = [];
    for (const [id, fields] of entries) {
      const raw = fieldOf(fields);
      let data: unknown;
      try {
        data = JSON.parse(raw ?? '');
      } catch {
        // Only append() writes the journal; an entry that is not even JSON has nothing to keep.
        log.error({ entry: id }, 'inbound journal: unreadable entry dropped');
        continue;
      }
      // The inbound worker checks the whole event; one this version cannot read fails there
      // and stays in the failed set, visible in `alliance-bot queues`, rather than vanishing.
      const keyed = EventKeySchema.safeParse(data);
      jobs.push({
        name: 'event',
        data,
        opts: this.options.jobOptions(keyed.success ? keyed.data : undefined),
      });
    }
    if (jobs.length > 0) await queue.addBulk(jobs);
    const ids = entries.map(([id]) => id);
    await redis
      .multi()
      .xack(key, JOURNAL_GROUP, ...ids)
      .xdel(key, ...ids)
      .exec();
  }
}
