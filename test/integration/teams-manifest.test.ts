/**
 * The Teams app package: the manifest validates against the schema of its manifestVersion,
 * the icons have the sizes Teams wants (the outline transparent), the nl and en files cover
 * the same strings, and `package:teams` builds a zip with the ids from the environment.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../scripts/package-teams.js';
import { manifestErrors } from '../fakes/teams-schemas.js';

const DIR = 'manifest/teams';
const manifest = JSON.parse(readFileSync(`${DIR}/manifest.json`, 'utf8')) as {
  manifestVersion: string;
  bots: {
    scopes: string[];
    supportsFiles?: boolean;
    commandLists: { commands: { title: string }[] }[];
  }[];
  localizationInfo: { additionalLanguages: { languageTag: string; file: string }[] };
};

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const data = readFileSync(`${DIR}/${file}`);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colorType: data[25] ?? 0 };
}

/** The files in a zip, read with its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    files.set(name, inflateRawSync(zip.subarray(start, start + size)));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return files;
}

describe('the Teams app package', () => {
  it('validates against the schema of its manifestVersion (1.22 or newer)', () => {
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.22);
    expect(manifestErrors(manifest, manifest.manifestVersion)).toEqual([]);
  });

  it('has a bot in team, group chat and personal scopes with the command list', () => {
    expect(manifest.bots[0]?.scopes).toEqual(['team', 'groupChat', 'personal']);
    // A privacy export is offered as a file (a file consent card in the personal chat).
    expect(manifest.bots[0]?.supportsFiles).toBe(true);
    const titles = manifest.bots[0]?.commandLists[0]?.commands.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['help', 'join', 'privacy']));
  });

  it('has nl and en localization files with the same keys', () => {
    const files = manifest.localizationInfo.additionalLanguages.map((l) => l.file).sort();
    expect(files).toEqual(['en.json', 'nl.json']);
    const [en, nl] = files.map(
      (f) => JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as Record<string, string>,
    );
    expect(Object.keys(nl ?? {}).sort()).toEqual(Object.keys(en ?? {}).sort());
    expect(nl?.['bots[0].commandLists[0].commands[0].title']).toBe('hulp');
  });

  it('has a 192x192 colour icon and a 32x32 transparent outline', () => {
    expect(pngSize('color.png')).toMatchObject({ width: 192, height: 192 });
    expect(pngSize('outline.png')).toMatchObject({ width: 32, height: 32, colorType: 6 });
  });

  it('packages a zip with the ids from the environment, still valid', () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    const files = unzip(buildPackage({ TEAMS_APP_ID: appId }));
    expect([...files.keys()].sort()).toEqual(
      ['color.png', 'en.json', 'manifest.json', 'nl.json', 'outline.png'].sort(),
    );
    const packaged = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '{}') as {
      id: string;
      bots: { botId: string }[];
    };
    expect(packaged.id).toBe(appId);
    expect(packaged.bots[0]?.botId).toBe(appId);
    expect(manifestErrors(packaged, manifest.manifestVersion)).toEqual([]);
    expect(files.get('color.png')).toEqual(readFileSync(`${DIR}/color.png`));
  });
});
