import { describe, expect, it } from 'vitest';
import { listenHost, loadSettings } from '../../../src/config/env.js';

const CONFIG = { ALLIANCE_CONFIG: 'a.yaml' };
const SLACK_HTTP = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', ...CONFIG };
const TEAMS = { TEAMS_APP_ID: 'id', TEAMS_APP_PASSWORD: 'secret', ...CONFIG };

/** The message loadSettings refuses the environment with. */
function refusal(source: Record<string, string>): string {
  try {
    loadSettings(source);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the settings were accepted');
}

describe('environment settings', () => {
  it('runs in local mode with the demo config by default', () => {
    const s = loadSettings({});
    expect(s).toMatchObject({
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      localMode: true,
      allianceConfigPath: 'examples/energieregio.yaml',
    });
  });

  it('leaves local mode when Slack or Teams credentials are set, and then wants a config', () => {
    expect(() => loadSettings({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /ALLIANCE_CONFIG is not set/,
    );
    expect(loadSettings(SLACK_HTTP).localMode).toBe(false);
    expect(loadSettings(TEAMS).localMode).toBe(false);
  });

  it('explains a bad setting', () => {
    expect(() => loadSettings({ PORT: 'drieduizend' })).toThrow(/PORT/);
    expect(() => loadSettings({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: must start with redis:\/\//,
    );
    expect(() => loadSettings({ HOST: 'local host' })).toThrow(/HOST: an address or host name/);
    expect(() => loadSettings({ LOCAL_MODE: 'yes' })).toThrow(/LOCAL_MODE: 1 allows local mode/);
  });
});

describe('modes', () => {
  it('takes Socket Mode without a signing secret', () => {
    const s = loadSettings({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1', ...CONFIG });
    expect(s.localMode).toBe(false);
    expect(s.SLACK_SIGNING_SECRET).toBeUndefined();
  });

  it('takes OAuth installs instead of a bot token', () => {
    const s = loadSettings({
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'c',
      SLACK_STATE_SECRET: 'st',
      ...CONFIG,
    });
    expect(s.localMode).toBe(false);
  });

  it('never falls back to local mode when any Slack or Teams variable is set', () => {
    for (const source of [
      { SLACK_APP_TOKEN: 'xapp-1' },
      { SLACK_API_URL: 'http://127.0.0.1:1/api/' },
      { SLACK_SIGNING_SECRET: 's' },
      { TEAMS_TENANT_ID: 't' },
      { TEAMS_APP_TYPE: 'SingleTenant' },
      { TEAMS_APP_PASSWORD: 'p' },
    ]) {
      const message = refusal(source);
      expect(message).toMatch(/does not run in local mode/);
      expect(message).toMatch(/missing/);
    }
  });

  it('names what a Slack setup lacks', () => {
    expect(refusal({ SLACK_BOT_TOKEN: 'xoxb-1', ...CONFIG })).toMatch(
      /SLACK_SIGNING_SECRET: missing.*or set SLACK_APP_TOKEN/,
    );
    const noToken = refusal({ SLACK_SIGNING_SECRET: 's', ...CONFIG });
    expect(noToken).toMatch(/SLACK_BOT_TOKEN: missing/);
    expect(noToken).toMatch(/SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET/);
    expect(noToken).not.toMatch(/SLACK_SIGNING_SECRET: missing/);
    expect(
      refusal({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'c' }),
    ).toMatch(/SLACK_STATE_SECRET: missing; OAuth installs .* need/);
    // Socket Mode alone: a token is still needed, a signing secret is not.
    const socket = refusal({ SLACK_APP_TOKEN: 'xapp-1', ...CONFIG });
    expect(socket).toMatch(/SLACK_BOT_TOKEN: missing/);
    expect(socket).not.toMatch(/SLACK_SIGNING_SECRET/);
  });

  it('names what a Teams setup lacks', () => {
    const noId = refusal({ TEAMS_APP_PASSWORD: 'p', ...CONFIG });
    expect(noId).toMatch(/TEAMS_APP_ID: missing/);
    expect(noId).not.toMatch(/TEAMS_APP_PASSWORD: missing/);
    expect(refusal({ TEAMS_APP_ID: 'id', ...CONFIG })).toMatch(
      /TEAMS_APP_PASSWORD: missing; Teams needs a client secret .* or a certificate/,
    );
    // Blank values count as unset.
    expect(refusal({ TEAMS_APP_ID: 'id', TEAMS_APP_PASSWORD: '  ', ...CONFIG })).toMatch(
      /TEAMS_APP_PASSWORD: missing/,
    );
  });

  it('names a mistyped Slack or Teams variable, with what was meant', () => {
    expect(refusal({ ...SLACK_HTTP, SLACK_BOT_TOKN: 'xoxb-2' })).toContain(
      'unknown setting SLACK_BOT_TOKN — did you mean SLACK_BOT_TOKEN?',
    );
    expect(refusal({ ...TEAMS, TEAMS_APP_PASSWRD: 'p' })).toContain(
      'unknown setting TEAMS_APP_PASSWRD — did you mean TEAMS_APP_PASSWORD?',
    );
    // Alone, the typo is named and the start stops (no web chat for it).
    const alone = refusal({ SLACK_BOT_TOKN: 'xoxb-2', SLACK_SIGNING_SECRET: 's' });
    expect(alone).toContain('did you mean SLACK_BOT_TOKEN?');
    expect(alone).toMatch(/SLACK_BOT_TOKEN: missing/);
    expect(refusal({ ...SLACK_HTTP, SLACK_WEBHOOK_URL: 'https://x' })).toMatch(
      /unknown setting SLACK_WEBHOOK_URL \(the known ones: SLACK_SIGNING_SECRET, .*SLACK_APP_TOKEN/,
    );
    // What package:teams reads is known.
    expect(
      loadSettings({ ...TEAMS, TEAMS_MANIFEST_ID: 'm', TEAMS_VALID_DOMAIN: 'd' }),
    ).toBeTruthy();
  });

  it('refuses local mode under NODE_ENV=production unless LOCAL_MODE=1', () => {
    expect(refusal({ NODE_ENV: 'production' })).toMatch(
      /local mode.*refused under NODE_ENV=production.*LOCAL_MODE=1/,
    );
    expect(refusal({ NODE_ENV: 'production', LOCAL_MODE: '0' })).toMatch(/refused/);
    expect(loadSettings({ NODE_ENV: 'production', LOCAL_MODE: '1' }).localMode).toBe(true);
    expect(loadSettings({ NODE_ENV: 'production', ...SLACK_HTTP }).localMode).toBe(false);
  });

  it('refuses LOCAL_MODE=1 beside platform settings', () => {
    expect(refusal({ LOCAL_MODE: '1', ...SLACK_HTTP })).toMatch(
      /LOCAL_MODE=1 .* these are set: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET/,
    );
  });

  it('listens on loopback in local mode and everywhere otherwise, unless HOST says', () => {
    expect(listenHost(loadSettings({}))).toBe('127.0.0.1');
    expect(listenHost(loadSettings(SLACK_HTTP))).toBe('0.0.0.0');
    expect(listenHost(loadSettings({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(listenHost(loadSettings({ ...TEAMS, HOST: '::1' }))).toBe('::1');
  });

  it('keeps METRICS_TOKEN', () => {
    expect(loadSettings({ METRICS_TOKEN: ' t0ken ' }).METRICS_TOKEN).toBe('t0ken');
    expect(loadSettings({}).METRICS_TOKEN).toBeUndefined();
  });
});
