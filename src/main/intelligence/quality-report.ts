// How good is kNN labelling on this library? Cross-validated confusion matrix, per-class precision/recall and
// macro-F1 over labelled vectors; folds can follow groups (packs/folders) so near-identical files never sit on
// both sides of a split.
import { KnnClassifier } from './knn-classifier.js';
import { shuffledIndices } from './vector-math.js';

export interface QualityReport {
  labels: string[];
  /** confusion[trueIndex][predictedIndex]; the last column counts 'unknown' rejections. */
  confusion: number[][];
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
  macroF1: number;
  accuracy: number;
}

export interface CrossValidationOptions {
  folds?: number;
  /** Group per row (e.g. pack id): leave-one-group-out style folds by hashing groups onto folds. */
  groups?: readonly (string | number)[];
  k?: number;
  /** Open-set rejection on (rejections count as errors). */
  openSet?: boolean;
}

/** Fold index per row: groups hashed onto folds in order of appearance, else a seeded shuffle. */
export function assignFolds(n: number, folds: number, groups?: readonly (string | number)[]): Int32Array {
  const foldOf = new Int32Array(n);
  if (groups) {
    const gIndex = new Map<string | number, number>();
    for (let i = 0; i < n; i++) {
      const g = groups[i];
      if (!gIndex.has(g)) gIndex.set(g, gIndex.size);
      foldOf[i] = gIndex.get(g)! % folds;
    }
  } else {
    // Shuffled folds: libraries are often ordered by folder, which would put whole classes in one fold.
    shuffledIndices(n, 17).forEach((row, pos) => (foldOf[row] = pos % folds));
  }
  return foldOf;
}

/** Confusion matrix, per-class precision/recall/F1 and accuracy from (truth, predicted) pairs; 'unknown' is a miss. */
export function summarisePredictions(truth: readonly string[], predicted: readonly string[]): QualityReport {
  const names = [...new Set(truth)].sort();
  const col = new Map(names.map((l, i) => [l, i]));
  const confusion = names.map(() => new Array<number>(names.length + 1).fill(0));
  truth.forEach((t, i) => confusion[col.get(t)!][col.get(predicted[i]) ?? names.length]++);
  const perClass = names.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const correct = names.reduce((a, _, c) => a + confusion[c][c], 0);
  return { labels: names, confusion, perClass, macroF1: perClass.reduce((a, p) => a + p.f1, 0) / Math.max(1, names.length), accuracy: correct / Math.max(1, truth.length) };
}

/** Cross-validated kNN over labelled vectors alone (each fold's sounds voted by the other folds). */
export function crossValidate(data: Float32Array, dim: number, labels: readonly string[], opts: CrossValidationOptions = {}): QualityReport {
  const n = labels.length;
  const folds = Math.max(2, opts.folds ?? 5);
  const foldOf = assignFolds(n, folds, opts.groups);
  const truth: string[] = [];
  const predicted: string[] = [];
  for (let f = 0; f < folds; f++) {
    const clf = new KnnClassifier(dim, { k: opts.k ?? 7 });
    for (let i = 0; i < n; i++) if (foldOf[i] !== f) clf.setReference(i, labels[i], 'user', data.subarray(i * dim, (i + 1) * dim));
    if (clf.size === 0) continue;
    if (opts.openSet) clf.calibrate();
    for (let i = 0; i < n; i++) {
      if (foldOf[i] !== f) continue;
      truth.push(labels[i]);
      predicted.push(clf.predict(data.subarray(i * dim, (i + 1) * dim)).label);
    }
  }
  return summarisePredictions(truth, predicted);
}
