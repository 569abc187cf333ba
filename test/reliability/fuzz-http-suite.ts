/**
 * Fuzzing every HTTP endpoint with fast-check (shared by fuzz-http.fast.test.ts and
 * fuzz-http.long.test.ts, which differ in runs only). The app serves HTTP without workers
 * (test/helpers/web-app.ts), so whatever a request stores shows in a snapshot of every key
 * under the test's prefix; requests are raw node:http, so bodies can be any bytes and headers
 * anything HTTP allows.
 *
 * Each kind of bad input is made bad in one way, so the answer is known: a missing, stale or
 * foreign signature or token is 401; a body that is not JSON (also bytes that are not UTF-8)
 * or not of a shape the app understands is 400; too large is 413; the web chat's fences
 * answer 421 (Host), 403 (origin, site, persona) and 415 (content type). For every one: never
 * a 5xx, the server keeps answering, and nothing is written to Redis (the journal included).
 * Inputs that may be valid (a slash command, an interaction, an activity of random fields)
 * get 200 or the right 4xx, and write only when they get 200.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvelopeSchema } from '../../adapters/slack/parse.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { BOT_ID, TENANT } from '../fakes/teams-app.js';
import { SIGNING_SECRET, slackSignature } from '../helpers/slack.js';
import {
  changedKeys,
  type PlatformApp,
  startLocalApp,
  startPlatformApp,
  type WebApp,
} from '../helpers/web-app.js';

interface Sent {
  status: number;
  body: string;
}

/** One raw request: any bytes, any header HTTP allows. */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string | undefined,
): Promise<Sent> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The number of generated inputs sent to each endpoint (printed at the end). */
const counts = new Map<string, number>();
const count = (endpoint: string) => counts.set(endpoint, (counts.get(endpoint) ?? 0) + 1);

// ---------------------------------------------------------------- generators

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', 'T0DEMO01', 'U0FUZZ01', 'C0ALLIANTIE', 'D0FUZZ01', '<@U0BOT>', 'hulp'),
);
const idLike = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean());

/** Objects shaped like Slack envelopes, with fields of the right and the wrong types. */
const slackEnvelope = fc.record(
  {
    type: fc.oneof(fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited'), text),
    team_id: idLike,
    enterprise_id: idLike,
    event_id: idLike,
    challenge: idLike,
    authorizations: fc.oneof(
      fc.array(
        fc.record({ team_id: idLike, user_id: idLike, is_bot: fc.oneof(fc.boolean(), text) }),
        { maxLength: 2 },
      ),
      text,
    ),
    event: fc.oneof(
      fc.record(
        {
          type: fc.oneof(
            fc.constantFrom(
              'app_mention',
              'message',
              'app_home_opened',
              'member_joined_channel',
              'tokens_revoked',
              'app_uninstalled',
            ),
            text,
          ),
          user: idLike,
          user_team: idLike,
          team: idLike,
          text: idLike,
          channel: idLike,
          channel_type: fc.oneof(fc.constantFrom('im', 'channel'), text),
          tab: idLike,
          tokens: fc.oneof(fc.record({ bot: fc.array(text, { maxLength: 2 }) }), text),
        },
        { requiredKeys: [] },
      ),
      idLike,
    ),
  },
  { requiredKeys: [] },
);

/** Any JSON value, and now and then one shaped like an envelope. */
const anyJson = fc.oneof(fc.jsonValue(), slackEnvelope);

/** Bytes that are not valid UTF-8 somewhere (a lone continuation byte, an overlong form). */
const badUtf8 = fc
  .tuple(
    fc.string({ maxLength: 40 }),
    fc.constantFrom([0xff], [0xc0, 0xaf], [0x80], [0xed, 0xa0, 0x80]),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, bad, b]) => Buffer.concat([Buffer.from(a), Buffer.from(bad), Buffer.from(b)]));

/** A body that is not JSON: text that does not parse, or bytes that are not UTF-8. */
const notJson = fc.oneof(
  fc
    .string({ maxLength: 200 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => Buffer.from(s)),
  badUtf8.filter((b) => {
    try {
      JSON.parse(b.toString('utf8'));
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom('{', '{"type":', '[1,2', '\u0000', 'payload={').map((s) => Buffer.from(s)),
);

const huge = fc
  .integer({ min: 1, max: 4096 })
  .map((extra) => Buffer.alloc(1024 * 1024 + extra, 0x7b));

const CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/json; charset=utf-8',
];

/** Slack's signing headers for a body, as Slack makes them (or as an impostor would). */
type SignatureKind =
  | 'valid'
  | 'missing'
  | 'only-timestamp'
  | 'only-signature'
  | 'stale'
  | 'future'
  | 'foreign-secret'
  | 'garbled'
  | 'not-a-number';
const BAD_SIGNATURES: SignatureKind[] = [
  'missing',
  'only-timestamp',
  'only-signature',
  'stale',
  'future',
  'foreign-secret',
  'garbled',
  'not-a-number',
];

function slackHeaders(
  kind: SignatureKind,
  body: Buffer,
  contentType: string,
): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const text = body.toString('utf8');
  const signed = (ts: number, secret = SIGNING_SECRET) => ({
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(secret, ts, text),
  });
  const base = { 'content-type': contentType };
  switch (kind) {
    case 'valid':
      return { ...base, ...signed(now) };
    case 'missing':
      return base;
    case 'only-timestamp':
      return { ...base, 'x-slack-request-timestamp': String(now) };
    case 'only-signature':
      return { ...base, 'x-slack-signature': signed(now)['x-slack-signature'] };
    case 'stale':
      return { ...base, ...signed(now - 6 * 60) };
    case 'future':
      return { ...base, ...signed(now + 6 * 60) };
    case 'foreign-secret':
      return { ...base, ...signed(now, 'another-signing-secret-000000000') };
    case 'garbled':
      return { ...base, 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v0=zz' };
    case 'not-a-number':
      return {
        ...base,
        'x-slack-request-timestamp': 'soon',
        'x-slack-signature': signed(now)['x-slack-signature'],
      };
  }
}

const form = (fields: Record<string, string>) =>
  Buffer.from(new URLSearchParams(fields).toString());

/** Printable header values (what HTTP lets through). */
const headerValue = fc.string({
  maxLength: 60,
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});

/** Odd paths: long, encoded, dotted, doubled slashes, query strings of anything. */
const oddPath = fc.oneof(
  fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
  fc
    .array(
      fc.constantFrom(
        '..',
        '.',
        '%00',
        '%2e%2e',
        '%2F',
        '',
        'slack',
        'api',
        'local',
        'healthz',
        'events',
        '%ff',
        'calendar',
        'x.ics',
      ),
      { maxLength: 8 },
    )
    .map((parts) => `/${parts.join('/')}`),
  fc
    .tuple(
      fc.constantFrom(
        '/',
        '/slack/events',
        '/api/messages',
        '/local/api/messages',
        '/readyz',
        '/metrics',
        '/slack/install',
        '/slack/oauth_redirect',
      ),
      fc.webQueryParameters(),
    )
    .map(([p, q]) => `${p}?${q}`),
  fc.integer({ min: 2000, max: 7000 }).map((n) => `/${'a'.repeat(n)}`),
);
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

// ---------------------------------------------------------------- the suite

export function fuzzHttp(runs: number): void {
  const slack = new FakeSlackApi('xoxb-test-token', false);
  let p: PlatformApp;
  let local: WebApp;

  beforeAll(async () => {
    await slack.start();
    // No workers take the events the fuzzing gets accepted, so the journal only ages: /readyz
    // would rightly answer 503 once its oldest entry waited past the limit (the long run takes
    // minutes). Without a limit it answers by Redis and the queues alone.
    p = await startPlatformApp(slack.url, { READY_MAX_BACKLOG_SECONDS: 0 });
    local = await startLocalApp();
  });
  afterAll(async () => {
    const perEndpoint = new Map<string, number>();
    for (const [label, n] of counts) {
      const endpoint = label.replace(/ \(.*\)$/, '');
      perEndpoint.set(endpoint, (perEndpoint.get(endpoint) ?? 0) + n);
    }
    const list = (m: Map<string, number>) => [...m].map(([e, n]) => `${e}: ${n}`).join('; ');
    console.info(`[fuzz-http] generated inputs per endpoint: ${list(perEndpoint)}`);
    console.info(`[fuzz-http] per kind of input: ${list(counts)}`);
    await p?.stop();
    await local?.stop();
    await slack.stop();
  });

  /** Sends one input; checks the status, that nothing was stored unless `writes`, and no 5xx. */
  async function check(
    app: WebApp,
    endpoint: string,
    input: {
      method?: string;
      path: string;
      headers: Record<string, string>;
      body?: Buffer | string | undefined;
    },
    expected: (status: number) => boolean,
    writes: (status: number) => boolean = () => false,
  ): Promise<void> {
    count(endpoint);
    const before = await app.snapshot();
    const journal = await app.journalLength();
    const res = await send(
      app.baseUrl,
      input.method ?? 'POST',
      input.path,
      input.headers,
      input.body,
    );
    expect(res.status, `${endpoint}: ${res.status} ${res.body.slice(0, 200)}`).toBeLessThan(500);
    expect(
      expected(res.status),
      `${endpoint}: unexpected ${res.status} ${res.body.slice(0, 200)}`,
    ).toBe(true);
    if (!writes(res.status)) {
      expect(changedKeys(before, await app.snapshot()), `${endpoint} wrote`).toEqual([]);
      expect(await app.journalLength()).toBe(journal);
    }
  }

  /** The server still answers. */
  async function alive(app: WebApp): Promise<void> {
    const res = await send(app.baseUrl, 'GET', '/healthz', {});
    expect(res.status).toBe(200);
  }

  const options = { numRuns: runs };
  const slow = { numRuns: Math.max(3, Math.ceil(runs / 10)) };
  const TIMEOUT = 600_000;

  describe('POST /slack/events', () => {
    it(
      'refuses every missing, stale or foreign signature with 401, storing nothing',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              anyJson.map((j) => Buffer.from(JSON.stringify(j) ?? 'null')),
              notJson,
              slackEnvelope.map((e) => form({ payload: JSON.stringify(e) })),
            ),
            fc.constantFrom(...BAD_SIGNATURES),
            fc.constantFrom(...CONTENT_TYPES),
            async (body, kind, type) => {
              await check(
                p,
                'POST /slack/events (signature)',
                { path: '/slack/events', headers: slackHeaders(kind, body, type), body },
                (s) => s === 401,
              );
            },
          ),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'answers 400 to a signed body that is not JSON (bad UTF-8 too), storing nothing',
      async () => {
        await fc.assert(
          fc.asyncProperty(notJson, async (body) => {
            await check(
              p,
              'POST /slack/events (JSON)',
              {
                path: '/slack/events',
                headers: slackHeaders('valid', body, 'application/json'),
                body,
              },
              (s) => s === 400,
            );
          }),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'answers 400 to signed JSON of a shape it does not know, 200 only to an envelope',
      async () => {
        await fc.assert(
          fc.asyncProperty(anyJson, async (json) => {
            const body = Buffer.from(JSON.stringify(json) ?? 'null');
            const known = EnvelopeSchema.safeParse(json).success;
            await check(
              p,
              'POST /slack/events (JSON)',
              {
                path: '/slack/events',
                headers: slackHeaders('valid', body, 'application/json'),
                body,
              },
              (s) => (known ? s === 200 : s === 400),
              (s) => s === 200,
            );
          }),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'answers 400 to a signed form that is neither a command nor an interaction',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.dictionary(
              fc
                .string({ minLength: 1, maxLength: 12 })
                .filter((k) => k !== 'payload' && k !== 'command'),
              text.map(String),
              { maxKeys: 6 },
            ),
            async (fields) => {
              const body = form(fields);
              await check(
                p,
                'POST /slack/events (form)',
                {
                  path: '/slack/events',
                  headers: slackHeaders('valid', body, 'application/x-www-form-urlencoded'),
                  body,
                },
                (s) => s === 400,
              );
            },
          ),
          options,
        );
      },
      TIMEOUT,
    );

    it(
      'takes a signed slash command of any fields with 200 or refuses it with 400 (then storing nothing)',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.record(
              {
                command: fc.oneof(fc.constant('/alliance'), text.map(String)),
                team_id: fc.oneof(fc.constant('T0DEMO01'), text.map(String)),
                channel_id: fc.oneof(fc.constant('C0ALLIANTIE'), text.map(String)),
                user_id: fc.oneof(fc.constant('U0FUZZ01'), text.map(String)),
                text: text.map(String),
                trigger_id: fc.oneof(fc.uuid(), text.map(String)),
                response_url: fc.oneof(fc.webUrl(), text.map(String)),
                is_enterprise_install: fc.constantFrom('true', 'false', 'yes'),
              },
              { requiredKeys: ['command'] },
            ),
            async (fields) => {
              const body = form(fields);
              await check(
                p,
                'POST /slack/events (slash command)',
                {
                  path: '/slack/events',
                  headers: slackHeaders('valid', body, 'application/x-www-form-urlencoded'),
                  body,
                },
                (s) => s === 200 || s === 400,
                (s) => s === 200,
              );
            },
          ),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'takes a signed interaction payload with 200 or refuses it with 400 (then storing nothing)',
      async () => {
        const interaction = fc.record(
          {
            type: fc.oneof(fc.constantFrom('block_actions', 'view_submission', 'shortcut'), text),
            team: fc.oneof(fc.record({ id: fc.oneof(fc.constant('T0DEMO01'), text) }), idLike),
            user: fc.oneof(
              fc.record(
                { id: fc.oneof(fc.constant('U0FUZZ01'), text), team_id: idLike },
                { requiredKeys: [] },
              ),
              idLike,
            ),
            trigger_id: idLike,
            actions: fc.oneof(
              fc.array(fc.record({ action_id: idLike, value: idLike }, { requiredKeys: [] }), {
                maxLength: 2,
              }),
              idLike,
            ),
            container: fc.oneof(
              fc.record({ channel_id: idLike, message_ts: idLike }, { requiredKeys: [] }),
              idLike,
            ),
            view: fc.oneof(
              fc.record(
                {
                  id: idLike,
                  callback_id: idLike,
                  private_metadata: idLike,
                  state: fc.record({ values: fc.jsonValue() }),
                },
                { requiredKeys: [] },
              ),
              idLike,
            ),
          },
          { requiredKeys: [] },
        );
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              interaction.map((i) => JSON.stringify(i)),
              fc.string({ maxLength: 80 }),
            ),
            async (payload) => {
              const body = form({ payload });
              await check(
                p,
                'POST /slack/events (interaction)',
                {
                  path: '/slack/events',
                  headers: slackHeaders('valid', body, 'application/x-www-form-urlencoded'),
                  body,
                },
                (s) => s === 200 || s === 400,
                (s) => s === 200,
              );
            },
          ),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'refuses a body over 1 MiB with 413, signed or not',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            huge,
            fc.constantFrom<SignatureKind>('valid', 'missing'),
            async (body, kind) => {
              await check(
                p,
                'POST /slack/events (size)',
                {
                  path: '/slack/events',
                  headers: slackHeaders(kind, body, 'application/json'),
                  body,
                },
                (s) => s === 413,
              );
            },
          ),
          slow,
        );
        await alive(p);
      },
      TIMEOUT,
    );
  });

  describe('POST /api/messages', () => {
    const activity = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom('message', 'invoke', 'conversationUpdate', 'installationUpdate'),
          text,
        ),
        id: idLike,
        channelId: fc.oneof(fc.constant('msteams'), idLike),
        serviceUrl: fc.oneof(fc.webUrl(), idLike),
        from: fc.oneof(
          fc.record(
            { id: fc.oneof(fc.constant('29:1fuzz'), text), aadObjectId: idLike, name: idLike },
            { requiredKeys: [] },
          ),
          idLike,
        ),
        recipient: fc.oneof(fc.constant({ id: BOT_ID }), idLike),
        conversation: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.constant('a:fuzz'), text),
              conversationType: fc.oneof(fc.constantFrom('personal', 'channel'), text),
              tenantId: fc.oneof(fc.constant(TENANT), text),
            },
            { requiredKeys: [] },
          ),
          idLike,
        ),
        text: idLike,
        value: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    type TokenKind =
      | 'missing'
      | 'not-bearer'
      | 'garbage'
      | 'foreign-key'
      | 'expired'
      | 'other-audience';
    const token = async (kind: TokenKind): Promise<Record<string, string>> => {
      switch (kind) {
        case 'missing':
          return {};
        case 'not-bearer':
          return { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` };
        case 'garbage':
          return { authorization: 'Bearer not.a.token' };
        case 'foreign-key':
          return { authorization: `Bearer ${await p.issuer.token({ foreignKey: true })}` };
        case 'expired':
          return { authorization: `Bearer ${await p.issuer.token({ expiresIn: -3600 })}` };
        case 'other-audience':
          return { authorization: `Bearer ${await p.issuer.token({ audience: 'someone-else' })}` };
      }
    };

    it(
      'refuses a missing, foreign, expired or misaddressed token with 401, storing nothing',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              activity,
              fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 }),
            ),
            fc.constantFrom<TokenKind>(
              'missing',
              'not-bearer',
              'garbage',
              'foreign-key',
              'expired',
              'other-audience',
            ),
            async (json, kind) => {
              await check(
                p,
                'POST /api/messages (token)',
                {
                  path: '/api/messages',
                  headers: { 'content-type': 'application/json', ...(await token(kind)) },
                  body: JSON.stringify(json),
                },
                (s) => s === 401,
              );
            },
          ),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'answers 400 to a body that is not JSON, token or not',
      async () => {
        await fc.assert(
          fc.asyncProperty(notJson, fc.boolean(), async (body, withToken) => {
            const auth = withToken ? { authorization: `Bearer ${await p.teamsToken()}` } : {};
            await check(
              p,
              'POST /api/messages (JSON)',
              {
                path: '/api/messages',
                headers: { 'content-type': 'application/json', ...auth },
                body,
              },
              (s) => s === 400,
            );
          }),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'answers 400 or 403 to an activity of random fields with a good token, 200 only to a whole one',
      async () => {
        await fc.assert(
          fc.asyncProperty(activity, fc.boolean(), async (json, ourConnector) => {
            const body = ourConnector ? { ...json, serviceUrl: p.connector.url } : json;
            await check(
              p,
              'POST /api/messages (activity)',
              {
                path: '/api/messages',
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${await p.teamsToken()}`,
                },
                body: JSON.stringify(body),
              },
              (s) => s === 200 || s === 400 || s === 403,
              (s) => s === 200,
            );
          }),
          options,
        );
        await alive(p);
      },
      TIMEOUT,
    );

    it(
      'refuses a body over 1 MiB with 413',
      async () => {
        await fc.assert(
          fc.asyncProperty(huge, async (body) => {
            await check(
              p,
              'POST /api/messages (size)',
              {
                path: '/api/messages',
                headers: {
                  'content-type': 'application/json',
                  authorization: `Bearer ${await p.teamsToken()}`,
                },
                body,
              },
              (s) => s === 413,
            );
          }),
          slow,
        );
        await alive(p);
      },
      TIMEOUT,
    );
  });

  describe('the web chat API', () => {
    const PERSONA = 'local:demo:anna';
    const DM = 'local:demo:dm-anna';
    const host = () => `127.0.0.1:${new URL(local.baseUrl).port}`;
    const writes = [
      '/local/api/messages',
      '/local/api/actions',
      '/local/api/forms',
      '/local/api/open',
    ];
    const body = fc.record(
      {
        as: fc.oneof(fc.constant(PERSONA), text),
        conversation: fc.oneof(fc.constant(DM), text),
        text: idLike,
        clientId: idLike,
        messageId: idLike,
        actionId: idLike,
        formId: idLike,
        values: fc.oneof(
          fc.dictionary(
            fc.string({ maxLength: 8 }),
            fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 })),
          ),
          idLike,
        ),
      },
      { requiredKeys: [] },
    );
    const good = (extra: Record<string, string> = {}) => ({
      host: host(),
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
      ...extra,
    });

    it(
      'answers 421 to a request addressed to another host, on every route',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(
              '/',
              '/local/app.js',
              '/local/api/personas',
              '/local/api/messages',
              '/local/api/stream',
              ...writes,
            ),
            fc.oneof(
              fc.domain(),
              fc.constantFrom('localhost.evil.example', '127.0.0.2', '[::2]', 'user@localhost'),
            ),
            body,
            async (path, name, json) => {
              const method =
                path.startsWith('/local/api/') && writes.includes(path) ? 'POST' : 'GET';
              await check(
                local,
                `${method} ${path} (host)`,
                {
                  method,
                  path,
                  headers: { ...good(), host: name },
                  body: method === 'POST' ? JSON.stringify(json) : undefined,
                },
                (s) => s === 421,
              );
            },
          ),
          options,
        );
        await alive(local);
      },
      TIMEOUT,
    );

    it(
      'answers 403 to a write from another site or origin, 415 to one that is not JSON',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...writes),
            fc.constantFrom('origin', 'site', 'type'),
            fc.webUrl({ withQueryParameters: false }),
            fc.constantFrom('cross-site', 'same-site', 'none'),
            headerValue,
            body,
            async (path, fence, origin, site, type, json) => {
              const headers =
                fence === 'origin'
                  ? good({ origin })
                  : fence === 'site'
                    ? good({ 'sec-fetch-site': site })
                    : good({
                        'content-type': /^application\/json\s*(;|$)/i.test(type)
                          ? 'text/plain'
                          : type,
                      });
              await check(
                local,
                `POST ${path} (fences)`,
                { path, headers, body: JSON.stringify(json) },
                (s) => (fence === 'type' ? s === 415 : s === 403),
              );
            },
          ),
          options,
        );
        await alive(local);
      },
      TIMEOUT,
    );

    it(
      'answers 400 to a body that is not JSON or not of the route’s shape, 403 to a stranger',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...writes),
            fc.oneof(
              notJson,
              body.map((b) => Buffer.from(JSON.stringify(b))),
            ),
            async (path, raw) => {
              let parsed: unknown;
              try {
                parsed = JSON.parse(raw.toString('utf8'));
              } catch {
                parsed = undefined;
              }
              const b = (parsed ?? {}) as Record<string, unknown>;
              // A known persona in their own conversation with a well-formed body is a real request.
              const real = b.as === PERSONA && b.conversation === DM;
              await check(
                local,
                `POST ${path} (body)`,
                { path, headers: good(), body: raw },
                (s) => (real ? s === 202 || s === 400 : s === 400 || s === 403),
                (s) => s === 202,
              );
            },
          ),
          options,
        );
        await alive(local);
      },
      TIMEOUT,
    );

    it(
      'refuses a write over its limit with 413',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...writes), huge, async (path, raw) => {
            await check(
              local,
              `POST ${path} (size)`,
              { path, headers: good(), body: raw },
              (s) => s === 413,
            );
          }),
          slow,
        );
        await alive(local);
      },
      TIMEOUT,
    );

    it(
      'answers reads of strangers’ conversations with 403',
      async () => {
        await fc.assert(
          fc.asyncProperty(text.map(String), text.map(String), async (as, conversation) => {
            fc.pre(!(as === PERSONA && conversation === DM));
            const q = new URLSearchParams({ as, conversation }).toString();
            await check(
              local,
              'GET /local/api/messages (reader)',
              { method: 'GET', path: `/local/api/messages?${q}`, headers: good() },
              (s) => s === 403,
            );
          }),
          options,
        );
      },
      TIMEOUT,
    );
  });

  describe('any path, method and header', () => {
    for (const which of ['platform', 'local'] as const) {
      it(
        `never answers 5xx and stores nothing (${which} app)`,
        async () => {
          const app = () => (which === 'platform' ? p : local);
          await fc.assert(
            fc.asyncProperty(
              oddPath,
              fc.constantFrom(...METHODS),
              fc.dictionary(fc.stringMatching(/^x-[a-z-]{1,20}$/), headerValue, { maxKeys: 5 }),
              fc.oneof(fc.constantFrom('', 'application/json', 'text/html'), headerValue),
              async (path, method, headers, accept) => {
                // Skip the few writes a valid request may make (those have their own properties).
                fc.pre(
                  !(
                    method === 'POST' && /^\/(slack\/events|api\/messages|local\/api\/)/.test(path)
                  ),
                );
                fc.pre(!path.startsWith('/local/api/stream'));
                await check(
                  app(),
                  `${which}: odd paths`,
                  {
                    method,
                    path,
                    headers: {
                      ...headers,
                      accept,
                      ...(which === 'local'
                        ? { host: `localhost:${new URL(local.baseUrl).port}` }
                        : {}),
                    },
                  },
                  (s) => s < 500,
                );
              },
            ),
            options,
          );
          await alive(app());
        },
        TIMEOUT,
      );
    }
  });
}
