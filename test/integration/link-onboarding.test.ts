/**
 * A person who linked their Teams identity to the Slack one they joined with, and fills in the
 * intake again from Teams: their one record is updated ("bijgewerkt"), not a second member
 * made and introduced again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkFlow } from '../../flows/link.js';
import { onboardingFlow } from '../../flows/onboarding.js';
import {
  fakeAdapter,
  KIT,
  type Kit,
  kitAlliance,
  kitConfig,
  SLACK_CHANNEL,
  say,
  startKit,
  submit,
} from '../helpers/flow-kit.js';
import {
  ANNA_SLACK,
  ANNA_TEAMS,
  act,
  codeShown,
  privately,
  registerMember,
  TEAMS_CHANNEL,
} from './link-kit.js';

let kit: Kit;
beforeAll(async () => {
  kit = await startKit({
    flows: [linkFlow, onboardingFlow],
    adapters: [fakeAdapter('local'), fakeAdapter('slack'), fakeAdapter('teams')],
    config: kitConfig(
      kitAlliance({ channels: { local: [], slack: [SLACK_CHANNEL], teams: [TEAMS_CHANNEL] } }),
    ),
  });
});
afterAll(async () => {
  await kit?.stop();
});

describe('the intake again from a linked identity', () => {
  it('updates the one record, and introduces nobody again', async () => {
    await registerMember(kit, ANNA_SLACK, 'Anna de Vries', 'Gemeente Leiden');
    const { code } = codeShown(await act(kit, say(ANNA_SLACK, 'koppel')), ANNA_SLACK);
    await act(kit, say(ANNA_TEAMS, `koppel ${code}`));
    const answered = await act(
      kit,
      submit(
        ANNA_TEAMS,
        'onboarding.intake',
        {
          name: 'Anna de Vries',
          organisation: 'Gemeente Leiden',
          organisationType: 'gemeente',
          role: 'Programmaleider warmte',
          goals: 'Warmtenetten in Leiden.',
          offers: 'Kennis van vergunningen.',
          needs: 'Data van de netbeheerder.',
          topics: ['warmte'],
          language: 'nl',
        },
        {},
      ),
    );
    const members = await kit.store.members.listMembers(KIT);
    expect(members.map((m) => m.id)).toEqual([ANNA_SLACK]);
    expect(members[0]?.role).toBe('Programmaleider warmte');
    expect(answered.filter((e) => e.to.kind === 'conversation')).toEqual([]);
    expect(privately(answered, ANNA_TEAMS).join(' ')).toMatch(/bijgewerkt/i);
  });
});
