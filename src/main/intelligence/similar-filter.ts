// Turns the UI's "similar, but only…" criteria (category, kind, duration, pitch) into a predicate for
// SimilarityIndex.search, so filtering happens inside the candidate scan rather than after a fixed top-k.
import type { SampleKind } from '../../shared/model/analysis.js';

export interface FilterableSample {
  category?: string | null;
  kind?: SampleKind | null;
  durationSec?: number | null;
  /** MIDI note of the detected pitch, when tonal. */
  midi?: number | null;
}

export interface SimilarCriteria {
  categories?: readonly string[];
  kind?: SampleKind;
  minDurationSec?: number;
  maxDurationSec?: number;
  minMidi?: number;
  maxMidi?: number;
}

/** Samples without the value a criterion needs (no pitch, unknown duration) are excluded by that criterion. */
export function similarFilter(samples: ReadonlyMap<number, FilterableSample>, c: SimilarCriteria): (id: number) => boolean {
  const cats = c.categories && c.categories.length ? new Set(c.categories) : null;
  const wantDur = c.minDurationSec !== undefined || c.maxDurationSec !== undefined;
  const wantPitch = c.minMidi !== undefined || c.maxMidi !== undefined;
  return (id) => {
    const s = samples.get(id);
    if (!s) return false;
    if (cats && !(s.category && cats.has(s.category))) return false;
    if (c.kind && s.kind !== c.kind) return false;
    if (wantDur) {
      const d = s.durationSec;
      if (d === null || d === undefined || d < (c.minDurationSec ?? -Infinity) || d > (c.maxDurationSec ?? Infinity)) return false;
    }
    if (wantPitch) {
      const m = s.midi;
      if (m === null || m === undefined || m < (c.minMidi ?? -Infinity) || m > (c.maxMidi ?? Infinity)) return false;
    }
    return true;
  };
}
