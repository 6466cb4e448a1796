// Warm map calls: how long the map's points take once the layout is stored and the library loaded — the service
// alone and the whole `map.points` API call — on the large-map fixture (as bench:map-ui builds it) with model and
// filename labels on every sound, as after a first scan. Usage: node --import tsx bench/map-warm-bench.ts
// [--n 10000,100000] [--repeat 5]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildMapLibrary } from '../test/e2e/large-map-library.js';
import { libraryMap } from '../src/main/services/library-map.js';
import { ServiceIntelligence } from '../src/main/api/service-intelligence.js';
import { createApi } from '../src/main/api/create-api.js';
import { writeBenchSection } from './bench-report.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('n', '10000,100000').split(',').map(Number);
const repeat = Number(arg('repeat', '5'));
const KINDS = ['kick', 'snare', 'hat', 'perc', 'bass', 'pad', 'lead', 'fx'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function ms(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}
async function medianMs(f: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < repeat; i++) xs.push(await ms(f));
  return median(xs);
}
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + ' ms';

const rows: string[] = [];
for (const n of sizes) {
  const base = await mkdtemp(join(tmpdir(), 'sonoteca-bench-map-warm-'));
  try {
    const lib = await buildMapLibrary(join(base, 'lib'), join(base, 'Pack'), n);
    const db = lib.db;
    const ids = db.db.prepare('SELECT id FROM samples ORDER BY id').pluck().all() as number[];
    db.labels.replaceSource('model', ids.map((id, i) => ({ sampleId: id, category: KINDS[i % 8], confidence: 0.8, evidence: { neighbours: [i, i + 1, i + 2] } })));
    db.labels.replaceSource('filename', ids.filter((_, i) => i % 3 === 0).map((id, i) => ({ sampleId: id, category: KINDS[(i + 1) % 8], confidence: 0.9 })));
    await new Promise((r) => setTimeout(r, 5));

    const cold = await ms(() => libraryMap(db));
    const warm = await medianMs(() => libraryMap(db));
    // Any write invalidates the whole-database stamp; the parts are then checked one by one and kept.
    const afterWrite = await medianMs(async () => {
      db.settings.set('bench.unrelated', Math.random());
      await libraryMap(db);
    });
    const selected = await medianMs(() => libraryMap(db, { selectedId: ids[5] }));

    const intel = new ServiceIntelligence(db);
    const api = createApi(lib, { intelligence: intel, autoAnalyse: false });
    const apiCold = await ms(() => api.call('map.points', {}));
    await intel.clustersPending();
    const layout = await medianMs(() => intel.mapLayout());
    const apiWarm = await medianMs(() => api.call('map.points', {}));
    const load = loadavg().map((x) => x.toFixed(2)).join(' ');
    const row = `| ${n.toLocaleString('en')} | ${fmt(cold)} | ${fmt(warm)} | ${fmt(afterWrite)} | ${fmt(selected)} | ${fmt(apiCold)} | ${fmt(layout)} | ${fmt(apiWarm)} | ${load} |`;
    rows.push(row);
    console.log(row);
    api.close();
    lib.close();
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

writeBenchSection('map-warm', 'Map: warm `map.points` calls (`node --import tsx bench/map-warm-bench.ts`)', `
The large-map fixture of \`bench:map-ui\` (stored 84-d vectors, embeddings and layout in 30 clusters) plus a model
label on every sound and a filename label on a third, as after a first scan. Medians of ${repeat} calls in one
process; the load average shows how busy the 2 shared cores were.

- **libraryMap cold**: the first call — vectors loaded and standardised, stored layout read, labels read.
- **warm**: nothing written since: the remembered answer (the database's change stamp is unchanged).
- **after a write**: an unrelated setting written before each call, so the stamp moves and the vectors, stored
  layout and labels are each re-checked (their own stamps) before the answer is kept.
- **with selection**: warm, plus the distance of every point to one chosen sound.
- **map.points**: the API call the UI makes (first call of a fresh API, then warm once clusters are ready);
  \`mapLayout\` is the intelligence port's part of it (typed arrays, cluster lookup, fitting to the square), the
  rest is the API's per-point rows (category and folder indices).

Before (same fixture and machine, 2026-11-23, the map recomputing its points every call): libraryMap warm 933–999 ms
and map.points warm 1,041–1,246 ms at 100,000 sounds; 45–80 ms and 77–79 ms at 10,000.

| sounds | libraryMap cold | warm | after a write | with selection | map.points cold | mapLayout warm | map.points warm | load |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
