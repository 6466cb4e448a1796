// The shape of one numbered schema step. Migrations are append-only: once released, a file never changes.
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes PRAGMA user_version once applied; strictly increasing from 1. */
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
