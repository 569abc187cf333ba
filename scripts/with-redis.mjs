#!/usr/bin/env node
// Run a command with a Redis available.
//
//   node scripts/with-redis.mjs -- <command> [args...]
//   node scripts/with-redis.mjs --cluster -- <command> [args...]
//
// If a Redis answers PING on REDIS_URL (default redis://127.0.0.1:6379), the command
// runs with the environment unchanged. Otherwise, when `redis-server` is on PATH, a
// private one is started on a free local port with its own temporary data directory,
// the command runs with REDIS_URL pointing at it, and the private server is stopped
// (and its directory removed) when the command ends. Exits with the command's code.
//
// With --cluster the command gets a Redis Cluster instead: REDIS_CLUSTER_NODES as given
// when set, else a private one of three masters (three `redis-server --cluster-enabled yes`
// on free local ports, joined with `redis-cli --cluster create ... --cluster-replicas 0`),
// started for the command and stopped after it, like the single private server.
// With --test-cluster it gets both: the single Redis as above, and a cluster in
// TEST_REDIS_CLUSTER_NODES (as given, or a private one) for the tests that run on both
// (`npm test`: the `cluster` project of vitest.config.ts).
//
// Node builtins only: this runs before anything else is known to work.

import { spawn, spawnSync } from 'node:child_process';
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
const CLUSTER_TIMEOUT_MS = 20000;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message, code = 1) {
  process.stderr.write(`${TAG} ${message}\n`);
  process.exit(code);
}

// ---------------------------------------------------------------- arguments

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const flags = sep === -1 ? [] : argv.slice(0, sep);
const command = sep === -1 ? argv : argv.slice(sep + 1);
const USAGE =
  'usage: node scripts/with-redis.mjs [--cluster | --test-cluster] -- <command> [args...]';
const MODES = ['--cluster', '--test-cluster'];
if (command.length === 0 || flags.length > 1 || flags.some((f) => !MODES.includes(f))) {
  fail(USAGE, 2);
}
const mode = flags[0] ?? '';

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
 * Sends one command (after AUTH when a password is given) and resolves to its reply: a
 * simple string or the text of a bulk string as { ok: true, reply }, a Redis error as
 * { ok: true, error }, or { ok: false } when nothing Redis-like answered in time.
 */
function command1({ host, port, username, password }, args, timeoutMs = PING_TIMEOUT_MS) {
  return new Promise((resolve) => {
    let settled = false;
    let buffer = '';
    let replies = 0;
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
      payload += resp(...args);
      socket.write(payload);
    });
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      // Replies in order: AUTH's (when sent), then the command's.
      for (;;) {
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        const line = buffer.slice(0, end);
        let reply;
        let rest;
        if (line.startsWith('+') || line.startsWith('-')) {
          reply = line;
          rest = buffer.slice(end + 2);
        } else if (line.startsWith('$')) {
          const length = Number(line.slice(1));
          if (buffer.length < end + 2 + Math.max(length, 0) + 2) return;
          reply = `$${buffer.slice(end + 2, end + 2 + Math.max(length, 0))}`;
          rest = buffer.slice(end + 2 + Math.max(length, 0) + 2);
        } else {
          return done({ ok: false });
        }
        buffer = rest;
        replies++;
        if (reply.startsWith('-')) return done({ ok: true, error: reply.slice(1) });
        if (replies === (password ? 2 : 1)) return done({ ok: true, reply: reply.slice(1) });
      }
    });
    socket.on('error', () => done({ ok: false }));
    socket.on('close', () => done({ ok: false }));
  });
}

/**
 * Ask host:port for PONG (after AUTH when a password is given).
 * Resolves to { ok: true } on PONG, { ok: true, error } when a Redis answered with an
 * error (e.g. NOAUTH, WRONGPASS), { ok: false } when nothing Redis-like answered.
 */
async function ping(target, timeoutMs = PING_TIMEOUT_MS) {
  const answer = await command1(target, ['PING'], timeoutMs);
  if (!answer.ok || answer.error) return answer;
  return answer.reply === 'PONG' ? { ok: true } : { ok: false };
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

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
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

/**
 * The servers this script started (one, or a cluster's three), stopped when it ends.
 * @type {{ proc: import('node:child_process').ChildProcess, dir: string, exited: boolean }[]}
 */
const privateServers = [];

/**
 * Starts one redis-server on `port` with its own temporary directory and waits until it
 * answers PING. Resolves to true, or to an error message (the server is stopped then).
 */
async function startServer(redisServer, port, extraArgs = []) {
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
    ...extraArgs,
  ];
  // Own process group: a Ctrl-C in the terminal reaches the command, not Redis;
  // this script stops Redis itself once the command has ended.
  const proc = spawn(redisServer, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const state = { proc, dir, exited: false };
  privateServers.push(state);
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
      return true;
    }
    await sleep(50);
  }
  await stopServer(state);
  return state.exited
    ? `redis-server exited during start-up:\n${output.trim()}`
    : `redis-server did not answer on 127.0.0.1:${port} within ${START_TIMEOUT_MS / 1000}s:\n${output.trim()}`;
}

async function startPrivateRedis(redisServer) {
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const started = await startServer(redisServer, port);
    if (started === true) return port;
    lastError = started;
  }
  throw new Error(lastError);
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 35000);
    if (taken.includes(port) || taken.includes(port + 10000)) continue;
    if ((await portIsFree(port)) && (await portIsFree(port + 10000))) return port;
  }
  throw new Error('found no free pair of ports for a cluster node');
}

/**
 * Three masters on free local ports, joined into one cluster (all 16384 slots, no replicas).
 * Resolves to their `host:port` list once every node says cluster_state:ok.
 */
async function startPrivateCluster(redisServer, redisCli) {
  const ports = [];
  for (let i = 0; i < 3; i++) ports.push(await freeClusterPort(ports));
  for (const port of ports) {
    const started = await startServer(redisServer, port, [
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-node-timeout',
      '5000',
    ]);
    if (started !== true) throw new Error(started);
  }
  const nodes = ports.map((port) => `127.0.0.1:${port}`);
  const create = spawnSync(
    redisCli,
    ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 },
  );
  if (create.status !== 0) {
    throw new Error(
      `redis-cli --cluster create failed:\n${`${create.stdout ?? ''}${create.stderr ?? ''}`.trim()}`,
    );
  }
  const deadline = Date.now() + CLUSTER_TIMEOUT_MS;
  for (;;) {
    const states = await Promise.all(
      ports.map((port) => command1({ host: '127.0.0.1', port }, ['CLUSTER', 'INFO'])),
    );
    if (states.every((s) => s.ok && /cluster_state:ok/.test(s.reply ?? ''))) return nodes;
    if (Date.now() > deadline) {
      throw new Error(`the cluster on ${nodes.join(', ')} did not reach cluster_state:ok`);
    }
    await sleep(100);
  }
}

async function stopServer(state) {
  const i = privateServers.indexOf(state);
  if (i === -1) return;
  privateServers.splice(i, 1);
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

async function stopPrivateServers() {
  await Promise.all([...privateServers].map(stopServer));
}

// Last resort if something throws: never leave a server or a directory behind.
process.on('exit', () => {
  for (const state of privateServers) {
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
  }
});

// ---------------------------------------------------------------- main

/** @type {import('node:child_process').ChildProcess | null} */
let child = null;
let exiting = false;

async function finish(code) {
  if (exiting) return;
  exiting = true;
  await stopPrivateServers();
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

const INSTALL_HINT = [
  'Install Redis:',
  '  Debian/Ubuntu: sudo apt-get install -y redis-server',
  '  macOS:         brew install redis',
];

/**
 * The environment with a single Redis on REDIS_URL: the one that answers there, or a
 * private one. A cluster (REDIS_CLUSTER_NODES), TLS or an unparsable URL is the caller's
 * business: the environment is left as is.
 */
async function withSingleRedis(env) {
  const rawUrl = env.REDIS_URL || DEFAULT_URL;
  if (env.REDIS_CLUSTER_NODES) return env;
  const target = parseRedisUrl(rawUrl);
  if (!target) {
    process.stderr.write(
      `${TAG} REDIS_URL is not a URL (${redact(rawUrl)}); running the command as is\n`,
    );
    return env;
  }
  if (target.unsupported) return env;

  const answer = await ping(target);
  if (answer.ok) {
    if (answer.error) {
      process.stderr.write(
        `${TAG} the Redis on ${redact(rawUrl)} answered with an error (${answer.error}); running the command anyway\n`,
      );
    }
    return env;
  }

  const redisServer = findOnPath('redis-server');
  if (!redisServer) {
    fail(
      [
        `no Redis answered on ${redact(rawUrl)} and no redis-server is on PATH.`,
        ...INSTALL_HINT,
        '  Docker:        docker compose up -d redis',
        'or set REDIS_URL to a Redis that answers.',
      ].join('\n    '),
    );
  }

  let port;
  try {
    port = await startPrivateRedis(redisServer);
  } catch (err) {
    await stopPrivateServers();
    fail(
      `no Redis on ${redact(rawUrl)}, and starting a private redis-server failed: ${err.message}`,
    );
  }
  process.stderr.write(
    `${TAG} no Redis on ${redact(rawUrl)}; started a private redis-server on 127.0.0.1:${port} (stopped on exit)\n`,
  );
  return { ...env, REDIS_URL: `redis://127.0.0.1:${port}` };
}

/**
 * The environment with a Redis Cluster's nodes in `variable`: the ones given there, or a
 * private cluster of three masters.
 */
async function withCluster(env, variable, optional = false) {
  if (env[variable]) return env;
  const redisServer = findOnPath('redis-server');
  const redisCli = findOnPath('redis-cli');
  if ((!redisServer || !redisCli) && optional) {
    process.stderr.write(
      `${TAG} WARNING: no ${redisServer ? 'redis-cli' : 'redis-server'} on PATH, so no Redis Cluster for the tests that also run on one (they run on the single Redis only; in CI this is an error)\n`,
    );
    return env;
  }
  if (!redisServer || !redisCli) {
    fail(
      [
        `${variable} is not set and ${redisServer ? 'redis-cli' : 'redis-server'} is not on PATH, so no private Redis Cluster can be started.`,
        ...INSTALL_HINT,
        `or set ${variable} to a cluster that answers (host:port,host:port,...).`,
      ].join('\n    '),
    );
  }
  let nodes;
  try {
    nodes = await startPrivateCluster(redisServer, redisCli);
  } catch (err) {
    await stopPrivateServers();
    fail(`starting a private Redis Cluster failed: ${err.message}`);
  }
  process.stderr.write(
    `${TAG} started a private Redis Cluster of three masters on ${nodes.join(', ')} for ${variable} (stopped on exit)\n`,
  );
  return { ...env, [variable]: nodes.join(',') };
}

async function main() {
  let env = { ...process.env };
  // --cluster: the command's Redis is a cluster (REDIS_CLUSTER_NODES), no single server.
  if (mode === '--cluster') env = await withCluster(env, 'REDIS_CLUSTER_NODES');
  else env = await withSingleRedis(env);
  // --test-cluster: a single Redis as usual, and a cluster beside it for the tests that
  // run against one too (vitest.cluster.config.ts reads TEST_REDIS_CLUSTER_NODES).
  // Outside CI a machine without redis-server/redis-cli still runs the tests (on one Redis).
  if (mode === '--test-cluster') {
    env = await withCluster(env, 'TEST_REDIS_CLUSTER_NODES', !process.env.CI);
  }
  if (exiting) return; // a signal arrived during start-up
  return runCommand(env);
}

main().catch(async (err) => {
  process.stderr.write(`${TAG} ${err?.stack ?? err}\n`);
  await finish(1);
});
