// The evaluation harness: how well Sonoteca labels, finds and maps sounds it has never seen, per vector space
// (descriptors, learned embedding, both), with a split by source so no soundfont or pack is on both sides.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { KnnClassifier, type Prediction } from '../intelligence/knn-classifier.js';
import { voteSubTags } from '../intelligence/sub-tag-vote.js';
import { fileNameSubTags, synthVariantSubTags } from '../services/reference-sub-tags.js';
import { MIN_MODEL_SUB_TAG_CONFIDENCE } from '../services/model-sub-tags.js';
import { TopK, sqDist } from '../intelligence/vector-math.js';
import { computeMapLayout, trustworthiness } from '../intelligence/map-layout.js';
import { labelFromName } from '../../shared/naming/name-labeller.js';
import { CLASSIFY_WEIGHTS, SIMILAR_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows } from '../services/library-vectors.js';
import { decodeMonoHead } from '../services/decode-mono.js';
import { loadBuiltinReferenceSets } from '../services/builtin-references.js';
import type { ReferenceSet } from '../intelligence/reference-set-file.js';
import { DRUMS, TONAL, score, subsetAccuracy, type Scores } from './metrics.js';
import { sourcesSeenInTraining } from '../ml/train/corpus.js';
import { evaluateRevote } from './revote-eval.js';
import { SYNTH_SOURCE, buildScratchLibrary, groupsOf, type ScratchRow } from './scratch-library.js';
import type { ManifestRow } from './manifest.js';

/** 'embedding+revote' is what the app does: the embedding votes, and sounds it calls tonal are voted again in 'both'. */
export type SpaceName = 'descriptors' | 'embedding' | 'both' | 'embedding+revote';

export interface EvalOptions {
  /** Sources used as the built-in references (cold start); the others are the "user's library" under test. */
  trainSources: readonly string[];
  synthPerCategory?: number;
  workers?: number;
  /** Try the learned embedding too (needs assets/model). */
  embedding?: boolean;
  k?: number;
  keepScratch?: string;
  log?: (line: string) => void;
}

export interface SpaceResult {
  space: SpaceName;
  dim: number;
  coldStart: Scores & { openSetAccuracy: number; drumAccuracy: number; instrumentAccuracy: number; drumN: number; instrumentN: number };
  withUserLabels: Scores & { drumAccuracy: number; instrumentAccuracy: number };
  /** Drum-kit sorting: only the 8 drum classes as references and as test sounds. */
  drums8: {
    coldStart: number;
    withUserLabels: number;
    n: number;
    /** The same two figures per test source: where a shortfall comes from. */
    bySource: Array<{ source: string; n: number; coldStart: number; withUserLabels: number }>;
    /** Cold-start scores over the 8 classes, with their confusion matrix. */
    cold: Scores;
  };
  similarPrecisionAt10: number;
  mapTrustworthiness: number;
  /**
   * Sub-tags voted at cold start (ride, conga, e-piano…), on test sounds whose own file name gives one and whose
   * category was voted right: how many got a sub-tag, and how many of those were one their name gives.
   */
  subTags: SubTagScore & { bySource: Array<SubTagScore & { source: string }> };
}

export interface SubTagScore {
  named: number;
  given: number;
  right: number;
}

export interface EvalReport {
  files: { manifest: number; synthesized: number; analysed: number; failed: Array<{ path: string; error: string }> };
  split: { train: string[]; test: string[]; trainRows: number; testRows: number };
  filenameTagging: { n: number; accuracy: number; coverage: number };
  spaces: SpaceResult[];
  embeddingNote: string | null;
  /**
   * Cold start with the reference set the app actually ships (assets/model, embedding space), on the same test
   * sounds: what a brand-new user gets. Null when no shipped set matches the model version.
   */
  shippedReferences: { n: number; accuracy: number; drumAccuracy: number; drums8: number; instrumentAccuracy: number; references: number } | null;
  analyseSeconds: number;
  seconds: number;
}

/** Development-corpus sources as the shipped reference set's ids name them (scripts/build-reference-set.ts). */
const SHIPPED_SET_PREFIX: Record<string, string> = { 'fluid-soundfont-gm': 'fluidr3', 'musescore-general-soundfont': 'musescore', 'sonic-pi-samples': 'sonicpi' };

/** Whether a manifest source's sounds are among a reference set's ids (`<source prefix>/…`): not unseen by it. */
export function shippedSetContains(ids: readonly string[]): (source: string) => boolean {
  const prefixes = new Set(ids.map((id) => id.split('/')[0]));
  return (source) => prefixes.has(SHIPPED_SET_PREFIX[source] ?? '');
}



function scaled(data: Float32Array, factor: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] * factor;
  return out;
}

function concatRows(a: Float32Array, da: number, b: Float32Array, db: number): Float32Array {
  const n = a.length / da;
  const out = new Float32Array(n * (da + db));
  for (let i = 0; i < n; i++) {
    out.set(a.subarray(i * da, (i + 1) * da), i * (da + db));
    out.set(b.subarray(i * db, (i + 1) * db), i * (da + db) + da);
  }
  return out;
}

export async function evaluate(rows: readonly ManifestRow[], opts: EvalOptions): Promise<EvalReport> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const dir = opts.keepScratch ?? mkdtempSync(join(tmpdir(), 'sonoteca-eval-'));
  const scratch = await buildScratchLibrary(dir, rows, { synthPerCategory: opts.synthPerCategory, workers: opts.workers, log });
  try {
    const db = scratch.library.db;
    const v = loadLibraryVectors(db);
    const kept: Array<{ row: ScratchRow; r: number }> = [];
    v.ids.forEach((id, r) => {
      const row = scratch.byId.get(id);
      if (row) kept.push({ row, r });
    });
    const train = new Set(opts.trainSources);
    const isTrain = (row: ScratchRow) => train.has(row.source) || row.source === 'synth';
    const trainIdx = kept.map((_, i) => i).filter((i) => isTrain(kept[i].row));
    const testIdx = kept.map((_, i) => i).filter((i) => !isTrain(kept[i].row));
    log(`analysed ${kept.length} (${scratch.failed.length} failed) in ${scratch.analyseSeconds.toFixed(0)} s; train ${trainIdx.length}, test ${testIdx.length}`);

    // Spaces: rows in `kept` order.
    const pick = (data: Float32Array, dim: number) => {
      const out = new Float32Array(kept.length * dim);
      kept.forEach(({ r }, i) => out.set(data.subarray(r * dim, (r + 1) * dim), i * dim));
      return out;
    };
    const descClassify = pick(scaleRows(v.standard, v.dim, aspectScales(v.dim, CLASSIFY_WEIGHTS)), v.dim);
    const descSimilar = pick(scaleRows(v.standard, v.dim, aspectScales(v.dim, SIMILAR_WEIGHTS)), v.dim);
    const spaces: Array<{ name: SpaceName; dim: number; classify: Float32Array; similar: Float32Array }> = [{ name: 'descriptors', dim: v.dim, classify: descClassify, similar: descSimilar }];
    let embeddingNote: string | null = null;
    let shippedReferences: EvalReport['shippedReferences'] = null;
    if (opts.embedding !== false) {
      try {
        const { loadEmbedder } = await import('../ml/embedder.js');
        const embedder = await loadEmbedder();
        log(`embedding ${embedder.version} (${embedder.dim}-d, ${embedder.backend}) for ${kept.length} files…`);
        const emb = new Float32Array(kept.length * embedder.dim);
        for (let s = 0; s < kept.length; s += 32) {
          const batch = await Promise.all(kept.slice(s, s + 32).map(({ row }) => decodeMonoHead(row.anonPath, 4)));
          const out = await embedder.embed(batch.map((b) => ({ mono: b.mono, sampleRate: b.sampleRate })));
          out.forEach((e, j) => emb.set(e, (s + j) * embedder.dim));
        }
        embedder.dispose();
        embeddingNote = `embedding model ${embedder.version}, ${embedder.dim}-d, backend ${embedder.backend}`;
        // A model that heard the test sources in training makes every embedding figure here a training-set figure.
        const heard = sourcesSeenInTraining(embedder.trainedOn, testIdx.map((i) => kept[i].row.source));
        if (heard.length) {
          embeddingNote += `; NOT HELD OUT: the model was trained on ${heard.join(', ')}, which this run tests on`;
          log(`warning: the embedding model was trained on ${heard.join(', ')}; its figures are not held-out figures`);
        }
        spaces.push({ name: 'embedding', dim: embedder.dim, classify: emb, similar: emb });
        const shipped = (await loadBuiltinReferenceSets()).find((set) => set.featureVersion === embedder.version && set.dim === embedder.dim);
        if (shipped) {
          // The shipped set is built from the development corpus: its own sources are not unseen, so they are left out.
          const contains = shippedSetContains(shipped.ids);
          const unseen = testIdx.filter((i) => !contains(kept[i].row.source));
          if (unseen.length) shippedReferences = shippedColdStart(shipped, emb, kept.map((k) => k.row), unseen);
          else embeddingNote += `; the shipped reference set contains every test source (${[...new Set(testIdx.map((i) => kept[i].row.source))].join(', ')}), so its cold start is not measured here`;
        }
        // Both: descriptor rows scaled to about unit length so neither part dominates.
        const f = 1 / Math.sqrt(v.dim);
        spaces.push({ name: 'both', dim: v.dim + embedder.dim, classify: concatRows(scaled(descClassify, f), v.dim, emb, embedder.dim), similar: concatRows(scaled(descSimilar, f), v.dim, emb, embedder.dim) });
      } catch (err) {
        embeddingNote = `learned embedding not evaluated: ${(err as Error).message}`;
        log(embeddingNote);
      }
    }

    const results: SpaceResult[] = [];
    for (const sp of spaces) {
      log(`space ${sp.name}…`);
      results.push(evaluateSpace(sp.name, sp.dim, sp.classify, sp.similar, kept.map((k) => k.row), trainIdx, testIdx, opts.k ?? 9));
    }
    const embeddingSpace = spaces.find((sp) => sp.name === 'embedding');
    const bothSpace = spaces.find((sp) => sp.name === 'both');
    const embeddingResult = results.find((r) => r.space === 'embedding');
    if (embeddingSpace && bothSpace && embeddingResult) {
      log('space embedding+revote…');
      const first = { dim: embeddingSpace.dim, data: embeddingSpace.classify };
      const second = { dim: bothSpace.dim, data: bothSpace.classify };
      results.push({ ...embeddingResult, ...evaluateRevote(first, second, kept.map((k) => k.row), trainIdx, testIdx, opts.k ?? 9), space: 'embedding+revote' });
    }
    const named = rows.map((r) => ({ truth: r.label, top: labelFromName(r.path).candidates[0]?.category ?? null }));
    const covered = named.filter((n) => n.top !== null);
    return {
      files: { manifest: rows.length, synthesized: scratch.rows.length - rows.length, analysed: kept.length, failed: scratch.failed },
      split: { train: [...train, ...(opts.synthPerCategory ? ['synth'] : [])], test: [...new Set(testIdx.map((i) => kept[i].row.source))], trainRows: trainIdx.length, testRows: testIdx.length },
      filenameTagging: { n: named.length, accuracy: named.filter((n) => n.top === n.truth).length / Math.max(1, named.length), coverage: covered.length / Math.max(1, named.length) },
      spaces: results,
      embeddingNote,
      shippedReferences,
      analyseSeconds: scratch.analyseSeconds,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await scratch.library.close();
    if (!opts.keepScratch) rmSync(dir, { recursive: true, force: true });
  }
}

function evaluateSpace(space: SpaceName, dim: number, cls: Float32Array, sim: Float32Array, rows: ScratchRow[], trainIdx: number[], testIdx: number[], k: number): SpaceResult {
  const vec = (data: Float32Array, i: number) => data.subarray(i * dim, (i + 1) * dim);
  // Cold start: only the built-in references (train sources) vote; names are hidden.
  const knn = new KnnClassifier(dim, { k });
  for (const i of trainIdx) knn.setReference(i, rows[i].label, 'builtin', vec(cls, i));
  const coldVotes = testIdx.map((i) => knn.predict(vec(cls, i)));
  const closed = testIdx.map((i, j) => ({ truth: rows[i].label, predicted: coldVotes[j].label }));
  const subTags = scoreSubTags(rows, testIdx, coldVotes);
  knn.calibrate();
  const open = testIdx.map((i) => ({ truth: rows[i].label, predicted: knn.predict(vec(cls, i)).label }));
  const cold = score(closed);
  const drums = subsetAccuracy(closed, DRUMS);
  const tonal = subsetAccuracy(closed, TONAL);
  // With user labels: the user has labelled everything in their library except one group (pack/instrument) at a
  // time; the held-out group is predicted from the built-in references plus those user labels.
  const user = new KnnClassifier(dim, { k });
  for (const i of trainIdx) user.setReference(i, rows[i].label, 'builtin', vec(cls, i));
  for (const i of testIdx) user.setReference(i, rows[i].label, 'user', vec(cls, i));
  const logo: Array<{ truth: string; predicted: string }> = [];
  for (const members of groupsOf(rows, testIdx)) {
    for (const i of members) user.removeReference(i);
    for (const i of members) logo.push({ truth: rows[i].label, predicted: user.predict(vec(cls, i)).label });
    for (const i of members) user.setReference(i, rows[i].label, 'user', vec(cls, i));
  }
  const withUser = score(logo);
  // Drum-kit sorting: the same two protocols restricted to the 8 drum classes.
  const drumTrain = trainIdx.filter((i) => DRUMS.has(rows[i].label));
  const drumTest = testIdx.filter((i) => DRUMS.has(rows[i].label));
  const dk = new KnnClassifier(dim, { k });
  for (const i of drumTrain) dk.setReference(i, rows[i].label, 'builtin', vec(cls, i));
  const drumColdPredicted = new Map(drumTest.map((i) => [i, dk.predict(vec(cls, i)).label]));
  for (const i of drumTest) dk.setReference(i, rows[i].label, 'user', vec(cls, i));
  const drumLogoPredicted = new Map<number, string>();
  for (const members of groupsOf(rows, drumTest)) {
    for (const i of members) dk.removeReference(i);
    for (const i of members) drumLogoPredicted.set(i, dk.predict(vec(cls, i)).label);
    for (const i of members) dk.setReference(i, rows[i].label, 'user', vec(cls, i));
  }
  const drumShare = (of: number[], predicted: Map<number, string>) => of.filter((i) => predicted.get(i) === rows[i].label).length / Math.max(1, of.length);
  const drumSources = [...new Set(drumTest.map((i) => rows[i].source))].sort();
  // Similar: share of the 10 nearest test sounds (other groups) with the same category.
  let hits = 0;
  let total = 0;
  for (const i of testIdx) {
    const top = new TopK(10);
    for (const j of testIdx) if (j !== i && rows[j].group !== rows[i].group) top.push(j, sqDist(sim, i * dim, sim, j * dim, dim));
    for (let t = 0; t < top.size; t++) hits += rows[top.ids[t]].label === rows[i].label ? 1 : 0;
    total += top.size;
  }
  // Map of the test library.
  const testData = new Float32Array(testIdx.length * dim);
  testIdx.forEach((i, r) => testData.set(vec(sim, i), r * dim));
  const pos = computeMapLayout(testData, dim, { seed: 42 });
  return {
    space,
    dim,
    coldStart: { ...cold, openSetAccuracy: score(open).accuracy, drumAccuracy: drums.acc, drumN: drums.n, instrumentAccuracy: tonal.acc, instrumentN: tonal.n },
    withUserLabels: { ...withUser, drumAccuracy: subsetAccuracy(logo, DRUMS).acc, instrumentAccuracy: subsetAccuracy(logo, TONAL).acc },
    drums8: {
      coldStart: drumShare(drumTest, drumColdPredicted),
      withUserLabels: drumShare(drumTest, drumLogoPredicted),
      n: drumTest.length,
      bySource: drumSources.map((source) => {
        const of = drumTest.filter((i) => rows[i].source === source);
        return { source, n: of.length, coldStart: drumShare(of, drumColdPredicted), withUserLabels: drumShare(of, drumLogoPredicted) };
      }),
      cold: score(drumTest.map((i) => ({ truth: rows[i].label, predicted: drumColdPredicted.get(i)! }))),
    },
    similarPrecisionAt10: total ? hits / total : 0,
    subTags,
    // The trustworthiness formula needs k < n/2; tiny test sets get a smaller k.
    mapTrustworthiness: trustworthiness(testData, dim, pos, Math.max(1, Math.min(10, Math.floor((testIdx.length - 2) / 3)))),
  };
}

/** Sub-tags a row carries as a reference, and its truth as a test sound: from its file name, or its synth variant. */
function rowSubTags(row: ScratchRow): string[] {
  return row.source === SYNTH_SOURCE ? synthVariantSubTags(row.group.split('/').pop() ?? '', row.label) : fileNameSubTags(row.path, row.label);
}

function scoreSubTags(rows: readonly ScratchRow[], testIdx: readonly number[], votes: readonly Prediction[]): SpaceResult['subTags'] {
  const cache = new Map<number, string[]>();
  const of = (i: number) => cache.get(i) ?? (cache.set(i, rowSubTags(rows[i])), cache.get(i)!);
  const total: SubTagScore = { named: 0, given: 0, right: 0 };
  const bySource = new Map<string, SubTagScore>();
  testIdx.forEach((i, j) => {
    const truth = of(i);
    if (!truth.length || votes[j].label !== rows[i].label) return;
    const source = bySource.get(rows[i].source) ?? { named: 0, given: 0, right: 0 };
    bySource.set(rows[i].source, source);
    const count = (k: keyof SubTagScore) => {
      total[k]++;
      source[k]++;
    };
    count('named');
    // As the app writes them: only sub-tags sure enough to become tags.
    const voted = voteSubTags(votes[j].neighbours, votes[j].label, of).filter((v) => v.share * votes[j].confidence >= MIN_MODEL_SUB_TAG_CONFIDENCE);
    if (!voted.length) return;
    count('given');
    if (truth.includes(voted[0].name)) count('right');
  });
  return { ...total, bySource: [...bySource].sort((a, b) => a[0].localeCompare(b[0])).map(([source, sc]) => ({ source, ...sc })) };
}

/** The shipped reference set labels the test sounds on its own (closed set, as the app's first pass does). */
function shippedColdStart(set: ReferenceSet, emb: Float32Array, rows: ScratchRow[], testIdx: number[]): NonNullable<EvalReport['shippedReferences']> {
  const dim = set.dim;
  const all = new KnnClassifier(dim, { k: 9 });
  const drumsOnly = new KnnClassifier(dim, { k: 9 });
  set.labels.forEach((label, i) => {
    const v = set.vectors.subarray(i * dim, (i + 1) * dim);
    all.setReference(i, label, 'builtin', v);
    if (DRUMS.has(label)) drumsOnly.setReference(i, label, 'builtin', v);
  });
  const vec = (i: number) => emb.subarray(i * dim, (i + 1) * dim);
  const pairs = testIdx.map((i) => ({ truth: rows[i].label, predicted: all.predict(vec(i)).label }));
  const drumTest = testIdx.filter((i) => DRUMS.has(rows[i].label));
  return {
    n: pairs.length,
    accuracy: score(pairs).accuracy,
    drumAccuracy: subsetAccuracy(pairs, DRUMS).acc,
    drums8: drumTest.filter((i) => drumsOnly.predict(vec(i)).label === rows[i].label).length / Math.max(1, drumTest.length),
    instrumentAccuracy: subsetAccuracy(pairs, TONAL).acc,
    references: set.labels.length,
  };
}
