/**
 * The collector on its own: the idempotency key of every envelope says what the message is
 * (occurrence, flow, purpose, destination) and nothing else, so the same run makes the same
 * keys; two sends of one purpose to one place get distinct keys; an update names the handle
 * it changes; answers to the acting person are interactive (with the reply handle only where
 * they spoke); and keys stay within what the outbox takes (500 characters) even with the long
 * ids Teams uses, while staying distinct and stable.
 */
import { describe, expect, it } from 'vitest';
import { type OutboundEnvelope, OutboundEnvelopeSchema } from '../../../src/core/adapter.js';
import { AdapterRegistry } from '../../../src/core/deliver.js';
import { type Destination, MessageHandleSchema, text } from '../../../src/core/messages.js';
import { AllianceSchema } from '../../../src/domain/alliance.js';
import { Collector, destinationKey } from '../../../src/engine/collector.js';
import { fakeAdapter } from '../../helpers/flow-kit.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TEAMS_CHANNEL = `teams:${TENANT}:19:${'q'.repeat(60)}@thread.tacv2`;
const TEAMS_PERSON = `teams:${TENANT}:29:1${'p'.repeat(120)}`;
const TEAMS_DM = `teams:${TENANT}:a:1${'d'.repeat(150)}`;
const alliance = AllianceSchema.parse({
  id: 'energieregio-west',
  name: 'Energieregio',
  ambition: 'Samen',
  houseRules: ['Eerlijk'],
  coordinators: [{ name: 'Joost', ids: ['local:demo:joost'] }],
  channels: { local: ['local:demo:alliantie'], slack: ['slack:T1:C1'], teams: [TEAMS_CHANNEL] },
});
const adapters = new AdapterRegistry([fakeAdapter('local'), fakeAdapter('teams')]);

describe('keys', () => {
  it('are the same for the same run and say what the message is', () => {
    const run = () => {
      const out = new Collector('local:e1', alliance, adapters);
      out.flow = 'ideas';
      out.push({ kind: 'conversation', id: 'local:demo:alliantie' }, text('a'), {
        purpose: 'idea',
      });
      out.push({ kind: 'direct', userId: 'local:demo:anna' }, text('b'), { purpose: 'notice' });
      return out.envelopes.map((e) => e.key);
    };
    expect(run()).toEqual(run());
    expect(run()).toEqual([
      'local:e1:ideas:idea:local:demo:alliantie',
      'local:e1:ideas:notice:direct:local:demo:anna',
    ]);
  });

  it('differ for a second message of one purpose to one place', () => {
    const out = new Collector('local:e1', alliance, adapters);
    const to: Destination = { kind: 'direct', userId: 'local:demo:anna' };
    const a = out.push(to, text('a'));
    const b = out.push(to, text('b'));
    expect(a.key).not.toBe(b.key);
    expect(b.key).toBe(`${a.key}#2`);
  });

  it('post one copy per linked channel this deployment reaches, and handles update them', () => {
    const out = new Collector('reminder:energieregio-west:x@2026-01-01', alliance, adapters);
    const copies = out.toChannels(text('Hallo'), { purpose: 'hello' });
    // No Slack adapter here: the Slack channel gets no copy.
    expect(copies.map((h) => h.to)).toEqual([
      { kind: 'conversation', id: TEAMS_CHANNEL },
      { kind: 'conversation', id: 'local:demo:alliantie' },
    ]);
    out.update(copies, text('Hallo!'));
    const updates = out.envelopes.filter((e) => e.updates);
    expect(updates.map((e) => [e.updates, e.to])).toEqual(copies.map((h) => [h.key, h.to]));
    expect(out.reachable(['slack:T1:U1', 'local:demo:anna'])).toBe('local:demo:anna');
  });

  it('stay within 500 characters, distinct and stable, with the long ids of Teams', () => {
    const occurrence = `teams:${TEAMS_CHANNEL}:1712345678901`;
    const interaction = {
      userId: TEAMS_PERSON,
      replyTo: { kind: 'ephemeral', conversationId: TEAMS_CHANNEL, userId: TEAMS_PERSON } as const,
    };
    const run = () => {
      const out = new Collector(occurrence, alliance, adapters, interaction);
      out.flow = 'commitments';
      const reply = out.push(interaction.replyTo, text('a'), { purpose: 'commitment-updated' });
      out.push(interaction.replyTo, text('b'), { purpose: 'commitment-updated-again' });
      const posted = out.toChannels(text('c'), { purpose: 'commitment-overview' });
      out.push({ kind: 'direct', userId: TEAMS_PERSON }, text('d'), { purpose: 'owner-notice' });
      // The same person in their personal chat with the bot (a long conversation id).
      const personal = new Collector(`teams:${TEAMS_DM}:1712345679999`, alliance, adapters, {
        userId: TEAMS_PERSON,
        replyTo: { kind: 'direct', userId: TEAMS_PERSON },
      });
      personal.flow = 'commitments';
      const answer = personal.push({ kind: 'direct', userId: TEAMS_PERSON }, text('g'), {
        purpose: 'commitment-registered',
      });
      // A later occurrence (a reminder named after the person) updates what was posted.
      const later = new Collector(
        `reminder:energieregio-west:commitment-due:${TEAMS_PERSON}@2026-03-01T09:00:00.000Z`,
        alliance,
        adapters,
      );
      later.flow = 'commitments';
      later.update([reply, answer, ...posted], text('e'));
      later.update([reply, answer, ...posted], text('f'));
      return [...out.envelopes, ...personal.envelopes, ...later.envelopes];
    };
    const envelopes: OutboundEnvelope[] = run();
    for (const e of envelopes) {
      expect(e.key.length).toBeLessThanOrEqual(500);
      expect(() => OutboundEnvelopeSchema.parse(e)).not.toThrow();
      expect(() => MessageHandleSchema.parse({ key: e.key, to: e.to })).not.toThrow();
    }
    const keys = envelopes.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run().map((e) => e.key)).toEqual(keys);
  });
});

describe('interactive answers', () => {
  const speaking = {
    userId: 'slack:T1:U1',
    replyHandle: 'https://hooks.slack.example/response',
    replyTo: { kind: 'ephemeral', conversationId: 'slack:T1:C1', userId: 'slack:T1:U1' } as const,
  };

  it('are what goes to the acting person; the reply handle only where they spoke', () => {
    const out = new Collector('slack:e1', alliance, adapters, speaking);
    out.push(speaking.replyTo, text('antwoord'));
    out.push({ kind: 'direct', userId: 'slack:T1:U1' }, text('privé'));
    out.push({ kind: 'conversation', id: 'slack:T1:C1' }, text('voor iedereen'));
    out.push({ kind: 'direct', userId: 'slack:T1:U2' }, text('voor een ander'));
    const [answer, direct, channel, other] = out.envelopes;
    expect(answer).toMatchObject({ interactive: true, replyHandle: speaking.replyHandle });
    expect(direct?.interactive).toBe(true);
    expect(direct?.replyHandle).toBeUndefined();
    expect(channel?.interactive).toBeUndefined();
    expect(other?.interactive).toBeUndefined();
  });

  it('include the card a button replaces, where it was', () => {
    const out = new Collector('slack:e2', alliance, adapters, speaking);
    const replaces = { conversationId: 'slack:T1:C1', messageId: '123.456' };
    out.push({ kind: 'conversation', id: 'slack:T1:C1' }, text('bijgewerkt'), {}, { replaces });
    expect(out.envelopes[0]).toMatchObject({
      interactive: true,
      replyHandle: speaking.replyHandle,
      replaces,
    });
  });
});

describe('destinationKey', () => {
  it('names every place a message can land differently', () => {
    const user = 'slack:T1:U1';
    const places: Destination[] = [
      { kind: 'conversation', id: 'slack:T1:C1' },
      { kind: 'direct', userId: user },
      { kind: 'ephemeral', conversationId: 'slack:T1:C1', userId: user },
      { kind: 'home', userId: user },
    ];
    expect(new Set(places.map(destinationKey)).size).toBe(places.length);
  });
});
