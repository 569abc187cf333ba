/**
 * The contract driver for the local web chat: the real app, spoken to only over its HTTP
 * API, with bot messages read from the HTML the adapter rendered.
 */
import { directConversationOf } from '../../adapters/local/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { ContractDriver, SeenMessage } from './driver.js';

const CHANNEL = 'local:demo:alliantie';

interface ChatMessage {
  id: string;
  conversationId: string;
  html: string;
  text: string;
  visibleTo?: string;
  from: { bot: boolean };
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Reads what a person sees from the adapter's HTML. */
export function seen(m: ChatMessage): SeenMessage & { context?: string } {
  const html = m.html;
  const text = decode(html.replace(/<br>/g, '\n').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  const buttons = [
    ...html.matchAll(/<button type="button"[^>]*data-action-id="([^"]+)"[^>]*>([^<]*)<\/button>/g),
  ].map(([, actionId, label]) => ({
    actionId: decode(actionId ?? ''),
    label: decode(label ?? ''),
  }));
  const formId = /data-form-id="([^"]+)"/.exec(html)?.[1];
  const context = /<form[^>]*data-context="([^"]*)"/.exec(html)?.[1];
  const result: SeenMessage & { context?: string } = {
    id: m.id,
    where: m.conversationId,
    text,
    buttons,
  };
  if (m.visibleTo) result.visibleTo = m.visibleTo;
  if (formId) {
    const fields = [...new Set([...html.matchAll(/ name="([^"]+)"/g)].map(([, n]) => n ?? ''))];
    const errors: Record<string, string> = {};
    for (const [, name, message] of html.matchAll(
      /<p class="error" id="[^"]*?-([a-zA-Z0-9_]+)-error">([^<]*)<\/p>/g,
    )) {
      errors[name ?? ''] = decode(message ?? '');
    }
    result.form = { id: decode(formId), fields, errors };
    if (context !== undefined) result.context = decode(context);
  }
  return result;
}

export function localDriver(): ContractDriver {
  let app: TestApp | undefined;
  const base = () => {
    if (!app) throw new Error('driver not started');
    return app.baseUrl;
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const view = async (user: string, conversation: string) => {
    const url = `${base()}/local/api/messages?as=${encodeURIComponent(user)}&conversation=${encodeURIComponent(conversation)}`;
    const { messages } = (await (await fetch(url)).json()) as { messages: ChatMessage[] };
    return messages.filter((m) => m.from.bot).map(seen);
  };
  return {
    name: 'the local web chat',
    people: {
      newcomer: 'local:demo:anna',
      newcomerEn: 'local:demo:emma',
      joiner: 'local:demo:pieter',
      coordinator: 'local:demo:joost',
    },
    channel: CHANNEL,
    async start() {
      app = await startTestApp();
    },
    async stop() {
      await app?.stop();
    },
    sendDirect: (user, text) =>
      post('/local/api/messages', { as: user, conversation: directConversationOf(user), text }),
    commandInChannel: (user, text) =>
      post('/local/api/messages', {
        as: user,
        conversation: CHANNEL,
        text: `@alliantiebot ${text}`,
      }),
    joinChannel: (user) => post('/local/api/open', { as: user, conversation: CHANNEL }),
    pressButton: (user, message, actionId) =>
      post('/local/api/actions', {
        as: user,
        conversation: message.where,
        messageId: message.id,
        actionId,
      }),
    async submitForm(user, message, values) {
      const context = (message as SeenMessage & { context?: string }).context;
      await post('/local/api/forms', {
        as: user,
        conversation: message.where,
        messageId: message.id,
        formId: message.form?.id,
        ...(context === undefined ? {} : { context }),
        values,
      });
      return {};
    },
    privateView: (user) => view(user, directConversationOf(user)),
    channelView: (user) => view(user, CHANNEL),
  };
}
