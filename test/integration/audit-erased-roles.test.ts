/**
 * An erased person appears in the audit trail only under their one pseudonym, whatever form an
 * entry names them in: the roles the config gave them by e-mail address (role.granted with the
 * address as subject) as much as those by platform id — for a person the config names by id
 * and address (the same config entry), and for one it names by address alone, whose platform
 * identity the bot learned from the platform.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auditFlow } from '../../flows/audit.js';
import { privacyFlow } from '../../flows/privacy.js';
import {
  answersTo,
  CARLA,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  press,
  slash,
  startKit,
} from '../helpers/flow-kit.js';

const DIRK = 'local:kit:dirk';
const EVA = 'local:kit:eva';
const started: Kit[] = [];
afterEach(async () => {
  for (const kit of started.splice(0)) await kit.stop();
});

const config = kitConfig(
  kitAlliance({
    coordinators: [
      { name: 'Carla Coördinator', ids: [CARLA] },
      { name: 'Dirk Dijkstra', ids: [DIRK], email: 'Dirk@Example.org' },
      { name: 'Eva Evers', email: 'eva.evers@example.org' },
    ],
  }),
);

async function trailAsCarla(kit: Kit): Promise<string> {
  kit.dispatcher.clear();
  await kit.engine.handle(slash(CARLA, 'audit', 'soort:role'));
  return answersTo(kit.dispatcher.all, CARLA).join('\n');
}

describe('an erased person in the audit trail', () => {
  it('shows the roles given by e-mail under the same pseudonym as those by id', async () => {
    const kit = await startKit({ flows: [auditFlow, privacyFlow], config });
    started.push(kit);
    // Eva is named by address alone: the platform told the bot her address.
    await kit.store.identities.remember(EVA, 'eva.evers@example.org');
    await kit.engine.start();
    const before = await trailAsCarla(kit);
    expect(before).toContain('role.granted · over Dirk Dijkstra');
    expect(before).toContain('role.granted · over Eva Evers');

    // Dirk erases his own data; Carla erases Eva's (who left).
    await kit.engine.handle(slash(DIRK, 'privacy', 'vergeten'));
    await kit.engine.handle(press(DIRK, 'privacy.forget'));
    await kit.engine.handle(slash(CARLA, 'privacy', `vergeten ${EVA}`));
    await kit.engine.handle(press(CARLA, 'privacy.other-forget', { value: EVA }));

    const trail = await kit.store.audit.read(KIT, { count: 50 });
    const granted = trail.filter((e) => e.kind === 'role.granted');
    const dirk = await kit.store.audit.pseudonym(KIT, DIRK);
    const eva = await kit.store.audit.pseudonym(KIT, EVA);
    // Dirk: two entries (his id and his address), one pseudonym, no name.
    expect(granted.filter((e) => e.subject === dirk)).toHaveLength(2);
    // Eva: her one entry (her address) under the pseudonym of her platform id.
    expect(granted.filter((e) => e.subject === eva)).toHaveLength(1);
    expect(trail.find((e) => e.kind === 'privacy.erased' && e.subject === eva)).toBeDefined();
    const shown = JSON.stringify(trail);
    for (const trace of ['Dirk', 'dirk@example.org', DIRK, 'Eva Evers', 'eva.evers@', EVA])
      expect(shown).not.toContain(trace);
    // The others stay as they were.
    expect(granted.some((e) => e.subject === CARLA && e.subjectName === 'Carla Coördinator')).toBe(
      true,
    );

    const after = await trailAsCarla(kit);
    expect(after).toContain(`role.granted · over ${dirk}`);
    expect(after).toContain(`role.granted · over ${eva}`);
    expect(after).not.toMatch(/Dirk|Eva Evers|@example\.org/);
    // Filtering by the address finds nothing of them any more; by the pseudonym, all of it.
    expect(await kit.store.audit.read(KIT, { person: 'dirk@example.org' })).toEqual([]);
    expect(await kit.store.audit.read(KIT, { person: dirk })).toHaveLength(3);
  });
});
