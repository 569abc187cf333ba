/**
 * Microsoft's token-signing keys at their real addresses, served on loopback. The SDK picks
 * the keys URL from the token's issuer (jwt-middleware.js, buildJwksUri):
 *   - `https://api.botframework.com` (what Teams sends): https://login.botframework.com/v1/.well-known/keys
 *   - an Entra issuer: `<authority>/<tenant>/discovery/v2.0/keys`, by default on
 *     https://login.microsoftonline.com.
 * It fetches them with jwks-rsa, which uses node's `https.request` (not fetch, so undici's
 * MockAgent never sees it). So this fake is a real TLS server with a certificate made at test
 * time for those two host names, and `install()` swaps `https.globalAgent` (which jwks-rsa's
 * requests use) for one that connects those hosts to it and trusts only that certificate.
 * Any other https host is refused. Tokens are signed with local RSA keys: one set as Bot
 * Framework's, one as Entra's, and a foreign key nobody publishes.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { exportJWK, generateKeyPair, type CryptoKey as JoseKey, type JWK, SignJWT } from 'jose';
import { makeCertificate, type TestCertificate, tempDir } from './test-certificates.js';

export const BOTFRAMEWORK_ISSUER = 'https://api.botframework.com';
export const BOTFRAMEWORK_KEYS = 'https://login.botframework.com/v1/.well-known/keys';
export const ENTRA = 'https://login.microsoftonline.com';
/** The botframework.com tenant, one of the first-party tenants the SDK always trusts. */
export const BOTFRAMEWORK_TENANT_ID = 'd6d49420-f39b-4df7-a1dc-d59a935871db';

const HOSTS = ['login.botframework.com', 'login.microsoftonline.com'];

export interface KeyFetch {
  /** The Host header and the TLS server name the client asked for. */
  host: string;
  servername: string;
  path: string;
}

export interface MicrosoftTokenOptions {
  /** Default Bot Framework's; an Entra issuer (`${ENTRA}/<tenant>/v2.0`) signs with Entra's key. */
  issuer?: string;
  audience: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key no one publishes (under a published kid). */
  foreignKey?: boolean;
  /** A kid no JWKS has. */
  unknownKid?: boolean;
  claims?: Record<string, unknown>;
}

interface SigningKey {
  kid: string;
  key: JoseKey;
  jwk: JWK;
}

async function signingKey(kid: string, extra: Record<string, unknown> = {}): Promise<SigningKey> {
  const pair = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(pair.publicKey)), kid, use: 'sig', alg: 'RS256', ...extra };
  return { kid, key: pair.privateKey, jwk };
}

/** Connects the intercepted hosts to the local server (with TLS checked against its cert). */
class LoopbackAgent extends https.Agent {
  constructor(
    private readonly port: number,
    private readonly ca: string,
  ) {
    super({ keepAlive: false });
  }

  override createConnection(
    options: https.RequestOptions,
    _callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex {
    const host = String(options.host ?? options.hostname ?? '');
    if (!HOSTS.includes(host)) throw new Error(`no network in the tests (https://${host})`);
    return tls.connect({ host: '127.0.0.1', port: this.port, servername: host, ca: this.ca });
  }
}

export class FakeMicrosoftKeys {
  readonly fetches: KeyFetch[] = [];
  private server: https.Server | undefined;
  private previousAgent: https.Agent | undefined;
  private tls: TestCertificate | undefined;
  private readonly dir = tempDir('ms-keys');
  private botframework: SigningKey | undefined;
  private entra: SigningKey | undefined;
  private foreign: SigningKey | undefined;
  private port = 0;

  async start(): Promise<void> {
    this.tls = makeCertificate(this.dir.dir, 'tls', HOSTS[0] ?? '', HOSTS);
    // Bot Framework's keys carry endorsements (the channels a key may sign for), as the real ones.
    this.botframework = await signingKey(`bf-${randomUUID()}`, {
      endorsements: ['msteams', 'webchat'],
    });
    this.entra = await signingKey(`entra-${randomUUID()}`);
    this.foreign = await signingKey('foreign');
    this.server = https.createServer(
      { cert: this.tls.certPem, key: this.tls.keyPem },
      (req, res) => {
        const host = (req.headers.host ?? '').replace(/:\d+$/, '');
        const path = new URL(req.url ?? '/', 'https://x').pathname;
        const socket = req.socket as tls.TLSSocket & { servername?: string | false };
        this.fetches.push({ host, servername: String(socket.servername ?? ''), path });
        let keys: JWK[] | undefined;
        if (host === 'login.botframework.com' && path === '/v1/.well-known/keys') {
          keys = this.botframework ? [this.botframework.jwk] : [];
        } else if (
          host === 'login.microsoftonline.com' &&
          /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(path)
        ) {
          keys = this.entra ? [this.entra.jwk] : [];
        }
        res.writeHead(keys ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(keys ? { keys } : { error: 'not found' }));
      },
    );
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** From now on node's https requests to Microsoft's key hosts come here. */
  install(): void {
    if (!this.tls) throw new Error('start the fake first');
    this.previousAgent = https.globalAgent;
    https.globalAgent = new LoopbackAgent(this.port, this.tls.certPem);
  }

  uninstall(): void {
    if (this.previousAgent) https.globalAgent = this.previousAgent;
  }

  async stop(): Promise<void> {
    this.uninstall();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.dir.remove();
  }

  /** Fetches of one keys URL (e.g. BOTFRAMEWORK_KEYS). */
  fetchesOf(url: string): KeyFetch[] {
    const { host, pathname } = new URL(url);
    return this.fetches.filter((f) => f.host === host && f.path === pathname);
  }

  /** A token as Microsoft issues one for a bot (`aud` = its app id). */
  async token(options: MicrosoftTokenOptions): Promise<string> {
    const issuer = options.issuer ?? BOTFRAMEWORK_ISSUER;
    const published = issuer === BOTFRAMEWORK_ISSUER ? this.botframework : this.entra;
    const signer = options.foreignKey ? this.foreign : published;
    if (!published || !signer) throw new Error('start the fake first');
    const kid = options.unknownKid ? `unknown-${randomUUID()}` : published.kid;
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ ...options.claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(options.audience)
      .setNotBefore(now - 60 + Math.min(0, expiresIn))
      .setIssuedAt(now - 60 + Math.min(0, expiresIn))
      .setExpirationTime(now + expiresIn)
      .sign(signer.key);
  }
}
