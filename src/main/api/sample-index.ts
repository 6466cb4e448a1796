// An in-memory column view of every sample so the browser can filter, sort and window 100k rows in a few ms;
// text search goes to the store's FTS, everything else is done here over plain arrays.
import type { LibraryDb } from '../store/index.js';
import type { SampleRow, FacetCount, ListResult } from '../../shared/contract/views.js';
import type { SampleQuery, SortKey } from '../../shared/contract/calls.js';
import type { SampleSummary } from '../../shared/model/sample.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function toRow(s: SampleSummary): SampleRow {
  return { ...s, category: s.category ?? null };
}

export class SampleIndex {
  private rows = new Map<number, SampleRow>();
  private sorted = new Map<string, number[]>();
  private loaded = false;

  constructor(private readonly db: LibraryDb) {}

  private ensure(): void {
    if (this.loaded) return;
    for (const s of this.db.samples.list({ limit: 10_000_000 })) this.rows.set(s.id, toRow(s));
    this.loaded = true;
  }

  /** Reloads the given rows from the store (after analysis, a label or a tag change); unknown ids are dropped. */
  refresh(ids: number[]): SampleRow[] {
    this.ensure();
    const out: SampleRow[] = [];
    for (let i = 0; i < ids.length; i += 900) {
      const chunk = ids.slice(i, i + 900);
      const fresh = new Map(this.db.samples.list({ ids: chunk, limit: chunk.length }).map((s) => [s.id, toRow(s)]));
      for (const id of chunk) {
        const row = fresh.get(id);
        if (row) {
          this.rows.set(id, row);
          out.push(row);
        } else this.rows.delete(id);
      }
    }
    this.sorted.clear();
    return out;
  }

  reloadAll(): void {
    this.rows.clear();
    this.loaded = false;
    this.sorted.clear();
  }

  get(id: number): SampleRow | undefined {
    this.ensure();
    return this.rows.get(id);
  }

  all(): Iterable<SampleRow> {
    this.ensure();
    return this.rows.values();
  }

  get size(): number {
    this.ensure();
    return this.rows.size;
  }

  /** Ids matching every filter, in `sortBy` order. */
  match(q: SampleQuery, sortBy: SortKey = 'name', desc = false, memberOf?: Set<number>): number[] {
    this.ensure();
    const textIds = q.text?.trim() ? new Set(this.db.samples.list({ text: q.text, limit: 10_000_000 }).map((s) => s.id)) : null;
    const idSet = q.ids ? new Set(q.ids) : null;
    const cats = q.categories?.length ? new Set(q.categories) : null;
    const kinds = q.kinds?.length ? new Set<string>(q.kinds) : null;
    const keys = q.keys?.length ? new Set(q.keys.map((k) => k.toLowerCase())) : null;
    const status = q.status?.length ? new Set<string>(q.status) : null;
    const order = this.order(sortBy, desc);
    const out: number[] = [];
    for (const id of order) {
      const r = this.rows.get(id)!;
      if (textIds && !textIds.has(id)) continue;
      if (idSet && !idSet.has(id)) continue;
      if (memberOf && !memberOf.has(id)) continue;
      if (cats && !cats.has(r.category?.name ?? 'unlabelled')) continue;
      if (kinds && !(r.kind && kinds.has(r.kind))) continue;
      if (keys && !(r.key && keys.has(r.key.toLowerCase()))) continue;
      if (status && !status.has(r.status)) continue;
      if (q.rootId !== undefined && !this.inRoot(r, q.rootId)) continue;
      if (q.favourites && !r.favourite) continue;
      if (q.minRating && r.rating < q.minRating) continue;
      if (q.bpmMin !== undefined && !(r.bpm !== null && r.bpm >= q.bpmMin)) continue;
      if (q.bpmMax !== undefined && !(r.bpm !== null && r.bpm <= q.bpmMax)) continue;
      if (q.durationMin !== undefined && !(r.durationSec !== null && r.durationSec >= q.durationMin)) continue;
      if (q.durationMax !== undefined && !(r.durationSec !== null && r.durationSec <= q.durationMax)) continue;
      out.push(id);
    }
    return out;
  }

  list(q: SampleQuery, sortBy: SortKey | undefined, desc: boolean | undefined, offset: number, limit: number, memberOf?: Set<number>): ListResult {
    const ids = this.match(q, sortBy ?? 'name', desc ?? false, memberOf);
    const rows = ids.slice(offset, offset + limit).map((id) => this.rows.get(id)!);
    return { total: ids.length, offset, rows, facets: this.facets(ids) };
  }

  private rootPaths = new Map<number, string>();
  setRoots(roots: Array<{ id: number; path: string }>): void {
    this.rootPaths = new Map(roots.map((r) => [r.id, r.path]));
  }

  private inRoot(r: SampleRow, rootId: number): boolean {
    const p = this.rootPaths.get(rootId);
    return p !== undefined && r.root === p;
  }

  private facets(ids: number[]): ListResult['facets'] {
    const cat = new Map<string, number>();
    const kind = new Map<string, number>();
    const key = new Map<string, number>();
    const fmt = new Map<string, number>();
    const bump = (m: Map<string, number>, k: string | null | undefined) => {
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    };
    for (const id of ids) {
      const r = this.rows.get(id)!;
      bump(cat, r.category?.name ?? 'unlabelled');
      bump(kind, r.kind);
      bump(key, r.key);
      bump(fmt, r.format);
    }
    const top = (m: Map<string, number>): FacetCount[] => [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || collator.compare(a.value, b.value));
    return { categories: top(cat), kinds: top(kind), keys: top(key), formats: top(fmt) };
  }

  /** Sort orders are cached per key and direction until a row changes; empty values sort last either way. */
  private order(key: SortKey, desc: boolean): number[] {
    const cacheKey = `${key}:${desc}`;
    const cached = this.sorted.get(cacheKey);
    if (cached) return cached;
    const rows = [...this.rows.values()];
    const dir = desc ? -1 : 1;
    const num = (f: (r: SampleRow) => number | null | undefined) => (a: SampleRow, b: SampleRow) => {
      const x = f(a);
      const y = f(b);
      if (x == null) return y == null ? 0 : 1;
      if (y == null) return -1;
      return dir * (x - y);
    };
    const str = (f: (r: SampleRow) => string | null | undefined) => {
      const keyOf = new Map(rows.map((r) => [r.id, f(r) ?? '']));
      return (a: SampleRow, b: SampleRow) => {
        const x = keyOf.get(a.id)!;
        const y = keyOf.get(b.id)!;
        if (!x) return y ? 1 : 0;
        if (!y) return -1;
        return dir * collator.compare(x, y);
      };
    };
    const cmp: Record<SortKey, (a: SampleRow, b: SampleRow) => number> = {
      name: str((r) => r.name),
      category: str((r) => r.category?.name),
      tags: str((r) => r.tags.map((t) => t.name).join(' ')),
      kind: str((r) => r.kind),
      bpm: num((r) => r.bpm),
      key: str((r) => r.key ?? r.note),
      duration: num((r) => r.durationSec),
      loudness: num((r) => r.loudnessLufs),
      format: str((r) => r.format),
      path: str((r) => r.path),
      rating: num((r) => -r.rating),
      id: num((r) => r.id),
    };
    const byName = str((r) => r.name);
    const c = cmp[key];
    rows.sort((a, b) => c(a, b) || (key === 'name' ? a.id - b.id : byName(a, b) || a.id - b.id));
    const ids = rows.map((r) => r.id);
    this.sorted.set(cacheKey, ids);
    return ids;
  }
}
