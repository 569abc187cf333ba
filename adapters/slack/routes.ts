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
import type { InboundEvent } from '../../src/core/events.js';
import { type InboundSink, WaitingModal } from '../../src/core/inbound.js';
import { HttpError, readBody, sendJson } from '../../src/http/util.js';
import { OPEN_FORM_ACTION } from './cards.js';
import {
  commandInstallation,
  EnvelopeSchema,
  fromEvent,
  fromInteraction,
  fromSlashCommand,
  InteractionSchema,
  interactionInstallation,
  SlashCommandSchema,
} from './parse.js';
import type { SlackWorkspaces } from './workspaces.js';

export interface SlackRoutesOptions {
  signingSecret: string;
  /** Where acknowledged events go (the inbound journal), and modal submissions now. */
  sink: InboundSink;
  /**
   * How long a modal submission may wait for the engine before the modal is closed with no
   * answer (Slack allows 3 s); errors found later come as the form in the direct chat.
   */
  modalAnswerWithinMs?: number;
  /** Opens a form that was sent as a message (its button carries the stash id). */
  openStashedForm: (stashId: string, triggerId: string, userId: string) => Promise<void>;
  log: Logger;
  /**
   * Where the workspaces are kept track of (routes to installations, the app leaving a
   * workspace, linked channels' home teams); none in tests of the parsing alone.
   */
  workspaces?: SlackWorkspaces | undefined;
  /** The clock for the timestamp check (tests inject one for Slack's 2018 test vector). */
  now?: () => number;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** How far a request's timestamp may be from our clock, either way (Slack's five minutes). */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Throws 401 unless Slack signed this body recently. */
export function verify(
  req: IncomingMessage,
  body: string,
  signingSecret: string,
  now: () => number,
): void {
  // Bolt's verifier refuses old timestamps only; Slack's rule is five minutes either way.
  const sent = Number(header(req, 'x-slack-request-timestamp'));
  if (!Number.isFinite(sent) || Math.abs(now() / 1000 - sent) > MAX_CLOCK_SKEW_SECONDS)
    throw new HttpError(401, 'invalid Slack signature');
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

/** Answers Slack: an empty acknowledgement, or one carrying a body (a challenge, modal errors). */
export type Ack = (body?: Record<string, unknown>) => void;

export interface SlackDispatch {
  /** An Events API envelope (`url_verification` or `event_callback`). */
  onEvent(json: unknown, ack: Ack): Promise<void>;
  /** A slash command, as its form fields. */
  onCommand(fields: unknown, ack: Ack): Promise<void>;
  /** An interaction payload (block_actions, view_submission). */
  onInteraction(json: unknown, ack: Ack): Promise<void>;
}

/**
 * What to do with each kind of Slack payload, whichever way it came (HTTP or Socket Mode):
 * acknowledge first, handle after; only a modal submission waits, for its errors.
 */
export function createSlackDispatch(
  options: Pick<
    SlackRoutesOptions,
    'sink' | 'openStashedForm' | 'log' | 'modalAnswerWithinMs' | 'workspaces'
  >,
): SlackDispatch {
  const { sink, log, workspaces } = options;
  const ctx = { channelHome: workspaces?.channelHome };
  /** Makes the event safe first (the journal), then acknowledges it. */
  const later = async (event: InboundEvent | null, ack: Ack) => {
    if (event) await sink.accept(event);
    ack();
  };
  return {
    async onEvent(json, ack) {
      const envelope = parse(EnvelopeSchema, json);
      if (envelope.type === 'url_verification') return ack({ challenge: envelope.challenge });
      // The app's own lifecycle (uninstalled, tokens revoked) is the adapter's, not the engine's.
      if (await workspaces?.onEnvelope(envelope)) return ack();
      await later(fromEvent(envelope, ctx), ack);
    },
    async onCommand(fields, ack) {
      const command = parse(SlashCommandSchema, fields);
      const { via, teams } = commandInstallation(command);
      await workspaces?.seen(via, teams);
      await later(fromSlashCommand(command, ctx), ack);
    },
    async onInteraction(json, ack) {
      const interaction = parse(InteractionSchema, json);
      const { via, teams } = interactionInstallation(interaction);
      await workspaces?.seen(via, teams);
      const first = interaction.type === 'block_actions' ? interaction.actions[0] : undefined;
      if (first?.action_id === OPEN_FORM_ACTION) {
        ack();
        const team = interaction.user.team_id ?? interaction.team?.id ?? '';
        await options.openStashedForm(
          first.value ?? '',
          interaction.trigger_id,
          `slack:${team}:${interaction.user.id}`,
        );
        return;
      }
      const event = fromInteraction(interaction, ctx);
      if (interaction.type === 'view_submission' && event) {
        const modal = new WaitingModal();
        const handled = sink.handle(event, { modal });
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), options.modalAnswerWithinMs ?? 2500);
        });
        const first = await Promise.race([handled, deadline]);
        clearTimeout(timer);
        if (first === 'late' && modal.close()) {
          // Slack would show the person an error after 3 s: close the modal now; the engine
          // goes on, and errors it finds come as the form in the direct chat.
          ack();
          handled.catch((err: unknown) => log.error({ err }, 'slack modal submission failed'));
          return;
        }
        const result = await handled;
        return ack(
          result.formErrors ? { response_action: 'errors', errors: result.formErrors } : undefined,
        );
      }
      await later(event, ack);
    },
  };
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'not a Slack payload this app understands');
  return result.data;
}

export function createSlackRoutes(options: SlackRoutesOptions): HttpRoute[] {
  const { signingSecret } = options;
  const now = options.now ?? Date.now;
  const dispatch = createSlackDispatch(options);

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readBody(req, 1024 * 1024)).toString('utf8');
    verify(req, body, signingSecret, now);
    const answer: Ack = (reply) => (reply === undefined ? ack(res) : sendJson(res, 200, reply));
    if (header(req, 'content-type').startsWith('application/json'))
      return dispatch.onEvent(json(body), answer);
    const form = new URLSearchParams(body);
    const payload = form.get('payload');
    if (payload !== null) return dispatch.onInteraction(json(payload), answer);
    if (form.has('command')) return dispatch.onCommand(Object.fromEntries(form), answer);
    throw new HttpError(400, 'not a Slack payload this app understands');
  }

  return [{ method: 'POST', path: '/slack/events', handle: events }];
}
