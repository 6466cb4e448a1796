// The library a producer works with: roots, the index, background analysis and change watching, over one SQLite
// file. The CLI, the browser-mode host and the Electron shell all drive this same object.
import { realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { openLibraryDb, type LibraryDb, type Root } from '../store/index.js';
import { indexRoot, type IndexReport } from '../scan/index-root.js';
import { analyseLibrary, type AnalyseOptions, type AnalyseReport } from '../pipeline/analyse-library.js';
import { watchRoots, type WatchOptions } from '../scan/watch-roots.js';
import { TypedEmitter, type Unsubscribe } from './events.js';
import type { ProgressEvent } from './progress.js';
import { libraryDbPath } from './library-dir.js';
import { classifyLibrary, type ClassifyReport } from '../services/classify.js';
import { nameLabelsStale, refreshNameLabels } from '../labelling/name-labels.js';

export interface LibraryEvents {
  progress: ProgressEvent;
  sample: { id: number };
  indexed: IndexReport;
  analysed: AnalyseReport;
  classified: ClassifyReport;
  /** Something went wrong that did not stop the work (e.g. labelling failed after a good analysis). */
  warning: { message: string };
}

export interface LibraryOptions {
  /** Label sounds (kNN over embeddings or descriptors) after each analysis run. The app and CLI do; unit tests of
   * scanning need not load the model. */
  classify?: boolean;
}

export interface AddRootsResult {
  added: Root[];
  reports: IndexReport[];
  refused: Array<{ path: string; reason: string }>;
}

export class Library {
  readonly events = new TypedEmitter<LibraryEvents>();
  private analysing: Promise<AnalyseReport> | null = null;
  private analyseAgain = false;
  /** The tail of the queue of scans (see exclusive). */
  private indexing: Promise<unknown> = Promise.resolve();
  /** The root being indexed right now, and how to stop that one root's pass. */
  private indexingRoot: { rootId: number; stop: AbortController } | null = null;

  private constructor(readonly dir: string, readonly db: LibraryDb, private readonly options: LibraryOptions) {}

  static open(dir: string, options: LibraryOptions = {}): Library {
    return new Library(dir, openLibraryDb(libraryDbPath(dir)), options);
  }

  /** Adds folders as roots and indexes them at once; analysis is separate so the library is usable immediately. */
  addRoots(paths: string[]): Promise<AddRootsResult> {
    return this.exclusive(async () => {
      // Names read by an older labeller (before an upgrade) are read again, once, before indexing.
      await refreshNameLabels(this.db);
      return this.addRootsNow(paths);
    });
  }

  /** Incremental rescan of every root: unchanged files are skipped by size and mtime. */
  scan(opts: { signal?: AbortSignal } = {}): Promise<IndexReport[]> {
    return this.exclusive(async () => {
      await refreshNameLabels(this.db, { signal: opts.signal });
      const reports: IndexReport[] = [];
      for (const root of this.db.roots.list()) reports.push(await this.indexOne(root, opts.signal));
      return reports;
    });
  }

  private async addRootsNow(paths: string[]): Promise<AddRootsResult> {
    const result: AddRootsResult = { added: [], reports: [], refused: [] };
    for (const given of paths) {
      const checked = this.checkRoot(given);
      if ('reason' in checked) {
        result.refused.push({ path: given, reason: checked.reason });
        continue;
      }
      const root = this.db.roots.add(checked.path);
      for (const inner of checked.absorbs) this.db.roots.absorb(inner.id, root.id, relative(root.path, inner.path) + sep);
      result.added.push(root);
      result.reports.push(await this.indexOne(root));
    }
    return result;
  }

  /**
   * Detaches a folder: its samples go missing, their labels, tags and groups stay (adding it again restores them).
   * A pass over that folder still running is stopped first: otherwise it would write its files back as present.
   */
  removeRoot(rootId: number): Promise<void> {
    if (this.indexingRoot?.rootId === rootId) this.indexingRoot.stop.abort();
    return this.exclusive(async () => {
      this.db.roots.remove(rootId);
    });
  }

  /**
   * Scans run one at a time now that they yield to the event loop: a watcher's re-index, a rescan from the UI and
   * an added folder must not interleave their reads and writes of the same rows.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.indexing.then(work);
    this.indexing = run.catch(() => {});
    return run;
  }

  /**
   * Analyses everything pending or stale. One run at a time: a call during a run asks for one more pass after it,
   * so files indexed meanwhile are picked up.
   */
  analyse(opts: Omit<AnalyseOptions, 'onProgress' | 'onSample'> = {}): Promise<AnalyseReport> {
    if (this.analysing) {
      this.analyseAgain = true;
      return this.analysing;
    }
    const run = async (): Promise<AnalyseReport> => {
      // The app and `serve` start by analysing, not by scanning: names an older labeller read are read again here
      // too (queued behind any scan), so the labels fused after analysis use the current vocabulary.
      if (nameLabelsStale(this.db)) await this.exclusive(() => refreshNameLabels(this.db, { signal: opts.signal }));
      let report: AnalyseReport;
      do {
        this.analyseAgain = false;
        report = await analyseLibrary(this.db, {
          ...opts,
          onProgress: (e) => this.events.emit('progress', e),
          onSample: (id) => this.events.emit('sample', { id }),
          onWarning: (message) => this.events.emit('warning', { message }),
        });
        this.events.emit('analysed', report);
        if (this.options.classify && !opts.signal?.aborted) await this.classify(opts.signal);
      } while (this.analyseAgain && !opts.signal?.aborted);
      return report;
    };
    this.analysing = run().finally(() => {
      this.analysing = null;
    });
    return this.analysing;
  }

  /** Picks up changes under the roots while running; returns the function that stops watching. */
  watch(opts: Omit<WatchOptions, 'onChange'> & { analyse?: boolean } = {}): Unsubscribe {
    return watchRoots(this.db.roots.list().map((r) => r.path), {
      ...opts,
      onChange: (rootPath) => {
        // Looked up when its turn comes: the root may have been taken over or removed while an earlier scan ran.
        this.exclusive(async () => {
          const root = this.db.roots.byPath(rootPath);
          return root ? this.indexOne(root) : null;
        }).then(
          (report) => {
            if (report && opts.analyse !== false) void this.analyse();
          },
          (err: unknown) => this.events.emit('warning', { message: `rescan of ${rootPath} failed: ${(err as Error).message}` }),
        );
      },
    });
  }

  /** Re-labels the library from its analysis; a failure here is reported, never lost work. */
  private async classify(signal?: AbortSignal): Promise<void> {
    try {
      this.events.emit('classified', await classifyLibrary(this.db, { signal }));
    } catch (err) {
      this.events.emit('warning', { message: `labelling failed: ${(err as Error).message}` });
    }
  }

  async close(): Promise<void> {
    await this.indexing;
    await this.analysing?.catch(() => {});
    this.db.close();
  }

  private async indexOne(root: Root, signal?: AbortSignal): Promise<IndexReport> {
    // Stopped by the caller's signal, or by removeRoot for this root alone.
    const stop = new AbortController();
    const forward = () => stop.abort();
    if (signal?.aborted) stop.abort();
    signal?.addEventListener('abort', forward, { once: true });
    this.indexingRoot = { rootId: root.id, stop };
    try {
      const report = await indexRoot(this.db, root, {
        signal: stop.signal,
        onFallback: (message) => this.events.emit('warning', { message }),
        onBatch: (seen) => this.events.emit('progress', { phase: 'index', done: seen, total: seen, ratePerSec: 0, etaSec: null, current: root.path }),
      });
      this.events.emit('indexed', report);
      return report;
    } finally {
      this.indexingRoot = null;
      signal?.removeEventListener('abort', forward);
    }
  }

  /** A root must be a readable folder not inside another root; roots inside it are taken over (see absorb). */
  private checkRoot(given: string): { path: string; absorbs: Root[] } | { reason: string } {
    let path: string;
    try {
      path = realpathSync(resolve(given));
      if (!statSync(path).isDirectory()) return { reason: `not a folder: ${given}` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { reason: `folder not found: ${given}` };
      if (code === 'EACCES' || code === 'EPERM') return { reason: `permission denied: ${given}` };
      return { reason: `cannot open ${given}: ${(err as Error).message}` };
    }
    const absorbs: Root[] = [];
    for (const root of this.db.roots.list()) {
      if (root.path === path) return { path, absorbs: [] };
      if (path.startsWith(root.path + sep)) return { reason: `already in the library as part of ${root.path}` };
      if (root.path.startsWith(path + sep)) absorbs.push(root);
    }
    return { path, absorbs };
  }
}
