import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseAllianceConfig } from '../../../src/config/alliance-config.js';

const EXAMPLE = 'examples/energieregio.yaml';
const run = promisify(execFile);

async function example(): Promise<string> {
  return readFile(EXAMPLE, 'utf8');
}

function problemsOf(source: string): string {
  try {
    parseAllianceConfig(source, 'broken.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the alliance config', () => {
  it('reads the demo energy region', async () => {
    const config = parseAllianceConfig(await example(), EXAMPLE);
    const [alliance] = config.alliances;
    expect(alliance?.id).toBe('energieregio-west');
    expect(alliance?.locale).toBe('nl');
    expect(alliance?.timeZone).toBe('Europe/Amsterdam');
    expect(alliance?.partners.map((p) => p.type)).toEqual([
      'provincie',
      'gemeente',
      'gemeente',
      'waterschap',
      'netbeheerder',
      'woningcorporatie',
      'energiecooperatie',
    ]);
    expect(config.local.personas.map((p) => p.name)).toContain('Anna de Vries');
  });

  it.each([
    [
      'a missing name',
      (s: string) => s.replace('    name: Energieregio Holland-West\n', ''),
      /:\d+:\d+ at alliances\[0\]\.name: is missing/,
    ],
    [
      'a time zone that does not exist',
      (s: string) => s.replace('timeZone: Europe/Amsterdam', 'timeZone: Europe/Amsterdm'),
      /broken\.yaml:\d+:\d+ at alliances\[0\]\.timeZone: is not a known IANA time zone/,
    ],
    [
      'an unknown positioning',
      (s: string) => s.replace('positioning: visible', 'positioning: loud'),
      /at alliances\[0\]\.positioning: should be one of "visible", "quiet"; found "loud"/,
    ],
    [
      'a misspelt setting',
      (s: string) => s.replace('spokespersonApproval:', 'spokespersonAproval:'),
      /unknown setting "spokespersonAproval" \(check the spelling\)/,
    ],
    [
      'a Slack id in the Teams list',
      (s: string) => s.replace('teams: ["teams:', 'teams: ["slack:'),
      /at alliances\[0\]\.channels\.teams\[0\]: a teams channel id starts with "teams:"/,
    ],
    [
      'a persona of an unknown alliance',
      (s: string) =>
        s.replace(
          '      alliance: energieregio-west\n      description: Gemeente Leiden',
          '      alliance: energieregio-oost\n      description: Gemeente Leiden',
        ),
      /at local\.personas\[0\]\.alliance: there is no alliance with the id "energieregio-oost"/,
    ],
    [
      'YAML that is not YAML',
      (s: string) => s.replace('houseRules:', 'houseRules: [oops'),
      /broken\.yaml:\d+:\d+ at \(top\): this is not valid YAML/,
    ],
  ])('explains %s with the file, the line and the path', async (_what, breakIt, expected) => {
    const message = problemsOf(breakIt(await example()));
    expect(message).toMatch(expected);
    expect(message.startsWith('broken.yaml: ')).toBe(true);
  });

  it('refuses two alliances with one id, and a channel linked to two alliances', async () => {
    const source = await example();
    const block = source.slice(
      source.indexOf('  - id: energieregio-west'),
      source.indexOf('# Who you can be'),
    );
    const doubled = source.replace('# Who you can be', `${block}# Who you can be`);
    expect(problemsOf(doubled)).toContain(
      'at alliances[1].id: the alliance id "energieregio-west" is used twice',
    );
    const twoLinks = source.replace(
      '# Who you can be',
      `${block.replace('id: energieregio-west', 'id: energieregio-oost')}# Who you can be`,
    );
    expect(problemsOf(twoLinks)).toContain(
      'at alliances[1].channels: the channel local:demo:alliantie is already linked to the alliance "energieregio-west"',
    );
  });

  it('is checked by `alliance-bot check-config`', async () => {
    const ok = await run(process.execPath, [
      '--import',
      'tsx',
      'src/main.ts',
      'check-config',
      EXAMPLE,
    ]);
    expect(ok.stdout).toContain(
      'examples/energieregio.yaml: OK (1 alliance(s): energieregio-west)',
    );
    const dir = await mkdtemp(join(tmpdir(), 'alliantiebot-config-'));
    const broken = join(dir, 'broken.yaml');
    await writeFile(
      broken,
      (await example()).replace('timeZone: Europe/Amsterdam', 'timeZone: Mars/Olympus'),
    );
    const failed = await run(process.execPath, [
      '--import',
      'tsx',
      'src/main.ts',
      'check-config',
      broken,
    ]).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`${broken}:\\d+:\\d+ at alliances\\[0\\]\\.timeZone`));
  });
});
