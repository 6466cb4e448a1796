// Free-form tags on samples, each from a source with a confidence. Derived sources (file name, metadata, model)
// are re-derived wholesale; the user's own tags and the user's removals of derived tags always survive that.
import type { Database, Statement } from 'better-sqlite3';
import type { FtsSync } from './fts-sync.js';
import { TAG_SOURCE_PRIORITY, type Tag, type TagSource } from '../../shared/model/sample.js';
import { tx } from './tx.js';

const SOURCES: ReadonlySet<string> = new Set(Object.keys(TAG_SOURCE_PRIORITY));

export function checkSource(source: string): asserts source is TagSource {
  if (!SOURCES.has(source)) throw new Error(`unknown tag/label source '${source}' (expected one of ${[...SOURCES].join(', ')})`);
}

/** Trims and collapses whitespace; tags compare case-insensitively, the first spelling is kept. */
export function normaliseTagName(name: string): string {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (!clean) throw new Error('a tag name cannot be empty');
  if (clean.length > 100) throw new Error(`a tag name is at most 100 characters: '${clean.slice(0, 40)}…'`);
  return clean;
}

function checkConfidence(confidence: number): void {
  if (!(confidence >= 0 && confidence <= 1)) throw new Error(`confidence must be within 0..1, got ${confidence}`);
}

interface TagRow { sample_id: number; name: string; source: TagSource; confidence: number }

export class TagsRepo {
  private readonly findTag: Statement<[string], number>;
  private readonly insertTag: Statement<[string]>;
  private readonly upsert: Statement<[number, number, string, number]>;
  private readonly unhide: Statement<[number, number]>;
  private readonly sourceTagIds: Statement<[number, string], number>;
  private readonly deleteOne: Statement<[number, number, string]>;

  constructor(private readonly db: Database, private readonly fts: FtsSync) {
    this.findTag = db.prepare<[string], number>('SELECT id FROM tags WHERE name = ?').pluck();
    this.insertTag = db.prepare('INSERT INTO tags (name) VALUES (?)');
    this.upsert = db.prepare(`INSERT INTO sample_tags (sample_id, tag_id, source, confidence) VALUES (?, ?, ?, ?)
      ON CONFLICT (sample_id, tag_id, source) DO UPDATE SET confidence = excluded.confidence WHERE confidence <> excluded.confidence`);
    this.unhide = db.prepare('DELETE FROM tag_hidden WHERE sample_id = ? AND tag_id = ?');
    this.sourceTagIds = db.prepare<[number, string], number>('SELECT tag_id FROM sample_tags WHERE sample_id = ? AND source = ?').pluck();
    this.deleteOne = db.prepare('DELETE FROM sample_tags WHERE sample_id = ? AND tag_id = ? AND source = ?');
  }

  private tagId(name: string): number {
    const clean = normaliseTagName(name);
    return this.findTag.get(clean) ?? Number(this.insertTag.run(clean).lastInsertRowid);
  }

  /** Adds or updates one tag. A user adding a tag also lifts an earlier "hidden by user" on it. */
  set(sampleId: number, name: string, source: TagSource, confidence = 1): void {
    checkSource(source);
    checkConfidence(confidence);
    tx(this.db, () => {
      const tagId = this.tagId(name);
      this.upsert.run(sampleId, tagId, source, confidence);
      if (source === 'user') this.unhide.run(sampleId, tagId);
      this.fts.tagsChanged(sampleId);
    });
  }

  /**
   * With a source: removes only that source's tag. Without one, the user removes the tag: their own is deleted and
   * derived ones are hidden, so re-deriving from the file name or the model does not bring it back.
   */
  remove(sampleId: number, name: string, source?: TagSource, at = Date.now()): void {
    if (source !== undefined) checkSource(source);
    tx(this.db, () => {
      const tagId = this.findTag.get(normaliseTagName(name));
      if (tagId === undefined) return;
      if (source !== undefined) {
        this.db.prepare('DELETE FROM sample_tags WHERE sample_id = ? AND tag_id = ? AND source = ?').run(sampleId, tagId, source);
      } else {
        this.db.prepare("DELETE FROM sample_tags WHERE sample_id = ? AND tag_id = ? AND source = 'user'").run(sampleId, tagId);
        this.db.prepare('INSERT OR IGNORE INTO tag_hidden (sample_id, tag_id, at) VALUES (?, ?, ?)').run(sampleId, tagId, at);
      }
      this.fts.tagsChanged(sampleId);
    });
  }

  /** Replaces every tag of one derived source on a sample; user tags and user removals are untouched. */
  replaceSource(sampleId: number, source: TagSource, tags: Array<{ name: string; confidence: number }>): void {
    checkSource(source);
    if (source === 'user') throw new Error('replaceSource is for derived tags; change user tags with set/remove');
    for (const t of tags) checkConfidence(t.confidence);
    tx(this.db, () => {
      const before = this.sourceTagIds.all(sampleId, source);
      const keep = new Set<number>();
      let changed = false;
      for (const t of tags) {
        const tagId = this.tagId(t.name);
        keep.add(tagId);
        if (this.upsert.run(sampleId, tagId, source, t.confidence).changes) changed = true;
      }
      // Delete only what went away; an unchanged set costs no search-index write (re-deriving 100k files is common).
      for (const tagId of before) {
        if (!keep.has(tagId)) {
          this.deleteOne.run(sampleId, tagId, source);
          changed = true;
        }
      }
      if (changed) this.fts.tagsChanged(sampleId);
    });
  }

  /** Effective tags per sample: one per name, the strongest source wins, tags the user hid are left out. */
  forSamples(ids: readonly number[]): Map<number, Tag[]> {
    const out = new Map<number, Tag[]>();
    if (!ids.length) return out;
    const visible = "(st.source = 'user' OR NOT EXISTS (SELECT 1 FROM tag_hidden h WHERE h.sample_id = st.sample_id AND h.tag_id = st.tag_id))";
    // For most of the library a plain scan beats probing the key once per id.
    const wanted = ids.length > 5000 ? new Set(ids) : null;
    const rows = (wanted
      ? this.db.prepare(`SELECT st.sample_id, t.name, st.source, st.confidence FROM sample_tags st JOIN tags t ON t.id = st.tag_id WHERE ${visible}`).raw().all()
      : this.db.prepare(`SELECT st.sample_id, t.name, st.source, st.confidence
          FROM json_each(?) j JOIN sample_tags st ON st.sample_id = j.value JOIN tags t ON t.id = st.tag_id WHERE ${visible}`)
        .raw().all(JSON.stringify(ids))) as Array<[number, string, TagSource, number]>;
    const best = new Map<number, Map<string, Tag>>();
    for (const [sample_id, name, source, confidence] of rows) {
      if (wanted && !wanted.has(sample_id)) continue;
      const r: TagRow = { sample_id, name, source, confidence };
      let byName = best.get(r.sample_id);
      if (!byName) best.set(r.sample_id, (byName = new Map()));
      const key = r.name.toLowerCase();
      const prior = byName.get(key);
      const rank = TAG_SOURCE_PRIORITY[r.source];
      if (!prior || rank > TAG_SOURCE_PRIORITY[prior.source] || (rank === TAG_SOURCE_PRIORITY[prior.source] && r.confidence > prior.confidence)) {
        byName.set(key, { name: r.name, source: r.source, confidence: r.confidence });
      }
    }
    for (const [id, byName] of best) {
      out.set(id, [...byName.values()].sort((a, b) => TAG_SOURCE_PRIORITY[b.source] - TAG_SOURCE_PRIORITY[a.source] || b.confidence - a.confidence || a.name.localeCompare(b.name)));
    }
    return out;
  }

  /** Derived tags the user hid on a sample (so the UI can offer "show again"). */
  hidden(sampleId: number): string[] {
    return this.db.prepare('SELECT t.name FROM tag_hidden h JOIN tags t ON t.id = h.tag_id WHERE h.sample_id = ? ORDER BY t.name').pluck().all(sampleId) as string[];
  }

  /** Every tag name with how many present samples show it, most used first (for facets and autocomplete). */
  counts(): Array<{ name: string; count: number }> {
    return this.db.prepare(`SELECT t.name AS name, count(DISTINCT st.sample_id) AS count
        FROM sample_tags st JOIN tags t ON t.id = st.tag_id JOIN samples s ON s.id = st.sample_id
        WHERE s.status <> 'missing'
          AND (st.source = 'user' OR NOT EXISTS (SELECT 1 FROM tag_hidden h WHERE h.sample_id = st.sample_id AND h.tag_id = st.tag_id))
        GROUP BY t.id ORDER BY count DESC, t.name`).all() as Array<{ name: string; count: number }>;
  }
}
