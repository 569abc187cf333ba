/**
 * Allow lists of outbound hosts: where the bot may send a platform token (Teams: the Bot
 * Connector token goes to an activity's serviceUrl). Parsed from a comma-separated setting.
 *
 * An entry is one of
 *   - `host` or `host:port`: https only, that host exactly (no wildcards, no subdomains);
 *     without a port any port of that host;
 *   - an origin `https://host[:port]`: exactly that origin;
 *   - an origin `http://<loopback>[:port]` (127.x.x.x, [::1], localhost): a local stand-in
 *     such as the Bot Framework Emulator or a test fake, where nothing leaves the machine.
 * Plain http to any other host is refused: the token would travel in the clear.
 */
import { z } from 'zod';

export interface AllowedHost {
  protocol: 'https:' | 'http:';
  /** Lower case, as `URL.hostname` gives it (IPv6 in brackets). */
  hostname: string;
  /** A port to match exactly ('' is the scheme's default); undefined matches any port. */
  port?: string;
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** One entry of an allow list, or a sentence saying what is wrong with it. */
export function parseAllowedHost(entry: string): AllowedHost | string {
  const text = entry.trim();
  const origin = text.includes('://');
  let url: URL;
  try {
    url = new URL(origin ? text : `https://${text}`);
  } catch {
    return `"${text}" is not a host name, host:port or origin`;
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return `"${text}" must be a host or an origin alone (no path, query or credentials)`;
  }
  if (!origin && /[/?#@]/.test(text)) {
    return `"${text}" must be a host or an origin alone (no path, query or credentials)`;
  }
  if (url.protocol === 'http:') {
    if (!isLoopback(url.hostname)) {
      return `"${text}": plain http is allowed only on a loopback address (127.0.0.1, [::1], localhost); use https`;
    }
    return { protocol: 'http:', hostname: url.hostname, port: url.port };
  }
  if (url.protocol !== 'https:') return `"${text}": only https (or http on loopback) is allowed`;
  // A bare host without a port matches any port; `host:port` and origins match their port.
  const explicitPort = origin || /:\d+$/.test(text);
  return {
    protocol: 'https:',
    hostname: url.hostname,
    ...(explicitPort ? { port: url.port } : {}),
  };
}

/** A comma-separated list of entries, each checked (empty items are skipped). */
export const HostAllowListSchema = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .superRefine((items, ctx) => {
    for (const item of items) {
      const parsed = parseAllowedHost(item);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }
  });

/** Parses checked entries (throws on one that is not, which the settings never let through). */
export function allowedHosts(entries: readonly string[]): AllowedHost[] {
  return entries.map((entry) => {
    const parsed = parseAllowedHost(entry);
    if (typeof parsed === 'string') throw new TypeError(parsed);
    return parsed;
  });
}

/** Whether `url` is on one of the allowed hosts (and carries no credentials). */
export function urlAllowed(url: string, allowed: readonly AllowedHost[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  return allowed.some(
    (a) =>
      a.protocol === parsed.protocol &&
      a.hostname === parsed.hostname &&
      (a.port === undefined || a.port === parsed.port),
  );
}
