/**
 * A server for bench/teams.bench.ts, in its own process: `ours` (the whole bot in Teams mode,
 * `serve` role: SDK token check, parse, queue, answer), `worker` (the `worker` role beside it:
 * engine and replies), `connector` (the Bot Connector stand-in the replies go to) or `bare` (a
 * bare Agents SDK CloudAdapter on node:http with the same token check and a no-op handler). Both validate
 * tokens against the local issuer at TEAMS_AUTHORITY_ENDPOINT; Microsoft's login is faked
 * for the connector token the SDK gets on every turn.
 */
import { createServer } from 'node:http';
import {
  authorizeJWT,
  CloudAdapter,
  getAuthConfigWithDefaults,
  type Request as SdkRequest,
} from '@microsoft/agents-hosting';
import { pino } from 'pino';
import { authConfigs } from '../adapters/teams/index.js';
import { ResponseShim } from '../adapters/teams/routes.js';
import { EnvSchema, type Settings } from '../src/config/env.js';
import { startApp } from '../src/main.js';
import { FakeBotConnector } from '../test/fakes/bot-connector.js';
import { FakeLogin } from '../test/fakes/teams-login.js';

const [kind = 'ours', portText = '0'] = process.argv.slice(2);
const port = Number(portText);
const env = {
  appId: process.env.TEAMS_APP_ID ?? '',
  tenantId: process.env.TEAMS_TENANT_ID ?? '',
  authority: process.env.TEAMS_AUTHORITY_ENDPOINT ?? '',
};
new FakeLogin().install();

if (kind === 'connector') {
  await new FakeBotConnector().start(port);
} else if (kind === 'bare') {
  const { inbound, outbound } = authConfigs({
    appId: env.appId,
    appPassword: 'bench-secret',
    tenantId: env.tenantId,
    appType: 'SingleTenant',
    authorityEndpoint: env.authority,
  });
  const adapter = new CloudAdapter(outbound);
  const authorize = authorizeJWT(getAuthConfigWithDefaults(inbound));
  createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
    const request: SdkRequest = { body, headers, method: 'POST' };
    const shim = new ResponseShim(res);
    let ok = false;
    await authorize(request, shim, () => {
      ok = true;
    });
    if (ok) await adapter.process(request, shim, async () => undefined);
    shim.finish();
  }).listen(port, '127.0.0.1');
} else {
  const settings: Settings = {
    ...EnvSchema.parse({}),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: process.env.BENCH_PREFIX ?? 'bench:teams:',
    PORT: port,
    LOG_LEVEL: 'silent',
    localMode: false,
    allianceConfigPath: 'examples/energieregio.yaml',
    TEAMS_APP_ID: env.appId,
    TEAMS_APP_PASSWORD: 'bench-secret',
    TEAMS_TENANT_ID: env.tenantId,
    TEAMS_APP_TYPE: 'SingleTenant',
    TEAMS_AUTHORITY_ENDPOINT: env.authority,
    WORKER_CONCURRENCY: 50,
  };
  await startApp(settings, pino({ level: 'silent' }), {
    web: kind === 'ours',
    worker: kind === 'worker',
  });
}
process.stdout.write('ready\n');
