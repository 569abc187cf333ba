import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../../src/config/env.js';

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
    const slack = loadSettings({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      ALLIANCE_CONFIG: 'a.yaml',
    });
    expect(slack.localMode).toBe(false);
    expect(loadSettings({ TEAMS_APP_ID: 'id', ALLIANCE_CONFIG: 'a.yaml' }).localMode).toBe(false);
  });

  it('explains a bad setting', () => {
    expect(() => loadSettings({ PORT: 'drieduizend' })).toThrow(/PORT/);
    expect(() => loadSettings({ REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: must start with redis:\/\//,
    );
  });
});
