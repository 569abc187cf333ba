/**
 * Loads the alliance config file (YAML) and explains every problem in plain words:
 * the file, the line, the path inside it and what is wrong.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { BotError } from '../core/errors.js';
import { type ConfigFile, ConfigFileSchema } from '../domain/config-file.js';

export interface ConfigProblem {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export class ConfigError extends BotError {
  readonly file: string;
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[]) {
    super('config_invalid', formatProblems(file, problems));
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

function formatProblems(file: string, problems: ConfigProblem[]): string {
  const head = `${file}: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`}`;
  const lines = problems.map((p) => {
    const where = p.line ? `${file}:${p.line}:${p.column ?? 1}` : file;
    return `  - ${where} at ${p.path || '(top)'}: ${p.message}`;
  });
  return [head, ...lines].join('\n');
}

/** `alliances[0].timeZone` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) {
    return `is missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_type') {
    return `should be ${issue.expected}, not ${value === null ? 'empty' : typeof value}`;
  }
  if (issue.code === 'invalid_value') {
    return `should be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; found ${JSON.stringify(value)}`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
  }
  return issue.message;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Parse YAML text into a checked config; throws ConfigError naming file, line and path. */
export function parseAllianceConfig(source: string, file: string): ConfigFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return {
          path: '',
          ...(pos ? { line: pos.line, column: pos.col } : {}),
          message: `this is not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
        };
      }),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = ConfigFileSchema.safeParse(data ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue): ConfigProblem => {
    const path = issue.path;
    // Point at the deepest node that exists in the document.
    let pos: { line: number; col: number } | undefined;
    for (let n = path.length; n >= 0 && !pos; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === 'object' && node.range) pos = lineCounter.linePos(node.range[0]);
    }
    return {
      path: formatPath(path),
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      message: plainMessage(issue, valueAt(data, path)),
    };
  });
  throw new ConfigError(file, problems);
}

export async function loadAllianceConfig(file: string): Promise<ConfigFile> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file does not exist'
        : String(cause);
    throw new ConfigError(file, [{ path: '', message: `cannot read the config: ${reason}` }]);
  }
  return parseAllianceConfig(source, file);
}
