// Similar-search benchmark: IVF index build time, ms/query p50/p95 and recall@10 against exact search on synthetic
// clustered vectors. Usage: node --import tsx bench/similar-bench.ts [--sizes 100000,1000000] [--dim 128]
import { performance } from 'node:perf_hooks';
import { SimilarityIndex } from '../src/main/intelligence/similarity-index.js';
import { rng } from '../src/main/intelligence/vector-math.js';
import { writeBenchSection } from './bench-report.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const sizes = arg('sizes', '100000').split(',').map(Number);
const dim = Number(arg('dim', '128'));
const queries = Number(arg('queries', '200'));

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
}

const rows: string[] = [];
for (const n of sizes) {
  const rand = rng(n);
  const clusters = Math.round(Math.sqrt(n) / 2);
  const centres = Float32Array.from({ length: clusters * dim }, () => gaussian(rand) * 3);
  const index = new SimilarityIndex(dim, n);
  const v = new Float32Array(dim);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rand() * clusters);
    for (let j = 0; j < dim; j++) v[j] = centres[c * dim + j] + gaussian(rand);
    index.add(i, v);
  }
  const t0 = performance.now();
  index.build();
  const buildMs = performance.now() - t0;
  for (const nprobe of [4, 8]) {
    const times: number[] = [];
    const exactTimes: number[] = [];
    let hit = 0;
    for (let q = 0; q < queries; q++) {
      const query = index.vector(Math.floor(rand() * n))!;
      for (let j = 0; j < dim; j++) query[j] += gaussian(rand) * 0.3;
      let t = performance.now();
      const approx = index.search(query, { k: 10, nprobe });
      times.push(performance.now() - t);
      t = performance.now();
      const exact = new Set(index.searchExact(query, { k: 10 }).map((r) => r.id));
      exactTimes.push(performance.now() - t);
      for (const r of approx) if (exact.has(r.id)) hit++;
    }
    times.sort((a, b) => a - b);
    exactTimes.sort((a, b) => a - b);
    const p = (a: number[], f: number) => a[Math.min(a.length - 1, Math.floor(f * a.length))].toFixed(2);
    const row = `| ${n.toLocaleString('en')} × ${dim} | ${(buildMs / 1000).toFixed(1)} s | ${nprobe} | ${p(times, 0.5)} | ${p(times, 0.95)} | ${(hit / (queries * 10)).toFixed(3)} | ${p(exactTimes, 0.5)} |`;
    console.log(row);
    rows.push(row);
  }
}
writeBenchSection('similar', 'Similar search: IVF index (`node --import tsx bench/similar-bench.ts`)', `
Synthetic clustered vectors (√n/2 Gaussian clusters), ${queries} queries near random samples, k = 10.

| library | build | nprobe | p50 ms/query | p95 ms/query | recall@10 | exact scan p50 ms |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
