// Opening the map on a big library: positions come at once, the clusters follow with a 'clusters-ready' event and
// are stored, so the next start has them immediately. And a similar search on a sound whose file went missing
// answers with a specific error instead of logging a stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, unlinkSync } from 'node:fs';
import { createApi } from '../../src/main/api/create-api.js';
import { plantedLibrary, purity } from '../services/planted-library.js';
import { writeWav } from './test-library.js';

test('a big library: the map comes before its clusters, which follow with an event and are stored for next time', async () => {
  const p = plantedLibrary(7, 12);
  try {
    const n = 3000;
    const ids = p.add(n, (i) => i % 7);
    // A stored layout, as after the first map computation: opening the map only reads it.
    const xy = ids.flatMap((_, i) => [Math.cos(i), Math.sin(i)]);
    p.lib.db.settings.set('intelligence.map', { version: 1, dim: p.lib.db.samples.vector(ids[0])!.length, ids, xy });
    const api = createApi(p.lib, { autoAnalyse: false });
    const ready = new Promise<number>((resolve) => api.onEvent((event, payload) => event === 'clusters-ready' && resolve((payload as { clusters: number }).clusters)));
    const first = await api.call('map.points', {});
    assert.equal(first.count, n);
    assert.equal(first.clusters, 0, 'no clusters yet');
    assert.ok(first.cluster.every((c) => c === -1));
    await assert.rejects(api.call('groups.create', { name: 'Cluster 1', fromCluster: 0 }), /clusters are still being computed/);
    // The clustering gives the event loop turns: a timer set once it has begun fires before it ends.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 1);
    const k = await ready;
    order.push('ready');
    assert.deepEqual(order, ['timer', 'ready'], 'the server stays responsive while it clusters');
    assert.equal(k, 7);
    const coloured = await api.call('map.points', {});
    assert.equal(coloured.clusters, 7);
    assert.deepEqual(coloured.x, first.x, 'the positions do not change');
    assert.ok(purity(coloured.ids, coloured.cluster, p.planted) > 0.98);
    api.close();

    // Restart: the stored clustering comes with the first answer.
    p.reopen();
    const again = createApi(p.lib, { autoAnalyse: false });
    const events: string[] = [];
    again.onEvent((event) => events.push(event));
    const restarted = await again.call('map.points', {});
    assert.equal(restarted.clusters, 7);
    assert.deepEqual(restarted.cluster, coloured.cluster);
    // New sounds join the stored clusters in the same answer, no background run.
    p.add(100, () => 3);
    const grown = await again.call('map.points', {});
    assert.equal(grown.clusters, 7);
    const members = new Set(grown.ids.filter((_, i) => grown.cluster[i] === grown.cluster[grown.ids.indexOf(ids[3])]));
    assert.ok([...p.planted].filter(([, c]) => c === 3).every(([id]) => !grown.ids.includes(id) || members.has(id)));
    assert.ok(!events.includes('clusters-ready'));
    again.close();
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('closing the API while the clusters are computed stops the clustering quietly and stores nothing', async () => {
  const p = plantedLibrary(5, 21);
  try {
    const ids = p.add(3000, (i) => i % 5);
    const xy = ids.flatMap((_, i) => [Math.cos(i), Math.sin(i)]);
    p.lib.db.settings.set('intelligence.map', { version: 1, dim: p.lib.db.samples.vector(ids[0])!.length, ids, xy });
    const api = createApi(p.lib, { autoAnalyse: false });
    const events: string[] = [];
    api.onEvent((event, payload) => events.push(event === 'error' ? `error: ${(payload as { message: string }).message}` : event));
    const first = await api.call('map.points', {});
    assert.equal(first.clusters, 0, 'the clustering went to the background');
    // Let it start in its worker, then close the way the app does when the library window goes.
    await new Promise((resolve) => setTimeout(resolve, 60));
    api.close();
    // Long enough for a clustering left running to finish and store itself (about 1 s here).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.deepEqual(events.filter((e) => e === 'clusters-ready' || e.startsWith('error')), [], 'no clusters announced, no error raised');
    assert.equal(p.lib.db.settings.get('intelligence.clusters'), undefined, 'the clustering stopped: nothing was stored');
  } finally {
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

test('similar search on a sound whose file is missing gives a specific error, not a logged stack', async () => {
  const p = plantedLibrary(2, 4);
  const logged: unknown[][] = [];
  const original = console.error;
  try {
    const ids = p.add(6, (i) => i % 2);
    const paths = ids.map((id) => p.lib.db.samples.get(id)!.path);
    for (const [i, path] of paths.entries()) await writeWav(path, 110 * (i + 1), 0.3);
    unlinkSync(paths[2]);
    const api = createApi(p.lib, { autoAnalyse: false });
    console.error = (...args: unknown[]) => void logged.push(args);
    const r = await api.handle('similar.query', { sampleId: ids[2], k: 3 });
    console.error = original;
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'not-found');
    assert.equal(r.error.message, `the file ${paths[2]} is missing; rescan or relink its folder`);
    assert.deepEqual(logged, [], 'nothing logged');
    // The other sounds still search normally.
    const ok = await api.call('similar.query', { sampleId: ids[0], k: 3 });
    assert.ok(ok.hits.length > 0);
    api.close();
  } finally {
    console.error = original;
    p.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});
