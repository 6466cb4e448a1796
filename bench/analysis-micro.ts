// Micro-benchmark of analyseSource: ms per 1 s stereo one-shot, per 8 s loop, and per analyzer (run alone,
// so frame-based analyzers include the shared front end). Writes its section of docs/benchmarks.md.
import os from 'node:os';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyseSource } from '../src/main/analysis/analyse-source.js';
import { sourceFromPcm } from '../src/main/decode/audio-source.js';
import { ANALYZER_IDS, type AnalyzerId } from '../src/shared/model/analysis.js';
import { drumLoop, kick, mixAt, note, snare } from '../test/support/signals.js';

const SR = 44100;

function oneShots(count: number): Float32Array[][] {
  const out: Float32Array[][] = [];
  for (let i = 0; i < count; i++) {
    const x = new Float32Array(SR);
    // Vary the material: kick, snare, tonal note.
    if (i % 3 === 0) mixAt(x, kick(0.6, SR), 0);
    else if (i % 3 === 1) mixAt(x, snare(0.5, SR, 0.6, i + 1), 0);
    else mixAt(x, note(110 * (1 + (i % 7) / 7), 1, SR), 0);
    out.push([x, x.map((v) => v * 0.9)]);
  }
  return out;
}

/** Best-of-rounds ms per file, as process CPU time (robust on a shared machine) and as wall time. */
async function timeIt(inputs: Float32Array[][], only?: AnalyzerId[], rounds = 3): Promise<number> {
  let best = Infinity;
  let bestWall = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const ch of inputs) await analyseSource(sourceFromPcm(ch, SR), only ? { only } : {});
    const c = process.cpuUsage(c0);
    bestWall = Math.min(bestWall, (performance.now() - t0) / inputs.length);
    best = Math.min(best, (c.user + c.system) / 1000 / inputs.length);
  }
  lastWall = bestWall;
  return best;
}
let lastWall = 0;

const shots = oneShots(60);
const loop = drumLoop(120, 4, SR);
const loops = Array.from({ length: 6 }, () => [loop, loop.map((v) => v * 0.8)]);
await timeIt(shots.slice(0, 10)); // warm-up: JIT
const lines: string[] = [];
const shot = await timeIt(shots);
const shotWall = lastWall;
const loopMs = await timeIt(loops);
const loopWall = lastWall;
lines.push(`| full analysis, 1 s 44.1 kHz stereo one-shot | ${shot.toFixed(2)} ms (wall ${shotWall.toFixed(2)}) | ${(1000 / shot).toFixed(0)} files/s per core |`);
lines.push(`| full analysis, 8 s 44.1 kHz stereo loop | ${loopMs.toFixed(2)} ms (wall ${loopWall.toFixed(2)}) | ${(loopMs / 8).toFixed(2)} ms per audio second |`);
for (const id of ANALYZER_IDS) {
  const ms = await timeIt(shots, [id]);
  lines.push(`| only \`${id}\` (with its dependencies), 1 s one-shot | ${ms.toFixed(2)} ms | |`);
}
// Machine-speed check: a latency-bound dependent add chain (≈1.3 ns on an idle 3 GHz core).
const probe = Float32Array.from({ length: 88200 }, (_, i) => Math.sin(i));
let sink = 0;
const tp = process.cpuUsage();
for (let k = 0; k < 500; k++) for (let i = 0; i < probe.length; i++) sink += probe[i] * probe[i];
const probeNs = ((process.cpuUsage(tp).user / 1000) * 1e6) / (500 * probe.length);
const cpu = os.cpus();
const section = [
  '<!-- bench:analysis-micro -->',
  '## Analysis micro-benchmark (`node --import tsx bench/analysis-micro.ts`)',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. Synthesized audio, in-memory sources (no decoding), best of 3 rounds, single thread; times are process CPU time per file (the machine is shared), wall time in brackets. Speed check: ${probeNs.toFixed(2)} ns per dependent multiply-add (≈1.3 on an idle 3 GHz core; higher means the shared machine was busy)${sink > 0 ? '' : '!'}.`,
  '',
  '| what | CPU time | rate |',
  '|---|---|---|',
  ...lines,
  '<!-- /bench:analysis-micro -->',
].join('\n');
console.log(section);
const file = 'docs/benchmarks.md';
const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const re = /<!-- bench:analysis-micro -->[\s\S]*?<!-- \/bench:analysis-micro -->/;
writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
