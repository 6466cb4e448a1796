// Accuracy of the one-shot/loop decision and loop tempo: loop recall and tempo on synthesized loops at known tempos
// (src/main/synth, loopShare 1), false loops on the development corpus's one-shots and recall/tempo on its Sonic Pi
// loops when the corpus is built (shared/corpus/build-dev-corpus.sh). Writes its section of docs/benchmarks.md.
// Usage: node --import tsx bench/loop-kind-bench.ts [--synth N] [--seed S] [--no-corpus] [--no-write]
// (--no-write prints the section without touching docs/benchmarks.md: for checks on other seeds.)
import os from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSource } from '../src/main/analysis/analyse-source.js';
import { sourceFromPcm } from '../src/main/decode/audio-source.js';
import { openAudio } from '../src/main/decode/open-audio.js';
import { randomSpec, synthesize } from '../src/main/synth/index.js';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--synth', 150);
const SEED = arg('--seed', 7000);
const MANIFESTS = join(process.env.CORPUS ?? join(os.homedir(), '.cache/sonoteca-dev-corpus'), 'manifests');
const useCorpus = !process.argv.includes('--no-corpus') && existsSync(join(MANIFESTS, 'sonic_pi.csv'));

interface Tally { n: number; loops: number; tempoOk: number; octave: number; withBpm: number }
const tally = (): Tally => ({ n: 0, loops: 0, tempoOk: 0, octave: 0, withBpm: 0 });
const within = (a: number | null | undefined, b: number) => a != null && Math.abs(a - b) < 1;
const octaveOff = (a: number | null | undefined, b: number) => a != null && [0.5, 2].some((r) => Math.abs(a / b / r - 1) < 0.02);

function count(t: Tally, kind: string | undefined, bpm: number | null | undefined, truth: number | null): void {
  t.n++;
  if (kind === 'loop') t.loops++;
  if (truth) {
    t.withBpm++;
    if (within(bpm, truth)) t.tempoOk++;
    else if (octaveOff(bpm, truth)) t.octave++;
  }
}

const synth = tally();
const byKind = new Map<string, Tally>();
// Chord loops by length: a 1-bar chord loop is one held chord, which only its tempo-exact length tells apart.
const chordBars = new Map<number, Tally>();
for (let i = 0; i < N; i++) {
  const spec = randomSpec(SEED + i, { loopShare: 1 });
  if (!spec.loop) continue;
  const snd = synthesize(spec);
  const r = await analyseSource(sourceFromPcm(snd.channels, snd.sampleRate, { path: snd.name }), { only: ['envelope', 'rhythm'] });
  count(synth, r.envelope?.kind, r.rhythm?.bpm, spec.loop.bpm);
  const family = snd.subTags.includes('chord-loop') ? 'chord loops' : /Loop/.test(snd.name) && !/Bass/.test(snd.name) ? 'drum/top/perc loops' : 'bass/arp loops';
  if (!byKind.has(family)) byKind.set(family, tally());
  count(byKind.get(family)!, r.envelope?.kind, r.rhythm?.bpm, spec.loop.bpm);
  if (family === 'chord loops') {
    if (!chordBars.has(spec.loop.bars)) chordBars.set(spec.loop.bars, tally());
    count(chordBars.get(spec.loop.bars)!, r.envelope?.kind, r.rhythm?.bpm, spec.loop.bpm);
  }
}

let oneShots = 0, falseLoops = 0;
const sonic = tally();
if (useCorpus) {
  for (const file of ['gm_rendered_fluidr3.csv', 'gm_rendered_musescore.csv', 'sonic_pi.csv']) {
    const lines = readFileSync(join(MANIFESTS, file), 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const f = line.split(',');
      const isLoop = file === 'sonic_pi.csv' && f[6] === 'loop';
      // The Sonic Pi manifest's 'loop' rows carry a tempo in column 8 when its name states one.
      const truth = isLoop && f[7] ? Number(f[7]) : null;
      const src = await openAudio(f[0]);
      try {
        const r = await analyseSource(src, { only: ['envelope', 'rhythm'] });
        if (isLoop) count(sonic, r.envelope?.kind, r.rhythm?.bpm, truth);
        else {
          oneShots++;
          if (r.envelope?.kind === 'loop') falseLoops++;
        }
      } finally {
        await src.close();
      }
    }
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : 'n/a');
const rows = [
  `| Synthesized loops (seeds ${SEED}–${SEED + N - 1}) | ${synth.loops}/${synth.n} (${pct(synth.loops, synth.n)}) | ${synth.tempoOk}/${synth.withBpm} (${pct(synth.tempoOk, synth.withBpm)}) | ${synth.octave} |`,
  ...[...byKind].map(([k, t]) => `| · ${k} | ${t.loops}/${t.n} | ${t.tempoOk}/${t.withBpm} | ${t.octave} |`),
  ...[...chordBars].sort(([a], [b]) => a - b).map(([bars, t]) => `| · · chord loops, ${bars} bar${bars === 1 ? '' : 's'} | ${t.loops}/${t.n} | ${t.tempoOk}/${t.withBpm} | ${t.octave} |`),
];
if (useCorpus) rows.push(`| Sonic Pi loops (tempo: those with a known BPM) | ${sonic.loops}/${sonic.n} | ${sonic.tempoOk}/${sonic.withBpm} | ${sonic.octave} |`);
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const section = [
  '<!-- bench:loop-kind -->',
  '## One-shot/loop and loop tempo (`node --import tsx bench/loop-kind-bench.ts`)',
  '',
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}. ` +
    'Tempo counts as right within 1 BPM; octave errors (half/double) are counted separately.',
  '',
  '| Set | Called loop | Tempo right | Octave errors |',
  '|---|---|---|---|',
  ...rows,
  '',
  useCorpus ? `False loops on the corpus one-shots (FluidR3/MuseScore single notes, Sonic Pi one-shots): ${falseLoops}/${oneShots} (${pct(falseLoops, oneShots)}).` : 'Development corpus not built: corpus rows skipped.',
  '<!-- /bench:loop-kind -->',
].join('\n');
console.log(section);
if (process.argv.includes('--no-write')) process.exit(0);
const file = new URL('../docs/benchmarks.md', import.meta.url);
const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
const re = /<!-- bench:loop-kind -->[\s\S]*?<!-- \/bench:loop-kind -->/;
writeFileSync(file, re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}\n`);
