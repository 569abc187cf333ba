/**
 * A stand-in for Slack's Socket Mode server: the WebSocket that apps.connections.open hands
 * out. It greets with `hello`, sends envelopes (events_api, slash_commands, interactive) and
 * collects the app's acknowledgements.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export class FakeSlackSocket {
  private server: WebSocketServer | undefined;
  private socket: WebSocket | undefined;
  private readonly waiting = new Map<string, (ack: Record<string, unknown>) => void>();
  url = '';
  connections = 0;

  async start(): Promise<void> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
    server.on('connection', (socket) => {
      this.connections++;
      this.socket = socket;
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Record<string, unknown>;
        const id = String(ack.envelope_id ?? '');
        this.waiting.get(id)?.(ack);
        this.waiting.delete(id);
      });
      socket.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          connection_info: { app_id: 'A0ALLIANTIE' },
        }),
      );
    });
  }

  /** Waits until the app is connected. */
  async connected(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.socket && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!this.socket) throw new Error('the app never connected');
  }

  /** Sends one envelope and resolves with the app's acknowledgement. */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
  ): Promise<Record<string, unknown>> {
    const socket = this.socket;
    if (!socket) throw new Error('no connection');
    const envelopeId = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) =>
      this.waiting.set(envelopeId, resolve),
    );
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        retry_attempt: 0,
        retry_reason: '',
      }),
    );
    return acked;
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
