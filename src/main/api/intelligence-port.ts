// What the API needs from the sound-intelligence layer. The built-in implementation covers it with exact search;
// the intelligence engineer's ANN index, layout and kNN plug in behind the same interface.
import type { ReportView } from '../../shared/contract/views.js';
import type { AspectWeights } from '../../shared/contract/calls.js';

export interface SimilarQuery {
  sampleId?: number;
  vector?: Float32Array;
  k: number;
  weights?: AspectWeights;
  allow?: (id: number) => boolean;
}

export interface MapLayout {
  ids: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  cluster: ArrayLike<number>;
  clusters: number;
}

export interface DuplicateSet {
  kind: 'exact' | 'near';
  similarity: number;
  ids: number[];
}

export interface IntelligencePort {
  similar(q: SimilarQuery): Array<{ id: number; distance: number }>;
  /** May take seconds for a big library: implementations compute it off the main thread. */
  mapLayout(): MapLayout | Promise<MapLayout>;
  distancesTo(id: number): { ids: ArrayLike<number>; distance: ArrayLike<number> };
  duplicates(): DuplicateSet[];
  report(): ReportView;
  /** Called after the library's vectors or labels changed; the port decides what to recompute lazily. */
  invalidate(what: 'vectors' | 'labels'): void;
}
