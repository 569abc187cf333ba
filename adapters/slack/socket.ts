/**
 * Socket Mode: for organisations whose bot cannot be reached from the internet. With
 * SLACK_APP_TOKEN set the bot opens a WebSocket to Slack (apps.connections.open) and receives
 * events, slash commands and interactivity over it instead of POST /slack/events. Payloads
 * go through the same dispatch as over HTTP; acknowledgements go back over the socket.
 */
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from 'pino';
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
      log.warn({ err, type: event.type }, 'socket mode payload not understood');
      ack();
    }
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }
}
