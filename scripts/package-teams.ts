/**
 * `npm run package:teams`: builds the Teams app package (dist/teams-app.zip) from
 * manifest/teams with the ids from the environment: TEAMS_APP_ID (the bot's Entra app id,
 * used as the bot id and for webApplicationInfo), TEAMS_MANIFEST_ID (the Teams app's own id;
 * default the bot's), TEAMS_VALID_DOMAIN (optional). A minimal zip writer (deflateRaw).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { crc32 } from './teams-icons.js';

const DIR = 'manifest/teams';
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';
const Guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const EnvSchema = z.object({
  TEAMS_APP_ID: Guid,
  TEAMS_MANIFEST_ID: Guid.optional(),
  TEAMS_VALID_DOMAIN: z.string().min(1).optional(),
});

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** A zip archive (deflate, no extras) of the given files. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // utf-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The manifest with the ids filled in. */
export function buildManifest(env: z.infer<typeof EnvSchema>): Record<string, unknown> {
  const text = readFileSync(`${DIR}/manifest.json`, 'utf8');
  const manifest = JSON.parse(text) as Record<string, unknown>;
  const filled = JSON.parse(text.replaceAll(PLACEHOLDER, env.TEAMS_APP_ID)) as Record<
    string,
    unknown
  >;
  filled.id = env.TEAMS_MANIFEST_ID ?? env.TEAMS_APP_ID;
  if (env.TEAMS_VALID_DOMAIN) filled.validDomains = [env.TEAMS_VALID_DOMAIN];
  return { ...manifest, ...filled };
}

export function buildPackage(env: z.infer<typeof EnvSchema>): Buffer {
  const manifest = buildManifest(env);
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    ...['color.png', 'outline.png', 'en.json', 'nl.json'].map((name) => ({
      name,
      data: readFileSync(`${DIR}/${name}`),
    })),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    console.error('package:teams needs TEAMS_APP_ID (a GUID); see docs/teams.md');
    process.exit(1);
  }
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/teams-app.zip', buildPackage(parsed.data));
  console.log('dist/teams-app.zip');
}
