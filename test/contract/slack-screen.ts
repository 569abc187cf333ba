/**
 * What Slack shows people, rebuilt from the calls the bot made to the Web API stand-in, in
 * the order they arrived: messages (chat.postMessage), ephemeral messages (chat.postEphemeral,
 * and response_url posts that do not replace), modals (views.open), each message as last
 * changed (chat.update, and a response_url post with replace_original changes the message the
 * request's button was on; delete_original removes it).
 *
 * The stand-in does not keep which response_url a post went to, so the screen wraps its
 * handler to learn it (and fails at once if the stand-in no longer has one by that name).
 */
import type { ServerResponse } from 'node:http';
import type { FakeSlackApi, SlackCall } from '../fakes/slack-api.js';
import type { SeenMessage } from './driver.js';

type Json = Record<string, unknown>;

/** A message as Slack shows it, with what the driver needs to act on it. */
export type SlackSeen = SeenMessage & { buttonValues: Record<string, string> };

/** Something shown: in a channel (or DM) `channel`, or a modal for the trigger's person. */
export interface Shown {
  seen: SlackSeen;
  /** The Slack channel id (C…, D…), or `modal`. */
  channel: string;
  /** The person (namespaced id) who alone sees it (ephemeral, or a modal), if only one does. */
  onlyFor?: string;
}

/** The request a response_url came with: who, where, and the message of a pressed button. */
interface Request {
  user: string;
  channel: string;
  messageTs?: string;
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every piece of text in Block Kit JSON, in order. */
function texts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) texts(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.text === 'string') out.push(o.text);
    for (const [k, v] of Object.entries(o))
      if (k !== 'text' || typeof v !== 'string') texts(v, out);
  }
  return out;
}

function buttonsOf(blocks: unknown): { actionId: string; label: string; value?: string }[] {
  const found: { actionId: string; label: string; value?: string }[] = [];
  for (const block of (blocks as Json[] | undefined) ?? []) {
    if (block.type !== 'actions') continue;
    for (const el of block.elements as Json[]) {
      found.push({
        actionId: String(el.action_id),
        label: String((el.text as Json).text),
        ...(typeof el.value === 'string' ? { value: el.value } : {}),
      });
    }
  }
  return found;
}

/** The image blocks: where Slack fetches each picture, and its alt_text. */
function imagesOf(blocks: unknown): { url: string; alt: string }[] {
  return ((blocks as Json[] | undefined) ?? [])
    .filter((b) => b.type === 'image')
    .map((b) => ({ url: String(b.image_url), alt: String(b.alt_text) }));
}

/** A message payload (text and blocks) as a person sees it. */
function message(id: string, where: string, args: Json, visibleTo?: string): SlackSeen {
  const buttons = buttonsOf(args.blocks);
  const images = imagesOf(args.blocks);
  return {
    id,
    where,
    text: decode([String(args.text ?? ''), ...texts(args.blocks)].join(' ')).replace(/\s+/g, ' '),
    buttons: buttons.map(({ actionId, label }) => ({ actionId, label })),
    buttonValues: Object.fromEntries(
      buttons.filter((b) => b.value).map((b) => [b.actionId, b.value ?? '']),
    ),
    ...(images.length > 0 ? { images } : {}),
    ...(visibleTo ? { visibleTo } : {}),
    ...(buttons.some((b) => b.actionId === 'slack.open-form')
      ? { formButton: 'slack.open-form' }
      : {}),
    updated: false,
  };
}

/** A modal the bot opened, as its form. */
function modal(c: SlackCall): SlackSeen {
  const view = c.args.view as Json;
  const inputs = (view.blocks as Json[]).filter((b) => b.type === 'input');
  return {
    id: String(c.result && (c.result.view as Json).id),
    where: 'modal',
    text: decode(texts(view).join(' ')),
    buttons: [],
    buttonValues: {},
    form: {
      id: String(view.callback_id),
      fields: inputs.map((b) => String(b.block_id)),
      errors: {},
    },
    updated: false,
  };
}

const isTrue = (v: unknown) => v === true || v === 'true';

export class SlackScreen {
  private readonly requests = new Map<string, Request>();
  private readonly urlOf = new WeakMap<SlackCall, string>();
  /** trigger id → the person (namespaced id) whose request carried it */
  private readonly triggers = new Map<string, string>();
  /** modal view id → the views.open call (its blocks and metadata, for submitting) */
  readonly modals = new Map<string, SlackCall>();
  private n = 0;

  constructor(
    private readonly api: FakeSlackApi,
    /** The namespaced id (`slack:<team>:<user>`) of a Slack user id (`U…`), for `visibleTo`. */
    private readonly personOf: (user: string) => string,
  ) {
    type Respond = (id: string, call: SlackCall, res: ServerResponse) => void;
    const inner = api as unknown as { respond?: Respond };
    const respond = inner.respond;
    if (typeof respond !== 'function')
      throw new Error('FakeSlackApi has no respond(id, call, res) to learn response_url ids from');
    inner.respond = (id, call, res) => {
      this.urlOf.set(call, id);
      respond.call(api, id, call, res);
    };
  }

  /** A trigger_id for a request a person (namespaced id) makes now. */
  trigger(user: string): string {
    const id = `${++this.n}.${Date.now()}.deadbeefdeadbeefdeadbeefdeadbeef`;
    this.triggers.set(id, user);
    return id;
  }

  /** A response_url for a request of `user` in `channel` (the message of a pressed button). */
  responseUrl(team: string, user: string, channel: string, messageTs?: string): string {
    const url = this.api.responseUrl(user, channel, team);
    const id = url.slice(`${this.api.origin}/response/`.length);
    this.requests.set(id, { user, channel, ...(messageTs ? { messageTs } : {}) });
    return url;
  }

  /** Everything shown so far, each message as last changed, in the order first shown. */
  shown(): Shown[] {
    const out = new Map<string, Shown>();
    const keyOf = (channel: string, ts: string) => `${channel}/${ts}`;
    for (const c of this.api.calls) {
      const args = c.args;
      const channel = String(args.channel ?? '');
      switch (c.method) {
        case 'chat.postMessage': {
          const ts = String(c.result?.ts ?? '');
          out.set(keyOf(channel, ts), { seen: message(ts, channel, args), channel });
          break;
        }
        case 'chat.postEphemeral': {
          const ts = String(c.result?.message_ts ?? '');
          const who = this.personOf(String(args.user));
          const seen = message(ts, channel, args, who);
          out.set(keyOf(channel, ts), { seen, channel, onlyFor: who });
          break;
        }
        case 'chat.update': {
          const key = keyOf(channel, String(args.ts));
          const before = out.get(key);
          if (!before) throw new Error(`chat.update of a message never shown: ${key}`);
          const after = message(before.seen.id, channel, args, before.seen.visibleTo);
          out.set(key, { ...before, seen: { ...after, updated: true } });
          break;
        }
        case 'response_url': {
          const id = this.urlOf.get(c) ?? '';
          const request = this.requests.get(id);
          if (!request) throw new Error(`a post to a response_url the driver never issued: ${id}`);
          const key = request.messageTs ? keyOf(request.channel, request.messageTs) : undefined;
          const before = key ? out.get(key) : undefined;
          if (key && !before && (isTrue(args.delete_original) || isTrue(args.replace_original)))
            throw new Error(`a response_url post changes a message never shown: ${key}`);
          if (isTrue(args.delete_original) && key) {
            out.delete(key);
          } else if (isTrue(args.replace_original) && key && before) {
            const after = message(before.seen.id, before.channel, args, before.seen.visibleTo);
            out.set(key, { ...before, seen: { ...after, updated: true } });
          } else {
            const inChannel = args.response_type === 'in_channel';
            const who = inChannel ? undefined : this.personOf(request.user);
            const seen = message(`${id}#${++this.n}`, request.channel, args, who);
            out.set(seen.id, { seen, channel: request.channel, ...(who ? { onlyFor: who } : {}) });
          }
          break;
        }
        case 'views.open': {
          const user = this.triggers.get(String(args.trigger_id));
          if (!user) break;
          const seen = modal(c);
          this.modals.set(seen.id, c);
          out.set(`modal/${seen.id}`, { seen, channel: 'modal', onlyFor: user });
          break;
        }
      }
    }
    return [...out.values()];
  }
}
