/**
 * The toolkit's records: one per item and alliance, kept by compare-and-set (a Collection).
 * An item comes from the alliance config (seeded when the toolkit is first used, and on every
 * later use for what the config added) or from a coordinator in chat. Every record keeps its
 * history — who created, changed or retired it and when (the person's id, for the audit
 * trail) — and a version, so an edit made on an older version is caught. A retired item stays
 * in the record; partners no longer see it.
 *
 * How the config and the chat meet (`seedToolkit`):
 * - an item in the config that the store does not have yet is added;
 * - an item nobody touched in chat follows the config: a changed text, kind or link in the
 *   config changes it (a history entry `config` says so);
 * - an item a coordinator changed or retired in chat keeps what the chat made of it: the
 *   config never overwrites it, also not after a restart;
 * - an item that left the config stays as it is (retire it in chat);
 * - the config knows an item by its `id`, or else by its language and title: a new title
 *   without an `id` makes a new item (and the old one stays until it is retired); of two
 *   entries that are one item by this rule, the first counts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Locale, LocaleSchema } from '../src/core/events.js';
import { type Alliance, type ToolkitItem, ToolkitKindSchema } from '../src/domain/alliance.js';
import type { FlowStore } from '../src/store/index.js';
import type { CollectionSpec } from '../src/store/records.js';

/** Limits of what a coordinator types (the config's own limits are the same). */
export const LIMITS = { title: 150, text: 3000, link: 2000 } as const;
/** At most this many history entries per item (the oldest go first). */
export const MAX_HISTORY = 500;

export const ToolkitEventSchema = z.object({
  action: z.enum(['seeded', 'config', 'created', 'changed', 'retired']),
  /** The person who did it (none for the config; gone when they asked to be forgotten). */
  by: z.string().optional(),
  byName: z.string().max(200).optional(),
  at: z.iso.datetime(),
  /** The version this made. */
  version: z.number().int().min(1),
});
export type ToolkitEvent = z.infer<typeof ToolkitEventSchema>;

export const ToolkitRecordSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(400),
  /** Counted in UTF-16 units here; the form and the config count characters (at most 3000). */
  text: z.string().min(1).max(8000),
  link: z.string().max(4000).optional(),
  kind: ToolkitKindSchema,
  language: LocaleSchema,
  status: z.enum(['active', 'retired']),
  origin: z.enum(['config', 'chat']),
  /** A digest of the config entry as last applied (config items). */
  configDigest: z.string().optional(),
  version: z.number().int().min(1),
  /** The event that wrote the last version: handled again after a crash, it carries on. */
  lastEvent: z.string().max(500).optional(),
  history: z.array(ToolkitEventSchema).max(MAX_HISTORY),
});
export type ToolkitRecord = z.infer<typeof ToolkitRecordSchema>;

export const toolkitItems: CollectionSpec<ToolkitRecord> = {
  name: 'toolkit.item',
  schema: ToolkitRecordSchema,
  purpose: {
    nl: 'de kernboodschappen, standaardteksten en links van de alliantie, en welke coördinator elk ervan toevoegde, wijzigde of introk en wanneer (voor het logboek)',
    en: "the alliance's key messages, boilerplate texts and links, and which coordinator added, changed or retired each one and when (for the audit trail)",
  },
  people: (r) => [...new Set(r.history.flatMap((h) => (h.by ? [h.by] : [])))],
  // The items belong to the alliance: only the person's traces go.
  anonymise: (r, ids) => ({
    ...r,
    history: r.history.map((h) =>
      h.by && ids.includes(h.by) ? { action: h.action, at: h.at, version: h.version } : h,
    ),
  }),
};

export const toolkitRecords = (store: FlowStore) => store.collection(toolkitItems);

const digest = (value: string, length = 20) =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/** The language of a config item: its own, else the alliance's. */
export const configLanguage = (item: ToolkitItem, alliance: Alliance): Locale =>
  item.language ?? alliance.locale;

/** The record id of a config item: its `id`, else its language and title. */
export function configItemId(item: ToolkitItem, alliance: Alliance): string {
  return item.id
    ? `cfg-${item.id}`
    : `cfg-${digest(`${configLanguage(item, alliance)}\n${item.title.trim()}`)}`;
}

/** The record id of an item a coordinator added: from the event, so a retry adds it once. */
export const chatItemId = (eventKey: string) => `chat-${digest(eventKey)}`;

/** What the config says of an item, as a digest: a change of it shows in the digest. */
function configDigest(item: ToolkitItem, alliance: Alliance): string {
  return digest(
    JSON.stringify([
      item.title,
      item.text,
      item.link ?? '',
      item.kind,
      configLanguage(item, alliance),
    ]),
    32,
  );
}

/** Whether a coordinator changed or retired the item in chat (then the config leaves it be). */
export const touchedInChat = (r: ToolkitRecord) =>
  r.history.some((h) => h.action === 'changed' || h.action === 'retired');

/** The history with one more entry, the oldest dropped past MAX_HISTORY. */
export function withEvent(r: ToolkitRecord, event: ToolkitEvent): ToolkitEvent[] {
  return [...r.history, event].slice(-MAX_HISTORY);
}

/**
 * Brings the config's items into the store (see the header): adds new ones, follows the
 * config for items nobody touched in chat, leaves the rest. Idempotent; safe to run at once
 * from several events (each step is one compare-and-set on one item).
 */
export async function seedToolkit(store: FlowStore, alliance: Alliance, now: Date): Promise<void> {
  if (alliance.toolkit.length === 0) return;
  const records = toolkitRecords(store);
  const known = new Map((await records.list(alliance.id)).map((r) => [r.id, r]));
  const at = now.toISOString();
  const seen = new Set<string>();
  for (const item of alliance.toolkit) {
    const id = configItemId(item, alliance);
    // Two config entries that are one item (same id, or same language and title): the first.
    if (seen.has(id)) continue;
    seen.add(id);
    const fromConfig = {
      title: item.title.trim(),
      text: item.text.trim(),
      ...(item.link ? { link: item.link } : {}),
      kind: item.kind,
      language: configLanguage(item, alliance),
      configDigest: configDigest(item, alliance),
    };
    const current = known.get(id);
    if (!current) {
      await records.create(alliance.id, id, {
        id,
        ...fromConfig,
        status: 'active',
        origin: 'config',
        version: 1,
        history: [{ action: 'seeded', at, version: 1 }],
      });
      continue;
    }
    if (current.configDigest === fromConfig.configDigest || touchedInChat(current)) continue;
    await records.mutate(alliance.id, id, (r) => {
      if (!r || r.configDigest === fromConfig.configDigest || touchedInChat(r)) return r;
      const { link: _old, ...rest } = r;
      const version = r.version + 1;
      return {
        ...rest,
        ...fromConfig,
        version,
        history: withEvent(r, { action: 'config', at, version }),
      };
    });
  }
}

/** The last change of an item that a person made (for "last changed by"), if any. */
export function lastByPerson(r: ToolkitRecord): ToolkitEvent | undefined {
  return [...r.history].reverse().find((h) => h.action !== 'seeded' && h.action !== 'config');
}
