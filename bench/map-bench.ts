// 2-D map benchmark: our UMAP-style layout vs umap-js on the same synthetic clustered vectors — wall and CPU time,
// trustworthiness@10, and the load average (the cores are shared). Usage: node --import tsx bench/map-bench.ts
// [--n 10000] [--dim 64] [--repeat 2] [--skip-umap]
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
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
const repeat = Number(arg('repeat', '2'));
const rand = rng(7);
const gaussian = () => Math.sqrt(-2 * Math.log(Math.max(1e-12, rand()))) * Math.cos(2 * Math.PI * rand());
const clusters = 30;
const centres = Float32Array.from({ length: clusters * dim }, () => gaussian() * 2.5);
const data = new Float32Array(n * dim);
for (let i = 0; i < n; i++) {
  const c = Math.floor(rand() * clusters);
  for (let j = 0; j < dim; j++) data[i * dim + j] = centres[c * dim + j] + gaussian();
}
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Wall seconds, CPU seconds of this process, result. */
function timed<T>(f: () => T): [number, number, T] {
  const t = performance.now();
  const c = process.cpuUsage();
  const out = f();
  const cpu = process.cpuUsage(c);
  return [(performance.now() - t) / 1000, (cpu.user + cpu.system) / 1e6, out];
}

const rows: string[] = [];
const row = (r: string) => {
  rows.push(r);
  console.log(r);
};
for (let run = 1; run <= repeat; run++) {
  const [wall, cpu, ours] = timed(() => computeMapLayout(data, dim));
  row(`| Sonoteca map-layout | ${run} | ${wall.toFixed(1)} s | ${cpu.toFixed(1)} s | ${trustworthiness(data, dim, ours, 10, 1000).toFixed(4)} | ${load()} |`);
  const added = n + 10;
  const extra = new Float32Array(added * dim);
  extra.set(data);
  for (let i = n; i < added; i++) for (let j = 0; j < dim; j++) extra[i * dim + j] = centres[(i % clusters) * dim + j] + gaussian();
  const [ew, ec] = timed(() => extendMapLayout(extra, dim, ours));
  row(`| incremental add of 10 samples | ${run} | ${ew.toFixed(2)} s | ${ec.toFixed(2)} s | – | ${load()} |`);
}
if (!process.argv.includes('--skip-umap')) {
  const arrays: number[][] = [];
  for (let i = 0; i < n; i++) arrays.push(Array.from(data.subarray(i * dim, (i + 1) * dim)));
  for (let run = 1; run <= repeat; run++) {
    const [wall, cpu, emb] = timed(() => new UMAP({ nComponents: 2, nNeighbors: 15, random: rng(3) }).fit(arrays));
    const pos = Float32Array.from(emb.flat());
    row(`| umap-js 1.4 (default epochs) | ${run} | ${wall.toFixed(1)} s | ${cpu.toFixed(1)} s | ${trustworthiness(data, dim, pos, 10, 1000).toFixed(4)} | ${load()} |`);
  }
}
writeBenchSection('map', '2-D map layout (`npm run bench:map`)', `
${n.toLocaleString('en')} synthetic vectors × ${dim} dims in ${clusters} Gaussian clusters; trustworthiness@10 over 1,000 sampled
points. Wall and CPU time of this process (on 2 shared cores the gap is other jobs' share), with the 1/5/15-minute
load average when the row was printed.

| method | run | wall | CPU | trustworthiness@10 | load |
|---|---|---|---|---|---|
${rows.join('\n')}
`);
console.log('written to docs/benchmarks.md');
