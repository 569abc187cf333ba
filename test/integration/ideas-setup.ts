/**
 * What the ideas tests share: a flow kit with ideas and invitations, people of four partners
 * (Anna and Sanne of Gemeente Leiden, Pieter of Hoogheemraadschap van Rijnland, Emma of Stedin
 * in English, Joost of Provincie Zuid-Holland), the reminders the flow scheduled, and readers
 * and actions (propose, co-sign, submit a plan, what was posted, what is stored).
 */
import { ideasFlow } from '../../flows/ideas.js';
import { type Idea, ideaRecords } from '../../flows/ideas-record.js';
import { COSIGN_ACTION, PLAN_FORM_ID } from '../../flows/ideas-views.js';
import { invitationsFlow } from '../../flows/invitations.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import type { Locale } from '../../src/core/events.js';
import type { ReminderRequest } from '../../src/core/jobs.js';
import { KIT, type Kit, press, say, startKit, submit } from '../helpers/flow-kit.js';
import { registerMember } from '../helpers/members.js';

export const ANNA = 'local:kit:anna'; // Gemeente Leiden
export const SANNE = 'local:kit:sanne'; // Gemeente Leiden, Anna's colleague
export const PIETER = 'local:kit:pieter'; // Hoogheemraadschap van Rijnland
export const EMMA = 'slack:T0KIT:U0EMMA'; // Stedin, English
export const JOOST = 'local:kit:joost'; // Provincie Zuid-Holland

export const scheduled: ReminderRequest[] = [];
export let kit: Kit;

export async function join(userId: string, partner: string, name: string, locale: Locale = 'nl') {
  const now = new Date().toISOString();
  const id = partner
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, '-');
  await registerMember(kit.store, {
    allianceId: KIT,
    userId,
    partnerId: id,
    partnerName: partner,
    name,
    locale,
    joinedAt: now,
  });
}

export async function setUp(): Promise<void> {
  kit = await startKit({
    flows: [ideasFlow, invitationsFlow],
    reminders: {
      async schedule(_a, r) {
        scheduled.push(r);
      },
      cancel: async () => false,
    },
  });
  await join(ANNA, 'Gemeente Leiden', 'Anna de Vries');
  await join(SANNE, 'Gemeente Leiden', 'Sanne de Boer');
  await join(PIETER, 'Hoogheemraadschap van Rijnland', 'Pieter Bakker');
  await join(EMMA, 'Stedin', 'Emma Clarke', 'en');
  await join(JOOST, 'Provincie Zuid-Holland', 'Joost Vermeulen');
}

/** Each test starts with nothing dispatched and nothing scheduled. */
export function clear(): void {
  kit.dispatcher.clear();
  scheduled.length = 0;
}

export const allIdeas = () => ideaRecords(kit.store).list(KIT);
export const ideaTitled = async (title: string): Promise<Idea> => {
  const found = (await allIdeas()).find((i) => i.title === title);
  if (!found) throw new Error(`no idea titled ${title}`);
  return found;
};
export const toChannels = (envelopes: readonly OutboundEnvelope[]) =>
  envelopes.filter((e) => e.to.kind === 'conversation' && !e.updates);
export const updates = (envelopes: readonly OutboundEnvelope[]) =>
  envelopes.filter((e) => e.updates);
export const activity = async (type: string) =>
  (await kit.store.activity.range(KIT)).filter((e) => e.type === type);

export async function propose(title: string, by = ANNA): Promise<Idea> {
  await kit.engine.handle(say(by, `idee ${title}`));
  return ideaTitled(title.replace(/\s+/g, ' ').trim());
}
/** The plan form submitted for an idea (as the form carries its context). */
export const submitPlan = (
  userId: string,
  values: Record<string, string>,
  ideaId: string,
  eventId?: string,
) =>
  kit.engine.handle({
    ...submit(userId, PLAN_FORM_ID, values, eventId ? { eventId } : {}),
    context: `${KIT}|${ideaId}`,
  } as ReturnType<typeof submit>);
export const cosign = (userId: string, idea: Idea, options: { eventId?: string } = {}) =>
  kit.engine.handle(press(userId, COSIGN_ACTION, { value: idea.id, ...options }));

/** Every key of the test alliance with its value (less handled-event markers). */
export async function stored(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await kit.allianceKeys()) {
    const type = await kit.redis.type(key);
    out.set(
      key,
      type === 'string'
        ? String(await kit.redis.get(key))
        : type === 'stream'
          ? String(await kit.redis.xlen(key))
          : type,
    );
  }
  return out;
}
