/**
 * The real app in a process of its own, for the fault tests (they SIGKILL it):
 * `node --import tsx test/reliability/app-process.ts all|serve|worker`, configured by the
 * environment exactly as `alliance-bot` is (loadSettings, startApp). Prints `ready <port>`
 * once it listens (port 0 for a worker) and stops gracefully on SIGTERM.
 *
 * With RELIABILITY_PLATFORM_LOG set, the local web chat stands in for a platform that takes
 * no idempotency key, as Slack and Teams do: every send is one RPUSH to that Redis list
 * (idempotency key, conversation, text) and nothing else, so a message sent again after a
 * kill between the platform's answer and the ledger write shows up twice, as it would there.
 * (The chat's own send would drop it by its key.) Nothing else of the app is changed.
 *
 * With RELIABILITY_TEAMS_LOGIN_TOKEN set, Microsoft's login is faked in the process
 * (test/fakes/teams-login.ts) and hands out that token: with TEAMS_AUTHORITY_ENDPOINT at a
 * local issuer and TEAMS_SERVICE_URL_ALLOW at a Bot Connector stand-in, the Teams adapter
 * runs against the stand-ins as it runs against Microsoft.
 */
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { directConversationOf, fallbackText } from '../../adapters/local/local-adapter.js';
import { loadSettings } from '../../src/config/env.js';
import type { SendOptions } from '../../src/core/adapter.js';
import { type Destination, destinationId, type OutboundMessage } from '../../src/core/messages.js';
import { startApp } from '../../src/main.js';
import { FakeLogin } from '../fakes/teams-login.js';

const role = process.argv[2] ?? 'all';
// Teams: Microsoft's login faked in this process (MSAL asks it over global fetch), handing
// out the token the test's Bot Connector stand-in accepts.
const teamsLoginToken = process.env.RELIABILITY_TEAMS_LOGIN_TOKEN;
if (teamsLoginToken) new FakeLogin(teamsLoginToken).install();
const settings = loadSettings(process.env);
const log = pino({ level: settings.LOG_LEVEL });
const app = await startApp(settings, log, { web: role !== 'worker', worker: role !== 'serve' });

const platformLog = process.env.RELIABILITY_PLATFORM_LOG;
const local = app.adapters.get('local');
if (platformLog && local) {
  local.send = async (to: Destination, message: OutboundMessage, options: SendOptions = {}) => {
    const conversationId =
      to.kind === 'direct' || to.kind === 'home'
        ? directConversationOf(to.userId)
        : destinationId(to);
    const entry = JSON.stringify({
      key: options.idempotencyKey ?? null,
      conversationId,
      text: fallbackText(message),
    });
    await app.store.redis.rpush(platformLog, entry);
    return { conversationId, messageId: randomUUID() };
  };
}

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  app.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.stdout.write(`ready ${app.http?.port ?? 0}\n`);
