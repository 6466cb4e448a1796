// `node --import tsx bench/store-bench.ts`: the library store at 100k files — indexing in scanner-sized batches,
// an unchanged rescan, analysis writes, vector loading and the hot queries. Prints figures and writes its section.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openLibraryDb, type IndexEntry, type AnalysisData } from '../src/main/store/index.js';
import { ANALYZER_IDS, type AnalyzerId } from '../src/shared/model/analysis.js';
import { writeBenchSection } from './bench-report.js';

const N = 100_000;
const ANALYSED = 20_000;
const DIM = 64;
const VERSIONS = Object.fromEntries(ANALYZER_IDS.map((a) => [a, 1])) as Record<AnalyzerId, number>;
const folders = ['Kicks', 'Snares', 'Hats', 'Percussion', 'Loops/Drums', 'Loops/Bass', 'One Shots/Synth', 'FX/Risers'];

function entries(rootId: number): IndexEntry[] {
  return Array.from({ length: N }, (_, i) => {
    const rel = `${folders[i % folders.length]}/Pack ${i % 97}/${i % 11 === 0 ? 'Café' : 'Dry'} sample ${i}.wav`;
    return { rootId, path: `/Users/producer/Music/Samples/${rel}`, relPath: rel, name: rel.split('/').pop()!, ext: 'wav', sizeBytes: 20_000 + i, mtimeMs: 1.7e12 + i * 1000.25 };
  });
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

function analysis(i: number): AnalysisData {
  const values = new Float32Array(DIM).map((_, k) => Math.sin(i + k));
  return {
    info: { format: 'wav', codec: 'pcm_s24le', sampleRate: 48000, channels: 2, bitDepth: 24, frames: 48000 },
    metadata: {},
    result: {
      fingerprint: { pcmHash: `h${i}`, frames: 48000, durationSec: 1 },
      peaks: { overview: { framesPerPeak: 188, min: new Float32Array(256).fill(-0.5), max: new Float32Array(256).fill(0.5) }, detail: { framesPerPeak: 64, min: new Float32Array(750), max: new Float32Array(750) } },
      vector: { values },
    },
    versions: VERSIONS,
    derived: { kind: 'oneshot', bpm: null, bpmSource: null, key: null, keySource: null, note: 'C3', rootMidi: 48, loudnessLufs: -12, peakDb: -0.5, durationSec: 1, fingerprint: `h${i}` },
  };
}

const rows: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'sonoteca-store-bench-'));
try {
  for (const batch of [2000, 10000]) {
    const file = join(dir, `library-${batch}.sqlite`);
    const lib = openLibraryDb(file);
    const root = lib.roots.add('/Users/producer/Music/Samples');
    const all = entries(root.id);
    const [, indexMs] = time(() => { for (let i = 0; i < N; i += batch) lib.samples.indexBatch(all.slice(i, i + batch)); });
    rows.push(`| index ${N.toLocaleString('en')} new files, batches of ${batch} | ${(indexMs / 1000).toFixed(2)} s (${Math.round(N / indexMs * 1000).toLocaleString('en')} files/s) |`);
    if (batch !== 2000) {
      lib.close();
      continue;
    }
    const [stats, statsMs] = time(() => lib.samples.statsForRoot(root.id));
    rows.push(`| statsForRoot (unchanged-rescan lookup map, ${stats.size.toLocaleString('en')} paths) | ${statsMs.toFixed(0)} ms |`);
    const [, tagMs] = time(() => lib.transaction(() => {
      for (let id = 1; id <= N; id++) {
        lib.tags.replaceSource(id, 'filename', [{ name: folders[id % folders.length].split('/')[0].toLowerCase(), confidence: 0.8 }, { name: 'dry', confidence: 0.5 }]);
        lib.labels.set(id, 'kick', 'filename', 0.8, { tokens: ['kick'] });
      }
    }));
    rows.push(`| derive 2 file-name tags + 1 label for every file, one transaction | ${(tagMs / 1000).toFixed(2)} s |`);
    const [everything, allMs] = time(() => lib.samples.list({ limit: 10_000_000 }));
    rows.push(`| list() of all ${everything.length.toLocaleString('en')} summaries with tags + category (start-up load) | ${(allMs / 1000).toFixed(2)} s |`);
    const [, nextMs] = time(() => lib.samples.nextForAnalysis(64, VERSIONS, Array.from({ length: 1000 }, (_, i) => i + 1)));
    rows.push(`| nextForAnalysis(64) with 1,000 excluded ids | ${nextMs.toFixed(1)} ms |`);
    const [, saveMs] = time(() => {
      for (let i = 1; i <= ANALYSED; i++) lib.samples.saveAnalysis(i, { sizeBytes: all[i - 1].sizeBytes, mtimeMs: all[i - 1].mtimeMs }, analysis(i));
    });
    rows.push(`| saveAnalysis, one transaction per file (${ANALYSED.toLocaleString('en')} files, peaks + ${DIM}-d vector) | ${(saveMs / ANALYSED * 1000).toFixed(0)} µs/file |`);
    const [v, vecMs] = time(() => lib.samples.vectors());
    rows.push(`| vectors(): ${v.ids.length.toLocaleString('en')} × ${v.dim} floats | ${vecMs.toFixed(0)} ms |`);
    const [, staleMs] = time(() => lib.samples.nextForAnalysis(64, { ...VERSIONS, key: 2 }));
    rows.push(`| nextForAnalysis(64) after a version bump (stale rows) | ${staleMs.toFixed(1)} ms |`);
    const [, listMs] = time(() => lib.samples.list({ rootId: root.id, limit: 200, offset: 50_000 }));
    rows.push(`| list 200 rows by root, offset 50,000, ordered by path | ${listMs.toFixed(1)} ms |`);
    const [hits, ftsMs] = time(() => lib.samples.list({ text: 'cafe snar', limit: 200 }));
    rows.push(`| FTS search "cafe snar" (${hits.length} rows, prefix + accent folding) | ${ftsMs.toFixed(1)} ms |`);
    const [, countsMs] = time(() => lib.samples.counts());
    rows.push(`| counts() | ${countsMs.toFixed(1)} ms |`);
    const [, detailMs] = time(() => { for (let i = 1; i <= 1000; i++) lib.samples.detail(i); });
    rows.push(`| detail() with typed arrays restored | ${(detailMs / 1000 * 1000).toFixed(0)} µs each |`);
    lib.close();
    rows.push(`| library file size at ${N.toLocaleString('en')} files (${ANALYSED.toLocaleString('en')} analysed) | ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const body = `| operation | result |\n|---|---|\n${rows.join('\n')}\n\nRun: \`node --import tsx bench/store-bench.ts\`. Synthetic paths (8 folders × 97 packs), a real SQLite file in the temp dir (WAL, synchronous=NORMAL). ` +
  `Load average at the end of the run: ${loadavg()[0].toFixed(1)} (the machine is shared; quiet runs were about 2x faster for indexing).`;
console.log(body);
writeBenchSection('store', 'Library store (SQLite)', body);
