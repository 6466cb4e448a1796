// Measures synthesizer throughput (one-shots and loops per second) and records it in docs/benchmarks.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { synthesize, randomSpec, SYNTH_CATEGORIES } from '../src/main/synth/index.js';

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// Warm the JIT so the figures describe steady state, as in a long benchmark run.
for (let i = 0; i < 60; i++) synthesize(randomSpec(i));

const rows: string[] = [];
let totalMs = 0;
let totalN = 0;
for (const category of SYNTH_CATEGORIES) {
  const N = 12;
  const ms = time(() => {
    for (let i = 0; i < N; i++) synthesize({ category, seed: 1000 + i, durationSec: 1 });
  });
  totalMs += ms;
  totalN += N;
  rows.push(`| ${category} | ${(ms / N).toFixed(1)} |`);
}
const mixN = 300;
let audioSec = 0;
const mixMs = time(() => {
  for (let i = 0; i < mixN; i++) {
    const s = synthesize(randomSpec(5000 + i, { loopShare: 0.15 }));
    audioSec += s.channels[0].length / s.sampleRate;
  }
});
const loopMs = time(() => {
  for (let i = 0; i < 20; i++) synthesize({ category: 'kick', seed: i, loop: { bpm: 124, bars: 2 } });
}) / 20;

const cpu = cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${loadavg()[0].toFixed(1)}`;
const lines = [
  `Date: ${new Date().toISOString().slice(0, 10)} — ${machine} — Node ${process.version}, single thread, 44.1 kHz.`,
  '',
  `- 1-second one-shots, all categories: ${(totalMs / totalN).toFixed(1)} ms each (${((1000 * totalN) / totalMs).toFixed(0)} sounds/s)`,
  `- randomSpec mix (15% loops): ${((1000 * mixN) / mixMs).toFixed(0)} sounds/s, ${(audioSec / (mixMs / 1000)).toFixed(0)}× real time`,
  `- 2-bar drum loop at 124 BPM: ${loopMs.toFixed(1)} ms`,
  '',
  '| category | ms per 1 s one-shot |',
  '|---|---|',
  ...rows,
];
console.log(lines.join('\n'));

const doc = 'docs/benchmarks.md';
const section = `<!-- bench:synth -->\n## Synthesizer\n\n${lines.join('\n')}\n<!-- /bench:synth -->`;
const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
const re = /<!-- bench:synth -->[\s\S]*?<!-- \/bench:synth -->/;
writeFileSync(doc, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
