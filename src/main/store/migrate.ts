// Brings a library file up to the current schema: pending migrations run in one transaction, so a crash mid-way
// leaves the old version intact; a file from a newer Sonoteca is refused before anything is written to it.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.js';
import { LibraryOpenError, LibraryVersionError } from './errors.js';

/** PRAGMA application_id of a Sonoteca library ('Sono'), so other apps' databases are not mistaken for ours. */
export const APPLICATION_ID = 0x536f6e6f;

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0;
}

/** Throws unless versions are positive integers in strictly increasing order (a mistake when adding a migration). */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  let last = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= last) {
      throw new Error(`migration ${m.version}-${m.name} is out of order: versions must increase (previous was ${last})`);
    }
    last = m.version;
  }
}

export function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses files we must not touch: newer schema, or a database that is not a Sonoteca library. Reads only.
 * `file` is for messages.
 */
export function checkCompatible(db: Database, file: string, migrations: readonly Migration[]): number {
  let version: number;
  let appId: number;
  try {
    version = readUserVersion(db);
    appId = db.pragma('application_id', { simple: true }) as number;
  } catch (err) {
    throw new LibraryOpenError(file, `${file} is not a Sonoteca library (not a readable SQLite database: ${(err as Error).message})`, { cause: err });
  }
  const supported = latestVersion(migrations);
  if (version > supported) {
    throw new LibraryVersionError(file, version, supported,
      `${file} was written by a newer version of Sonoteca (library format ${version}; this version reads up to ${supported}). ` +
      'Update Sonoteca to open it; the file was not changed.');
  }
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new LibraryOpenError(file, `${file} is a database of another application (application_id ${appId}), not a Sonoteca library; it was not changed.`);
  }
  if (appId === 0 && version === 0) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
    if (tables > 0) throw new LibraryOpenError(file, `${file} is an SQLite database but not a Sonoteca library; it was not changed.`);
  }
  return version;
}

/** Applies every migration above the file's version in one transaction. Returns the versions applied. */
export function runMigrations(db: Database, migrations: readonly Migration[]): number[] {
  checkMigrationOrder(migrations);
  const apply = db.transaction(() => {
    // Read inside the write transaction: another process may have migrated between open and now.
    const current = readUserVersion(db);
    const pending = migrations.filter((m) => m.version > current);
    for (const m of pending) m.up(db);
    if (pending.length) {
      db.pragma(`user_version = ${latestVersion(migrations)}`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    return pending.map((m) => m.version);
  });
  return apply.immediate();
}
