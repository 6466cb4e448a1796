// Provisional answers: a worker answers a job at once and completes it later (a batch); the job no longer holds
// the worker's capacity, and when the worker dies or hangs before completing, the provisional answer stands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool, JobFailedError } from '../../src/main/pipeline/worker-pool.js';

type Req = { op: string; value?: number };
type Res = { part?: number; whole?: number; echo?: number; completed?: boolean; lost?: string };
const script = new URL('./workers/batching-worker.ts', import.meta.url);

function pool(): WorkerPool<Req, Res> {
  return new WorkerPool<Req, Res>({
    script,
    size: 1,
    perWorker: 1,
    complete: (p, c) => ({ ...p, ...(c as Res) }),
    incomplete: (p, why) => ({ ...p, lost: why }),
  });
}

test('a provisional answer is completed later and merged; held jobs do not block the worker', async () => {
  const p = pool();
  try {
    // perWorker 1: the three held jobs would block every later job if they still counted.
    const parts = [1, 2, 3].map((value) => p.run({ op: 'part', value }, 10_000));
    assert.deepEqual(await p.run({ op: 'echo', value: 7 }, 10_000), { echo: 7 });
    assert.deepEqual(await p.run({ op: 'complete' }, 10_000), { completed: true });
    assert.deepEqual(await Promise.all(parts), [1, 2, 3].map((v) => ({ part: v, whole: v * 10 })));
  } finally {
    await p.close();
  }
});

test('a failed completion keeps the provisional answer with the reason', async () => {
  const p = pool();
  try {
    const part = p.run({ op: 'part', value: 4 }, 10_000);
    await p.run({ op: 'fail-held' }, 10_000);
    assert.deepEqual(await part, { part: 4, lost: 'batch failed for 4' });
  } finally {
    await p.close();
  }
});

test('a worker that crashes while holding provisional answers: they stand; the crashing job gets a retry, then fails', async () => {
  const p = pool();
  try {
    const parts = [5, 6].map((value) => p.run({ op: 'part', value }, 10_000));
    const crash = p.run({ op: 'crash' }, 10_000);
    const lost = await Promise.all(parts);
    for (const [i, r] of lost.entries()) {
      assert.equal(r.part, [5, 6][i]);
      assert.match(r.lost ?? '', /worker crashed: worker exited with code 4/);
    }
    // Retried once (the batch might have been the culprit), then blamed: it crashed a fresh worker on its own.
    await assert.rejects(crash, (err: unknown) => err instanceof JobFailedError && err.reason === 'crash');
    assert.deepEqual(await p.run({ op: 'echo', value: 1 }, 10_000), { echo: 1 });
  } finally {
    await p.close();
  }
});

test('a completion that never comes times out: the provisional answer stands and the worker is replaced', async () => {
  const p = pool();
  try {
    await p.run({ op: 'echo', value: 0 }, 10_000); // the worker is up: only the completion can be late now
    const part = await p.run({ op: 'part', value: 8 }, 400);
    assert.equal(part.part, 8);
    assert.match(part.lost ?? '', /timed out: no completion after/);
    assert.deepEqual(await p.run({ op: 'echo', value: 2 }, 10_000), { echo: 2 });
  } finally {
    await p.close();
  }
});
