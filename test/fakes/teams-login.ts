/**
 * Outbound tokens for the Teams tests: MSAL (inside the SDK) asks Microsoft's login service for
 * the bot's token over global fetch, https only. An undici MockAgent answers for that host
 * (instance discovery, OpenID configuration, the token endpoint) and lets every loopback
 * request through to the real servers (our app, the fake Bot Connector, the local issuer).
 */
import { type Dispatcher, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';

export const LOGIN_ORIGIN = 'https://login.microsoftonline.com';

/**
 * What Microsoft's login answers MSAL before a token request: instance discovery and the
 * tenant's OpenID configuration (undefined for any other path).
 */
export function loginMetadata(path: string, tenant: string): object | undefined {
  const base = `${LOGIN_ORIGIN}/${tenant}`;
  if (path.includes('/discovery/instance')) {
    return {
      tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: ['login.microsoftonline.com', 'login.windows.net'],
        },
      ],
    };
  }
  if (path.includes('openid-configuration')) {
    return {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code'],
    };
  }
  return undefined;
}

export class FakeLogin {
  private agent: MockAgent | undefined;
  private previous: Dispatcher | undefined;
  readonly requests: { method: string; path: string }[] = [];

  /**
   * @param token The access token it hands out; the fake Bot Connector accepts only this one
   * (given, when the app runs in a process of its own and the test's connector must know it).
   */
  constructor(readonly token = `outbound-${Math.random().toString(36).slice(2)}`) {}

  install(): void {
    this.previous = getGlobalDispatcher();
    const agent = new MockAgent();
    agent.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    const pool = agent.get(LOGIN_ORIGIN);
    pool
      .intercept({ path: () => true, method: () => true })
      .reply<object>((options) => {
        const path = String(options.path);
        this.requests.push({ method: options.method, path });
        const tenant = path.split('/').filter(Boolean)[0] ?? 'common';
        const metadata = loginMetadata(path, tenant);
        if (metadata) return { statusCode: 200, data: metadata };
        if (path.includes('/oauth2/v2.0/token')) {
          return {
            statusCode: 200,
            data: {
              token_type: 'Bearer',
              expires_in: 3599,
              ext_expires_in: 3599,
              access_token: this.token,
            },
          };
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
