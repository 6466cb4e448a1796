// The index of audio files and their analysis. Every multi-row write is one transaction, and nothing here ever
// deletes user data (labels, tags, groups, rating, favourite) because a file changed, vanished or was rescanned.
import type { Database, Statement } from 'better-sqlite3';
import type { AudioInfo, EmbeddedMetadata } from '../../shared/model/audio.js';
import { ANALYZER_IDS, type AnalysisResult, type AnalyzerId, type PeaksResult, type SampleKind } from '../../shared/model/analysis.js';
import type { SampleDetail, SampleError, SampleStatus, SampleSummary } from '../../shared/model/sample.js';
import type { TagsRepo } from './tags-repo.js';
import type { LabelsRepo } from './labels-repo.js';
import { SUMMARY_COLUMNS, rowFromRaw, toSummary, type SampleRow } from './sample-row.js';
import { decodeWithArrays, encodeWithArrays, bufferToFloat32 } from './typed-blob.js';
import { parseSignature, staleAnalyzers, versionSignature } from './analyzer-signature.js';
import { toFtsQuery } from './fts-query.js';
import type { FtsSync } from './fts-sync.js';
import { tx } from './tx.js';

export interface IndexEntry {
  rootId: number;
  path: string;
  relPath: string;
  name: string;
  ext: string;
  sizeBytes: number;
  mtimeMs: number;
}

export interface IndexBatchResult {
  added: number;
  changed: number;
  unchanged: number;
  restored: number;
  /** The row id of each entry, in the order given. */
  ids: number[];
}

export interface SampleStat { id: number; sizeBytes: number; mtimeMs: number; status: SampleStatus }

export interface AnalysisCandidate { id: number; path: string; sizeBytes: number; mtimeMs: number; stale: AnalyzerId[] | 'all' }

export interface DerivedValues {
  kind: SampleKind | null;
  bpm: number | null;
  bpmSource: string | null;
  key: string | null;
  keySource: string | null;
  note: string | null;
  rootMidi: number | null;
  loudnessLufs: number | null;
  peakDb: number | null;
  durationSec: number | null;
  fingerprint: string | null;
}

export interface AnalysisData {
  info: AudioInfo;
  metadata: EmbeddedMetadata;
  /** Results of the analyzers in `versions`; one listed there but absent here ran and found nothing. */
  result: AnalysisResult;
  versions: Partial<Record<AnalyzerId, number>>;
  derived: DerivedValues;
}

export interface StatExpectation { sizeBytes: number; mtimeMs: number }

export type SampleOrder = 'path' | 'name' | 'duration' | 'bpm' | 'loudness' | 'id' | 'relevance';

export interface SampleQuery {
  /** Without a status, missing files are left out. */
  status?: SampleStatus;
  /** Free text, matched as word prefixes against name, path and tags; any characters are safe. */
  text?: string;
  rootId?: number;
  ids?: readonly number[];
  /** Effective category (strongest label). */
  category?: string;
  kind?: SampleKind;
  favourite?: boolean;
  groupId?: number;
  limit?: number;
  offset?: number;
  /** Default 'path'; 'relevance' needs `text`. */
  orderBy?: SampleOrder;
  desc?: boolean;
}

export interface FacetCount { value: string; count: number }

export interface SampleFacets { categories: FacetCount[]; kinds: FacetCount[]; keys: FacetCount[]; formats: FacetCount[] }

export interface SampleCounts {
  indexed: number;
  analysed: number;
  pending: number;
  failed: number;
  missing: number;
  failedByReason: Record<string, number>;
}

const ORDER_COLUMNS: Record<Exclude<SampleOrder, 'relevance'>, string> = {
  path: 's.path',
  name: 's.name',
  duration: 's.duration_sec',
  bpm: 's.bpm',
  loudness: 's.loudness_lufs',
  id: 's.id',
};

/** Resets everything analysis produced; user columns (rating, favourite) are deliberately not listed. */
const CLEAR_ANALYSIS = `analysed_at = NULL, analysis_sig = NULL, format = NULL, codec = NULL, sample_rate = NULL, channels = NULL,
  bit_depth = NULL, frames = NULL, duration_sec = NULL, kind = NULL, bpm = NULL, bpm_source = NULL, musical_key = NULL,
  key_source = NULL, note = NULL, root_midi = NULL, loudness_lufs = NULL, peak_db = NULL, fingerprint = NULL,
  metadata_json = NULL, error_code = NULL, error_message = NULL`;

/** SQL for a sample's effective category: labels ranked like TAG_SOURCE_PRIORITY, then by confidence. */
const EFFECTIVE_CATEGORY = `(SELECT l.category FROM labels l WHERE l.sample_id = s.id ORDER BY
  CASE l.source WHEN 'user' THEN 4 WHEN 'metadata' THEN 3 WHEN 'filename' THEN 2 WHEN 'model' THEN 1 ELSE 0 END DESC,
  l.confidence DESC LIMIT 1)`;

interface ExistingRow { id: number; root_id: number; rel_path: string; size_bytes: number; mtime_ms: number; status: SampleStatus }
interface AnalysisRow { analyzer: AnalyzerId; version: number; json: string; arrays: Buffer | null }

const STATS_SLICE = 10_000;

export class SamplesRepo {
  private readonly existing: Statement<[string], ExistingRow>;
  private readonly insert: Statement<[number, string, string, string, string, number, number, number]>;
  private readonly restore: Statement<[number, string, string, number]>;
  private readonly reset: Statement<[number, string, string, number, number, number, number]>;
  private readonly move: Statement<[number, string, number]>;
  private readonly clearAnalysisRows: Statement<[number]>;
  private readonly missingOne: Statement<[number, number]>;
  private readonly statRow: Statement<[number], { size_bytes: number; mtime_ms: number; status: SampleStatus }>;
  private readonly summaryById: Statement<[number], unknown[]>;
  private readonly upsertAnalysis: Statement<[number, string, number, string, Buffer | null]>;
  private readonly storedVersions: Statement<[number], { analyzer: AnalyzerId; version: number }>;
  private readonly saveStatements = new Map<string, Statement>();

  constructor(private readonly db: Database, private readonly tags: TagsRepo, private readonly labels: LabelsRepo, private readonly fts: FtsSync) {
    this.existing = db.prepare('SELECT id, root_id, rel_path, size_bytes, mtime_ms, status FROM samples WHERE path = ?');
    this.insert = db.prepare(`INSERT INTO samples (root_id, path, rel_path, name, ext, size_bytes, mtime_ms, status, indexed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?)`);
    this.restore = db.prepare(`UPDATE samples SET status = coalesce(prev_status, 'pending'), prev_status = NULL, missing_since = NULL,
      root_id = ?, rel_path = ?, ext = ? WHERE id = ?`);
    this.reset = db.prepare(`UPDATE samples SET root_id = ?, rel_path = ?, ext = ?, size_bytes = ?, mtime_ms = ?, indexed_at = ?,
      status = 'pending', prev_status = NULL, missing_since = NULL, ${CLEAR_ANALYSIS} WHERE id = ?`);
    this.move = db.prepare('UPDATE samples SET root_id = ?, rel_path = ? WHERE id = ?');
    this.clearAnalysisRows = db.prepare('DELETE FROM analysis WHERE sample_id = ?');
    this.missingOne = db.prepare("UPDATE samples SET prev_status = status, status = 'missing', missing_since = ? WHERE id = ? AND status <> 'missing'");
    this.statRow = db.prepare('SELECT size_bytes, mtime_ms, status FROM samples WHERE id = ?');
    this.summaryById = db.prepare<[number], unknown[]>(`SELECT ${SUMMARY_COLUMNS} FROM samples s JOIN roots r ON r.id = s.root_id WHERE s.id = ?`).raw();
    this.upsertAnalysis = db.prepare(`INSERT INTO analysis (sample_id, analyzer, version, json, arrays) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (sample_id, analyzer) DO UPDATE SET version = excluded.version, json = excluded.json, arrays = excluded.arrays`);
    this.storedVersions = db.prepare('SELECT analyzer, version FROM analysis WHERE sample_id = ?');
  }

  /** Prepared once per distinct SQL text: the per-file save path runs tens of thousands of times. */
  private cached(sql: string): Statement {
    let stmt = this.saveStatements.get(sql);
    if (!stmt) this.saveStatements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  /**
   * Records files found by a scan, in one transaction. New → pending; same size+mtime → untouched (a missing file
   * that reappears gets back the status it had); changed → pending with analysis cleared and user data kept.
   */
  indexBatch(entries: readonly IndexEntry[], at = Date.now()): IndexBatchResult {
    const result: IndexBatchResult = { added: 0, changed: 0, unchanged: 0, restored: 0, ids: [] };
    tx(this.db, () => {
      for (const e of entries) {
        const row = this.existing.get(e.path);
        if (!row) {
          const id = Number(this.insert.run(e.rootId, e.path, e.relPath, e.name, e.ext, e.sizeBytes, e.mtimeMs, at).lastInsertRowid);
          this.fts.inserted(id, e.name, e.path);
          result.ids.push(id);
          result.added++;
          continue;
        }
        result.ids.push(row.id);
        if (row.size_bytes === e.sizeBytes && row.mtime_ms === e.mtimeMs) {
          if (row.status === 'missing') {
            this.restore.run(e.rootId, e.relPath, e.ext, row.id);
            result.restored++;
          } else {
            if (row.root_id !== e.rootId || row.rel_path !== e.relPath) this.move.run(e.rootId, e.relPath, row.id);
            result.unchanged++;
          }
        } else {
          this.reset.run(e.rootId, e.relPath, e.ext, e.sizeBytes, e.mtimeMs, at, row.id);
          this.clearAnalysisRows.run(row.id);
          result.changed++;
        }
      }
    });
    return result;
  }

  /** path → stat of every known file under a root (missing ones included), for a scan's quick unchanged check. */
  statsForRoot(rootId: number): Map<string, SampleStat> {
    const out = new Map<string, SampleStat>();
    for (let after: string | null = ''; after !== null; ) after = this.statsForRootSlice(rootId, after, STATS_SLICE, out);
    return out;
  }

  /**
   * The next `limit` rows of statsForRoot in path order after `after` ('' to start), added to `into`; returns the
   * last path read, or null once the root is exhausted. A scan reads in slices so the UI thread gets turns between
   * them; slices of 10k also measured ~15% faster than one all() of 100k rows (less to keep alive at once).
   */
  statsForRootSlice(rootId: number, after: string, limit: number, into: Map<string, SampleStat>): string | null {
    // Walks the (root_id, path) index in order: no sort, and each slice starts where the last one ended.
    const stmt = this.db.prepare('SELECT path, id, size_bytes, mtime_ms, status FROM samples WHERE root_id = ? AND path > ? ORDER BY path LIMIT ?').raw();
    const rows = stmt.all(rootId, after, limit) as Array<[string, number, number, number, SampleStatus]>;
    for (const [path, id, sizeBytes, mtimeMs, status] of rows) into.set(path, { id, sizeBytes, mtimeMs, status });
    return rows.length < limit ? null : rows[rows.length - 1][0];
  }

  /** The files are gone from disk; rows, analysis and user data stay so a return or a move can restore them. */
  markMissing(ids: readonly number[], at: number): void {
    tx(this.db, () => {
      for (const id of ids) this.missingOne.run(at, id);
    });
  }

  /** Every attached file of a root goes missing at once (root removed). */
  markRootMissing(rootId: number, at: number): void {
    this.db.prepare("UPDATE samples SET prev_status = status, status = 'missing', missing_since = ? WHERE root_id = ? AND status <> 'missing'").run(at, rootId);
  }

  /**
   * Work for the analysis pipeline: pending files first (everything to run), then analysed files whose stored
   * version of some analyzer differs from `currentVersions` (only those). Failed files wait for a change or retryFailed().
   */
  nextForAnalysis(limit: number, currentVersions: Partial<Record<AnalyzerId, number>>, excludeIds: readonly number[] = []): AnalysisCandidate[] {
    const out: AnalysisCandidate[] = [];
    if (limit <= 0) return out;
    const exclude = JSON.stringify(excludeIds);
    const pending = this.cached(`SELECT id, path, size_bytes, mtime_ms FROM samples WHERE status = 'pending'
        AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`).raw().all(exclude, limit) as Array<[number, string, number, number]>;
    for (const [id, path, sizeBytes, mtimeMs] of pending) out.push({ id, path, sizeBytes, mtimeMs, stale: 'all' });
    if (out.length >= limit) return out;
    const current = versionSignature(currentVersions);
    // Two range scans of (status, analysis_sig) around the current signature: up-to-date rows are never visited.
    // (analysed rows always carry a signature: saveAnalysis and relink set it.)
    const stale = this.cached(`SELECT id, path, size_bytes, mtime_ms, analysis_sig FROM samples
        WHERE status = 'analysed' AND analysis_sig < @sig AND id NOT IN (SELECT value FROM json_each(@exclude))
        UNION ALL
        SELECT id, path, size_bytes, mtime_ms, analysis_sig FROM samples
        WHERE status = 'analysed' AND analysis_sig > @sig AND id NOT IN (SELECT value FROM json_each(@exclude))`).raw();
    for (const [id, path, sizeBytes, mtimeMs, sig] of stale.iterate({ sig: current, exclude }) as IterableIterator<[number, string, number, number, string | null]>) {
      const which = staleAnalyzers(parseSignature(sig), currentVersions);
      if (!which.length) continue; // only results of analyzers no longer run: nothing to do
      out.push({ id, path, sizeBytes, mtimeMs, stale: which });
      if (out.length >= limit) break;
    }
    return out;
  }

  private statMatches(id: number, expect: StatExpectation): { status: SampleStatus } | null {
    const row = this.statRow.get(id);
    if (!row || row.size_bytes !== expect.sizeBytes || row.mtime_ms !== expect.mtimeMs) return null;
    return { status: row.status };
  }

  /**
   * Stores one file's analysis: only the analyzers in `data.versions` are replaced, the others are kept. Returns
   * false and writes nothing when the row is gone or its size/mtime no longer match (the file changed meanwhile).
   */
  saveAnalysis(id: number, expect: StatExpectation, data: AnalysisData, at = Date.now()): boolean {
    return tx(this.db, () => {
      const found = this.statMatches(id, expect);
      if (!found) return false;
      for (const analyzer of ANALYZER_IDS) {
        const version = data.versions[analyzer];
        if (version === undefined) continue;
        const encoded = encodeWithArrays(data.result[analyzer] ?? null);
        this.upsertAnalysis.run(id, analyzer, version, encoded.json, encoded.arrays);
      }
      const stored = this.storedVersions.all(id);
      const sig = versionSignature(Object.fromEntries(stored.map((r) => [r.analyzer, r.version])));
      const d = data.derived;
      const info = data.info;
      // A file that went missing while it was analysed stays missing; it will be 'analysed' when it returns.
      const statusSql = found.status === 'missing' ? "status = 'missing', prev_status = 'analysed'" : "status = 'analysed', prev_status = NULL";
      this.cached(`UPDATE samples SET ${statusSql}, analysed_at = ?, analysis_sig = ?, format = ?, codec = ?, sample_rate = ?,
          channels = ?, bit_depth = ?, frames = ?, duration_sec = ?, kind = ?, bpm = ?, bpm_source = ?, musical_key = ?, key_source = ?,
          note = ?, root_midi = ?, loudness_lufs = ?, peak_db = ?, fingerprint = ?, metadata_json = ?, error_code = NULL,
          error_message = NULL WHERE id = ?`)
        .run(at, sig, info.format, info.codec, info.sampleRate, info.channels, info.bitDepth,
          data.result.fingerprint?.frames ?? info.frames, d.durationSec, d.kind, d.bpm, d.bpmSource, d.key, d.keySource,
          d.note, d.rootMidi, d.loudnessLufs, d.peakDb, d.fingerprint, JSON.stringify(data.metadata ?? {}), id);
      return true;
    });
  }

  /** Records why a file could not be analysed; same size/mtime guard as saveAnalysis. */
  saveFailure(id: number, expect: StatExpectation, error: SampleError, at = Date.now()): boolean {
    return tx(this.db, () => {
      const found = this.statMatches(id, expect);
      if (!found) return false;
      const statusSql = found.status === 'missing' ? "prev_status = 'failed'" : "status = 'failed', prev_status = NULL";
      this.cached(`UPDATE samples SET ${statusSql}, analysed_at = ?, error_code = ?, error_message = ? WHERE id = ?`)
        .run(at, error.code, error.message, id);
      return true;
    });
  }

  /** Queues every failed file again (e.g. after a decoder update). Returns how many. */
  retryFailed(): number {
    return this.db.prepare("UPDATE samples SET status = 'pending', error_code = NULL, error_message = NULL WHERE status = 'failed'").run().changes;
  }

  /** Missing samples whose audio hash matches, most recently gone first: candidates for a moved/renamed file. */
  findMissingByFingerprint(fingerprint: string): number[] {
    return this.cached("SELECT id FROM samples WHERE fingerprint = ? AND status = 'missing' ORDER BY missing_since DESC, id")
      .pluck().all(fingerprint) as number[];
  }

  /**
   * A moved or renamed file: the missing row keeps its id and user data (labels, tags, groups, rating, favourite,
   * hidden tags) and takes over the new row's path, stat and analysis; derived tags/labels follow the new file;
   * the new row is deleted. One transaction.
   */
  relink(missingId: number, newId: number): void {
    if (missingId === newId) throw new Error(`cannot relink sample ${missingId} to itself`);
    tx(this.db, () => {
      const old = this.db.prepare('SELECT status, rating, favourite FROM samples WHERE id = ?').get(missingId) as { status: SampleStatus; rating: number; favourite: number } | undefined;
      const fresh = this.db.prepare('SELECT * FROM samples WHERE id = ?').get(newId) as Record<string, unknown> | undefined;
      if (!old) throw new Error(`relink: sample ${missingId} does not exist`);
      if (!fresh) throw new Error(`relink: sample ${newId} does not exist`);
      if (old.status !== 'missing') throw new Error(`relink: sample ${missingId} is not missing (status ${old.status})`);
      if (fresh.status === 'missing') throw new Error(`relink: sample ${newId} is itself missing`);
      // Analysis: the new file's results replace the old ones.
      this.db.prepare('DELETE FROM analysis WHERE sample_id = ?').run(missingId);
      this.db.prepare('UPDATE analysis SET sample_id = ? WHERE sample_id = ?').run(missingId, newId);
      // Derived tags and labels describe the new name/content; the user's own stay (the old row's win a tie).
      this.db.prepare("DELETE FROM sample_tags WHERE sample_id = ? AND source <> 'user'").run(missingId);
      this.db.prepare('UPDATE OR IGNORE sample_tags SET sample_id = ? WHERE sample_id = ?').run(missingId, newId);
      this.db.prepare("DELETE FROM labels WHERE sample_id = ? AND source <> 'user'").run(missingId);
      this.db.prepare('UPDATE OR IGNORE labels SET sample_id = ? WHERE sample_id = ?').run(missingId, newId);
      this.db.prepare('UPDATE OR IGNORE tag_hidden SET sample_id = ? WHERE sample_id = ?').run(missingId, newId);
      this.db.prepare('UPDATE OR IGNORE group_members SET sample_id = ? WHERE sample_id = ?').run(missingId, newId);
      this.db.prepare('DELETE FROM samples WHERE id = ?').run(newId); // cascades whatever did not move
      this.db.prepare(`UPDATE samples SET root_id = ?, path = ?, rel_path = ?, name = ?, ext = ?, size_bytes = ?, mtime_ms = ?,
          status = ?, prev_status = NULL, missing_since = NULL, indexed_at = ?, analysed_at = ?, analysis_sig = ?, format = ?, codec = ?,
          sample_rate = ?, channels = ?, bit_depth = ?, frames = ?, duration_sec = ?, kind = ?, bpm = ?, bpm_source = ?, musical_key = ?,
          key_source = ?, note = ?, root_midi = ?, loudness_lufs = ?, peak_db = ?, fingerprint = ?, metadata_json = ?, error_code = ?,
          error_message = ?, rating = ?, favourite = ? WHERE id = ?`)
        .run(fresh.root_id, fresh.path, fresh.rel_path, fresh.name, fresh.ext, fresh.size_bytes, fresh.mtime_ms, fresh.status,
          fresh.indexed_at, fresh.analysed_at, fresh.analysis_sig, fresh.format, fresh.codec, fresh.sample_rate, fresh.channels,
          fresh.bit_depth, fresh.frames, fresh.duration_sec, fresh.kind, fresh.bpm, fresh.bpm_source, fresh.musical_key,
          fresh.key_source, fresh.note, fresh.root_midi, fresh.loudness_lufs, fresh.peak_db, fresh.fingerprint, fresh.metadata_json,
          fresh.error_code, fresh.error_message, old.rating || (fresh.rating as number), old.favourite || (fresh.favourite as number), missingId);
      this.fts.tagsChanged(missingId);
    });
  }

  private summaries(rows: SampleRow[]): SampleSummary[] {
    const ids = rows.map((r) => r.id);
    const tags = this.tags.forSamples(ids);
    const labels = this.labels.categories(ids);
    return rows.map((r) => toSummary(r, tags.get(r.id) ?? [], labels.get(r.id) ?? null));
  }

  get(id: number): SampleSummary | null {
    const row = this.summaryById.get(id);
    return row ? this.summaries([rowFromRaw(row)])[0] : null;
  }

  byPath(path: string): SampleSummary | null {
    const id = this.cached('SELECT id FROM samples WHERE path = ?').pluck().get(path) as number | undefined;
    return id === undefined ? null : this.get(id);
  }

  /** Chosen analyzers' results for many samples at once (e.g. descriptor summaries for a listing), arrays restored. */
  analysisFor(ids: readonly number[], analyzers: readonly AnalyzerId[]): Map<number, AnalysisResult> {
    const out = new Map<number, AnalysisResult>();
    if (!ids.length || !analyzers.length) return out;
    const rows = this.db.prepare(`SELECT a.sample_id AS id, a.analyzer, a.json, a.arrays FROM json_each(?) j JOIN analysis a ON a.sample_id = j.value
        WHERE a.analyzer IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids), JSON.stringify(analyzers)) as Array<AnalysisRow & { id: number }>;
    for (const r of rows) {
      const value = decodeWithArrays<unknown>(r.json, r.arrays);
      if (value === null) continue;
      let result = out.get(r.id);
      if (!result) out.set(r.id, (result = {}));
      (result as Record<string, unknown>)[r.analyzer] = value;
    }
    return out;
  }

  /** Summary plus embedded metadata, every stored analyzer result (typed arrays restored) and their versions. */
  detail(id: number): SampleDetail | null {
    const summary = this.get(id);
    if (!summary) return null;
    const metadataJson = this.cached('SELECT metadata_json FROM samples WHERE id = ?').pluck().get(id) as string | null;
    const rows = this.cached('SELECT analyzer, version, json, arrays FROM analysis WHERE sample_id = ?').all(id) as AnalysisRow[];
    const analysis: AnalysisResult = {};
    const analyzerVersions: Record<string, number> = {};
    for (const r of rows) {
      analyzerVersions[r.analyzer] = r.version;
      const value = decodeWithArrays<unknown>(r.json, r.arrays);
      if (value !== null) (analysis as Record<string, unknown>)[r.analyzer] = value;
    }
    return { ...summary, metadata: metadataJson ? (JSON.parse(metadataJson) as EmbeddedMetadata) : {}, analysis, analyzerVersions };
  }

  peaks(id: number): PeaksResult | null {
    const row = this.cached("SELECT json, arrays FROM analysis WHERE sample_id = ? AND analyzer = 'peaks'").get(id) as { json: string; arrays: Buffer | null } | undefined;
    return row ? decodeWithArrays<PeaksResult | null>(row.json, row.arrays) : null;
  }

  private where(q: SampleQuery): { sql: string; params: unknown[]; fts: string | null } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    let fts: string | null = null;
    if (q.status) {
      clauses.push('s.status = ?');
      params.push(q.status);
    } else {
      clauses.push("s.status <> 'missing'");
    }
    if (q.rootId !== undefined) {
      clauses.push('s.root_id = ?');
      params.push(q.rootId);
    }
    if (q.ids) {
      clauses.push('s.id IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(q.ids));
    }
    if (q.text !== undefined && q.text.trim()) {
      fts = toFtsQuery(q.text);
      // Text with nothing searchable in it (only punctuation) matches nothing rather than everything.
      clauses.push(fts ? 'f.samples_fts MATCH ?' : '0');
      if (fts) params.push(fts);
    }
    if (q.category !== undefined) {
      clauses.push(`${EFFECTIVE_CATEGORY} = ?`);
      params.push(q.category);
    }
    if (q.kind !== undefined) {
      clauses.push('s.kind = ?');
      params.push(q.kind);
    }
    if (q.favourite !== undefined) {
      clauses.push('s.favourite = ?');
      params.push(q.favourite ? 1 : 0);
    }
    if (q.groupId !== undefined) {
      clauses.push('s.id IN (SELECT sample_id FROM group_members WHERE group_id = ?)');
      params.push(q.groupId);
    }
    const from = fts ? 'samples_fts f JOIN samples s ON s.id = f.rowid' : 'samples s';
    return { sql: `FROM ${from} JOIN roots r ON r.id = s.root_id WHERE ${clauses.join(' AND ')}`, params, fts };
  }

  /** Builds the list query (exposed for EXPLAIN QUERY PLAN checks). */
  listSql(q: SampleQuery): { sql: string; params: unknown[] } {
    const w = this.where(q);
    const dir = q.desc ? 'DESC' : 'ASC';
    let order: string;
    if (q.orderBy === 'relevance' && w.fts) order = `f.rank ${dir}, s.id`;
    else {
      const col = ORDER_COLUMNS[q.orderBy === 'relevance' || !q.orderBy ? 'path' : q.orderBy];
      // Unknown values (no BPM, not analysed) sort last either way.
      if (col === 's.path' || col === 's.id') order = `${col} ${dir}`;
      else if (col === 's.name') order = `s.name ${dir}, s.id ${dir}`;
      else order = `${col} IS NULL, ${col} ${dir}, s.id`;
    }
    const limit = q.limit === undefined ? -1 : Math.max(0, Math.floor(q.limit));
    const offset = Math.max(0, Math.floor(q.offset ?? 0));
    return { sql: `SELECT ${SUMMARY_COLUMNS} ${w.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params: w.params };
  }

  list(q: SampleQuery = {}): SampleSummary[] {
    const { sql, params } = this.listSql(q);
    return this.summaries((this.db.prepare(sql).raw().all(...params) as unknown[][]).map(rowFromRaw));
  }

  /** How many samples `list` would return without limit/offset. */
  count(q: SampleQuery = {}): number {
    const w = this.where(q);
    return this.db.prepare(`SELECT count(*) ${w.sql}`).pluck().get(...w.params) as number;
  }

  /**
   * Value counts over everything `q` matches (limit/offset ignored), for the filter sidebar: effective categories,
   * one-shot/loop, musical keys and file formats, most frequent first. Unknown values are left out.
   */
  facets(q: SampleQuery = {}): SampleFacets {
    const w = this.where(q);
    const count = (expr: string): FacetCount[] =>
      this.db.prepare(`SELECT v AS value, count(*) AS count FROM (SELECT ${expr} AS v ${w.sql}) WHERE v IS NOT NULL
          GROUP BY v ORDER BY count DESC, value`).all(...w.params) as FacetCount[];
    return { categories: count(EFFECTIVE_CATEGORY), kinds: count('s.kind'), keys: count('s.musical_key'), formats: count('s.format') };
  }

  counts(): SampleCounts {
    const out: SampleCounts = { indexed: 0, analysed: 0, pending: 0, failed: 0, missing: 0, failedByReason: {} };
    for (const r of this.db.prepare('SELECT status, count(*) AS n FROM samples GROUP BY status').all() as Array<{ status: SampleStatus; n: number }>) {
      out[r.status] = r.n;
    }
    out.indexed = out.analysed + out.pending + out.failed;
    for (const r of this.db.prepare("SELECT coalesce(error_code, 'unknown') AS code, count(*) AS n FROM samples WHERE status = 'failed' GROUP BY 1").all() as Array<{ code: string; n: number }>) {
      out.failedByReason[r.code] = r.n;
    }
    return out;
  }

  setRating(id: number, rating: number): void {
    if (!Number.isInteger(rating) || rating < 0 || rating > 5) throw new Error(`a rating is a whole number from 0 to 5, got ${rating}`);
    if (this.db.prepare('UPDATE samples SET rating = ? WHERE id = ?').run(rating, id).changes === 0) throw new Error(`no sample ${id}`);
  }

  setFavourite(id: number, favourite: boolean): void {
    if (this.db.prepare('UPDATE samples SET favourite = ? WHERE id = ?').run(favourite ? 1 : 0, id).changes === 0) throw new Error(`no sample ${id}`);
  }

  /**
   * Feature vectors of every analysed sample, packed row after row. Rows whose vector length differs from the
   * most common one (written by an older vector analyzer, awaiting re-analysis) are left out.
   */
  vectors(): { ids: Int32Array; dim: number; data: Float32Array } {
    const sizes = this.db.prepare(`SELECT length(a.arrays) AS bytes, count(*) AS n FROM analysis a JOIN samples s ON s.id = a.sample_id
        WHERE a.analyzer = 'vector' AND s.status = 'analysed' AND a.arrays IS NOT NULL GROUP BY 1 ORDER BY n DESC, bytes DESC LIMIT 1`)
      .get() as { bytes: number; n: number } | undefined;
    if (!sizes || sizes.bytes === 0) return { ids: new Int32Array(0), dim: 0, data: new Float32Array(0) };
    const dim = sizes.bytes / 4;
    const ids = new Int32Array(sizes.n);
    const data = new Float32Array(sizes.n * dim);
    const bytes = new Uint8Array(data.buffer);
    let i = 0;
    const stmt = this.db.prepare(`SELECT a.sample_id, a.arrays FROM analysis a JOIN samples s ON s.id = a.sample_id
        WHERE a.analyzer = 'vector' AND s.status = 'analysed' AND length(a.arrays) = ? ORDER BY a.sample_id`).raw();
    // A vector result holds one array, stored first in its BLOB, so the BLOB is exactly the vector.
    for (const [id, blob] of stmt.iterate(sizes.bytes) as IterableIterator<[number, Buffer]>) {
      ids[i] = id;
      bytes.set(blob, i * sizes.bytes);
      i++;
    }
    return { ids, dim, data };
  }

  /** One sample's feature vector, or null. */
  vector(id: number): Float32Array | null {
    const row = this.cached("SELECT json, arrays FROM analysis WHERE sample_id = ? AND analyzer = 'vector'").get(id) as { json: string; arrays: Buffer | null } | undefined;
    if (!row || !row.arrays) return null;
    return decodeWithArrays<{ values: Float32Array } | null>(row.json, row.arrays)?.values ?? bufferToFloat32(row.arrays);
  }
}
