/**
 * The contract driver for the local web chat: the real app (startTestApp: local mode, its
 * own Redis key prefix per suite run, so runs never see each other's personas), spoken to
 * only over its HTTP API (/local/api/*), with bot messages read from the HTML the adapter
 * rendered, as a browser would show them. No HTML library: the adapter's markup is regular.
 * The personas of both alliances are in the contract config; a message the bot changed in
 * place is read as the chat log keeps it (its latest version, `updatedAt` set).
 */
import { directConversationOf } from '../../adapters/local/index.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { CONTRACT_CONFIG, type ContractDriver, type SeenMessage } from './driver.js';
import { appSettled } from './settle.js';

const CHANNEL = 'local:demo:alliantie';
const OTHER_CHANNEL = 'local:rivierenland:alliantie';

/** One message as GET /local/api/messages returns it. */
interface ChatMessage {
  id: string;
  conversationId: string;
  html: string;
  text: string;
  visibleTo?: string;
  from: { bot: boolean };
  /** When the bot last changed it in place. */
  updatedAt?: string;
}

/**
 * A seen message also remembers what the page keeps for the person's next step: the form's
 * context (sent back on submit) and each button's value (sent back on a press).
 */
type LocalSeen = SeenMessage & { context?: string; buttonValues: Record<string, string> };

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const attr = (tag: string, name: string): string | undefined => {
  const value = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  return value === undefined ? undefined : decode(value);
};

/**
 * The errors a person sees next to the fields: each `.error` paragraph, checked to be tied
 * to its field the way assistive technology reads it (the field is aria-invalid and names
 * the paragraph in aria-describedby). An error that is not tied fails loudly.
 */
function formErrors(html: string, domId: string): Record<string, string> {
  const controls = [...html.matchAll(/<(?:input|select|textarea|fieldset)\b[^>]*>/g)].map(
    ([tag]) => tag,
  );
  const invalid = controls.filter((tag) => attr(tag, 'aria-invalid') === 'true');
  const errors: Record<string, string> = {};
  for (const [, id = '', message = ''] of html.matchAll(
    /<p class="error" id="([^"]+)">([^<]*)<\/p>/g,
  )) {
    const name = id.slice(`${domId}-`.length, -'-error'.length);
    const tied = invalid.some((tag) =>
      (attr(tag, 'aria-describedby') ?? '').split(' ').includes(id),
    );
    if (!id.startsWith(`${domId}-`) || !tied) {
      throw new Error(`the error "${decode(message)}" (${id}) is not tied to an invalid field`);
    }
    errors[name] = decode(message);
  }
  if (invalid.length !== Object.keys(errors).length) {
    const shown = Object.keys(errors).join(', ') || 'none';
    throw new Error(`${invalid.length} fields are marked invalid; errors shown for: ${shown}`);
  }
  return errors;
}

/** Reads what a person sees from the adapter's HTML. */
export function seen(m: ChatMessage): LocalSeen {
  const html = m.html;
  const text = decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  const buttonValues: Record<string, string> = {};
  const buttons = [...html.matchAll(/<button\b([^>]*)>([^<]*)<\/button>/g)].flatMap(
    ([, attrs = '', label = '']) => {
      const actionId = attr(attrs, 'data-action-id');
      if (actionId === undefined) return [];
      const value = attr(attrs, 'data-value');
      if (value !== undefined) buttonValues[actionId] = value;
      return [{ actionId, label: decode(label).trim() }];
    },
  );
  const result: LocalSeen = {
    id: m.id,
    where: m.conversationId,
    text,
    buttons,
    buttonValues,
    updated: m.updatedAt !== undefined,
  };
  if (m.visibleTo) result.visibleTo = m.visibleTo;
  const images = [...html.matchAll(/<img\b[^>]*>/g)].map(([tag]) => ({
    url: attr(tag, 'src') ?? '',
    alt: attr(tag, 'alt') ?? '',
  }));
  if (images.length > 0) result.images = images;
  const formTag = /<form\b[^>]*>/.exec(html)?.[0];
  const formId = formTag && attr(formTag, 'data-form-id');
  if (formTag && formId) {
    const domId = (attr(formTag, 'aria-labelledby') ?? '').replace(/--heading$/, '');
    const fields = [...new Set([...html.matchAll(/\sname="([^"]+)"/g)].map(([, n = '']) => n))];
    result.form = { id: formId, fields, errors: formErrors(html, domId) };
    const context = attr(formTag, 'data-context');
    if (context !== undefined) result.context = context;
  }
  return result;
}

export function localDriver(): ContractDriver {
  let app: TestApp | undefined;
  const base = () => {
    if (!app) throw new Error('driver not started');
    return app.baseUrl;
  };
  /** What a person does: the API accepts it (202) or the driver fails with the reason. */
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${base()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 202) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const view = async (user: string, conversation: string): Promise<SeenMessage[]> => {
    const url = `${base()}/local/api/messages?as=${encodeURIComponent(user)}&conversation=${encodeURIComponent(conversation)}`;
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const { messages } = (await res.json()) as { messages: ChatMessage[] };
    return messages.filter((m) => m.from.bot).map(seen);
  };
  /** A press as the page sends it: the button's action id and the value it carries. */
  const press = (user: string, conversation: string, message: SeenMessage, actionId: string) => {
    const value = (message as LocalSeen).buttonValues?.[actionId];
    return post('/local/api/actions', {
      as: user,
      conversation,
      messageId: message.id,
      actionId,
      ...(value === undefined ? {} : { value }),
    });
  };
  return {
    name: 'the local web chat',
    people: {
      newcomer: 'local:demo:anna',
      newcomerEn: 'local:demo:emma',
      joiner: 'local:demo:pieter',
      coordinator: 'local:demo:joost',
      spokesperson: 'local:demo:fatima',
      colleague: 'local:demo:sanne',
      outsider: 'local:rivierenland:bram',
    },
    channel: CHANNEL,
    otherChannel: OTHER_CHANNEL,
    async start() {
      app = await startTestApp({ allianceConfigPath: CONTRACT_CONFIG });
    },
    async stop() {
      await app?.stop();
      app = undefined;
    },
    settled: async () => {
      if (!app) throw new Error('driver not started');
      await appSettled(app);
    },
    sendDirect: (user, text) =>
      post('/local/api/messages', { as: user, conversation: directConversationOf(user), text }),
    commandInChannel: (user, text, channel = CHANNEL) =>
      post('/local/api/messages', {
        as: user,
        conversation: channel,
        text: `@alliantiebot ${text}`,
      }),
    joinChannel: (user, channel = CHANNEL) =>
      post('/local/api/open', { as: user, conversation: channel }),
    pressButton: (user, message, actionId) => press(user, message.where, message, actionId),
    // The page of this person shows no such message: the press comes from their own chat.
    pressButtonOn: (user, message, actionId) =>
      press(user, directConversationOf(user), message, actionId),
    async submitForm(user, message, values) {
      if (!message.form) throw new Error('that message holds no form');
      const context = (message as LocalSeen).context;
      // Inline forms: errors come back in the same message, read through privateView.
      await post('/local/api/forms', {
        as: user,
        conversation: message.where,
        messageId: message.id,
        formId: message.form.id,
        ...(context === undefined ? {} : { context }),
        values,
      });
      return {};
    },
    privateView: (user) => view(user, directConversationOf(user)),
    channelView: (user, channel = CHANNEL) => view(user, channel),
    // The page asks the web chat's own server for a picture (its src is a path there).
    fetchImage: (url) => fetch(new URL(url, base())),
    async fireSchedule(allianceId, flow, kind, key) {
      if (!app) throw new Error('driver not started');
      await app.app.engine.runJob({ allianceId, flow, kind, data: {}, key, type: 'schedule' });
    },
  };
}
