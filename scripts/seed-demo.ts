/**
 * `npm run seed:demo -- --size region`: seeds a realistic energy region into Redis (REDIS_URL,
 * REDIS_PREFIX) for the alliance of ALLIANCE_CONFIG (the first one, or `--alliance <id>`):
 * 30 partners, 150 people and a year of activity (scripts/demo-region.ts), written through
 * the store's repositories as the flows write it, so `npm start` shows it in the digest and
 * in community health. `--size small` is a quarter year of 8 partners; `--seed <n>` another
 * (deterministic) region. An alliance that already has members or activity is refused;
 * `--reset` wipes its keys first. After writing, it plans the region's check-in series as
 * `checkin plannen` does (so the check-ins keep coming) and folds the health tally once
 * (scripts/demo-region-plan.ts).
 *
 * Without `--size` it does what it always did: the demo personas with a `demoIntake` in the
 * config do the intake (src/cli.ts).
 */
import { parseArgs } from 'node:util';
import { loadAllianceConfig } from '../src/config/alliance-config.js';
import { loadSettings } from '../src/config/env.js';
import { AllianceDirectory } from '../src/domain/directory.js';
import { createLogger } from '../src/log.js';
import { main } from '../src/main.js';
import { QueueRuntime } from '../src/queue/runtime.js';
import { createRedis, Store } from '../src/store/index.js';
import { scanKeys } from '../src/store/personal-data.js';
import { generateRegion, SIZES } from './demo-region.js';
import { planRegion } from './demo-region-plan.js';
import { writeRegion } from './demo-region-write.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    seed: { type: 'string' },
    alliance: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});

async function seedRegion(size: keyof typeof SIZES): Promise<number> {
  const settings = loadSettings();
  const config = await loadAllianceConfig(settings.allianceConfigPath);
  const alliance = config.alliances.find((a) => !values.alliance || a.id === values.alliance);
  if (!alliance) {
    process.stderr.write(`no alliance "${values.alliance}" in ${settings.allianceConfigPath}\n`);
    return 1;
  }
  const redis = createRedis(settings);
  const store = new Store(redis, settings.REDIS_PREFIX);
  try {
    const a = alliance.id;
    const pattern = `${store.keys.prefix}{a:${a}}*`;
    const members = (await store.members.listMembers(a)).length;
    const entries = await store.activity.length(a);
    if (members + entries > 0 && !values.reset) {
      process.stderr.write(
        `${alliance.name} (${a}) already has ${members} members and ${entries} activity entries: nothing seeded. Run again with --reset to wipe its keys (${pattern}) first.\n`,
      );
      return 1;
    }
    if (values.reset) {
      // One hash tag: every key in one slot, so a batch is one DEL on a cluster too.
      const keys = await scanKeys(redis, pattern);
      for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
    }
    // Partners the bot wrote from the config at start, with nobody yet: they join as seeded.
    for (const partner of await store.members.listPartners(a))
      if ((await store.members.membersOfPartner(a, partner.id)).length === 0) {
        await redis.del(store.keys.partner(a, partner.id));
        await redis.srem(store.keys.partners(a), partner.id);
      }
    const seed = values.seed === undefined ? 2026 : Number(values.seed);
    const region = generateRegion({ size, seed, now: new Date() });
    const spokesperson = alliance.spokespersons[0]?.ids[0];
    const started = Date.now();
    const logged = await writeRegion(store, alliance, region, {
      ...(spokesperson ? { spokesperson } : {}),
    });
    const queue = new QueueRuntime({
      redis: settings,
      prefix: settings.REDIS_PREFIX,
      store,
      directory: new AllianceDirectory(config),
      log: createLogger({ level: settings.LOG_LEVEL, pretty: false }),
    });
    const planned = await planRegion(
      store,
      queue.schedules,
      alliance,
      region,
      new Date(),
      alliance.coordinators[0]?.ids[0],
    ).finally(() => queue.close());
    const next = planned.next ? ` The next check-in: ${planned.next.toISOString()}.` : '';
    process.stdout.write(
      `${alliance.name}: seeded ${region.partners.length} partners, ${region.people.length} people, ${region.events.length} events (${logged} activity entries) over ${SIZES[size].days} days, seed ${seed}, in ${((Date.now() - started) / 1000).toFixed(1)} s; a check-in every two weeks planned (${planned.series?.id ?? 'none'}), health tally folded (${planned.folded} entries).${next} Start the bot with npm start and type overzicht or gezondheid.\n`,
    );
    return 0;
  } finally {
    await redis.quit();
  }
}

const size = values.size;
if (size === undefined) process.exit(await main(['seed-demo']));
if (size !== 'small' && size !== 'region') {
  process.stderr.write(`--size is small or region, not "${size}"\n`);
  process.exit(2);
}
process.exit(await seedRegion(size));
