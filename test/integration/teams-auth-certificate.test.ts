/**
 * Certificate credentials: TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE instead of
 * TEAMS_APP_PASSWORD. The certificates are made at test time with openssl in a temp dir.
 * The bot's outbound token is then asked with MSAL's client_credentials grant and a client
 * assertion (client_assertion_type jwt-bearer) signed with the certificate's key; the login
 * fake (microsoft-login.ts) checks it as Entra does (the registered certificate its x5t names,
 * the signature with that certificate's public key, audience the token endpoint), and this
 * test checks it once more itself. A certificate the app registration does not know, or a
 * key that is not the certificate's, gets no token and nothing reaches Teams.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { importX509, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/env.js';
import { ENTRA } from '../fakes/microsoft-keys.js';
import { decodeJwt, JWT_BEARER } from '../fakes/microsoft-login.js';
import {
  type AppUnderTest,
  eventually,
  TENANT,
  TeamsAuthWorld,
} from '../fakes/teams-auth-world.js';
import { makeCertificate, type TestCertificate, tempDir } from '../fakes/test-certificates.js';

const APP_ID = '51111111-2222-3333-4444-555555555555';
const TOKEN_URL = `${ENTRA}/${TENANT}/oauth2/v2.0/token`;

const world = new TeamsAuthWorld();
const dir = tempDir('teams-cert');
let registered: TestCertificate;
let unknown: TestCertificate;

beforeAll(async () => {
  registered = makeCertificate(dir.dir, 'bot', 'alliantiebot');
  unknown = makeCertificate(dir.dir, 'other', 'not-registered');
  await world.start();
  // The app registration knows the public certificate only.
  world.login.register(APP_ID, { certificate: registered.x509 });
});
afterAll(async () => {
  try {
    await world.stop();
  } finally {
    dir.remove();
  }
});

function certSettings(certFile: string, keyFile: string) {
  return {
    TEAMS_CERT_PEM_FILE: certFile,
    TEAMS_CERT_KEY_FILE: keyFile,
    TEAMS_TENANT_ID: TENANT,
    TEAMS_APP_TYPE: 'SingleTenant' as const,
  };
}

describe('settings', () => {
  const base = { TEAMS_APP_ID: APP_ID, TEAMS_TENANT_ID: TENANT, ALLIANCE_CONFIG: 'a.yaml' };

  it('takes a certificate and its key instead of a password', () => {
    const s = loadSettings({
      ...base,
      TEAMS_CERT_PEM_FILE: registered.certFile,
      TEAMS_CERT_KEY_FILE: registered.keyFile,
    });
    expect(s.TEAMS_CERT_PEM_FILE).toBe(registered.certFile);
    expect(s.TEAMS_CERT_KEY_FILE).toBe(registered.keyFile);
    expect(s.TEAMS_APP_PASSWORD).toBeUndefined();
  });

  it('wants both files or neither', () => {
    expect(() => loadSettings({ ...base, TEAMS_CERT_PEM_FILE: registered.certFile })).toThrow(
      /TEAMS_CERT_KEY_FILE: TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE go together/,
    );
    expect(() => loadSettings({ ...base, TEAMS_CERT_KEY_FILE: registered.keyFile })).toThrow(
      /TEAMS_CERT_PEM_FILE: TEAMS_CERT_PEM_FILE and TEAMS_CERT_KEY_FILE go together/,
    );
  });

  it('refuses a certificate and a password together', () => {
    expect(() =>
      loadSettings({
        ...base,
        TEAMS_APP_PASSWORD: 'secret',
        TEAMS_CERT_PEM_FILE: registered.certFile,
        TEAMS_CERT_KEY_FILE: registered.keyFile,
      }),
    ).toThrow(/TEAMS_APP_PASSWORD: set either TEAMS_APP_PASSWORD .* not both/);
  });

  it('says which file is missing, unreadable or does not belong', () => {
    const missing = join(dir.dir, 'missing.pem');
    expect(() =>
      loadSettings({
        ...base,
        TEAMS_CERT_PEM_FILE: missing,
        TEAMS_CERT_KEY_FILE: registered.keyFile,
      }),
    ).toThrow(/TEAMS_CERT_PEM_FILE: no PEM certificate could be read from .*missing\.pem/);
    expect(() =>
      loadSettings({
        ...base,
        TEAMS_CERT_PEM_FILE: registered.certFile,
        TEAMS_CERT_KEY_FILE: registered.certFile,
      }),
    ).toThrow(/TEAMS_CERT_KEY_FILE: no unencrypted PEM private key could be read/);
    const encrypted = join(dir.dir, 'encrypted.key');
    execFileSync('openssl', [
      'pkey',
      '-in',
      registered.keyFile,
      '-aes256',
      '-passout',
      'pass:geheim',
      '-out',
      encrypted,
    ]);
    expect(() =>
      loadSettings({
        ...base,
        TEAMS_CERT_PEM_FILE: registered.certFile,
        TEAMS_CERT_KEY_FILE: encrypted,
      }),
    ).toThrow(/TEAMS_CERT_KEY_FILE: no unencrypted PEM private key could be read/);
    expect(() =>
      loadSettings({
        ...base,
        TEAMS_CERT_PEM_FILE: registered.certFile,
        TEAMS_CERT_KEY_FILE: unknown.keyFile,
      }),
    ).toThrow(/TEAMS_CERT_KEY_FILE: the key in .* is not the certificate's private key/);
  });
});

describe('the outbound token with a certificate', () => {
  let bot: AppUnderTest;

  beforeAll(async () => {
    bot = await world.startApp(APP_ID, certSettings(registered.certFile, registered.keyFile));
  });

  it('is asked with a client assertion signed by the certificate, and the answer goes out with it', async () => {
    const res = await bot.post(bot.personal('hulp'), await world.token({ audience: APP_ID }));
    expect(res.status).toBe(200);
    const reply = await eventually(() => bot.connector.posted('a:dm-29:1anna')[0]);

    const [request] = world.login.tokenRequests().filter((r) => r.form.client_id === APP_ID);
    expect(request).toBeDefined();
    const form = request?.form ?? {};
    expect(form.grant_type).toBe('client_credentials');
    expect(form.client_assertion_type).toBe(JWT_BEARER);
    expect(form.client_secret).toBeUndefined();
    expect(form.scope).toBe('https://api.botframework.com/.default');
    expect(request?.path).toMatch(new RegExp(`^/${TENANT}/oauth2/v2\\.0/token`));

    // The login fake accepted it (thumbprint, signature and claims checked) ...
    const outcome = world.login.outcomes.find((o) => o.clientId === APP_ID);
    expect(outcome).toMatchObject({ ok: true, tokenUrl: TOKEN_URL });
    expect(reply.token).toBe(outcome?.token);

    // ... and so does this test, with jose and the certificate's public key.
    const assertion = form.client_assertion ?? '';
    const { header } = decodeJwt(assertion);
    expect(header.alg).toBe('RS256');
    expect(header.x5t).toBe(registered.x5t);
    if (header['x5t#S256'] !== undefined) expect(header['x5t#S256']).toBe(registered.x5tS256);
    expect(header.x5c).toEqual([registered.x509.raw.toString('base64')]);
    const { payload } = await jwtVerify(assertion, await importX509(registered.certPem, 'RS256'), {
      audience: TOKEN_URL,
      issuer: APP_ID,
      subject: APP_ID,
      clockTolerance: 5,
    });
    expect(typeof payload.jti).toBe('string');
    expect((payload.exp ?? 0) - (payload.nbf ?? 0)).toBeLessThanOrEqual(600);
    // Signed by the certificate's key, not some other one.
    await expect(
      jwtVerify(assertion, await importX509(unknown.certPem, 'RS256')),
    ).rejects.toThrow();
  });
});

describe('a certificate Microsoft would refuse', () => {
  async function refused(
    certFile: string,
    keyFile: string,
    x5t: string,
    reason: RegExp,
  ): Promise<void> {
    const bot = await world.startApp(APP_ID, certSettings(certFile, keyFile));
    const res = await bot.post(bot.personal('hulp'), await world.token({ audience: APP_ID }));
    // Acknowledged: the answer leaves later, from the queue, and that needs the token.
    expect(res.status).toBe(200);
    const outcome = await eventually(() =>
      world.login.outcomes.find((o) => o.assertion?.header.x5t === x5t && !o.ok),
    );
    expect(outcome.reason).toMatch(reason);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.connector.calls).toEqual([]);
    expect(bot.connector.rejected).toEqual([]);
    await bot.stop();
  }

  it('gets no token for a certificate the app registration does not have', async () => {
    await refused(unknown.certFile, unknown.keyFile, unknown.x5t, /no registered certificate/);
  });

  it("gets no token when the key is not the certificate's (the signature does not verify)", async () => {
    // loadSettings refuses this pair; the app is started with it directly to prove the check.
    await refused(
      registered.certFile,
      unknown.keyFile,
      registered.x5t,
      /signature does not verify/,
    );
  });
});
