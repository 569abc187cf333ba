/**
 * The long history of the digest benchmark: activity before the demo region's year, by the
 * same partners and people, as a deployment that ran for years holds it. Its documents (with
 * review days long past) and check-in rounds are written through the store's collections,
 * before the region, so they come first in the collections' order as they would. The activity
 * stream is then written anew in one pass, pipelined: the old entries and the region's own,
 * each with the stream id of its instant (what XADD * gave when it happened), in the fields
 * src/store/activity-log.ts writes (activityFields).
 */
import { roundItems } from '../flows/checkins-record.js';
import { documents, recordId } from '../flows/documents-record.js';
import { prng, type Region } from '../scripts/demo-region.js';
import type { Alliance } from '../src/domain/alliance.js';
import { type ActivityInput, activityFields } from '../src/store/activity-log.js';
import type { RedisClient, Store } from '../src/store/index.js';

const DAY = 86_400_000;
/** Old entries per day (the region's own year is quieter: a few a day). */
export const OLD_PER_DAY = 250;
/** Entries per pipeline. */
const BATCH = 5000;

export interface History {
  entries: ActivityInput[];
  documents: number;
  rounds: number;
}

/** `count` entries before `before`, newest last, and the records they name. */
export async function writeOldRecords(
  store: Store,
  alliance: Alliance,
  region: Region,
  count: number,
  before: number,
): Promise<History> {
  const rand = prng(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const a = alliance.id;
  const start = before - (count / OLD_PER_DAY) * DAY;
  const entries: ActivityInput[] = [];
  const docs: Promise<boolean>[] = [];
  let documentsMade = 0;
  let rounds = 0;
  let nextRound = start;
  let round = '';
  for (let i = 0; i < count; i++) {
    const ms = Math.floor(start + (i / count) * (before - start));
    const at = new Date(ms).toISOString();
    if (ms >= nextRound) {
      round = `checkin-0000000000be-${at.slice(0, 16).replace(/[-:]/g, '').toLowerCase()}`;
      await store.collection(roundItems).create(a, round, {
        id: round,
        seriesId: 'checkin-0000000000be',
        at,
        deadline: new Date(ms + 2 * DAY).toISOString(),
        audience: 'all',
        partners: region.partners.map((p) => ({ id: p.id, name: p.name, contacts: [] })),
        answers: {},
        closed: true,
        summary: [],
      });
      rounds++;
      nextRound += 14 * DAY;
    }
    const p = pick(region.people);
    const who = { actor: p.id, partner: p.partnerId, at };
    const r = rand();
    if (r < 0.1) {
      const id = recordId('doc', `bench:old:${i}`);
      const level = pick(['public', 'alliance', 'alliance', 'core', 'partners'] as const);
      const reviewOn = rand() < 0.25 ? new Date(ms + 60 * DAY).toISOString().slice(0, 10) : '';
      docs.push(
        store.collection(documents).create(a, id, {
          id,
          allianceId: a,
          title: `Oud document ${i}`,
          link: `https://documenten.energieregio.example/${id}.pdf`,
          summary: '',
          topics: p.topics,
          level,
          partners: level === 'partners' ? [p.partnerId] : [],
          ownerId: p.id,
          ownerName: p.name,
          ownerPartnerId: p.partnerId,
          ownerLocale: p.locale,
          sharedAt: at,
          ...(reviewOn ? { reviewOn } : {}),
          status: 'active',
          occurrence: `bench:old:${i}`,
          copies: [],
        }),
      );
      documentsMade++;
      entries.push({ type: 'document.shared', ...who, data: { document: id, level } });
    } else if (r < 0.45) {
      const status = pick(['on-track', 'on-track', 'on-track', 'at-risk', 'blocked'] as const);
      entries.push({
        type: 'checkin.answered',
        ...who,
        data: {
          round,
          series: 'checkin-0000000000be',
          status,
          onTrack: status === 'on-track',
          statuses: [status],
        },
      });
    } else if (r < 0.65) {
      entries.push({
        type: 'commitment.updated',
        ...who,
        data: { commitment: `c-old${i % 90}`, action: 'changed', due: '2030-12-31' },
      });
    } else if (r < 0.85) {
      const idea = `idea-old${Math.floor(i / 40)}`;
      const type = rand() < 0.25 ? 'idea.proposed' : 'idea.cosigned';
      entries.push({ type, ...who, data: { idea, event: `bench:old:${i}` } });
    } else if (r < 0.95) {
      entries.push({ type: 'introduction.connected', partner: p.partnerId, at, data: {} });
    } else {
      entries.push({
        type: 'success.proposed',
        ...who,
        data: { successId: `s-old${i}`, title: 'Oud succes' },
      });
    }
    if (docs.length >= 500) await Promise.all(docs.splice(0));
  }
  await Promise.all(docs);
  return { entries, documents: documentsMade, rounds };
}

/**
 * The activity stream written anew: the old entries, then the ones in it now (the region's,
 * written by the repositories), each with the stream id of its instant, oldest first.
 */
export async function rewriteStream(
  redis: RedisClient,
  key: string,
  old: readonly ActivityInput[],
): Promise<number> {
  const current = await redis.xrange(key, '-', '+');
  await redis.del(key);
  const flat = (fields: string[]) => {
    const o: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length; i += 2) o[fields[i] as string] = fields[i + 1] as string;
    return o;
  };
  const recent = current
    .map(([, fields]) => ({ at: flat(fields).at ?? '', fields }))
    .sort((x, y) => x.at.localeCompare(y.at));
  const all = [...old.map((e) => ({ at: String(e.at), fields: activityFields(e) })), ...recent];
  let lastMs = 0;
  let seq = 0;
  for (let i = 0; i < all.length; i += BATCH) {
    const pipeline = redis.pipeline();
    for (const { at, fields } of all.slice(i, i + BATCH)) {
      const ms = Math.max(Date.parse(at), lastMs);
      seq = ms === lastMs ? seq + 1 : 0;
      lastMs = ms;
      pipeline.xadd(key, `${ms}-${seq}`, ...fields);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err);
    if (failed) throw failed[0];
  }
  return all.length;
}
