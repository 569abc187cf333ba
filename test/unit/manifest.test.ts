import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('the Slack app manifest', () => {
  const manifest = parse(readFileSync('manifest/slack.yaml', 'utf8')) as {
    features: {
      slash_commands: { command: string; url: string }[];
      app_home: { home_tab_enabled: boolean };
    };
    settings: {
      event_subscriptions: { request_url: string; bot_events: string[] };
      interactivity: { request_url: string };
    };
    oauth_config: { scopes: { bot: string[] } };
  };

  it("validates against Slack's manifest schema", () => {
    const schema = JSON.parse(
      readFileSync('../shared/schemas/slack-manifest.schema.json', 'utf8'),
    ) as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('has the Home tab on and hears app_home_opened (community health on the App Home)', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('sends events, the slash command and interactivity to one URL, with the scopes they need', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    expect(new Set(urls.map((u) => new URL(u).pathname))).toEqual(new Set(['/slack/events']));
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/alliance']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im', 'member_joined_channel']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'chat:write',
        'commands',
        'im:write',
        'app_mentions:read',
        'im:history',
        // A privacy export arrives as a file in the person's DM (files.getUploadURLExternal).
        'files:write',
      ]),
    );
  });
});
