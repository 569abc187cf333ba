/**
 * Teams activities to neutral events, on the recorded fixtures and a few made-up variants:
 * the @mention stripped, thread replies in their channel, personal chats direct, our card
 * submissions as form_submitted / button_pressed, installs and newcomers; people named by
 * aadObjectId; event ids unique per conversation; a channel request's thread as reply handle.
 */
import { describe, expect, it } from 'vitest';
import { ActivitySchema, legacyUserIdOf, toEvents } from '../../adapters/teams/parse.js';
import { fixture } from '../fakes/teams-app.js';

const events = (name: string, patch: Record<string, unknown> = {}) =>
  toEvents(ActivitySchema.parse({ ...fixture(name), ...patch }));
const TENANT = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
const CHANNEL = `teams:${TENANT}:19:d441d38c655c47a085215b2726e76927@thread.tacv2`;

describe('Teams activities to events', () => {
  it('strips the bot mention from a channel message, in the channel (not the thread)', () => {
    const [e] = events('message_channel_mention');
    expect(e).toMatchObject({ type: 'message', text: 'Hey', platform: 'teams' });
    expect(e?.conversation).toEqual({ id: CHANNEL, kind: 'channel' });
    // The person by aadObjectId (stable across bots), not by the 29: id Teams gives this bot.
    expect(e?.actor.userId).toBe(`teams:${TENANT}:00000000-1111-2222-3333-444444444444`);
  });

  it('names a person by aadObjectId, and by the 29: id only without one', () => {
    const a = ActivitySchema.parse(fixture('message_personal'));
    const [e] = toEvents(a);
    expect(e?.actor.userId).toBe(`teams:${TENANT}:${String(a.from.aadObjectId)}`);
    expect(legacyUserIdOf(a)).toBe(`teams:${TENANT}:${a.from.id}`);
    const guest = ActivitySchema.parse({
      ...fixture('message_personal'),
      from: { id: '29:1guest', name: 'Gast' },
    });
    expect(toEvents(guest)[0]?.actor.userId).toBe(`teams:${TENANT}:29:1guest`);
    expect(legacyUserIdOf(guest)).toBeUndefined();
    const joined = events('conversation_update_bot_added_team', {
      membersAdded: [{ id: '29:1newcomer', name: 'Nieuw', aadObjectId: 'aad-newcomer' }],
    });
    expect(joined[0]?.actor.userId).toBe(`teams:${TENANT}:aad-newcomer`);
  });

  it('keeps event ids apart per conversation: activity ids repeat across conversations', () => {
    const one = events('message_personal', { id: '1771290107407' })[0];
    const other = events('message_personal', {
      id: '1771290107407',
      conversation: { id: 'a:another-chat', conversationType: 'personal', tenantId: TENANT },
    })[0];
    expect(one?.eventId).toContain('1771290107407');
    expect(one?.eventId).not.toBe(other?.eventId);
    // A redelivery of the same activity keeps its id (so it is handled once).
    expect(events('message_personal', { id: '1771290107407' })[0]?.eventId).toBe(one?.eventId);
    // A thread's replies are in their channel: the channel's conversation names them.
    const [thread] = events('message_channel_thread_reply');
    expect(thread?.eventId.startsWith(`${CHANNEL}:`)).toBe(true);
  });

  it("hands a channel request's thread on as its reply handle (answers go into the thread)", () => {
    const [e] = events('message_channel_mention');
    expect(e?.replyHandle).toBe('thread:1771290107407');
    expect(events('message_personal')[0]?.replyHandle).toBeUndefined();
  });

  it('hands the words after the mention to the core, and a bare mention as empty text', () => {
    const [e] = events('message_channel_mention', { text: '<at>Chat SDK Demo</at> aanmelden' });
    expect(e).toMatchObject({ type: 'message', text: 'aanmelden' });
    const [bare] = events('message_channel_mention', { text: '<at>Chat SDK Demo</at>&nbsp;' });
    expect(bare).toMatchObject({ type: 'message', text: '' });
    const [other] = events('message_channel_mention', {
      text: '<at>Chat SDK Demo</at> idee met <at>Anna de Vries</at>',
    });
    expect(other).toMatchObject({ type: 'message', text: 'idee met @Anna de Vries' });
  });

  it('keeps a thread reply in its channel', () => {
    const [e] = events('message_channel_thread_reply');
    expect(e?.conversation.id).toBe(CHANNEL);
  });

  it('treats a personal chat as direct', () => {
    const [e] = events('message_personal');
    expect(e?.conversation.kind).toBe('direct');
  });

  it('turns our card submissions into form_submitted and button_pressed', () => {
    const [form] = events('message_action_submit', {
      replyToId: '1771290107407',
      value: { alliantie: 'form:onboarding.intake', context: 'ctx', name: 'Anna', topics: 'a,b' },
    });
    expect(form).toMatchObject({
      type: 'form_submitted',
      formId: 'onboarding.intake',
      context: 'ctx',
      values: { name: 'Anna', topics: 'a,b' },
      message: { conversationId: CHANNEL, messageId: '1771290107407' },
    });
    const [button] = events('invoke_adaptive_card_action', {
      value: {
        action: {
          type: 'Action.Execute',
          data: { alliantie: 'button:onboarding.start', value: 'x' },
        },
      },
    });
    expect(button).toMatchObject({
      type: 'button_pressed',
      actionId: 'onboarding.start',
      value: 'x',
    });
  });

  it('ignores submissions of cards that are not ours, and reactions', () => {
    expect(events('message_action_submit')).toEqual([]);
    expect(events('invoke_adaptive_card_action')).toEqual([]);
    expect(events('message_reaction_like')).toEqual([]);
  });

  it('sees the bot installed in a team, and newcomers joining', () => {
    expect(events('installation_update_add_team').map((e) => e.type)).toEqual(['bot_installed']);
    const team = events('conversation_update_bot_added_team');
    expect(team.map((e) => e.type)).toContain('bot_installed');
    const joined = events('conversation_update_bot_added_team', {
      membersAdded: [{ id: '29:1newcomer', name: 'Nieuw' }],
    });
    expect(joined).toMatchObject([{ type: 'member_joined', actor: { displayName: 'Nieuw' } }]);
  });
});
