// "How well does Sonoteca know my sounds?": the classifier that labels the library — the same vector space, the
// same built-in references, decisive names and metadata voting too, the tonal re-vote — cross-validated over the
// user's labelled sounds (folds follow folders, so near-identical files never sit on both sides), as a confusion
// matrix with per-class precision/recall.
import { dirname } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import { KnnClassifier } from '../intelligence/knn-classifier.js';
import type { ReferenceSet } from '../intelligence/reference-set-file.js';
import { assignFolds, summarisePredictions, type QualityReport } from '../intelligence/quality-report.js';
import { libraryReferences, type LibraryReference } from './library-references.js';
import { loadMetadataLabels } from '../labelling/metadata-labels.js';
import { TonalRevote, isTonalCategory } from './tonal-revote.js';
import { builtinReferencesIn, chooseVoteSpace, type SpaceOptions } from './vote-space.js';
import { nextTurn } from '../core/next-turn.js';
import { shuffledIndices } from '../intelligence/vector-math.js';

/** Predictions a report makes at most: a seeded sample of the labelled sounds beyond this (folds still hold out whole folders). */
const MAX_PREDICTIONS = 4000;

export interface ReportOptions extends SpaceOptions {
  /** Also count decisive file-name labels as ground truth (default: only when fewer than 10 user labels exist). */
  includeFilenames?: boolean;
  folds?: number;
  /** At most this many labelled sounds are predicted (default 4000, a seeded sample); all of them still vote. */
  maxPredictions?: number;
  /** Built-in reference sets (default: the shipped ones that fit the space; null: none), as in classifyLibrary. */
  builtin?: ReferenceSet | readonly ReferenceSet[] | null;
}

export interface LibraryReport extends QualityReport {
  labelled: number;
  /** How many of them were predicted (all, up to maxPredictions). */
  predicted: number;
  sources: { user: number; filename: number };
  folds: number;
  /** The space the vote ran in, and how many built-in references voted alongside the library's labels. */
  vectors: 'embedding' | 'descriptors';
  builtinReferences: number;
  note: string;
}

export async function libraryReport(db: LibraryDb, opts: ReportOptions = {}): Promise<LibraryReport> {
  const v = await chooseVoteSpace(db, opts);
  // The references the labelling pass uses; the user's labels (or, with few of them, decisive names too) are the
  // truth being scored, and the rest still vote, as they do when the app labels a sound.
  const references = libraryReferences(db, loadMetadataLabels(db)).filter((r) => v.row.has(r.id));
  const user = references.filter((r) => r.source === 'user');
  const useNames = opts.includeFilenames ?? user.length < 10;
  const truth = new Map<number, LibraryReference>();
  for (const r of references) if (r.source === 'user' || (useNames && r.source === 'filename')) truth.set(r.id, r);
  const fromNames = truth.size - user.length;
  const ids = [...truth.keys()];
  const categories = new Set([...truth.values()].map((r) => r.category)).size;
  if (ids.length < 4 || categories < 2) {
    throw new Error(`a report needs at least 4 labelled sounds in 2 or more categories (have ${ids.length} in ${categories}); label some with \`sonoteca label\` or \`sonoteca labels import\``);
  }
  const paths = new Map(db.samples.list({ ids, limit: ids.length + 1, status: 'analysed' }).map((s) => [s.id, s.path]));
  const groups = ids.map((id) => dirname(paths.get(id) ?? ''));
  const labels = ids.map((id) => truth.get(id)!.category);
  // Folds by folder keep near-identical files (one pack's velocity layers) on one side, but only work when every
  // category lives in 2+ folders: a "Kicks" folder held out whole would leave no kick to learn from.
  const foldersPerLabel = new Map<string, Set<string>>();
  labels.forEach((l, i) => foldersPerLabel.set(l, (foldersPerLabel.get(l) ?? new Set()).add(groups[i])));
  const byFolder = [...foldersPerLabel.values()].every((f) => f.size >= 2);
  const folds = Math.max(2, Math.min(opts.folds ?? 5, byFolder ? new Set(groups).size : ids.length));
  const k = 9;
  const knn = new KnnClassifier(v.dim, { k });
  const builtin = await builtinReferencesIn(v, opts.builtin);
  builtin.each((id, label, vector) => knn.setReference(id, label, 'builtin', vector));
  const tonal = v.embedding ? TonalRevote.build(db, v.embedding, builtin.forRevote, k) : null;
  const vector = (id: number) => v.data.subarray(v.row.get(id)! * v.dim, (v.row.get(id)! + 1) * v.dim);
  const teach = (r: LibraryReference) => {
    knn.setReference(r.id, r.category, r.source, vector(r.id));
    tonal?.setReference(r.id, r.category, r.source);
  };
  for (const r of references) teach(r);
  // As in the labelling pass: open-set thresholds ('unknown' counts as a miss) and the large-set index.
  knn.calibrate();
  tonal?.knn.prepare();
  // Each fold is voted by everything else the app would use: the built-in references and the other folds' labels.
  const foldOf = assignFolds(ids.length, folds, byFolder ? groups : undefined);
  const predict = sampleRows(ids.length, opts.maxPredictions ?? MAX_PREDICTIONS);
  const actual: string[] = [];
  const predicted: string[] = [];
  let lastTurn = performance.now();
  for (let f = 0; f < folds; f++) {
    const held = ids.map((_, i) => i).filter((i) => foldOf[i] === f);
    for (const i of held) {
      knn.removeReference(ids[i]);
      tonal?.removeReference(ids[i]);
    }
    for (const i of held) {
      if (!predict.has(i)) continue;
      // The server answers other requests while a large report runs.
      if (performance.now() - lastTurn > 10) {
        await nextTurn();
        lastTurn = performance.now();
      }
      const first = knn.predict(vector(ids[i]), { exclude: ids[i] });
      const second = tonal && isTonalCategory(first.label) ? tonal.revote(ids[i]) : null;
      actual.push(labels[i]);
      predicted.push((second ?? first).label);
    }
    for (const i of held) teach(truth.get(ids[i])!);
  }
  const r = summarisePredictions(actual, predicted);
  const sampled = actual.length < ids.length ? `; ${actual.length.toLocaleString('en-US')} of them predicted (a seeded sample)` : '';
  const how = byFolder ? `${folds}-fold cross-validation, folds by folder` : `${folds}-fold cross-validation, shuffled (categories sit in single folders, so folds cannot follow folders)`;
  const alsoVoting = new Set(references.filter((r) => !truth.has(r.id)).map((r) => r.id)).size;
  const voters = v.kind === 'embedding' ? 'the learned embedding' : 'the sound descriptors';
  return {
    ...r,
    labelled: ids.length,
    predicted: actual.length,
    sources: { user: user.length, filename: fromNames },
    folds,
    vectors: v.kind,
    builtinReferences: builtin.names.length,
    note: `${how}; voted as the app labels, in ${voters}${builtin.names.length ? ` with ${builtin.names.length.toLocaleString('en-US')} built-in references` : ''}${alsoVoting ? `${builtin.names.length ? ' and' : ' with'} ${alsoVoting.toLocaleString('en-US')} decisively named or tagged sounds` : ''}${sampled}`,
  };
}

/** Row indices to predict: all of them, or a seeded random `max` of them. */
function sampleRows(n: number, max: number): Set<number> {
  return new Set(n <= max ? Array.from({ length: n }, (_, i) => i) : shuffledIndices(n, 29).slice(0, max));
}
