// "How well does Sonoteca know my sounds?": cross-validated kNN over the user's labelled sounds (folds follow
// folders, so near-identical files never sit on both sides), as a confusion matrix with per-class precision/recall.
import { dirname } from 'node:path';
import type { LibraryDb } from '../store/index.js';
import { crossValidate, type QualityReport } from '../intelligence/quality-report.js';
import { CLASSIFY_WEIGHTS, aspectScales, loadLibraryVectors, scaleRows } from './library-vectors.js';
import { FILENAME_REFERENCE_CONFIDENCE } from './classify.js';

export interface ReportOptions {
  /** Also count decisive file-name labels as ground truth (default: only when fewer than 10 user labels exist). */
  includeFilenames?: boolean;
  folds?: number;
}

export interface LibraryReport extends QualityReport {
  labelled: number;
  sources: { user: number; filename: number };
  folds: number;
  note: string;
}

export function libraryReport(db: LibraryDb, opts: ReportOptions = {}): LibraryReport {
  const v = loadLibraryVectors(db);
  const truth = new Map<number, string>();
  const user = db.labels.all('user').filter((l) => v.row.has(l.sampleId) && l.category !== 'unknown');
  const useNames = opts.includeFilenames ?? user.length < 10;
  let fromNames = 0;
  if (useNames) {
    for (const l of db.labels.all('filename')) {
      if (v.row.has(l.sampleId) && l.confidence >= FILENAME_REFERENCE_CONFIDENCE && l.category !== 'unknown') {
        truth.set(l.sampleId, l.category);
        fromNames++;
      }
    }
  }
  for (const l of user) {
    if (truth.has(l.sampleId)) fromNames--;
    truth.set(l.sampleId, l.category);
  }
  const ids = [...truth.keys()];
  if (ids.length < 4 || new Set(truth.values()).size < 2) {
    throw new Error(`a report needs at least 4 labelled sounds in 2 or more categories (have ${ids.length} in ${new Set(truth.values()).size}); label some with \`sonoteca label\` or \`sonoteca labels import\``);
  }
  const scales = aspectScales(v.dim, CLASSIFY_WEIGHTS);
  const data = new Float32Array(ids.length * v.dim);
  ids.forEach((id, i) => data.set(v.standard.subarray(v.row.get(id)! * v.dim, (v.row.get(id)! + 1) * v.dim), i * v.dim));
  const scaled = scaleRows(data, v.dim, scales);
  const paths = new Map(db.samples.list({ ids, limit: ids.length + 1, status: 'analysed' }).map((s) => [s.id, s.path]));
  const groups = ids.map((id) => dirname(paths.get(id) ?? ''));
  const labels = ids.map((id) => truth.get(id)!);
  // Folds by folder keep near-identical files (one pack's velocity layers) on one side, but only work when every
  // category lives in 2+ folders: a "Kicks" folder held out whole would leave no kick to learn from.
  const foldersPerLabel = new Map<string, Set<string>>();
  labels.forEach((l, i) => foldersPerLabel.set(l, (foldersPerLabel.get(l) ?? new Set()).add(groups[i])));
  const byFolder = [...foldersPerLabel.values()].every((f) => f.size >= 2);
  const folds = Math.max(2, Math.min(opts.folds ?? 5, byFolder ? new Set(groups).size : ids.length));
  const r = crossValidate(scaled, v.dim, labels, { folds, groups: byFolder ? groups : undefined });
  return {
    ...r,
    labelled: ids.length,
    sources: { user: user.length, filename: fromNames },
    folds,
    note: byFolder ? `${folds}-fold cross-validation, folds by folder` : `${folds}-fold cross-validation, shuffled (categories sit in single folders, so folds cannot follow folders)`,
  };
}
