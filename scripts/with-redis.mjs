#!/usr/bin/env node
// Run a command with a Redis available.
//
//   node scripts/with-redis.mjs -- <command> [args...]
//
// If a Redis answers PING on REDIS_URL (default redis://127.0.0.1:6379), the command
// runs with the environment unchanged. Otherwise, when `redis-server` is on PATH, a
// private one is started on a free local port with its own temporary data directory,
// the command runs with REDIS_URL pointing at it, and the private server is stopped
// (and its directory removed) when the command ends. Exits with the command's code.
//
// Node builtins only: this runs before anything else is known to work.

import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TAG = '[with-redis]';
const DEFAULT_URL = 'redis://127.0.0.1:6379';
const PING_TIMEOUT_MS = 1000;
const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 3000;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message, code = 1) {
  process.stderr.write(`${TAG} ${message}\n`);
  process.exit(code);
}

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const command = sep === -1 ? argv : argv.slice(sep + 1);
if (command.length === 0) {
  fail('usage: node scripts/with-redis.mjs -- <command> [args...]', 2);
}

// ---------------------------------------------------------------- Redis URL

/** host, port, optional username/password from a redis:// URL. */
function parseRedisUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'redis:') return { unsupported: url.protocol };
  const host = (url.hostname || '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : 6379;
  const username = url.username ? decodeURIComponent(url.username) : '';
  const password = url.password ? decodeURIComponent(url.password) : '';
  return { host, port, username, password };
}

/** The URL with any password replaced, for messages. */
function redact(raw) {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString().replace(/\/$/, '');
  } catch {
    return raw;
  }
}

function resp(...args) {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/**
 * Ask host:port for PONG (after AUTH when a password is given).
 * Resolves to { ok: true } on PONG, { ok: true, error } when a Redis answered with an
 * error (e.g. NOAUTH, WRONGPASS), { ok: false } when nothing Redis-like answered.
 */
function ping({ host, port, username, password }, timeoutMs = PING_TIMEOUT_MS) {
  return new Promise((resolve) => {
    let settled = false;
    let buffer = '';
    const expected = password ? 2 : 1;
    const socket = net.createConnection({ host, port });
    const done = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false }), timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => {
      let payload = '';
      if (password) payload += username ? resp('AUTH', username, password) : resp('AUTH', password);
      payload += resp('PING');
      socket.write(payload);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const lines = buffer.split('\r\n');
      lines.pop(); // incomplete tail
      for (const line of lines) {
        if (!line.startsWith('+') && !line.startsWith('-')) return done({ ok: false });
      }
      if (lines.length < expected) return;
      const replies = lines.slice(0, expected);
      const error = replies.find((l) => l.startsWith('-'));
      if (error) return done({ ok: true, error: error.slice(1) });
      return done(replies[expected - 1] === '+PONG' ? { ok: true } : { ok: false });
    });
    socket.on('error', () => done({ ok: false }));
    socket.on('close', () => done({ ok: false }));
  });
}

// ---------------------------------------------------------------- helpers

function findOnPath(name, pathValue = process.env.PATH ?? '') {
  for (const dir of pathValue.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const signalCode = (signal) => 128 + (os.constants.signals[signal] ?? 1);

// ---------------------------------------------------------------- private redis

/** @type {{ proc: import('node:child_process').ChildProcess, dir: string, exited: boolean } | null} */
let privateRedis = null;

async function startPrivateRedis(redisServer) {
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'alliantiebot-redis-'));
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ];
    // Own process group: a Ctrl-C in the terminal reaches the command, not Redis;
    // this script stops Redis itself once the command has ended.
    const proc = spawn(redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const state = { proc, dir, exited: false };
    privateRedis = state;
    let output = '';
    const collect = (chunk) => {
      if (output.length < 8000) output += chunk.toString();
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.on('exit', () => {
      state.exited = true;
    });
    proc.on('error', (err) => {
      state.exited = true;
      output += String(err);
    });

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline && !state.exited) {
      const answer = await ping({ host: '127.0.0.1', port }, 250);
      if (answer.ok && !answer.error) {
        // Keep draining its output so it never blocks on a full pipe.
        proc.stdout.removeListener('data', collect);
        proc.stderr.removeListener('data', collect);
        proc.stdout.resume();
        proc.stderr.resume();
        return port;
      }
      await sleep(50);
    }
    lastError = state.exited
      ? `redis-server exited during start-up:\n${output.trim()}`
      : `redis-server did not answer on 127.0.0.1:${port} within ${START_TIMEOUT_MS / 1000}s:\n${output.trim()}`;
    await stopPrivateRedis();
  }
  throw new Error(lastError);
}

async function stopPrivateRedis() {
  const state = privateRedis;
  if (!state) return;
  privateRedis = null;
  if (!state.exited) {
    const exited = new Promise((r) => state.proc.once('exit', r));
    try {
      state.proc.kill('SIGTERM');
    } catch {
      // already gone
    }
    const timeout = sleep(STOP_TIMEOUT_MS).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      try {
        state.proc.kill('SIGKILL');
      } catch {
        // already gone
      }
      await Promise.race([exited, sleep(1000)]);
    }
  }
  rmSync(state.dir, { recursive: true, force: true });
}

// Last resort if something throws: never leave a server or a directory behind.
process.on('exit', () => {
  const state = privateRedis;
  if (!state) return;
  if (!state.exited) {
    try {
      state.proc.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  try {
    rmSync(state.dir, { recursive: true, force: true });
  } catch {
    // best effort
  }
});

// ---------------------------------------------------------------- main

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
let exiting = false;

async function finish(code) {
  if (exiting) return;
  exiting = true;
  await stopPrivateRedis();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        child.kill(signal); // the child's exit then ends this process
      } catch {
        // already gone
      }
    } else {
      void finish(signalCode(signal));
    }
  });
}

function runCommand(env) {
  const binDir = path.join(projectRoot, 'node_modules', '.bin');
  const childEnv = { ...env, PATH: [binDir, env.PATH].filter(Boolean).join(path.delimiter) };
  const [file, ...args] = command;
  child = spawn(file, args, { stdio: 'inherit', env: childEnv, shell: false });
  child.on('error', (err) => {
    const reason = err.code === 'ENOENT' ? 'command not found' : err.message;
    process.stderr.write(`${TAG} cannot run ${file}: ${reason}\n`);
    void finish(err.code === 'ENOENT' ? 127 : 126);
  });
  child.on('exit', (code, signal) => {
    void finish(code ?? signalCode(signal ?? 'SIGTERM'));
  });
}

async function main() {
  const rawUrl = process.env.REDIS_URL || DEFAULT_URL;

  // A cluster, TLS or an unparsable URL is the caller's business: run as is.
  if (process.env.REDIS_CLUSTER_NODES) return runCommand(process.env);
  const target = parseRedisUrl(rawUrl);
  if (!target) {
    process.stderr.write(
      `${TAG} REDIS_URL is not a URL (${redact(rawUrl)}); running the command as is\n`,
    );
    return runCommand(process.env);
  }
  if (target.unsupported) return runCommand(process.env);

  const answer = await ping(target);
  if (answer.ok) {
    if (answer.error) {
      process.stderr.write(
        `${TAG} the Redis on ${redact(rawUrl)} answered with an error (${answer.error}); running the command anyway\n`,
      );
    }
    return runCommand(process.env);
  }

  const redisServer = findOnPath('redis-server');
  if (!redisServer) {
    fail(
      [
        `no Redis answered on ${redact(rawUrl)} and no redis-server is on PATH.`,
        'Install one:',
        '  Debian/Ubuntu: sudo apt-get install -y redis-server',
        '  macOS:         brew install redis',
        '  Docker:        docker compose up -d redis',
        'or set REDIS_URL to a Redis that answers.',
      ].join('\n    '),
    );
  }

  let port;
  try {
    port = await startPrivateRedis(redisServer);
  } catch (err) {
    await stopPrivateRedis();
    fail(
      `no Redis on ${redact(rawUrl)}, and starting a private redis-server failed: ${err.message}`,
    );
  }
  if (exiting) return; // a signal arrived during start-up
  process.stderr.write(
    `${TAG} no Redis on ${redact(rawUrl)}; started a private redis-server on 127.0.0.1:${port} (stopped on exit)\n`,
  );
  return runCommand({ ...process.env, REDIS_URL: `redis://127.0.0.1:${port}` });
}

main().catch(async (err) => {
  process.stderr.write(`${TAG} ${err?.stack ?? err}\n`);
  await finish(1);
});
