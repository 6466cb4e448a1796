// Decode throughput on the hot path: one-shots per second per format (one core), written into docs/benchmarks.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openAudio } from '../src/main/decode/open-audio.js';
import { encodeWav } from '../src/main/encode/wav-writer.js';
import { encodeWithTool, sine } from '../test/support/audio-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'sonoteca-decode-bench-'));
const RATE = 44100;
// A typical one-shot: 0.5 s stereo.
const pcm = [sine(220, 0.5, RATE, 0.6), sine(330, 0.5, RATE, 0.4)];
const files: [string, string][] = [
  ['WAV 16-bit', 'a16.wav'], ['WAV 24-bit', 'a24.wav'], ['WAV 32-bit float', 'af.wav'], ['FLAC', 'a.flac'], ['MP3 128k', 'a.mp3'], ['Ogg Vorbis q4', 'a.ogg'],
];
writeFileSync(join(dir, 'a16.wav'), encodeWav(pcm, RATE, { bitDepth: 16 }));
writeFileSync(join(dir, 'a24.wav'), encodeWav(pcm, RATE, { bitDepth: 24 }));
writeFileSync(join(dir, 'af.wav'), encodeWav(pcm, RATE, { bitDepth: 32, float: true }));
for (const f of ['flac', 'mp3', 'ogg'] as const) encodeWithTool(join(dir, 'a16.wav'), f, join(dir, `a.${f}`));

async function decodeOnce(path: string): Promise<number> {
  const src = await openAudio(path);
  let n = 0;
  for await (const b of src.blocks()) n += b[0]!.length;
  await src.close();
  return n;
}

const rows: string[] = [];
for (const [label, name] of files) {
  const path = join(dir, name);
  for (let i = 0; i < 20; i++) await decodeOnce(path); // warm-up (JIT, wasm compile)
  // Process CPU time (GC included) is what a busy shared machine cannot inflate much; wall time is shown too.
  const runs = 100;
  let ms = Infinity, wall = Infinity;
  for (let round = 0; round < 3; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await decodeOnce(path);
    const c = process.cpuUsage(c0);
    ms = Math.min(ms, (c.user + c.system) / 1000 / runs);
    wall = Math.min(wall, (performance.now() - t0) / runs);
  }
  const line = `| ${label} | ${ms.toFixed(3)} | ${wall.toFixed(3)} | ${(1000 / ms).toFixed(0)} |`;
  rows.push(line);
  console.log(line);
}
rmSync(dir, { recursive: true, force: true });

const cpu = cpus();
const section = [
  '<!-- bench:decode -->',
  '## Decode (openAudio → all blocks), 0.5 s stereo 44.1 kHz one-shots, one core',
  '',
  `${new Date().toISOString().slice(0, 10)} · ${cpu[0]?.model ?? 'unknown CPU'} · ${cpu.length} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version} · load average ${loadavg()[0]!.toFixed(1)} at start (shared machine: wall time is inflated by other load; best of 3 rounds of 100)`,
  '',
  '| Format | CPU ms / file | wall ms / file | files / s (CPU) |',
  '|---|---|---|---|',
  ...rows,
  '<!-- /bench:decode -->',
].join('\n');
const doc = 'docs/benchmarks.md';
const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
const re = /<!-- bench:decode -->[\s\S]*?<!-- \/bench:decode -->/;
writeFileSync(doc, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
