/**
 * Microsoft's login service for the bot's outbound token, strict like Entra: MSAL (inside the
 * SDK) asks it over global fetch, which an undici MockAgent answers (loopback passes through).
 * Unlike FakeLogin (teams-login.ts) it records every request with its form, and it checks the
 * client credential against the app registration: a client secret, or a client assertion
 * (client_credentials with client_assertion_type jwt-bearer) whose certificate is picked by
 * the `x5t` / `x5t#S256` thumbprint in its header and whose signature is checked with that
 * certificate's public key, its audience the token endpoint, issuer and subject the app.
 * Anything else gets 401 invalid_client, as Entra answers.
 */
import { constants, createHash, randomUUID, verify, type X509Certificate } from 'node:crypto';
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { LOGIN_ORIGIN, loginMetadata } from './teams-login.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface LoginRequest {
  method: string;
  path: string;
  /** The first path segment: the tenant of the authority (`botframework.com`, a GUID, common). */
  tenant: string;
  form: Record<string, string>;
}

export interface TokenOutcome {
  tenant: string;
  tokenUrl: string;
  clientId: string;
  ok: boolean;
  reason?: string;
  /** The decoded client assertion, when one was sent. */
  assertion?: DecodedJwt;
  /** The access token handed out. */
  token?: string;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

type Credential = { secret: string } | { certificate: X509Certificate };

function decodePart(part: string | undefined): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('not a JSON object');
  return value as Record<string, unknown>;
}

export function decodeJwt(jwt: string): DecodedJwt {
  const [header, payload] = jwt.split('.');
  return { header: decodePart(header), payload: decodePart(payload) };
}

function thumbprints(cert: X509Certificate): { x5t: string; x5tS256: string } {
  return {
    x5t: createHash('sha1').update(cert.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
  };
}

/**
 * Checks a client assertion as Entra does: the registered certificate its thumbprint names,
 * the signature (RS256 or PS256) with that certificate's public key, and its claims.
 * Returns the reason it fails, or undefined when it is good.
 */
export function checkClientAssertion(
  jwt: string,
  certificates: X509Certificate[],
  tokenUrl: string,
  clientId: string,
): string | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a JWT';
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(jwt);
  } catch {
    return 'not a JWT';
  }
  const { header, payload } = decoded;
  const cert = certificates.find((c) => {
    const t = thumbprints(c);
    return header['x5t#S256'] === t.x5tS256 || header.x5t === t.x5t;
  });
  if (!cert) return 'no registered certificate has this thumbprint (x5t / x5t#S256)';
  const data = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2] ?? '', 'base64url');
  const good =
    header.alg === 'RS256'
      ? verify('sha256', data, cert.publicKey, signature)
      : header.alg === 'PS256'
        ? verify(
            'sha256',
            data,
            { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
            signature,
          )
        : false;
  if (!good)
    return `the signature does not verify with the certificate (alg ${String(header.alg)})`;
  const now = Math.floor(Date.now() / 1000);
  if (payload.aud !== tokenUrl) return `audience ${String(payload.aud)} is not ${tokenUrl}`;
  if (payload.iss !== clientId || payload.sub !== clientId) return 'issuer/subject is not the app';
  if (typeof payload.exp !== 'number' || payload.exp <= now) return 'expired';
  if (typeof payload.nbf === 'number' && payload.nbf > now + 300) return 'not valid yet';
  if (typeof payload.jti !== 'string' || payload.jti === '') return 'no jti';
  return undefined;
}

function formOf(body: unknown): Record<string, string> {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? Buffer.from(body).toString('utf8')
        : '';
  return Object.fromEntries(new URLSearchParams(text));
}

export class MicrosoftLogin {
  readonly requests: LoginRequest[] = [];
  readonly outcomes: TokenOutcome[] = [];
  /** Every access token handed out (a fake Bot Connector accepts these). */
  readonly issued = new Set<string>();
  private readonly registrations = new Map<string, Credential[]>();
  private readonly listeners: ((token: string) => void)[] = [];
  private agent: MockAgent | undefined;
  private previous: Dispatcher | undefined;

  /** Adds a credential to an app registration (a secret, or a certificate's public part). */
  register(appId: string, credential: Credential): void {
    this.registrations.set(appId, [...(this.registrations.get(appId) ?? []), credential]);
  }

  /** Calls `listener` with every access token handed out from now on. */
  onIssue(listener: (token: string) => void): void {
    this.listeners.push(listener);
  }

  /** The token requests (POST …/oauth2/v2.0/token). */
  tokenRequests(): LoginRequest[] {
    return this.requests.filter((r) => r.path.includes('/oauth2/v2.0/token'));
  }

  private token(tenant: string, path: string, form: Record<string, string>) {
    const tokenUrl = `${LOGIN_ORIGIN}${path.split('?')[0] ?? ''}`;
    const clientId = form.client_id ?? '';
    const credentials = this.registrations.get(clientId) ?? [];
    const outcome: TokenOutcome = { tenant, tokenUrl, clientId, ok: false };
    const assertion = form.client_assertion;
    if (form.grant_type !== 'client_credentials') outcome.reason = 'not client_credentials';
    else if (credentials.length === 0) outcome.reason = 'unknown client';
    else if (form.client_secret !== undefined) {
      const ok = credentials.some((c) => 'secret' in c && c.secret === form.client_secret);
      if (!ok) outcome.reason = 'wrong client secret';
    } else if (assertion !== undefined && form.client_assertion_type === JWT_BEARER) {
      try {
        outcome.assertion = decodeJwt(assertion);
      } catch {
        // checkClientAssertion says why
      }
      const certs = credentials.flatMap((c) => ('certificate' in c ? [c.certificate] : []));
      const reason = checkClientAssertion(assertion, certs, tokenUrl, clientId);
      if (reason) outcome.reason = reason;
    } else outcome.reason = 'no client credential';
    outcome.ok = outcome.reason === undefined;
    if (outcome.ok) {
      outcome.token = `outbound-${randomUUID()}`;
      this.issued.add(outcome.token);
      for (const listener of this.listeners) listener(outcome.token);
    }
    this.outcomes.push(outcome);
    return outcome.ok
      ? {
          statusCode: 200,
          data: {
            token_type: 'Bearer',
            expires_in: 3599,
            ext_expires_in: 3599,
            access_token: outcome.token,
          },
        }
      : {
          statusCode: 401,
          data: { error: 'invalid_client', error_description: outcome.reason ?? '' },
        };
  }

  install(): void {
    this.previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    agent
      .get(LOGIN_ORIGIN)
      .intercept({ path: () => true, method: () => true })
      .reply<object>((options) => {
        const path = String(options.path);
        const tenant = path.split('/').filter(Boolean)[0] ?? '';
        const form = formOf(options.body);
        this.requests.push({ method: options.method, path, tenant, form });
        const metadata = loginMetadata(path, tenant);
        if (metadata) return { statusCode: 200, data: metadata };
        if (path.includes('/oauth2/v2.0/token') && options.method === 'POST') {
          return this.token(tenant, path, form);
        }
        return { statusCode: 404, data: {} };
      })
      .persist();
    setGlobalDispatcher(agent);
    this.agent = agent;
  }

  async uninstall(): Promise<void> {
    if (this.previous) setGlobalDispatcher(this.previous);
    await this.agent?.close();
  }
}
