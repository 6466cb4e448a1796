// Personal similarity (issue #3): how much a head trained on 50 / 200 / 1000 user labels sharpens the user's own
// distinctions (sub-kinds the taxonomy lacks: "kick · 808" vs "kick · acoustic"…) on held-out sounds, what it does to
// sounds the user never labelled, and how long training takes. Synthesized audio only.
// Run: node --import tsx bench/personal-head-bench.ts [--per-class 40] [--sizes 50,200,1000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbedder } from '../src/main/ml/embedder.js';
import { synthesize, type CategoryId } from '../src/main/synth/index.js';
import { listVariants } from '../src/main/synth/index.js';
import { trainHeadHere } from '../src/main/services/personal-head-train.js';
import { projectRows, readHeadFile } from '../src/main/services/personal-head-file.js';
import { writeBenchSection } from './bench-report.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PER_CLASS = Number(arg('per-class', '40'));
const TEST_PER_CLASS = 10;
const SIZES = arg('sizes', '50,200,1000').split(',').map(Number);
const LABELLED: CategoryId[] = ['kick', 'snare', 'clap', 'hihat_closed', 'bass'];
const UNLABELLED: CategoryId[] = ['keys', 'pad', 'lead', 'pluck', 'organ', 'strings', 'tom', 'mallet'];

interface Item { label: string; category: string; vector: Float32Array }

function mono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const out = new Float32Array(channels[0].length);
  for (const c of channels) c.forEach((v, i) => (out[i] += v / channels.length));
  return out;
}

const embedder = await loadEmbedder();
let seed = 1;
async function render(category: CategoryId, variant: string | undefined, count: number): Promise<Item[]> {
  const sounds = Array.from({ length: count }, () => synthesize({ category, variant, seed: seed++, durationSec: category === 'pad' || category === 'strings' ? 1.5 : undefined }));
  const vectors = await embedder.embed(sounds.map((s) => ({ mono: mono(s.channels), sampleRate: s.sampleRate })));
  return sounds.map((s, i) => ({ label: `${category} · ${s.variant}`, category, vector: vectors[i] }));
}

const t0 = performance.now();
const trainPool: Item[] = [];
const testPool: Item[] = [];
for (const c of LABELLED) {
  for (const v of listVariants(c)) {
    trainPool.push(...(await render(c, v, PER_CLASS)));
    testPool.push(...(await render(c, v, TEST_PER_CLASS)));
  }
}
const unlabelled: Item[] = [];
for (const c of UNLABELLED) unlabelled.push(...(await render(c, undefined, PER_CLASS)));
// Classes in round-robin order over categories, so a user with few labels still spans kicks, snares, hats…
const byCategory = LABELLED.map((c) => [...new Set(trainPool.filter((i) => i.category === c).map((i) => i.label))]);
const classOrder: string[] = [];
for (let k = 0; classOrder.length < byCategory.flat().length; k++) for (const list of byCategory) if (list[k]) classOrder.push(list[k]);
const classes = classOrder.length;
console.log(`rendered + embedded ${trainPool.length + testPool.length + unlabelled.length} sounds (${classes} user classes) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

const flat = (items: Item[], rows = items.map((i) => i.vector)) => {
  const out = new Float32Array(rows.length * embedder.dim);
  rows.forEach((v, i) => out.set(v, i * embedder.dim));
  return out;
};
const dot = (a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[ao + d] * b[bo + d];
  return s;
};

/** Mean share of the 10 nearest (excluding itself) with the same key, over queries in `from`, searching `all`. */
function precisionAt10(all: Float32Array, keys: string[], from: number[]): number {
  const dim = embedder.dim;
  let sum = 0;
  for (const q of from) {
    const sims: Array<[number, number]> = [];
    for (let j = 0; j < keys.length; j++) if (j !== q) sims.push([dot(all, q * dim, all, j * dim, dim), j]);
    sims.sort((a, b) => b[0] - a[0]);
    sum += sims.slice(0, 10).filter(([, j]) => keys[j] === keys[q]).length / 10;
  }
  return sum / from.length;
}

/** Between-class minus within-class mean cosine distance among sub-kinds of the same category (held out). */
function separation(all: Float32Array, items: Item[]): number {
  const dim = embedder.dim;
  let within = 0;
  let nw = 0;
  let between = 0;
  let nb = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i].category !== items[j].category) continue;
      const d = 1 - dot(all, i * dim, all, j * dim, dim);
      if (items[i].label === items[j].label) {
        within += d;
        nw++;
      } else {
        between += d;
        nb++;
      }
    }
  }
  return between / nb - within / nw;
}

// The evaluation library: held-out labelled-kind sounds plus the never-labelled categories.
const evalItems = [...testPool, ...unlabelled];
const evalBase = flat(evalItems);
const subKey = evalItems.map((i) => i.label);
const catKey = evalItems.map((i) => i.category);
const unlabelledIdx = unlabelled.map((_, i) => testPool.length + i);
const baseCat = precisionAt10(evalBase, catKey, unlabelledIdx);

const rows: string[] = [];
const dir = await mkdtemp(join(tmpdir(), 'sonoteca-head-bench-'));
try {
  for (const n of SIZES) {
    // The user labels n sounds: at least 5 per class, over as many classes as that allows.
    const perClass = Math.min(PER_CLASS, Math.max(5, Math.floor(n / classes)));
    const taught = new Set(classOrder.slice(0, Math.min(classes, Math.floor(n / perClass))));
    const seen = new Map<string, number>();
    const chosen = trainPool.filter((it) => {
      const k = seen.get(it.label) ?? 0;
      seen.set(it.label, k + 1);
      return taught.has(it.label) && k < perClass;
    });
    // Held-out sounds of the taught classes, searched among everything else.
    const heldOutIdx = testPool.map((it, i) => (taught.has(it.label) ? i : -1)).filter((i) => i >= 0);
    const testTaught = testPool.filter((it) => taught.has(it.label));
    const base = { sub: precisionAt10(evalBase, subKey, heldOutIdx), sep: separation(flat(testTaught), testTaught), cat: baseCat };
    const path = join(dir, `head-${n}.head`);
    const t = performance.now();
    const out = await trainHeadHere({ dim: embedder.dim, baseVersion: embedder.version, vectors: flat(chosen), labels: chosen.map((c) => c.label), path, extra: {} });
    const seconds = (performance.now() - t) / 1000;
    const w = readHeadFile(path)!;
    const evalHead = projectRows(w, evalBase);
    const r = {
      sub: precisionAt10(evalHead, subKey, heldOutIdx),
      cat: precisionAt10(evalHead, catKey, unlabelledIdx),
      sep: separation(projectRows(w, flat(testTaught)), testTaught),
    };
    console.log(`${chosen.length} labels (${taught.size} classes × ${perClass}): train ${seconds.toFixed(1)} s, blend ${out.blend.toFixed(2)}; sub-kind P@10 ${base.sub.toFixed(3)} -> ${r.sub.toFixed(3)}; unlabelled P@10 ${base.cat.toFixed(3)} -> ${r.cat.toFixed(3)}; separation ${base.sep.toFixed(3)} -> ${r.sep.toFixed(3)}`);
    rows.push(`| ${chosen.length} (${taught.size} × ${perClass}) | ${seconds.toFixed(1)} s | ${out.blend.toFixed(2)} | ${base.sub.toFixed(3)} → ${r.sub.toFixed(3)} | ${base.sep.toFixed(3)} → ${r.sep.toFixed(3)} | ${base.cat.toFixed(3)} → ${r.cat.toFixed(3)} |`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  embedder.dispose();
}

writeBenchSection('personal-head', 'Personal similarity head (`node --import tsx bench/personal-head-bench.ts`)', `
User classes: up to ${classes} synthesized sub-kinds the taxonomy does not have (${LABELLED.join(', ')} × their synth variants, e.g.
"kick · 808" vs "kick · acoustic"). Held out: ${TEST_PER_CLASS} other sounds of each sub-kind (${testPool.length} in all), searched together with
${unlabelled.length} sounds of ${UNLABELLED.length} categories the user never labelled. Training runs in one thread here (the app
runs the same code in a worker thread); the head is applied as the services apply it (plain JS, with its blend and reach).

| labels | training | blend | held-out sub-kind P@10 | held-out separation | unlabelled category P@10 |
|---|---|---|---|---|---|
${rows.join('\n')}

Sub-kind P@10 (over the taught sub-kinds): share of a held-out sound's 10 nearest with the same user label. Separation: mean cosine distance between
different sub-kinds of one category minus within a sub-kind. Unlabelled category P@10: same-category share among the 10
nearest of sounds from categories that had no labels (must not collapse).
`);
