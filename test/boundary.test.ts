/**
 * The house rules of ARCHITECTURE.md: no platform SDK outside adapters/<platform>/, one
 * composition root (src/main.ts) that alone reaches into adapters/ and flows/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SDK = /from\s+['"](@slack\/|botbuilder|@microsoft\/agents|@microsoft\/teams)/;
const INTO_ADAPTERS_OR_FLOWS = /from\s+['"](\.\.\/)+(adapters|flows)\//;
const INTO_ADAPTERS = /from\s+['"](\.\.\/)+adapters\//;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function offenders(paths: string[], rule: RegExp): string[] {
  return paths.filter((p) => rule.test(readFileSync(p, 'utf8')));
}

describe('boundaries', () => {
  it('spots an offending import (self-check)', () => {
    expect(SDK.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(SDK.test("import { CloudAdapter } from '@microsoft/agents-hosting';")).toBe(true);
    expect(INTO_ADAPTERS_OR_FLOWS.test("import { x } from '../../flows/help.js';")).toBe(true);
    expect(SDK.test("import { z } from 'zod';")).toBe(false);
  });

  it('keeps platform SDKs out of src/ and flows/', () => {
    expect(offenders([...files('src'), ...files('flows')], SDK)).toEqual([]);
  });

  it('lets only src/main.ts reach into adapters/ and flows/', () => {
    const reaching = offenders(files('src'), INTO_ADAPTERS_OR_FLOWS);
    expect(reaching).toEqual([join('src', 'main.ts')]);
  });

  it('keeps flows away from adapters', () => {
    expect(offenders(files('flows'), INTO_ADAPTERS)).toEqual([]);
  });

  it('keeps every arrow inside src/ pointing down (core ← domain ← store ← engine)', () => {
    const layers: Record<string, string[]> = {
      core: ['domain', 'store', 'engine', 'queue', 'config', 'http'],
      domain: ['store', 'engine', 'queue', 'http'],
      store: ['engine', 'queue', 'http'],
      engine: ['queue', 'http', 'config'],
    };
    const upward: string[] = [];
    for (const [layer, above] of Object.entries(layers)) {
      const rule = new RegExp(`from\\s+['"](\\.\\./)+(${above.join('|')})/`);
      upward.push(...offenders(files(join('src', layer)), rule));
    }
    expect(upward).toEqual([]);
  });
});
