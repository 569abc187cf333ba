/**
 * views.publish as Slack checks it, for the Web API stand-in (slack-api.ts): `user_id` and a
 * `view` (a JSON-encoded object in the form, as the client sends it) are required; a published
 * view must be of type `home` (modals are opened, never published), with at most 100 blocks, a
 * header of at most 150 characters, sections of at most 3000 characters and 10 fields of at
 * most 2000 each, and at most 250 kB in all. A wrong view answers `invalid_arguments` with the
 * reasons in `response_metadata.messages`, as Slack does; a too large one `view_too_large`; an
 * app whose Home tab is off `not_enabled`. The answer carries the stored view, as Slack's does.
 */

export const HOME_VIEW_LIMITS = {
  blocks: 100,
  header: 150,
  sectionText: 3000,
  fields: 10,
  field: 2000,
  bytes: 250 * 1024,
} as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown) => (isObject(v) && typeof v.text === 'string' ? v.text : '');

/** What is wrong with one block, as Slack words it (with its JSON pointer). */
function blockErrors(block: unknown, i: number): string[] {
  const at = `[json-pointer:/view/blocks/${i}`;
  if (!isObject(block) || typeof block.type !== 'string')
    return [`[ERROR] missing required field: type ${at}]`];
  const errors: string[] = [];
  if (block.type === 'header' && [...textOf(block.text)].length > HOME_VIEW_LIMITS.header)
    errors.push(`[ERROR] must be less than ${HOME_VIEW_LIMITS.header + 1} characters ${at}/text]`);
  if (block.type === 'section') {
    if ([...textOf(block.text)].length > HOME_VIEW_LIMITS.sectionText)
      errors.push(`[ERROR] must be less than 3001 characters ${at}/text/text]`);
    const fields = Array.isArray(block.fields) ? block.fields : [];
    if (fields.length > HOME_VIEW_LIMITS.fields)
      errors.push(`[ERROR] must provide no more than 10 items ${at}/fields]`);
    fields.forEach((f, j) => {
      if ([...textOf(f)].length > HOME_VIEW_LIMITS.field)
        errors.push(`[ERROR] must be less than 2001 characters ${at}/fields/${j}/text]`);
    });
    if (!block.text && fields.length === 0)
      errors.push(`[ERROR] must provide either text or fields ${at}]`);
  }
  return errors;
}

export type PublishCheck =
  | { ok: true; user: string; view: Json }
  | { ok: false; error: string; messages?: string[] };

/** Checks a views.publish call's arguments; `homeTabEnabled` is the app's manifest setting. */
export function checkPublish(args: Json, homeTabEnabled = true): PublishCheck {
  const user = typeof args.user_id === 'string' ? args.user_id : '';
  const view = typeof args.view === 'string' ? safeParse(args.view) : args.view;
  const messages: string[] = [];
  if (!/^[UW][A-Z0-9]+$/.test(user)) messages.push('[ERROR] missing required field: user_id');
  if (!isObject(view)) messages.push('[ERROR] missing required field: view');
  if (messages.length > 0 || !isObject(view))
    return { ok: false, error: 'invalid_arguments', messages };
  if (Buffer.byteLength(JSON.stringify(view)) > HOME_VIEW_LIMITS.bytes)
    return { ok: false, error: 'view_too_large' };
  if (view.type !== 'home')
    messages.push('[ERROR] must be home for views.publish [json-pointer:/view/type]');
  const blocks = Array.isArray(view.blocks) ? view.blocks : undefined;
  if (!blocks) messages.push('[ERROR] missing required field: blocks [json-pointer:/view/blocks]');
  else if (blocks.length > HOME_VIEW_LIMITS.blocks)
    messages.push('[ERROR] must provide no more than 100 items [json-pointer:/view/blocks]');
  else messages.push(...blocks.flatMap(blockErrors));
  if (messages.length > 0) return { ok: false, error: 'invalid_arguments', messages };
  if (!homeTabEnabled) return { ok: false, error: 'not_enabled' };
  return { ok: true, user, view };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The view as Slack answers it: the blocks sent, with its id, team, hash and state. */
export function storedView(view: Json, id: string, team = 'T0DEMO01'): Json {
  return {
    id,
    team_id: team,
    type: 'home',
    close: null,
    submit: null,
    blocks: view.blocks,
    private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
    callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${id}`,
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: id,
    previous_view_id: null,
    app_id: 'A0ALLIANTIE',
    external_id: typeof view.external_id === 'string' ? view.external_id : '',
    bot_id: 'B0BOT0001',
  };
}

/** The Home tabs of a workspace's people as the stand-in keeps them. */
export class HomeTabs {
  /** The view last published for each person (`U…`), as Slack stored it. */
  readonly views = new Map<string, Json>();
  /** The manifest's `features.app_home.home_tab_enabled`. */
  enabled = true;

  /** Publishes the call's view if Slack would; Slack's answer (its refusal, with the reasons). */
  publish(args: Json, id: string): Json {
    const checked = checkPublish(args, this.enabled);
    if (!checked.ok)
      return {
        ok: false,
        error: checked.error,
        ...(checked.messages ? { response_metadata: { messages: checked.messages } } : {}),
      };
    const view = storedView(checked.view, id);
    this.views.set(checked.user, view);
    return { ok: true, view };
  }
}
