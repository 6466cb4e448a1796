// How long labelling the whole library takes (classifyLibrary: the pass after every scan) with the shipped model and
// reference sets, with and without the second vote for tonal sounds, on the large-map fixture (descriptor vectors and
// embeddings written straight into the store). Usage: npm run bench:classify [-- --n 10000,100000]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildMapLibrary } from '../test/e2e/large-map-library.js';
import { classifyLibrary } from '../src/main/services/classify.js';
import { loadBuiltinReferenceSets } from '../src/main/services/builtin-references.js';
import { sharedEmbedder } from '../src/main/services/embedding-store.js';
import { rng } from '../src/main/intelligence/vector-math.js';
import { writeBenchSection } from './bench-report.js';
import { longestStall } from '../test/support/event-loop-stall.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('n', '10000,100000').split(',').map(Number);

/**
 * The fixture's embeddings are random projections, far from every real sound: replace them with the shipped
 * references' embeddings plus noise, so the votes (and which sounds come out tonal) are like a real library's.
 */
async function soundLikeReferences(db: Awaited<ReturnType<typeof buildMapLibrary>>['db'], n: number): Promise<void> {
  const embedder = (await sharedEmbedder())!;
  const set = (await loadBuiltinReferenceSets()).find((s) => s.featureVersion === embedder.version)!;
  const rand = rng(5);
  const ids = db.db.prepare('SELECT id FROM samples ORDER BY id').pluck().all() as number[];
  db.embeddings.putMany(ids.slice(0, n).map((id, i) => {
    const r = i % set.labels.length;
    const vector = set.vectors.slice(r * set.dim, (r + 1) * set.dim).map((x) => x + (rand() - 0.5) * 0.08);
    const norm = Math.hypot(...vector);
    return { id, vector: vector.map((x) => x / norm) };
  }), embedder.version);
}

const rows: string[] = [];
for (const n of sizes) {
  const base = await mkdtemp(join(tmpdir(), 'sonoteca-bench-classify-'));
  try {
    const lib = await buildMapLibrary(join(base, 'lib'), join(base, 'Pack'), n);
    await soundLikeReferences(lib.db, n);
    // Character tags are written once per analysed sound whatever the vote; leave them out of both timings.
    const opts = { vectors: 'embedding', characterTags: false } as const;
    await classifyLibrary(lib.db, opts); // loads the model, reference sets and library vectors once
    for (const tonalRevote of [false, true]) {
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const { stall, result: r } = await longestStall(() => classifyLibrary(lib.db, { ...opts, tonalRevote }));
      const wall = (performance.now() - t0) / 1000;
      const cpu = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6;
      const line = `| ${n.toLocaleString('en-US')} | ${tonalRevote ? 'yes' : 'no'} | ${wall.toFixed(1)} s | ${cpu.toFixed(1)} s | ${((1000 * wall) / n).toFixed(2)} ms | ${stall.toFixed(0)} ms | ${r.tonalRevote.voted.toLocaleString('en-US')} (${r.tonalRevote.changed.toLocaleString('en-US')} changed) | ${r.references.builtin} | ${loadavg().map((x) => x.toFixed(2)).join(' ')} |`;
      console.log(line);
      rows.push(line);
    }
    await lib.close();
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

writeBenchSection('classify', 'Labelling pass: `classifyLibrary` (`npm run bench:classify`)', `
The whole-library labelling pass that follows every scan, in the embedding space with the shipped reference sets
(${'`'}assets/model${'`'}), on the large-map fixture: clustered descriptor vectors and embeddings written straight into
the store, embeddings taken from the shipped references plus noise so about as many sounds come out tonal as in
the development corpus. Its descriptors are unrelated to those embeddings, so how many labels the second vote changes
means nothing here (on the development corpus it is what the eval measures); the time it costs is the app's. "Second vote" = sounds
the embedding calls tonal are voted again in the embedding joined with descriptors (${'`'}tonal-revote.ts${'`'}).
Wall and CPU time of this process (second run of each; the first loads the model and vectors), per sound, the
longest event-loop pause during the pass (the labelling loop yields every 10 ms; what remains is building the
state and writing the labels in one transaction), and the 1/5/15-minute load average.

| library | second vote | wall | CPU | per sound | longest pause | voted again | built-in refs | load |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
