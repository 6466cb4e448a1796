// Errors the store throws when a library file cannot be used as-is, so callers can tell the user exactly why.

/** The file was written by a newer Sonoteca (or needs an upgrade a read-only open cannot do). It is left untouched. */
export class LibraryVersionError extends Error {
  override readonly name = 'LibraryVersionError';
  constructor(readonly file: string, readonly found: number, readonly supported: number, message: string) {
    super(message);
  }
}

/** The file exists but is not a Sonoteca library (another app's database, not SQLite at all, unreadable). */
export class LibraryOpenError extends Error {
  override readonly name = 'LibraryOpenError';
  constructor(readonly file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
