// 100k files through the index path the scanner uses; timings are printed, behaviour is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { tempLibrary, VERSIONS } from './helpers.js';
import type { IndexEntry } from '../../src/main/store/index.js';

const N = 100_000;
const BATCH = 2000;

test('indexing, rescanning and querying 100k samples', () => {
  const { lib, done } = tempLibrary();
  try {
    const root = lib.roots.add('/big');
    const folders = ['Kicks', 'Snares', 'Hats', 'Percussion', 'Loops/Drums', 'Loops/Bass', 'One Shots/Synth', 'FX'];
    const entries: IndexEntry[] = Array.from({ length: N }, (_, i) => {
      const rel = `${folders[i % folders.length]}/Pack ${i % 97}/sample_${i}_${i % 13 === 0 ? 'Café' : 'dry'}.wav`;
      return { rootId: root.id, path: `/big/${rel}`, relPath: rel, name: rel.split('/').pop()!, ext: 'wav', sizeBytes: 10_000 + i, mtimeMs: 1.7e12 + i * 1000.5 };
    });
    let t = performance.now();
    let added = 0;
    for (let i = 0; i < N; i += BATCH) added += lib.samples.indexBatch(entries.slice(i, i + BATCH)).added;
    const indexMs = performance.now() - t;
    assert.equal(added, N);

    t = performance.now();
    const stats = lib.samples.statsForRoot(root.id);
    const statsMs = performance.now() - t;
    assert.equal(stats.size, N);

    t = performance.now();
    let unchanged = 0;
    for (let i = 0; i < N; i += BATCH) unchanged += lib.samples.indexBatch(entries.slice(i, i + BATCH)).unchanged;
    const rescanMs = performance.now() - t;
    assert.equal(unchanged, N);

    t = performance.now();
    const next = lib.samples.nextForAnalysis(64, VERSIONS, Array.from({ length: 500 }, (_, i) => i + 1));
    const nextMs = performance.now() - t;
    assert.equal(next.length, 64);
    assert.equal(next[0].id, 501);

    t = performance.now();
    const page = lib.samples.list({ rootId: root.id, limit: 200 });
    const listMs = performance.now() - t;
    assert.equal(page.length, 200);

    t = performance.now();
    const hits = lib.samples.list({ text: 'cafe snares', limit: 200 });
    const total = lib.samples.count({ text: 'cafe snares' });
    const searchMs = performance.now() - t;
    assert.ok(hits.length > 0 && hits.every((h) => h.path.includes('Snares') && h.name.includes('Café')));
    assert.equal(total, entries.filter((e) => e.path.includes('Snares') && e.name.includes('Café')).length);

    t = performance.now();
    const counts = lib.samples.counts();
    const countsMs = performance.now() - t;
    assert.equal(counts.pending, N);

    const f = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`# 100k index: ${f(indexMs)} (${Math.round(N / (indexMs / 1000))} rows/s, batches of ${BATCH}); statsForRoot ${f(statsMs)}; ` +
      `unchanged rescan through indexBatch ${f(rescanMs)}; nextForAnalysis ${nextMs.toFixed(1)} ms; list page ${listMs.toFixed(1)} ms; ` +
      `FTS search+count ${searchMs.toFixed(1)} ms; counts ${countsMs.toFixed(1)} ms`);
  } finally {
    done();
  }
});
