/**
 * The fault scenarios at length (`npm run test:reliability`): repeated SIGKILLs during a
 * 1,000-person fan-out and during 600 Slack events, and three Redis crashes. The figures
 * (kills, messages, doubles, losses) are printed as `[reliability] …` lines.
 */
import { describe, expect, it } from 'vitest';
import { localIntakeFanout, redisRestart, slackWorkerKills } from './scenarios.js';

const IN_FLIGHT_PER_KILL = 10;
const KILLS = Number(process.env.RELIABILITY_KILLS ?? 8);

describe('faults, long', () => {
  it(`${KILLS} kills of the app during a 1,000-person introduction fan-out`, async () => {
    const f = await localIntakeFanout({ people: 1000, kills: KILLS, timeoutMs: 600_000 });
    expect(f.kills).toBe(KILLS);
    expect(f.lost).toBe(0);
    expect(f.failedJobs).toBe(0);
    expect(f.doubles).toBeLessThanOrEqual(f.kills * IN_FLIGHT_PER_KILL);
  }, 1_800_000);

  it(`${KILLS} kills of the worker during 600 Slack events`, async () => {
    const f = await slackWorkerKills({ events: 600, kills: KILLS, timeoutMs: 600_000 });
    expect(f.kills).toBe(KILLS);
    expect(f.lost).toBe(0);
    expect(f.failedJobs).toBe(0);
    expect(f.doubles).toBeLessThanOrEqual(f.kills * IN_FLIGHT_PER_KILL);
  }, 1_800_000);

  it('three Redis crashes (appendonly, fsync always) during 300 Slack events', async () => {
    const f = await redisRestart({ events: 300, joins: 100, restarts: 3, timeoutMs: 600_000 });
    expect(f.lost).toBe(0);
    expect(f.refusedWhileDown).toBe(3);
    expect(f.remindersAfter).toBe(f.remindersBefore);
    expect(f.schedulersAfter).toBe(f.schedulersBefore);
    expect(f.failedJobs).toBe(0);
  }, 1_800_000);
});
