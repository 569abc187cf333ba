/**
 * A local token issuer for the Teams tests: an OpenID configuration and a JWKS on loopback,
 * and a signer with a local RSA key. Point TEAMS_AUTHORITY_ENDPOINT at `url` and the SDK's
 * own validation code (authorizeJWT, jwks-rsa) fetches these keys and checks the tokens.
 * Tokens are issued as `<url>/<tenant>/v2.0`, the issuer the SDK expects for that authority.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type CryptoKey as JoseKey, type JWK, SignJWT } from 'jose';

export interface TokenOptions {
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not serve. */
  foreignKey?: boolean;
  claims?: Record<string, unknown>;
}

export class TeamsIssuer {
  url = '';
  private server: Server | undefined;
  private key: JoseKey | undefined;
  private foreign: JoseKey | undefined;
  private jwk: JWK | undefined;
  private readonly kid = randomUUID();
  /** How often the keys were fetched (the SDK caches them). */
  keyFetches = 0;

  constructor(
    readonly appId: string,
    readonly tenantId: string,
  ) {}

  get issuer(): string {
    return `${this.url}/${this.tenantId}/v2.0`;
  }

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.foreign = (await generateKeyPair('RS256')).privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, use: 'sig', alg: 'RS256' };
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      let body: unknown;
      if (path.endsWith('/discovery/v2.0/keys')) {
        this.keyFetches++;
        body = { keys: [this.jwk] };
      } else if (path.endsWith('/.well-known/openid-configuration')) {
        body = {
          issuer: this.issuer,
          jwks_uri: `${this.url}/${this.tenantId}/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        };
      }
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(body ? JSON.stringify(body) : '{}');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A token as the Bot Connector service sends one, for this app. */
  async token(options: TokenOptions = {}): Promise<string> {
    const key = options.foreignKey ? this.foreign : this.key;
    if (!key) throw new Error('start the issuer first');
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ tid: this.tenantId, ver: '2.0', ...options.claims })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.issuer)
      .setAudience(options.audience ?? this.appId)
      .setIssuedAt(now - 60 + Math.min(0, expiresIn))
      .setNotBefore(now - 60 + Math.min(0, expiresIn))
      .setExpirationTime(now + expiresIn)
      .sign(key);
  }
}
