// Turns store records (typed arrays, JSON evidence) into the plain views of the contract.
import type { SampleDetail } from '../../shared/model/sample.js';
import type { PeaksResult, PeaksLevel } from '../../shared/model/analysis.js';
import type { DescriptorsView, LabelView, Neighbour, PeaksLevelView, PeaksView } from '../../shared/contract/views.js';
import { TAG_SOURCE_PRIORITY, type TagSource } from '../../shared/model/sample.js';

const round = (x: number) => Math.round(x * 1000) / 1000;

function level(l: PeaksLevel): PeaksLevelView {
  return { framesPerPeak: l.framesPerPeak, min: Array.from(l.min, round), max: Array.from(l.max, round) };
}

export function peaksView(p: PeaksResult | null | undefined, sampleRate: number | null, durationSec: number | null): PeaksView | null {
  if (!p || !sampleRate) return null;
  return { sampleRate, durationSec: durationSec ?? 0, overview: level(p.overview), detail: level(p.detail) };
}

export function descriptorsView(d: SampleDetail): DescriptorsView {
  const a = d.analysis;
  return {
    attackSec: a.envelope?.attackSec ?? null,
    decaySec: a.envelope?.decaySec ?? null,
    kindReason: a.envelope?.kindReason ?? null,
    centroidHz: a.spectral?.centroidHz.mean ?? null,
    tonality: a.spectral?.tonality ?? null,
    f0Hz: a.pitch?.f0Hz ?? null,
    pitchConfidence: a.pitch?.confidence ?? null,
    bpmConfidence: a.rhythm?.confidence ?? null,
    keyConfidence: a.key?.confidence ?? null,
    rmsDb: a.loudness?.rmsDb ?? null,
    crestDb: a.loudness?.crestDb ?? null,
    clipped: a.loudness?.clipped ?? null,
    leadingSilenceSec: a.loudness?.leadingSilenceSec ?? null,
  };
}

/** Evidence is free JSON written by whichever labeller set the label; read what we recognise, ignore the rest. */
export function labelView(l: { category: string; source: string; confidence: number; evidence?: unknown } | null, nameOf: (id: number) => string): LabelView | null {
  if (!l) return null;
  const ev = (l.evidence ?? {}) as Record<string, unknown>;
  const rawNeighbours = Array.isArray(ev) ? ev : Array.isArray(ev.neighbours) ? ev.neighbours : Array.isArray(ev.neighbors) ? ev.neighbors : [];
  const neighbours: Neighbour[] = [];
  for (const n of rawNeighbours as Array<Record<string, unknown>>) {
    const category = String(n?.category ?? n?.label ?? '');
    const distance = Number(n?.distance ?? n?.d ?? NaN);
    // Built-in references (id null) are not library sounds: a negative id the UI cannot open, named for what they are.
    if (n?.id === null && category) {
      const ref = typeof n.path === 'string' ? n.path.replace(/^builtin:/, '') : 'reference';
      neighbours.push({ id: -(neighbours.length + 1), name: `built-in: ${ref}`, category, distance, source: 'builtin' });
      continue;
    }
    const id = Number(n?.id ?? n?.sampleId);
    if (!Number.isFinite(id) || !category) continue;
    neighbours.push({ id, name: nameOf(id), category, distance, source: typeof n.source === 'string' ? n.source : undefined });
  }
  const rawTokens = Array.isArray(ev.tokens) ? (ev.tokens as unknown[]).map(String) : Array.isArray(ev.evidence) ? (ev.evidence as unknown[]).map(String) : [];
  const tokens = [...new Set(rawTokens)];
  const firstVote = ev.vector === 'embedding+descriptors' && typeof ev.firstVote === 'string' ? { firstVote: ev.firstVote } : {};
  return { name: l.category, source: l.source as LabelView['source'], confidence: l.confidence, neighbours, tokens, ...firstVote };
}

/** Every source's opinion of one sample, strongest first (the order the store resolves the effective label in). */
export function labelViews(all: Array<{ category: string; source: TagSource; confidence: number; evidence?: unknown }>, nameOf: (id: number) => string): LabelView[] {
  const sorted = [...all].sort((a, b) => TAG_SOURCE_PRIORITY[b.source] - TAG_SOURCE_PRIORITY[a.source] || b.confidence - a.confidence);
  return sorted.map((l) => labelView(l, nameOf)!);
}
