// Opens a library file: refuses what it must not touch, sets the pragmas that make it crash-safe and fast
// (WAL, foreign keys, synchronous=NORMAL, busy timeout), migrates, and hands out the repositories.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as DatabaseHandle } from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';
import { checkCompatible, latestVersion, runMigrations } from './migrate.js';
import { LibraryOpenError, LibraryVersionError } from './errors.js';
import { RootsRepo } from './roots-repo.js';
import { SamplesRepo } from './samples-repo.js';
import { TagsRepo } from './tags-repo.js';
import { LabelsRepo } from './labels-repo.js';
import { GroupsRepo } from './groups-repo.js';
import { ProblemsRepo } from './problems-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { EmbeddingsRepo } from './embeddings-repo.js';
import { FtsSync } from './fts-sync.js';
import { tx } from './tx.js';
import { checkIntegrity, rebuildSearchIndex, type IntegrityReport } from './maintenance.js';

/** How long a writer waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  readonly?: boolean;
}

export class LibraryDb {
  readonly roots: RootsRepo;
  readonly samples: SamplesRepo;
  readonly tags: TagsRepo;
  readonly labels: LabelsRepo;
  readonly groups: GroupsRepo;
  readonly problems: ProblemsRepo;
  readonly settings: SettingsRepo;
  readonly embeddings: EmbeddingsRepo;

  constructor(readonly db: DatabaseHandle, readonly file: string) {
    const fts = new FtsSync(db);
    this.tags = new TagsRepo(db, fts);
    this.labels = new LabelsRepo(db);
    this.samples = new SamplesRepo(db, this.tags, this.labels, fts);
    this.roots = new RootsRepo(db, (rootId, at) => this.samples.markRootMissing(rootId, at));
    this.groups = new GroupsRepo(db);
    this.problems = new ProblemsRepo(db);
    this.settings = new SettingsRepo(db);
    this.embeddings = new EmbeddingsRepo(db);
  }

  /** Runs fn in one transaction; called inside another it joins that one. A throw rolls the outermost back. */
  transaction<T>(fn: () => T): T {
    return tx(this.db, fn);
  }

  /** Full consistency check (SQLite pages, foreign keys, search index vs samples). Changes nothing. */
  checkIntegrity(): IntegrityReport {
    return checkIntegrity(this.db);
  }

  /** Rebuilds the search index from the samples table; user data is not involved. Returns rows indexed. */
  rebuildSearchIndex(): number {
    return rebuildSearchIndex(this.db);
  }

  /** Closes the file; a writable library first refreshes planner statistics where SQLite thinks they are stale. */
  close(): void {
    if (!this.db.open) return;
    if (!this.db.readonly) {
      try {
        this.db.pragma('optimize');
      } catch {
        // Best effort: a busy or read-only file must still close.
      }
    }
    this.db.close();
  }
}

export function openLibraryDb(file: string, opts: OpenOptions = {}): LibraryDb {
  const readonly = opts.readonly ?? false;
  let db: DatabaseHandle;
  try {
    if (!readonly) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly, fileMustExist: readonly });
  } catch (err) {
    throw new LibraryOpenError(file, `cannot open library ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Every check before the first write: a refused file must stay byte-identical.
    const version = checkCompatible(db, file, MIGRATIONS);
    if (readonly) {
      if (version < latestVersion(MIGRATIONS)) {
        throw new LibraryVersionError(file, version, latestVersion(MIGRATIONS),
          `${file} uses an older library format (${version}); open it once without read-only mode to upgrade it.`);
      }
      db.pragma('query_only = ON');
    } else {
      db.pragma('journal_mode = WAL');
      // NORMAL under WAL: a power cut may lose the last commits but never leaves a torn library.
      db.pragma('synchronous = NORMAL');
      // Foreign keys are switched on after migrating: SQLite's recipe for table rebuilds wants them off meanwhile.
      runMigrations(db, MIGRATIONS);
    }
    db.pragma('foreign_keys = ON');
    return new LibraryDb(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
}
