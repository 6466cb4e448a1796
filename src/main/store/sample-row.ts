// The samples table row and how it becomes the SampleSummary the CLI and UI show.
import type { AudioFormat } from '../../shared/model/audio.js';
import type { SampleKind } from '../../shared/model/analysis.js';
import type { SampleErrorCode, SampleStatus, SampleSummary, TagSource } from '../../shared/model/sample.js';
import type { Label } from './labels-repo.js';
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

/** Columns for a summary; `s` is samples, `r` is roots. */
export const SUMMARY_COLUMNS = `s.id, s.root_id, r.path AS root_path, s.path, s.name, s.status, s.size_bytes, s.mtime_ms, s.format,
  s.sample_rate, s.channels, s.bit_depth, s.duration_sec, s.kind, s.bpm, s.bpm_source, s.musical_key, s.key_source, s.note,
  s.loudness_lufs, s.peak_db, s.fingerprint, s.error_code, s.error_message, s.rating, s.favourite`;

export function toSummary(r: SampleRow, tags: Tag[], label: Label | null): SampleSummary {
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
    category: label ? { name: label.category, source: label.source, confidence: label.confidence } : null,
  };
}
