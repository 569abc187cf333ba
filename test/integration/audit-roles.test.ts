/**
 * Roles the config gives or takes, in the audit trail: at start-up the engine compares each
 * alliance's coordinators and spokespersons (by their ids and e-mail) with what the last start
 * recorded and writes role.granted / role.revoked once per change — without an actor (the
 * config), also when two workers start at the same moment. A restart is a second harness on
 * the same key prefix.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { auditFlow } from '../../flows/audit.js';
import {
  answersTo,
  CARLA,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SAM,
  slash,
  startKit,
} from '../helpers/flow-kit.js';

const DIRK = 'local:kit:dirk';
const started: Kit[] = [];
afterEach(async () => {
  for (const kit of started.splice(0)) await kit.stop();
});

async function start(config: ReturnType<typeof kitConfig>, prefix?: string): Promise<Kit> {
  const kit = await startKit({ flows: [auditFlow], config, ...(prefix ? { prefix } : {}) });
  started.push(kit);
  await kit.engine.start();
  return kit;
}

const roles = (kit: Kit) =>
  kit.store.audit
    .read(KIT)
    .then((trail) => trail.map((e) => [e.kind, e.subject, e.details.role, e.actor]));

describe('roles from the config in the audit trail', () => {
  it('writes who gained or lost a role at a restart, once per change, by the config', async () => {
    const first = await start(kitConfig());
    expect(await roles(first)).toEqual([
      ['role.granted', SAM, 'spokesperson', undefined],
      ['role.granted', CARLA, 'coordinator', undefined],
    ]);
    // The same config again: nothing changed, nothing written.
    await start(kitConfig(), first.prefix);
    expect(await first.store.audit.length(KIT)).toBe(2);

    // A new coordinator (by id and e-mail), the spokesperson gone; two workers at once.
    const changed = kitConfig(
      kitAlliance({
        coordinators: [
          { name: 'Carla Coördinator', ids: [CARLA] },
          { name: 'Dirk Dijkstra', ids: [DIRK], email: 'Dirk@Example.org' },
        ],
        spokespersons: [],
      }),
    );
    const [again] = await Promise.all([start(changed, first.prefix), start(changed, first.prefix)]);
    if (!again) throw new Error('not restarted');
    const trail = await again.store.audit.read(KIT);
    expect(trail).toHaveLength(5);
    expect(
      trail
        .slice(0, 3)
        .map((e) => [e.kind, e.subject, e.details.role, e.actor])
        .sort(),
    ).toEqual([
      ['role.granted', 'dirk@example.org', 'coordinator', undefined],
      ['role.granted', DIRK, 'coordinator', undefined],
      ['role.revoked', SAM, 'spokesperson', undefined],
    ]);
    expect(trail.find((e) => e.kind === 'role.revoked')?.subjectName).toBe('Sam Spreker');

    // The new coordinator reads it: by the config, about whom, which role.
    again.dispatcher.clear();
    await again.engine.handle(slash(DIRK, 'audit', 'soort:role'));
    const shown = answersTo(again.dispatcher.all, DIRK).join('\n');
    expect(shown).toContain('de configuratie · role.revoked · over Sam Spreker');
    expect(shown).toContain('role=spokesperson');
    expect(shown).toContain('de configuratie · role.granted · over Dirk Dijkstra');
  });
});
