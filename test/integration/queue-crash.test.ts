/**
 * A worker process killed with SIGKILL in the middle of a fan-out, then started again:
 * no message is lost and none is doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { directConversationOf } from '../../adapters/local/index.js';
import type { OutboundEnvelope } from '../../src/core/adapter.js';
import { text } from '../../src/core/messages.js';
import { eventually, startTestQueue, type TestQueue } from '../helpers/queue.js';
import { REDIS_URL } from '../helpers/redis.js';

const TOTAL = 1500;
const PEOPLE = ['anna', 'pieter', 'emma', 'joost', 'fatima'].map((p) => `local:demo:${p}`);
const CONVERSATIONS = ['local:demo:alliantie', ...PEOPLE.map(directConversationOf)];

function startWorker(prefix: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
    env: {
      ...process.env,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'error',
      WORKER_CONCURRENCY: '25',
      QUEUE_LOCK_MS: '2000',
      QUEUE_STALLED_MS: '1000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function delivered(q: TestQueue): Promise<string[]> {
  const texts: string[] = [];
  for (const conversation of CONVERSATIONS) {
    const ids = await q.store.redis.lrange(q.store.keys.localConversation(conversation), 0, -1);
    if (ids.length === 0) continue;
    const raws = await q.store.redis.mget(
      ...ids.map((id) => `${q.store.keys.localConversation('msg')}:${id}`),
    );
    for (const raw of raws) if (raw) texts.push((JSON.parse(raw) as { text: string }).text);
  }
  return texts;
}

describe('a worker killed in the middle of a fan-out', () => {
  let q: TestQueue;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await q?.stop();
  });

  it('loses no message and doubles none after a restart', async () => {
    q = await startTestQueue([], { workers: false });
    const envelopes: OutboundEnvelope[] = Array.from({ length: TOTAL }, (_, i) => ({
      key: `crash:${i}`,
      allianceId: 'energieregio-west',
      to: { kind: 'conversation', id: CONVERSATIONS[i % CONVERSATIONS.length] as string },
      message: text(`bericht ${i}`),
    }));
    await q.runtime.dispatcher().dispatch(envelopes);

    const first = startWorker(q.prefix);
    children.push(first);
    await eventually(async () => {
      const n = (await delivered(q)).length;
      return n >= 200 ? true : `${n} delivered before the kill`;
    }, 30_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = (await delivered(q)).length;
    expect(atKill).toBeLessThan(TOTAL); // it really died in the middle

    const second = startWorker(q.prefix);
    children.push(second);
    await eventually(async () => {
      const n = (await delivered(q)).length;
      return n >= TOTAL ? true : `${n} of ${TOTAL} delivered after the restart`;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // stalled jobs of the dead worker come back meanwhile
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const texts = await delivered(q);
    const counts = new Map<string, number>();
    for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(counts.size).toBe(TOTAL);
    expect([...counts.entries()].filter(([, c]) => c > 1)).toEqual([]);
    const left = await q.runtime.delivery.getJobCounts('waiting', 'active', 'delayed', 'failed');
    expect(left).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  }, 120_000);
});
