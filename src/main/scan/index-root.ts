// The index pass for one root: record every audio file (path, size, mtime) so the library is usable at once,
// mark vanished files missing (their user data stays), and store what went wrong along the way.
import { sep } from 'node:path';
import type { LibraryDb, IndexEntry, Root, SampleStat } from '../store/index.js';
import { newWalkStats, relativeStart, type WalkStats } from './walk-folder.js';
import { walkedFileAt, type WalkBatch } from './walk-batch.js';
import { nextTurn } from '../core/next-turn.js';
import { startWalk } from './start-walk.js';
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

/** Rows written (and name-labelled) per transaction, and known rows read per slice: each is one stretch without
 * event-loop turns. */
const BATCH = 1_000;
const KNOWN_SLICE = 10_000;


export interface IndexRootOptions {
  signal?: AbortSignal;
  onBatch?: (seen: number) => void;
  /** Walk on this thread instead of a worker (tests compare both; see startWalk). */
  inThread?: boolean;
  onFallback?: (reason: string) => void;
}

/** Indexes one root, walking it in a worker while this thread reads the known rows and writes the changes. */
export function indexRoot(db: LibraryDb, root: Root, opts: IndexRootOptions = {}): Promise<IndexReport> {
  // Started first so the folders are walked while the known rows are read below.
  const walked = startWalk(root.path, { signal: opts.signal, inThread: opts.inThread, onFallback: opts.onFallback });
  return indexWalked(db, root, walked, opts);
}

/** The compare-and-write half of indexRoot over any walk of the root, batch by batch. */
export async function indexWalked(db: LibraryDb, root: Root, walked: AsyncIterable<WalkBatch> | Iterable<WalkBatch>, opts: { signal?: AbortSignal; onBatch?: (seen: number) => void } = {}): Promise<IndexReport> {
  const problems: ScanProblem[] = [];
  const walk = newWalkStats();
  const report: IndexReport = { root: root.path, added: 0, changed: 0, unchanged: 0, restored: 0, missing: 0, problems, walk };
  const known = await readKnown(db, root.id);
  const relStart = relativeStart(root.path);
  // Each file found is struck off `known`; what is left there at the end was not found.
  let seen = 0;
  let batch: IndexEntry[] = [];
  const flush = () => {
    if (!batch.length) return;
    const entries = batch;
    batch = [];
    // New and changed files get their name-derived category at once, before any audio is analysed, and in the
    // same transaction as their rows: a scan killed later never leaves files that every rescan skips unnamed.
    db.transaction(() => {
      const r = db.samples.indexBatch(entries);
      report.added += r.added;
      report.changed += r.changed;
      report.unchanged += r.unchanged;
      report.restored += r.restored;
      applyNameLabels(db, entries.map((e, i) => ({ id: r.ids[i], path: e.path, rootPath: root.path })));
    });
    opts.onBatch?.(seen);
  };
  for await (const files of walked) {
    const { paths, sizes, mtimes } = files;
    for (let i = 0; i < paths.length; i++) {
      seen++;
      const path = paths[i];
      const prior = known.get(path);
      if (prior) {
        known.delete(path);
        // Unchanged and present: nothing to write; this is what keeps a 100k-file rescan fast.
        if (prior.status !== 'missing' && prior.sizeBytes === sizes[i] && prior.mtimeMs === mtimes[i]) {
          report.unchanged++;
          continue;
        }
      }
      batch.push({ rootId: root.id, ...walkedFileAt(files, i, relStart) });
      if (batch.length >= BATCH) {
        flush();
        await nextTurn();
      }
    }
    for (const p of files.problems) problems.push(p);
    Object.assign(walk, files.stats);
    // Let requests in between batches: a first index of a big folder must not freeze the UI.
    await nextTurn();
  }
  flush();
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

/** statsForRoot in slices, with turns for the event loop between them (100k rows take a few hundred ms). */
async function readKnown(db: LibraryDb, rootId: number): Promise<Map<string, SampleStat>> {
  const known = new Map<string, SampleStat>();
  for (let after: string | null = ''; after !== null; ) {
    after = db.samples.statsForRootSlice(rootId, after, KNOWN_SLICE, known);
    if (after !== null) await nextTurn();
  }
  return known;
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}
