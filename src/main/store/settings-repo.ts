// Small library-wide values (map layout version, last export folder…) as JSON under a key.
import type { Database } from 'better-sqlite3';

export class SettingsRepo {
  constructor(private readonly db: Database) {}

  get<T = unknown>(key: string): T | undefined {
    const v = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }

  /** `undefined` deletes the key. */
  set(key: string, value: unknown): void {
    if (value === undefined) {
      this.delete(key);
      return;
    }
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error(`setting '${key}' cannot be stored as JSON`);
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, json);
  }

  delete(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }
}
