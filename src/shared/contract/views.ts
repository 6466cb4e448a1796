// Shapes the core sends back to the UI. Plain JSON (no typed arrays) so they cross HTTP and IPC unchanged.
import type { SampleSummary, TagSource, SampleStatus } from '../model/sample.js';
import type { EmbeddedMetadata } from '../model/audio.js';

export interface CategoryView {
  name: string;
  source: TagSource;
  confidence: number;
}

export type SampleRow = Omit<SampleSummary, 'category'> & { category: CategoryView | null };

export interface Neighbour {
  id: number;
  name: string;
  category: string;
  distance: number;
  source?: string;
}

export interface LabelView extends CategoryView {
  /** Why: the voting neighbours for a model label, the matched tokens for a file-name label. */
  neighbours: Neighbour[];
  tokens: string[];
  /** Set when a tonal sound was voted again with descriptors joined: what the sound model alone said. */
  firstVote?: string;
}

export interface PeaksLevelView {
  framesPerPeak: number;
  min: number[];
  max: number[];
}

export interface PeaksView {
  sampleRate: number;
  durationSec: number;
  overview: PeaksLevelView;
  detail: PeaksLevelView;
}

export interface DescriptorsView {
  attackSec: number | null;
  decaySec: number | null;
  kindReason: string | null;
  centroidHz: number | null;
  tonality: number | null;
  f0Hz: number | null;
  pitchConfidence: number | null;
  bpmConfidence: number | null;
  keyConfidence: number | null;
  rmsDb: number | null;
  crestDb: number | null;
  clipped: boolean | null;
  leadingSilenceSec: number | null;
}

export interface SampleDetailView {
  sample: SampleRow;
  metadata: EmbeddedMetadata;
  label: LabelView | null;
  /** Every source's opinion, strongest first, so the UI can show what the model thought under a user label. */
  labels: LabelView[];
  descriptors: DescriptorsView;
  groups: Array<{ id: number; name: string }>;
  peaks: PeaksView | null;
}

export interface RootView {
  id: number;
  path: string;
  addedAt: number;
  lastScanAt: number | null;
  samples: number;
}

export interface CountsView {
  indexed: number;
  analysed: number;
  pending: number;
  failed: number;
  missing: number;
  failedByReason: Record<string, number>;
}

export interface ProgressView {
  phase: 'index' | 'analyse' | 'export' | 'idle';
  done: number;
  total: number;
  ratePerSec: number;
  etaSec: number | null;
  current?: string;
}

export interface FeaturesView {
  similar: boolean;
  map: boolean;
  duplicates: boolean;
  report: boolean;
  export: boolean;
  uploadSearch: boolean;
}

export interface LibraryStatusView {
  name: string;
  roots: RootView[];
  counts: CountsView;
  progress: ProgressView;
  features: FeaturesView;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface ListResult {
  total: number;
  offset: number;
  rows: SampleRow[];
  facets: { categories: FacetCount[]; kinds: FacetCount[]; keys: FacetCount[]; formats: FacetCount[] };
}

export interface SimilarHit {
  row: SampleRow;
  distance: number;
}

export interface SimilarResult {
  query: { id: number | null; name: string };
  hits: SimilarHit[];
  /** The space searched: the learned embedding (equal or no aspect weights) or the aspect-weighted descriptors. */
  space?: 'embedding' | 'descriptors';
}

export interface MapPointsView {
  count: number;
  ids: number[];
  x: number[];
  y: number[];
  /** Index into `categories` per point, -1 when unlabelled. */
  category: number[];
  categories: string[];
  cluster: number[];
  clusters: number;
  folder: number[];
  folders: string[];
}

export interface GroupView {
  id: number;
  name: string;
  size: number;
}

export interface DuplicateSetView {
  kind: 'exact' | 'near';
  similarity: number;
  rows: SampleRow[];
}

export interface ReportView {
  classes: string[];
  /** matrix[true][predicted] counts. */
  matrix: number[][];
  perClass: Array<{ name: string; precision: number; recall: number; f1: number; support: number }>;
  macroF1: number;
  labelled: number;
  note: string;
}

export interface CategoryOption {
  id: string;
  name: string;
  group: string;
}

export interface ProblemView {
  path: string;
  code: string;
  message: string;
}

export interface FailedView {
  id: number;
  path: string;
  code: string;
  message: string;
}

export interface ExportPlanView {
  items: Array<{ sampleId: number; from: string; to: string }>;
  warnings: string[];
}

export interface ExportResultView {
  written: number;
  skipped: number;
  errors: Array<{ path: string; message: string }>;
  destination: string;
}

export type { SampleStatus };

/** The personal similarity head (on-device learning from the user's labels and tags); same shape as its event. */
export interface PersonalHeadView {
  /**
   * untrained: not in use · waiting: training is due shortly · training: running now · trained: in use and up to
   * date · outdated: in use but the labels (or the model) changed since · error: the last training failed.
   */
  state: 'untrained' | 'waiting' | 'training' | 'trained' | 'outdated' | 'error';
  /** Sounds the user labelled or tagged now, and groups among them with enough examples to learn from. */
  labels: number;
  classes: number;
  /** What is still missing before training can start; null when there is enough. */
  needs: string | null;
  trained: { labels: number; classes: number; at: number; seconds: number; groups: Array<{ label: string; count: number }> } | null;
  progress: { epoch: number; epochs: number } | null;
  message: string | null;
}
