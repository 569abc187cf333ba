#!/usr/bin/env node
// `pretest`: the end-to-end tests drive Debian's chromium through playwright-core
// (no browser download). Make sure it is there, installing it with apt-get when we
// are root on a Debian-like system; otherwise say clearly what to do.
//
// Node builtins only.

import { spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import path from 'node:path';

const TAG = '[ensure-chromium]';
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const isFile = (p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (isFile(candidate)) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const override = process.env.CHROMIUM_PATH;
if (override) {
  if (isFile(override)) process.exit(0);
  process.stderr.write(
    `${TAG} CHROMIUM_PATH is set to ${override}, which does not exist; point it at a chromium binary or unset it.\n`,
  );
  process.exit(1);
}
if (isFile(DEBIAN_CHROMIUM)) process.exit(0);

const aptGet = findOnPath('apt-get');
if (process.getuid?.() === 0 && aptGet) {
  process.stderr.write(
    `${TAG} Debian chromium missing; installing it with apt-get (needed by the end-to-end tests)\n`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const result = spawnSync(aptGet, args, { stdio: 'inherit', env });
    if (result.error) {
      process.stderr.write(`${TAG} apt-get failed: ${result.error.message}\n`);
      return 1;
    }
    return result.status ?? 1;
  };
  const updated = run(['update', '-qq']);
  if (updated !== 0) process.exit(updated);
  const installed = run(['install', '-y', '-qq', 'chromium']);
  if (installed === 0 && !isFile(DEBIAN_CHROMIUM)) {
    process.stderr.write(
      `${TAG} apt-get installed chromium, but ${DEBIAN_CHROMIUM} is still missing.\n`,
    );
    process.exit(1);
  }
  process.exit(installed);
}

const help = [
  `${TAG} ${DEBIAN_CHROMIUM} is missing.`,
  "The end-to-end tests drive Debian's chromium through playwright-core (no browser is downloaded).",
  'Install it:  sudo apt-get install -y chromium',
  'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
];
process.stderr.write(`${help.join('\n    ')}\n`);
process.exit(1);
