/**
 * Slack interactions as Slack sends them, for the reliability scenarios that drive the app over
 * HTTP: a modal's view_submission with typed values, and the value of a button in a message.
 */

type Json = Record<string, unknown>;

/** The value of the button with this action id somewhere in a message's blocks. */
export function buttonValue(node: unknown, actionId: string): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = buttonValue(item, actionId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const o = node as Json;
  if (o.action_id === actionId && typeof o.value === 'string') return o.value;
  return buttonValue(Object.values(o), actionId);
}

/** A view_submission of the modal with these values, as Slack sends it. */
export function submission(
  who: { team: string; user: string },
  view: Json,
  viewId: string,
  trigger: string,
  values: Record<string, string | string[]>,
) {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Json[]).filter((b) => b.type === 'input')) {
    const name = String(block.block_id);
    const type = String((block.element as Json).type);
    const v = values[name];
    state[name] = {
      value:
        type === 'multi_static_select'
          ? { type, selected_options: (Array.isArray(v) ? v : []).map((value) => ({ value })) }
          : type === 'static_select'
            ? { type, selected_option: v ? { value: v } : null }
            : { type, value: typeof v === 'string' && v !== '' ? v : null },
    };
  }
  return {
    type: 'view_submission',
    team: { id: who.team },
    user: { id: who.user, team_id: who.team },
    trigger_id: trigger,
    view: {
      id: viewId,
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values: state },
    },
  };
}
