#!/usr/bin/env node
// The `alliance-bot` command: runs the compiled bot (dist/) when it is built, the TypeScript
// sources through tsx otherwise (a development checkout).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/src/main.js', import.meta.url));
let entry;
if (existsSync(built)) {
  entry = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import('../src/main.ts');
}
const code = await entry.main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
