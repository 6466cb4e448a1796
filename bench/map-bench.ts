// 2-D map benchmark: our UMAP-style layout vs umap-js on the same synthetic clustered vectors — time and
// trustworthiness@10. Usage: node --import tsx bench/map-bench.ts [--n 10000] [--dim 64] [--skip-umap]
import { performance } from 'node:perf_hooks';
import { UMAP } from 'umap-js';
import { computeMapLayout, extendMapLayout, trustworthiness } from '../src/main/intelligence/map-layout.js';
import { rng } from '../src/main/intelligence/vector-math.js';
import { writeBenchSection } from './bench-report.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('n', '10000'));
const dim = Number(arg('dim', '64'));
const rand = rng(7);
const gaussian = () => Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
const clusters = 30;
const centres = Float32Array.from({ length: clusters * dim }, () => gaussian() * 2.5);
const data = new Float32Array(n * dim);
for (let i = 0; i < n; i++) {
  const c = Math.floor(rand() * clusters);
  for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j] + gaussian();
}

const rows: string[] = [];
let t = performance.now();
const ours = computeMapLayout(data, dim);
const oursS = (performance.now() - t) / 1000;
const tOurs = trustworthiness(data, dim, ours, 10, 1000);
rows.push(`| Sonoteca map-layout | ${oursS.toFixed(1)} s | ${tOurs.toFixed(4)} |`);
console.log(rows.at(-1));

t = performance.now();
const added = n + 10;
const extra = new Float32Array(added * dim);
extra.set(data);
for (let i = n; i < added; i++) for (let j = 0; j < dim; j++) extra[i * dim + j] = centres[(i % clusters) * dim + j] + gaussian();
extendMapLayout(extra, dim, ours);
rows.push(`| incremental add of 10 samples | ${((performance.now() - t) / 1000).toFixed(2)} s | – |`);
console.log(rows.at(-1));

if (!process.argv.includes('--skip-umap')) {
  const arrays: number[][] = [];
  for (let i = 0; i < n; i++) arrays.push(Array.from(data.subarray(i * dim, (i + 1) * dim)));
  t = performance.now();
  const umap = new UMAP({ nComponents: 2, nNeighbors: 15, random: rng(3) });
  const emb = umap.fit(arrays);
  const umapS = (performance.now() - t) / 1000;
  const pos = Float32Array.from(emb.flat());
  rows.push(`| umap-js 1.4 (default epochs) | ${umapS.toFixed(1)} s | ${trustworthiness(data, dim, pos, 10, 1000).toFixed(4)} |`);
  console.log(rows.at(-1));
}
writeBenchSection('map', '2-D map layout (`node --import tsx bench/map-bench.ts`)', `
${n.toLocaleString('en')} synthetic vectors × ${dim} dims in ${clusters} Gaussian clusters; trustworthiness@10 over 1,000 sampled points.

| method | time | trustworthiness@10 |
|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
