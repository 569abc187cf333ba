/**
 * Socket Mode: for organisations whose bot cannot be reached from the internet. With
 * SLACK_APP_TOKEN set the bot opens a WebSocket to Slack (apps.connections.open) and receives
 * events, slash commands and interactivity over it instead of POST /slack/events. Payloads
 * go through the same dispatch as over HTTP; acknowledgements go back over the socket.
 *
 * An envelope is acknowledged only once what it carries is safe: the dispatch acknowledges
 * after the event was appended to the inbound journal. When that fails (Redis down, the
 * journal full) nothing is acknowledged and Slack sends the envelope again (retry_attempt);
 * only a payload this app cannot read is acknowledged anyway (sending it again cannot help).
 */
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from 'pino';
import { HttpError } from '../../src/http/util.js';
import { slackLogger } from './logger.js';
import type { SlackDispatch } from './routes.js';

export interface SocketModeOptions {
  appToken: string;
  /** Web API base URL (SLACK_API_URL), for apps.connections.open. */
  apiUrl?: string | undefined;
  dispatch: SlackDispatch;
  log: Logger;
}

export class SlackSocket {
  private readonly client: SocketModeClient;

  constructor(private readonly options: SocketModeOptions) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      logger: slackLogger(options.log),
      ...(options.apiUrl ? { clientOptions: { slackApiUrl: options.apiUrl } } : {}),
    });
    this.client.on(
      'slack_event',
      (event: {
        type: string;
        body: unknown;
        ack: (response?: Record<string, unknown>) => Promise<void>;
      }) => {
        void this.receive(event);
      },
    );
  }

  private async receive(event: {
    type: string;
    body: unknown;
    ack: (response?: Record<string, unknown>) => Promise<void>;
  }) {
    const { dispatch, log } = this.options;
    const ack = (body?: Record<string, unknown>) => {
      event.ack(body).catch((err: unknown) => log.warn({ err }, 'socket mode ack failed'));
    };
    try {
      if (event.type === 'events_api') await dispatch.onEvent(event.body, ack);
      else if (event.type === 'slash_commands') await dispatch.onCommand(event.body, ack);
      else if (event.type === 'interactive') await dispatch.onInteraction(event.body, ack);
      else ack();
    } catch (err) {
      if (err instanceof HttpError && err.status < 500) {
        log.warn({ err, type: event.type }, 'socket mode payload not understood');
        ack();
        return;
      }
      // Not made safe (the journal append failed): no acknowledgement, Slack sends it again.
      log.error({ err, type: event.type }, 'socket mode payload not stored; left unacknowledged');
    }
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }
}
