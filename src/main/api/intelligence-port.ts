// What the API needs from the sound-intelligence layer, in the API's terms. `service-intelligence.ts` binds it to
// the real services (src/main/services); tests or hosts may pass their own.
import type { ReportView } from '../../shared/contract/views.js';
import type { AspectWeights } from '../../shared/contract/calls.js';
import type { SampleKind } from '../../shared/model/analysis.js';
import type { PersonalHeadPort } from './personal-head-port.js';

export interface SimilarQuery {
  /** A library sample, or an audio file outside the library (decoded and analysed, never added). */
  target: { sampleId: number } | { file: string };
  k: number;
  weights?: AspectWeights;
  filters?: { categories?: string[]; kinds?: SampleKind[]; durationMin?: number; durationMax?: number; midiMin?: number; midiMax?: number };
}

export interface SimilarAnswer {
  hits: Array<{ id: number; distance: number }>;
  /** The space searched: the learned embedding (no aspect preference) or the weighted descriptors. */
  space: 'embedding' | 'descriptors';
}

export interface MapLayout {
  ids: ArrayLike<number>;
  /** Positions fitted to [-1, 1]² with one scale for both axes. */
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
  similar(q: SimilarQuery): Promise<SimilarAnswer>;
  /** The stored map, extended with sounds analysed since; may take seconds for a big library (off-thread). */
  mapLayout(): Promise<MapLayout>;
  distancesTo(id: number): Promise<{ ids: ArrayLike<number>; distance: ArrayLike<number> }>;
  duplicates(): Promise<DuplicateSet[]>;
  report(): Promise<ReportView>;
  /** The user's label for these sounds (null clears it); resolves to every sample whose label changed. */
  setUserLabels(ids: number[], category: string | null): Promise<number[]>;
  /** Called after the library's vectors changed (analysis); cached results are recomputed lazily. */
  invalidate(what: 'vectors' | 'labels'): void;
  /** Personal similarity learnt from the user's labels; absent where the host offers none. */
  personalHead?: PersonalHeadPort;
  /** The host is closing: stop any background work. */
  close?(): void;
}
