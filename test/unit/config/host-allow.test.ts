/**
 * Outbound host allow lists (TEAMS_SERVICE_URL_ALLOW): exact hosts, https only except on
 * loopback, no credentials, and readable errors for entries that cannot be meant.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedHosts,
  HostAllowListSchema,
  parseAllowedHost,
  urlAllowed,
} from '../../../src/config/host-allow.js';

describe('host allow lists', () => {
  it('splits a comma-separated setting and checks each entry', () => {
    expect(HostAllowListSchema.parse(undefined)).toEqual([]);
    expect(HostAllowListSchema.parse(' a.example , ,b.example:8443 ')).toEqual([
      'a.example',
      'b.example:8443',
    ]);
    const bad = HostAllowListSchema.safeParse('http://bot.example,a.example/path');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/plain http is allowed only on a loopback address/),
      expect.stringMatching(/no path/),
    ]);
    expect(typeof parseAllowedHost('https://user:pw@a.example')).toBe('string');
    expect(typeof parseAllowedHost('ftp://a.example')).toBe('string');
  });

  it('matches hosts exactly, never their look-alikes or subdomains', () => {
    const allowed = allowedHosts(['bot.example', 'pinned.example:8443']);
    expect(urlAllowed('https://bot.example/amer/', allowed)).toBe(true);
    expect(urlAllowed('https://BOT.example:444/x', allowed)).toBe(true);
    expect(urlAllowed('http://bot.example/', allowed)).toBe(false);
    expect(urlAllowed('https://evil.bot.example/', allowed)).toBe(false);
    expect(urlAllowed('https://bot.example.evil.example/', allowed)).toBe(false);
    expect(urlAllowed('https://user@bot.example/', allowed)).toBe(false);
    expect(urlAllowed('https://pinned.example:8443/', allowed)).toBe(true);
    expect(urlAllowed('https://pinned.example/', allowed)).toBe(false);
    expect(urlAllowed('not a url', allowed)).toBe(false);
  });

  it('takes http only as an exact loopback origin', () => {
    const allowed = allowedHosts(['http://127.0.0.1:3978', 'http://[::1]:4000']);
    expect(urlAllowed('http://127.0.0.1:3978/', allowed)).toBe(true);
    expect(urlAllowed('http://127.0.0.1:3979/', allowed)).toBe(false);
    expect(urlAllowed('https://127.0.0.1:3978/', allowed)).toBe(false);
    expect(urlAllowed('http://[::1]:4000/v3', allowed)).toBe(true);
  });
});
