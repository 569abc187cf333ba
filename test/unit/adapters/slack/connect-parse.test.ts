/**
 * Slack ids in channels shared by several organisations (Slack Connect) and under Enterprise
 * Grid, from the fixtures in test/fixtures/slack: a person is named by their own team
 * everywhere (event, slash command, button, modal), a channel by its home team (the linked
 * channel's, as in examples/energieregio.yaml), and the installation an event came through is
 * its first authorization.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  commandInstallation,
  EnvelopeSchema,
  type EventEnvelope,
  fromEvent,
  fromInteraction,
  fromSlashCommand,
  InteractionSchema,
  installationOf,
  SlashCommandSchema,
  teamsOf,
} from '../../../../adapters/slack/parse.js';
import { SlackWorkspaces } from '../../../../adapters/slack/workspaces.js';
import { loadAllianceConfig } from '../../../../src/config/alliance-config.js';
import { AllianceDirectory } from '../../../../src/domain/directory.js';

const FIXTURES = new URL('../../../fixtures/slack/', import.meta.url);
const SHARED = new URL('../../../../../shared/fixtures/slack/', import.meta.url);
const json = (path: string | URL) => JSON.parse(readFileSync(path, 'utf8')) as unknown;

function envelope(name: string, dir: string | URL = FIXTURES): EventEnvelope {
  const parsed = EnvelopeSchema.parse(json(new URL(`${name}.json`, dir)));
  if (parsed.type !== 'event_callback') throw new Error('not an event');
  return parsed;
}

const form = (name: string) =>
  Object.fromEntries(
    new URLSearchParams((json(new URL(`${name}.json`, FIXTURES)) as { body: string }).body),
  );

const workspaces = (channels: readonly string[]) =>
  new SlackWorkspaces({
    linkedChannels: channels,
    forgetCaches: async () => undefined,
    log: { info: () => undefined } as never,
  });

describe('Slack Connect: a person by their own team, a channel by its home team', () => {
  it("names the partner's person by their own team in a channel shared from another workspace", () => {
    const mention = envelope('connect_app_mention');
    const event = fromEvent(mention);
    expect(event?.actor.userId).toBe('slack:T0INSTALL1:W222');
    expect(event?.conversation.id).toBe('slack:T0SOURCE01:C111');
    // The installation is the first authorization's, not the envelope's team.
    expect(installationOf(mention)).toEqual({
      teamId: 'T0INSTALL1',
      enterpriseId: 'E0INSTALL1',
      isEnterpriseInstall: false,
    });
    expect(teamsOf(mention).sort()).toEqual(['T0INSTALL1', 'T0SOURCE01']);
  });

  it('names the channel of a slash command in a linked shared channel by its home team', () => {
    const command = SlashCommandSchema.parse(form('connect_slash_command'));
    const { channelHome } = workspaces(['slack:T0SOURCE01:C111']);
    const event = fromSlashCommand(command, { channelHome });
    expect(event.actor.userId).toBe('slack:T0INSTALL1:W222');
    expect(event.conversation.id).toBe('slack:T0SOURCE01:C111');
    expect(commandInstallation(command).via).toEqual({
      teamId: 'T0INSTALL1',
      enterpriseId: 'E0INSTALL1',
      isEnterpriseInstall: false,
    });
    // A channel that is not linked stays under the team the command came from.
    const other = fromSlashCommand({ ...command, channel_id: 'C999' }, { channelHome });
    expect(other.conversation.id).toBe('slack:T0INSTALL1:C999');
  });

  it('names a button presser by their own team and the channel by its home team', () => {
    const base = json(new URL('block_actions_button.json', SHARED)) as Record<string, unknown>;
    const payload = InteractionSchema.parse({
      ...base,
      team: { id: 'T0INSTALL1', domain: 'partner' },
      user: { id: 'W222', team_id: 'T0INSTALL1', name: 'gast' },
      container: { type: 'message', channel_id: 'C111', message_ts: '1.2', is_ephemeral: false },
      channel: { id: 'C111', name: 'gedeeld' },
    });
    const event = fromInteraction(payload, workspaces(['slack:T0SOURCE01:C111']));
    expect(event?.actor.userId).toBe('slack:T0INSTALL1:W222');
    expect(event?.conversation.id).toBe('slack:T0SOURCE01:C111');
    expect(event?.type === 'button_pressed' && event.message?.conversationId).toBe(
      'slack:T0SOURCE01:C111',
    );
  });

  it('keeps the recorded single-workspace payloads as they were', () => {
    const mention = fromEvent(envelope('event_app_mention', SHARED));
    expect(mention?.actor.userId).toBe('slack:T00FAKE00AA:U00FAKEUSER1');
    expect(mention?.conversation.id.startsWith('slack:T00FAKE00AA:C')).toBe(true);
    const dm = fromEvent(envelope('event_message_im', SHARED));
    expect(dm?.actor.userId).toBe('slack:T0ADGE2G4EM:U0ADXQT6CRW');
    const submission = InteractionSchema.parse(json(new URL('view_submission.json', SHARED)));
    expect(fromInteraction(submission)?.actor.userId).toBe('slack:T00FAKE00BB:U00FAKEUSER2');
  });

  it('still matches the linked channel and the named people of examples/energieregio.yaml', async () => {
    const directory = new AllianceDirectory(await loadAllianceConfig('examples/energieregio.yaml'));
    const linked = directory.all().flatMap((a) => a.channels.slack);
    const { channelHome } = workspaces(linked);
    const command = SlashCommandSchema.parse({
      ...form('connect_slash_command'),
      team_id: 'T0DEMO01',
      channel_id: 'C0ALLIANTIE',
      user_id: 'U0JOOST01',
    });
    const event = fromSlashCommand(command, { channelHome });
    expect(directory.forChannel(event.conversation.id)?.id).toBe('energieregio-west');
    expect(directory.forPerson(event.actor.userId).map((a) => a.id)).toEqual(['energieregio-west']);
  });
});

describe('Enterprise Grid', () => {
  it('takes an org-wide install from authorizations, with no team of its own', () => {
    const message = envelope('grid_org_message');
    expect(installationOf(message)).toEqual({
      teamId: undefined,
      enterpriseId: 'E111',
      isEnterpriseInstall: true,
    });
    expect(teamsOf(message)).toEqual(['T111']);
  });

  it('reads events with no team at all (an org-wide uninstall) without refusing them', () => {
    const uninstalled = envelope('grid_org_app_uninstalled');
    expect(installationOf(uninstalled)).toEqual({
      teamId: undefined,
      enterpriseId: 'E111',
      isEnterpriseInstall: true,
    });
    expect(fromEvent(uninstalled)).toBeNull();
  });
});

describe('Enterprise Grid: the org of the person’s own workspace', () => {
  it('gives the org where the person speaks in their own workspace', () => {
    // The recorded org message as the mention of the bot it would be (a channel message to
    // the bot comes as app_mention).
    const message = envelope('grid_org_message');
    const mention = { ...message, event: { ...message.event, type: 'app_mention' } };
    expect(fromEvent(mention)?.actor).toEqual({
      userId: 'slack:T111:W111',
      org: 'slack:E111',
    });
  });

  it('gives no org to a Slack Connect guest (their workspace is not the event’s)', () => {
    expect(fromEvent(envelope('connect_app_mention'))?.actor.org).toBeUndefined();
  });

  it('gives a slash command the org of the workspace it was typed in', () => {
    const command = SlashCommandSchema.parse(form('connect_slash_command'));
    expect(fromSlashCommand(command).actor).toEqual({
      userId: 'slack:T0INSTALL1:W222',
      org: 'slack:E0INSTALL1',
    });
  });
});
