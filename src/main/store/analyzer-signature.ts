// A compact "analyzer:version,…" string per sample, so rows needing re-analysis after a version bump are found
// with one index range scan instead of a join over every analyzer result.
import { ANALYZER_IDS, type AnalyzerId } from '../../shared/model/analysis.js';

export function versionSignature(versions: Partial<Record<AnalyzerId, number>>): string {
  return ANALYZER_IDS.filter((a) => versions[a] !== undefined).map((a) => `${a}:${versions[a]}`).join(',');
}

export function parseSignature(sig: string | null): Partial<Record<AnalyzerId, number>> {
  const out: Partial<Record<AnalyzerId, number>> = {};
  if (!sig) return out;
  for (const part of sig.split(',')) {
    const [id, v] = part.split(':');
    out[id as AnalyzerId] = Number(v);
  }
  return out;
}

/** Analyzers whose stored version differs from the current one (or that never ran), in pipeline order. */
export function staleAnalyzers(stored: Partial<Record<AnalyzerId, number>>, current: Partial<Record<AnalyzerId, number>>): AnalyzerId[] {
  return ANALYZER_IDS.filter((a) => current[a] !== undefined && stored[a] !== current[a]);
}
