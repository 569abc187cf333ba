/**
 * A modal submission waits for the engine, because Slack shows its errors from the answer;
 * but Slack gives up after 3 s. So the answer comes by the deadline at the latest: with the
 * errors if the engine has claimed the modal for them by then, otherwise empty (the modal
 * closes and the engine sends the errors elsewhere).
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createSlackDispatch } from '../../../../adapters/slack/routes.js';
import type { HandleOptions, HandleResult } from '../../../../src/core/inbound.js';

const submission = {
  type: 'view_submission',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  trigger_id: '1.2.3',
  view: {
    id: 'V1',
    callback_id: 'form:onboarding.intake',
    private_metadata: '',
    state: { values: { name: { name: { type: 'plain_text_input', value: '' } } } },
  },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Submits, and reports what Slack was answered and after how long. */
async function submit(
  engine: (options: HandleOptions) => Promise<HandleResult>,
  withinMs = 150,
): Promise<{ body: Record<string, unknown> | undefined; afterMs: number }> {
  const dispatch = createSlackDispatch({
    sink: {
      accept: async () => undefined,
      handle: (_event, options) => engine(options ?? {}),
    },
    openStashedForm: async () => undefined,
    log: pino({ level: 'silent' }),
    modalAnswerWithinMs: withinMs,
  });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    dispatch
      .onInteraction(submission, (body) => resolve({ body, afterMs: Date.now() - started }))
      .catch(reject);
  });
}

const errors = { name: 'Vul dit veld in.' };

describe('Slack modal submissions', () => {
  it('answers with the errors when the engine is quick', async () => {
    const { body } = await submit(async ({ modal }) =>
      modal?.claim() ? { duplicate: false, formErrors: errors } : { duplicate: false },
    );
    expect(body).toEqual({ response_action: 'errors', errors });
  });

  it('closes the modal at the deadline when the engine is slow, and the engine then sends the errors elsewhere', async () => {
    let claimed: boolean | undefined;
    const { body, afterMs } = await submit(async ({ modal }) => {
      await sleep(400);
      claimed = modal?.claim();
      return claimed ? { duplicate: false, formErrors: errors } : { duplicate: false };
    });
    expect(body).toBeUndefined();
    expect(afterMs).toBeLessThan(350);
    await sleep(400);
    expect(claimed).toBe(false);
  });

  it('waits past the deadline for errors the engine claimed in time', async () => {
    const { body, afterMs } = await submit(async ({ modal }) => {
      await sleep(50);
      modal?.claim();
      await sleep(250);
      return { duplicate: false, formErrors: errors };
    });
    expect(body).toEqual({ response_action: 'errors', errors });
    expect(afterMs).toBeGreaterThanOrEqual(250);
  });
});
