// The sample's category ('kick', 'pad'…), one opinion per source. The effective label is the strongest source's:
// user > metadata > filename > model > descriptor, so a user's correction is never overruled.
import type { Database, Statement } from 'better-sqlite3';
import { TAG_SOURCE_PRIORITY, type TagSource } from '../../shared/model/sample.js';
import { checkSource } from './tags-repo.js';
import { tx } from './tx.js';

export interface Label {
  category: string;
  source: TagSource;
  confidence: number;
  /** Why, as stored by the labeller (e.g. voting neighbours, matched tokens); null when none was given. */
  evidence: unknown;
}

interface LabelRow { sample_id: number; category: string; source: TagSource; confidence: number; evidence_json: string | null }

function toLabel(r: LabelRow): Label {
  return { category: r.category, source: r.source, confidence: r.confidence, evidence: r.evidence_json === null ? null : JSON.parse(r.evidence_json) };
}

type DerivedLabel = { sampleId: number; category: string; confidence: number; evidence?: unknown };

/** The user's labels change one at a time through set/clear; bulk writes are for what labellers derive. */
function derivedOnly(source: TagSource, method: string): void {
  checkSource(source);
  if (source === 'user') throw new Error(`${method} is for derived labels; change user labels with set/clear`);
}

function stronger(a: LabelRow, b: LabelRow): boolean {
  const d = TAG_SOURCE_PRIORITY[a.source] - TAG_SOURCE_PRIORITY[b.source];
  return d > 0 || (d === 0 && a.confidence > b.confidence);
}

export class LabelsRepo {
  private readonly upsert: Statement<[number, string, string, number, string | null, number]>;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare(`INSERT INTO labels (sample_id, source, category, confidence, evidence_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (sample_id, source) DO UPDATE SET category = excluded.category, confidence = excluded.confidence,
          evidence_json = excluded.evidence_json, updated_at = excluded.updated_at`);
  }

  set(sampleId: number, category: string, source: TagSource, confidence = 1, evidence?: unknown, at = Date.now()): void {
    checkSource(source);
    const name = category.trim();
    if (!name) throw new Error('a category cannot be empty');
    if (!(confidence >= 0 && confidence <= 1)) throw new Error(`confidence must be within 0..1, got ${confidence}`);
    this.upsert.run(sampleId, source, name, confidence, evidence === undefined ? null : JSON.stringify(evidence), at);
  }

  clear(sampleId: number, source: TagSource): void {
    checkSource(source);
    this.db.prepare('DELETE FROM labels WHERE sample_id = ? AND source = ?').run(sampleId, source);
  }

  /** Writes one derived source's labels for these samples, in one transaction; others' labels are left alone. */
  setMany(source: TagSource, labels: DerivedLabel[], at = Date.now()): void {
    derivedOnly(source, 'setMany');
    tx(this.db, () => {
      for (const l of labels) this.set(l.sampleId, l.category, source, l.confidence, l.evidence, at);
    });
  }

  /** Drops one derived source's labels written before `at`: those a whole-library pass writing at `at` left alone. */
  dropOlderThan(source: TagSource, at: number): number {
    derivedOnly(source, 'dropOlderThan');
    return this.db.prepare('DELETE FROM labels WHERE source = ? AND updated_at < ?').run(source, at).changes;
  }

  /** Replaces one derived source's labels for many samples at once (e.g. after re-running the model). */
  replaceSource(source: TagSource, labels: DerivedLabel[], at = Date.now()): void {
    derivedOnly(source, 'replaceSource');
    tx(this.db, () => {
      this.db.prepare('DELETE FROM labels WHERE source = ?').run(source);
      this.setMany(source, labels, at);
    });
  }

  effective(sampleId: number): Label | null {
    return this.effectiveMany([sampleId]).get(sampleId) ?? null;
  }

  effectiveMany(ids: readonly number[]): Map<number, Label> {
    return new Map([...this.strongest(ids)].map(([id, r]) => [id, toLabel(r)]));
  }

  /** Effective labels without parsing their evidence: what list rows need, for up to the whole library at once. */
  categories(ids: readonly number[]): Map<number, { name: string; source: TagSource; confidence: number }> {
    return new Map([...this.strongest(ids)].map(([id, r]) => [id, { name: r.category, source: r.source, confidence: r.confidence }]));
  }

  private strongest(ids: readonly number[]): Map<number, LabelRow> {
    const best = new Map<number, LabelRow>();
    if (!ids.length) return best;
    // For most of the library a plain scan beats probing the key once per id.
    const wanted = ids.length > 5000 ? new Set(ids) : null;
    const rows = (wanted
      ? this.db.prepare('SELECT sample_id, category, source, confidence, evidence_json FROM labels').raw().all()
      : this.db.prepare('SELECT l.sample_id, l.category, l.source, l.confidence, l.evidence_json FROM json_each(?) j JOIN labels l ON l.sample_id = j.value')
        .raw().all(JSON.stringify(ids))) as Array<[number, string, TagSource, number, string | null]>;
    for (const [sample_id, category, source, confidence, evidence_json] of rows) {
      if (wanted && !wanted.has(sample_id)) continue;
      const r: LabelRow = { sample_id, category, source, confidence, evidence_json };
      const prior = best.get(sample_id);
      if (!prior || stronger(r, prior)) best.set(sample_id, r);
    }
    return best;
  }

  /** Every source's opinion on one sample, strongest first. */
  forSample(sampleId: number): Label[] {
    const rows = this.db.prepare('SELECT * FROM labels WHERE sample_id = ?').all(sampleId) as LabelRow[];
    return rows.sort((a, b) => (stronger(a, b) ? -1 : stronger(b, a) ? 1 : 0)).map(toLabel);
  }

  all(source?: TagSource): Array<{ sampleId: number; category: string; source: TagSource; confidence: number }> {
    if (source !== undefined) checkSource(source);
    const rows = (source === undefined
      ? this.db.prepare('SELECT sample_id, category, source, confidence FROM labels ORDER BY sample_id').all()
      : this.db.prepare('SELECT sample_id, category, source, confidence FROM labels WHERE source = ? ORDER BY sample_id').all(source)) as LabelRow[];
    return rows.map((r) => ({ sampleId: r.sample_id, category: r.category, source: r.source, confidence: r.confidence }));
  }
}
