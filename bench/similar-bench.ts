// Similar-search benchmark: IVF index build time, memory, ms/query p50/p95 and recall@10 against exact search on
// synthetic embedding-like vectors. Usage: node --import tsx bench/similar-bench.ts [--sizes 100000,1000000]
// [--dim 128] [--queries 200] [--repeat 2] [--nprobe 4,8,16,32]
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { SimilarityIndex } from '../src/main/intelligence/similarity-index.js';
import { rng } from '../src/main/intelligence/vector-math.js';
import { writeBenchSection } from './bench-report.js';
import { longestStall } from '../test/support/event-loop-stall.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
const dim = Number(arg('dim', '128'));
const queries = Number(arg('queries', '200'));
const repeat = Number(arg('repeat', '2'));
const nprobes = arg('nprobe', '4,8,16,32').split(',').map(Number);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
}

/**
 * Embedding-like vectors: a mixture of Gaussians on the unit sphere with two levels (60 "categories", each with
 * 30 sub-clusters of Zipf-distributed sizes and their own spread), every vector normalised to unit length.
 */
function embeddingLike(n: number, seed: number): { data: Float32Array; category: Int16Array; sample: () => Float32Array } {
  const rand = rng(seed);
  const cats = 60;
  const subs = 30;
  const unit = (v: Float32Array) => {
    let s = 0;
    for (const x of v) s += x * x;
    const inv = 1 / Math.sqrt(s || 1);
    for (let j = 0; j < v.length; j++) v[j] *= inv;
    return v;
  };
  const centres = new Float32Array(cats * subs * dim);
  const spread = new Float32Array(cats * subs);
  for (let c = 0; c < cats; c++) {
    const cat = unit(Float32Array.from({ length: dim }, () => gaussian(rand)));
    for (let s = 0; s < subs; s++) {
      const sub = unit(Float32Array.from({ length: dim }, (_, j) => cat[j] + (0.8 * gaussian(rand)) / Math.sqrt(dim)));
      centres.set(sub, (c * subs + s) * dim);
      spread[c * subs + s] = 0.35 + 0.4 * rand();
    }
  }
  // Zipf weights over the sub-clusters: a few big families of sounds, many small ones.
  const w = Float64Array.from({ length: cats * subs }, (_, i) => 1 / (1 + ((i * 7919) % (cats * subs))) ** 0.7);
  const cdf = new Float64Array(w.length);
  w.reduce((acc, x, i) => (cdf[i] = acc + x), 0);
  const pick = () => {
    const r = rand() * cdf[cdf.length - 1];
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const one = (out: Float32Array, o: number): number => {
    const c = pick();
    const sd = spread[c] / Math.sqrt(dim);
    let s = 0;
    for (let j = 0; j < dim; j++) {
      const x = centres[c * dim + j] + sd * gaussian(rand);
      out[o + j] = x;
      s += x * x;
    }
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < dim; j++) out[o + j] *= inv;
    return Math.floor(c / subs);
  };
  const data = new Float32Array(n * dim);
  const category = new Int16Array(n);
  for (let i = 0; i < n; i++) category[i] = one(data, i * dim);
  return {
    data,
    category,
    sample: () => {
      const v = new Float32Array(dim);
      one(v, 0);
      return v;
    },
  };
}

const pct = (a: number[], f: number) => a[Math.min(a.length - 1, Math.floor(f * a.length))].toFixed(2);
const rows: string[] = [];
for (const n of sizes) {
  const { data, category, sample } = embeddingLike(n, n);
  const qs = Array.from({ length: queries }, sample);
  for (let run = 1; run <= repeat; run++) {
    const index = new SimilarityIndex(dim, n);
    let t = performance.now();
    for (let i = 0; i < n; i++) index.add(i, data.subarray(i * dim, (i + 1) * dim));
    const addS = (performance.now() - t) / 1000;
    // Build asynchronously while a 1 ms timer measures the longest stall of the event loop.
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const { stall } = await longestStall(() => index.buildAsync({ seed: run }));
    const buildS = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const buildCpuS = (cpu.user + cpu.system) / 1e6;
    // The same timer while idle for as long: the stall that other jobs on the shared cores cause by themselves.
    const { stall: idleStall } = await longestStall(() => new Promise((r) => setTimeout(r, buildS * 1000)));
    const st = index.stats();
    // Warm-up: the first searches run before the engine has optimised the scan loop.
    for (let i = 0; i < 20; i++) index.search(qs[i], { k: 10 });
    const exact: Set<number>[] = [];
    const exactTimes: number[] = [];
    for (const q of qs) {
      t = performance.now();
      exact.push(new Set(index.searchExact(q, { k: 10 }).map((r) => r.id)));
      exactTimes.push(performance.now() - t);
    }
    exactTimes.sort((a, b) => a - b);
    for (const nprobe of nprobes) {
      const times: number[] = [];
      let hit = 0;
      qs.forEach((q, i) => {
        t = performance.now();
        const approx = index.search(q, { k: 10, nprobe });
        times.push(performance.now() - t);
        for (const r of approx) if (exact[i].has(r.id)) hit++;
      });
      times.sort((a, b) => a - b);
      const row = `| ${n.toLocaleString('en')} × ${dim} | ${run} | ${addS.toFixed(1)} + ${buildS.toFixed(1)} s (CPU ${buildCpuS.toFixed(1)} s) | ${stall.toFixed(0)} ms (idle ${idleStall.toFixed(0)} ms) | ${mb(st.bytes)} | ${st.lists} | ${nprobe} | ${pct(times, 0.5)} | ${pct(times, 0.95)} | ${(hit / (queries * 10)).toFixed(3)} | ${pct(exactTimes, 0.5)} | ${load()} |`;
      console.log(row, `(rss ${mb(process.memoryUsage().rss)}, kernel ${st.kernel})`);
      rows.push(row);
    }
    // "Similar, but only <category>": a subset of one category chosen away from each query (the hard case).
    const members = new Map<number, Set<number>>();
    for (let i = 0; i < n; i++) {
      let m = members.get(category[i]);
      if (!m) members.set(category[i], (m = new Set()));
      m.add(i);
    }
    const cats = [...members.keys()].sort((a, b) => a - b);
    const times: number[] = [];
    let hit = 0;
    let share = 0;
    qs.forEach((q, i) => {
      const subset = members.get(cats[(i * 7) % cats.length])!;
      share += subset.size / n / qs.length;
      const want = new Set(index.searchExact(q, { k: 10, subset }).map((r) => r.id));
      t = performance.now();
      const got = index.search(q, { k: 10, subset });
      times.push(performance.now() - t);
      for (const r of got) if (want.has(r.id)) hit++;
    });
    times.sort((a, b) => a - b);
    const row = `| ${n.toLocaleString('en')} × ${dim} | ${run} | category subset (${(share * 100).toFixed(1)}% of library, avg) | | | | ${index.defaultNprobe} | ${pct(times, 0.5)} | ${pct(times, 0.95)} | ${(hit / (queries * 10)).toFixed(3)} | | ${load()} |`;
    console.log(row);
    rows.push(row);
  }
}
writeBenchSection('similar', 'Similar search: IVF index (`npm run bench:similar`)', `
Data: embedding-like unit vectors — a two-level mixture of Gaussians on the sphere (60 categories × 30 sub-clusters,
Zipf-distributed sizes, per-cluster spread), ${queries} held-out queries from the same distribution, k = 10, recall@10
against exact search over the same index. Build = add() of every vector + buildAsync() (two-level k-means on a
sample, SIMD assignment): wall clock and this process's CPU time (the gap is other jobs' share of the 2 cores).
"Stall" = the longest event-loop pause during the async build, next to the longest pause of the same 1 ms timer
while idle for as long (what the other jobs cause by themselves). Memory = the index's vectors, lists and id map.
"Category subset" = similar-but-only-this-category, a category chosen away from the query, at the default nprobe.
Load = 1/5/15-minute load average when the row was printed.

| library | run | add + build | stall | memory | lists | nprobe | p50 ms/query | p95 ms/query | recall@10 | exact scan p50 ms | load |
|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
