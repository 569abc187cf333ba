/**
 * Flows' start-up hooks (`Flow.onStart`): at each start, once per alliance and flow, a flow
 * brings what it sent earlier in line with the config (a document's announcements after a
 * channel's audience or the core team changed). What a hook sends is delivered like a job's.
 *
 * Its occurrence — part of every idempotency key — is the alliance's config generation: the
 * same as long as the alliance's config stays the same (a restart, two workers starting
 * together, a start that crashed half-way: nothing goes out twice), the next one each time
 * it changes (so a change back and forth again is sent again). A hook that fails is logged
 * and does not stop the start.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Dispatcher } from '../core/adapter.js';
import type { AdapterRegistry } from '../core/deliver.js';
import type { Alliance } from '../domain/alliance.js';
import type { AllianceDirectory } from '../domain/directory.js';
import type { Store } from '../store/index.js';
import { lua, runScript } from '../store/scripts.js';
import { Collector } from './collector.js';
import { type ContextDeps, jobContext } from './context.js';
import type { FlowRegistry } from './registry.js';

/** Keeps the digest of the config; counts up when it changes. Returns the generation. */
const GENERATION = lua(`
if redis.call('HGET', KEYS[1], 'digest') == ARGV[1] then
  return tonumber(redis.call('HGET', KEYS[1], 'n'))
end
redis.call('HSET', KEYS[1], 'digest', ARGV[1])
return redis.call('HINCRBY', KEYS[1], 'n', 1)
`);

/** The alliance's config generation (1 at the first start; one more per change). */
export async function configGeneration(store: Store, alliance: Alliance): Promise<number> {
  const digest = createHash('sha256').update(JSON.stringify(alliance)).digest('base64url');
  const key = store.keys.configGeneration(alliance.id);
  return Number(await runScript(store.redis, GENERATION, [key], [digest]));
}

export interface StartHookDeps {
  directory: AllianceDirectory;
  flows: FlowRegistry;
  adapters: AdapterRegistry;
  dispatcher: Dispatcher;
  store: Store;
  log: Logger;
}

/** Runs every flow's `onStart` for every alliance and delivers what they say. */
export async function runStartHooks(deps: StartHookDeps, context: ContextDeps): Promise<void> {
  const hooked = deps.flows.all().filter((f) => f.onStart);
  if (hooked.length === 0) return;
  for (const alliance of deps.directory.all()) {
    const occurrence = `start:${alliance.id}:${await configGeneration(deps.store, alliance)}`;
    for (const flow of hooked) {
      const out = new Collector(occurrence, alliance, deps.adapters);
      out.flow = flow.id;
      try {
        await flow.onStart?.(jobContext(context, alliance, out, occurrence));
        await deps.dispatcher.dispatch(out.envelopes);
      } catch (err) {
        deps.log.error({ err, allianceId: alliance.id, flow: flow.id }, 'a start-up hook failed');
      }
    }
  }
}
