/**
 * The flows of one deployment and what they declared: subcommands by command word and
 * sub-word (the subcommands of one word may belong to different flows), forms and buttons by
 * id. Help and refusals are generated from the declarations.
 */
import type { CommandName, Locale } from '../core/events.js';
import type { Role } from '../domain/alliance.js';
import type { ActionSpec, AvailableSubcommand, Flow, FormSpec, Subcommand } from './flow.js';

export interface ResolvedSubcommand {
  flow: Flow;
  spec: Subcommand;
  /** What the person typed after the (sub-)word. */
  args: string;
  /** The language of the sub-word, when it tells. */
  language: Locale | undefined;
}

// The role check itself lives in authorize.ts (authorization in one place).
export { allows } from './authorize.js';

const normalise = (word: string) =>
  word
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[.!?,:]+$/, '');

/**
 * A form or button only some roles may use says what it does: the refusal names the roles
 * and the action ("Only a spokesperson can approve a success"); without it the refusal could
 * only fall back to the generic words, which name the coordinator whatever the roles.
 */
function describedIfLimited(
  what: string,
  spec: { id: string; roles?: readonly Role[]; describe?: unknown },
): void {
  if (spec.roles && spec.roles.length > 0 && !spec.describe)
    throw new Error(`${what} ${spec.id} is for some roles only: give it a describe`);
}

export class FlowRegistry {
  private readonly flows: Flow[] = [];
  private readonly byId = new Map<string, Flow>();
  private readonly byCommand = new Map<CommandName, AvailableSubcommand[]>();
  private readonly forms = new Map<string, { flow: Flow; spec: FormSpec<unknown> }>();
  private readonly actions = new Map<string, { flow: Flow; spec: ActionSpec }>();

  constructor(flows: readonly Flow[] = []) {
    for (const f of flows) this.register(f);
  }

  register(flow: Flow): void {
    if (this.byId.has(flow.id)) throw new Error(`flow ${flow.id} registered twice`);
    this.byId.set(flow.id, flow);
    this.flows.push(flow);
    for (const spec of flow.subcommands ?? []) {
      const list = this.byCommand.get(spec.command) ?? [];
      // A sub-word is matched as the one word after the command, case, accents and trailing
      // punctuation aside: one that is not a single such word could never be reached.
      const mine = spec.words ? [spec.words.nl, spec.words.en].map(normalise) : [];
      const unreachable = mine.find((w) => w === '' || /\s/.test(w));
      if (spec.words && unreachable !== undefined) {
        throw new Error(
          `"${spec.command} ${spec.words.nl}/${spec.words.en}" of ${flow.id}: a sub-word is one word`,
        );
      }
      // Words a person cannot tell apart when typing them clash too.
      const clash = list.find(
        (s) =>
          (s.spec.words === undefined && spec.words === undefined) ||
          (s.spec.words &&
            spec.words &&
            [s.spec.words.nl, s.spec.words.en].some((w) => mine.includes(normalise(w)))),
      );
      if (clash) {
        const word = spec.words ? ` ${spec.words.nl}/${spec.words.en}` : '';
        throw new Error(`"${spec.command}${word}" is declared by ${clash.flow} and ${flow.id}`);
      }
      list.push({ flow: flow.id, spec });
      this.byCommand.set(spec.command, list);
    }
    for (const spec of flow.forms ?? []) {
      if (!spec.id.startsWith(`${flow.id}.`)) throw new Error(`form ${spec.id} outside ${flow.id}`);
      describedIfLimited('form', spec);
      this.forms.set(spec.id, { flow, spec });
    }
    for (const spec of flow.actions ?? []) {
      if (!spec.id.startsWith(`${flow.id}.`))
        throw new Error(`action ${spec.id} outside ${flow.id}`);
      describedIfLimited('action', spec);
      this.actions.set(spec.id, { flow, spec });
    }
  }

  get(flowId: string): Flow | undefined {
    return this.byId.get(flowId);
  }

  all(): readonly Flow[] {
    return this.flows;
  }

  /** The command words that do something in this deployment. */
  commands(): CommandName[] {
    return [...this.byCommand.keys()];
  }

  /** Everything declared under a command word, in declaration order. */
  subcommandsOf(command: CommandName): readonly AvailableSubcommand[] {
    return this.byCommand.get(command) ?? [];
  }

  /** Every subcommand of the deployment, commands in `order`. */
  allSubcommands(order: readonly CommandName[]): AvailableSubcommand[] {
    return order.flatMap((c) => this.subcommandsOf(c));
  }

  /**
   * Which subcommand a command's arguments ask for: the one whose sub-word (either language)
   * starts them, else the command's own. Undefined when the command has sub-words only and
   * none was given.
   */
  resolve(command: CommandName, args: string): ResolvedSubcommand | undefined {
    const list = this.byCommand.get(command) ?? [];
    const match = /^(\S+)\s*([\s\S]*)$/.exec(args.trim());
    if (match) {
      const word = normalise(match[1] ?? '');
      for (const { flow, spec } of list) {
        if (!spec.words) continue;
        const language =
          normalise(spec.words.nl) === word
            ? 'nl'
            : normalise(spec.words.en) === word
              ? 'en'
              : undefined;
        if (language) {
          const same = spec.words.nl === spec.words.en;
          return {
            flow: this.byId.get(flow) as Flow,
            spec,
            args: (match[2] ?? '').trim(),
            language: same ? undefined : language,
          };
        }
      }
    }
    const bare = list.find((s) => s.spec.words === undefined);
    if (!bare) return undefined;
    return {
      flow: this.byId.get(bare.flow) as Flow,
      spec: bare.spec,
      args: args.trim(),
      language: undefined,
    };
  }

  /** The form with this id (a submission is routed by it). */
  form(id: string): { flow: Flow; spec: FormSpec<unknown> } | undefined {
    return this.forms.get(id);
  }

  /** The button with this id, or the longest declared id it extends (`idea.cosign.42`). */
  action(id: string): { flow: Flow; spec: ActionSpec } | undefined {
    const exact = this.actions.get(id);
    if (exact) return exact;
    const parts = id.split('.');
    for (let n = parts.length - 1; n >= 2; n--) {
      const found = this.actions.get(parts.slice(0, n).join('.'));
      if (found) return found;
    }
    return undefined;
  }
}
