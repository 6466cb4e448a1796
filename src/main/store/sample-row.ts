// The samples table row and how it becomes the SampleSummary the CLI and UI show.
import type { AudioFormat } from '../../shared/model/audio.js';
import type { SampleKind } from '../../shared/model/analysis.js';
import type { SampleErrorCode, SampleStatus, SampleSummary, TagSource } from '../../shared/model/sample.js';
import type { Tag } from '../../shared/model/sample.js';

export interface SampleRow {
  id: number;
  root_id: number;
  root_path: string;
  path: string;
  name: string;
  status: SampleStatus;
  size_bytes: number;
  mtime_ms: number;
  format: AudioFormat | null;
  sample_rate: number | null;
  channels: number | null;
  bit_depth: number | null;
  duration_sec: number | null;
  kind: SampleKind | null;
  bpm: number | null;
  bpm_source: string | null;
  musical_key: string | null;
  key_source: string | null;
  note: string | null;
  loudness_lufs: number | null;
  peak_db: number | null;
  fingerprint: string | null;
  metadata_json: string | null;
  error_code: SampleErrorCode | null;
  error_message: string | null;
  rating: number;
  favourite: number;
}

/** Columns for a summary, in the order rowFromRaw reads them; `s` is samples, `r` is roots. */
export const SUMMARY_COLUMNS = `s.id, s.root_id, r.path AS root_path, s.path, s.name, s.status, s.size_bytes, s.mtime_ms, s.format,
  s.sample_rate, s.channels, s.bit_depth, s.duration_sec, s.kind, s.bpm, s.bpm_source, s.musical_key, s.key_source, s.note,
  s.loudness_lufs, s.peak_db, s.fingerprint, s.error_code, s.error_message, s.rating, s.favourite`;

type Raw = unknown[];

/**
 * Builds the row object in JS from a raw (array) result: better-sqlite3 creating 26-key objects natively was 4x
 * slower, and loading a 100k library at start-up goes through here.
 */
export function rowFromRaw(a: Raw): SampleRow {
  return {
    id: a[0] as number, root_id: a[1] as number, root_path: a[2] as string, path: a[3] as string, name: a[4] as string,
    status: a[5] as SampleStatus, size_bytes: a[6] as number, mtime_ms: a[7] as number, format: a[8] as AudioFormat | null,
    sample_rate: a[9] as number | null, channels: a[10] as number | null, bit_depth: a[11] as number | null,
    duration_sec: a[12] as number | null, kind: a[13] as SampleKind | null, bpm: a[14] as number | null,
    bpm_source: a[15] as string | null, musical_key: a[16] as string | null, key_source: a[17] as string | null,
    note: a[18] as string | null, loudness_lufs: a[19] as number | null, peak_db: a[20] as number | null,
    fingerprint: a[21] as string | null, metadata_json: null, error_code: a[22] as SampleErrorCode | null,
    error_message: a[23] as string | null, rating: a[24] as number, favourite: a[25] as number,
  };
}

export function toSummary(r: SampleRow, tags: Tag[], category: { name: string; source: TagSource; confidence: number } | null): SampleSummary {
  return {
    id: r.id,
    path: r.path,
    root: r.root_path,
    name: r.name,
    status: r.status,
    sizeBytes: r.size_bytes,
    mtimeMs: r.mtime_ms,
    format: r.format,
    sampleRate: r.sample_rate,
    channels: r.channels,
    bitDepth: r.bit_depth,
    durationSec: r.duration_sec,
    kind: r.kind,
    bpm: r.bpm,
    bpmSource: r.bpm_source as TagSource | 'analysis' | null,
    key: r.musical_key,
    keySource: r.key_source as TagSource | 'analysis' | null,
    note: r.note,
    loudnessLufs: r.loudness_lufs,
    peakDb: r.peak_db,
    fingerprint: r.fingerprint,
    rating: r.rating,
    favourite: r.favourite === 1,
    tags,
    error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
    category,
  };
}
