import { describe, expect, it } from 'vitest';
import { loadAllianceConfig } from '../../../src/config/alliance-config.js';
import { rolesOf } from '../../../src/domain/alliance.js';
import { AllianceDirectory } from '../../../src/domain/directory.js';

const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
const alliance = directory.get('energieregio-west');

describe('finding the alliance and the roles of a person', () => {
  it('knows the alliance of a linked channel, of a named person and of a workspace', () => {
    expect(directory.forChannel('slack:T0DEMO01:C0ALLIANTIE')?.id).toBe('energieregio-west');
    expect(directory.forChannel('slack:T0DEMO01:C0OTHER')).toBeUndefined();
    expect(directory.forPerson('local:demo:fatima').map((a) => a.id)).toEqual([
      'energieregio-west',
    ]);
    expect(directory.forWorkspaceOf('slack:T0DEMO01:U0NEWBIE')?.id).toBe('energieregio-west');
    expect(directory.forWorkspaceOf('slack:T0ELSEWHERE:U1')).toBeUndefined();
    expect(directory.personaLocale('local:demo:emma')).toBe('en');
    expect(directory.nameOf('slack:T0DEMO01:U0JOOST01')).toBe('Joost Vermeulen');
  });

  it('knows the alliance of a partner workspace it lists (a channel shared with it)', async () => {
    const shared = new AllianceDirectory(
      await loadAllianceConfig('test/fixtures/contract-alliances.yaml'),
    );
    expect(shared.forWorkspaceOf('slack:T0STEDIN1:U0LOTTE01')?.id).toBe('energieregio-west');
    expect(shared.allowsWorkspace('slack:T0STEDIN1', 'energieregio-west')).toBe(true);
    expect(shared.allowsWorkspace('slack:T0STEDIN1', 'energieregio-rivierenland')).toBe(false);
  });

  it('gives coordinators and spokespersons their roles, and everyone else membership', () => {
    if (!alliance) throw new Error('no demo alliance');
    expect(rolesOf(alliance, 'local:demo:joost')).toEqual(['member', 'coordinator']);
    expect(rolesOf(alliance, 'slack:T0DEMO01:U0FATIMA1')).toEqual(['member', 'spokesperson']);
    expect(rolesOf(alliance, 'local:demo:anna')).toEqual(['member']);
  });
});
