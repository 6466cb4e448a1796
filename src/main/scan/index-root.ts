// The index pass for one root: record every audio file (path, size, mtime) so the library is usable at once,
// mark vanished files missing (their user data stays), and store what went wrong along the way.
import { sep } from 'node:path';
import type { LibraryDb, IndexEntry, Root } from '../store/index.js';
import { walkFolder, newWalkStats, type WalkStats } from './walk-folder.js';
import { applyNameLabels } from '../labelling/name-labels.js';
import type { ScanProblem } from './scan-problem.js';

export interface IndexReport {
  root: string;
  added: number;
  changed: number;
  unchanged: number;
  restored: number;
  missing: number;
  problems: ScanProblem[];
  walk: WalkStats;
}

const BATCH = 10_000;

export function indexRoot(db: LibraryDb, root: Root, opts: { signal?: AbortSignal; onBatch?: (seen: number) => void } = {}): IndexReport {
  const problems: ScanProblem[] = [];
  const walk = newWalkStats();
  const report: IndexReport = { root: root.path, added: 0, changed: 0, unchanged: 0, restored: 0, missing: 0, problems, walk };
  const known = db.samples.statsForRoot(root.id);
  // Each file found is struck off `known`; what is left there at the end was not found.
  let seen = 0;
  let batch: IndexEntry[] = [];
  const written: string[] = [];
  const flush = () => {
    if (!batch.length) return;
    for (const e of batch) written.push(e.path);
    const r = db.samples.indexBatch(batch);
    report.added += r.added;
    report.changed += r.changed;
    report.unchanged += r.unchanged;
    report.restored += r.restored;
    batch = [];
    opts.onBatch?.(seen);
  };
  for (const file of walkFolder(root.path, { onProblem: (p) => problems.push(p), signal: opts.signal }, walk)) {
    seen++;
    const prior = known.get(file.path);
    if (prior) known.delete(file.path);
    // Unchanged and present: nothing to write; this is what keeps a 100k-file rescan fast.
    if (prior && prior.status !== 'missing' && prior.sizeBytes === file.sizeBytes && prior.mtimeMs === file.mtimeMs) {
      report.unchanged++;
      continue;
    }
    batch.push({ rootId: root.id, path: file.path, relPath: file.relPath, name: file.name, ext: file.ext, sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs });
    if (batch.length >= BATCH) flush();
  }
  flush();
  if (written.length) {
    // New and changed files get their name-derived category at once, before any audio is analysed.
    const ids = db.samples.statsForRoot(root.id);
    applyNameLabels(db, written.flatMap((path) => {
      const id = ids.get(path)?.id;
      return id === undefined ? [] : [{ id, path, rootPath: root.path }];
    }));
  }
  if (opts.signal?.aborted) return report;
  // A folder we could not read is not proof its files are gone: only files under readable folders become missing.
  const unreadable = problems.filter((p) => p.code !== 'vanished' && p.code !== 'symlink-loop').map((p) => p.path);
  const gone: number[] = [];
  for (const [path, info] of known) {
    if (info.status === 'missing') continue;
    if (unreadable.some((dir) => isInside(path, dir))) continue;
    gone.push(info.id);
  }
  if (gone.length) db.samples.markMissing(gone, Date.now());
  report.missing = gone.length;
  db.transaction(() => {
    db.problems.clearForRoot(root.id);
    for (const p of problems) db.problems.add(root.id, p.path, p.code, p.message);
    db.roots.markScanned(root.id, Date.now());
  });
  return report;
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
