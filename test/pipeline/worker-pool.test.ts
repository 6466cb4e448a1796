import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool, JobFailedError } from '../../src/main/pipeline/worker-pool.js';

type Req = { op: string; value?: number };
const script = new URL('./workers/test-worker.ts', import.meta.url);

test('jobs run in parallel and return their results', async () => {
  const pool = new WorkerPool<Req, number>({ script, size: 2 });
  try {
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ op: 'echo', value }, 10_000)));
    assert.deepEqual(results, [2, 4, 6, 8, 10]);
  } finally {
    await pool.close();
  }
});

test('a hanging job times out, its worker is replaced, and other jobs still finish', async () => {
  const pool = new WorkerPool<Req, number>({ script, size: 1, perWorker: 2 });
  try {
    const hang = pool.run({ op: 'hang' }, 300);
    const after = pool.run({ op: 'echo', value: 21 }, 10_000);
    await assert.rejects(hang, (err: unknown) => err instanceof JobFailedError && err.reason === 'timeout');
    assert.equal(await after, 42);
  } finally {
    await pool.close();
  }
});

test('a crashing worker fails only its job; a worker out of memory too', async () => {
  const pool = new WorkerPool<Req, number>({ script, size: 1, perWorker: 1, maxHeapMb: 64 });
  try {
    await assert.rejects(pool.run({ op: 'crash' }, 10_000), (err: unknown) => err instanceof JobFailedError && err.reason === 'crash');
    assert.equal(await pool.run({ op: 'echo', value: 1 }, 10_000), 2);
    await assert.rejects(pool.run({ op: 'oom' }, 30_000), (err: unknown) => err instanceof JobFailedError && err.reason === 'crash');
    assert.equal(await pool.run({ op: 'echo', value: 5 }, 10_000), 10);
    await assert.rejects(pool.run({ op: 'throw' }, 10_000), /bad input/);
  } finally {
    await pool.close();
  }
});
