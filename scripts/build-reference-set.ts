// `npm run build:references`: builds the built-in reference sets that label a brand-new library before the user
// labels anything (cold start): every one-shot of the development corpus (FluidR3 and MuseScore renders, Sonic Pi's
// samples) plus sounds synthesized in code. The recipe is chosen on held-out sources: `--corpus-sources fluidr3
// --out DIR` builds the split set, and `--evaluate --out DIR` measures it on the sources it left out.
// Writes two files: one in the learned-embedding space, one as raw descriptor vectors (the classifier standardises
// those with each library's own statistics). Seeded: same corpus + seed → same bytes.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyseSource, ANALYZER_VERSIONS, FEATURE_VECTOR_LENGTH } from '../src/main/analysis/analyse-source.js';
import { openAudio } from '../src/main/decode/open-audio.js';
import { sourceFromPcm } from '../src/main/decode/audio-source.js';
import { decodeMonoHead } from '../src/main/services/decode-mono.js';
import { loadEmbedder, type Embedder } from '../src/main/ml/embedder.js';
import { readManifest, type CorpusItem } from '../src/main/ml/train/corpus.js';
import { makeRng, shuffle, type Rng } from '../src/main/ml/train/rng.js';
import { readReferenceSet, writeReferenceSet, type ReferenceSet } from '../src/main/intelligence/reference-set-file.js';
import { KnnClassifier } from '../src/main/intelligence/knn-classifier.js';
import { applyStandardiser, fitStandardiser } from '../src/main/intelligence/standardise.js';
import { CLASSIFY_WEIGHTS, aspectScales, scaleRows } from '../src/main/services/library-vectors.js';
import { DRUMS, TONAL } from '../src/main/eval/metrics.js';
import { randomSpec, synthesize, SYNTH_CATEGORIES, type CategoryId } from '../src/main/synth/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env.CORPUS ?? join(homedir(), '.cache/sonoteca-dev-corpus') },
    out: { type: 'string', default: join(ROOT, 'assets/model') },
    /** Model whose embedding space the references are computed in (default: the shipped one). */
    model: { type: 'string', default: join(ROOT, 'assets/model') },
    // Every FluidR3 one-shot, plus synthesized sounds: 80 per tonal/fx class (the GM soundfont has no reese, 808 or
    // supersaw, which fill producers' libraries) but only 20 per drum class, where synthetic kicks and snares
    // outvoted the soundfont's real recordings (drum-kit sorting on the held-out sources: 87% with 20, 81% with 80)
    // — except kicks: 60, so an 808 kick is not outvoted by the 80 synthesized basses (808 basses among them).
    'per-class': { type: 'string', default: '0' },
    /** Development-corpus sources taken as references (comma-separated): fluidr3, musescore, sonicpi. */
    'corpus-sources': { type: 'string', default: 'fluidr3,musescore,sonicpi' },
    'max-corpus': { type: 'string', default: '1000' },
    'min-synth': { type: 'string', default: '80' },
    'min-synth-drums': { type: 'string', default: '20' },
    'min-synth-kicks': { type: 'string', default: '60' },
    seed: { type: 'string', default: '11' },
    /** Instead of building: measure cold-start accuracy of the shipped files on the held-out sources. */
    evaluate: { type: 'boolean', default: false },
  },
});
const perClass = Number(args['per-class']);
const maxCorpus = Number(args['max-corpus']);
const minSynth = Number(args['min-synth']);
const minSynthDrums = Number(args['min-synth-drums']);
const minSynthKicks = Number(args['min-synth-kicks']);
/** Corpus sources: their manifest and the id prefix their references carry (evidence reads `builtin:<prefix>/…`). */
const CORPUS_SOURCES: Record<string, { manifest: string; rendered: string | null }> = {
  fluidr3: { manifest: 'gm_rendered_fluidr3.csv', rendered: 'rendered/fluidr3' },
  musescore: { manifest: 'gm_rendered_musescore.csv', rendered: 'rendered/musescore' },
  sonicpi: { manifest: 'sonic_pi.csv', rendered: null },
};
const corpusSources = args['corpus-sources'].split(',').map((x) => x.trim()).filter(Boolean);
for (const name of corpusSources) if (!CORPUS_SOURCES[name]) throw new Error(`--corpus-sources: unknown source '${name}' (have ${Object.keys(CORPUS_SOURCES).join(', ')})`);
const seed = Number(args.seed);
/** The embedding store embeds the first 4 s of each file; references must see the same window. */
const EMBED_SECONDS = 4;
const EMBED_BATCH = 32;
const log = (msg: string): void => console.log(`[references ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Reference {
  id: string;
  label: string;
  descriptor: Float32Array;
  embedding: Float32Array;
}

/** Up to `n` items, round-robin over instruments so one preset with many notes cannot fill a class. */
function pickSpread(items: CorpusItem[], n: number, rng: Rng): CorpusItem[] {
  const byInstrument = new Map<string, CorpusItem[]>();
  for (const it of items) {
    const list = byInstrument.get(it.instrument) ?? [];
    list.push(it);
    byInstrument.set(it.instrument, list);
  }
  const queues = [...byInstrument.keys()].sort().map((k) => shuffle([...byInstrument.get(k)!].sort((a, b) => a.path.localeCompare(b.path)), rng));
  const out: CorpusItem[] = [];
  for (let round = 0; out.length < n && queues.some((q) => q.length > round); round++) {
    for (const q of queues) if (round < q.length && out.length < n) out.push(q[round]);
  }
  return out;
}

async function descriptorOfFile(path: string): Promise<Float32Array> {
  const source = await openAudio(path);
  try {
    return vectorOf(await analyseSource(source), path);
  } finally {
    await source.close().catch(() => {});
  }
}

function vectorOf(result: Awaited<ReturnType<typeof analyseSource>>, what: string): Float32Array {
  const values = result.vector?.values;
  if (!values || values.length !== FEATURE_VECTOR_LENGTH) throw new Error(`${what}: analysis gave no ${FEATURE_VECTOR_LENGTH}-value descriptor vector`);
  return Float32Array.from(values);
}

function mixdown(channels: Float32Array[], maxFrames: number): Float32Array {
  const n = Math.min(channels[0].length, maxFrames);
  const mono = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) mono[i] += ch[i] / channels.length;
  return mono;
}

async function embedAll(embedder: Embedder, inputs: Array<{ mono: Float32Array; sampleRate: number }>): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let b = 0; b < inputs.length; b += EMBED_BATCH) out.push(...(await embedder.embed(inputs.slice(b, b + EMBED_BATCH))));
  return out;
}

async function corpusReferences(embedder: Embedder, rng: Rng): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const name of corpusSources) refs.push(...(await sourceReferences(name, embedder, rng)));
  return refs;
}

/** One corpus source's one-shots (rows labelled with a taxonomy category; Sonic Pi's 'loop' rows are left out). */
async function sourceReferences(name: string, embedder: Embedder, rng: Rng): Promise<Reference[]> {
  const src = CORPUS_SOURCES[name];
  const manifest = join(args.corpus, 'manifests', src.manifest);
  if (!existsSync(manifest)) throw new Error(`development corpus not found at ${manifest}; build it with /work/shared/corpus/build-dev-corpus.sh (or pass --corpus)`);
  const items = await readManifest(manifest);
  const picked: CorpusItem[] = [];
  for (const cat of SYNTH_CATEGORIES) picked.push(...pickSpread(items.filter((it) => it.label === cat), maxCorpus, rng));
  log(`${name}: ${picked.length} of ${items.length} files`);
  const idOf = (it: CorpusItem): string => `${name}/${src.rendered ? relative(join(args.corpus, src.rendered), it.path) : basename(it.path)}`;
  const refs: Reference[] = [];
  for (let b = 0; b < picked.length; b += EMBED_BATCH) {
    const chunk = picked.slice(b, b + EMBED_BATCH);
    const descriptors: Float32Array[] = [];
    for (const it of chunk) descriptors.push(await descriptorOfFile(it.path));
    const heads = await Promise.all(chunk.map((it) => decodeMonoHead(it.path, EMBED_SECONDS)));
    const embeddings = await embedder.embed(heads.map((h) => ({ mono: h.mono, sampleRate: h.sampleRate })));
    chunk.forEach((it, i) => refs.push({ id: idOf(it), label: it.label, descriptor: descriptors[i], embedding: embeddings[i] }));
    if ((b / EMBED_BATCH) % 10 === 0) log(`  ${name} ${Math.min(picked.length, b + EMBED_BATCH)}/${picked.length}`);
  }
  return refs;
}

async function synthReferences(embedder: Embedder, counts: Map<CategoryId, number>, rng: Rng): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const cat of SYNTH_CATEGORIES) {
    const n = counts.get(cat) ?? 0;
    const sounds = [];
    for (let i = 0; i < n; i++) {
      const specSeed = Math.floor(rng() * 0xffffffff);
      const sound = synthesize(randomSpec(specSeed, { categories: [cat], loopShare: 0 }));
      sounds.push({ sound, specSeed });
    }
    const inputs = sounds.map(({ sound }) => ({ mono: mixdown(sound.channels, Math.ceil(EMBED_SECONDS * sound.sampleRate)), sampleRate: sound.sampleRate }));
    const embeddings = await embedAll(embedder, inputs);
    for (let i = 0; i < n; i++) {
      const { sound, specSeed } = sounds[i];
      const id = `synth/${cat}/${sound.variant}-${specSeed.toString(16)}`;
      const descriptor = vectorOf(await analyseSource(sourceFromPcm(sound.channels, sound.sampleRate, { path: id })), id);
      refs.push({ id, label: cat, descriptor, embedding: embeddings[i] });
    }
    log(`  synth ${cat}: ${n}`);
  }
  return refs;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const rng = makeRng(seed);
  const embedder = await loadEmbedder({ modelDir: args.model });
  log(`embedder ${embedder.version} (${embedder.dim}-d) on ${embedder.backend}`);
  const corpus = await corpusReferences(embedder, rng);
  const counts = new Map<CategoryId, number>();
  for (const cat of SYNTH_CATEGORIES) {
    const have = corpus.filter((r) => r.label === cat).length;
    counts.set(cat, Math.max(cat === 'kick' ? minSynthKicks : DRUMS.has(cat) ? minSynthDrums : minSynth, perClass - have));
  }
  const synth = await synthReferences(embedder, counts, rng);
  const refs = [...corpus, ...synth].sort((a, b) => SYNTH_CATEGORIES.indexOf(a.label as CategoryId) - SYNTH_CATEGORIES.indexOf(b.label as CategoryId) || a.id.localeCompare(b.id));

  await mkdir(args.out, { recursive: true });
  const ids = refs.map((r) => r.id);
  const labels = refs.map((r) => r.label);
  const pack = (get: (r: Reference) => Float32Array, dim: number): Float32Array => {
    const out = new Float32Array(refs.length * dim);
    refs.forEach((r, i) => out.set(get(r), i * dim));
    return out;
  };
  const embPath = join(args.out, 'reference-set-embedding.bin');
  await writeReferenceSet(embPath, { dim: embedder.dim, ids, labels, vectors: pack((r) => r.embedding, embedder.dim), featureVersion: embedder.version });
  const descPath = join(args.out, 'reference-set-descriptors.bin');
  // Raw (unstandardised) vectors: the classifier standardises them with the library's own centre and scale.
  await writeReferenceSet(descPath, { dim: FEATURE_VECTOR_LENGTH, ids, labels, vectors: pack((r) => r.descriptor, FEATURE_VECTOR_LENGTH), featureVersion: `descriptors-v${ANALYZER_VERSIONS.vector}` });

  const table: Record<string, Record<string, number>> = {};
  for (const cat of SYNTH_CATEGORIES) {
    table[cat] = Object.fromEntries(corpusSources.map((name) => [name, corpus.filter((r) => r.label === cat && r.id.startsWith(`${name}/`)).length]));
    table[cat].synth = synth.filter((r) => r.label === cat).length;
  }
  console.table(table);
  log(`${refs.length} references → ${relative(ROOT, embPath)}, ${relative(ROOT, descPath)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** kNN over one reference set, the way services/classify.ts does it (k = 9, calibrated open set). */
function knnOver(set: ReferenceSet, map: (raw: Float32Array) => Float32Array): KnnClassifier {
  const knn = new KnnClassifier(set.dim, { k: 9 });
  for (let i = 0; i < set.labels.length; i++) knn.setReference(-(i + 1), set.labels[i], 'builtin', map(set.vectors.subarray(i * set.dim, (i + 1) * set.dim)));
  knn.calibrate();
  return knn;
}

/**
 * Held-out check: every MuseScore and Sonic Pi one-shot is a "new user's library" (one library per source, so
 * descriptors are standardised with that library's own statistics, as in the app) labelled only by the shipped sets.
 */
async function evaluateShipped(): Promise<void> {
  const t0 = performance.now();
  const embedder = await loadEmbedder({ modelDir: args.model });
  const sets = await Promise.all(['reference-set-embedding.bin', 'reference-set-descriptors.bin'].map((n) => readReferenceSet(join(args.out, n))));
  const [embSet, descSet] = sets;
  const scales = aspectScales(descSet.dim, CLASSIFY_WEIGHTS);
  const embKnn = knnOver(embSet, (raw) => raw);
  const rows: string[] = [];
  // Only sources the set left out say anything about sounds it has never heard.
  const inSet = new Set(embSet.ids.map((id) => id.split('/')[0]));
  const heldOut = Object.entries(CORPUS_SOURCES).filter(([source]) => !inSet.has(source));
  if (!heldOut.length) throw new Error(`every corpus source is in ${args.out}: build a split set (--corpus-sources fluidr3 --out DIR) and evaluate that`);
  log(`held out from this set: ${heldOut.map(([source]) => source).join(', ')}`);
  for (const [, { manifest: name }] of heldOut) {
    const items = await readManifest(join(args.corpus, 'manifests', name));
    const desc = new Float32Array(items.length * descSet.dim);
    const emb: Float32Array[] = [];
    for (let b = 0; b < items.length; b += EMBED_BATCH) {
      const chunk = items.slice(b, b + EMBED_BATCH);
      for (let i = 0; i < chunk.length; i++) desc.set(await descriptorOfFile(chunk[i].path), (b + i) * descSet.dim);
      const heads = await Promise.all(chunk.map((it) => decodeMonoHead(it.path, EMBED_SECONDS)));
      emb.push(...(await embedder.embed(heads.map((h) => ({ mono: h.mono, sampleRate: h.sampleRate })))));
    }
    const st = fitStandardiser(desc, descSet.dim);
    const libDesc = scaleRows(applyStandardiser(st, desc), descSet.dim, scales);
    const descKnn = knnOver(descSet, (raw) => {
      const out = new Float32Array(descSet.dim);
      for (let d = 0; d < descSet.dim; d++) out[d] = Math.max(-8, Math.min(8, (raw[d] - st.center[d]) / st.scale[d])) * scales[d];
      return out;
    });
    // The app's two-step vote (services/tonal-revote.ts): a sound the embedding calls tonal is voted again in the
    // embedding joined with descriptors (scaled by 1/√dim so both halves weigh alike), uncalibrated.
    const f = 1 / Math.sqrt(descSet.dim);
    const joined = (d: Float32Array, e: Float32Array) => Float32Array.from([...d.map((x) => x * f), ...e]);
    const joinedKnn = new KnnClassifier(descSet.dim + embSet.dim, { k: 9 });
    for (let i = 0; i < embSet.labels.length; i++) {
      const raw = descSet.vectors.subarray(i * descSet.dim, (i + 1) * descSet.dim);
      const d = raw.map((x, k) => Math.max(-8, Math.min(8, (x - st.center[k]) / st.scale[k])) * scales[k]);
      joinedKnn.setReference(-(i + 1), embSet.labels[i], 'builtin', joined(d, embSet.vectors.subarray(i * embSet.dim, (i + 1) * embSet.dim)));
    }
    const twoStep = (i: number): string => {
      const first = embKnn.predict(emb[i]).label;
      if (!TONAL.has(first)) return first;
      const second = joinedKnn.predict(joined(libDesc.subarray(i * descSet.dim, (i + 1) * descSet.dim), emb[i])).label;
      return TONAL.has(second) ? second : first;
    };
    for (const [space, predict] of [
      ['embedding', (i: number) => embKnn.predict(emb[i]).label],
      ['descriptors', (i: number) => descKnn.predict(libDesc.subarray(i * descSet.dim, (i + 1) * descSet.dim)).label],
      ['embedding+revote (the app)', twoStep],
    ] as const) {
      const hit = { all: [0, 0], drums: [0, 0], instruments: [0, 0] };
      const perClass = new Map<string, [number, number]>();
      items.forEach((it, i) => {
        const ok = predict(i) === it.label ? 1 : 0;
        for (const k of ['all', DRUMS.has(it.label) ? 'drums' : 'instruments'] as const) {
          hit[k][0] += ok;
          hit[k][1]++;
        }
        const c = perClass.get(it.label) ?? [0, 0];
        c[0] += ok;
        c[1]++;
        perClass.set(it.label, c);
      });
      const pct = ([a, n]: number[]): string => (n ? `${((100 * a) / n).toFixed(1)}% (n=${n})` : '–');
      const classes = [...perClass].sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => `${c} ${pct(v)}`).join(', ');
      rows.push(`| ${name.replace('.csv', '')} | ${space} | ${pct(hit.all)} | ${pct(hit.drums)} | ${pct(hit.instruments)} | ${classes} |`);
    }
  }
  console.log('| held-out source | vectors | all | drums | instruments | per class |\n|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  log(`evaluated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

(args.evaluate ? evaluateShipped() : main()).catch((err: Error) => {
  console.error(`build-reference-set: ${err.message}`);
  process.exit(1);
});
