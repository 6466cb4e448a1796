// The export engine's vocabulary: what goes in (items + options), the plan it makes, and what a run reports.
import type { SampleKind } from '../../shared/model/analysis.js';

/** One sample to export, already resolved from the library (see select-export-items.ts). */
export interface ExportItem {
  sampleId: number;
  sourcePath: string;
  /** Original base name without extension. */
  name: string;
  /** Original extension without the dot, e.g. 'wav'. */
  ext: string;
  group?: string;
  /** Category id, e.g. 'hihat_closed'. */
  category?: string;
  tags: string[];
  bpm?: number | null;
  key?: string | null;
  note?: string | null;
  rootMidi?: number | null;
  kind?: SampleKind | null;
  fingerprint?: string | null;
  sizeBytes?: number;
}

export type ExportLayout = 'group' | 'category' | 'flat';
export type ExportMode = 'copy' | 'hardlink' | 'symlink';
export type ExportFormat = 'wav16' | 'wav24' | 'wav32f';

export interface ConversionOptions {
  format: ExportFormat;
  /** Output sample rate; omitted keeps the source rate. */
  sampleRate?: number;
  /** Omitted keeps the source channel count. */
  channels?: 'mono' | 'stereo';
  /** Peak-normalise to this many dBFS (true = -0.3 dBFS). */
  normalize?: boolean | number;
  /** Trim leading/trailing silence below -60 dBFS. */
  trim?: boolean;
  /** Fade the last N milliseconds out. */
  fadeOutMs?: number;
}

export interface ExportOptions {
  /** Folder the user chose; created if missing. */
  destination: string;
  layout?: ExportLayout;
  /** e.g. '{group}/{category}/{index:02} {name}.{ext}'; defaults from the layout. */
  template?: string;
  mode?: ExportMode;
  convert?: ConversionOptions | null;
  sfz?: boolean;
  decent?: boolean;
  /** Base name of the manifest files (JSON + CSV) at the destination root. */
  manifestName?: string;
}

export type PlannedAction = 'write' | 'skip-existing';

export interface PlannedFile {
  item: ExportItem;
  /** Path relative to the destination, '/'-separated, already sanitised. */
  relPath: string;
  /** Absolute destination path. */
  destPath: string;
  action: PlannedAction;
  /** Why a file is skipped ('already exported (manifest)'), for the dry-run listing. */
  reason?: string;
  /** Bucket (group/category/'All') the file belongs to; kits are built per bucket. */
  bucket: string;
  /** For skips: the size recorded when the file was written, carried into the new manifest. */
  destSize?: number | null;
}

export interface KitRegion {
  /** Path of the sample relative to the kit file, '/'-separated. */
  samplePath: string;
  key: number;
  loKey: number;
  hiKey: number;
  rootKey: number;
  /** 1-based round-robin position when several samples share a key range, else undefined. */
  seqPosition?: number;
  seqLength?: number;
  category?: string;
  oneShot: boolean;
}

export interface PlannedKit {
  format: 'sfz' | 'dspreset';
  bucket: string;
  kind: 'drums' | 'chromatic';
  relPath: string;
  destPath: string;
  regions: KitRegion[];
  content: string;
  action: 'write' | 'skip-existing' | 'replace-own';
  /** Samples left out of the kit and why (e.g. no detected root note). */
  omitted: Array<{ sampleId: number; reason: string }>;
}

export interface ExportPlan {
  destination: string;
  options: Required<Pick<ExportOptions, 'layout' | 'template' | 'mode' | 'manifestName'>> & ExportOptions;
  files: PlannedFile[];
  kits: PlannedKit[];
  /** Entries from the previous manifest that this export did not touch; carried into the new manifest. */
  carried: ManifestEntry[];
  manifestJsonPath: string;
  manifestCsvPath: string;
  warnings: string[];
}

export type ManifestStatus = 'written' | 'skipped-existing' | 'error';

export interface ManifestEntry {
  sampleId: number;
  source: string;
  /** Relative to the destination, '/'-separated. */
  destination: string;
  category: string | null;
  group: string | null;
  tags: string[];
  bpm: number | null;
  key: string | null;
  note: string | null;
  fingerprint: string | null;
  /** Source size when exported: with the fingerprint, tells a re-export whether the file is the same sound. */
  sourceSize: number | null;
  /** Size of the written file, to recognise it again. */
  destSize: number | null;
  /** Conversion signature ('copy', 'hardlink', 'wav24@48000/mono/norm-0.3'…): a different one means a new file. */
  variant: string;
  status: ManifestStatus;
  message?: string;
}

export interface ManifestKitEntry {
  path: string;
  format: 'sfz' | 'dspreset';
  /** sha256 of what we wrote: a kit the user edited since is never replaced. */
  sha256: string;
}

export interface ExportManifest {
  sonotecaExport: 1;
  createdAt: string;
  entries: ManifestEntry[];
  kits: ManifestKitEntry[];
}

export interface ExportProgress {
  done: number;
  total: number;
  current: string;
}

export interface ExportSummary {
  files: number;
  bytes: number;
  skipped: number;
  errors: Array<{ source: string; message: string }>;
  manifestPaths: string[];
  kitPaths: string[];
  /** True when a fatal condition (full disk, permission denied, cancel) stopped the run early. */
  aborted: boolean;
  notes: string[];
}

export class ExportError extends Error {
  constructor(message: string, readonly code: string = 'export') {
    super(message);
    this.name = 'ExportError';
  }
}
