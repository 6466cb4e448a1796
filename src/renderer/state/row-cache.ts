// Rows fetched on demand for the visible window of a 100k-row list; invalidated per id when the core reports changes.
import type { SampleRow } from '../../shared/contract/views.js';
import { getApi } from '../transport.js';

export class RowCache {
  private rows = new Map<number, SampleRow>();
  private inflight = new Set<number>();
  private listeners = new Set<() => void>();
  version = 0;

  get(id: number): SampleRow | undefined {
    return this.rows.get(id);
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private bump() {
    this.version++;
    for (const l of this.listeners) l();
  }

  put(rows: SampleRow[]): void {
    for (const r of rows) this.rows.set(r.id, r);
    if (rows.length) this.bump();
  }

  /** Fetches whichever of `ids` are not cached, in one call. */
  async ensure(ids: number[]): Promise<void> {
    const missing = ids.filter((id) => !this.rows.has(id) && !this.inflight.has(id));
    if (!missing.length) return;
    missing.forEach((id) => this.inflight.add(id));
    try {
      const { rows } = await getApi().call('samples.rows', { ids: missing });
      this.put(rows);
    } finally {
      missing.forEach((id) => this.inflight.delete(id));
    }
  }

  /** Marks rows stale and refetches those still wanted. */
  async refresh(ids: number[]): Promise<void> {
    const known = ids.filter((id) => this.rows.has(id));
    if (!known.length) return;
    const { rows } = await getApi().call('samples.rows', { ids: known });
    this.put(rows);
  }

  clear(): void {
    this.rows.clear();
    this.bump();
  }
}
