/**
 * Where the bot's Bot Connector token may go. Every outbound call (a reply, a proactive
 * message, an update, a member lookup) carries the bot's token to a conversation's
 * serviceUrl, and that serviceUrl comes from an activity. A token the SDK accepts (any app
 * registration of the configured tenant can get one for our app id) could otherwise point a
 * conversation at any host and collect the token with the next announcement. So:
 *
 *   - inbound, an activity whose serviceUrl is not on an allowed host is refused (403) before
 *     anything is stored, and a token's `serviceurl` claim, where present, must equal the
 *     activity's serviceUrl (Bot Framework auth spec, requirement 7);
 *   - outbound, a stored reference whose serviceUrl is not allowed fails permanently before
 *     any request is made.
 *
 * Allowed: Microsoft's Bot Connector hosts for Teams (exact host names, https), as the Teams
 * SDK lists them per cloud (microsoft/teams-sdk cloud environments: public, GCC, GCC High,
 * DoD, China), and the operator's TEAMS_SERVICE_URL_ALLOW.
 */
import { type AllowedHost, allowedHosts, urlAllowed } from '../../src/config/host-allow.js';
import { PermanentDeliveryError } from '../../src/core/errors.js';

export const MICROSOFT_SERVICE_HOSTS = [
  // Public cloud (and GCC, which shares its endpoints or has its own below).
  'smba.trafficmanager.net',
  'smba.onyx.prod.teams.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  // US Government: GCC High and DoD.
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  // China (21Vianet).
  'frontend.botapi.msg.infra.teams.microsoftonline.cn',
] as const;

/**
 * Clouds where bots can neither send nor receive files (Microsoft Teams platform docs, "Send
 * and receive files using bot": not in GCC High, DoD, or Teams operated by 21Vianet).
 */
const NO_FILE_HOSTS: readonly string[] = [
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
  'frontend.botapi.msg.infra.teams.microsoftonline.cn',
];

/** Whether a bot may offer a file (a file consent card) in a conversation of this serviceUrl. */
export function filesSupported(serviceUrl: string): boolean {
  try {
    return !NO_FILE_HOSTS.includes(new URL(serviceUrl).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export class ServiceUrlPolicy {
  private readonly allowed: AllowedHost[];

  /** `extra`: the checked entries of TEAMS_SERVICE_URL_ALLOW. */
  constructor(extra: readonly string[] = []) {
    this.allowed = [
      ...MICROSOFT_SERVICE_HOSTS.map((hostname): AllowedHost => ({ protocol: 'https:', hostname })),
      ...allowedHosts(extra),
    ];
  }

  /** Whether the bot's token may be sent to this serviceUrl. */
  allows(serviceUrl: string): boolean {
    return urlAllowed(serviceUrl, this.allowed);
  }

  /**
   * Why an authenticated activity must be refused, or undefined when it may be handled: its
   * serviceUrl is not allowed, or the token names another serviceUrl than the activity.
   */
  refusal(serviceUrl: string, claims: unknown): string | undefined {
    if (!this.allows(serviceUrl)) return 'the serviceUrl is not an allowed host';
    const claim =
      typeof claims === 'object' && claims !== null && 'serviceurl' in claims
        ? claims.serviceurl
        : undefined;
    if (claim === undefined) return undefined;
    if (typeof claim !== 'string' || claim !== serviceUrl) {
      return "the token's serviceurl claim does not match the activity's serviceUrl";
    }
    return undefined;
  }

  /** Throws a permanent delivery error (before any request) when the serviceUrl is not allowed. */
  assertAllowed(serviceUrl: string): void {
    if (this.allows(serviceUrl)) return;
    let host = '(not a URL)';
    try {
      host = new URL(serviceUrl).host;
    } catch {}
    throw new PermanentDeliveryError(
      `Teams: refusing to send the bot's token to ${host}: not a Microsoft Bot Connector host nor in TEAMS_SERVICE_URL_ALLOW`,
    );
  }
}
