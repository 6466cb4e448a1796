// Inference benchmark: ms per sample for the shipped embedder, batched, on the active backend; prints figures and
// writes its section of docs/benchmarks.md.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { loadEmbedder } from '../embedder.js';
import { logMelPatch } from '../log-mel.js';
import { synthDrum } from './drum-synth.js';
import { makeRng } from './rng.js';

const rate = 44100;
const rng = makeRng(1);
const kinds = ['kick', 'snare', 'hihat_closed', 'cymbal'] as const;
const items = Array.from({ length: 128 }, (_, i) => ({ mono: synthDrum(kinds[i % 4], rate, rng, 2), sampleRate: rate }));
const lines: string[] = [];
const say = (s: string): void => {
  console.log(s);
  lines.push(s);
};

// One untimed round first, as for the embedder below: the figure is the steady state, not the JIT warming up.
for (const it of items) logMelPatch(it.mono, it.sampleRate);
let t = performance.now();
for (const it of items) logMelPatch(it.mono, it.sampleRate);
say(`- log-mel front end (2 s at 44.1 kHz): ${((performance.now() - t) / items.length).toFixed(2)} ms/sample`);
for (const batchSize of [1, 16, 64]) {
  const embedder = await loadEmbedder({ batchSize });
  await embedder.embed(items.slice(0, batchSize));
  t = performance.now();
  await embedder.embed(items);
  const ms = (performance.now() - t) / items.length;
  say(`- embed (front end + CNN), batch ${batchSize}, ${embedder.backend} backend: ${ms.toFixed(2)} ms/sample`);
  embedder.dispose();
}
const machine = `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const section = `<!-- bench:embed -->\n## Neural embedding (${new Date().toISOString().slice(0, 10)}, ${machine})\n\n${lines.join('\n')}\n<!-- /bench:embed -->`;
const path = 'docs/benchmarks.md';
let doc = '';
try {
  doc = await readFile(path, 'utf8');
} catch {
  doc = '# Benchmarks\n';
}
const re = /<!-- bench:embed -->[\s\S]*?<!-- \/bench:embed -->/;
await writeFile(path, re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`);
