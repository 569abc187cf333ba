/**
 * POST /slack/events: events, slash commands and interactivity on one URL. Verifies Slack's
 * signature and timestamp with Bolt's own verifier, acknowledges at once and handles the
 * event after the acknowledgement; only a modal submission waits for the engine, because
 * Slack shows its validation errors from the response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from 'pino';
import type { HttpRoute } from '../../src/core/adapter.js';
import type { HandleResult } from '../../src/core/engine.js';
import type { InboundEvent } from '../../src/core/events.js';
import { HttpError, readBody, sendJson } from '../../src/http/util.js';
import { OPEN_FORM_ACTION } from './cards.js';
import {
  EnvelopeSchema,
  fromEvent,
  fromInteraction,
  fromSlashCommand,
  InteractionSchema,
  SlashCommandSchema,
} from './parse.js';

export interface SlackRoutesOptions {
  signingSecret: string;
  handle: (event: InboundEvent) => Promise<HandleResult>;
  /** Opens a form that was sent as a message (its button carries the stash id). */
  openStashedForm: (stashId: string, triggerId: string, userId: string) => Promise<void>;
  log: Logger;
  /** The clock for the timestamp check (tests inject one for Slack's 2018 test vector). */
  now?: () => number;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Throws 401 unless Slack signed this body recently. */
export function verify(
  req: IncomingMessage,
  body: string,
  signingSecret: string,
  now: () => number,
): void {
  try {
    verifySlackRequest({
      signingSecret,
      body,
      headers: {
        'x-slack-signature': header(req, 'x-slack-signature'),
        'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')),
      },
      nowMilliseconds: now(),
    });
  } catch {
    throw new HttpError(401, 'invalid Slack signature');
  }
}

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

function ack(res: ServerResponse): void {
  res.writeHead(200, { 'content-length': '0' });
  res.end();
}

export function createSlackRoutes(options: SlackRoutesOptions): HttpRoute[] {
  const { signingSecret, handle, log } = options;
  const now = options.now ?? Date.now;
  const later = (event: InboundEvent | null) => {
    if (!event) return;
    setImmediate(() => {
      handle(event).catch((err: unknown) =>
        log.error({ err, type: event.type }, 'slack event failed'),
      );
    });
  };
  const parse = <T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    value: unknown,
  ): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw new HttpError(400, 'not a Slack payload this app understands');
    return result.data;
  };

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readBody(req, 1024 * 1024)).toString('utf8');
    verify(req, body, signingSecret, now);
    const type = header(req, 'content-type');
    if (type.startsWith('application/json')) {
      const envelope = parse(EnvelopeSchema, json(body));
      if (envelope.type === 'url_verification')
        return sendJson(res, 200, { challenge: envelope.challenge });
      ack(res);
      return later(fromEvent(envelope));
    }
    const form = new URLSearchParams(body);
    const payload = form.get('payload');
    if (payload !== null) {
      const interaction = parse(InteractionSchema, json(payload));
      if (
        interaction.type === 'block_actions' &&
        interaction.actions[0]?.action_id === OPEN_FORM_ACTION
      ) {
        ack(res);
        const team = interaction.user.team_id ?? interaction.team?.id ?? '';
        await options.openStashedForm(
          interaction.actions[0].value ?? '',
          interaction.trigger_id,
          `slack:${team}:${interaction.user.id}`,
        );
        return;
      }
      const event = fromInteraction(interaction);
      if (interaction.type === 'view_submission' && event) {
        const result = await handle(event);
        if (result.formErrors)
          return sendJson(res, 200, { response_action: 'errors', errors: result.formErrors });
        return ack(res);
      }
      ack(res);
      return later(event);
    }
    if (form.has('command')) {
      const command = parse(SlashCommandSchema, Object.fromEntries(form));
      ack(res);
      return later(fromSlashCommand(command));
    }
    throw new HttpError(400, 'not a Slack payload this app understands');
  }

  return [{ method: 'POST', path: '/slack/events', handle: events }];
}
